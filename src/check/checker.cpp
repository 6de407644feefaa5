// The checker: declarations first (so statements may refer forward), then
// each statement's shape (forms.cpp) and meaning, then whole-plan checks
// (cycles, quota totals, citations).
#include <mandate/check.hpp>
#include <mandate/format.hpp>
#include <mandate/parse.hpp>

#include "check/calendar.hpp"
#include "check/dependencies.hpp"
#include "check/expressions.hpp"
#include "check/forms.hpp"
#include "check/stage_counts.hpp"
#include "check/suggest.hpp"
#include "support/article.hpp"
#include "support/lookup.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

namespace mandate {
namespace {

using detail::for_each_cycle;
using detail::mentioned;
using detail::parameter_values;
using detail::Type;
using syntax::Node;
using syntax::NodeKind;
using syntax::Segment;
using syntax::Statement;

const Segment* find_segment(const Statement& statement, std::string_view keyword) {
  for (const Segment& segment : statement.segments)
    if (segment.keyword == keyword) return &segment;
  return nullptr;
}

std::vector<const Statement*> nested(const Statement& statement, std::string_view keyword) {
  std::vector<const Statement*> found;
  for (const Statement& inner : statement.block)
    if (inner.head.keyword == keyword) found.push_back(&inner);
  return found;
}

std::optional<SymbolKind> declared_kind(std::string_view keyword) {
  static constexpr std::pair<std::string_view, SymbolKind> table[] = {
      {"kind", SymbolKind::kind},     {"body", SymbolKind::body},
      {"group", SymbolKind::group},   {"param", SymbolKind::parameter},
      {"metric", SymbolKind::metric}, {"title", SymbolKind::title},
      {"event", SymbolKind::event},   {"programme", SymbolKind::programme},
      {"stage", SymbolKind::stage},   {"target", SymbolKind::rule},
      {"goal", SymbolKind::rule},     {"sanction", SymbolKind::rule},
      {"award", SymbolKind::rule},    {"consequence", SymbolKind::consequence},
      {"quota", SymbolKind::quota},   {"score", SymbolKind::metric},
  };
  return detail::lookup(table, keyword);
}

std::optional<std::int64_t> integer_value(const Node& node) {
  std::int64_t value = 0;
  const auto [end, error] =
      std::from_chars(node.text.data(), node.text.data() + node.text.size(), value);
  if (node.kind != NodeKind::integer || error != std::errc{} ||
      end != node.text.data() + node.text.size())
    return std::nullopt;
  return value;
}

Citations to_citations(const Statement& statement) {
  Citations citations;
  for (const syntax::Citation& c : statement.citations) citations.push_back({c.clause, c.section});
  return citations;
}

class Checker {
 public:
  Checker(const syntax::PlanFile& file, const SourceFile& source)
      : file_(file), sink_(source), expressions_(plan_, sink_) {
    plan_.source_name = source.name();
  }

  CheckResult run() {
    declare();
    read_plan_statement();
    for (const Statement& statement : file_.statements) check_top_level(statement);
    check_cycles();
    expand_groups();
    check_obligations();
    check_role_groups();
    check_candidate_titles();
    check_unless_sanctions();
    check_prerequisite_deliverables();
    check_scores_in_periods();
    check_subject_kinds();
    check_parameter_values();
    check_citations();
    CheckResult result;
    if (!sink_.has_errors()) result.plan = std::make_shared<const Plan>(std::move(plan_));
    result.diagnostics = std::move(sink_).take();
    return result;
  }

 private:
  // Pass 1: declarations -------------------------------------------------------

  void add_symbol(const Node& name, SymbolKind kind, Index index) {
    const auto [it, inserted] =
        plan_.symbols.try_emplace(name.text, Symbol{kind, index, name.span});
    if (!inserted) {
      Diagnostic& d = sink_.report(Code::duplicate_name, name.span,
                                   duplicate_message(name.text, it->second.kind, kind));
      d.notes.push_back({"first declared here", it->second.span, true});
    }
  }

  /// A stage named like the event it delivers is the usual collision: say
  /// that every declaration shares one namespace, and offer a stage name
  /// (decision 0030).
  std::string duplicate_message(const std::string& name, SymbolKind first, SymbolKind second) {
    const auto is = [&](SymbolKind a, SymbolKind b) { return first == a && second == b; };
    if (!is(SymbolKind::stage, SymbolKind::event) && !is(SymbolKind::event, SymbolKind::stage))
      return fmt::format("'{}' is already declared as {}", name,
                         detail::with_article(symbol_kind_name(first)));
    std::string message = fmt::format(
        "a stage and an event cannot share the name '{}' (one namespace for all declarations)",
        name);
    if (const std::string renamed = "报送" + name; !plan_.symbols.contains(renamed))
      message += fmt::format("; name the stage e.g. '{}'", renamed);
    else
      message += "; rename the stage";
    return message;
  }

  template <typename T>
  Index append(std::vector<T>& list, const std::string& name) {
    list.emplace_back().name = name;
    return static_cast<Index>(list.size() - 1);
  }

  void declare() {
    for (const Statement& statement : file_.statements) {
      const auto kind = declared_kind(statement.head.keyword);
      if (!kind || statement.head.arguments.empty()) continue;
      const Node& name = statement.head.arguments[0];
      if (name.kind != NodeKind::name) {
        sink_.report(
            Code::type_mismatch, name.span,
            fmt::format("'{}' declares a name here, found an expression", statement.head.keyword));
        continue;
      }
      if (plan_.symbols.contains(name.text)) {
        add_symbol(name, *kind, 0);  // reports the duplicate
        continue;
      }
      Index index = 0;
      switch (*kind) {
        case SymbolKind::kind:
          index = append(plan_.kinds, name.text);
          break;
        case SymbolKind::body:
          index = append(plan_.bodies, name.text);
          break;
        case SymbolKind::group:
          index = declare_group(statement, name.text);
          break;
        case SymbolKind::parameter:
          index = append(plan_.parameters, name.text);
          break;
        case SymbolKind::metric:
          index = append(plan_.metrics, name.text);
          break;
        case SymbolKind::title:
          index = append(plan_.titles, name.text);
          break;
        case SymbolKind::event:
          index = append(plan_.events, name.text);
          break;
        case SymbolKind::programme:
          index = append(plan_.programmes, name.text);
          break;
        case SymbolKind::stage:
          index = append(plan_.stages, name.text);
          break;
        case SymbolKind::rule:
          index = append(plan_.rules, name.text);
          break;
        case SymbolKind::consequence:
          index = append(plan_.consequences, name.text);
          break;
        case SymbolKind::quota:
          index = append(plan_.quotas, name.text);
          break;
      }
      add_symbol(name, *kind, index);
      // Parameters carry their declared type from the start: expressions
      // that use them are typed before the parameter statement is visited.
      if (*kind == SymbolKind::parameter) {
        if (const Segment* type = find_segment(statement, ":"); type && !type->arguments.empty())
          plan_.parameters[index].type = read_type_name(type->arguments[0], /*report=*/false);
        // Read here, so that statements before the declaration see it (a
        // stage's first day, a quota's totals).
        if (const Segment* value = find_segment(statement, "="))
          plan_.parameters[index].default_value = value->arguments;
      }
      if (*kind == SymbolKind::metric) {
        if (const Segment* type = find_segment(statement, ":"); type && !type->arguments.empty())
          plan_.metrics[index].type = read_type_name(type->arguments[0], /*report=*/false);
      }
    }
    // Aliases after all primary names, so an alias never shadows a body.
    for (const Statement& statement : file_.statements) {
      if (statement.head.keyword != "body" || statement.head.arguments.empty()) continue;
      const Symbol* body = plan_.find(statement.head.arguments[0].text);
      const Segment* aliases = find_segment(statement, "alias");
      if (!body || body->kind != SymbolKind::body || !aliases) continue;
      for (const Node& alias : aliases->arguments) {
        if (alias.kind != NodeKind::name) {
          sink_.report(Code::type_mismatch, alias.span, "an alias must be a name");
          continue;
        }
        add_symbol(alias, SymbolKind::body, body->index);
        plan_.bodies[body->index].aliases.push_back(alias.text);
      }
    }
  }

  /// Groups need their sort (bodies, programmes, metrics) before any
  /// expression is typed; it is decided by the first member.
  Index declare_group(const Statement& statement, const std::string& name) {
    const Index index = append(plan_.groups, name);
    pending_groups_.push_back(&statement);
    return index;
  }

  void resolve_group_sorts() {
    // A group's sort follows its first member, which may itself be a group.
    for (int round = 0; round < 4; ++round) {
      for (const Statement* statement : pending_groups_) {
        const Symbol* self = plan_.find(statement->head.arguments[0].text);
        const Segment* members = find_segment(*statement, "=");
        if (!self || self->kind != SymbolKind::group || !members || members->arguments.empty())
          continue;
        const Node& first = members->arguments[0];
        if (first.kind != NodeKind::name) continue;
        if (const Symbol* member = plan_.find(first.text)) {
          Group& group = plan_.groups[self->index];
          if (member->kind == SymbolKind::programme)
            group.sort = GroupSort::programmes;
          else if (member->kind == SymbolKind::metric)
            group.sort = GroupSort::metrics;
          else if (member->kind == SymbolKind::group)
            group.sort = plan_.groups[member->index].sort;
        }
      }
    }
  }

  // The plan statement ----------------------------------------------------------

