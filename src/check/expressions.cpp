#include "check/expressions.hpp"

#include "check/arithmetic.hpp"

#include "check/calendar.hpp"
#include "check/suggest.hpp"
#include "support/article.hpp"
#include "support/lookup.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

namespace mandate::detail {
namespace {

using syntax::Node;
using syntax::NodeKind;

constexpr std::array contextual_words = {
    std::string_view("calendar_year"), std::string_view("disqualified"),
    std::string_view("plaque"),        std::string_view("naming"),
    std::string_view("descending"),    std::string_view("ascending"),
    std::string_view("min"),           std::string_view("max"),
    std::string_view("dense"),         std::string_view("published"),
    std::string_view("computed"),
};

constexpr std::array builtin_functions = {
    std::string_view("average"),  std::string_view("sum"),      std::string_view("min"),
    std::string_view("max"),      std::string_view("rank"),     std::string_view("size"),
    std::string_view("count"),    std::string_view("any"),      std::string_view("all"),
    std::string_view("holds"),    std::string_view("rolling"),  std::string_view("ceil"),
    std::string_view("floor"),    std::string_view("round"),    std::string_view("parent"),
    std::string_view("superior"), std::string_view("previous"),
};

bool is_word(std::string_view name) {
  return std::find(contextual_words.begin(), contextual_words.end(), name) !=
         contextual_words.end();
}

std::optional<long> to_integer(const Node& node) {
  long value = 0;
  const auto [end, error] =
      std::from_chars(node.text.data(), node.text.data() + node.text.size(), value);
  if (node.kind != NodeKind::integer || error != std::errc{} ||
      end != node.text.data() + node.text.size())
    return std::nullopt;
  return value;
}

std::string join_types(std::initializer_list<Type> types) {
  std::string out;
  std::size_t i = 0;
  for (const Type t : types) {
    if (i++ > 0) out += i == types.size() ? " or " : ", ";
    out += type_name(t);
  }
  return out;
}

constexpr std::string_view month_names[] = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};

}  // namespace

std::string_view type_name(Type type) noexcept {
  switch (type) {
    case Type::error:
      return "an invalid expression";
    case Type::boolean:
      return "a condition (bool)";
    case Type::number:
      return "a number";
    case Type::count:
      return "a count";
    case Type::percent:
      return "a percentage";
    case Type::date:
      return "a date";
    case Type::annual_date:
      return "an annual date";
    case Type::duration:
      return "a duration";
    case Type::window:
      return "a window";
    case Type::period:
      return "a period of years";
    case Type::text:
      return "a text";
    case Type::span:
      return "a span (calendar_year or rolling(…))";
    case Type::none:
      return "'—'";
    case Type::kind:
      return "a kind";
    case Type::body:
      return "a body";
    case Type::body_group:
      return "a group of bodies";
    case Type::programme:
      return "a programme";
    case Type::programme_group:
      return "a group of programmes";
    case Type::metric:
      return "a metric";
    case Type::metric_group:
      return "a group of metrics";
    case Type::stage:
      return "a stage";
    case Type::title:
      return "a title";
    case Type::event:
      return "an event";
    case Type::consequence:
      return "a consequence";
    case Type::word:
      return "a keyword value";
  }
  return "?";
}

bool is_numeric(Type type) noexcept {
  return type == Type::number || type == Type::count || type == Type::percent;
}

std::optional<Type> type_from_name(std::string_view name) noexcept {
  static constexpr std::pair<std::string_view, Type> names[] = {
      {"bool", Type::boolean},      {"number", Type::number},
      {"count", Type::count},       {"percent", Type::percent},
      {"date", Type::date},         {"annual_date", Type::annual_date},
      {"duration", Type::duration}, {"window", Type::window},
      {"period", Type::period},     {"text", Type::text},
      {"span", Type::span},         {"body", Type::body},
      {"metric", Type::metric},     {"programme", Type::programme},
      {"title", Type::title},       {"event", Type::event},
      {"group", Type::body_group},  {"choice", Type::word},
  };
  return lookup(names, name);
}

std::string ExpressionChecker::suggestion(std::string_view name) const {
  std::vector<std::string_view> candidates;
  if (may_suggest()) {  // gathering every symbol costs as much as comparing them
    candidates.reserve(plan_.symbols.size());
    for (const auto& [symbol_name, symbol] : plan_.symbols) candidates.push_back(symbol_name);
    for (const Variable& v : scope_) candidates.push_back(v.name);
  }
  return did_you_mean(closest(name, candidates));
}

