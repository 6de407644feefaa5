// Results: the verdicts of one evaluation, as rows, kept with the store
// they name (docs/python.md, "Lifetimes").
#pragma once

#include "common.hpp"

namespace mandate::python {

/// A VerdictTable reads names from its FactStore: the result holds the
/// store (and so the plan) for as long as Python holds the result.
struct ResultHandle {
  std::shared_ptr<const FactsHandle> facts;
  VerdictTable table;
  std::uint64_t generation = 0;  // of the facts it was evaluated on
  bool explained = false;
};

void bind_results(py::module_& m);

}  // namespace mandate::python
