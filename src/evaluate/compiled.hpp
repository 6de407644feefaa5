// A condition compiled for the subjects of one task, when nothing is
// explained. What does not depend on the subject (literals, names, the
// parameters and aggregates the cache memoizes) is worked out once and kept
// with the missing facts its evaluation noted; operators become a flat list
// of steps. A step runs the interpreter's own code for its operator, and a
// call that has no step of its own runs through the interpreter, so that
// the two give the same values and the same missing facts, in the same order.
#pragma once

#include "evaluate/interpreter.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace mandate::detail {

class CompiledExpression {
 public:
  /// Compiles `expression` for the interpreter's year; the interpreter
  /// evaluates the constants now.
  CompiledExpression(const syntax::Node& expression, Interpreter& interpreter);

  /// The expression's value for the interpreter's subject.
  [[nodiscard]] Value run(Interpreter& interpreter) const;

 private:
  enum class StepKind : std::uint8_t {
    constant,
    logical,
    binary,
    unary,
    count,      // count(EVENT…, by:, within:) with constant arguments
    aggregate,  // average, sum, min, max, rank with constant arguments
    interpreted,
  };
  struct Step {
    StepKind kind = StepKind::interpreted;
    Operation operation = Operation::other;
    std::uint32_t left = 0;  // the operands' steps
    std::uint32_t right = 0;
    std::uint32_t constant = 0;  // constants_, for a constant
    std::uint32_t inputs = 0;    // a call's arguments in inputs_, from here
    std::uint32_t input_count = 0;
    const syntax::Node* node = nullptr;
    const ResolvedNode* resolved = nullptr;  // a call's
  };
  struct Constant {
    Value value;
    std::vector<std::string> missing;
  };

  std::uint32_t compile(const syntax::Node& node, Interpreter& interpreter);
  /// A step for a call whose arguments are all constants that note no
  /// missing fact; false (and nothing added) otherwise.
  bool compile_call(const syntax::Node& node, Interpreter& interpreter, Step& step);
  Value run(std::uint32_t step, Interpreter& interpreter, Explanation& ignored) const;

  std::vector<Step> steps_;  // steps_[0] is the expression
  std::vector<Constant> constants_;
  /// The arguments of calls: count's by, within and events; an aggregate's
  /// metric, population and source. An absent one has its default value.
  std::vector<Value> inputs_;
};

}  // namespace mandate::detail