  void read_plan_statement() {
    resolve_group_sorts();
    std::vector<const Statement*> plans;
    for (const Statement& statement : file_.statements)
      if (statement.head.keyword == "plan") plans.push_back(&statement);
    if (plans.empty()) {
      sink_.report(Code::missing_statement, Span{0, 0},
                   "a plan file needs a 'plan \"TITLE\" { … }' statement");
      return;
    }
    for (std::size_t i = 1; i < plans.size(); ++i) {
      Diagnostic& d = sink_.report(Code::duplicate_name, plans[i]->head.keyword_span,
                                   "a plan file has exactly one 'plan' statement");
      d.notes.push_back({"the first one is here", plans[0]->head.keyword_span, true});
    }
    const Statement& statement = *plans[0];
    if (!detail::check_shape(statement, *detail::top_level_form("plan"), sink_)) return;
    PlanMetadata& meta = plan_.metadata;
    meta.citations = to_citations(statement);
    const Node& title = statement.head.arguments[0];
    if (title.kind == NodeKind::string)
      meta.title = title.text;
    else
      sink_.report(Code::type_mismatch, title.span, "the plan's title is a string: plan \"…\"");

    for (const Statement* effective : nested(statement, "effective")) {
      if (const auto years = read_period(effective->head.arguments[0], "'effective'")) {
        meta.first_year = years->first;
        meta.last_year = years->second;
      }
    }
    for (const Statement* issued : nested(statement, "issued")) {
      const Node& date = issued->head.arguments[0];
      if (expressions_.expect(date, {Type::date}, "'issued'") == Type::date)
        meta.issued = mandate::parse_date(date.text);
    }
    const auto policy = [&](std::string_view keyword, std::optional<Node>& target) {
      for (const Statement* found : nested(statement, keyword))
        if (expressions_.expect(found->head.arguments[0], {Type::boolean},
                                fmt::format("'{}'", keyword)) != Type::error)
          target = found->head.arguments[0];
    };
    policy("inclusive_deadlines", meta.inclusive_deadlines);
    policy("shift_for_holidays", meta.shift_for_holidays);
    for (const Statement* issued_by : nested(statement, "issued_by"))
      for (const Node& body : issued_by->head.arguments)
        if (const auto index = resolve(body, SymbolKind::body, "body"))
          meta.issued_by.push_back(*index);
    for (const Statement* citations : nested(statement, "citations")) {
      const Node& word = citations->head.arguments[0];
      if (word.kind == NodeKind::name && (word.text == "required" || word.text == "optional"))
        meta.citations_required = word.text == "required";
      else
        sink_.report(Code::bad_value, word.span, "'citations' is 'required' or 'optional'");
    }
    for (const Statement* source : nested(statement, "source")) {
      const Node& path = source->head.arguments[0];
      if (path.kind == NodeKind::string && !path.text.empty())
        meta.source = path.text;
      else
        sink_.report(Code::type_mismatch, path.span,
                     "'source' names the original text's file: source \"FILE.txt\"");
    }
    for (const Statement* language : nested(statement, "language")) {
      const Node& word = language->head.arguments[0];
      if (word.kind == NodeKind::name && (word.text == "zh" || word.text == "en"))
        meta.language = word.text;
      else
        sink_.report(Code::bad_value, word.span, "'language' is 'zh' or 'en'");
    }
    for (const Statement* excluded : nested(statement, "not_executable"))
      for (const Node& text : excluded->head.arguments)
        if (text.kind != NodeKind::string)
          sink_.report(Code::type_mismatch, text.span,
                       "'not_executable' takes strings: sentences of the source text, in quotes");
    for (const Statement* clauses : nested(statement, "clauses")) {
      for (const Node& clause : clauses->head.arguments) {
        if (clause.kind != NodeKind::name) {
          sink_.report(Code::type_mismatch, clause.span, "a clause ID is a name such as B3a");
          continue;
        }
        if (std::find(meta.clauses.begin(), meta.clauses.end(), clause.text) !=
            meta.clauses.end()) {
          sink_.report(Code::duplicate_name, clause.span,
                       fmt::format("clause {} is listed twice", clause.text));
        } else {
          meta.clauses.push_back(clause.text);
          clause_spans_[clause.text] = clause.span;
        }
      }
    }
  }

  // Pass 2: statements -------------------------------------------------------------

  void check_top_level(const Statement& statement) {
    const std::string_view keyword = statement.head.keyword;
    if (keyword == "plan") return;  // read first
    const detail::StatementForm* form = detail::top_level_form(keyword);
    if (!form) {
      sink_.report(
          Code::unexpected_statement, statement.head.keyword_span,
          fmt::format("'{}' cannot stand at the top level; it belongs in a block", keyword));
      return;
    }
    collect_citations(statement, form->normative);
    if (!detail::check_shape(statement, *form, sink_)) return;
    if (keyword == "reading") {  // a reading names no symbol
      check_reading(statement);
      return;
    }
    const Symbol* symbol = plan_.find(statement.head.arguments[0].text);
    if (!symbol || symbol->span != statement.head.arguments[0].span)
      return;  // a duplicate, reported
    const Index index = symbol->index;
    if (keyword == "kind")
      check_kind(statement, plan_.kinds[index]);
    else if (keyword == "body")
      check_body(statement, plan_.bodies[index]);
    else if (keyword == "group")
      check_group(statement, plan_.groups[index]);
    else if (keyword == "param")
      check_parameter(statement, plan_.parameters[index]);
    else if (keyword == "metric")
      check_metric(statement, plan_.metrics[index]);
    else if (keyword == "title")
      check_title(statement, plan_.titles[index]);
    else if (keyword == "event")
      check_event(statement, plan_.events[index]);
    else if (keyword == "programme")
      check_programme(statement, plan_.programmes[index]);
    else if (keyword == "stage")
      check_stage(statement, plan_.stages[index]);
    else if (keyword == "consequence")
      check_consequence(statement, plan_.consequences[index]);
    else if (keyword == "score")
      check_score(statement, plan_.metrics[index]);
    else if (keyword == "quota")
      check_quota(statement, plan_.quotas[index]);
    else
      check_rule(statement, plan_.rules[index]);
  }

  /// `reading NAME { says "…"; parameter P; chosen "…"; alternatives "…", …;
  /// because "…" }`: an entry of the readings register. Its name is a
  /// label, not a symbol: nothing refers to a reading.
  void check_reading(const Statement& statement) {
    const Node& name = statement.head.arguments[0];
    if (name.kind != NodeKind::name) {
      sink_.report(Code::type_mismatch, name.span, "'reading' takes a name");
      return;
    }
    if (!reading_names_.insert(name.text).second) {
      sink_.report(Code::duplicate_name, name.span,
                   fmt::format("reading '{}' is declared twice", name.text));
      return;
    }
    Reading reading;
    reading.name = name.text;
    reading.citations = to_citations(statement);
    const auto string_of = [&](const Node& node, std::string_view keyword) -> std::string {
      if (node.kind == NodeKind::string) return node.text;
      sink_.report(Code::type_mismatch, node.span,
                   fmt::format("'{}' takes a string \"…\"", keyword));
      return {};
    };
    for (const Statement& inner : statement.block) {
      const std::string_view keyword = inner.head.keyword;
      const std::vector<Node>& arguments = inner.head.arguments;
      if (keyword == "says") {
        reading.phrase = string_of(arguments[0], keyword);
      } else if (keyword == "parameter") {
        reading.parameter = resolve(arguments[0], SymbolKind::parameter, "parameter");
      } else if (keyword == "chosen") {
        reading.chosen = string_of(arguments[0], keyword);
      } else if (keyword == "alternatives") {
        for (const Node& alternative : arguments)
          reading.alternatives.push_back(string_of(alternative, keyword));
      } else if (keyword == "because") {
        reading.reason = string_of(arguments[0], keyword);
      }
    }
    // A reading fixed in the rules must say what it chose; with a parameter
    // the parameter's default is the choice.
    if (!reading.parameter && nested(statement, "parameter").empty() &&
        nested(statement, "chosen").empty())
      sink_.report(Code::missing_statement, statement.head.keyword_span,
                   fmt::format("reading '{}' needs 'parameter NAME' or 'chosen \"…\"': what was "
                               "chosen",
                               reading.name));
    plan_.readings.push_back(std::move(reading));
  }

  // Name resolution.

  std::optional<Index> resolve(const Node& node, SymbolKind kind, std::string_view sort) {
    if (node.kind != NodeKind::name) {
      sink_.report(Code::type_mismatch, node.span,
                   fmt::format("expected the name of {}", detail::with_article(sort)));
      return std::nullopt;
    }
    const Symbol* symbol = plan_.find(node.text);
    if (!symbol) {
      expressions_.report_unknown(node, sort);
      return std::nullopt;
    }
    if (symbol->kind != kind) {
      sink_.report(Code::type_mismatch, node.span,
                   fmt::format("'{}' is {}, expected {}", node.text,
                               detail::with_article(symbol_kind_name(symbol->kind)),
                               detail::with_article(sort)));
      return std::nullopt;
    }
    return symbol->index;
  }

  /// A body, a group of bodies, or a parameter of type body, in a role,
  /// obligation or delivery: anything else is M0006.
  std::optional<BodyRef> resolve_body_ref(const Node& node, std::string_view role) {
    if (node.kind == NodeKind::name) {
      if (const Symbol* symbol = plan_.find(node.text)) {
        if (symbol->kind == SymbolKind::body) return BodyRef{BodyRef::Sort::body, symbol->index};
        if (symbol->kind == SymbolKind::group &&
            plan_.groups[symbol->index].sort == GroupSort::bodies)
          return BodyRef{BodyRef::Sort::group, symbol->index};
        if (symbol->kind == SymbolKind::parameter &&
            plan_.parameters[symbol->index].type.name == "body")
          return BodyRef{BodyRef::Sort::parameter, symbol->index};
        sink_.report(
            Code::undeclared_body, node.span,
            fmt::format("'{}' names '{}', {}, where a body or a group of bodies is expected", role,
                        node.text, detail::with_article(symbol_kind_name(symbol->kind))));
        return std::nullopt;
      }
      std::vector<std::string_view> bodies;
      if (detail::may_suggest())  // gathering every symbol costs as much as comparing them
        for (const auto& [name, symbol] : plan_.symbols)
          if (symbol.kind == SymbolKind::body || symbol.kind == SymbolKind::group)
            bodies.push_back(name);
      std::string message =
          fmt::format("'{}' names '{}', which is not a declared body", role, node.text);
      message += detail::did_you_mean(detail::closest(node.text, bodies));
      sink_.report(Code::undeclared_body, node.span, std::move(message));
      return std::nullopt;
    }
    sink_.report(Code::undeclared_body, node.span,
                 fmt::format("'{}' expects the name of a body", role));
    return std::nullopt;
  }

  std::vector<BodyRef> resolve_bodies(const std::vector<Node>& nodes, std::string_view role) {
    std::vector<BodyRef> refs;
    for (const Node& node : nodes)
      if (const auto ref = resolve_body_ref(node, role)) refs.push_back(*ref);
    return refs;
  }

  std::optional<std::string> expect_word(const Node& node,
                                         std::initializer_list<std::string_view> words,
                                         std::string_view what) {
    return expect_word(node, std::vector<std::string_view>(words), what);
  }

  /// The value a keyword of `table` stands for; reports any other word.
  template <typename Value, std::size_t N>
  std::optional<Value> expect_word(const Node& node,
                                   const std::pair<std::string_view, Value> (&table)[N],
                                   std::string_view what) {
    std::vector<std::string_view> words;
    for (const auto& [word, value] : table) words.push_back(word);
    const auto word = expect_word(node, words, what);
    return word ? detail::lookup(table, *word) : std::nullopt;
  }

  std::optional<std::string> expect_word(const Node& node,
                                         const std::vector<std::string_view>& words,
                                         std::string_view what) {
    if (node.kind == NodeKind::name &&
        std::find(words.begin(), words.end(), node.text) != words.end())
      return node.text;
    std::string list;
    for (const std::string_view w : words) list += (list.empty() ? "" : ", ") + std::string(w);
    std::string message = fmt::format("{} is one of: {}", what, list);
    if (node.kind == NodeKind::name) {
      message += detail::did_you_mean(detail::closest(node.text, words));
    }
    sink_.report(Code::bad_value, node.span, std::move(message));
    return std::nullopt;
  }

