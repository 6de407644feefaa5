// The expression interpreter: a checked expression, a subject and a year →
// a value and the explanation of how it was found. Three-valued: a missing
// fact gives `unknown` and is named, never a silent false or zero.
#pragma once

#include <mandate/evaluate.hpp>
#include <mandate/facts.hpp>
#include <mandate/plan.hpp>

#include "check/arithmetic.hpp"
#include "evaluate/population.hpp"
#include "support/flat_map.hpp"

#include <gsl/pointers>

#include <array>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace mandate::detail {

enum class ValueKind : std::uint8_t {
  unknown,
  boolean,
  number,  // numbers, counts, percentages (in percent: 91.2), durations (days)
  day,     // a concrete day
  window,  // concrete days [first, last]
  text,
  entity,  // a unit, body or programme (by name)
  group,   // several entities or metrics
  metric,  // a metric (index)
  title,   // index
  event,   // index
  span,    // calendar_year, or rolling `number` days
  word,    // a keyword value: min, published, …
};

struct Value {
  ValueKind kind = ValueKind::unknown;
  bool boolean = false;
  /// The unit of a number (check/arithmetic.hpp): the checker's type of
  /// the expression that gave it.
  NumericUnit unit = NumericUnit::number;
  double number = 0;
  /// A count of events in a period that runs past the evaluation date: the
  /// number so far, which later events may raise (decision 0066). Only a
  /// comparison, a sum or a product can decide anything from it (bounded());
  /// everything else takes it as unknown (exact()).
  bool at_least = false;
  /// An `at_least` count whose open part is members whose condition is
  /// unknown (`count(x in G where …)`), not events to come: their missing
  /// facts are noted already.
  bool open_members = false;
  DayNumber first = 0;
  DayNumber last = 0;
  NameId entity = no_name;
  Index index = 0;  // of a metric, title or event; of a group, the plan's (or not_a_plan_group)
  /// A group of entities, owned by the evaluation's cache: never copied (a
  /// population can hold tens of thousands of units), and no reference count
  /// for the threads to contend on.
  const std::vector<NameId>* members = nullptr;
  std::span<const Index> metric_members;  // group of metrics, the plan's
  /// Text or word: the text of a plan (or override) node, which outlives
  /// the evaluation; a Value copies as plain data.
  std::string_view text;

  /// Value::index of a group that is no group of the plan (`all KIND`).
  static constexpr Index not_a_plan_group = UINT32_MAX;

  static Value unknown() { return {}; }
  static Value of_bool(bool b) {
    Value v;
    v.kind = ValueKind::boolean;
    v.boolean = b;
    return v;
  }
  static Value of_number(double n, NumericUnit unit = NumericUnit::number) {
    Value v;
    v.kind = ValueKind::number;
    v.number = n;
    v.unit = unit;
    return v;
  }
  static Value of_count(std::size_t n) {
    return of_number(static_cast<double>(n), NumericUnit::count);
  }
  [[nodiscard]] bool is_percent() const noexcept { return unit == NumericUnit::percent; }
  [[nodiscard]] bool is_unknown() const noexcept { return kind == ValueKind::unknown; }
  [[nodiscard]] const std::vector<NameId>& member_list() const noexcept {
    static const std::vector<NameId> none;
    return members ? *members : none;
  }
};

/// Parameter values in force for an evaluation: the plan's defaults and
/// versions, with the caller's overrides on top.
class Parameters {
 public:
  Parameters(const Plan& plan, std::map<Index, std::vector<syntax::Node>> overrides);
  /// The value expressions of parameter `index` for `year`.
  [[nodiscard]] const std::vector<syntax::Node>& value(Index index, int year) const;
  [[nodiscard]] bool overridden(Index index) const { return overrides_.contains(index); }
  /// Every value the parameter can have in some year: the override, or the
  /// default and each version.
  [[nodiscard]] std::vector<const std::vector<syntax::Node>*> values_in_any_year(Index index) const;