void ExpressionChecker::report_unknown(const Node& name, std::string_view expected_sort) {
  std::string message = expected_sort.empty()
                            ? fmt::format("unknown name '{}'", name.text)
                            : fmt::format("unknown {} '{}'", expected_sort, name.text);
  message += suggestion(name.text);
  sink_.report(Code::unknown_name, name.span, std::move(message));
}

Type ExpressionChecker::type_of(const Node& node) {
  switch (node.kind) {
    case NodeKind::name:
      return name_type(node);
    case NodeKind::integer:
    case NodeKind::decimal:
      return Type::number;
    case NodeKind::percent:
      return Type::percent;
    case NodeKind::string:
      return Type::text;
    case NodeKind::boolean:
      return Type::boolean;
    case NodeKind::none:
      return Type::none;
    case NodeKind::date:
    case NodeKind::annual_date:
    case NodeKind::end_of_month:
    case NodeKind::month_window:
    case NodeKind::duration:
      return literal_type(node);
    case NodeKind::all_of_kind: {
      const Symbol* symbol = plan_.find(node.children[0].text);
      if (!symbol) {
        report_unknown(node.children[0], "kind");
        return Type::error;
      }
      if (symbol->kind != SymbolKind::kind) {
        sink_.report(Code::type_mismatch, node.children[0].span,
                     fmt::format("'all' needs a kind, but '{}' is {}", node.children[0].text,
                                 detail::with_article(symbol_kind_name(symbol->kind))));
        return Type::error;
      }
      // `all 村 within self`: the units of the kind under a body.
      if (node.children.size() > 1 &&
          expect(node.children[1], {Type::body}, "'all … within'") == Type::error)
        return Type::error;
      return Type::body_group;
    }
    case NodeKind::conditional: {
      const Type condition = expect(node.children[0], {Type::boolean}, "the condition of 'if'");
      const Type a = value_type(node.children[1]);
      const Type b = value_type(node.children[2]);
      if (condition == Type::error || a == Type::error || b == Type::error) return Type::error;
      if (a == b) return a;
      if (is_numeric(a) && is_numeric(b)) {
        // As `+` would combine them: a plain number stands for either.
        if (a == Type::number) return b;
        if (b == Type::number) return a;
      }
      sink_.report(Code::type_mismatch, node.span,
                   fmt::format("'then' and 'else' must be of one type, found {} and {}",
                               type_name(a), type_name(b)));
      return Type::error;
    }
    case NodeKind::unary: {
      if (node.text == "not")
        return expect(node.children[0], {Type::boolean}, "the operand of 'not'") == Type::error
                   ? Type::error
                   : Type::boolean;
      const Type operand =
          expect(node.children[0], {Type::number, Type::count, Type::percent, Type::duration},
                 "the operand of '-'");
      // `-5 days` has no use (a day moved back is `DAY - 5 days`), and read
      // as a window or a period it was silently something else.
      if (operand == Type::duration) {
        sink_.report(Code::bad_value, node.span,
                     "a duration must be longer than zero: to move a day back, write 'DAY - N "
                     "days'");
        return Type::error;
      }
      return operand;
    }
    case NodeKind::binary:
      return binary_type(node);
    case NodeKind::range:
      return range_type(node);
    case NodeKind::call:
      return call_type(node);
    case NodeKind::named_argument:
    case NodeKind::comprehension:
      sink_.report(Code::type_mismatch, node.span,
                   "named arguments and 'x in G where …' belong inside a call");
      return Type::error;
  }
  return Type::error;
}

Type ExpressionChecker::name_type(const Node& node) {
  if (const std::optional<Type> type = known_name_type(node)) return *type;
  report_unknown(node, "");
  return Type::error;
}

std::optional<Type> ExpressionChecker::known_name_type(const Node& node) {
  for (auto it = scope_.rbegin(); it != scope_.rend(); ++it)
    if (it->name == node.text) return it->type;
  const Symbol* symbol = plan_.find(node.text);
  if (!symbol) {
    if (node.text == "calendar_year") return Type::span;
    if (node.text == "self") return Type::body;  // the subject the rule is about
    if (node.text == "month") {
      sink_.report(Code::syntax, node.span, "'month' needs its number: month 12");
      return Type::error;
    }
    if (is_word(node.text)) return Type::word;
    return std::nullopt;
  }
  switch (symbol->kind) {
    case SymbolKind::kind:
      return Type::kind;
    case SymbolKind::body:
      return Type::body;
    case SymbolKind::group:
      switch (plan_.groups[symbol->index].sort) {
        case GroupSort::bodies:
          return Type::body_group;
        case GroupSort::programmes:
          return Type::programme_group;
        case GroupSort::metrics:
          return Type::metric_group;
      }
      return Type::error;
    case SymbolKind::parameter: {
      const Parameter& parameter = plan_.parameters[symbol->index];
      if (const auto type = type_from_name(parameter.type.name)) return *type;
      return Type::error;  // the declaration reported its unknown type
    }
    case SymbolKind::metric:
      return Type::metric;
    case SymbolKind::title:
      return Type::title;
    case SymbolKind::event:
      return Type::event;
    case SymbolKind::programme:
      return Type::programme;
    case SymbolKind::stage:
      return Type::stage;
    case SymbolKind::consequence:
      return Type::consequence;
    case SymbolKind::rule:
    case SymbolKind::quota:
      sink_.report(Code::type_mismatch, node.span,
                   fmt::format("'{}' is {} and has no value", node.text,
                               detail::with_article(symbol_kind_name(symbol->kind))));
      return Type::error;
  }
  return Type::error;
}

