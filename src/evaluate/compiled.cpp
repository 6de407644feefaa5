#include "evaluate/compiled.hpp"

namespace mandate::detail {

using syntax::Node;
using syntax::NodeKind;

CompiledExpression::CompiledExpression(const Node& expression, Interpreter& interpreter) {
  compile(expression, interpreter);
}

std::uint32_t CompiledExpression::compile(const Node& node, Interpreter& interpreter) {
  const auto index = static_cast<std::uint32_t>(steps_.size());
  steps_.emplace_back();
  Step step;
  step.node = &node;
  if (interpreter.constant_for_subjects(node)) {
    step.kind = StepKind::constant;
    step.constant = static_cast<std::uint32_t>(constants_.size());
    auto [value, missing] = interpreter.fold(node);
    constants_.push_back({value, std::move(missing)});
  } else if (node.kind == NodeKind::binary) {
    step.operation = interpreter.resolved(node).operation;
    step.kind = step.operation == Operation::logical_and || step.operation == Operation::logical_or
                    ? StepKind::logical
                    : StepKind::binary;
    step.left = compile(node.children[0], interpreter);
    step.right = compile(node.children[1], interpreter);
  } else if (node.kind == NodeKind::unary) {
    step.kind = StepKind::unary;
    step.left = compile(node.children[0], interpreter);
  } else if (node.kind == NodeKind::call) {
    compile_call(node, interpreter, step);
  }
  steps_[index] = step;
  return index;
}

bool CompiledExpression::compile_call(const Node& node, Interpreter& interpreter, Step& step) {
  const ResolvedNode& resolved = interpreter.resolved(node);
  // The arguments in the order the interpreter evaluates them, and the value
  // each has when absent.
  std::vector<std::pair<const Node*, Value>> arguments;
  StepKind kind = StepKind::interpreted;
  switch (resolved.operation) {
    case Operation::count: {
      if (node.children.empty() || node.children[0].kind == NodeKind::comprehension) return false;
      kind = StepKind::count;
      Value calendar_year;
      calendar_year.kind = ValueKind::span;
      arguments = {{resolved.argument(Argument::by), Value::unknown()},
                   {resolved.argument(Argument::within), calendar_year}};
      for (const Node& argument : node.children)
        if (argument.kind != NodeKind::named_argument) arguments.emplace_back(&argument, Value{});
      break;
    }
    case Operation::average:
    case Operation::sum:
    case Operation::min:
    case Operation::max:
    case Operation::rank:
      kind = StepKind::aggregate;
      arguments = {{&node.children[0], Value::unknown()},
                   {resolved.population(), Value::unknown()},
                   {resolved.argument(Argument::source), Value::unknown()}};
      break;
    default:
      return false;
  }
  for (const auto& [argument, absent] : arguments)
    if (argument && !interpreter.constant_for_subjects(*argument)) return false;
  std::vector<Value> values;
  for (const auto& [argument, absent] : arguments) {
    if (!argument) {
      values.push_back(absent);
      continue;
    }
    auto [value, missing] = interpreter.fold(*argument);
    if (!missing.empty()) return false;  // the interpreter notes them in its own order
    values.push_back(value);
  }
  // The interpreter gives up early on an aggregate of something else than a
  // metric over a group.
  if (kind == StepKind::aggregate &&
      (values[0].kind != ValueKind::metric || values[1].kind != ValueKind::group))
    return false;
  step.kind = kind;
  step.resolved = &resolved;
  step.inputs = static_cast<std::uint32_t>(inputs_.size());
  step.input_count = static_cast<std::uint32_t>(values.size());
  inputs_.insert(inputs_.end(), values.begin(), values.end());
  return true;
}

Value CompiledExpression::run(Interpreter& interpreter) const {
  Explanation ignored;  // nothing is explained: it stays empty
  return run(0, interpreter, ignored);
}

Value CompiledExpression::run(std::uint32_t index, Interpreter& interpreter,
                              Explanation& ignored) const {
  const Step& step = steps_[index];
  switch (step.kind) {
    case StepKind::constant: {
      const Constant& constant = constants_[step.constant];
      for (const std::string& fact : constant.missing) interpreter.note_missing(fact);
      return constant.value;
    }
    case StepKind::logical: {
      const Value left = run(step.left, interpreter, ignored);
      if (Interpreter::decides_alone(step.operation, left)) return left;
      return Interpreter::logical_result(step.operation, left,
                                         run(step.right, interpreter, ignored));
    }
    case StepKind::binary: {
      const Value left = interpreter.as_value(run(step.left, interpreter, ignored), ignored);
      const Value right = interpreter.as_value(run(step.right, interpreter, ignored), ignored);
      return interpreter.binary_result(*step.node, step.operation, left, right);
    }
    case StepKind::unary:
      return interpreter.unary_result(
          *step.node, interpreter.as_value(run(step.left, interpreter, ignored), ignored));
    case StepKind::count: {
      const Value* inputs = inputs_.data() + step.inputs;
      return interpreter.count_events(inputs[0], inputs[1],
                                      std::span<const Value>(inputs + 2, step.input_count - 2),
                                      Explanation{}, ignored);
    }
    case StepKind::aggregate: {
      const Value* inputs = inputs_.data() + step.inputs;
      return interpreter.aggregate_of(*step.node, *step.resolved, inputs[0], inputs[1], inputs[2],
                                      Explanation{}, ignored);
    }
    case StepKind::interpreted:
      return interpreter.evaluate(*step.node, ignored);
  }
  return Value::unknown();
}

}  // namespace mandate::detail