 private:
  const Plan& plan_;
  std::map<Index, std::vector<syntax::Node>> overrides_;
};

/// A map that only grows, for values computed once per evaluation and read
/// by every thread. Reads take no lock: entries form a list published with
/// release and read with acquire. Inserts take a mutex; entries live as long
/// as the map, so readers may keep references. Meant for a few dozen keys.
template <typename Key, typename Mapped>
class GrowOnlyMap {
 public:
  /// The value for `key`, computed by `compute()` the first time. The value
  /// is computed outside the lock: a race computes twice and keeps the first,
  /// which is the same.
  template <typename Compute>
  const Mapped& find_or_add(const Key& key, Compute compute) {
    if (const Mapped* found = find(key)) return *found;
    Mapped value = compute();
    const std::lock_guard lock(mutex_);
    if (const Mapped* found = find(key)) return *found;
    owned_.push_back(std::make_unique<Entry>(
        Entry{key, std::move(value), head_.load(std::memory_order_relaxed)}));
    head_.store(owned_.back().get(), std::memory_order_release);
    return owned_.back()->value;
  }

  [[nodiscard]] const Mapped* find(const Key& key) const {
    for (const Entry* entry = head_.load(std::memory_order_acquire); entry; entry = entry->next)
      if (entry->key == key) return &entry->value;
    return nullptr;
  }

 private:
  struct Entry {
    Key key;
    Mapped value;
    const Entry* next;
  };
  std::atomic<const Entry*> head_{nullptr};
  std::mutex mutex_;
  std::vector<std::unique_ptr<Entry>> owned_;  // written under the mutex only
};

/// A map for values computed once per evaluation and read by every thread,
/// for as many keys as there are populations (one per region, say): reads
/// take a shared lock, inserts an exclusive one. Entries are never removed,
/// so readers may keep references.
template <typename Key, typename Mapped, typename Hash = std::hash<Key>>
class SharedMap {
 public:
  /// The value for `key`, computed by `compute()` outside the lock the first
  /// time; a race computes twice and keeps the first, which is the same.
  template <typename Compute>
  const Mapped& find_or_add(const Key& key, Compute compute) {
    {
      const std::shared_lock lock(mutex_);
      if (const auto it = map_.find(key); it != map_.end()) return *it->second;
    }
    auto value = std::make_unique<Mapped>(compute());
    const std::unique_lock lock(mutex_);
    return *map_.try_emplace(key, std::move(value)).first->second;
  }

 private:
  std::shared_mutex mutex_;
  std::unordered_map<Key, std::unique_ptr<Mapped>, Hash> map_;
};

/// What an operator or function of an expression is, decided once per node
/// so that the interpreter dispatches on it without comparing strings.
enum class Operation : std::uint8_t {
  other,
  // binary operators
  logical_and,
  logical_or,
  less,
  less_equal,
  greater,
  greater_equal,
  equal,
  not_equal,
  add,
  subtract,
  multiply,
  divide,
  // calls
  metric_of,  // a metric applied to an entity: 两率一度(商州区)
  average,
  sum,
  min,
  max,
  rank,
  count,
  any,
  all,
  holds,
  size,
  rolling,
  least,     // min(a, b, …) of values
  greatest,  // max(a, b, …) of values
  ceil,
  floor,
  round,
  parent,    // parent(x): the body x sits within
  superior,  // superior(x): the body x reports to
  previous,  // previous(e [, n]): e in the period n before
  across,    // average(e, across: quarter) …: e in each part of the period judged
};

/// The named arguments a call can have (`rank(m, among: G, ties: min)`).
enum class Argument : std::uint8_t { over, among, source, order, ties, then, by, within, across };
inline constexpr std::size_t argument_kinds = 9;