Type ExpressionChecker::literal_type(const Node& node) {
  switch (node.kind) {
    case NodeKind::date: {
      if (parse_date(node.text)) return Type::date;
      const auto parts = parse_annual_date(node.text.substr(5));
      const int year = std::stoi(node.text.substr(0, 4));
      if (parts && parts->month >= 1 && parts->month <= 12)
        sink_.report(
            Code::invalid_date, node.span,
            fmt::format("{} is not a date: {} {} has {} days", node.text,
                        month_names[parts->month - 1], year, days_in_month(year, parts->month)));
      else
        sink_.report(Code::invalid_date, node.span,
                     fmt::format("{} is not a date: there is no month {}", node.text,
                                 node.text.substr(5, 2)));
      return Type::error;
    }
    case NodeKind::annual_date: {
      const auto date = parse_annual_date(node.text);
      if (!date || date->month < 1 || date->month > 12) {
        sink_.report(Code::invalid_date, node.span,
                     fmt::format("{} is not a day of the year: there is no month {}", node.text,
                                 node.text.substr(0, 2)));
        return Type::error;
      }
      if (date->day < 1 || date->day > days_in_month(2000, date->month)) {
        sink_.report(Code::invalid_date, node.span,
                     fmt::format("{} is not a day of the year: {} has {} days", node.text,
                                 month_names[date->month - 1], days_in_month(2000, date->month)));
        return Type::error;
      }
      const PlanMetadata& meta = plan_.metadata;
      if (meta.first_year > 0) {
        if (const auto year = year_without(*date, meta.first_year, meta.last_year)) {
          sink_.report(
              Code::invalid_date, node.span,
              fmt::format(
                  "{} does not exist in {} (the plan runs {}–{}); recurring dates must exist "
                  "in every year",
                  node.text, *year, meta.first_year, meta.last_year));
          return Type::error;
        }
      }
      return Type::annual_date;
    }
    case NodeKind::end_of_month: {
      const auto month = to_integer(node.children[0]);
      if (!month || *month < 1 || *month > 12) {
        sink_.report(Code::bad_value, node.children[0].span,
                     fmt::format("there is no month {}", node.children[0].text));
        return Type::error;
      }
      return Type::annual_date;
    }
    case NodeKind::month_window: {
      bool ok = true;
      for (const Node& child : node.children) {
        const auto month = to_integer(child);
        if (!month || *month < 1 || *month > 12) {
          sink_.report(Code::bad_value, child.span,
                       fmt::format("there is no month {}", child.text));
          ok = false;
        }
      }
      if (ok && node.children.size() == 2 &&
          *to_integer(node.children[0]) > *to_integer(node.children[1])) {
        sink_.report(Code::bad_window, node.span,
                     fmt::format("months {}..{} is reversed: the first month comes after the last",
                                 node.children[0].text, node.children[1].text));
        ok = false;
      }
      return ok ? Type::window : Type::error;
    }
    case NodeKind::duration: {
      double amount = 0;
      const auto [end, error] =
          std::from_chars(node.text.data(), node.text.data() + node.text.size(), amount);
      (void)end;
      if (error != std::errc{} || amount <= 0) {
        sink_.report(Code::bad_value, node.span, "a duration must be longer than zero");
        return Type::error;
      }
      return Type::duration;
    }
    default:
      return type_of(node);
  }
}

