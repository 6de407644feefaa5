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
#include <functional>
#include <memory>
#include <mutex>
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
/// A load that waits holds the turnstile, which readers pass before they
/// take the lock, so that a stream of evaluations cannot starve loads.
struct FactsHandle {
  explicit FactsHandle(std::shared_ptr<const Plan> plan) : store(std::move(plan)) {}

  FactStore store;
  mutable std::shared_mutex mutex;
  mutable std::mutex turnstile;
  /// Loads that added something: a result knows which facts it saw.
  std::atomic<std::uint64_t> generation{0};
};

/// Exclusive access to a store, for a load.
class WriteLock {
 public:
  explicit WriteLock(FactsHandle& handle) : turn_(handle.turnstile), lock_(handle.mutex) {}

 private:
  std::unique_lock<std::mutex> turn_;
  std::unique_lock<std::shared_mutex> lock_;
};

/// Shared access to one or two stores (two results to compare may share
/// one store, whose lock is then taken once). Two stores are locked in
/// address order, so that two comparisons never wait for each other.
class ReadLock {
 public:
  explicit ReadLock(const FactsHandle& a, const FactsHandle* b = nullptr) {
    const FactsHandle* first = &a;
    const FactsHandle* second = b == &a ? nullptr : b;
    if (second && std::less<>{}(second, first)) std::swap(first, second);
    first_ = shared(*first);
    if (second) second_ = shared(*second);
  }

 private:
  static std::shared_lock<std::shared_mutex> shared(const FactsHandle& handle) {
    { const std::lock_guard pass(handle.turnstile); }
    return std::shared_lock(handle.mutex);
  }
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