/// A node of an expression with everything the interpreter would otherwise
/// look up by name on each visit: its printed text, what its operator is,
/// the plan symbol a name or call stands for, and that symbol's id among the
/// facts' names.
struct ResolvedNode {
  static constexpr std::uint32_t no_memo = UINT32_MAX;
  std::string text;  // format_expression(node)
  Operation operation = Operation::other;
  /// A call's named arguments, by Argument (nullptr when not given).
  std::array<const syntax::Node*, argument_kinds> arguments{};
  [[nodiscard]] const syntax::Node* argument(Argument key) const {
    return arguments[static_cast<std::size_t>(key)];
  }
  /// An aggregate's population: `among:` for a rank, `over:` otherwise.
  [[nodiscard]] const syntax::Node* population() const {
    return argument(operation == Operation::rank ? Argument::among : Argument::over);
  }
  const Symbol* symbol = nullptr;
  NameId fact_name = no_name;  // the symbol's name (or an `all KIND`'s kind) in the facts
  /// For a node whose value cannot depend on the subject (a parameter none
  /// of whose values reads the subject, an average over a population, the
  /// size of a group): its place in an interpreter's memo, so that the
  /// subjects of a task compute it once.
  std::uint32_t memo = no_memo;
};

/// Results that do not depend on the subject, shared by the threads of one
/// evaluation, and alive as long as it.
class EvaluationCache {
 public:
  /// Resolves every expression of the plan before the threads start, so
  /// that resolved() of a plan expression is a read of a map nobody writes.
  EvaluationCache(const FactStore& facts, const Parameters& parameters);

  template <typename Compute>
  const std::vector<NameId>& group(Index index, Compute compute) {
    return groups_.find_or_add(index, compute);
  }
  /// The bodies a plan body reports to, when several: a group of them.
  template <typename Compute>
  const std::vector<NameId>& superiors(NameId unit, Compute compute) {
    return superiors_.find_or_add(unit, compute);
  }
  /// Units of a kind (`all KIND` in an expression), or of a kind within a
  /// body (`all 村 within self`). The units of a kind are indexed by every
  /// body above them once, in one pass, the first time the kind is asked for.
  const std::vector<NameId>& units_of_kind(NameId kind, NameId within = no_name);
  /// A node resolved: of the plan, in advance; of anything else (an
  /// override), once.
  const ResolvedNode& resolved(const syntax::Node& node);
  /// The canonical text of an expression (resolved(node).text).
  const std::string& text(const syntax::Node& node) { return resolved(node).text; }
  /// The facts' ids of the plan's events, metrics, groups and titles, by plan index
  /// (no_name when no fact names them).
  [[nodiscard]] NameId event_name(Index event) const { return event_names_[event]; }
  [[nodiscard]] NameId metric_name(Index metric) const { return metrics_[metric].fact_name; }
  /// The unit of a metric's values, as declared (`percent`, `count`, `number`).
  [[nodiscard]] NumericUnit metric_unit(Index metric) const { return metrics_[metric].unit; }
  [[nodiscard]] NameId group_name(Index group) const { return group_names_[group]; }
  [[nodiscard]] NameId title_name(Index title) const { return title_names_[title]; }

  /// Whether the consequences of a sanction are the same for every subject
  /// it applies to: no deduction or referral reads the subject.
  [[nodiscard]] bool same_consequences_for_all(const Rule& rule) const {
    return same_consequences_[static_cast<std::size_t>(&rule - facts_.plan().rules.data())];
  }

  /// A metric's values over a population (a plan group's or a kind's
  /// members, which the cache owns: their address identifies them).
  template <typename Compute>
  const PopulationValues& population(Index metric, const std::vector<NameId>* members,
                                     const Period& period, Compute compute) {
    return populations_.find_or_add(
        PopulationKey{metric, members, period.year, period.kind, period.index}, compute);
  }
  /// A rank's order with a tie-break (`rank(m, …, then: key)`): the
  /// population's (value, key) pairs, sorted once.
  template <typename Compute>
  const std::vector<std::pair<double, double>>& tie_broken(Index metric, Index key,
                                                           const std::vector<NameId>* members,
                                                           const Period& period, Compute compute) {
    return tie_broken_.find_or_add(
        TieBrokenKey{PopulationKey{metric, members, period.year, period.kind, period.index}, key},
        compute);
  }