  /// First and last year of a period `2018..2020`; reports anything else
  /// (a reversed period is reported once, by the expression checker).
  std::optional<std::pair<int, int>> read_period(const Node& node, std::string_view what) {
    const Type type = expressions_.type_of(node);
    if (type == Type::period)
      return std::pair{std::stoi(node.children[0].text), std::stoi(node.children[1].text)};
    if (type != Type::error)
      sink_.report(Code::type_mismatch, node.span,
                   fmt::format("{} takes a period of years such as 2018..2020", what));
    return std::nullopt;
  }

  std::string text_of(const Segment* segment) {
    if (!segment) return {};
    const Node& node = segment->arguments[0];
    if (node.kind == NodeKind::string) return node.text;
    sink_.report(Code::type_mismatch, node.span,
                 fmt::format("'{}' takes a string \"…\"", segment->keyword));
    return {};
  }

  TypeName read_type_name(const Node& node, bool report) {
    TypeName type;
    const Node* inner = &node;
    if (node.kind == NodeKind::call && node.text == "list" && node.children.size() == 1) {
      type.is_list = true;
      inner = &node.children[0];
    }
    if (inner->kind == NodeKind::call && inner->text == "choice" && !inner->children.empty()) {
      type.name = "choice";
      for (const Node& choice : inner->children) {
        if (choice.kind == NodeKind::name)
          type.choices.push_back(choice.text);
        else if (report)
          sink_.report(Code::bad_value, choice.span, "the choices of 'choice(…)' are words");
      }
      return type;
    }
    if (inner->kind == NodeKind::name && detail::type_from_name(inner->text)) {
      type.name = inner->text;
    } else if (report) {
      sink_.report(
          Code::bad_value, node.span,
          "a type is one of bool, number, count, percent, date, annual_date, duration, window, "
          "period, text, span, body, group, metric, programme, title, event, choice(a, b, …), "
          "or list(T)");
    }
    return type;
  }

  // Declarations.

  void check_kind(const Statement& statement, Kind& kind) {
    kind.label = text_of(find_segment(statement, "label"));
    if (const Segment* within = find_segment(statement, "within"))
      kind.within = resolve(within->arguments[0], SymbolKind::kind, "kind");
  }

  void check_body(const Statement& statement, Body& body) {
    body.citations = to_citations(statement);
    if (const auto kind =
            resolve(find_segment(statement, ":")->arguments[0], SymbolKind::kind, "kind"))
      body.kind = *kind;
    body.label = text_of(find_segment(statement, "label"));
    if (const Segment* within = find_segment(statement, "within"))
      body.parent = resolve(within->arguments[0], SymbolKind::body, "body");
    if (const Segment* reports = find_segment(statement, "reports_to"))
      for (const Node& node : reports->arguments)
        if (const auto index = resolve(node, SymbolKind::body, "body"))
          body.reports_to.push_back(*index);
  }

  void check_group(const Statement& statement, Group& group) {
    const Segment& members = *find_segment(statement, "=");
    for (const Node& member : members.arguments) {
      if (member.kind == NodeKind::all_of_kind) {
        if (members.arguments.size() > 1) {
          sink_.report(Code::type_mismatch, member.span, "'all KIND' stands alone after '='");
          continue;
        }
        group.all_of_kind = resolve(member.children[0], SymbolKind::kind, "kind");
        if (member.children.size() > 1) {  // `all KIND within BODY`
          if (member.children[1].kind != NodeKind::name)
            sink_.report(Code::type_mismatch, member.children[1].span,
                         "a group's 'within' names a body of the plan");
          else
            group.within = resolve(member.children[1], SymbolKind::body, "body");
        }
        continue;
      }
      if (member.kind != NodeKind::name) {
        sink_.report(Code::type_mismatch, member.span, "a group member is a name");
        continue;
      }
      const Symbol* symbol = plan_.find(member.text);
      if (!symbol) {
        expressions_.report_unknown(member, "");
        continue;
      }
      const auto sort_of = [&](const Symbol& s) -> std::optional<GroupSort> {
        switch (s.kind) {
          case SymbolKind::body:
            return GroupSort::bodies;
          case SymbolKind::programme:
            return GroupSort::programmes;
          case SymbolKind::metric:
            return GroupSort::metrics;
          case SymbolKind::group:
            return plan_.groups[s.index].sort;
          default:
            return std::nullopt;
        }
      };
      const auto sort = sort_of(*symbol);
      if (!sort || *sort != group.sort) {
        sink_.report(Code::type_mismatch, member.span,
                     fmt::format("'{}' is {}; the members of group '{}' are {}", member.text,
                                 detail::with_article(symbol_kind_name(symbol->kind)), group.name,
                                 group.sort == GroupSort::bodies       ? "bodies"
                                 : group.sort == GroupSort::programmes ? "programmes"
                                                                       : "metrics"));
        continue;
      }
      // Members are listed once every group is read (expand_groups): a
      // subgroup may be declared further down.
      group_entries_[plan_.find(group.name)->index].push_back(
          {symbol->kind == SymbolKind::group, symbol->index});
    }
    if (const Segment* within = find_segment(statement, "within")) {
      if (!group.all_of_kind)
        sink_.report(Code::unexpected_statement, within->keyword_span,
                     "'within' narrows 'all KIND' only");
      group.within = resolve(within->arguments[0], SymbolKind::body, "body");
    }
    if (const Segment* except = find_segment(statement, "except"))
      for (const Node& node : except->arguments)
        if (const auto index = resolve(node, SymbolKind::group, "group"))
          group.except.push_back(*index);
    if (const Segment* members = find_segment(statement, "members")) {
      const Node& size = members->arguments[0];
      if (!group.all_of_kind) {
        sink_.report(Code::unexpected_statement, members->keyword_span,
                     "'members N' gives the size of an open group ('all KIND'); a listed "
                     "group's size is the number of its members");
      } else if (size.kind != NodeKind::integer && size.kind != NodeKind::name) {
        sink_.report(Code::bad_value, size.span,
                     "the size after 'members' is a whole number or a count parameter");
      } else if (expressions_.expect(size, {Type::count}, "the size after 'members'") !=
                 Type::error) {
        group.declared_size = size;
      }
    }
  }

  void check_parameter(const Statement& statement, Parameter& parameter) {
    parameter.type = read_type_name(find_segment(statement, ":")->arguments[0], /*report=*/true);
    parameter.doc = text_of(find_segment(statement, "doc"));
    parameter.citations = to_citations(statement);
    expressions_.check_values(parameter.default_value, parameter.type,
                              fmt::format("the value of '{}'", parameter.name));
    for (const Statement* value : nested(statement, "value")) {
      ParameterVersion version;
      version.value = value->head.arguments;
      const Node& period = find_segment(*value, "in")->arguments[0];
      if (const auto years = read_period(period, "'value … in'")) {
        version.first_year = years->first;
        version.last_year = years->second;
      }
      expressions_.check_values(version.value, parameter.type,
                                fmt::format("the value of '{}'", parameter.name));
      for (const ParameterVersion& other : parameter.versions) {
        if (version.first_year <= other.last_year && other.first_year <= version.last_year)
          sink_.report(Code::bad_window, period.span,
                       fmt::format("this version of '{}' overlaps the one for {}..{}",
                                   parameter.name, other.first_year, other.last_year));
      }
      parameter.versions.push_back(std::move(version));
    }
  }

  void check_metric(const Statement& statement, Metric& metric) {
    metric.type = read_type_name(find_segment(statement, ":")->arguments[0], /*report=*/true);
    if (!metric.type.name.empty() && !detail::is_numeric(*detail::type_from_name(metric.type.name)))
      sink_.report(Code::type_mismatch, find_segment(statement, ":")->arguments[0].span,
                   "a metric is a number, a count or a percent");
    for (const Node& per : find_segment(statement, "per")->arguments) {
      if (per.kind == NodeKind::name && per.text == "programme")
        metric.per_programme = true;
      else if (const auto kind = resolve(per, SymbolKind::kind, "kind"))
        metric.per_kinds.push_back(*kind);
    }
    metric.doc = text_of(find_segment(statement, "doc"));
    if (const Segment* granularity = find_segment(statement, "for")) {
      const Node& period = granularity->arguments[0];
      if (period.kind != NodeKind::name || period.text != "year")
        sink_.report(Code::bad_value, period.span,
                     "a metric is given 'for year' (one value a year, read in each period of "
                     "the year); without 'for', a value is of the period judged");
      else if (find_segment(statement, "="))
        sink_.report(Code::bad_value, period.span,
                     "a computed metric follows the metrics it is computed from: declare "
                     "those 'for year' instead");
      else
        metric.yearly = true;
    }
    if (const Segment* formula = find_segment(statement, "=")) {
      metric.formula = formula->arguments[0];
      if (const auto type = detail::type_from_name(metric.type.name))
        expressions_.expect(*metric.formula, {*type},
                            fmt::format("the formula of '{}'", metric.name));
    }
  }

  /// A points ledger: a metric of type number, computed per subject and year.
  void check_score(const Statement& statement, Metric& metric) {
    metric.type.name = "number";
    for (const Node& per : find_segment(statement, "per")->arguments)
      if (const auto kind = resolve(per, SymbolKind::kind, "kind"))
        metric.per_kinds.push_back(*kind);
    metric.doc = text_of(find_segment(statement, "doc"));
    metric.citations = to_citations(statement);
    Ledger ledger{nested(statement, "base").front()->head.arguments[0], {}, {}, {}};
    expressions_.expect(ledger.base, {Type::number}, "'base'");
    for (const Statement& inner : statement.block) {
      const std::string_view keyword = inner.head.keyword;
      if (keyword == "at_least" || keyword == "at_most") {
        const Node& bound = inner.head.arguments[0];
        if (expressions_.expect(bound, {Type::number}, fmt::format("'{}'", keyword)) != Type::error)
          (keyword == "at_least" ? ledger.at_least : ledger.at_most) = bound;
        continue;
      }
      if (keyword != "deduct" && keyword != "add") continue;
      LedgerLine line{keyword == "deduct", inner.head.arguments[0], {}, {}, {}, {},
                      to_citations(inner)};
      if (line.citations.empty()) line.citations = metric.citations;
      bool per_verdict = false;
      if (const Segment* for_segment = find_segment(inner, "for")) {
        const Node& selector = for_segment->arguments[0];
        static constexpr std::string_view outcomes[] = {
            "missed", "late", "early", "too_short", "started_outside", "invalid"};
        if (selector.kind == NodeKind::call && std::find(std::begin(outcomes), std::end(outcomes),
                                                         selector.text) != std::end(outcomes)) {
          // `for missed(STAGE)`: each such verdict of the subject.
          if (selector.children.size() != 1)
            sink_.report(Code::missing_statement, selector.span,
                         fmt::format("'{}' names one stage", selector.text));
          else if (const auto stage = resolve(selector.children[0], SymbolKind::stage, "stage")) {
            line.stage = stage;
            line.outcome = selector.text;
            per_verdict = true;
          }
        } else if (expressions_.expect(selector, {Type::boolean}, "'for'") != Type::error) {
          line.condition = selector;
        }
      }
      // `days`: the days late of the verdict the amount is for.
      expressions_.with_variable(per_verdict ? "days" : "", Type::count, [&] {
        // Points may be a count: `deduct days for late(…)` (逾期每天扣1分).
        expressions_.expect(line.amount, {Type::number, Type::count},
                            fmt::format("the amount of '{}'", keyword));
      });
      if (const Segment* cap = find_segment(inner, "cap")) {
        if (expressions_.expect(cap->arguments[0], {Type::number}, "'cap'") != Type::error)
          line.cap = cap->arguments[0];
      }
      ledger.lines.push_back(std::move(line));
    }
    metric.ledger = std::move(ledger);
  }