Type ExpressionChecker::range_type(const Node& node) {
  const Node& first = node.children[0];
  const Node& last = node.children[1];
  const auto is_year = [](const Node& n) {
    return n.kind == NodeKind::integer && n.text.size() == 4;
  };
  if (is_year(first) && is_year(last)) {
    if (std::stoi(first.text) > std::stoi(last.text)) {
      sink_.report(Code::bad_window, node.span,
                   fmt::format("period {}..{} is reversed", first.text, last.text));
      return Type::error;
    }
    return Type::period;
  }
  const Type a = type_of(first);
  const Type b = type_of(last);
  if (a == Type::error || b == Type::error) return Type::error;
  if (a != b || (a != Type::date && a != Type::annual_date)) {
    sink_.report(
        Code::type_mismatch, node.span,
        fmt::format("a window needs two dates, two annual dates or two years, found {} .. {}",
                    type_name(a), type_name(b)));
    return Type::error;
  }
  // Literal bounds can be ordered now; parameters are checked at evaluation.
  const bool literal = first.kind == last.kind &&
                       (first.kind == NodeKind::date || first.kind == NodeKind::annual_date);
  if (literal && first.text > last.text) {
    sink_.report(
        Code::bad_window, node.span,
        fmt::format("window {}..{} is reversed: it ends before it starts", first.text, last.text));
    return Type::error;
  }
  return Type::window;
}

std::optional<Type> ExpressionChecker::element_type(Type group) {
  switch (group) {
    case Type::body_group:
      return Type::body;
    case Type::programme_group:
      return Type::programme;
    case Type::metric_group:
      return Type::metric;
    default:
      return std::nullopt;
  }
}

Type ExpressionChecker::metric_argument(const Node& node) {
  const Type type = type_of(node);
  if (type == Type::error) return Type::error;
  if (type != Type::metric) {
    sink_.report(Code::type_mismatch, node.span,
                 fmt::format("expected a metric, found {}", type_name(type)));
    return Type::error;
  }
  if (node.kind == NodeKind::name) {
    if (const Symbol* symbol = plan_.find(node.text);
        symbol && symbol->kind == SymbolKind::metric) {
      if (const auto type = type_from_name(plan_.metrics[symbol->index].type.name)) return *type;
    }
  }
  return Type::number;  // a metric variable or parameter: its members' numbers
}

const Node* ExpressionChecker::named_argument(const Node& call, std::string_view key) const {
  for (const Node& argument : call.children)
    if (argument.kind == NodeKind::named_argument && argument.text == key)
      return &argument.children[0];
  return nullptr;
}

void ExpressionChecker::check_named_arguments(const Node& call,
                                              std::initializer_list<std::string_view> allowed) {
  std::vector<std::string_view> given;
  for (const Node& argument : call.children) {
    if (argument.kind != NodeKind::named_argument) continue;
    if (std::find(given.begin(), given.end(), argument.text) != given.end()) {
      sink_.report(Code::unexpected_statement, argument.span,
                   fmt::format("'{}' takes '{}:' once", call.text, argument.text));
      continue;
    }
    given.push_back(argument.text);
    if (std::find(allowed.begin(), allowed.end(), argument.text) != allowed.end()) continue;
    std::vector<std::string_view> candidates(allowed);
    std::string message = fmt::format("'{}' takes no argument '{}'", call.text, argument.text);
    message += did_you_mean(closest(argument.text, candidates));
    sink_.report(Code::unexpected_statement, argument.span, std::move(message));
  }
}