 private:
  [[nodiscard]] ResolvedNode resolve(const syntax::Node& node) const;
  // Used while the cache is built, on one thread.
  [[nodiscard]] bool subject_free(const syntax::Node& node);
  [[nodiscard]] bool parameter_free(Index parameter);

  const FactStore& facts_;
  const Parameters& parameters_;
  std::vector<std::uint8_t> parameter_free_;  // by parameter: see parameter_free()
  std::vector<bool> same_consequences_;       // by rule: see same_consequences_for_all()
  std::vector<NameId> event_names_;
  struct MetricTraits {
    NameId fact_name = no_name;
    NumericUnit unit = NumericUnit::number;
  };
  std::vector<MetricTraits> metrics_;
  std::vector<NameId> group_names_;
  std::vector<NameId> title_names_;
  struct NodeHash {
    std::size_t operator()(const syntax::Node* node) const noexcept {
      return mix64(reinterpret_cast<std::uintptr_t>(node));
    }
  };
  // Read-only once built: the plan's nodes, and where each one is.
  std::vector<ResolvedNode> plan_nodes_;
  FlatMap<const syntax::Node*, std::uint32_t, NodeHash> plan_node_index_;
  /// Nodes outside the plan (parameter overrides, expressions a test parses):
  /// any number of them.
  SharedMap<const syntax::Node*, ResolvedNode, NodeHash> other_nodes_;
  GrowOnlyMap<Index, std::vector<NameId>> groups_;
  GrowOnlyMap<NameId, std::vector<NameId>> superiors_;
  struct KindIndex {
    std::vector<NameId> all;
    std::unordered_map<NameId, std::vector<NameId>> within;  // by body above them
  };
  GrowOnlyMap<NameId, KindIndex> kinds_;
  struct PopulationKey {
    Index metric;
    const std::vector<NameId>* members;
    int year;
    PeriodKind kind;
    int index;
    friend bool operator==(const PopulationKey&, const PopulationKey&) = default;
  };
  struct PopulationKeyHash {
    std::size_t operator()(const PopulationKey& key) const noexcept {
      return mix64(
          reinterpret_cast<std::uintptr_t>(key.members) ^
          (std::uint64_t{key.metric} << 32 | static_cast<std::uint32_t>(key.year)) ^
          (static_cast<std::uint64_t>(key.kind) << 8 | static_cast<std::uint64_t>(key.index))
              << 40);
    }
  };
  SharedMap<PopulationKey, PopulationValues, PopulationKeyHash> populations_;
  struct TieBrokenKey {
    PopulationKey population;
    Index key;
    friend bool operator==(const TieBrokenKey&, const TieBrokenKey&) = default;
  };
  struct TieBrokenKeyHash {
    std::size_t operator()(const TieBrokenKey& key) const noexcept {
      return PopulationKeyHash{}(key.population) ^ mix64(key.key);
    }
  };
  SharedMap<TieBrokenKey, std::vector<std::pair<double, double>>, TieBrokenKeyHash> tie_broken_;
};

/// One verdict of a stage about one body, as a score reads it.
struct StageOutcome {
  Period period;
  Outcome outcome = Outcome::unknown;
  std::optional<int> days;
};

/// The verdicts of a stage about a body in a year (deadlines and
/// campaigns), worked out as the evaluation works them out: what a points
/// ledger deducts for (`deduct 5 for missed(月报)`).
class StageOutcomes {
 public:
  virtual ~StageOutcomes() = default;
  [[nodiscard]] virtual std::vector<StageOutcome> of(Index stage, NameId body, int year) const = 0;
};

/// What one evaluation needs to know, shared by all threads.
struct Environment {
  const Plan& plan;
  const FactStore& facts;
  const Parameters& parameters;
  DayNumber as_of = 0;
  gsl::not_null<EvaluationCache*> cache;
  /// Off: verdicts without explanation trees (EvaluationOptions::explanations).
  bool explain = true;
  /// For scores; none when the plan has no score.
  const StageOutcomes* stages = nullptr;
};

