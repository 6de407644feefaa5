// Plans: parse and check a plan's text; what a checked plan declares.
#include "common.hpp"

#include <mandate/check.hpp>
#include <mandate/format.hpp>
#include <mandate/report.hpp>
#include <mandate/source.hpp>

#include <string_view>

namespace mandate::python {
namespace {

std::string type_text(const TypeName& type) {
  std::string text = type.name;
  if (!type.choices.empty()) {
    text += '(';
    for (std::size_t i = 0; i < type.choices.size(); ++i) text += (i ? ", " : "") + type.choices[i];
    text += ')';
  }
  return type.is_list ? "list(" + text + ")" : text;
}

std::string values_text(const std::vector<syntax::Node>& values) {
  std::string text;
  for (const syntax::Node& value : values)
    text += (text.empty() ? "" : ", ") + format_expression(value);
  return text;
}

template <class Declarations>
py::list names_of(const Declarations& declarations) {
  py::list out;
  for (const auto& declaration : declarations) out.append(declaration.name);
  return out;
}

/// The names a plan declares of one sort, in plan order.
py::list names(const Plan& plan, std::string_view sort) {
  if (sort == "kind") return names_of(plan.kinds);
  if (sort == "body") return names_of(plan.bodies);
  if (sort == "group") return names_of(plan.groups);
  if (sort == "parameter") return names_of(plan.parameters);
  if (sort == "metric") return names_of(plan.metrics);
  if (sort == "title") return names_of(plan.titles);
  if (sort == "event") return names_of(plan.events);
  if (sort == "programme") return names_of(plan.programmes);
  if (sort == "stage") return names_of(plan.stages);
  if (sort == "rule") return names_of(plan.rules);
  if (sort == "consequence") return names_of(plan.consequences);
  if (sort == "quota") return names_of(plan.quotas);
  throw py::value_error("unknown sort of declaration '" + std::string(sort) + "'");
}

py::list parameters(const Plan& plan) {
  py::list out;
  for (const Parameter& parameter : plan.parameters)
    out.append(py::dict(
        py::arg("name") = parameter.name, py::arg("type") = type_text(parameter.type),
        py::arg("default") = values_text(parameter.default_value), py::arg("doc") = parameter.doc,
        py::arg("citations") = citations_list(parameter.citations)));
  return out;
}

}  // namespace

void bind_plan(py::module_& m) {
  py::class_<PlanHandle, std::shared_ptr<PlanHandle>>(m, "PlanCore")
      .def_property_readonly("title",
                             [](const PlanHandle& self) { return self.plan->metadata.title; })
      .def_property_readonly("source_name",
                             [](const PlanHandle& self) { return self.plan->source_name; })
      .def_property_readonly("first_year",
                             [](const PlanHandle& self) { return self.plan->metadata.first_year; })
      .def_property_readonly("last_year",
                             [](const PlanHandle& self) { return self.plan->metadata.last_year; })
      .def("names",
           [](const PlanHandle& self, std::string_view sort) { return names(*self.plan, sort); })
      .def("parameters", [](const PlanHandle& self) { return parameters(*self.plan); })
      .def("summary", [](const PlanHandle& self) {
        std::string text;
        {
          py::gil_scoped_release release;
          text = render_summary(*self.plan);
        }
        return text;
      });

  // (plan or None, diagnostics): errors and warnings, each rendered with its
  // source line and a caret.
  m.def("parse_plan", [](const py::bytes& text, const std::string& name) {
    const SourceFile source(name, std::string(text));
    CheckResult result;
    {
      py::gil_scoped_release release;
      result = parse_and_check(source);
    }
    py::object plan = py::none();
    if (result.plan) plan = py::cast(std::make_shared<PlanHandle>(PlanHandle{result.plan}));
    return py::make_tuple(plan, diagnostics_list(result.diagnostics, &source));
  });
}

}  // namespace mandate::python
