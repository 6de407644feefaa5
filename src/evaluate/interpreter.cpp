#include "evaluate/interpreter.hpp"

#include "evaluate/compiled.hpp"

#include "check/calendar.hpp"
#include "check/dependencies.hpp"
#include "support/lookup.hpp"
#include "support/text.hpp"

#include <mandate/format.hpp>

#include <fmt/format.h>
#include <boost/container/small_vector.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace mandate::detail {
namespace {

using syntax::Node;
using syntax::NodeKind;

std::optional<long> integer_of(const Node& node) {
  long value = 0;
  const auto [end, error] =
      std::from_chars(node.text.data(), node.text.data() + node.text.size(), value);
  if (error != std::errc{} || end != node.text.data() + node.text.size()) return std::nullopt;
  return value;
}

double decimal_of(const std::string& text) {
  double value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

DayNumber day_of(int year, unsigned month, unsigned day) {
  return to_day_number(Date{year, month, day});
}

std::string show(const Value& value, const Interpreter& interpreter) {
  switch (value.kind) {
    case ValueKind::unknown:
      return "unknown";
    case ValueKind::boolean:
      return value.boolean ? "true" : "false";
    case ValueKind::number:
      return value.at_least ? "≥" + format_number(value.number, value.is_percent())
                            : format_number(value.number, value.is_percent());
    case ValueKind::day:
      return format_day(value.first);
    case ValueKind::window:
      return format_day(value.first) + ".." + format_day(value.last);
    case ValueKind::text:
    case ValueKind::word:
      return std::string(value.text);
    case ValueKind::entity:
      return interpreter.name(value.entity);
    case ValueKind::group:
      return format_text(FMT_COMPILE("{} members"),
                         value.member_list().size() + value.metric_members.size());
    case ValueKind::metric:
      return interpreter.environment().plan.metrics[value.index].name;
    case ValueKind::title:
      return interpreter.environment().plan.titles[value.index].name;
    case ValueKind::event:
      return interpreter.environment().plan.events[value.index].name;
    case ValueKind::span:
      return value.number > 0 ? format_text(FMT_COMPILE("any {} days"), value.number)
                              : "the calendar year";
  }
  return "?";
}

}  // namespace

std::string format_number(double value, bool percent) {
  std::string text;
  if (std::abs(value - std::round(value)) < 1e-9) {
    text = format_text(FMT_COMPILE("{}"), static_cast<long long>(std::llround(value)));
  } else {
    text = format_text(FMT_COMPILE("{:.4f}"), value);
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  return percent ? text + "%" : text;
}

std::string format_day(DayNumber day) {
  const Date date = to_date(day);
  return format_text(FMT_COMPILE("{:04}-{:02}-{:02}"), date.year, date.month, date.day);
}

std::string events_still_to_come(const Period& period, DayNumber as_of) {
  return format_text(
      FMT_COMPILE("the events of {} after the evaluation date {} (the {} ends on {})"),
      period.label(), format_day(as_of), period.kind == PeriodKind::year ? "year" : "period",
      format_day(to_day_number(period.last_day())));
}

// Parameters ---------------------------------------------------------------------

Parameters::Parameters(const Plan& plan, std::map<Index, std::vector<syntax::Node>> overrides)
    : plan_(plan), overrides_(std::move(overrides)) {}

std::vector<const std::vector<syntax::Node>*> Parameters::values_in_any_year(Index index) const {
  if (const auto it = overrides_.find(index); it != overrides_.end()) return {&it->second};
  return parameter_values(plan_.parameters[index]);
}

const std::vector<syntax::Node>& Parameters::value(Index index, int year) const {
  if (const auto it = overrides_.find(index); it != overrides_.end()) return it->second;
  const Parameter& parameter = plan_.parameters[index];
  for (const ParameterVersion& version : parameter.versions)
    if (year >= version.first_year && year <= version.last_year) return version.value;
  return parameter.default_value;
}

// Cache ---------------------------------------------------------------------------

namespace {

constexpr std::pair<std::string_view, Operation> binary_operators[] = {
    {"and", Operation::logical_and}, {"or", Operation::logical_or},
    {"<", Operation::less},          {"<=", Operation::less_equal},
    {">", Operation::greater},       {">=", Operation::greater_equal},
    {"==", Operation::equal},        {"!=", Operation::not_equal},
    {"+", Operation::add},           {"-", Operation::subtract},
    {"*", Operation::multiply},      {"/", Operation::divide}};
constexpr std::pair<std::string_view, Operation> functions[] = {
    {"average", Operation::average},  {"sum", Operation::sum},
    {"min", Operation::min},          {"max", Operation::max},
    {"rank", Operation::rank},        {"count", Operation::count},
    {"any", Operation::any},          {"all", Operation::all},
    {"holds", Operation::holds},      {"size", Operation::size},
    {"rolling", Operation::rolling},  {"ceil", Operation::ceil},
    {"floor", Operation::floor},      {"round", Operation::round},
    {"parent", Operation::parent},    {"superior", Operation::superior},
    {"previous", Operation::previous}};

Operation operation_of(const syntax::Node& node, const Symbol* symbol) {
  if (node.kind == NodeKind::binary)
    return lookup(binary_operators, node.text).value_or(Operation::other);
  if (node.kind != NodeKind::call) return Operation::other;
  if (symbol && symbol->kind == SymbolKind::metric) return Operation::metric_of;
  // An aggregate over the parts of the period judged, not over a population.
  if (std::any_of(node.children.begin(), node.children.end(), [](const auto& child) {
        return child.kind == NodeKind::named_argument && child.text == "across";
      }))
    return Operation::across;
  // min(a, b) and max(a, b) of values; with `over:` they are aggregates.
  if (node.text == "min" || node.text == "max") {
    const bool over = std::any_of(node.children.begin(), node.children.end(), [](const auto& c) {
      return c.kind == NodeKind::named_argument && c.text == "over";
    });
    if (!over) return node.text == "min" ? Operation::least : Operation::greatest;
  }
  return lookup(functions, node.text).value_or(Operation::other);
}

/// An aggregate over a whole population (its value is the same for every
/// member): average, sum, min, max, size.
bool over_population(Operation operation) {
  return operation == Operation::average || operation == Operation::sum ||
         operation == Operation::min || operation == Operation::max || operation == Operation::size;
}

/// Whether remembering a node's value saves more than it costs: parameters
/// (a lookup and a parse of their value) and population aggregates.
bool worth_memoizing(const syntax::Node& node, const ResolvedNode& resolved) {
  return over_population(resolved.operation) || (node.kind == NodeKind::name && resolved.symbol &&
                                                 resolved.symbol->kind == SymbolKind::parameter);
}

constexpr std::pair<std::string_view, Argument> argument_keys[] = {
    {"over", Argument::over},   {"among", Argument::among},   {"source", Argument::source},
    {"order", Argument::order}, {"ties", Argument::ties},     {"then", Argument::then},
    {"by", Argument::by},       {"within", Argument::within}, {"across", Argument::across}};

/// The name a plan symbol has among the facts' names.
std::string_view symbol_name(const Plan& plan, const Symbol& symbol) {
  switch (symbol.kind) {
    case SymbolKind::body:
      return plan.bodies[symbol.index].name;
    case SymbolKind::programme:
      return plan.programmes[symbol.index].name;
    case SymbolKind::group:
      return plan.groups[symbol.index].name;
    case SymbolKind::metric:
      return plan.metrics[symbol.index].name;
    case SymbolKind::event:
      return plan.events[symbol.index].name;
    case SymbolKind::title:
      return plan.titles[symbol.index].name;
    default:
      return {};
  }
}

}  // namespace

EvaluationCache::EvaluationCache(const FactStore& facts, const Parameters& parameters)
    : facts_(facts), parameters_(parameters) {
  const Plan& plan = facts.plan();
  for (const Event& event : plan.events) event_names_.push_back(facts.find_name(event.name));
  for (const Metric& metric : plan.metrics)
    metrics_.push_back(
        {facts.find_name(metric.name), metric.type.name == "percent" ? NumericUnit::percent
                                       : metric.type.name == "count" ? NumericUnit::count
                                                                     : NumericUnit::number});
  for (const Group& group : plan.groups) group_names_.push_back(facts.find_name(group.name));
  for (const Title& title : plan.titles) title_names_.push_back(facts.find_name(title.name));
  std::vector<const syntax::Node*> pending;
  const auto add = [&](const syntax::Node& node) { pending.push_back(&node); };
  for (const Title& title : plan.titles)
    if (title.named_by) add(*title.named_by);
  for (const Metric& metric : plan.metrics)
    if (metric.formula) add(*metric.formula);
  for (const Parameter& parameter : plan.parameters) {
    for (const syntax::Node& value : parameter.default_value) add(value);
    for (const ParameterVersion& version : parameter.versions)
      for (const syntax::Node& value : version.value) add(value);
  }
  for (const Rule& rule : plan.rules) {
    for (const syntax::Node& subject : rule.subjects) add(subject);
    for (const Requirement& requirement : rule.requirements) {
      add(requirement.condition);
      if (requirement.by) add(*requirement.by);
    }
    if (rule.condition) add(*rule.condition);
  }
  for (const Consequence& consequence : plan.consequences)
    if (consequence.deduction) add(*consequence.deduction);
  for (const Stage& stage : plan.stages) {
    for (const syntax::Node& due : stage.due) add(due);
    if (stage.start_window) add(*stage.start_window);
    if (stage.duration) add(*stage.duration);
  }
  for (const std::optional<syntax::Node>* policy :
       {&plan.metadata.inclusive_deadlines, &plan.metadata.shift_for_holidays})
    if (*policy) add(**policy);
  while (!pending.empty()) {
    const syntax::Node* node = pending.back();
    pending.pop_back();
    const auto index = static_cast<std::uint32_t>(plan_nodes_.size());
    if (!plan_node_index_.try_emplace(node, index).second) continue;
    plan_nodes_.push_back(resolve(*node));
    ResolvedNode& resolved = plan_nodes_.back();
    if (worth_memoizing(*node, resolved) && subject_free(*node)) resolved.memo = index;
    for (const syntax::Node& child : node->children) pending.push_back(&child);
  }
  const auto consequence_free = [&](const Consequence& consequence) {
    const bool deduction_free = !consequence.deduction || subject_free(*consequence.deduction);
    const bool referral_free = std::all_of(
        consequence.referrals.begin(), consequence.referrals.end(), [&](const Referral& referral) {
          return referral.body && (referral.body->sort != BodyRef::Sort::parameter ||
                                   parameter_free(referral.body->index));
        });
    return deduction_free && referral_free;
  };
  for (const Rule& rule : plan.rules)
    same_consequences_.push_back(
        std::all_of(rule.consequences.begin(), rule.consequences.end(),
                    [&](Index c) { return consequence_free(plan.consequences[c]); }) &&
        (!rule.inline_consequence || consequence_free(*rule.inline_consequence)));
}

/// Whether a node's value is the same for every subject, as long as no
/// variable is bound (the interpreter checks that): literals, names (a
/// metric's name is the metric, not a subject's value) but a parameter with
/// a value that is not, and the aggregates over a whole population.
/// Conservative: any other operator may read the subject.
bool EvaluationCache::subject_free(const syntax::Node& node) {
  const auto children_free = [&] {
    return std::all_of(node.children.begin(), node.children.end(),
                       [&](const syntax::Node& child) { return subject_free(child); });
  };
  switch (node.kind) {
    case NodeKind::binary:
    case NodeKind::unary:
    case NodeKind::comprehension:
      return false;
    case NodeKind::call: {
      const Operation operation = operation_of(node, nullptr);
      return (over_population(operation) || operation == Operation::rolling) && children_free();
    }
    case NodeKind::name: {
      const Symbol* symbol = facts_.plan().find(node.text);
      if (!symbol && node.text == "self") return false;  // `all 村 within self`
      return !symbol || symbol->kind != SymbolKind::parameter || parameter_free(symbol->index);
    }
    default:
      return children_free();
  }
}

/// A parameter's value is an expression (`count(通报, …)` reads the
/// subject): free only when each value it can have is. Decided once per
/// parameter; a cycle (which evaluate() rejects first) counts as not free.
bool EvaluationCache::parameter_free(Index parameter) {
  enum : std::uint8_t { undecided, deciding, free_of_subject, reads_subject };
  if (parameter_free_.empty()) parameter_free_.assign(facts_.plan().parameters.size(), undecided);
  if (parameter_free_[parameter] != undecided) return parameter_free_[parameter] == free_of_subject;
  parameter_free_[parameter] = deciding;
  bool all_free = true;
  for (const std::vector<syntax::Node>* values : parameters_.values_in_any_year(parameter))
    for (const syntax::Node& value : *values) all_free = all_free && subject_free(value);
  parameter_free_[parameter] = all_free ? free_of_subject : reads_subject;
  return all_free;
}

ResolvedNode EvaluationCache::resolve(const syntax::Node& node) const {
  const Plan& plan = facts_.plan();
  ResolvedNode resolved;
  resolved.text = format_expression(node);
  if (node.kind == NodeKind::name || node.kind == NodeKind::call)
    resolved.symbol = plan.find(node.text);
  resolved.operation = operation_of(node, resolved.symbol);
  for (const syntax::Node& argument : node.children)
    if (argument.kind == NodeKind::named_argument)
      if (const auto key = lookup(argument_keys, argument.text);
          key && !resolved.argument(*key))  // the first, as the checker reads it
        resolved.arguments[static_cast<std::size_t>(*key)] = &argument.children[0];
  if (resolved.symbol) {
    const std::string_view name = symbol_name(plan, *resolved.symbol);
    if (!name.empty()) resolved.fact_name = facts_.find_name(name);
  } else if (node.kind == NodeKind::all_of_kind) {
    resolved.fact_name = facts_.find_name(node.children[0].text);
  }
  return resolved;
}

const std::vector<NameId>& EvaluationCache::units_of_kind(NameId kind, NameId within) {
  const KindIndex& index = kinds_.find_or_add(kind, [&] {
    // One pass over the units of the kind: each is listed under every body
    // above it, so that `all 村 within X` is a lookup for any X.
    KindIndex built;
    built.all = facts_.units_of_kind(kind, no_name);
    for (const NameId unit : built.all)
      for (NameId above = facts_.unit_parent(unit); above != no_name;
           above = facts_.unit_parent(above))
        built.within[above].push_back(unit);
    return built;
  });
  if (within == no_name) return index.all;
  static const std::vector<NameId> none;
  const auto it = index.within.find(within);
  return it == index.within.end() ? none : it->second;
}

const ResolvedNode& EvaluationCache::resolved(const syntax::Node& node) {
  if (const std::uint32_t* index = plan_node_index_.find(&node)) return plan_nodes_[*index];
  return other_nodes_.find_or_add(&node, [&] { return resolve(node); });
}

// Interpreter ----------------------------------------------------------------------

const std::string& Interpreter::text(const syntax::Node& node) const {
  return env_.cache->text(node);
}

Interpreter::Interpreter(const Environment& environment, int year, NameId subject)
    : Interpreter(environment, Period::of_year(year), subject) {}

Interpreter::Interpreter(const Environment& environment, Period period, NameId subject)
    : env_(environment), subject_(subject), explain_(environment.explain) {
  set_period(period);
}

void Interpreter::set_period(const Period& period) {
  period_ = period;
  year_ = period.year;
  year_first_ = to_day_number(period.first_day());
  year_last_ = to_day_number(period.last_day());
  year_open_ = day_of(year_, 12, 31) > env_.as_of;
}

Interpreter::~Interpreter() = default;

Value Interpreter::evaluate_condition(const Node& node, Explanation& why) {
  if (env_.explain) return evaluate(node, why);
  return compiled(node);
}

Value Interpreter::compiled(const Node& node) {
  if (!variables_.empty()) {
    Explanation ignored;
    return evaluate(node, ignored);
  }
  for (const auto& [expression, compiled] : compiled_)
    if (expression == &node) return compiled->run(*this);
  compiled_.emplace_back(&node, std::make_unique<CompiledExpression>(node, *this));
  return compiled_.back().second->run(*this);
}

bool Interpreter::constant_for_subjects(const Node& node) {
  switch (node.kind) {
    case NodeKind::integer:
    case NodeKind::decimal:
    case NodeKind::percent:
    case NodeKind::boolean:
    case NodeKind::string:
    case NodeKind::date:
    case NodeKind::annual_date:
    case NodeKind::end_of_month:
    case NodeKind::month_window:
    case NodeKind::duration:
      return true;
    case NodeKind::all_of_kind:  // `all 单位 within parent(self)` reads the subject
      return node.children.size() < 2 || constant_for_subjects(node.children[1]);
    case NodeKind::name: {
      // A metric's name is the metric, not the subject's value of it; a
      // parameter is constant only when the cache memoizes it.
      const ResolvedNode& found = resolved(node);
      if (!found.symbol && node.text == "self") return false;
      return found.memo != ResolvedNode::no_memo || !found.symbol ||
             found.symbol->kind != SymbolKind::parameter;
    }
    case NodeKind::call:
      return resolved(node).memo != ResolvedNode::no_memo;
    default:
      return false;
  }
}

std::pair<Value, std::vector<std::string>> Interpreter::fold(const Node& node) {
  std::vector<std::string> saved = std::exchange(missing_, {});
  Explanation ignored;
  const Value value = evaluate(node, ignored);
  return {value, std::exchange(missing_, std::move(saved))};
}

const ResolvedNode& Interpreter::resolved(const syntax::Node& node) {
  ResolvedSlot& slot = resolved_slots_[(reinterpret_cast<std::uintptr_t>(&node) >> 4) % 64];
  if (slot.node != &node) slot = {&node, &env_.cache->resolved(node)};
  return *slot.resolved;
}

void Interpreter::begin_subject(NameId subject) {
  subject_ = subject;
  explain_ = env_.explain;
  missing_.clear();
  variables_.clear();
  metrics_in_progress_.clear();
}

Value Interpreter::memoized(const Node& node, const ResolvedNode& resolved, Explanation& why) {
  const auto find = [&] {
    return std::find_if(memos_.begin(), memos_.end(),
                        [&](const Memo& m) { return m.memo == resolved.memo; });
  };
  auto memo = find();
  if (memo == memos_.end() || (explain_ && !memo->explained)) {
    Memo fresh;
    fresh.memo = resolved.memo;
    fresh.explained = explain_;
    // Computed on its own: its steps and missing facts are replayed for each
    // subject exactly as if it were computed again.
    std::vector<std::string> saved_missing = std::exchange(missing_, {});
    Explanation steps;
    fresh.value = node.kind == NodeKind::name ? name_value(node, resolved, steps)
                                              : call(node, resolved, steps);
    fresh.steps = std::move(steps.children);
    fresh.missing = std::exchange(missing_, std::move(saved_missing));
    memo = find();  // the computation may have memoized other nodes
    if (memo == memos_.end())
      memo = memos_.insert(memos_.end(), std::move(fresh));
    else
      *memo = std::move(fresh);
  }
  if (explain_) why.children.insert(why.children.end(), memo->steps.begin(), memo->steps.end());
  for (const std::string& fact : memo->missing) note_missing(fact);
  return memo->value;
}

std::string Interpreter::name(NameId id) const { return std::string(env_.facts.name(id)); }

std::string source_text(const FactStore& facts, const FactSource& source) {
  const std::string& file = facts.source_name(source.file);
  return source.line > 0 ? format_text(FMT_COMPILE("{}:{}"), file, source.line) : file;
}

std::string Interpreter::source(const FactSource& source) const {
  return source_text(env_.facts, source);
}

bool title_held(const Environment& env, Index title, NameId unit, int year, Explanation* step,
                NameId programme) {
  const NameId title_id = env.cache->title_name(title);
  const auto record =
      title_id == no_name ? std::nullopt : env.facts.title_held(title_id, unit, year, programme);
  const bool known = record && record->date <= env.as_of;
  if (!step) return known;
  // A title held per programme, asked for in one (a brand's county-level naming).
  const std::string in_programme =
      programme == no_name ? std::string()
                           : format_text(FMT_COMPILE("{} ({})"), env.plan.titles[title].name,
                                         env.facts.name(programme));
  const std::string_view title_name =
      programme == no_name ? std::string_view(env.plan.titles[title].name) : in_programme;
  const std::string_view who = env.facts.name(unit);
  if (known) {
    step->text = format_text(FMT_COMPILE("{} holds {} in {}"), who, title_name, year);
  } else if (record) {
    step->text =
        format_text(FMT_COMPILE("{} holds {} in {} only from {}, after the evaluation date {}: not "
                                "known yet"),
                    who, title_name, year, format_day(record->date), format_day(env.as_of));
  } else {
    step->text =
        format_text(FMT_COMPILE("no fact records {} holding {} in {}"), who, title_name, year);
  }
  if (record)
    step->facts.push_back(
        {format_text(FMT_COMPILE("title {} {} {}{}"), title_name, who, year,
                     record->date != undated
                         ? format_text(FMT_COMPILE(" conferred {}"), format_day(record->date))
                         : ""),
         source_text(env.facts, record->source)});
  return known;
}

void Interpreter::note_missing(std::string fact) {
  if (std::find(missing_.begin(), missing_.end(), fact) == missing_.end())
    missing_.push_back(std::move(fact));
}

const std::vector<NameId>& Interpreter::group_members(Index group_index) {
  return env_.cache->group(group_index, [&] { return resolve_group(group_index); });
}

std::vector<NameId> Interpreter::resolve_group(Index group_index) {
  return env_.facts.group_members(env_.cache->group_name(group_index));
}

Value Interpreter::parameter(Index index, Explanation& why) {
  Value value = parameter_value(index);
  const std::vector<Node>& values = env_.parameters.value(index, year_);
  if (explain_)
    why.children.push_back(
        {format_text(FMT_COMPILE("parameter {} = {}{}"), env_.plan.parameters[index].name,
                     values.empty() ? "?" : text(values.front()),
                     env_.parameters.overridden(index) ? " (overridden)" : ""),
         {},
         {}});
  return value;
}

Value Interpreter::value_of(const Node& node) {
  const bool explaining = std::exchange(explain_, false);
  Explanation none;
  Value value = evaluate(node, none);
  explain_ = explaining;
  return value;
}

Value Interpreter::parameter_value(Index index) {
  const std::vector<Node>& values = env_.parameters.value(index, year_);
  if (values.empty()) return Value::unknown();
  Value value = value_of(values.front());
  // `param 后N位 : count = 10`: the literal is a number, the value a count.
  const std::string& type = env_.plan.parameters[index].type.name;
  if (value.kind == ValueKind::number)
    value.unit = type == "count"     ? NumericUnit::count
                 : type == "percent" ? NumericUnit::percent
                                     : value.unit;
  return value;
}

Value Interpreter::metric_value(Index metric_index, NameId subject, Explanation& why) {
  const Metric& metric = env_.plan.metrics[metric_index];
  const NumericUnit unit = env_.cache->metric_unit(metric_index);
  if (metric.formula) {
    if (std::find(metrics_in_progress_.begin(), metrics_in_progress_.end(), metric_index) !=
        metrics_in_progress_.end())
      return Value::unknown();  // the checker rejects cycles; this only guards
    metrics_in_progress_.push_back(metric_index);
    const NameId saved = subject_;
    subject_ = subject;
    Explanation inner;
    // A metric is a figure: a count so far is no value of it yet. Computed
    // for each member of a population (总分 of a million units), it runs
    // compiled when no step of it is shown.
    Value value = exact(explain_ ? evaluate(*metric.formula, inner) : compiled(*metric.formula));
    subject_ = saved;
    metrics_in_progress_.pop_back();
    if (value.kind == ValueKind::number) value.unit = unit;
    if (explain_) {
      inner.text = format_text(FMT_COMPILE("{} of {} in {} = {} = {}"), metric.name, name(subject),
                               when(), text(*metric.formula), show(value, *this));
      why.children.push_back(std::move(inner));
    }
    return value;
  }
  if (metric.ledger) return score_value(metric, subject, why);
  const NameId metric_id = env_.cache->metric_name(metric_index);
  const auto record = metric_id == no_name
                          ? std::nullopt
                          : env_.facts.measure(metric_id, subject, period_of(metric));
  if (!record || record->date > env_.as_of) {
    // A value known only after the evaluation date is as good as missing.
    std::string fact = format_text(FMT_COMPILE("measure {} of {} for {}"), metric.name,
                                   name(subject), when(metric));
    if (explain_)
      why.children.push_back(
          {record ? format_text(FMT_COMPILE("{}: known only from {}, after the evaluation date"),
                                fact, format_day(record->date))
                  : fact + ": missing",
           {},
           {}});
    note_missing(std::move(fact));
    return Value::unknown();
  }
  const Value value = Value::of_number(record->value, unit);
  if (explain_)
    why.children.push_back(
        {format_text(FMT_COMPILE("{} of {} in {} = {}"), metric.name, name(subject), when(metric),
                     show(value, *this)),
         {{format_text(FMT_COMPILE("measure {} {} {} = {}"), metric.name, name(subject),
                       when(metric), format_number(record->value, false)),
           source(record->source)}},
         {}});
  return value;
}

Value Interpreter::score_value(const Metric& metric, NameId subject, Explanation& why) {
  const Ledger& ledger = *metric.ledger;
  const NameId saved_subject = std::exchange(subject_, subject);
  Explanation step;
  bool unknown = false;
  const auto number = [&](const Node& node) {
    const Value value = exact(as_value(evaluate(node, step), step));
    if (value.kind != ValueKind::number) unknown = true;
    return value.kind == ValueKind::number ? value.number : 0.0;
  };
  double total = number(ledger.base);
  for (const LedgerLine& line : ledger.lines) {
    const std::string_view sign = line.deduct ? "−" : "+";
    double amount = 0;
    std::vector<std::string> causes;
    // An amount below 0 (`deduct (100% - 完成率) / 1% * 0.5` at 110%) would
    // turn a deduction into a bonus: it counts as 0, and the line says so.
    const auto line_amount = [&] {
      const double given = number(line.amount);
      if (given >= 0) return given;
      if (explain_)
        causes.push_back(format_text(FMT_COMPILE("{} = {}, below 0: nothing is {}"),
                                     text(line.amount), format_number(given, false),
                                     line.deduct ? "deducted" : "added"));
      return 0.0;
    };
    if (line.stage &&
        (year_ < env_.plan.metadata.first_year || year_ > env_.plan.metadata.last_year)) {
      // The plan judges no stage outside its years: a count of none would
      // be a guess.
      unknown = true;
      note_missing(
          format_text(FMT_COMPILE("the verdicts of {} for {}, which is outside the plan's period"),
                      env_.plan.stages[*line.stage].name, year_));
    } else if (line.stage) {
      // A stage judged per event (a deadline after each finding, each
      // recommendation's candidate) gives verdicts as long as the year runs
      // (decision 0066).
      const Stage& stage = env_.plan.stages[*line.stage];
      if ((stage.due_trigger || !stage.candidate_titles.empty()) && year_open_) {
        unknown = true;
        note_missing(format_text(FMT_COMPILE("the verdicts of {} about {} in {} after the "
                                             "evaluation date {} (the year ends on {})"),
                                 stage.name, name(subject), year_, format_day(env_.as_of),
                                 format_day(day_of(year_, 12, 31))));
      }
      // For each verdict of the stage about the subject with that outcome.
      const std::vector<StageOutcome> outcomes =
          env_.stages ? env_.stages->of(*line.stage, subject, year_) : std::vector<StageOutcome>{};
      for (const StageOutcome& verdict : outcomes) {
        // A pending duty may still end met, late or missed (decision 0066).
        if (verdict.outcome == Outcome::pending && line.outcome != "pending") {
          unknown = true;
          note_missing(format_text(FMT_COMPILE("the outcome of {} · {} · {}, still pending"),
                                   stage.name, name(subject), verdict.period.label()));
          continue;
        }
        if (outcome_name(verdict.outcome) != line.outcome) continue;
        Value days =
            Value::of_count(static_cast<std::size_t>(std::max(0, verdict.days.value_or(0))));
        variables_.emplace_back("days", days);
        const double each = line_amount();
        variables_.pop_back();
        amount += each;
        if (explain_)
          causes.push_back(format_text(
              FMT_COMPILE("{}{} for {} · {} · {}{}"), sign, format_number(each, false),
              env_.plan.stages[*line.stage].name, verdict.period.label(), line.outcome,
              verdict.days ? format_text(FMT_COMPILE(" ({} days)"), *verdict.days) : ""));
      }
    } else if (line.condition) {
      const Value holds = evaluate(*line.condition, step);
      if (holds.is_unknown()) unknown = true;
      if (holds.kind == ValueKind::boolean && holds.boolean) {
        amount = line_amount();
        if (explain_)
          causes.push_back(format_text(FMT_COMPILE("{}{} for {}"), sign,
                                       format_number(amount, false), text(*line.condition)));
      }
    } else {
      amount = line_amount();
      if (explain_)
        causes.push_back(format_text(FMT_COMPILE("{}{}"), sign, format_number(amount, false)));
    }
    if (line.cap) amount = std::min(amount, number(*line.cap));
    total += line.deduct ? -amount : amount;
    if (explain_) {
      Explanation entry;
      const std::string cited = format_citations(line.citations);
      entry.text =
          format_text(FMT_COMPILE("{} {}{}{}{}{}"), line.deduct ? "deduct" : "add",
                      format_number(amount, false), causes.empty() ? " (nothing)" : "",
                      line.cap ? format_text(FMT_COMPILE(" (at most {})"), text(*line.cap)) : "",
                      cited.empty() ? "" : " ", cited);
      for (const std::string& cause : causes) entry.children.push_back({cause, {}, {}});
      step.children.push_back(std::move(entry));
    }
  }
  if (ledger.at_least) total = std::max(total, number(*ledger.at_least));
  if (ledger.at_most) total = std::min(total, number(*ledger.at_most));
  subject_ = saved_subject;
  const Value value = unknown ? Value::unknown() : Value::of_number(total);
  if (explain_) {
    step.text = format_text(FMT_COMPILE("{} of {} in {} = {}"), metric.name, name(subject), when(),
                            show(value, *this));
    why.children.push_back(std::move(step));
  }
  return value;
}

Value Interpreter::as_value(Value value, Explanation& why) {
  if (value.kind == ValueKind::metric) return metric_value(value.index, subject_, why);
  return value;
}

std::string_view Interpreter::word_of(const Node* node, std::string_view fallback,
                                      Explanation& why) {
  if (!node) return fallback;
  return word_or(evaluate(*node, why), fallback);
}

std::string_view Interpreter::word_or(const Value& value, std::string_view fallback) {
  return value.kind == ValueKind::word ? value.text : fallback;
}

Value Interpreter::name_value(const Node& node, const ResolvedNode& resolved, Explanation& why) {
  for (auto it = variables_.rbegin(); it != variables_.rend(); ++it)
    if (it->first == node.text) return it->second;
  const Symbol* symbol = resolved.symbol;
  Value value;
  if (!symbol && node.text == "self") {  // the subject the rule is about
    if (subject_ == no_name) return Value::unknown();
    value.kind = ValueKind::entity;
    value.entity = subject_;
    return value;
  }
  if (!symbol) {
    if (node.text == "calendar_year") {
      value.kind = ValueKind::span;
      value.number = 0;
    } else {
      value.kind = ValueKind::word;
      value.text = node.text;
    }
    return value;
  }
  switch (symbol->kind) {
    case SymbolKind::parameter: {
      const Parameter& parameter = env_.plan.parameters[symbol->index];
      if (parameter.type.name == "choice") {
        const auto& values = env_.parameters.value(symbol->index, year_);
        if (explain_)
          why.children.push_back(
              {format_text(FMT_COMPILE("parameter {} = {}{}"), parameter.name,
                           values.empty() ? "?" : values.front().text,
                           env_.parameters.overridden(symbol->index) ? " (overridden)" : ""),
               {},
               {}});
        value.kind = ValueKind::word;
        if (!values.empty()) value.text = values.front().text;
        return value;
      }
      return this->parameter(symbol->index, why);
    }
    case SymbolKind::metric:
      value.kind = ValueKind::metric;
      value.index = symbol->index;
      return value;
    case SymbolKind::body:
    case SymbolKind::programme:
      value.kind = ValueKind::entity;
      value.entity = resolved.fact_name;
      return value;
    case SymbolKind::group: {
      const Group& group = env_.plan.groups[symbol->index];
      value.kind = ValueKind::group;
      value.index = symbol->index;
      if (group.sort == GroupSort::metrics)
        value.metric_members = group.members;
      else
        value.members = &group_members(symbol->index);
      return value;
    }
    case SymbolKind::title:
      value.kind = ValueKind::title;
      value.index = symbol->index;
      return value;
    case SymbolKind::event:
      value.kind = ValueKind::event;
      value.index = symbol->index;
      return value;
    default:
      return Value::unknown();
  }
}

Value Interpreter::evaluate(const Node& node, Explanation& why) {
  switch (node.kind) {
    case NodeKind::name:
    case NodeKind::call: {
      const ResolvedNode& resolved = this->resolved(node);
      if (resolved.memo != ResolvedNode::no_memo && variables_.empty() && shifted_ == 0)
        return memoized(node, resolved, why);
      return node.kind == NodeKind::name ? name_value(node, resolved, why)
                                         : call(node, resolved, why);
    }
    case NodeKind::integer:
    case NodeKind::decimal:
      return Value::of_number(decimal_of(node.text));
    case NodeKind::percent:
      return Value::of_number(decimal_of(node.text), NumericUnit::percent);
    case NodeKind::boolean:
      return Value::of_bool(node.text == "true");
    case NodeKind::string: {
      Value value;
      value.kind = ValueKind::text;
      value.text = node.text;
      return value;
    }
    case NodeKind::date: {
      const auto date = parse_date(node.text);
      Value value;
      value.kind = ValueKind::day;
      value.first = value.last = date ? to_day_number(*date) : 0;
      return value;
    }
    case NodeKind::annual_date: {
      const auto date = parse_annual_date(node.text);
      Value value;
      value.kind = ValueKind::day;
      value.first = value.last = date ? day_of(year_, date->month, date->day) : 0;
      return value;
    }
    case NodeKind::end_of_month: {
      const auto month = static_cast<unsigned>(integer_of(node.children[0]).value_or(1));
      Value value;
      value.kind = ValueKind::day;
      value.first = value.last = day_of(year_, month, days_in_month(year_, month));
      return value;
    }
    case NodeKind::month_window: {
      const auto first = static_cast<unsigned>(integer_of(node.children[0]).value_or(1));
      const auto last = node.children.size() > 1
                            ? static_cast<unsigned>(integer_of(node.children[1]).value_or(12))
                            : first;
      Value value;
      value.kind = ValueKind::window;
      value.first = day_of(year_, first, 1);
      value.last = day_of(year_, last, days_in_month(year_, last));
      return value;
    }
    case NodeKind::duration:
      return Value::of_number(duration_days(node).value_or(0));
    case NodeKind::range: {
      const Value first = value_of(node.children[0]);
      const Value last = value_of(node.children[1]);
      Value value;
      if (first.kind == ValueKind::day && last.kind == ValueKind::day) {
        value.kind = ValueKind::window;
        value.first = first.first;
        value.last = last.last;
      }
      return value;
    }
    case NodeKind::all_of_kind: {
      Value value;
      value.kind = ValueKind::group;
      const NameId kind = resolved(node).fact_name;
      value.index = Value::not_a_plan_group;
      value.entity = kind;  // names the population in explanations
      NameId within = no_name;
      if (node.children.size() > 1) {  // `all 村 within self`
        const Value body = value_of(node.children[1]);
        if (body.kind != ValueKind::entity) return Value::unknown();
        within = env_.facts.resolve_unit(body.entity);
        value.index = Value::not_a_plan_group;
      }
      value.members = &env_.cache->units_of_kind(kind, within);
      return value;
    }
    case NodeKind::unary: {
      Explanation inner;
      const Value operand = as_value(evaluate(node.children[0], inner), inner);
      std::move(inner.children.begin(), inner.children.end(), std::back_inserter(why.children));
      return unary_result(node, operand);
    }
    case NodeKind::binary:
      return binary(node, why);
    case NodeKind::conditional: {
      Explanation step;
      const Value condition = evaluate(node.children[0], step);
      Value value = Value::unknown();
      if (condition.kind == ValueKind::boolean)
        value = as_value(evaluate(node.children[condition.boolean ? 1 : 2], step), step);
      // A plain number in one branch takes the unit of the other (the checker's type).
      if (value.kind == ValueKind::number && value.unit == NumericUnit::number) {
        const Value other = value_of(node.children[condition.boolean ? 2 : 1]);
        if (other.kind == ValueKind::number) value.unit = other.unit;
      }
      if (explain_) {
        step.text = format_text(FMT_COMPILE("{} → {}"), text(node), show(value, *this));
        why.children.push_back(std::move(step));
      }
      return value;
    }
    case NodeKind::none:
    case NodeKind::named_argument:
    case NodeKind::comprehension:
      return Value::unknown();
  }
  return Value::unknown();
}

Value Interpreter::unary_result(const Node& node, const Value& operand) {
  if (operand.is_unknown()) return operand;
  if (node.text == "not") return Value::of_bool(!operand.boolean);
  const Value known = exact(operand);
  if (known.is_unknown()) return known;
  return Value::of_number(-known.number, known.unit);
}

Value Interpreter::exact(Value value) {
  if (!value.at_least) return value;
  if (!value.open_members) note_missing(events_still_to_come(period_, env_.as_of));
  return Value::unknown();
}

Value Interpreter::bounded(const Node& node, Operation operation, const Value& left,
                           const Value& right) {
  if (left.is_unknown() || right.is_unknown()) return Value::unknown();
  const auto undecided = [&] { return exact(left.at_least ? left : right); };
  // The operands as plain numbers, for binary_result.
  Value a = left;
  Value b = right;
  a.at_least = b.at_least = false;
  // A sum or a product by a number that is not negative is a count so far too.
  if (operation == Operation::add || operation == Operation::multiply) {
    if (left.kind != ValueKind::number || right.kind != ValueKind::number) return undecided();
    if (operation == Operation::multiply && (left.number < 0 || right.number < 0))
      return undecided();
    Value result = binary_result(node, operation, a, b);
    result.at_least = !result.is_unknown();
    // Events to come on either side are still to come in the sum.
    result.open_members =
        (!left.at_least || left.open_members) && (!right.at_least || right.open_members);
    return result;
  }
  if (operation < Operation::less || operation > Operation::not_equal ||
      left.at_least == right.at_least || left.kind != ValueKind::number ||
      right.kind != ValueKind::number)
    return undecided();
  // The answer for the count so far; it stands when more events cannot
  // change it. Seen from the count (`count OP k`, k OP count mirrored):
  // `>=` and `>` once true, `<=` and `<` once false, `==` and `!=` once the
  // count has passed k.
  const Value so_far = binary_result(node, operation, a, b);
  const bool count_left = left.at_least;
  const bool true_stays =
      count_left ? operation == Operation::greater_equal || operation == Operation::greater
                 : operation == Operation::less_equal || operation == Operation::less;
  const bool false_stays =
      count_left ? operation == Operation::less_equal || operation == Operation::less
                 : operation == Operation::greater_equal || operation == Operation::greater;
  const double n = count_left ? left.number : right.number;
  const double k = count_left ? right.number : left.number;
  const bool settled = true_stays ? so_far.boolean : false_stays ? !so_far.boolean : n > k + 1e-9;
  return settled ? so_far : undecided();
}

bool Interpreter::decides_alone(Operation operation, const Value& left) {
  // Three-valued: false and unknown is false; true or unknown is true.
  return left.kind == ValueKind::boolean && left.boolean != (operation == Operation::logical_and);
}

Value Interpreter::logical_result(Operation operation, const Value& left, const Value& right) {
  const bool is_and = operation == Operation::logical_and;
  if (right.kind == ValueKind::boolean && right.boolean != is_and) return right;
  if (left.is_unknown() || right.is_unknown()) return Value::unknown();
  return Value::of_bool(is_and);
}

Value Interpreter::binary(const Node& node, Explanation& why) {
  const std::string& op = node.text;
  const Operation operation = resolved(node).operation;
  Explanation step;
  // Each side adds its step: one allocation, not two.
  if (explain_) step.children.reserve(2);
  if (operation == Operation::logical_and || operation == Operation::logical_or) {
    const Value left = evaluate(node.children[0], step);
    if (decides_alone(operation, left)) {
      if (explain_) {
        step.text = format_text(FMT_COMPILE("{} → {} (the other side is not needed)"),
                                text(node.children[0]), left.boolean ? "true" : "false");
        why.children.push_back(std::move(step));
      }
      return left;
    }
    const Value right = evaluate(node.children[1], step);
    const Value result = logical_result(operation, left, right);
    if (explain_) {
      step.text = format_text(FMT_COMPILE("{} → {}"), text(node), show(result, *this));
      if (step.text.size() > 240)
        step.text =
            format_text(FMT_COMPILE("({}) → {}"),
                        operation == Operation::logical_and ? "all of these" : "any of these",
                        show(result, *this));
      why.children.push_back(std::move(step));
    }
    return result;
  }
  const Value left = as_value(evaluate(node.children[0], step), step);
  const Value right = as_value(evaluate(node.children[1], step), step);
  const Value result = binary_result(node, operation, left, right);
  if (explain_) {
    step.text = format_text(FMT_COMPILE("{}: {} {} {} → {}"), text(node), show(left, *this), op,
                            show(right, *this), show(result, *this));
    why.children.push_back(std::move(step));
  }
  return result;
}

Value Interpreter::binary_result(const Node& node, Operation operation, const Value& left,
                                 const Value& right) {
  if (left.is_unknown() || right.is_unknown()) return Value::unknown();
  if (left.at_least || right.at_least) return bounded(node, operation, left, right);
  const bool comparison = operation >= Operation::less && operation <= Operation::not_equal;
  if (comparison) {
    const auto key = [](const Value& v) {
      return v.kind == ValueKind::day || v.kind == ValueKind::window ? static_cast<double>(v.first)
             : v.kind == ValueKind::boolean                          ? (v.boolean ? 1.0 : 0.0)
             : v.kind == ValueKind::entity                           ? static_cast<double>(v.entity)
                                                                     : v.number;
    };
    const double a = key(left);
    const double b = key(right);
    constexpr double epsilon = 1e-9;
    bool holds = false;
    if (operation == Operation::less)
      holds = a < b - epsilon;
    else if (operation == Operation::less_equal)
      holds = a <= b + epsilon;
    else if (operation == Operation::greater)
      holds = a > b + epsilon;
    else if (operation == Operation::greater_equal)
      holds = a >= b - epsilon;
    else if (operation == Operation::equal)
      holds = std::abs(a - b) <= epsilon;
    else
      holds = std::abs(a - b) > epsilon;
    return Value::of_bool(holds);
  }
  // A day moved by a duration in days (`09-01 - 7 days`): a day.
  if (left.kind == ValueKind::day || right.kind == ValueKind::day) {
    const bool day_first = left.kind == ValueKind::day;
    const double by = (day_first ? right : left).number;
    Value moved = day_first ? left : right;
    const auto days = static_cast<DayNumber>(std::lround(by));
    moved.first = moved.last = moved.first + (operation == Operation::subtract ? -days : days);
    return moved;
  }
  const ArithmeticOperator op = operation == Operation::add        ? ArithmeticOperator::add
                                : operation == Operation::subtract ? ArithmeticOperator::subtract
                                : operation == Operation::multiply ? ArithmeticOperator::multiply
                                                                   : ArithmeticOperator::divide;
  if (op == ArithmeticOperator::divide && right.number == 0) {
    note_missing(format_text(FMT_COMPILE("a non-zero {} (it is 0, so {} has no value)"),
                             text(node.children[1]), text(node)));
    return Value::unknown();
  }
  const Quantity result = apply(op, {left.number, left.unit}, {right.number, right.unit});
  return Value::of_number(result.value, result.unit);
}

Value Interpreter::call(const Node& node, const ResolvedNode& resolved, Explanation& why) {
  switch (resolved.operation) {
    case Operation::metric_of: {
      const Value target = value_of(node.children[0]);
      if (target.kind != ValueKind::entity) return Value::unknown();
      return metric_value(resolved.symbol->index, target.entity, why);
    }
    case Operation::average:
    case Operation::sum:
    case Operation::min:
    case Operation::max:
    case Operation::rank:
      return aggregate(node, resolved, why);
    case Operation::count:
      return count(node, resolved, why);
    case Operation::any:
    case Operation::all:
      return quantifier(node, why);
    case Operation::holds:
      return holds(node, why);
    case Operation::size:
      return size(node, why);
    case Operation::rolling: {
      const Value duration = value_of(node.children[0]);
      Value value;
      value.kind = ValueKind::span;
      value.number = duration.number;
      return value;
    }
    case Operation::least:
    case Operation::greatest:
      return extreme(node, resolved.operation, why);
    case Operation::ceil:
    case Operation::floor:
    case Operation::round: {
      Explanation step;
      Value value = exact(as_value(evaluate(node.children[0], step), step));
      if (explain_)
        why.children.insert(why.children.end(), step.children.begin(), step.children.end());
      if (value.kind != ValueKind::number) return Value::unknown();
      value.number = resolved.operation == Operation::ceil    ? std::ceil(value.number - 1e-9)
                     : resolved.operation == Operation::floor ? std::floor(value.number + 1e-9)
                                                              : std::round(value.number);
      return value;
    }
    case Operation::parent:
    case Operation::superior:
      return related(node, resolved.operation, why);
    case Operation::previous:
      return previous(node, why);
    case Operation::across:
      return across(node, resolved, why);
    default:
      return Value::unknown();
  }
}

Value Interpreter::extreme(const Node& node, Operation operation, Explanation& why) {
  Value result = Value::unknown();
  bool unknown = false;
  Explanation step;
  for (const Node& argument : node.children) {
    const Value value = exact(as_value(evaluate(argument, step), step));
    if (value.kind != ValueKind::number) {
      unknown = true;
      continue;
    }
    // A plain number takes the unit of the others (checker: extreme_type).
    const bool better =
        result.is_unknown() || (operation == Operation::least ? value.number < result.number
                                                              : value.number > result.number);
    const NumericUnit unit =
        result.is_unknown() || result.unit == NumericUnit::number ? value.unit : result.unit;
    if (better) result = value;
    result.unit = unit;
  }
  if (explain_) {
    step.text =
        format_text(FMT_COMPILE("{} = {}"), text(node), unknown ? "unknown" : show(result, *this));
    why.children.push_back(std::move(step));
  }
  return unknown ? Value::unknown() : result;
}

Value Interpreter::related(const Node& node, Operation operation, Explanation& why) {
  const Value of = value_of(node.children[0]);
  if (of.kind != ValueKind::entity) return Value::unknown();
  const NameId unit = env_.facts.resolve_unit(of.entity);
  NameId found = operation == Operation::parent ? env_.facts.unit_parent(unit)
                                                : env_.facts.unit_superior(unit);
  // Without a `reports_to`, a unit reports to the unit it sits within.
  const bool superior_is_parent = operation == Operation::superior && found == no_name;
  if (superior_is_parent) found = env_.facts.unit_parent(unit);
  if (found == no_name) {
    note_missing(format_text(FMT_COMPILE("the {} of {}"),
                             operation == Operation::parent ? "body above" : "body it reports to",
                             name(of.entity)));
    return Value::unknown();
  }
  // A body that reports to several (`reports_to 县政府, 县委`): all of them,
  // not the first alone (a new-user trial: a referral dropped 县委).
  if (operation == Operation::superior && !superior_is_parent &&
      env_.facts.unit_superiors(unit).size() > 1) {
    const std::vector<NameId>& all = env_.cache->superiors(unit, [&] {
      const std::span<const NameId> superiors = env_.facts.unit_superiors(unit);
      return std::vector<NameId>(superiors.begin(), superiors.end());
    });
    std::vector<std::string> names;
    for (const NameId superior : all) names.push_back(name(superior));
    if (explain_)
      why.children.push_back(
          {format_text(FMT_COMPILE("{} = {}"), text(node), fmt::join(names, "、")), {}, {}});
    Value value;
    value.kind = ValueKind::group;
    value.index = Value::not_a_plan_group;
    value.members = &all;
    return value;
  }
  if (explain_)
    why.children.push_back(
        {format_text(FMT_COMPILE("{} = {}{}"), text(node), name(found),
                     superior_is_parent ? " (no reports_to: the unit above)" : ""),
         {},
         {}});
  Value value;
  value.kind = ValueKind::entity;
  value.entity = found;
  return value;
}

Value Interpreter::previous(const Node& node, Explanation& why) {
  int back = 1;
  if (node.children.size() > 1) back = static_cast<int>(integer_of(node.children[1]).value_or(1));
  // The same expression, in the year (`back` years) before: nothing that was
  // worked out for this year is reused inside it.
  const Period period = period_;
  Period before = period;
  for (int i = 0; i < back; ++i) before = before.previous();
  set_period(before);
  ++shifted_;
  Explanation step;
  // A metric's name stands for its value in that period, taken there.
  const Value value = as_value(evaluate(node.children[0], step), step);
  --shifted_;
  set_period(period);
  if (explain_) {
    step.text =
        format_text(FMT_COMPILE("{} (in {}) = {}"), text(node), before.label(), show(value, *this));
    why.children.push_back(std::move(step));
  }
  return value;
}

Value Interpreter::across(const Node& node, const ResolvedNode& resolved, Explanation& why) {
  const Node* kind_node = resolved.argument(Argument::across);
  const std::optional<PeriodKind> kind = period_kind_named(kind_node->text);
  const std::vector<Period> parts = kind ? period_.parts(*kind) : std::vector<Period>{};
  Explanation step;
  if (parts.empty()) {
    // The checker refuses it in a rule; a computed metric read by a rule
    // judged per shorter period can still ask for it.
    note_missing(format_text(FMT_COMPILE("{} in {}: {} is not made of {}s"), text(node), when(),
                             when(), kind_node->text));
    if (explain_) {
      step.text = format_text(FMT_COMPILE("{} in {} = unknown"), text(node), when());
      why.children.push_back(std::move(step));
    }
    return Value::unknown();
  }
  const std::string_view function = node.text;
  const bool is_all = function == "all", is_any = function == "any";
  const bool is_count = function == "count";
  const Period judged = period_;
  ++shifted_;
  bool unknown = false, decided = false;
  double total = 0, best = 0;  // the sum, and the least or greatest
  NumericUnit unit = NumericUnit::number;
  std::size_t counted = 0;
  for (const Period& part : parts) {
    set_period(part);
    Explanation in_part;
    const Value value = exact(as_value(evaluate(node.children[0], in_part), in_part));
    if (explain_) {
      in_part.text = format_text(FMT_COMPILE("in {}: {}"), part.label(), show(value, *this));
      step.children.push_back(std::move(in_part));
    }
    if (value.is_unknown()) {
      unknown = true;
    } else if (is_all || is_any || is_count) {
      if (value.boolean == is_any) decided = true;  // a false for all, a true for any
      if (value.boolean) ++counted;
    } else if (value.kind == ValueKind::number) {
      const bool first = counted++ == 0;
      unit = value.unit;
      total += value.number;
      if (first || (function == "min" ? value.number < best : value.number > best))
        best = value.number;
    } else {
      unknown = true;
    }
  }
  set_period(judged);
  --shifted_;
  Value result = Value::unknown();
  if (is_all || is_any) {
    // Three-valued: one false decides all(), one true decides any().
    if (decided)
      result = Value::of_bool(is_any);
    else if (!unknown)
      result = Value::of_bool(is_all);
  } else if (!unknown) {
    if (is_count)
      result = Value::of_count(counted);
    else if (function == "average")  // the mean of counts is a number (checker)
      result = Value::of_number(total / static_cast<double>(counted),
                                unit == NumericUnit::count ? NumericUnit::number : unit);
    else if (function == "sum")
      result = Value::of_number(total, unit);
    else
      result = Value::of_number(best, unit);
  }
  if (explain_) {
    step.text = format_text(FMT_COMPILE("{} in {} ({}..{}) = {}"), text(node), when(),
                            parts.front().label(), parts.back().label(), show(result, *this));
    why.children.push_back(std::move(step));
  }
  return result;
}

PopulationSize Interpreter::population_size(const Value& group) {
  PopulationSize size;
  size.known = group.member_list().size() + group.metric_members.size();
  if (group.index >= env_.plan.groups.size()) {  // `all KIND`, or a group of metrics
    size.size = static_cast<double>(size.known);
    return size;
  }
  // A size published with the figures (the N of "rank 104 of 107") first.
  const NameId group_id = env_.cache->group_name(group.index);
  for (Index metric = 0; group_id != no_name && metric < env_.plan.metrics.size(); ++metric) {
    if (const auto published = published_figure(metric, group_id, Statistic::size, no_name)) {
      size.size = published->value;
      size.source = PopulationSize::Source::published;
      size.published_with = env_.plan.metrics[metric].name;
      size.fact = published->source;
      return size;
    }
  }
  if (const auto& declared = env_.plan.groups[group.index].declared_size) {
    size.source = PopulationSize::Source::declared;
    const Value value = value_of(*declared);
    if (value.kind == ValueKind::number) size.size = value.number;
    return size;
  }
  size.size = static_cast<double>(size.known);
  return size;
}

std::string Interpreter::describe(const PopulationSize& size, std::string_view population) const {
  const std::string members =
      size.size ? format_number(*size.size, false) : std::string("an unknown number of");
  switch (size.source) {
    case PopulationSize::Source::members:
      return format_text(FMT_COMPILE("{} has {} members (those the plan and the facts declare)"),
                         population, members);
    case PopulationSize::Source::declared:
      return format_text(
          FMT_COMPILE("{} has {} members (declared in the plan; the facts and the plan name {})"),
          population, members, size.known);
    case PopulationSize::Source::published:
      return format_text(
          FMT_COMPILE("{} has {} members (published with {}; the facts and the plan name {})"),
          population, members, size.published_with, size.known);
  }
  return {};
}

bool Interpreter::require_complete(const PopulationSize& size, std::string_view population) {
  if (size.complete()) return true;
  if (!size.size)
    note_missing(format_text(FMT_COMPILE("the size of {} in {}"), population, when()));
  else if (size.contradicted())
    note_missing(format_text(
        FMT_COMPILE(
            "a size of {} that agrees with the facts ({} members are declared, more than {})"),
        population, size.known, format_number(*size.size, false)));
  else
    note_missing(format_text(
        FMT_COMPILE("the other {} of the {} members of {} (the plan and the facts name {})"),
        format_number(*size.size - static_cast<double>(size.known), false),
        format_number(*size.size, false), population, size.known));
  return false;
}

std::optional<MeasureRecord> Interpreter::published_figure(Index metric, NameId group,
                                                           Statistic statistic, NameId unit) const {
  const NameId metric_id = env_.cache->metric_name(metric);
  if (metric_id == no_name || group == no_name) return std::nullopt;
  auto figure =
      env_.facts.published(metric_id, group, statistic, unit, period_of(env_.plan.metrics[metric]));
  if (figure && figure->date > env_.as_of) return std::nullopt;  // not published yet
  return figure;
}

Value Interpreter::size(const Node& node, Explanation& why) {
  const Value group = value_of(node.children[0]);
  if (group.kind != ValueKind::group) return Value::unknown();
  const PopulationSize size = population_size(group);
  const std::string& group_text = text(node.children[0]);
  Explanation step;
  if (explain_) {
    step.text = describe(size, group_text);
    if (size.fact)
      step.facts.push_back({format_text(FMT_COMPILE("published size {} {} {}"), size.published_with,
                                        group_text, when()),
                            source(*size.fact)});
  }
  Value result = Value::unknown();
  if (size.size && !size.contradicted()) {
    result = Value::of_number(*size.size, NumericUnit::count);
  } else if (!size.size) {
    note_missing(format_text(FMT_COMPILE("the size of {} in {}"), group_text, when()));
  } else {
    require_complete(size, group_text);
  }
  if (explain_) why.children.push_back(std::move(step));
  return result;
}

Value Interpreter::aggregate(const Node& node, const ResolvedNode& resolved, Explanation& why) {
  Explanation step;
  // The metric: a metric name, a variable bound to one, or a parameter.
  const Value metric = evaluate(node.children[0], step);
  if (metric.kind != ValueKind::metric) return Value::unknown();
  const Node* population_node = resolved.population();
  const Value population = population_node ? evaluate(*population_node, step) : Value::unknown();
  if (population.kind != ValueKind::group) return Value::unknown();
  const Node* source_node = resolved.argument(Argument::source);
  const Value source_argument = source_node ? evaluate(*source_node, step) : Value::unknown();
  return aggregate_of(node, resolved, metric, population, source_argument, std::move(step), why);
}

Value Interpreter::aggregate_of(const Node& node, const ResolvedNode& resolved, const Value& metric,
                                const Value& population, const Value& source_argument,
                                Explanation step, Explanation& why) {
  const std::string& function = node.text;
  const Metric& metric_declaration = env_.plan.metrics[metric.index];
  const bool is_rank = resolved.operation == Operation::rank;
  const bool is_average = resolved.operation == Operation::average;
  // The unit the checker gives the call: a rank is a count, the mean of
  // counts a number, anything else the metric's own.
  const NumericUnit metric_unit = env_.cache->metric_unit(metric.index);
  const NumericUnit unit = is_rank                                           ? NumericUnit::count
                           : is_average && metric_unit == NumericUnit::count ? NumericUnit::number
                                                                             : metric_unit;
  const bool plan_group = population.index < env_.plan.groups.size();
  const std::string_view population_name =
      plan_group                     ? std::string_view(env_.plan.groups[population.index].name)
      : population.entity != no_name ? env_.facts.name(population.entity)
                                     : "?";
  const NameId group_id = plan_group ? env_.cache->group_name(population.index) : no_name;
  const PopulationSize size = population_size(population);
  const std::string of_size =
      size.size ? format_text(FMT_COMPILE(" of {}"), format_number(*size.size, false))
                : std::string();
  const auto finish = [&](Value value) {
    if (explain_) why.children.push_back(std::move(step));
    return value;
  };

  // `source: published` takes the published figure only; `computed` computes
  // it; without `source:`, a published figure when there is one, else computed.
  const std::string_view source_word = word_or(source_argument, "");
  if (source_word != "computed" && (is_rank || is_average)) {
    const auto published =
        published_figure(metric.index, group_id, is_rank ? Statistic::rank : Statistic::average,
                         is_rank ? subject_ : no_name);
    if (published) {
      const Value value = Value::of_number(published->value, unit);
      if (!explain_) return value;
      step.text =
          is_rank ? format_text(FMT_COMPILE("rank of {} by {} among {} in {} = {}{} (published)"),
                                name(subject_), metric_declaration.name, population_name,
                                when(metric_declaration), format_number(published->value, false),
                                of_size)
                  : format_text(FMT_COMPILE("average of {} over {}{} in {} = {} (published)"),
                                metric_declaration.name, population_name,
                                size.size ? format_text(FMT_COMPILE(" ({} members)"),
                                                        format_number(*size.size, false))
                                          : "",
                                when(metric_declaration), show(value, *this));
      step.facts.push_back(
          {is_rank ? format_text(FMT_COMPILE("published rank {} {} {} {}"), metric_declaration.name,
                                 population_name, name(subject_), when(metric_declaration))
                   : format_text(FMT_COMPILE("published average {} {} {} = {}"),
                                 metric_declaration.name, population_name, when(metric_declaration),
                                 format_number(published->value, false)),
           source(published->source)});
      return finish(value);
    }
    if (source_word == "published") {
      note_missing(is_rank ? format_text(FMT_COMPILE("published rank of {} by {} among {} for {}"),
                                         name(subject_), metric_declaration.name, population_name,
                                         when(metric_declaration))
                           : format_text(FMT_COMPILE("published average of {} over {} for {}"),
                                         metric_declaration.name, population_name,
                                         when(metric_declaration)));
      if (explain_)
        step.text = format_text(
            FMT_COMPILE("{} of {} over {} in {}: unknown (source: published, and none is "
                        "published)"),
            function, metric_declaration.name, population_name, when(metric_declaration));
      return finish(Value::unknown());
    }
  }

  // Computed from the members' values, once per metric, population and year:
  // only over the whole population.
  if (!require_complete(size, population_name)) {
    if (explain_)
      step.text = format_text(
          FMT_COMPILE("{} of {} over {} in {}: unknown ({}; computing needs every member)"),
          function, metric_declaration.name, population_name, when(metric_declaration),
          describe(size, population_name));
    return finish(Value::unknown());
  }
  PopulationValues computed;
  const PopulationValues& values = population_values(metric.index, population, computed);
  if (!values.missing.empty() || values.values.empty()) {
    if (explain_)
      step.text =
          format_text(FMT_COMPILE("{} of {} over {} in {}: unknown ({} of {} values known)"),
                      function, metric_declaration.name, population_name, when(metric_declaration),
                      values.values.size(), values.members);
    for (const std::string& fact : values.missing) note_missing(fact);
    if (values.members == 0)
      note_missing(format_text(FMT_COMPILE("the members of {}"), population_name));
    return finish(Value::unknown());
  }
  Value result;
  if (is_rank && resolved.argument(Argument::then)) {
    result = tie_broken_rank(resolved, values, metric.index, population, population_name, step);
  } else if (is_rank) {
    const std::string_view order = word_of(resolved.argument(Argument::order), "descending", step);
    const std::string_view ties = word_of(resolved.argument(Argument::ties), "min", step);
    const double* own = values.value_of(subject_);
    if (!own) {
      note_missing(
          format_text(FMT_COMPILE("{} as a member of {}"), name(subject_), population_name));
      return finish(Value::unknown());
    }
    constexpr double epsilon = 1e-9;
    const double mine = *own;
    const auto& sorted = values.ascending;
    const auto below = static_cast<std::size_t>(
        std::lower_bound(sorted.begin(), sorted.end(), mine - epsilon) - sorted.begin());
    const auto not_above = static_cast<std::size_t>(
        std::upper_bound(sorted.begin(), sorted.end(), mine + epsilon) - sorted.begin());
    const std::size_t tied = not_above - below;
    const std::size_t better = order == "ascending" ? below : sorted.size() - not_above;
    const auto distinct_below = static_cast<std::size_t>(
        std::lower_bound(values.distinct.begin(), values.distinct.end(), mine - epsilon) -
        values.distinct.begin());
    const auto distinct_not_above = static_cast<std::size_t>(
        std::upper_bound(values.distinct.begin(), values.distinct.end(), mine + epsilon) -
        values.distinct.begin());
    const std::size_t distinct_better =
        order == "ascending" ? distinct_below : values.distinct.size() - distinct_not_above;
    const std::size_t rank = ties == "max"     ? better + tied
                             : ties == "dense" ? distinct_better + 1
                                               : better + 1;
    result = Value::of_count(rank);
    if (explain_)
      step.text = format_text(
          FMT_COMPILE(
              "rank of {} by {} among {} in {} = {} of {} ({}, ties {}; computed over {} of {})"),
          name(subject_), metric_declaration.name, population_name, when(metric_declaration), rank,
          sorted.size(), order, ties, sorted.size(), format_number(*size.size, false));
  } else {
    double accumulated = values.sum;
    if (resolved.operation == Operation::min)
      accumulated = values.ascending.front();
    else if (resolved.operation == Operation::max)
      accumulated = values.ascending.back();
    else if (resolved.operation == Operation::average)
      accumulated /= static_cast<double>(values.values.size());
    result = Value::of_number(accumulated, unit);
    if (explain_)
      step.text =
          format_text(FMT_COMPILE("{} of {} over {} in {} = {} (computed over {} of {})"), function,
                      metric_declaration.name, population_name, when(metric_declaration),
                      show(result, *this), values.values.size(), format_number(*size.size, false));
  }
  return finish(result);
}

const PopulationValues& Interpreter::population_values(Index metric, const Value& population,
                                                       PopulationValues& storage) {
  // A computed metric too: its value for a member reads that member (and the
  // period) only, so every subject ranking against the population shares it.
  const auto compute = [&] { return population_values(metric, population.member_list()); };
  if (population.members)
    return env_.cache->population(metric, population.members, period_, compute);
  storage = compute();
  return storage;
}

Value Interpreter::tie_broken_rank(const ResolvedNode& resolved, const PopulationValues& values,
                                   Index metric, const Value& population,
                                   std::string_view population_name, Explanation& step) {
  const Value key = evaluate(*resolved.argument(Argument::then), step);
  if (key.kind != ValueKind::metric) return Value::unknown();
  const std::string_view order = word_of(resolved.argument(Argument::order), "descending", step);
  PopulationValues computed_keys;
  const PopulationValues& keys = population_values(key.index, population, computed_keys);
  const double* own = values.value_of(subject_);
  if (!own) {
    note_missing(format_text(FMT_COMPILE("{} as a member of {}"), name(subject_), population_name));
    return Value::unknown();
  }
  if (!keys.missing.empty())
    return rank_with_some_keys(values, metric, key.index, *own, order == "ascending",
                               population_name, step);
  const double* own_key = keys.value_of(subject_);
  if (!own_key) {
    note_missing(format_text(FMT_COMPILE("{} as a member of {}"), name(subject_), population_name));
    return Value::unknown();
  }
  // One sort per population: the pairs (value, key) in ascending order.
  const auto pair_up = [&] {
    std::vector<std::pair<double, double>> pairs;
    pairs.reserve(values.values.size());
    for (const auto& [member, value] : values.values)
      pairs.emplace_back(value, *keys.value_of(member));  // every key is known
    std::sort(pairs.begin(), pairs.end());
    return pairs;
  };
  std::vector<std::pair<double, double>> local;
  if (!population.members) local = pair_up();
  const auto& pairs =
      population.members
          ? env_.cache->tie_broken(metric, key.index, population.members, period_, pair_up)
          : local;
  // Values within epsilon are ties (as for a rank without `then:`); among
  // them, the key orders in the same direction as the value.
  constexpr double epsilon = 1e-9;
  const double mine = *own;
  const double my_key = *own_key;
  const auto first = std::lower_bound(pairs.begin(), pairs.end(), mine - epsilon,
                                      [](const auto& pair, double v) { return pair.first < v; });
  const auto last = std::upper_bound(first, pairs.end(), mine + epsilon,
                                     [](double v, const auto& pair) { return v < pair.first; });
  const bool ascending = order == "ascending";
  std::size_t better =
      static_cast<std::size_t>(ascending ? first - pairs.begin() : pairs.end() - last);
  for (auto tied = first; tied != last; ++tied)
    better += ascending ? tied->second < my_key - epsilon : tied->second > my_key + epsilon;
  const std::size_t rank = better + 1;
  if (explain_)
    step.text = format_text(FMT_COMPILE("rank of {} by {} then {} among {} in {} = {} of {} ({})"),
                            name(subject_), env_.plan.metrics[metric].name,
                            env_.plan.metrics[key.index].name, population_name, when(), rank,
                            pairs.size(), order);
  return Value::of_count(rank);
}

Value Interpreter::rank_with_some_keys(const PopulationValues& values, Index metric, Index key,
                                       double mine, bool ascending,
                                       std::string_view population_name, Explanation& step) {
  // The key only orders the members tied with the subject: those need it,
  // the others not (a new-user trial: a1, untied at the top, was unknown
  // for want of its tie-break value).
  constexpr double epsilon = 1e-9;
  std::vector<NameId> tied;
  std::size_t better = 0;
  for (const auto& [member, value] : values.values) {
    if (std::abs(value - mine) <= epsilon)
      tied.push_back(member);
    else
      better += ascending ? value < mine : value > mine;
  }
  if (tied.size() > 1) {
    const PopulationValues keys = population_values(key, tied);
    if (!keys.missing.empty()) {
      for (const std::string& fact : keys.missing) note_missing(fact);
      return Value::unknown();
    }
    const double my_key = *keys.value_of(subject_);
    for (const auto& [member, other_key] : keys.values)
      better += ascending ? other_key < my_key - epsilon : other_key > my_key + epsilon;
  }
  const std::size_t rank = better + 1;
  if (explain_)
    step.text = format_text(FMT_COMPILE("rank of {} by {} then {} among {} in {} = {} of {} ({})"),
                            name(subject_), env_.plan.metrics[metric].name,
                            env_.plan.metrics[key].name, population_name, when(), rank,
                            values.values.size(), ascending ? "ascending" : "descending");
  return Value::of_count(rank);
}

PopulationValues Interpreter::population_values(Index metric, const std::vector<NameId>& members) {
  PopulationValues population;
  population.members = members.size();
  // Nobody reads the members' own explanations: only their values.
  const bool saved_explain = std::exchange(explain_, false);
  Explanation ignored;
  const NameId saved_subject = subject_;
  std::vector<std::string> saved_missing = std::move(missing_);
  missing_.clear();
  for (const NameId member : members) {
    const Value value = metric_value(metric, member, ignored);
    ignored.children.clear();
    if (value.is_unknown()) continue;
    population.values.emplace_back(member, value.number);
    population.sum += value.number;
  }
  population.missing = std::move(missing_);
  missing_ = std::move(saved_missing);
  subject_ = saved_subject;
  explain_ = saved_explain;
  population.ascending.reserve(population.values.size());
  for (const auto& [member, value] : population.values) population.ascending.push_back(value);
  std::sort(population.values.begin(), population.values.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::sort(population.ascending.begin(), population.ascending.end());
  for (const double value : population.ascending)
    if (population.distinct.empty() || value - population.distinct.back() > 1e-9)
      population.distinct.push_back(value);
  return population;
}

Value Interpreter::count(const Node& node, const ResolvedNode& resolved, Explanation& why) {
  if (!node.children.empty() && node.children[0].kind == NodeKind::comprehension) {
    const Node& comprehension = node.children[0];
    Explanation step;
    const Value domain = evaluate(comprehension.children[0], step);
    std::size_t counted = 0;
    bool unknown = false;
    std::vector<std::string> who;
    std::vector<std::string> open;  // members whose condition is unknown
    for (const NameId member : domain.member_list()) {
      Value bound;
      bound.kind = ValueKind::entity;
      bound.entity = member;
      variables_.emplace_back(comprehension.text, bound);
      const Value condition = value_of(comprehension.children[1]);
      variables_.pop_back();
      if (condition.is_unknown()) {
        unknown = true;
        if (explain_) open.push_back(name(member));
      } else if (condition.boolean) {
        ++counted;
        if (explain_) who.push_back(name(member));
      }
    }
    // Members the facts do not declare may meet the condition too.
    const bool complete =
        domain.kind != ValueKind::group ||
        require_complete(population_size(domain), text(comprehension.children[0]));
    if (explain_) {
      // An open count says what it has so far and who is open, not a number.
      if (unknown && complete && who.empty())
        step.text = format_text(FMT_COMPILE("{} = unknown: 0 so far; open: {}"), text(node),
                                fmt::join(open, "、"));
      else if (unknown && complete)
        step.text = format_text(FMT_COMPILE("{} = unknown: {} so far ({}); open: {}"), text(node),
                                counted, fmt::join(who, "、"), fmt::join(open, "、"));
      else
        step.text =
            format_text(FMT_COMPILE("{} = {}{}{}{}"), text(node), counted, who.empty() ? "" : ": ",
                        fmt::join(who, "、"), complete ? "" : " (not every member is known)");
      why.children.push_back(std::move(step));
    }
    // Open members or undeclared ones may add to it, never take away: the
    // count so far is a lower bound, which a comparison may already decide
    // (`count(…) >= 2` with two in; their missing facts are noted).
    Value result = Value::of_count(counted);
    result.at_least = result.open_members = unknown || !complete;
    return result;
  }
  // Events of the given kinds about the subject, by a body, within a span.
  Explanation step;
  const Node* by_node = resolved.argument(Argument::by);
  const Node* within_node = resolved.argument(Argument::within);
  Value by;
  if (by_node) by = evaluate(*by_node, step);
  Value span;
  span.kind = ValueKind::span;
  if (within_node) span = evaluate(*within_node, step);
  boost::container::small_vector<Value, 2> events;  // mostly one or two kinds
  for (const Node& argument : node.children)
    if (argument.kind != NodeKind::named_argument) events.push_back(value_of(argument));
  return count_events(by, span, std::span<const Value>(events.data(), events.size()),
                      std::move(step), why);
}

Value Interpreter::count_events(const Value& by, const Value& span, std::span<const Value> events,
                                Explanation step, Explanation& why) {
  // Over the calendar year and without explanation, a tally is enough: no
  // list of the events found.
  const bool rolling = span.number > 0;
  const bool listing = rolling || explain_;
  std::size_t tallied = 0;
  std::vector<const EventRecord*> found;
  std::vector<std::string> kinds;
  for (const Value& event : events) {
    if (event.kind != ValueKind::event) continue;
    if (explain_) kinds.push_back(env_.plan.events[event.index].name);
    const NameId event_id = env_.cache->event_name(event.index);
    if (event_id == no_name) continue;
    for (const EventRecord& record : env_.facts.events(event_id, subject_)) {
      if (record.date > env_.as_of) continue;  // not known yet on the evaluation date
      if (by.kind == ValueKind::entity && record.by != by.entity) continue;
      if (by.kind == ValueKind::group && std::find(by.member_list().begin(), by.member_list().end(),
                                                   record.by) == by.member_list().end())
        continue;
      if (listing)
        found.push_back(&record);
      else
        tallied += record.date >= year_first_ && record.date <= year_last_;
    }
  }
  // Events still to come in a period that runs past the evaluation date may
  // raise the count: it is a count so far (decision 0066).
  const bool so_far = year_last_ > env_.as_of;
  if (!listing) {
    Value value = Value::of_count(tallied);
    value.at_least = so_far;
    return value;
  }
  std::sort(found.begin(), found.end(),
            [](const EventRecord* a, const EventRecord* b) { return a->date < b->date; });
  std::size_t counted = 0;
  std::string span_text = "in " + when();
  std::vector<const EventRecord*> shown;
  if (rolling) {
    // Rolling: the most events within any `span.number` days that end in the year.
    const auto days = static_cast<DayNumber>(span.number);
    std::size_t start = 0;
    for (std::size_t end = 0; end < found.size(); ++end) {
      while (found[end]->date - found[start]->date >= days) ++start;
      if (found[end]->date < year_first_ || found[end]->date > year_last_) continue;
      if (end - start + 1 > counted) {
        counted = end - start + 1;
        shown.assign(found.begin() + static_cast<std::ptrdiff_t>(start),
                     found.begin() + static_cast<std::ptrdiff_t>(end) + 1);
      }
    }
    span_text = format_text(FMT_COMPILE("within any {} days ending in {}"), days, when());
  } else {
    for (const EventRecord* record : found)
      if (record->date >= year_first_ && record->date <= year_last_) shown.push_back(record);
    counted = shown.size();
  }
  if (explain_) {
    step.text = format_text(
        FMT_COMPILE("{} of {}{} {}: {}{}"), fmt::join(kinds, " or "), name(subject_),
        by.kind == ValueKind::entity ? " by " + name(by.entity) : "", span_text, counted,
        so_far ? format_text(FMT_COMPILE(" so far ({} ends on {}, after the evaluation date {})"),
                             when(), format_day(year_last_), format_day(env_.as_of))
               : std::string());
    for (const EventRecord* record : shown)
      step.facts.push_back(
          {format_text(FMT_COMPILE("{} {} by {} on {}"), name(record->event), name(record->unit),
                       name(record->by), format_day(record->date)),
           source(record->source)});
    why.children.push_back(std::move(step));
  }
  Value value = Value::of_count(counted);
  value.at_least = so_far;
  return value;
}

Value Interpreter::quantifier(const Node& node, Explanation& why) {
  const bool is_all = node.text == "all";
  const Node& comprehension = node.children[0];
  Explanation step;
  const Value domain = evaluate(comprehension.children[0], step);
  bool unknown = false;
  bool decided = is_all;  // all: true until a false; any: false until a true
  const auto visit = [&](Value bound, const std::string& label) {
    variables_.emplace_back(comprehension.text, std::move(bound));
    Explanation member;
    const Value condition = evaluate(comprehension.children[1], member);
    variables_.pop_back();
    if (explain_) {
      member.text = format_text(FMT_COMPILE("{} = {}: {}"), comprehension.text, label,
                                show(condition, *this));
      step.children.push_back(std::move(member));
    }
    if (condition.is_unknown())
      unknown = true;
    else if (condition.boolean != is_all)
      decided = !is_all;
  };
  for (const NameId member : domain.member_list()) {
    Value bound;
    bound.kind = ValueKind::entity;
    bound.entity = member;
    visit(bound, name(member));
  }
  for (const Index metric : domain.metric_members) {
    Value bound;
    bound.kind = ValueKind::metric;
    bound.index = metric;
    visit(bound, env_.plan.metrics[metric].name);
  }
  // Undecided so far: the members the facts do not declare could decide it.
  if (decided == is_all && domain.kind == ValueKind::group &&
      !require_complete(population_size(domain), text(comprehension.children[0])))
    unknown = true;
  const Value result = decided != is_all ? Value::of_bool(decided)
                       : unknown         ? Value::unknown()
                                         : Value::of_bool(decided);
  if (explain_) {
    step.text = format_text(FMT_COMPILE("{}: {}"), text(node), show(result, *this));
    why.children.push_back(std::move(step));
  }
  return result;
}

Value Interpreter::holds(const Node& node, Explanation& why) {
  const Value title = value_of(node.children[0]);
  NameId who = subject_;
  if (node.children.size() > 1) {
    const Value other = value_of(node.children[1]);
    if (other.kind == ValueKind::entity) who = other.entity;
  }
  if (title.kind != ValueKind::title) return Value::unknown();
  Explanation step;
  const bool held = title_held(env_, title.index, who, year_, explain_ ? &step : nullptr);
  // While the year's titles may still be conferred, not held so far is not
  // "not held" (decisions 0066 and 0067).
  const Title& declared = env_.plan.titles[title.index];
  Explanation naming;  // the parameter a `named by` names, if any
  const DayNumber closes = held ? 0 : naming_closes(declared, explain_ ? &naming : nullptr);
  const bool open = !held && closes > env_.as_of;
  if (open && !declared.named_by) {
    note_missing(format_text(FMT_COMPILE("title {} of {} for {} (the year ends on {}, after the "
                                         "evaluation date {})"),
                             declared.name, name(who), year_, format_day(closes),
                             format_day(env_.as_of)));
    if (explain_ && step.text.starts_with("no fact records")) step.text += ": the year is not over";
  } else if (open) {
    note_missing(format_text(FMT_COMPILE("title {} of {} for {} (the titles for {} are conferred "
                                         "until {}, after the evaluation date {})"),
                             declared.name, name(who), year_, year_, format_day(closes),
                             format_day(env_.as_of)));
    if (explain_ && step.text.starts_with("no fact records"))
      step.text += format_text(FMT_COMPILE(": the titles for {} are conferred until {}"), year_,
                               format_day(closes));
  } else if (!held && declared.named_by && explain_) {
    // The naming is over: a title dated later is not "not known yet".
    constexpr std::string_view not_known = ": not known yet";
    if (step.text.ends_with(not_known)) step.text.resize(step.text.size() - not_known.size());
    step.text += format_text(FMT_COMPILE("; the titles for {} were conferred until {}"), year_,
                             format_day(closes));
  }
  if (explain_ && !held && declared.named_by)
    for (Explanation& line : naming.children) step.children.push_back(std::move(line));
  if (explain_) why.children.push_back(std::move(step));
  return open ? Value::unknown() : Value::of_bool(held);
}

DayNumber Interpreter::naming_closes(const Title& title, Explanation* why) {
  if (!title.named_by) return day_of(year_, 12, 31);
  const std::vector<DayNumber> days =
      named_days(std::span(&*title.named_by, 1), title.named_after, why);
  return days.empty() ? day_of(year_, 12, 31) : days.back();
}

std::vector<DayNumber> Interpreter::named_days(std::span<const Node> nodes, bool after,
                                               Explanation* why) {
  Explanation ignored;
  std::vector<DayNumber> days;
  const auto add = [&](const Node& node) {
    if (after && node.kind == NodeKind::annual_date) {
      // In the next year's calendar; a 02-29 it lacks is its February's end.
      if (const auto date = parse_annual_date(node.text))
        days.push_back(day_of(year_ + 1, date->month,
                              std::min(date->day, days_in_month(year_ + 1, date->month))));
      return;
    }
    if (after && node.kind == NodeKind::end_of_month) {
      const auto month = static_cast<unsigned>(integer_of(node.children[0]).value_or(1));
      days.push_back(day_of(year_ + 1, month, days_in_month(year_ + 1, month)));
      return;
    }
    const Value value = evaluate(node, why ? *why : ignored);
    if (value.kind != ValueKind::day) return;
    if (node.kind == NodeKind::date && to_date(value.first).year != year_) return;
    days.push_back(value.first);
  };
  for (const Node& day : nodes) {
    const Symbol* symbol = day.kind == NodeKind::name ? resolved(day).symbol : nullptr;
    if (!symbol || symbol->kind != SymbolKind::parameter) {
      add(day);
      continue;
    }
    const std::vector<Node>& values = env_.parameters.value(symbol->index, year_);
    if (why) {
      std::vector<std::string> texts;
      for (const Node& value : values) texts.push_back(format_expression(value));
      why->children.push_back(
          {format_text(FMT_COMPILE("parameter {} = {}{}"), day.text, fmt::join(texts, ", "),
                       env_.parameters.overridden(symbol->index) ? " (overridden)" : ""),
           {},
           {}});
    }
    for (const Node& value : values) add(value);
  }
  std::sort(days.begin(), days.end());
  return days;
}

}  // namespace mandate::detail