class CompiledExpression;

/// Evaluates expressions for one year and one subject at a time: the
/// subjects of a task in turn (begin_subject), sharing what does not depend
/// on the subject. Not shared between threads: each task has its own.
class Interpreter {
 public:
  Interpreter(const Environment& environment, int year, NameId subject);
  /// For a rule judged per period shorter than the year (`every quarter`):
  /// measures, published figures and events are those of the period.
  Interpreter(const Environment& environment, Period period, NameId subject);
  ~Interpreter();
  Interpreter(const Interpreter&) = delete;
  Interpreter& operator=(const Interpreter&) = delete;

  /// Starts on the next subject: forgets the missing facts and bindings of
  /// the last one, keeps the values that are the same for every subject.
  void begin_subject(NameId subject);

  /// The value of `node`, with its explanation appended to `why`.
  Value evaluate(const syntax::Node& node, Explanation& why);
  /// The value of `node` alone: no explanation is built.
  Value value_of(const syntax::Node& node);
  /// The value of a rule's condition, with its explanation appended to `why`.
  /// Without explanations, the same value and missing facts as evaluate(),
  /// from the condition compiled once for the task's subjects.
  Value evaluate_condition(const syntax::Node& node, Explanation& why);
  /// `node` without its steps: compiled once per interpreter (unless a
  /// comprehension's variable is bound), then run per subject.
  Value compiled(const syntax::Node& node);
  /// Facts found missing so far, in the order met, without duplicates.
  [[nodiscard]] const std::vector<std::string>& missing() const noexcept { return missing_; }
  /// The days `days` name for the year evaluated, sorted (`due by …`, a
  /// title's `named by`): a parameter gives its values of the year, and
  /// says so in `why` when there is one; a dated day (2018-06-30) counts in
  /// its own year only.
  /// With `after`, an annual date or a month's end is the first such day
  /// after the year, taken in the next year's own calendar (`end of month 2
  /// after` for 2019 is 2020-02-29).
  std::vector<DayNumber> named_days(std::span<const syntax::Node> days, bool after,
                                    Explanation* why);
  /// Drops the missing facts noted so far: a condition that was decided
  /// anyway did not need them.
  void forget_missing() noexcept { missing_.clear(); }

  /// Members of a group (entities), resolved against plan and facts, once
  /// per evaluation.
  const std::vector<NameId>& group_members(Index group);
  std::vector<NameId> resolve_group(Index group);
  /// Display name of an entity.
  [[nodiscard]] std::string name(NameId id) const;
  /// "file:line" of a fact.
  [[nodiscard]] std::string source(const FactSource& source) const;
  /// Records a fact the value needed and did not find (once).
  void note_missing(std::string fact);
  /// `value`, or unknown (noting the facts still to come) when it is a
  /// count so far (Value::at_least): for what cannot use a lower bound.
  Value exact(Value value);

  /// format_expression(node), printed once per evaluation.
  [[nodiscard]] const std::string& text(const syntax::Node& node) const;

  [[nodiscard]] int year() const noexcept { return year_; }
  [[nodiscard]] const Period& period() const noexcept { return period_; }
  [[nodiscard]] NameId subject() const noexcept { return subject_; }
  [[nodiscard]] const Environment& environment() const noexcept { return env_; }

  /// The value of parameter `index` (first value of a list) for this year.
  Value parameter(Index index, Explanation& why);
  /// The same, without its explanation.
  Value parameter_value(Index index);
  /// The value of a metric for a subject in this year (facts, or its formula).
  Value metric_value(Index metric, NameId subject, Explanation& why);
  /// A score's value: its ledger for the subject in this year.
  Value score_value(const Metric& metric, NameId subject, Explanation& why);

 private:
  friend class CompiledExpression;

  /// The cache's resolved form of a node, through a small direct-mapped
  /// table of the nodes this interpreter visited last: a task visits the
  /// same few nodes for each of its subjects.
  const ResolvedNode& resolved(const syntax::Node& node);
  struct ResolvedSlot {
    const syntax::Node* node = nullptr;
    const ResolvedNode* resolved = nullptr;
  };
  std::array<ResolvedSlot, 64> resolved_slots_{};