Type ExpressionChecker::aggregate_type(const Node& node) {
  const bool is_rank = node.text == "rank";
  check_named_arguments(
      node,
      is_rank ? std::initializer_list<std::string_view>{"among", "order", "ties", "then", "source"}
              : std::initializer_list<std::string_view>{"over", "source"});
  std::vector<const Node*> positional;
  for (const Node& argument : node.children)
    if (argument.kind != NodeKind::named_argument) positional.push_back(&argument);
  if (positional.size() != 1) {
    sink_.report(Code::missing_statement, node.span,
                 fmt::format("'{}' takes one metric, found {} positional arguments", node.text,
                             positional.size()));
    return Type::error;
  }
  const Type value = metric_argument(*positional[0]);
  const std::string_view population_key = is_rank ? "among" : "over";
  if (const Node* population = named_argument(node, population_key)) {
    expect(*population, {Type::body_group}, fmt::format("'{}:'", population_key));
  } else {
    sink_.report(Code::missing_statement, node.span,
                 fmt::format("'{}' needs '{}: GROUP', the population", node.text, population_key));
  }
  const auto expect_word = [&](std::string_view key,
                               std::initializer_list<std::string_view> words) {
    const Node* argument = named_argument(node, key);
    if (!argument) return;
    const auto allowed = [&](std::string_view word) {
      return std::find(words.begin(), words.end(), word) != words.end();
    };
    // A parameter of type choice(…) may stand for the word if all its choices fit.
    if (const Symbol* symbol =
            argument->kind == NodeKind::name ? plan_.find(argument->text) : nullptr;
        symbol && symbol->kind == SymbolKind::parameter) {
      const TypeName& type = plan_.parameters[symbol->index].type;
      if (type.name == "choice" && std::all_of(type.choices.begin(), type.choices.end(), allowed))
        return;
    }
    if (argument->kind != NodeKind::name || !allowed(argument->text)) {
      std::string list;
      for (const std::string_view w : words) list += (list.empty() ? "" : ", ") + std::string(w);
      sink_.report(Code::bad_value, argument->span, fmt::format("'{}:' is one of {}", key, list));
    }
  };
  if (is_rank) {
    expect_word("order", {"descending", "ascending"});
    expect_word("ties", {"min", "max", "dense"});
    // `then: KEY` breaks ties by a second metric: members still tied on both
    // share the better rank, so `ties:` has nothing left to decide.
    if (const Node* key = named_argument(node, "then")) {
      const Type key_type = metric_argument(*key);
      if (key_type == Type::date)
        sink_.report(Code::type_mismatch, key->span,
                     "'then:' takes a metric of numbers, counts or percentages");
      if (const Node* ties = named_argument(node, "ties"))
        sink_.report(Code::unexpected_statement, ties->span,
                     "'ties:' and 'then:' exclude each other: 'then:' breaks the ties");
    }
  }
  expect_word("source", {"published", "computed"});
  if (value == Type::error) return Type::error;
  if (is_rank) return Type::count;
  // The mean of counts is no count (7 and 8 average 7.5).
  return node.text == "average" && value == Type::count ? Type::number : value;
}

