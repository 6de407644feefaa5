// Issue 11.4: the checker's type of a numeric expression and the unit of
// the value the interpreter computes can never disagree. Random expressions
// over counts, percentages and numbers are typed by the checker, evaluated
// by the interpreter, and both compared with a small evaluator written here
// on its own (real numbers: 91.2% is 0.912).
#include <mandate/check.hpp>
#include <mandate/diagnostic.hpp>
#include <mandate/facts.hpp>
#include <mandate/parse.hpp>
#include <mandate/source.hpp>

#include <doctest/doctest.h>

#include "check/expressions.hpp"
#include "evaluate/interpreter.hpp"

#include <cmath>
#include <cstdio>
#include <memory>
#include <random>
#include <string>

namespace {

using mandate::detail::Type;

constexpr std::string_view plan_text = R"(
plan "算术" {
  issued 2018-01-01
  effective 2018..2020
}
kind 县区
body 甲县 : 县区
body 乙县 : 县区
body 丙县 : 县区
group 全县 = 甲县, 乙县, 丙县
metric 比率 : percent per 县区
metric 件数 : count per 县区
metric 分值 : number per 县区
event 通报 : notice
param 门槛 : percent = 90%
param 名额 : count = 2
param 系数 : number = 1.5
)";

/// An expression with the type and the real value this file says it has.
struct Term {
  std::string text;
  Type type;
  double real;  // a percentage as a fraction: 90% is 0.9
};

/// The value a term of a type shows: a percentage in percent.
double shown(const Term& term) { return term.type == Type::percent ? term.real * 100 : term.real; }

class Terms {
 public:
  explicit Terms(std::uint64_t seed) : random_(seed) {}

  /// A term of up to `depth` operations; an operation at the top, since a
  /// metric's bare name is the metric, not yet its value.
  Term make(int depth, bool top = true) {
    if (depth == 0 || (!top && pick(3) == 0)) return atom();
    const Term a = make(depth - 1, false);
    const Term b = make(depth - 1, false);
    switch (pick(4)) {
      case 0:
        return sum(a, b, '+');
      case 1:
        return sum(a, b, '-');
      case 2:
        return product(a, b);
      default:
        return quotient(a, b);
    }
  }

 private:
  int pick(int n) { return static_cast<int>(random_() % static_cast<unsigned>(n)); }

  Term atom() {
    // 甲县: 比率 80%, 件数 3, 分值 2.5; the group's sizes and averages follow.
    switch (pick(16)) {
      case 0: {
        const int n = pick(9) + 1;
        return {std::to_string(n), Type::number, static_cast<double>(n)};
      }
      case 1:
        return {"12.5%", Type::percent, 0.125};
      case 2:
        return {"比率", Type::percent, 0.8};
      case 3:
        return {"件数", Type::count, 3};
      case 4:
        return {"分值", Type::number, 2.5};
      case 5:
        return {"size(全县)", Type::count, 3};
      case 6:
        return {"count(通报)", Type::count, 2};
      case 7:
        return {"门槛", Type::percent, 0.9};
      case 8:
        return {"名额", Type::count, 2};
      case 9:
        return {"average(件数, over: 全县)", Type::number, 2};  // (3 + 1 + 2) / 3: no count
      // The quarters of 2018: 比率 70%, 80%, 90%, 80%; 件数 1, 2, 3, 2.
      case 10:
        return {"average(比率, across: quarter)", Type::percent, 0.8};
      case 11:
        return {"sum(件数, across: quarter)", Type::count, 8};
      case 12:
        return {"average(件数, across: quarter)", Type::number, 2};  // a mean of counts
      case 13:
        return {"max(比率, across: quarter)", Type::percent, 0.9};
      case 14:
        return {"count(比率 >= 80%, across: quarter)", Type::count, 3};
      default:
        return {"rank(比率, among: 全县)", Type::count, 2};  // 90%, 80%, 70%: second
    }
  }

