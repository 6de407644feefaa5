// Types of expressions (docs/language.md §3) and the expression checker.
#pragma once

#include <mandate/diagnostic.hpp>
#include <mandate/plan.hpp>
#include <mandate/syntax.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mandate::detail {

enum class Type : std::uint8_t {
  error,  // already reported; silences follow-up errors
  boolean,
  number,
  count,
  percent,
  date,
  annual_date,
  duration,
  window,
  period,
  text,
  span,
  none,
  kind,
  body,
  body_group,
  programme,
  programme_group,
  metric,
  metric_group,
  stage,
  title,
  event,
  consequence,
  word,  // a contextual word such as `calendar_year` (only where allowed)
};

[[nodiscard]] std::string_view type_name(Type type) noexcept;
[[nodiscard]] bool is_numeric(Type type) noexcept;

/// The value type a declared TypeName stands for; nullopt when unknown.
[[nodiscard]] std::optional<Type> type_from_name(std::string_view name) noexcept;

/// Types expressions against the declarations of a plan under construction.
/// Comprehension variables are scoped to their call.
class ExpressionChecker {
 public:
  ExpressionChecker(const Plan& plan, DiagnosticSink& sink) : plan_(plan), sink_(sink) {}

  /// The type of `node`; reports every problem inside it.
  Type type_of(const syntax::Node& node);

  /// Checks that `node` has one of `expected`; reports M0013 otherwise.
  Type expect(const syntax::Node& node, std::initializer_list<Type> expected,
              std::string_view what);

  /// Reports an unknown name with a "did you mean" suggestion.
  void report_unknown(const syntax::Node& name, std::string_view expected_sort);

  /// Checks the values given to a parameter (its default, a version or an
  /// override at evaluation time) against its declared type.
  void check_values(const std::vector<syntax::Node>& values, const TypeName& type,
                    std::string_view what);

  /// Runs `check` with a variable in scope (none when `name` is empty).
  template <typename Check>
  void with_variable(std::string_view name, Type type, Check check) {
    if (name.empty()) return check();
    scope_.push_back({std::string(name), type});
    check();
    scope_.pop_back();
  }

  /// Validates a literal date/annual date/window and returns its type.
  Type literal_type(const syntax::Node& node);

  /// The period the expressions checked next are judged in (a rule's year,
  /// or its `every`); none where it is not known until evaluation (a
  /// metric's formula, a parameter), where `across:` is then not checked
  /// against it.
  void set_judged_period(std::optional<PeriodKind> period) { judged_period_ = period; }

 private:
  Type name_type(const syntax::Node& node);
  /// The type of a name, or nullopt for a name that names nothing (not
  /// reported: the caller says what was expected instead).
  std::optional<Type> known_name_type(const syntax::Node& node);
  /// `expect` for a node whose type is already known.
  Type accept(const syntax::Node& node, Type type, std::initializer_list<Type> expected,
              std::string_view what);
  /// "; did you mean …?" for an unknown name, from the plan's symbols and
  /// the variables in scope; empty without a close one.
  [[nodiscard]] std::string suggestion(std::string_view name) const;
  Type call_type(const syntax::Node& node);
  Type binary_type(const syntax::Node& node);
  /// Warns of a literal fraction (0.95) where a percentage is meant: it
  /// reads as percentage points, 0.95%.
  void warn_fraction_as_percent(const syntax::Node& literal, Type percent_side,
                                std::string_view where);
  Type range_type(const syntax::Node& node);
  Type aggregate_type(const syntax::Node& node);
  /// min(a, b, …) and max(a, b, …) of numbers.
  Type extreme_type(const syntax::Node& node);
  /// average|sum|min|max|count|all|any(E, across: KIND): over the periods of
  /// KIND within the one judged.
  Type across_type(const syntax::Node& node);
  /// The type of a value: a metric's name stands for its value.
  Type value_type(const syntax::Node& node);
  Type metric_argument(const syntax::Node& node);
  std::optional<Type> element_type(Type group);
  void check_named_arguments(const syntax::Node& call,
                             std::initializer_list<std::string_view> allowed);
  const syntax::Node* named_argument(const syntax::Node& call, std::string_view key) const;

  const Plan& plan_;
  DiagnosticSink& sink_;
  struct Variable {
    std::string name;
    Type type;
  };
  std::vector<Variable> scope_;
  std::optional<PeriodKind> judged_period_;
};

}  // namespace mandate::detail