Type ExpressionChecker::call_type(const Node& node) {
  const std::string_view function = node.text;
  if (const Symbol* symbol = plan_.find(function); symbol && symbol->kind == SymbolKind::metric) {
    // 两率一度(c): the metric of another subject.
    if (node.children.size() != 1 || node.children[0].kind == NodeKind::named_argument) {
      sink_.report(Code::missing_statement, node.span,
                   fmt::format("'{}(…)' takes one body", function));
      return Type::error;
    }
    expect(node.children[0], {Type::body}, fmt::format("the argument of '{}'", function));
    return type_from_name(plan_.metrics[symbol->index].type.name).value_or(Type::number);
  }
  if (named_argument(node, "across")) return across_type(node);
  // min(a, b, …) and max(…) of values; with `over:` they are aggregates.
  if ((function == "min" || function == "max") && !named_argument(node, "over"))
    return extreme_type(node);
  if (function == "average" || function == "sum" || function == "min" || function == "max" ||
      function == "rank")
    return aggregate_type(node);

  const auto comprehension = [&](Type result) {
    if (node.children.size() != 1 || node.children[0].kind != NodeKind::comprehension) {
      sink_.report(Code::missing_statement, node.span,
                   fmt::format("'{}' takes one 'x in GROUP where CONDITION'", function));
      return Type::error;
    }
    const Node& c = node.children[0];
    const Type domain = type_of(c.children[0]);
    const auto element = element_type(domain);
    if (!element) {
      if (domain != Type::error)
        sink_.report(Code::type_mismatch, c.children[0].span,
                     fmt::format("'{} in …' needs a group, found {}", c.text, type_name(domain)));
      scope_.push_back({c.text, Type::error});
    } else {
      scope_.push_back({c.text, *element});
    }
    const Type condition = expect(c.children[1], {Type::boolean}, "the 'where' condition");
    scope_.pop_back();
    return domain == Type::error || condition == Type::error ? Type::error : result;
  };

  if (function == "any" || function == "all") return comprehension(Type::boolean);
  if (function == "count") {
    if (!node.children.empty() && node.children[0].kind == NodeKind::comprehension)
      return comprehension(Type::count);
    check_named_arguments(node, {"by", "within"});
    bool any_event = false;
    for (const Node& argument : node.children) {
      if (argument.kind == NodeKind::named_argument) continue;
      any_event = true;
      expect(argument, {Type::event}, "what 'count' counts");
    }
    if (!any_event)
      sink_.report(Code::missing_statement, node.span,
                   "'count' needs the events to count, or 'x in GROUP where …'");
    if (const Node* by = named_argument(node, "by"))
      expect(*by, {Type::body, Type::body_group}, "'by:'");
    if (const Node* within = named_argument(node, "within"))
      expect(*within, {Type::span, Type::word}, "'within:'");
    return Type::count;
  }
  if (function == "size") {
    if (node.children.size() != 1) {
      sink_.report(Code::missing_statement, node.span, "'size' takes one group");
      return Type::error;
    }
    const Type group = type_of(node.children[0]);
    if (group != Type::error && !element_type(group)) {
      sink_.report(Code::type_mismatch, node.children[0].span,
                   fmt::format("'size' needs a group, found {}", type_name(group)));
      return Type::error;
    }
    return Type::count;
  }
  if (function == "ceil" || function == "floor" || function == "round") {
    if (node.children.size() != 1) {
      sink_.report(Code::missing_statement, node.span,
                   fmt::format("'{}' takes one number", function));
      return Type::error;
    }
    const Type value = value_type(node.children[0]);
    if (value != Type::error && !is_numeric(value)) {
      sink_.report(Code::type_mismatch, node.children[0].span,
                   fmt::format("'{}' needs a number, found {}", function, type_name(value)));
      return Type::error;
    }
    return value;
  }
  if (function == "parent" || function == "superior") {
    if (node.children.size() != 1) {
      sink_.report(Code::missing_statement, node.span,
                   fmt::format("'{}' takes one body", function));
      return Type::error;
    }
    return expect(node.children[0], {Type::body}, fmt::format("the argument of '{}'", function)) ==
                   Type::error
               ? Type::error
               : Type::body;
  }
  if (function == "previous") {
    // previous(EXPR [, N]): EXPR in the period N before (1 by default).
    if (node.children.empty() || node.children.size() > 2) {
      sink_.report(Code::missing_statement, node.span,
                   "'previous' takes an expression and optionally how many periods back");
      return Type::error;
    }
    if (node.children.size() == 2 && (node.children[1].kind != NodeKind::integer ||
                                      to_integer(node.children[1]).value_or(0) < 1))
      sink_.report(Code::bad_value, node.children[1].span,
                   "how many periods back is a whole number, 1 or more");
    return value_type(node.children[0]);
  }
  if (function == "holds") {
    if (node.children.empty() || node.children.size() > 2) {
      sink_.report(Code::missing_statement, node.span,
                   "'holds' takes a title and optionally a body");
      return Type::error;
    }
    expect(node.children[0], {Type::title}, "the first argument of 'holds'");
    if (node.children.size() == 2)
      expect(node.children[1], {Type::body}, "the second argument of 'holds'");
    return Type::boolean;
  }
  if (function == "rolling") {
    if (node.children.size() != 1) {
      sink_.report(Code::missing_statement, node.span, "'rolling' takes one duration");
      return Type::error;
    }
    return expect(node.children[0], {Type::duration}, "the argument of 'rolling'") == Type::error
               ? Type::error
               : Type::span;
  }
  std::vector<std::string_view> candidates(builtin_functions.begin(), builtin_functions.end());
  if (may_suggest())
    for (const auto& [name, symbol] : plan_.symbols)
      if (symbol.kind == SymbolKind::metric) candidates.push_back(name);
  std::string message = fmt::format("unknown function '{}'", function);
  message += did_you_mean(closest(function, candidates));
  sink_.report(Code::unknown_name, node.span, std::move(message));
  return Type::error;
}

Type ExpressionChecker::across_type(const Node& node) {
  const std::string_view function = node.text;
  const bool of_conditions = function == "all" || function == "any" || function == "count";
  if (!of_conditions && function != "average" && function != "sum" && function != "min" &&
      function != "max") {
    sink_.report(Code::unexpected_statement, node.span,
                 fmt::format("'{}' takes no 'across:'; average, sum, min, max, count, all and any "
                             "do (over the periods within the one judged)",
                             function));
    return Type::error;
  }
  check_named_arguments(node, {"across"});
  std::vector<const Node*> positional;
  for (const Node& argument : node.children)
    if (argument.kind != NodeKind::named_argument) positional.push_back(&argument);
  const Node& kind_node = *named_argument(node, "across");
  const auto kind =
      kind_node.kind == NodeKind::name ? period_kind_named(kind_node.text) : std::nullopt;
  if (!kind || *kind == PeriodKind::year)
    sink_.report(Code::bad_value, kind_node.span,
                 "'across:' is one of half_year, quarter, month, week");
  else if (judged_period_ && !Period::nests_in(*kind, *judged_period_))
    sink_.report(
        Code::bad_value, kind_node.span,
        fmt::format("this rule is judged every {}, which is not made of {}s: 'across:' "
                    "takes shorter periods within it{}",
                    period_kind_name(*judged_period_), kind_node.text,
                    *kind == PeriodKind::week ? " (ISO weeks lie within a year only)" : ""));
  if (positional.size() != 1) {
    sink_.report(Code::missing_statement, node.span,
                 fmt::format("'{}(…, across: …)' takes one {}, found {} positional arguments",
                             function, of_conditions ? "condition" : "value", positional.size()));
    return Type::error;
  }
  if (of_conditions) {
    if (expect(*positional[0], {Type::boolean},
               fmt::format("what '{}(…, across: …)' tests in each period", function)) ==
        Type::error)
      return Type::error;
    return function == "count" ? Type::count : Type::boolean;
  }
  const Type value = value_type(*positional[0]);
  if (value == Type::error) return Type::error;
  if (!is_numeric(value)) {
    sink_.report(
        Code::type_mismatch, positional[0]->span,
        fmt::format("'{}(…, across: …)' needs a number, found {}", function, type_name(value)));
    return Type::error;
  }
  // The mean of counts is no count (7 and 8 average 7.5).
  return function == "average" && value == Type::count ? Type::number : value;
}