  void check_title(const Statement& statement, Title& title) {
    static constexpr std::pair<std::string_view, TitleLevel> levels[] = {
        {"national", TitleLevel::national},
        {"provincial", TitleLevel::provincial},
        {"city", TitleLevel::city},
        {"county", TitleLevel::county}};
    if (const auto level =
            expect_word(find_segment(statement, ":")->arguments[0], levels, "a title's level"))
      title.level = *level;
    if (const Segment* kinds = find_segment(statement, "for"))
      for (const Node& node : kinds->arguments)
        if (const auto kind = resolve(node, SymbolKind::kind, "kind"))
          title.for_kinds.push_back(*kind);
    if (const Segment* by = find_segment(statement, "by"))
      title.conferred_by = resolve_body_ref(by->arguments[0], "title … by");
    if (const Segment* of = find_segment(statement, "of"))
      read_of(of->arguments[0], title.programme, title.programme_group);
    // `named by MM-DD [after]`: a day of every year, as a recurring deadline is.
    for (const Statement& inner : statement.block) {
      const Segment* by = find_segment(inner, "by");
      if (inner.head.keyword != "named" || !by) continue;
      if (expressions_.expect(by->arguments[0], {Type::annual_date}, "'named by'") != Type::error)
        title.named_by = by->arguments[0];
      title.named_after = find_segment(inner, "after") != nullptr;
      if (title.named_by && title.named_after)
        check_day_after(*title.named_by, "'named by … after'");
    }
  }

  /// `of P` or `of GROUP` of a title, programme or stage: one of the two.
  void read_of(const Node& node, std::optional<Index>& programme, std::optional<Index>& group) {
    const Type type = expressions_.expect(node, {Type::programme, Type::programme_group}, "'of'");
    if (type == Type::programme) programme = plan_.find(node.text)->index;
    if (type == Type::programme_group) group = plan_.find(node.text)->index;
  }

  void check_event(const Statement& statement, Event& event) {
    if (const auto kind =
            expect_word(find_segment(statement, ":")->arguments[0],
                        {"document", "meeting", "approval", "naming", "recommendation",
                         "designation", "notice", "summons", "action", "report", "judgement"},
                        "an event's kind"))
      event.kind = *kind;
  }

  std::vector<Role> read_roles(const Statement& statement) {
    std::vector<Role> roles;
    for (const Statement& inner : statement.block) {
      const auto kind = role_from_keyword(inner.head.keyword);
      if (!kind) continue;
      Role& role = roles.emplace_back();
      role.kind = *kind;
      role.bodies = resolve_bodies(inner.head.arguments, inner.head.keyword);
      if (const Segment* instruments = find_segment(inner, "using"))
        for (const Node& node : instruments->arguments)
          if (const auto event = resolve(node, SymbolKind::event, "event"))
            role.instruments.push_back(*event);
      role.citations = to_citations(inner);
    }
    return roles;
  }

  void check_programme(const Statement& statement, Programme& programme) {
    static constexpr std::pair<std::string_view, ProgrammeKind> kinds[] = {
        {"campaign", ProgrammeKind::campaign},
        {"brand", ProgrammeKind::brand},
        {"domain", ProgrammeKind::domain},
        {"action", ProgrammeKind::action}};
    if (const auto kind =
            expect_word(find_segment(statement, ":")->arguments[0], kinds, "a programme's kind"))
      programme.kind = *kind;
    if (const Segment* of = find_segment(statement, "of"))
      read_of(of->arguments[0], programme.parent_programme, programme.parent_group);
    programme.roles = read_roles(statement);
    programme.citations = to_citations(statement);
    const bool needs_lead = programme.kind != ProgrammeKind::campaign;
    const bool has_lead = std::any_of(
        programme.roles.begin(), programme.roles.end(),
        [](const Role& r) { return r.kind == RoleKind::lead || r.kind == RoleKind::responsible; });
    if (needs_lead && !has_lead)
      sink_.report(Code::missing_lead, statement.head.span,
                   fmt::format("{} '{}' has no 'lead' or 'responsible' body",
                               programme_kind_name(programme.kind), programme.name));
  }

  /// Where a stage sits in the plan, for ordering: the first literal day of
  /// its deadlines or windows (a parameter contributes its default); an
  /// annual date counts in the plan's first year.
  std::optional<Date> first_day_of(const Node& node) {
    const int year = plan_.metadata.first_year;
    switch (node.kind) {
      case NodeKind::annual_date:
        if (const auto day = detail::parse_annual_date(node.text))
          return Date{year, day->month, day->day};
        return std::nullopt;
      case NodeKind::date:
        return mandate::parse_date(node.text);
      case NodeKind::end_of_month: {
        const auto month = static_cast<unsigned>(integer_value(node.children[0]).value_or(1));
        return Date{year, month, detail::days_in_month(year, month)};
      }
      case NodeKind::month_window:
        return Date{year, static_cast<unsigned>(integer_value(node.children[0]).value_or(1)), 1};
      case NodeKind::range:
        return first_day_of(node.children[0]);
      case NodeKind::name:
        if (const Symbol* symbol = plan_.find(node.text);
            symbol && symbol->kind == SymbolKind::parameter) {
          const auto& value = plan_.parameters[symbol->index].default_value;
          if (!value.empty()) return first_day_of(value.front());
        }
        return std::nullopt;
      default:
        return std::nullopt;
    }
  }

  void check_stage(const Statement& statement, Stage& stage) {
    read_of(find_segment(statement, "of")->arguments[0], stage.programme, stage.programme_group);
    stage.citations = to_citations(statement);
    stage.roles = read_roles(statement);
    bool counted_from_events = false;  // `due within … after EVENT`, even if EVENT is unknown
    std::vector<Date> days;
    const auto note_day = [&](const Node& node) {
      if (const auto day = first_day_of(node)) days.push_back(*day);
    };
    for (const Statement& inner : statement.block) {
      const std::string_view keyword = inner.head.keyword;
      const auto& arguments = inner.head.arguments;
      if (keyword == "obligated") {
        for (const Node& node : arguments) {
          // `leads`: each lead body of the stage's programmes, for its own one.
          if (node.kind == NodeKind::name && node.text == "leads" && !plan_.find("leads")) {
            stage.obligates_leads = true;
            lead_obligations_.emplace_back(plan_.find(stage.name)->index, node.span);
          } else if (const auto ref = resolve_body_ref(node, "obligated")) {
            stage.obligated.push_back(*ref);
            obligations_.push_back({plan_.find(stage.name)->index, *ref, node.span});
          }
        }
      } else if (keyword == "deliver") {
        for (const Node& event : arguments)
          if (const auto index = resolve(event, SymbolKind::event, "event"))
            stage.deliverables.push_back(*index);
        if (const Segment* to_segment = find_segment(inner, "to")) {  // a recipient, if any
          const auto to = resolve_bodies(to_segment->arguments, "deliver … to");
          stage.deliver_to.insert(stage.deliver_to.end(), to.begin(), to.end());
        }
      } else if (keyword == "due") {
        const Segment* by = find_segment(inner, "by");
        const Segment* within = find_segment(inner, "within");
        const Segment* after = find_segment(inner, "after");
        stage.due_after = after != nullptr;
        counted_from_events = after && !after->arguments.empty();
        if (counted_from_events) {
          // `due within N days after EVENT`: counted from each such event.
          if (!within)
            sink_.report(Code::unexpected_statement, after->keyword_span,
                         "'after EVENT' counts a deadline from each such event: it takes 'due "
                         "within DURATION after EVENT'");
          else
            stage.due_trigger = resolve(after->arguments[0], SymbolKind::event, "event");
        }
        if (!by == !within) {
          sink_.report(Code::missing_statement, inner.head.keyword_span,
                       "'due' takes 'by DATE' or 'within DURATION' (one of them)");
          continue;
        }
        if (within) {
          if (expressions_.expect(within->arguments[0], {Type::duration}, "'due within'") !=
              Type::error)
            stage.due_within = within->arguments[0];
          continue;
        }
        for (const Node& date : by->arguments) {
          if (expressions_.expect(date, {Type::annual_date, Type::date}, "a deadline") ==
              Type::error)
            continue;
          if (date.kind == NodeKind::date) check_dated_deadline(date, stage.due_after);
          stage.due.push_back(date);
          // `due by 01-10 after`: the first such day after the first year.
          if (const auto day = first_day_of(date))
            days.push_back(stage.due_after && date.kind != NodeKind::date
                               ? to_date(detail::a_year_later(to_day_number(*day)))
                               : *day);
        }
      } else if (keyword == "every") {
        stage.every = read_period_kind(arguments[0]);
      } else if (keyword == "at_least") {
        const Node& count = arguments[0];
        if (count.kind != NodeKind::integer && count.kind != NodeKind::name)
          sink_.report(Code::bad_value, count.span,
                       "'at_least' takes a whole number or a count parameter");
        else if (expressions_.expect(count, {Type::count}, "'at_least'") != Type::error)
          stage.at_least = count;
      } else if (keyword == "during") {
        if (expressions_.expect(arguments[0], {Type::window}, "'during'") != Type::error) {
          stage.during = arguments[0];
          note_day(arguments[0]);
        }
      } else if (keyword == "starts") {
        const Node& window = find_segment(inner, "within")->arguments[0];
        if (expressions_.expect(window, {Type::window}, "'starts within'") != Type::error) {
          stage.start_window = window;
          note_day(window);
        }
      } else if (keyword == "lasts") {
        if (expressions_.expect(arguments[0], {Type::duration}, "'lasts'") != Type::error)
          stage.duration = arguments[0];
      } else if (keyword == "requires") {
        const Segment* only = find_segment(inner, "for");
        if (only && arguments.size() != 1)
          sink_.report(Code::bad_value, only->span,
                       "'requires … for' names the deliverables of one stage: write a 'requires' "
                       "line for each stage");
        for (const Node& node : arguments)
          if (const auto index = resolve(node, SymbolKind::stage, "stage")) {
            stage.prerequisites.push_back(*index);
            prerequisite_spans_[{plan_.find(stage.name)->index, *index}] = node.span;
            std::vector<Index> events;
            if (only && arguments.size() == 1)
              for (const Node& event : only->arguments)
                if (const auto found = resolve(event, SymbolKind::event, "event")) {
                  events.push_back(*found);
                  prerequisite_events_.push_back({*index, *found, event.span});
                }
            stage.prerequisite_deliverables.push_back(std::move(events));
          }
      } else if (keyword == "candidate_requires") {
        for (const Node& node : arguments)
          if (const auto index = resolve(node, SymbolKind::title, "title")) {
            stage.candidate_titles.push_back(*index);
            candidate_spans_[{plan_.find(stage.name)->index, *index}] = node.span;
          }
      }
    }
    if (stage.duration && !stage.start_window)
      sink_.report(Code::missing_statement, statement.head.span,
                   fmt::format("stage '{}' has 'lasts' but no 'starts within' window", stage.name));
    check_recurrence(statement, stage, counted_from_events);
    if (!days.empty()) stage.first_day = *std::min_element(days.begin(), days.end());
  }