  static Term sum(const Term& a, const Term& b, char op) {
    // Counts with counts; a percentage with anything is a percentage (a
    // number beside it in percentage points); else a number.
    const Type type = a.type == Type::count && b.type == Type::count       ? Type::count
                      : a.type == Type::percent || b.type == Type::percent ? Type::percent
                                                                           : Type::number;
    const double value = op == '+' ? shown(a) + shown(b) : shown(a) - shown(b);
    return {"(" + a.text + " " + op + " " + b.text + ")", type,
            type == Type::percent ? value / 100 : value};
  }
  static Term product(const Term& a, const Term& b) {
    const Type type = a.type == Type::count && b.type == Type::count       ? Type::count
                      : a.type == Type::percent || b.type == Type::percent ? Type::percent
                                                                           : Type::number;
    return {"(" + a.text + " * " + b.text + ")", type, a.real * b.real};
  }
  static Term quotient(const Term& a, const Term& b) {
    Type type = Type::number;
    if (a.type == Type::count && b.type == Type::count) type = Type::percent;  // a rate
    if (a.type == Type::percent) type = b.type == Type::percent ? Type::number : Type::percent;
    return {"(" + a.text + " / " + b.text + ")", type, b.real == 0 ? NAN : a.real / b.real};
  }

  std::mt19937_64 random_;
};

}  // namespace

TEST_CASE("arithmetic: the checked type is the value's unit, and the value is right") {
  const mandate::SourceFile source("arithmetic.plan", std::string(plan_text));
  const mandate::CheckResult checked = mandate::parse_and_check(source);
  REQUIRE(checked.plan);
  mandate::FactStore facts(checked.plan);
  REQUIRE(facts
              .load_csv_text(mandate::FactKind::measure,
                             "year,metric,subject,value\n"
                             "2018,比率,甲县,80\n2018,比率,乙县,90\n2018,比率,丙县,70\n"
                             "2018,件数,甲县,3\n2018,件数,乙县,1\n2018,件数,丙县,2\n"
                             "2018,分值,甲县,2.5\n"
                             "2018-Q1,比率,甲县,70\n2018-Q2,比率,甲县,80\n2018-Q3,比率,甲县,90\n"
                             "2018-Q4,比率,甲县,80\n2018-Q1,件数,甲县,1\n2018-Q2,件数,甲县,2\n"
                             "2018-Q3,件数,甲县,3\n2018-Q4,件数,甲县,2\n",
                             "measures.csv", mandate::LoadPolicy::all_or_nothing)
              .ok());
  REQUIRE(facts
              .load_csv_text(mandate::FactKind::event,
                             "date,event,unit,by,id\n2018-03-01,通报,甲县,乙县,1\n"
                             "2018-04-01,通报,甲县,乙县,2\n",
                             "events.csv", mandate::LoadPolicy::all_or_nothing)
              .ok());
  const mandate::detail::Parameters parameters(*checked.plan, {});
  mandate::detail::EvaluationCache cache(facts, parameters);
  const mandate::detail::Environment environment{
      *checked.plan, facts, parameters, mandate::to_day_number({2019, 3, 31}), &cache, false};
  mandate::detail::Interpreter interpreter(environment, 2018, facts.find_name("甲县"));

  std::vector<std::unique_ptr<mandate::SourceFile>> sources;
  std::vector<mandate::ValuesParseResult> parses;
  parses.reserve(3000);
  Terms terms(20181120);
  int compared = 0;
  for (int i = 0; i < 3000; ++i) {
    const Term term = terms.make(3);
    INFO(term.text);
    // The interpreter keeps what it resolved of a node by its address: the
    // expressions stay alive while it does.
    const auto& expression =
        *sources.emplace_back(std::make_unique<mandate::SourceFile>("expression", term.text));
    const mandate::ValuesParseResult& parsed =
        parses.emplace_back(mandate::parse_values(expression));
    REQUIRE(parsed.diagnostics.empty());
    REQUIRE(parsed.values.size() == 1);
    mandate::DiagnosticSink sink(expression);
    mandate::detail::ExpressionChecker checker(*checked.plan, sink);
    const Type type = checker.type_of(parsed.values[0]);
    REQUIRE(!sink.has_errors());
    CHECK(type == term.type);
    const mandate::detail::Value value = interpreter.value_of(parsed.values[0]);
    if (std::isnan(term.real) || !std::isfinite(term.real)) {
      CHECK(value.is_unknown());  // a division by zero has no value
      continue;
    }
    REQUIRE(value.kind == mandate::detail::ValueKind::number);
    const auto unit_type = value.unit == mandate::detail::NumericUnit::count     ? Type::count
                           : value.unit == mandate::detail::NumericUnit::percent ? Type::percent
                                                                                 : Type::number;
    CHECK(unit_type == type);
    CHECK(value.number == doctest::Approx(shown(term)).epsilon(1e-9));
    ++compared;
  }
  CHECK(compared > 1000);
}