Type ExpressionChecker::value_type(const Node& node) {
  const Type type = type_of(node);
  return type == Type::metric ? metric_argument(node) : type;
}

Type ExpressionChecker::extreme_type(const Node& node) {
  if (node.children.size() < 2) {
    sink_.report(
        Code::missing_statement, node.span,
        fmt::format("'{}' of values takes two or more; over a group it takes 'over:'", node.text));
    return Type::error;
  }
  std::optional<Type> result;
  for (const Node& argument : node.children) {
    if (argument.kind == NodeKind::named_argument) {
      sink_.report(Code::unexpected_statement, argument.span,
                   fmt::format("'{}' of values takes no '{}:'", node.text, argument.text));
      return Type::error;
    }
    const Type type = value_type(argument);
    if (type == Type::error) return Type::error;
    if (!is_numeric(type)) {
      sink_.report(Code::type_mismatch, argument.span,
                   fmt::format("'{}' needs numbers, found {}", node.text, type_name(type)));
      return Type::error;
    }
    // A plain number stands for any numeric kind; two other kinds do not mix.
    if (!result || *result == Type::number) {
      result = type;
    } else if (type != Type::number && type != *result) {
      sink_.report(
          Code::type_mismatch, argument.span,
          fmt::format("'{}' of {} and {}", node.text, type_name(*result), type_name(type)));
      return Type::error;
    }
  }
  return *result;
}

Type ExpressionChecker::binary_type(const Node& node) {
  const std::string_view op = node.text;
  if (op == "and" || op == "or") {
    const Type a =
        expect(node.children[0], {Type::boolean}, fmt::format("the left side of '{}'", op));
    const Type b =
        expect(node.children[1], {Type::boolean}, fmt::format("the right side of '{}'", op));
    return a == Type::error || b == Type::error ? Type::error : Type::boolean;
  }
  auto value = [&](const Node& operand) {
    const Type type = type_of(operand);
    return type == Type::metric ? metric_argument(operand) : type;
  };
  const Type a = value(node.children[0]);
  const Type b = value(node.children[1]);
  if (a == Type::error || b == Type::error) return Type::error;
  const bool comparison =
      op == "<" || op == "<=" || op == ">" || op == ">=" || op == "==" || op == "!=";
  if (comparison) {
    const bool numeric_ok =
        is_numeric(a) && is_numeric(b) && (a == b || a == Type::number || b == Type::number);
    const bool same_ok =
        a == b && (a == Type::date || a == Type::annual_date || a == Type::duration ||
                   ((op == "==" || op == "!=") && (a == Type::body || a == Type::boolean)));
    if (!numeric_ok && !same_ok) {
      sink_.report(Code::type_mismatch, node.span,
                   fmt::format("cannot compare {} with {}", type_name(a), type_name(b)));
      return Type::error;
    }
    warn_fraction_as_percent(node.children[1], a, "compared with a percentage");
    warn_fraction_as_percent(node.children[0], b, "compared with a percentage");
    return Type::boolean;
  }
  // A day of the year moved by a duration (“开学前7天”: `开学日 - 7 days`).
  // A full date moved is written as the date it gives.
  if ((op == "+" || op == "-") && a == Type::annual_date && b == Type::duration) return a;
  if (op == "+" && a == Type::duration && b == Type::annual_date) return b;
  if ((op == "+" || op == "-") && (a == Type::date || b == Type::date) &&
      (a == Type::duration || b == Type::duration)) {
    sink_.report(Code::type_mismatch, node.span,
                 "a date moved by a duration is the date it gives: write that date (2019-08-25); "
                 "a day of every year may be moved (09-01 - 7 days)");
    return Type::error;
  }
  if (!is_numeric(a) || !is_numeric(b)) {
    sink_.report(
        Code::type_mismatch, node.span,
        fmt::format("'{}' needs numbers, found {} and {}", op, type_name(a), type_name(b)));
    return Type::error;
  }
  // One arithmetic for the checker and the interpreter (check/arithmetic.hpp).
  const auto unit = [](Type type) {
    return type == Type::count     ? NumericUnit::count
           : type == Type::percent ? NumericUnit::percent
                                   : NumericUnit::number;
  };
  switch (result_unit(*arithmetic_operator(op.front()), unit(a), unit(b))) {
    case NumericUnit::count:
      return Type::count;
    case NumericUnit::percent:
      return Type::percent;
    case NumericUnit::number:
      return Type::number;
  }
  return Type::number;
}