  /// `every`, `at_least` and the forms of `due` that only a recurring stage
  /// takes, together (docs/language.md, stage).
  void check_recurrence(const Statement& statement, const Stage& stage, bool counted_from_events) {
    const auto nested_span = [&](std::string_view keyword) {
      for (const Statement& inner : statement.block)
        if (inner.head.keyword == keyword) return inner.head.keyword_span;
      return statement.head.keyword_span;
    };
    const bool sub_year = stage.every && *stage.every != PeriodKind::year;
    if (stage.at_least && !stage.every)
      sink_.report(Code::missing_statement, nested_span("at_least"),
                   "'at_least N' counts deliveries within each period: it needs 'every week', "
                   "'every month', 'every quarter', 'every half_year' or 'every year'");
    if (stage.at_least && (!stage.due.empty() || stage.due_within))
      sink_.report(Code::unexpected_statement, nested_span("at_least"),
                   "a stage either counts deliveries within each period ('at_least') or has a "
                   "deadline ('due'), not both");
    if (stage.due_within && !stage.every && !counted_from_events)
      sink_.report(Code::missing_statement, nested_span("due"),
                   "'due within DURATION' counts from the start (or, with 'after', the end) of "
                   "each period, or from each event ('after EVENT'): it needs 'every …' or "
                   "'after EVENT'");
    if (stage.due_trigger && (stage.every || stage.at_least))
      sink_.report(Code::unexpected_statement, nested_span(stage.every ? "every" : "at_least"),
                   "a deadline counted from each event ('due within … after EVENT') does not "
                   "recur by period: leave out 'every' and 'at_least'");
    if (sub_year && !stage.due.empty())
      sink_.report(Code::unexpected_statement, nested_span("due"),
                   fmt::format("'due by DATE' is a day of the year; a stage that recurs every {} "
                               "takes 'due within DURATION [after]'",
                               period_kind_name(*stage.every)));
    if (stage.due_after && !stage.due.empty())
      for (const Node& date : stage.due) check_day_after(date, "'due by … after'");
    if (stage.every && stage.start_window)
      sink_.report(Code::unexpected_statement, nested_span("every"),
                   "a campaign ('starts within') is held once a year; 'every' does not apply");
    if (stage.every && stage.deliverables.empty())
      sink_.report(
          Code::missing_statement, nested_span("every"),
          fmt::format("stage '{}' recurs but delivers nothing: add 'deliver EVENT'", stage.name));
  }

  /// `every week|month|quarter|half_year|year`.
  std::optional<PeriodKind> read_period_kind(const Node& node) {
    if (node.kind == NodeKind::name)
      if (const auto kind = period_kind_named(node.text)) return kind;
    sink_.report(Code::bad_value, node.span,
                 "'every' takes week, month, quarter, half_year or year");
    return std::nullopt;
  }

  /// A dated deadline (2022-01-15) must fall in the plan's period, or in the
  /// year after it with `after`: otherwise no year assesses it.
  void check_dated_deadline(const Node& date, bool after) {
    const auto day = mandate::parse_date(date.text);
    const PlanMetadata& meta = plan_.metadata;
    if (!day || meta.first_year == 0) return;
    const int last = meta.last_year + (after ? 1 : 0);
    if (day->year < meta.first_year || day->year > last)
      sink_.report(Code::bad_window, date.span,
                   fmt::format("the deadline {} falls outside the plan's period {}–{}: no year "
                               "would assess it (for a report on the last year due in the next, "
                               "write 'every year' with 'due by MM-DD after')",
                               date.text, meta.first_year, meta.last_year));
  }

  void read_consequence(const Statement& statement, Consequence& consequence) {
    for (const Statement& inner : statement.block) {
      const std::string_view keyword = inner.head.keyword;
      if (keyword == "disqualify") {
        consequence.disqualify = true;
      } else if (keyword == "deduct") {
        for (const char* segment : {"for", "cap"})
          if (const Segment* found = find_segment(inner, segment))
            sink_.report(Code::unexpected_statement, found->keyword_span,
                         fmt::format("'deduct … {}' belongs to a score; a consequence deducts a "
                                     "number of points",
                                     segment));
        if (expressions_.expect(inner.head.arguments[0], {Type::number}, "'deduct'") != Type::error)
          consequence.deduction = inner.head.arguments[0];
      } else if (keyword == "refer" || keyword == "notice") {
        const bool refer = keyword == "refer";
        const Node& to = find_segment(inner, refer ? "to" : "by")->arguments[0];
        Referral referral;
        referral.kind = refer ? Referral::Kind::refer : Referral::Kind::notice;
        if (to.kind == NodeKind::name && to.text != "self") {
          referral.body = resolve_body_ref(to, refer ? "refer to" : "notice by");
          if (!referral.body) continue;
        } else if (expressions_.expect(to, {Type::body}, refer ? "'refer to'" : "'notice by'") !=
                   Type::error) {
          referral.of_subject = to;  // a body computed from the subject: superior(self)
        } else {
          continue;
        }
        consequence.referrals.push_back(std::move(referral));
      }
    }
  }

  static bool has_effect(const Consequence& c) {
    return c.disqualify || c.deduction || !c.referrals.empty();
  }

  void check_consequence(const Statement& statement, Consequence& consequence) {
    consequence.citations = to_citations(statement);
    read_consequence(statement, consequence);
    // `notice by BODY` (予以通报) is a consequence of its own, as in a sanction.
    if (nested(statement, "disqualify").empty() && nested(statement, "deduct").empty() &&
        nested(statement, "refer").empty() && nested(statement, "notice").empty())
      sink_.report(
          Code::no_consequence, statement.head.span,
          fmt::format("consequence '{}' has no 'disqualify', 'deduct', 'refer' or 'notice'",
                      consequence.name));
  }

  void check_rule(const Statement& statement, Rule& rule) {
    const std::string_view keyword = statement.head.keyword;
    rule.kind = keyword == "target"     ? RuleKind::target
                : keyword == "goal"     ? RuleKind::goal
                : keyword == "sanction" ? RuleKind::sanction
                                        : RuleKind::award;
    rule.citations = to_citations(statement);
    // `across:` in its conditions needs the period judged, wherever `every` is.
    std::optional<PeriodKind> judged = PeriodKind::year;
    for (const Statement& inner : statement.block)
      if (inner.head.keyword == "every" && !inner.head.arguments.empty())
        judged = period_kind_named(inner.head.arguments[0].text);
    expressions_.set_judged_period(judged);
    for (const Statement& inner : statement.block) {
      const std::string_view inner_keyword = inner.head.keyword;
      const auto& arguments = inner.head.arguments;
      if (inner_keyword == "subject") {
        for (const Node& subject : arguments)
          if (expressions_.expect(
                  subject, {Type::body, Type::body_group, Type::programme, Type::programme_group},
                  "a subject") != Type::error)
            rule.subjects.push_back(subject);
      } else if (inner_keyword == "require") {
        Requirement requirement{arguments[0], std::nullopt};
        expressions_.expect(arguments[0], {Type::boolean}, "a requirement");
        if (const Segment* by = find_segment(inner, "by")) {
          if (expressions_.expect(by->arguments[0], {Type::date}, "'require … by'") != Type::error)
            requirement.by = by->arguments[0];
        }
        rule.requirements.push_back(std::move(requirement));
      } else if (inner_keyword == "when") {
        if (expressions_.expect(arguments[0], {Type::boolean}, "the condition of 'when'") !=
            Type::error)
          rule.condition = arguments[0];
      } else if (inner_keyword == "consequences") {
        for (const Node& node : arguments)
          if (const auto index = resolve(node, SymbolKind::consequence, "consequence"))
            rule.consequences.push_back(*index);
      } else if (inner_keyword == "grant") {
        if (const auto grant = expect_word(arguments[0], {"plaque", "naming"}, "'grant'"))
          rule.grant = *grant;
        if (const Segment* by = find_segment(inner, "by"))
          rule.granted_by = resolve_body_ref(by->arguments[0], "grant … by");
      } else if (inner_keyword == "unless") {
        // `unless disqualified`: by any sanction that removes eligibility;
        // `unless S, …`: by these sanctions only (checked once all rules are).
        const Node& first = arguments[0];
        if (arguments.size() == 1 && first.kind == NodeKind::name && first.text == "disqualified" &&
            !plan_.find(first.text)) {
          rule.unless_disqualified = true;
        } else {
          for (const Node& node : arguments)
            if (const auto index = resolve(node, SymbolKind::rule, "sanction")) {
              rule.unless_sanctions.push_back(*index);
              unless_spans_.emplace_back(*index, node.span);
            }
        }
      } else if (inner_keyword == "tier") {
        rule.tier = integer_value(arguments[0]);
        if (!rule.tier || *rule.tier < 1)
          sink_.report(Code::bad_value, arguments[0].span, "a tier is a whole number from 1");
      } else if (inner_keyword == "every") {
        rule.every = read_period_kind(arguments[0]);
      }
    }
    expressions_.set_judged_period(std::nullopt);
    if (rule.every)
      for (const Requirement& requirement : rule.requirements)
        if (requirement.by)
          sink_.report(Code::unexpected_statement, requirement.by->span,
                       "a rule judged every period is assessed in each period: 'require … by "
                       "DATE' belongs to a yearly rule");
    if (rule.kind == RuleKind::sanction) {
      Consequence inline_consequence;
      inline_consequence.name = rule.name;
      read_consequence(statement, inline_consequence);
      if (has_effect(inline_consequence)) rule.inline_consequence = std::move(inline_consequence);
      if (rule.consequences.empty() && !rule.inline_consequence &&
          nested(statement, "consequences").empty())
        sink_.report(
            Code::no_consequence, statement.head.span,
            fmt::format(
                "sanction '{}' has no consequence: add 'consequences NAME' or 'disqualify', "
                "'deduct', 'refer'",
                rule.name));
    }
  }