  Value name_value(const syntax::Node& node, const ResolvedNode& resolved, Explanation& why);
  Value call(const syntax::Node& node, const ResolvedNode& resolved, Explanation& why);
  /// A subject-free node's value from the memo, computed the first time.
  Value memoized(const syntax::Node& node, const ResolvedNode& resolved, Explanation& why);
  Value binary(const syntax::Node& node, Explanation& why);
  // What an operator makes of its operands' values, for evaluate() and for
  // compiled expressions alike.
  /// `and` / `or`: whether the left side decides alone (false and …, true or …).
  static bool decides_alone(Operation operation, const Value& left);
  static Value logical_result(Operation operation, const Value& left, const Value& right);
  /// A comparison or arithmetic; a division by zero is unknown, and noted.
  Value binary_result(const syntax::Node& node, Operation operation, const Value& left,
                      const Value& right);
  Value unary_result(const syntax::Node& node, const Value& operand);
  /// binary_result when a side is a count so far: decided when every count
  /// it may still reach gives the same answer, else unknown.
  Value bounded(const syntax::Node& node, Operation operation, const Value& left,
                const Value& right);
  /// Whether a node's value is the same for every subject of the task and
  /// worth keeping: a literal, a name that is not a parameter, or a node the
  /// cache memoizes.
  bool constant_for_subjects(const syntax::Node& node);
  /// The value of such a node, with the missing facts its evaluation notes.
  std::pair<Value, std::vector<std::string>> fold(const syntax::Node& node);
  Value aggregate(const syntax::Node& node, const ResolvedNode& resolved, Explanation& why);
  Value size(const syntax::Node& node, Explanation& why);
  /// How many members a group has in this year (evaluate/population.hpp).
  PopulationSize population_size(const Value& group);
  /// "全省县区 has 107 members (published with 两率一度; …)".
  [[nodiscard]] std::string describe(const PopulationSize& size, std::string_view population) const;
  /// Whether every member of the population is known; if not, notes what is
  /// missing (its size, or the members the facts do not declare).
  bool require_complete(const PopulationSize& size, std::string_view population);
  /// A published figure of this year, if it was published by the evaluation date.
  [[nodiscard]] std::optional<MeasureRecord> published_figure(Index metric, NameId group,
                                                              Statistic statistic,
                                                              NameId unit) const;
  Value count(const syntax::Node& node, const ResolvedNode& resolved, Explanation& why);
  /// count(EVENT…, by:, within:) once its arguments are known; `step`
  /// holds their explanation.
  Value count_events(const Value& by, const Value& span, std::span<const Value> events,
                     Explanation step, Explanation& why);
  /// average, sum, min, max or rank once the metric, the population and the
  /// `source:` word are known; `step` holds their explanation.
  Value aggregate_of(const syntax::Node& node, const ResolvedNode& resolved, const Value& metric,
                     const Value& population, const Value& source_argument, Explanation step,
                     Explanation& why);
  Value quantifier(const syntax::Node& node, Explanation& why);
  /// min(a, b, …) or max(a, b, …) of values.
  Value extreme(const syntax::Node& node, Operation operation, Explanation& why);
  /// parent(x) or superior(x).
  Value related(const syntax::Node& node, Operation operation, Explanation& why);
  /// previous(e [, n]): e evaluated n years before.
  Value previous(const syntax::Node& node, Explanation& why);
  /// average|sum|min|max|count|all|any(e, across: KIND): e in each period of
  /// KIND within the one judged, combined.
  Value across(const syntax::Node& node, const ResolvedNode& resolved, Explanation& why);
  Value holds(const syntax::Node& node, Explanation& why);
  /// The last day the title may be conferred for the year evaluated: its
  /// `named by`, or the year's last day; `why`, if any, gets the parameter
  /// it names.
  DayNumber naming_closes(const Title& title, Explanation* why);
  Value as_value(Value value, Explanation& why);  // metric → its value for the subject
  PopulationValues population_values(Index metric, const std::vector<NameId>& members);
  /// A metric's values over a population, computed once per evaluation when
  /// the population is one the cache owns.
  const PopulationValues& population_values(Index metric, const Value& population,
                                            PopulationValues& storage);
  /// rank(m, among: G, order: …, then: KEY) once m's values over G are known.
  Value tie_broken_rank(const ResolvedNode& resolved, const PopulationValues& values, Index metric,
                        const Value& population, std::string_view population_name,
                        Explanation& step);
  /// The same when some members lack the key: only those tied with the
  /// subject need it.
  Value rank_with_some_keys(const PopulationValues& values, Index metric, Index key, double mine,
                            bool ascending, std::string_view population_name, Explanation& step);
  std::string_view word_of(const syntax::Node* node, std::string_view fallback, Explanation& why);
  static std::string_view word_or(const Value& value, std::string_view fallback);