void ExpressionChecker::check_values(const std::vector<Node>& values, const TypeName& type,
                                     std::string_view what) {
  if (!type.is_list && values.size() > 1)
    sink_.report(Code::type_mismatch, values[1].span,
                 fmt::format("{} takes one value; declare the type as list({}) for several", what,
                             type.name));
  if (type.name == "choice") {
    for (const Node& value : values) {
      if (value.kind != NodeKind::name ||
          std::find(type.choices.begin(), type.choices.end(), value.text) == type.choices.end())
        sink_.report(Code::bad_value, value.span,
                     fmt::format("{} is one of: {}", what, fmt::join(type.choices, ", ")));
    }
    return;
  }
  const auto expected = type_from_name(type.name);
  if (!expected) return;
  for (const Node& value : values) {
    // A bare word that names nothing is most likely a mistyped value
    // (`--param 扣分分值=abc`): say what the value must be, not only that
    // the name is unknown.
    const std::optional<Type> found =
        value.kind == NodeKind::name ? known_name_type(value) : type_of(value);
    if (!found) {
      sink_.report(Code::unknown_name, value.span,
                   fmt::format("{} must be {}: '{}' is neither a value nor a name in the plan{}",
                               what, type_name(*expected), value.text, suggestion(value.text)));
      continue;
    }
    if (accept(value, *found, {*expected}, what) == Type::error) continue;
    warn_fraction_as_percent(value, *expected, "as a percentage");
    if (*expected != Type::count) continue;
    // A count is a whole number, 0 or more: `-5` or `2.5` reads as a count
    // type-wise, but counts nothing.
    const bool negative = value.kind == NodeKind::unary && value.text == "-";
    const Node& number = negative ? value.children[0] : value;
    if ((negative && number.kind != NodeKind::name) || number.kind == NodeKind::decimal)
      sink_.report(Code::bad_value, value.span,
                   fmt::format("{} is a count: a whole number, 0 or more", what));
  }
}

void ExpressionChecker::warn_fraction_as_percent(const Node& literal, Type percent_side,
                                                 std::string_view where) {
  // A number beside a percentage is in percentage points (`>= 90`): a
  // fraction written as one (`>= 0.95`) silently means 0.95% (a new user's
  // finding). Warned, not rejected: 0.5% can be meant.
  if (percent_side != Type::percent || literal.kind != NodeKind::decimal) return;
  double value = 0;
  const auto [end, error] =
      std::from_chars(literal.text.data(), literal.text.data() + literal.text.size(), value);
  if (error != std::errc{} || value <= 0 || value >= 1) return;
  const double points = std::round(value * 100 * 1e6) / 1e6;
  sink_.report(Code::type_mismatch, literal.span,
               fmt::format("{} {} is {}%, not {}%: write {}% if the fraction was meant",
                           literal.text, where, literal.text, points, points),
               Severity::warning);
}

Type ExpressionChecker::expect(const Node& node, std::initializer_list<Type> expected,
                               std::string_view what) {
  return accept(node, type_of(node), expected, what);
}

Type ExpressionChecker::accept(const Node& node, Type type, std::initializer_list<Type> expected,
                               std::string_view what) {
  if (type == Type::error) return type;
  const auto accepts = [&](Type t) {
    return std::find(expected.begin(), expected.end(), t) != expected.end();
  };
  if (type == Type::metric && !accepts(Type::metric)) type = metric_argument(node);
  if (accepts(type)) return type;
  // A plain number stands for any numeric kind (`>= 4` against a count).
  if (type == Type::number && std::any_of(expected.begin(), expected.end(), is_numeric))
    return type;
  sink_.report(Code::type_mismatch, node.span,
               fmt::format("{} must be {}, found {}", what, join_types(expected), type_name(type)));
  return Type::error;
}

}  // namespace mandate::detail