  void check_quota(const Statement& statement, Quota& quota) {
    quota.citations = to_citations(statement);
    if (const auto effective = nested(statement, "effective"); !effective.empty()) {
      if (const auto years = read_period(effective[0]->head.arguments[0], "'effective'")) {
        quota.first_year = years->first;
        quota.last_year = years->second;
      }
    }
    std::size_t width = 1;
    if (const auto limits = nested(statement, "limits"); !limits.empty())
      for (const Node& event : limits[0]->head.arguments)
        if (const auto index = resolve(event, SymbolKind::event, "event"))
          quota.limits.push_back(*index);
    if (const auto columns = nested(statement, "columns"); !columns.empty()) {
      for (const Node& column : columns[0]->head.arguments)
        if (const auto index = resolve(column, SymbolKind::programme, "programme"))
          quota.columns.push_back(*index);
      width = columns[0]->head.arguments.size();
    }
    // A column with a bad cell has no meaningful sum: its total is not checked.
    std::vector<bool> column_ok(width, true);
    const auto read_cells = [&](const Statement& row,
                                std::vector<std::optional<std::int64_t>>& cells,
                                std::vector<std::optional<Index>>& parameters) {
      const Segment& values = *find_segment(row, "=");
      if (values.arguments.size() != width)
        sink_.report(Code::bad_value, values.span,
                     fmt::format("this row has {} cell{}; the table has {} column{}",
                                 values.arguments.size(), values.arguments.size() == 1 ? "" : "s",
                                 width, width == 1 ? "" : "s"));
      for (std::size_t i = 0; i < values.arguments.size(); ++i) {
        const Node& cell = values.arguments[i];
        parameters.emplace_back();
        if (cell.kind == NodeKind::none) {
          cells.push_back(std::nullopt);
        } else if (const auto value = integer_value(cell); value && *value >= 0) {
          cells.push_back(value);
        } else if (cell.kind == NodeKind::name) {
          parameters.back() = quota_parameter(cell);
          // The sum uses the default; without a whole one the column is not summed.
          const auto fallback =
              parameters.back() ? quota_default(*parameters.back(), cell) : std::nullopt;
          cells.push_back(fallback);
          if (!fallback && i < width) column_ok[i] = false;
        } else {
          sink_.report(Code::bad_value, cell.span,
                       "a quota cell is a whole number, a count or number parameter, or — (none "
                       "allowed)");
          cells.push_back(std::nullopt);
          if (i < width) column_ok[i] = false;
        }
      }
      cells.resize(width);
      parameters.resize(width);
    };
    std::vector<std::int64_t> sums(width, 0);
    std::map<Index, Span> rows_seen;
    for (const Statement* row : nested(statement, "row")) {
      QuotaRow quota_row;
      const Node& name = row->head.arguments[0];
      if (const auto body = resolve_body_ref(name, "row")) {
        if (body->sort != BodyRef::Sort::body) {
          sink_.report(Code::undeclared_body, name.span,
                       fmt::format("a quota row is one body; '{}' is a {}", name.text,
                                   body->sort == BodyRef::Sort::group ? "group" : "parameter"));
        } else if (const auto [seen, first] = rows_seen.try_emplace(body->index, name.span);
                   !first) {
          Diagnostic& d = sink_.report(
              Code::duplicate_name, name.span,
              fmt::format("'{}' already has a row in quota '{}'", name.text, quota.name));
          d.notes.push_back({"its first row is here", seen->second, true});
        } else {
          quota_row.body = body->index;
        }
      }
      read_cells(*row, quota_row.cells, quota_row.parameters);
      for (std::size_t i = 0; i < width; ++i) sums[i] += quota_row.cells[i].value_or(0);
      quota.rows.push_back(std::move(quota_row));
    }
    if (const auto totals = nested(statement, "total"); !totals.empty()) {
      std::vector<std::optional<Index>> total_parameters;
      read_cells(*totals[0], quota.declared_totals, total_parameters);
      const auto& cells = find_segment(*totals[0], "=")->arguments;
      for (std::size_t i = 0; i < width && i < cells.size(); ++i) {
        const auto declared = quota.declared_totals[i];
        if (!declared || !column_ok[i] || *declared == sums[i]) continue;
        const std::string column = i < quota.columns.size()
                                       ? plan_.programmes[quota.columns[i]].name
                                       : fmt::format("column {}", i + 1);
        sink_.report(Code::quota_total, cells[i].span,
                     fmt::format("declared total {} for {} differs from the sum of its rows, {}",
                                 *declared, column, sums[i]));
      }
    }
  }

  /// A quota cell that names a parameter: a count or a number, one value.
  std::optional<Index> quota_parameter(const Node& cell) {
    const auto index = resolve(cell, SymbolKind::parameter, "parameter");
    if (!index) return std::nullopt;
    const TypeName& type = plan_.parameters[*index].type;
    if (type.is_list || (type.name != "count" && type.name != "number")) {
      sink_.report(
          Code::type_mismatch, cell.span,
          fmt::format("a quota cell's parameter is a count or a number; '{}' is of type "
                      "{}{}{}",
                      cell.text, type.is_list ? "list(" : "", type.name, type.is_list ? ")" : ""));
      return std::nullopt;
    }
    return index;
  }

  /// The default of a quota cell's parameter, as the declared total counts
  /// it: a whole number, 0 or more; a literal of another value is M0019.
  std::optional<std::int64_t> quota_default(Index parameter, const Node& cell) {
    const auto& value = plan_.parameters[parameter].default_value;
    if (value.empty()) return std::nullopt;
    if (const auto whole = integer_value(value.front()); whole && *whole >= 0) return whole;
    if (value.front().kind == NodeKind::decimal || value.front().kind == NodeKind::unary)
      sink_.report(
          Code::bad_value, cell.span,
          fmt::format("a quota cell counts events: '{}' = {} is not a whole number, 0 or more",
                      cell.text, format_expression(value.front())));
    return std::nullopt;
  }

  // Citations ------------------------------------------------------------------------

  void collect_citations(const Statement& statement, bool normative) {
    for (const syntax::Citation& citation : statement.citations) cited_.push_back(&citation);
    for (const Statement& inner : statement.block) collect_citations(inner, false);
    if (normative && plan_.metadata.citations_required && statement.citations.empty())
      sink_.report(
          Code::missing_citation, statement.head.span,
          fmt::format("'{}' needs a citation such as [B3a 三(一)3]: the plan requires them",
                      statement.head.keyword));
  }

  void check_citations() {
    for (const Statement& statement : file_.statements)
      if (statement.head.keyword == "plan")
        for (const syntax::Citation& c : statement.citations) cited_.push_back(&c);
    const auto& clauses = plan_.metadata.clauses;
    if (clauses.empty()) return;
    std::set<std::string> used;
    std::vector<std::string_view> candidates(clauses.begin(), clauses.end());
    for (const syntax::Citation* citation : cited_) {
      used.insert(citation->clause);
      if (std::find(clauses.begin(), clauses.end(), citation->clause) != clauses.end()) continue;
      std::string message =
          fmt::format("clause {} is not among the plan's clauses", citation->clause);
      if (const auto suggestion = detail::closest(citation->clause, candidates))
        message += fmt::format("; did you mean {}?", *suggestion);
      sink_.report(Code::unknown_clause, citation->span, std::move(message));
    }
    for (const std::string& clause : clauses)
      if (!used.contains(clause))
        sink_.report(Code::uncited_clause, clause_spans_[clause],
                     fmt::format("clause {} is listed but never cited", clause), Severity::warning);
  }

  // Cycles ---------------------------------------------------------------------------

  /// Reports each cycle of `next` once, naming its members in order.
  void report_cycles(std::size_t count, const std::function<std::vector<Index>(Index)>& next,
                     const std::function<std::string(Index)>& name,
                     const std::function<Span(Index, Index)>& where, std::string_view relation) {
    for_each_cycle(count, next, [&](std::span<const Index> members) {
      std::string cycle;
      for (const Index member : members) cycle += name(member) + " → ";
      cycle += name(members.front());
      sink_.report(Code::cycle, where(members.back(), members.front()),
                   fmt::format("{} form a cycle: {}", relation, cycle));
      return true;
    });
  }

  Span declaration_span(const std::string& name) {
    const Symbol* symbol = plan_.find(name);
    return symbol ? symbol->span : Span{};
  }

  /// Adds the members of subgroups to each group, in order, without
  /// duplicates. Cycles were reported by check_cycles; they expand no further.
  void expand_groups() {
    std::vector<std::uint8_t> state(plan_.groups.size(), 0);  // 0 new, 1 active, 2 done
    const std::function<void(Index)> expand = [&](Index g) {
      state[g] = 1;
      auto& members = plan_.groups[g].members;
      const auto add = [&](Index member) {
        if (std::find(members.begin(), members.end(), member) == members.end())
          members.push_back(member);
      };
      for (const GroupEntry& entry : group_entries_[g]) {
        if (!entry.is_group) {
          add(entry.index);
          continue;
        }
        plan_.groups[g].subgroups.push_back(entry.index);
        if (state[entry.index] == 0) expand(entry.index);
        if (state[entry.index] == 2)  // else a cycle, already reported
          for (const Index member : plan_.groups[entry.index].members) add(member);
      }
      state[g] = 2;
    };
    for (Index g = 0; g < plan_.groups.size(); ++g)
      if (state[g] == 0) expand(g);
  }

  void check_cycles() {
    report_cycles(
        plan_.groups.size(),
        [&](Index i) {
          std::vector<Index> subgroups;
          for (const GroupEntry& entry : group_entries_[i])
            if (entry.is_group) subgroups.push_back(entry.index);
          return subgroups;
        },
        [&](Index i) { return plan_.groups[i].name; },
        [&](Index v, Index) { return declaration_span(plan_.groups[v].name); },
        "group memberships");
    report_cycles(
        plan_.metrics.size(),
        [&](Index i) {
          const auto& formula = plan_.metrics[i].formula;
          return formula ? mentioned(plan_, {*formula}, SymbolKind::metric) : std::vector<Index>{};
        },
        [&](Index i) { return plan_.metrics[i].name; },
        [&](Index v, Index) { return declaration_span(plan_.metrics[v].name); }, "metric formulas");
    report_cycles(
        plan_.parameters.size(),
        [&](Index i) {
          std::vector<Index> uses;
          for (const std::vector<Node>* values : parameter_values(plan_.parameters[i])) {
            const auto more = mentioned(plan_, *values, SymbolKind::parameter);
            uses.insert(uses.end(), more.begin(), more.end());
          }
          return uses;
        },
        [&](Index i) { return plan_.parameters[i].name; },
        [&](Index v, Index) { return declaration_span(plan_.parameters[v].name); },
        "parameter values");
    const auto body_name = [&](Index i) { return plan_.bodies[i].name; };
    const auto body_span = [&](Index v, Index) { return declaration_span(plan_.bodies[v].name); };
    report_cycles(
        plan_.bodies.size(), [&](Index i) { return plan_.bodies[i].reports_to; }, body_name,
        body_span, "reporting lines");
    report_cycles(
        plan_.bodies.size(),
        [&](Index i) {
          const auto& parent = plan_.bodies[i].parent;
          return parent ? std::vector<Index>{*parent} : std::vector<Index>{};
        },
        body_name, body_span, "administrative parents ('within')");
    report_cycles(
        plan_.kinds.size(),
        [&](Index i) {
          const auto& within = plan_.kinds[i].within;
          return within ? std::vector<Index>{*within} : std::vector<Index>{};
        },
        [&](Index i) { return plan_.kinds[i].name; },
        [&](Index v, Index) { return declaration_span(plan_.kinds[v].name); },
        "kind levels ('within')");
    report_cycles(
        plan_.stages.size(), [&](Index i) { return plan_.stages[i].prerequisites; },
        [&](Index i) { return plan_.stages[i].name; },
        [&](Index v, Index w) {
          const auto it = prerequisite_spans_.find({v, w});
          return it != prerequisite_spans_.end() ? it->second
                                                 : declaration_span(plan_.stages[v].name);
        },
        "prerequisites");
  }

