// The responsibility graph: who leads, helps and answers (docs/graph.md).
// A graph keeps no reference to its plan or facts, so it needs no lock.
#include "common.hpp"

#include <mandate/graph.hpp>

#include <optional>

namespace mandate::python {
namespace {

py::object optional_date(const std::optional<Date>& date) {
  return date ? py::object(date_tuple(*date)) : py::object(py::none());
}

py::dict role_dict(const RoleEntry& entry) {
  return py::dict(
      py::arg("body") = entry.body, py::arg("role") = edge_kind_name(entry.role),
      py::arg("target") = entry.target, py::arg("target_sort") = node_sort_name(entry.target_sort),
      py::arg("via") = entry.via, py::arg("for_programme") = entry.for_programme,
      py::arg("stage") = entry.stage, py::arg("citations") = citations_list(entry.clause),
      py::arg("statement") = entry.statement);
}

template <class Item, class Convert>
py::list list_of(const std::vector<Item>& items, Convert convert) {
  py::list out;
  for (const Item& item : items) out.append(convert(item));
  return out;
}

EdgeKind edge_kind(const std::string& name) {
  const auto kind = edge_kind_from_name(name);
  if (!kind) throw py::value_error("unknown role '" + name + "'");
  return *kind;
}

py::dict escalation_dict(const Escalation& escalation) {
  return py::dict(py::arg("stage") = escalation.stage, py::arg("body") = escalation.body,
                  py::arg("obligated") = escalation.obligated,
                  py::arg("obligated_via") = escalation.obligated_via,
                  py::arg("for_programmes") = escalation.for_programmes,
                  py::arg("answerable") = escalation.answerable,
                  py::arg("steps") = list_of(
                      escalation.steps,
                      [](const EscalationStep& step) {
                        return py::dict(
                            py::arg("level") = step.level, py::arg("from_") = step.from,
                            py::arg("to") = step.to, py::arg("via") = edge_kind_name(step.via),
                            py::arg("citations") = citations_list(step.clause),
                            py::arg("statement") = step.statement,
                            py::arg("instruments") = step.instruments,
                            py::arg("feeds") = step.feeds, py::arg("from_facts") = step.from_facts);
                      }),
                  py::arg("deciders") = escalation.deciders);
}

}  // namespace

void bind_graph(py::module_& m) {
  py::class_<ResponsibilityGraph>(m, "GraphCore")
      .def_property_readonly("vertex_count", &ResponsibilityGraph::vertex_count)
      .def_property_readonly("edge_count", &ResponsibilityGraph::edge_count)
      .def("sort",
           [](const ResponsibilityGraph& self, const std::string& name) -> py::object {
             const auto sort = self.find(name);
             return sort ? py::object(py::str(std::string(node_sort_name(*sort)))) : py::none();
           })
      .def("canonical", &ResponsibilityGraph::canonical)
      .def("holders", [](const ResponsibilityGraph& self, const std::string& target,
                         const std::string& role) { return self.holders(target, edge_kind(role)); })
      .def("roles_in",
           [](const ResponsibilityGraph& self, const std::string& target) {
             return list_of(self.roles_in(target), role_dict);
           })
      .def("roles_of",
           [](const ResponsibilityGraph& self, const std::string& body) {
             return list_of(self.roles_of(body), role_dict);
           })
      .def("agenda",
           [](const ResponsibilityGraph& self, const std::string& body, int year) {
             return list_of(self.agenda(body, year), [](const AgendaItem& item) {
               return py::dict(py::arg("first") = optional_date(item.first),
                               py::arg("last") = optional_date(item.last),
                               py::arg("when") = item.when, py::arg("stage") = item.stage,
                               py::arg("role") = edge_kind_name(item.role),
                               py::arg("programme") = item.programme,
                               py::arg("citations") = citations_list(item.clause));
             });
           })
      .def("escalate",
           [](const ResponsibilityGraph& self, const std::string& stage, const std::string& body) {
             return escalation_dict(self.escalate(stage, body));
           })
      .def("path",
           [](const ResponsibilityGraph& self, const std::string& from, const std::string& to,
              bool any) {
             return list_of(self.path(from, to, any ? PathMode::any : PathMode::directed),
                            [](const PathStep& step) {
                              return py::dict(py::arg("from_") = step.from, py::arg("to") = step.to,
                                              py::arg("kind") = edge_kind_name(step.kind),
                                              py::arg("forward") = step.forward,
                                              py::arg("citations") = citations_list(step.clause),
                                              py::arg("statement") = step.statement);
                            });
           })
      .def("idle_bodies", &ResponsibilityGraph::idle_bodies)
      .def("lead_ranking",
           [](const ResponsibilityGraph& self) {
             return list_of(self.lead_ranking(), [](const LeadCount& count) {
               return py::dict(py::arg("body") = count.body, py::arg("leads") = count.leads,
                               py::arg("rank") = count.rank);
             });
           })
      .def("unbound_obligations",
           [](const ResponsibilityGraph& self) {
             return list_of(self.unbound_obligations(), [](const UnboundObligation& item) {
               return py::dict(py::arg("stage") = item.stage, py::arg("names") = item.names,
                               py::arg("reason") = item.reason,
                               py::arg("citations") = citations_list(item.clause));
             });
           })
      .def("matrix",
           [](const ResponsibilityGraph& self) {
             const ResponsibilityMatrix matrix = self.matrix();
             py::list rows;
             for (const ResponsibilityMatrix::Row& row : matrix.rows)
               rows.append(py::make_tuple(row.body, row.cells));
             return py::make_tuple(matrix.programmes, rows);
           })
      .def("to_dot", [](const ResponsibilityGraph& self, const std::string& focus,
                        const std::vector<std::string>& kinds) {
        DotOptions options;
        options.focus = focus;
        for (const std::string& kind : kinds) options.kinds.push_back(edge_kind(kind));
        return self.to_dot(options);
      });

  m.def("edge_kinds", [] {
    std::vector<std::string> names;
    for (int k = 0; k <= static_cast<int>(EdgeKind::of); ++k)
      names.emplace_back(edge_kind_name(static_cast<EdgeKind>(k)));
    return names;
  });
  // Built without the GIL; the facts' units join the plan's bodies.
  m.def("build_graph", [](const PlanHandle& plan, const std::shared_ptr<FactsHandle>& facts) {
    py::gil_scoped_release release;
    if (!facts) return ResponsibilityGraph::build(*plan.plan, nullptr);
    const ReadLock lock(*facts);
    return ResponsibilityGraph::build(*plan.plan, &facts->store);
  });
}

}  // namespace mandate::python