  const Environment& env_;
  /// The year or period judged; year_ is its year, and year_first_ and
  /// year_last_ its first and last days (for a year, 01-01 and 12-31).
  Period period_;
  int year_;
  DayNumber year_first_;
  DayNumber year_last_;
  /// Whether the calendar year of year_ ends after the evaluation date: its
  /// titles may still be conferred (decision 0066). Set with the period.
  bool year_open_ = false;
  /// "2018", or "2019-Q2": what explanations and missing facts name.
  [[nodiscard]] std::string when() const { return period_.label(); }
  /// The period a metric's value is of: the one judged, or its year for a
  /// metric given `for year`.
  [[nodiscard]] Period period_of(const Metric& metric) const {
    return metric.yearly ? Period::of_year(period_.year) : period_;
  }
  [[nodiscard]] std::string when(const Metric& metric) const { return period_of(metric).label(); }
  void set_period(const Period& period);
  NameId subject_;
  /// Whether steps are written: off for an evaluation without explanations,
  /// and while computing values whose explanation nobody reads.
  bool explain_;
  std::vector<std::string> missing_;
  std::vector<std::pair<std::string_view, Value>> variables_;
  std::vector<Index> metrics_in_progress_;  // guards formula evaluation
  /// Inside previous() or across(): what this interpreter memoized is for
  /// another period.
  int shifted_ = 0;
  /// A subject-free node's value, its steps and the missing facts it noted.
  struct Memo {
    std::uint32_t memo = ResolvedNode::no_memo;
    bool explained = false;  // whether `steps` were written
    Value value;
    std::vector<Explanation> steps;
    std::vector<std::string> missing;
  };
  std::vector<Memo> memos_;  // a few per rule: searched in order
  /// Conditions compiled for the task's subjects (evaluate_condition).
  std::vector<std::pair<const syntax::Node*, std::unique_ptr<CompiledExpression>>> compiled_;
};

/// "facts/events.csv:12", or the label of the host call that added the fact.
[[nodiscard]] std::string source_text(const FactStore& facts, const FactSource& source);

/// Whether `unit` holds plan title `title` in `year`, as known on the
/// evaluation date. Titles are closed-world (a naming is a public act: no
/// fact means not named); a naming dated after the evaluation date is not
/// known yet. `step`, when given, says which, citing the fact.
bool title_held(const Environment& env, Index title, NameId unit, int year, Explanation* step,
                NameId programme = no_name);

/// Canonical text of a number as plans write it (91.2, 10, 92.5%).
[[nodiscard]] std::string format_number(double value, bool percent);
/// "2018-03-20".
[[nodiscard]] std::string format_day(DayNumber day);
/// The missing fact of a verdict judged on a period that runs past the
/// evaluation date (decision 0066): "the events of 2019 after the evaluation
/// date 2019-03-15 (the year ends on 2019-12-31)".
[[nodiscard]] std::string events_still_to_come(const Period& period, DayNumber as_of);

}  // namespace mandate::detail
