// The binding layer of the Python package (docs/python.md): what the files
// of each concept (plan, facts, evaluation, results, graph, scenarios) share.
//
// The extension module `mandate._mandate` is private. It takes and returns
// plain Python data (str, int, tuples, lists, dicts whose keys are the
// dataclass fields of mandate/_types.py); the package's Python layer checks
// arguments, builds the public objects and raises the public exceptions.
// Every call that loads or evaluates releases the GIL.
#pragma once

#include <mandate/diagnostic.hpp>
#include <mandate/evaluate.hpp>
#include <mandate/facts.hpp>
#include <mandate/plan.hpp>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>
#include <vector>

namespace mandate::python {

namespace py = pybind11;

/// A checked plan, shared by the facts, results and graphs made from it.
struct PlanHandle {
  std::shared_ptr<const Plan> plan;
};

/// A fact store and the lock that lets Python threads use it safely: loads
/// take it exclusively; evaluations and every read of a result made from
/// the store take it shared (a VerdictTable reads names from the store).
struct FactsHandle {
  explicit FactsHandle(std::shared_ptr<const Plan> plan) : store(std::move(plan)) {}

  FactStore store;
  mutable std::shared_mutex mutex;
  /// Loads that added something: a result knows which facts it saw.
  std::atomic<std::uint64_t> generation{0};
};

/// Shared read access to one or two stores (two results to compare may
/// share one store, whose lock must then be taken once).
class ReadLock {
 public:
  explicit ReadLock(const FactsHandle& a, const FactsHandle* b = nullptr) : first_(a.mutex) {
    if (b && b != &a) second_ = std::shared_lock(b->mutex);
  }

 private:
  std::shared_lock<std::shared_mutex> first_;
  std::shared_lock<std::shared_mutex> second_;
};

// Conversions to plain Python data.
py::tuple date_tuple(const Date& date);
py::list citations_list(const Citations& citations);  // [(id, section), …]
py::dict diagnostic_dict(const Diagnostic& diagnostic, const std::string& rendered);
/// With the source, each is rendered with its line and caret.
py::list diagnostics_list(const std::vector<Diagnostic>& diagnostics,
                          const SourceFile* source = nullptr);
py::dict load_report_dict(const LoadReport& report);
py::dict explanation_dict(const Explanation& explanation);

/// Raises the exception class `name` of mandate._errors with `message`.
[[noreturn]] void raise(const char* name, const std::string& message);

// One function per concept file.
void bind_plan(py::module_& m);
void bind_facts(py::module_& m);
void bind_evaluation(py::module_& m);
void bind_graph(py::module_& m);
void bind_scenarios(py::module_& m);

}  // namespace mandate::python
