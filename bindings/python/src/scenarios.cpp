// Scenarios: files of facts and expected verdicts (docs/scenarios.md).
#include "common.hpp"

#include <mandate/scenario.hpp>

namespace mandate::python {
namespace {

py::dict expectation_dict(const Expectation& expectation) {
  return py::dict(
      py::arg("kind") = verdict_kind_name(expectation.kind), py::arg("rule") = expectation.rule,
      py::arg("subject") = expectation.subject, py::arg("year") = expectation.year,
      py::arg("outcome") = outcome_name(expectation.outcome),
      py::arg("detail") = expectation.detail, py::arg("days") = expectation.days,
      py::arg("missing") = expectation.missing, py::arg("withheld_by") = expectation.withheld_by,
      py::arg("escalates_to") = expectation.escalates_to,
      py::arg("notice_by") = expectation.notice_by,
      py::arg("consequences") = expectation.consequences, py::arg("line") = expectation.line);
}

py::dict result_dict(const ScenarioResult& result) {
  py::list errors;
  for (const ScenarioError& error : result.errors)
    errors.append(py::dict(
        py::arg("file") = error.file, py::arg("line") = error.line,
        py::arg("message") = error.message,
        py::arg("code") = error.code ? py::object(py::str(code_name(*error.code))) : py::none()));
  py::list checks;
  for (const ExpectationResult& check : result.results)
    checks.append(py::dict(py::arg("expectation") = expectation_dict(check.expectation),
                           py::arg("passed") = check.passed,
                           py::arg("difference") = check.difference));
  return py::dict(py::arg("file") = result.file, py::arg("name") = result.name,
                  py::arg("errors") = errors, py::arg("results") = checks);
}

}  // namespace

void bind_scenarios(py::module_& m) {
  // ([result, …], the report `mandate test` prints), the files in the order given.
  m.def("run_scenarios", [](const std::vector<std::string>& files) {
    std::vector<ScenarioResult> results;
    std::string text;
    {
      py::gil_scoped_release release;
      for (const std::string& file : files) results.push_back(run_scenario(file));
      text = render_results(results);
    }
    py::list out;
    for (const ScenarioResult& result : results) out.append(result_dict(result));
    return py::make_tuple(out, text);
  });
}

}  // namespace mandate::python
