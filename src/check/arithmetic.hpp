// The arithmetic of the language's numbers, with their units, in one place:
// the checker types `a / b` with result_unit() and the interpreter computes
// it with apply(), so that a checked type and an evaluated value can never
// disagree (docs/language.md §3).
#pragma once

#include <cstdint>
#include <optional>

namespace mandate::detail {

/// What a number measures. A percentage's value is written in percent:
/// 91.2 stands for 0.912.
enum class NumericUnit : std::uint8_t { number, count, percent };

enum class ArithmeticOperator : std::uint8_t { add, subtract, multiply, divide };

/// The operator `+ - * /` of its text, if it is one.
[[nodiscard]] std::optional<ArithmeticOperator> arithmetic_operator(char text) noexcept;

/// The unit of `a OP b`:
/// - `+ -`: count with count is a count; a percent with anything is a
///   percent (a number or count beside it is in percentage points);
///   anything else a number.
/// - `*`: count × count is a count; a percent times a count or number is a
///   percent; percent × percent is a percent (50% × 50% = 25%).
/// - `/`: count / count is a rate, a percent (37 of 40 is 92.5%); percent /
///   number or count is a percent; percent / percent is a number (a ratio);
///   anything else a number.
[[nodiscard]] NumericUnit result_unit(ArithmeticOperator op, NumericUnit a, NumericUnit b) noexcept;

struct Quantity {
  double value = 0;
  NumericUnit unit = NumericUnit::number;
};

/// `a OP b` with the unit of result_unit(). The divisor of `/` must not be 0
/// (the caller reports it).
[[nodiscard]] Quantity apply(ArithmeticOperator op, Quantity a, Quantity b) noexcept;

}  // namespace mandate::detail