  // Obligations (M0021) ---------------------------------------------------------------

  bool is_under(Index body, Index ancestor) const {
    std::optional<Index> parent = plan_.bodies[body].parent;
    for (std::size_t steps = 0; parent && steps < plan_.bodies.size(); ++steps) {
      if (*parent == ancestor) return true;
      parent = plan_.bodies[*parent].parent;
    }
    return false;
  }

  /// Is a declared body a member of a group of bodies (after `except`)?
  bool declared_member(Index group_index, Index body, int depth = 0) const {
    const Group& group = plan_.groups[group_index];
    if (depth > 16) return false;  // a cycle of `except`, reported elsewhere
    const bool in = group.all_of_kind ? plan_.bodies[body].kind == *group.all_of_kind &&
                                            (!group.within || is_under(body, *group.within))
                                      : listed(group_index, body);
    if (!in) return false;
    return std::none_of(group.except.begin(), group.except.end(),
                        [&](Index other) { return declared_member(other, body, depth + 1); });
  }

  /// Can the facts add units to a group of bodies? An `all KIND` group
  /// (anywhere, or within a body whose kind KIND's declared levels reach, or
  /// when KIND's levels are not declared), or a group naming such a group.
  bool facts_may_supply(Index group_index, int depth = 0) const {
    const Group& group = plan_.groups[group_index];
    if (depth > 16) return false;  // a cycle, reported elsewhere
    if (!group.all_of_kind)
      return std::any_of(group.subgroups.begin(), group.subgroups.end(),
                         [&](Index subgroup) { return facts_may_supply(subgroup, depth + 1); });
    if (!group.within) return true;
    const Kind& kind = plan_.kinds[*group.all_of_kind];
    if (!kind.within) return true;  // levels not declared: the facts decide
    const Index within_kind = plan_.bodies[*group.within].kind;
    std::optional<Index> level = kind.within;
    for (std::size_t steps = 0; level && steps < plan_.kinds.size(); ++steps) {
      if (*level == within_kind) return true;
      level = plan_.kinds[*level].within;
    }
    return false;
  }

  /// Whether `body` is among a group's listed members: a binary search in
  /// the members, sorted once per group.
  bool listed(Index group_index, Index body) const {
    auto [it, added] = sorted_members_.try_emplace(group_index);
    if (added) {
      it->second = plan_.groups[group_index].members;
      std::sort(it->second.begin(), it->second.end());
    }
    return std::binary_search(it->second.begin(), it->second.end(), body);
  }

  /// The declared bodies of a kind, indexed once.
  const std::vector<Index>& bodies_of_kind(Index kind) const {
    if (bodies_of_kind_.empty()) {
      bodies_of_kind_.resize(plan_.kinds.size());
      for (Index body = 0; body < plan_.bodies.size(); ++body)
        bodies_of_kind_[plan_.bodies[body].kind].push_back(body);
    }
    return bodies_of_kind_[kind];
  }

  /// Why a group of bodies can never have a member, or nullopt when it has
  /// one or may have one. An `all KIND within BODY` group without declared
  /// members is open (the facts may supply units) unless KIND's declared
  /// levels (`kind … within …`) never reach the kind of BODY. Worked out
  /// once per group, from its own candidates (its members, or the bodies of
  /// its kind), so that many obligations over many groups cost in
  /// proportion to the groups' sizes, not to their number times the bodies.
  std::optional<std::string> why_empty(Index group_index) const {
    if (const auto known = why_empty_.find(group_index); known != why_empty_.end())
      return known->second;
    std::optional<std::string> reason = find_why_empty(group_index);
    why_empty_.emplace(group_index, reason);
    return reason;
  }

  std::optional<std::string> find_why_empty(Index group_index) const {
    const Group& group = plan_.groups[group_index];
    if (group.sort != GroupSort::bodies) return std::nullopt;
    const std::vector<Index>& candidates =
        group.all_of_kind ? bodies_of_kind(*group.all_of_kind) : group.members;
    for (const Index body : candidates)
      if (declared_member(group_index, body)) return std::nullopt;
    if (facts_may_supply(group_index)) return std::nullopt;
    if (!group.all_of_kind)
      return fmt::format("group '{}' has no member{}", group.name,
                         group.except.empty() ? "" : " once 'except' applies");
    const Kind& kind = plan_.kinds[*group.all_of_kind];
    const Index within_kind = plan_.bodies[*group.within].kind;
    std::vector<std::string> levels;
    std::optional<Index> level = kind.within;
    for (std::size_t steps = 0; level && steps < plan_.kinds.size(); ++steps) {
      levels.push_back(plan_.kinds[*level].name);
      level = plan_.kinds[*level].within;
    }
    return fmt::format(
        "group '{}' declares no {} within {}, and the facts cannot supply one: a {} is within {}, "
        "never within a {}",
        group.name, kind.name, plan_.bodies[*group.within].name, kind.name,
        fmt::join(levels, " within "), plan_.kinds[within_kind].name);
  }

  /// A group given a role (`cooperate 县区委政法委`) that declares no member
  /// gives the role to no one unless the facts supply its members: a warning,
  /// unless the group says that they will (`members N`).
  /// Does the plan itself declare a member of the group, or of a group it names?
  bool declares_member(Index group_index, int depth = 0) const {
    const Group& group = plan_.groups[group_index];
    if (depth > 16) return false;  // a cycle, reported elsewhere
    const std::vector<Index>& candidates =
        group.all_of_kind ? bodies_of_kind(*group.all_of_kind) : group.members;
    if (std::any_of(candidates.begin(), candidates.end(),
                    [&](Index body) { return declared_member(group_index, body); }))
      return true;
    return std::any_of(group.subgroups.begin(), group.subgroups.end(),
                       [&](Index subgroup) { return declares_member(subgroup, depth + 1); });
  }

  /// A title held per programme that a stage's candidates must hold has to be
  /// held in each programme the stage covers: a recommendation for another
  /// could never be valid.
  void check_candidate_titles() {
    for (const auto& [key, span] : candidate_spans_) {
      const Stage& stage = plan_.stages[key.first];
      const Title& title = plan_.titles[key.second];
      const std::vector<Index> held = title_programmes(plan_, title);
      if (held.empty()) continue;
      std::vector<Index> covered;
      if (stage.programme) covered.push_back(*stage.programme);
      if (stage.programme_group) covered = plan_.groups[*stage.programme_group].members;
      for (const Index p : covered)
        if (std::find(held.begin(), held.end(), p) == held.end()) {
          sink_.report(Code::type_mismatch, span,
                       fmt::format("'{}' is held per programme and not in '{}', which stage '{}' "
                                   "covers: a candidate recommended for it could never hold it",
                                   title.name, plan_.programmes[p].name, stage.name));
          break;
        }
    }
  }

  void check_role_groups() {
    std::set<Index> warned;
    const auto check = [&](const std::vector<Role>& roles, std::string_view where) {
      for (const Role& role : roles)
        for (const BodyRef& ref : role.bodies) {
          if (ref.sort != BodyRef::Sort::group || warned.contains(ref.index)) continue;
          const Group& group = plan_.groups[ref.index];
          if (group.sort != GroupSort::bodies || group.declared_size) continue;
          if (declares_member(ref.index) || why_empty(ref.index))
            continue;  // an impossible group is M0021 of its own
          warned.insert(ref.index);
          sink_.report(Code::unbound_obligation, declaration_span(group.name),
                       fmt::format("group '{}' has the role '{}' in {} but declares no member: "
                                   "the role reaches only the units the facts supply; declare "
                                   "its members, or say that the facts supply them with "
                                   "'members N'",
                                   group.name, role_keyword(role.kind), where),
                       Severity::warning);
        }
    };
    for (const Programme& programme : plan_.programmes)
      check(programme.roles, fmt::format("programme '{}'", programme.name));
    for (const Stage& stage : plan_.stages)
      check(stage.roles, fmt::format("stage '{}'", stage.name));
  }

  /// `… after` takes a day of the year as written, which evaluation takes in
  /// the next year's calendar: not a date, nor a day moved by a duration.
  void check_day_after(const Node& day, std::string_view what) {
    if (day.kind != NodeKind::annual_date && day.kind != NodeKind::end_of_month &&
        !is_annual_date_parameter(day))
      sink_.report(Code::type_mismatch, day.span,
                   fmt::format("{} takes a day of the year (01-15, end of month 1, or an "
                               "annual_date parameter), the first one after the period",
                               what));
  }

  /// A parameter of type annual_date or list(annual_date).
  bool is_annual_date_parameter(const Node& node) const {
    if (node.kind != NodeKind::name) return false;
    const Symbol* symbol = plan_.find(node.text);
    if (!symbol || symbol->kind != SymbolKind::parameter) return false;
    return plan_.parameters[symbol->index].type.name == "annual_date";  // or a list of them
  }

  /// A deadline or naming day moved by a duration (`节后上班日 - 7 days`)
  /// must stay in its year in every year of the plan, and a stage's
  /// `at_least` must be 1 or more, with the parameters' defaults and
  /// versions (overrides are checked at evaluation).
  void check_parameter_values() {
    const detail::ParameterValues values = [&](std::string_view name) {
      std::vector<const Node*> out;
      const Symbol* symbol = plan_.find(name);
      if (!symbol || symbol->kind != SymbolKind::parameter) return out;
      const Parameter& parameter = plan_.parameters[symbol->index];
      for (const Node& value : parameter.default_value) out.push_back(&value);
      for (const ParameterVersion& version : parameter.versions)
        for (const Node& value : version.value) out.push_back(&value);
      return out;
    };
    for (const detail::MovedOut& moved : detail::days_moved_out(plan_, values))
      sink_.report(Code::bad_window, moved.day->span, moved.message);
    for (const detail::CountBelowOne& count : detail::stage_counts_below_one(plan_, values))
      sink_.report(Code::bad_value, count.count->span, count.message);
  }

