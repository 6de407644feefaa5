#include "check/arithmetic.hpp"

namespace mandate::detail {

std::optional<ArithmeticOperator> arithmetic_operator(char text) noexcept {
  switch (text) {
    case '+':
      return ArithmeticOperator::add;
    case '-':
      return ArithmeticOperator::subtract;
    case '*':
      return ArithmeticOperator::multiply;
    case '/':
      return ArithmeticOperator::divide;
    default:
      return std::nullopt;
  }
}

NumericUnit result_unit(ArithmeticOperator op, NumericUnit a, NumericUnit b) noexcept {
  using enum NumericUnit;
  const bool any_percent = a == percent || b == percent;
  switch (op) {
    case ArithmeticOperator::add:
    case ArithmeticOperator::subtract:
      if (a == count && b == count) return count;
      // A percentage plus a number: the number is in percentage points.
      return any_percent ? percent : number;
    case ArithmeticOperator::multiply:
      if (a == count && b == count) return count;
      return any_percent ? percent : number;
    case ArithmeticOperator::divide:
      if (a == count && b == count) return percent;  // a rate
      if (a == percent) return b == percent ? number : percent;
      return number;
  }
  return number;
}

namespace {

/// The real number a quantity stands for: 91.2% is 0.912.
double real(Quantity q) noexcept {
  return q.unit == NumericUnit::percent ? q.value / 100 : q.value;
}

}  // namespace

Quantity apply(ArithmeticOperator op, Quantity a, Quantity b) noexcept {
  const NumericUnit unit = result_unit(op, a.unit, b.unit);
  double result = 0;
  switch (op) {
    case ArithmeticOperator::add:
    case ArithmeticOperator::subtract:
      // As written: a number beside a percentage is in percentage points.
      return {op == ArithmeticOperator::add ? a.value + b.value : a.value - b.value, unit};
    case ArithmeticOperator::multiply:
      result = real(a) * real(b);
      break;
    case ArithmeticOperator::divide:
      result = real(a) / real(b);
      break;
  }
  return {unit == NumericUnit::percent ? result * 100 : result, unit};
}

}  // namespace mandate::detail
