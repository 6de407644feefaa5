// Evaluation: the options from Python, evaluate_table without the GIL, and
// a result that keeps its store alive.
#include "results.hpp"

#include "facts/text.hpp"

#include <chrono>
#include <mutex>
#include <optional>

namespace mandate::python {
namespace {

using Parameters = std::vector<std::pair<std::string, std::string>>;

EvaluationOptions options(const std::tuple<int, unsigned, unsigned>& as_of, std::vector<int> years,
                          Parameters parameters, unsigned threads, bool explain,
                          std::vector<std::string> subjects) {
  EvaluationOptions out;
  out.as_of = Date{std::get<0>(as_of), std::get<1>(as_of), std::get<2>(as_of)};
  out.years = std::move(years);
  out.parameters = std::move(parameters);
  out.threads = threads;
  out.explanations = explain ? Explanations::full : Explanations::none;
  out.subjects = std::move(subjects);
  return out;
}

/// (result or None, errors).
py::tuple evaluate(const std::shared_ptr<FactsHandle>& facts,
                   const std::tuple<int, unsigned, unsigned>& as_of, std::vector<int> years,
                   Parameters parameters, unsigned threads, bool explain,
                   std::vector<std::string> subjects) {
  const EvaluationOptions evaluation = options(as_of, std::move(years), std::move(parameters),
                                               threads, explain, std::move(subjects));
  TableResult result;
  std::uint64_t generation = 0;
  {
    py::gil_scoped_release release;
    const ReadLock lock(*facts);
    generation = facts->generation.load();
    result = evaluate_table(facts->store, evaluation);
  }
  if (!result.table) return py::make_tuple(py::none(), diagnostics_list(result.errors));
  auto handle = std::make_shared<ResultHandle>(
      ResultHandle{facts, std::move(*result.table), generation, explain});
  return py::make_tuple(py::cast(std::move(handle)), diagnostics_list(result.errors));
}

/// Seconds each of `repeat` evaluations took inside C++, without Python
/// around them: the yardstick of benchmarks/python/bench.py.
std::vector<double> time_evaluate(const std::shared_ptr<FactsHandle>& facts,
                                  const std::tuple<int, unsigned, unsigned>& as_of,
                                  std::vector<int> years, unsigned threads, bool explain,
                                  int repeat) {
  const EvaluationOptions evaluation = options(as_of, std::move(years), {}, threads, explain, {});
  std::vector<double> seconds;
  py::gil_scoped_release release;
  const ReadLock lock(*facts);
  for (int i = 0; i < repeat; ++i) {
    const auto begin = std::chrono::steady_clock::now();
    TableResult result = evaluate_table(facts->store, evaluation);
    seconds.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count());
    if (!result.table) throw py::value_error("the evaluation failed");
  }
  return seconds;
}

/// (year, month, day) of `YYYY-MM-DD`, or ValueError saying what is wrong,
/// as the fact loaders say it.
std::tuple<int, unsigned, unsigned> parse_date(const std::string& text) {
  Date date;
  if (!detail::parse_date_syntax(text, date))
    throw py::value_error(detail::quote(text) + " is not a date: write YYYY-MM-DD");
  if (!detail::date_exists(date))
    throw py::value_error(text + " does not exist (" + detail::why_no_date(date) + ")");
  return {date.year, date.month, date.day};
}

}  // namespace

void bind_evaluation(py::module_& m) {
  bind_results(m);
  m.def("evaluate", &evaluate);
  m.def("_time_evaluate", &time_evaluate);
  m.def("parse_date", &parse_date);
}

}  // namespace mandate::python