  /// A score is per subject and year: its deductions count the year's
  /// verdicts (`for missed(STAGE)`), so a rule judged every quarter that
  /// read it mixed the year's verdicts with the quarter's events (a new-user
  /// trial: Q1 lost the points of Q2–Q4's missed reports).
  void check_scores_in_periods() {
    for (const Rule& rule : plan_.rules) {
      if (!rule.every || *rule.every == PeriodKind::year) continue;
      std::vector<syntax::Node> nodes;
      if (rule.condition) nodes.push_back(*rule.condition);
      for (const Requirement& requirement : rule.requirements)
        nodes.push_back(requirement.condition);
      // Through computed metrics: `metric 总分 = 得分 + …`.
      std::vector<Index> metrics = detail::mentioned(plan_, nodes, SymbolKind::metric);
      for (std::size_t i = 0; i < metrics.size(); ++i)  // each metric once: it ends
        if (const auto& formula = plan_.metrics[metrics[i]].formula)
          for (const Index more : detail::mentioned(plan_, {*formula}, SymbolKind::metric))
            if (std::find(metrics.begin(), metrics.end(), more) == metrics.end())
              metrics.push_back(more);
      for (const Index metric : metrics)
        if (plan_.metrics[metric].ledger) {
          sink_.report(
              Code::type_mismatch, declaration_span(rule.name),
              fmt::format("{} is judged every {}, but the score '{}' is per subject "
                          "and year: judge the rule every year, or count the period's "
                          "own events and verdicts in its condition",
                          rule.name, period_kind_name(*rule.every), plan_.metrics[metric].name));
          break;
        }
    }
  }

  /// The kinds a rule's subject expression can have, when the plan alone
  /// says (bodies, groups of them, `all KIND`); nullopt when the facts or a
  /// parameter decide.
  std::optional<std::vector<Index>> subject_kinds(const Node& node, int depth = 0) const {
    if (node.kind == NodeKind::all_of_kind) {
      const Symbol* kind = plan_.find(node.children[0].text);
      if (!kind || kind->kind != SymbolKind::kind) return std::nullopt;
      return std::vector<Index>{kind->index};
    }
    if (node.kind != NodeKind::name) return std::nullopt;
    const Symbol* symbol = plan_.find(node.text);
    if (!symbol) return std::nullopt;
    if (symbol->kind == SymbolKind::body)
      return std::vector<Index>{plan_.bodies[symbol->index].kind};
    if (symbol->kind != SymbolKind::group) return std::nullopt;
    return group_kinds(symbol->index, depth);
  }
  /// The kinds of a group's members: its bodies', its `all KIND`, its
  /// subgroups' (cycles are reported elsewhere; `depth` bounds the walk).
  std::optional<std::vector<Index>> group_kinds(Index index, int depth) const {
    const Group& group = plan_.groups[index];
    if (group.sort != GroupSort::bodies || depth > 16) return std::nullopt;
    std::vector<Index> kinds;
    if (group.all_of_kind) kinds.push_back(*group.all_of_kind);
    for (const Index member : group.members) kinds.push_back(plan_.bodies[member].kind);
    for (const Index subgroup : group.subgroups) {
      const auto more = group_kinds(subgroup, depth + 1);
      if (!more) return std::nullopt;
      kinds.insert(kinds.end(), more->begin(), more->end());
    }
    return kinds;
  }

  /// A rule that reads a metric of its subject (`require 得分 >= 90`) whose
  /// subjects are of a kind the metric is not per: a value that could never
  /// be loaded (or a score of a county computed for a town). Only metrics
  /// read directly, outside calls (`average(得分, over: G)` reads G's).
  void check_subject_kinds() {
    for (const Rule& rule : plan_.rules) {
      std::vector<Index> kinds;
      bool known = !rule.subjects.empty();
      for (const Node& subject : rule.subjects) {
        const auto found = subject_kinds(subject);
        if (!found) known = false;
        if (found) kinds.insert(kinds.end(), found->begin(), found->end());
      }
      if (!known) continue;
      std::vector<const Node*> stack;
      if (rule.condition) stack.push_back(&*rule.condition);
      for (const Requirement& requirement : rule.requirements)
        stack.push_back(&requirement.condition);
      std::vector<Index> reported;
      while (!stack.empty()) {
        const Node* node = stack.back();
        stack.pop_back();
        if (node->kind == NodeKind::call) continue;
        for (const Node& child : node->children) stack.push_back(&child);
        if (node->kind != NodeKind::name) continue;
        const Symbol* symbol = plan_.find(node->text);
        if (!symbol || symbol->kind != SymbolKind::metric) continue;
        const Metric& metric = plan_.metrics[symbol->index];
        if (metric.per_kinds.empty() || metric.per_programme ||
            std::find(reported.begin(), reported.end(), symbol->index) != reported.end())
          continue;
        for (const Index kind : kinds) {
          if (std::find(metric.per_kinds.begin(), metric.per_kinds.end(), kind) !=
              metric.per_kinds.end())
            continue;
          std::vector<std::string_view> per;
          for (const Index k : metric.per_kinds) per.push_back(plan_.kinds[k].name);
          sink_.report(
              Code::type_mismatch, node->span,
              fmt::format("{}'s subjects include {}, but '{}' is {} per {}: it has "
                          "no value for them",
                          rule.name, detail::with_article(plan_.kinds[kind].name), metric.name,
                          metric.ledger ? "a score" : "measured", fmt::join(per, ", ")));
          reported.push_back(symbol->index);
          break;
        }
      }
    }
  }

  /// `requires S for E, …` names deliverables of S.
  void check_prerequisite_deliverables() {
    for (const PrerequisiteEvent& named : prerequisite_events_) {
      const Stage& required = plan_.stages[named.stage];
      if (std::find(required.deliverables.begin(), required.deliverables.end(), named.event) ==
          required.deliverables.end())
        sink_.report(Code::type_mismatch, named.span,
                     fmt::format("'requires {} for …' names what {} delivers; it does not "
                                 "deliver '{}'",
                                 required.name, required.name, plan_.events[named.event].name));
    }
  }

  /// `unless S, …` of an award names sanctions, not other rules.
  void check_unless_sanctions() {
    for (const auto& [index, span] : unless_spans_) {
      const Rule& named = plan_.rules[index];
      if (named.kind != RuleKind::sanction)
        sink_.report(Code::type_mismatch, span,
                     fmt::format("'unless' names the sanctions that withhold the award; '{}' is {}",
                                 named.name, detail::with_article(rule_kind_name(named.kind))));
    }
  }

  /// A stage's `obligated` must be able to name at least one body: an empty
  /// group, or `obligated leads` of a programme without lead, binds nobody.
  void check_obligations() {
    for (const Obligation& obligation : obligations_) {
      if (obligation.ref.sort != BodyRef::Sort::group) continue;
      if (const auto reason = why_empty(obligation.ref.index))
        sink_.report(
            Code::unbound_obligation, obligation.span,
            fmt::format("stage '{}' obliges '{}', but {}: no body can be held to this obligation",
                        plan_.stages[obligation.stage].name,
                        plan_.groups[obligation.ref.index].name, *reason));
    }
    for (const auto& [stage_index, span] : lead_obligations_) {
      const Stage& stage = plan_.stages[stage_index];
      std::vector<Index> covered;
      if (stage.programme) covered.push_back(*stage.programme);
      if (stage.programme_group) covered = plan_.groups[*stage.programme_group].members;
      for (const Index programme_index : covered) {
        const Programme& programme = plan_.programmes[programme_index];
        bool named = false;  // has a lead (or, failing that, a responsible) role at all
        bool binds = false;  // one of its bodies can exist
        for (const RoleKind kind : {RoleKind::lead, RoleKind::responsible}) {
          for (const Role& role : programme.roles) {
            if (role.kind != kind) continue;
            named = true;
            for (const BodyRef& ref : role.bodies)
              binds = binds || ref.sort != BodyRef::Sort::group || !why_empty(ref.index);
          }
          if (named) break;
        }
        // A brand, domain or action without lead is M0018 already.
        if (!named && programme.kind != ProgrammeKind::campaign) continue;
        if (!binds)
          sink_.report(
              Code::unbound_obligation, span,
              fmt::format(
                  "stage '{}' obliges the leads of {} '{}', which has no {}: no body can be held "
                  "to this obligation",
                  stage.name, programme_kind_name(programme.kind), programme.name,
                  named ? "lead or responsible body that can exist" : "lead or responsible body"));
      }
    }
  }

  const syntax::PlanFile& file_;
  Plan plan_;
  DiagnosticSink sink_;
  detail::ExpressionChecker expressions_;
  std::vector<const Statement*> pending_groups_;
  struct GroupEntry {
    bool is_group = false;
    Index index = 0;
  };
  std::map<Index, std::vector<GroupEntry>> group_entries_;
  std::vector<const syntax::Citation*> cited_;
  std::map<std::pair<Index, Index>, Span> prerequisite_spans_;
  struct PrerequisiteEvent {
    Index stage = 0;  // the stage required
    Index event = 0;  // a deliverable it must have delivered
    Span span;
  };
  std::vector<PrerequisiteEvent> prerequisite_events_;
  std::map<std::pair<Index, Index>, Span> candidate_spans_;  // (stage, title) of candidate_requires
  std::map<std::string, Span> clause_spans_;
  std::set<std::string> reading_names_;
  struct Obligation {
    Index stage = 0;
    BodyRef ref;
    Span span{};
  };
  std::vector<Obligation> obligations_;
  std::vector<std::pair<Index, Span>> lead_obligations_;
  std::vector<std::pair<Index, Span>> unless_spans_;  // (rule, span) of `unless S`
  // Caches of why_empty (const queries over the finished plan).
  mutable std::unordered_map<Index, std::optional<std::string>> why_empty_;
  mutable std::unordered_map<Index, std::vector<Index>> sorted_members_;
  mutable std::vector<std::vector<Index>> bodies_of_kind_;
};

}  // namespace

CheckResult check(const syntax::PlanFile& file, const SourceFile& source) {
  detail::SuggestionBudget budget{detail::check_suggestion_work};
  const detail::SuggestionScope scope(budget);
  return Checker(file, source).run();
}

CheckResult parse_and_check(const SourceFile& source) {
  ParseResult parsed = parse(source);
  if (has_errors(parsed.diagnostics)) return CheckResult{nullptr, std::move(parsed.diagnostics)};
  CheckResult checked = check(parsed.file, source);
  parsed.diagnostics.insert(parsed.diagnostics.end(), checked.diagnostics.begin(),
                            checked.diagnostics.end());
  checked.diagnostics = std::move(parsed.diagnostics);
  return checked;
}

}  // namespace mandate
