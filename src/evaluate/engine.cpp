// The evaluation driver: resolves parameters and years, expands obligations
// and subjects, evaluates every stage, rule and quota, and orders the
// verdicts. Work is split by rule and subject across threads; the verdicts
// are put in a fixed order afterwards (the tasks' rows mostly come in it
// already), so the report does not depend on the thread count.
#include <mandate/evaluate.hpp>
#include <mandate/format.hpp>
#include <mandate/graph.hpp>
#include <mandate/parse.hpp>

#include "check/calendar.hpp"
#include "check/dependencies.hpp"
#include "check/expressions.hpp"
#include "evaluate/interpreter.hpp"
#include "evaluate/options.hpp"
#include "evaluate/parallel.hpp"
#include "evaluate/verdict_table.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <span>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>

namespace mandate {
namespace {

using detail::Environment;
using detail::format_day;
using detail::format_number;
using detail::Interpreter;
using detail::Value;
using detail::ValueKind;

constexpr std::size_t kind_order(VerdictKind kind) { return static_cast<std::size_t>(kind); }

/// The first 8 bytes of a name as a big-endian number, zero-padded: names
/// ordered by it are ordered by their bytes, but for ties.
std::uint64_t name_prefix(std::string_view name) {
  std::uint64_t prefix = 0;
  for (std::size_t i = 0; i < 8; ++i)
    prefix = prefix << 8 | (i < name.size() ? static_cast<unsigned char>(name[i]) : 0u);
  return prefix;
}

/// Sorts `items` by `names(item)`, a pair of names compared byte by byte:
/// the report's order of subjects. Stable.
template <typename Item, typename Names>
void sort_by_names(std::vector<Item>& items, const Names& names) {
  const auto less = [&](const Item& a, const Item& b) { return names(a) < names(b); };
  // Lists mostly come as a few sorted runs (a plan's bodies, then the units
  // of the facts in the order of their files): those are merged.
  constexpr std::size_t few_runs = 8;
  std::vector<std::size_t> runs{0};
  for (std::size_t i = 1; i < items.size() && runs.size() <= few_runs; ++i)
    if (less(items[i], items[i - 1])) runs.push_back(i);
  if (runs.size() <= few_runs) {
    runs.push_back(items.size());
    const auto at = [&](std::size_t i) { return items.begin() + static_cast<std::ptrdiff_t>(i); };
    for (std::size_t run = 1; run + 1 < runs.size(); ++run)
      std::inplace_merge(items.begin(), at(runs[run]), at(runs[run + 1]), less);
    return;
  }
  // Otherwise sorted, most comparisons comparing the first name's prefix only.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> keyed;
  keyed.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i)
    keyed.emplace_back(name_prefix(names(items[i]).first), static_cast<std::uint32_t>(i));
  std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return names(items[a.second]) < names(items[b.second]);
  });
  std::vector<Item> sorted;
  sorted.reserve(items.size());
  for (const auto& [prefix, index] : keyed) sorted.push_back(std::move(items[index]));
  items = std::move(sorted);
}

/// A row's place among the tasks' outputs: the task, and the row in it.
struct RowPlace {
  std::uint32_t part;
  std::uint32_t index;
};

/// An obligation: who must act, and for which programme when the stage
/// obliges each lead for its own programme.
struct Obligation {
  NameId body = no_name;
  NameId programme = no_name;
};

/// The days that decide one deadline verdict: deliveries after
/// `previous_deadline` and before `opens` are early; from `opens` on they
/// count, on time until `deadline`.
struct Period {
  DayNumber previous_deadline = 0;
  DayNumber opens = 0;
  DayNumber deadline = 0;
};

using detail::RowExtras;

/// A verdict while a task writes it: its row's fields, and its extras, which
/// the row keeps only when there are any.
struct Draft : RowExtras {
  VerdictKind kind = VerdictKind::deadline;
  std::uint32_t rule = 0;  // VerdictRow::rule
  NameId subject = no_name;
  int year = 0;
  Outcome outcome = Outcome::unknown;
  std::optional<int> days;
  std::uint32_t shared = VerdictRow::none;  // TaskOutput::shared: consequences like its peers'
};

/// What one task gives: its rows, in the order written, and their extras.
struct TaskOutput {
  std::vector<VerdictRow> rows;
  std::vector<RowExtras> extras;  // by VerdictRow::extras, local to the task
  /// When a report is asked for: the rows as Verdicts, built as the task
  /// writes them, and no extras. A stage violation gets its escalation chain
  /// later (Engine::add_escalations_to_verdicts).
  std::vector<Verdict> verdicts;
  /// Side data that rows of the task share (VerdictRow::chain, local to the
  /// task): the consequences of a sanction, when they are the same for every
  /// subject it applies to.
  std::vector<detail::SharedChain> shared;
  bool keep_explanations = true;
  /// Set when a report is asked for: what a Verdict is built with.
  const std::vector<detail::RuleRef>* rules = nullptr;
  const FactStore* facts = nullptr;

  /// The hot paths write no steps without explanations; the rest are
  /// dropped here, so that no verdict carries half a tree.
  void push_back(Draft&& draft) {
    VerdictRow row;
    row.kind = draft.kind;
    row.outcome = draft.outcome;
    row.has_days = draft.days.has_value();
    row.rule = draft.rule;
    row.subject = draft.subject;
    row.year = draft.year;
    row.days = draft.days.value_or(0);
    row.chain = draft.shared;
    if (!keep_explanations) draft.explanation = {};
    if (rules) {
      verdicts.push_back(
          detail::make_verdict((*rules)[row.rule], detail::subject_name(*facts, row.subject), row,
                               static_cast<RowExtras&&>(draft),
                               row.chain == VerdictRow::none ? nullptr : &shared[row.chain]));
    } else if (!draft.empty()) {
      row.extras = static_cast<std::uint32_t>(extras.size());
      extras.push_back(static_cast<RowExtras&&>(draft));
    }
    rows.push_back(row);
  }
  const RowExtras* extras_of(const VerdictRow& row) const {
    return row.extras == VerdictRow::none ? nullptr : &extras[row.extras];
  }
};

/// Whether a verdict is a violation of a stage, which carries an escalation
/// chain (VerdictRow::chain in the table's escalation chains).
bool escalates(const VerdictRow& row) {
  const bool stage_verdict = row.kind == VerdictKind::deadline ||
                             row.kind == VerdictKind::campaign ||
                             row.kind == VerdictKind::prerequisite;
  return stage_verdict && is_violation(row.outcome);
}

/// One unit of work: a stage, rule or quota for one year and up to
/// `subjects_per_task` of its subjects.
using Task = std::function<void(TaskOutput&)>;
/// Expands one stage, rule or quota for one year into its tasks. Expanding
/// (a group of 38,700 towns, say) is itself work for the threads.
using Planner = std::function<void(std::vector<Task>&)>;
/// Small enough that a stage obliging thousands of units spreads over the
/// threads, and that a task's verdicts stay below the 64 KiB whose release
/// makes glibc's allocator consolidate its free lists; large enough that a
/// task costs more than handing it out.
constexpr std::size_t subjects_per_task = 64;

/// The verdicts of each task, in task order: their order before sorting.
/// Pointers and views into a task's vectors (the sanctions the awards read,
/// the sort keys' details) outlive appending the awards' outputs, because a
/// TaskOutput moves its vectors' buffers along.
using TaskResults = std::vector<TaskOutput>;
static_assert(std::is_nothrow_move_constructible_v<TaskOutput>);

class Engine {
 public:
  /// What the awards need of a sanction that applies or is unknown.
  struct SanctionRef {
    const VerdictRow* row;
    const std::vector<std::string>* missing;
    const std::vector<ConsequenceOutcome>* consequences;
  };
  static inline const std::vector<std::string> no_strings;
  static inline const std::vector<ConsequenceOutcome> no_consequences;
  static inline const std::vector<NameId> no_recipients;  // any recipient counts

  Engine(const FactStore& facts, const detail::Parameters& parameters, DayNumber as_of,
         std::vector<int> years, bool explain, std::unordered_set<NameId> only)
      : plan_(facts.plan()),
        facts_(facts),
        cache_(facts, parameters),
        env_{plan_, facts, parameters, as_of, &cache_, explain},
        years_(std::move(years)),
        only_(std::move(only)),
        rules_(detail::rules_in_plan_order(plan_)),
        plan_bodies_(plan_body_names()) {}

  /// The verdicts, in the report's order: as rows with their side data into
  /// `table`, or, when `report` is given, as Verdicts into it.
  void run(unsigned threads, detail::VerdictTableData& table, std::vector<Verdict>* report) {
    threads_ = threads;
    materialize_ = report != nullptr;
    table.rules = rules_;
    // Phase 1: everything but awards.
    TaskResults results = run_tasks(plan_tasks(first_phase_planners()));
    keep_only_wanted(results);
    // Only a sanction that applies, or is unknown, can defeat an award.
    const bool awards_read_sanctions =
        std::any_of(plan_.rules.begin(), plan_.rules.end(),
                    [](const Rule& rule) { return rule.kind == RuleKind::award; });
    if (awards_read_sanctions)
      for (const TaskOutput& part : results)
        for (std::size_t index = 0; index < part.rows.size(); ++index) {
          const VerdictRow& row = part.rows[index];
          if (row.kind == VerdictKind::sanction && row.outcome != Outcome::does_not_apply)
            sanctions_[{row.subject, row.year}].push_back(sanction_ref(part, index));
        }
    // Phase 2 is one pool of jobs: the escalation chains of the stage
    // violations (the largest job, so first), the awards, which read the
    // sanctions of phase 1, and whether each task of phase 1 wrote its rows
    // in the report's order. The escalation job writes VerdictRow::chain of
    // phase 1's rows while the order jobs read their other members, field by
    // field: no job copies a whole row until the pool is done.
    const std::vector<Task> award_tasks = plan_tasks(award_planners());
    TaskResults awards(award_tasks.size());
    std::vector<PartOrder> part_orders(results.size());
    std::vector<std::function<void()>> jobs;
    jobs.emplace_back([&] { table.chains = add_escalations(results); });
    for (std::size_t i = 0; i < award_tasks.size(); ++i)
      jobs.emplace_back([&, i] { run_task(award_tasks[i], awards[i]); });
    for (std::size_t part = 0; part < results.size(); ++part)
      jobs.emplace_back([&, part] { part_orders[part] = part_order(results[part]); });
    detail::for_each_index(threads_, jobs.size(), [&](std::size_t job) { jobs[job](); });
    keep_only_wanted(awards);
    std::move(awards.begin(), awards.end(), std::back_inserter(results));
    for (std::size_t part = part_orders.size(); part < results.size(); ++part)
      part_orders.push_back(part_order(results[part]));
    const std::vector<RowPlace> places = report_order(results, part_orders);
    if (report) {
      add_escalations_to_verdicts(results, table.chains);
      *report = move_in_order(results, places);
    } else {
      gather_in_order(results, places, table);
    }
  }

  /// Whether verdicts about `id` are asked for (EvaluationOptions::subjects).
  bool wanted(NameId id) const { return only_.empty() || only_.contains(id); }

  /// With EvaluationOptions::subjects, drops the verdicts about anyone else
  /// that the filtered obligations and subjects still gave ("no body is
  /// obliged", quotas of other bodies). Their extras stay, unused.
  void keep_only_wanted(TaskResults& results) const {
    if (only_.empty()) return;
    for (TaskOutput& part : results) {
      std::size_t kept = 0;
      for (std::size_t i = 0; i < part.rows.size(); ++i) {
        if (!wanted(part.rows[i].subject)) continue;
        if (kept != i) {
          part.rows[kept] = part.rows[i];
          if (materialize_) part.verdicts[kept] = std::move(part.verdicts[i]);
        }
        ++kept;
      }
      part.rows.resize(kept);
      if (materialize_) part.verdicts.resize(kept);
    }
  }

 private:
  /// The escalation chains of the violations of stages. The graph is built
  /// only when there is one; chains are shared per stage and body.
  std::vector<detail::SharedChain> add_escalations(TaskResults& results) const {
    std::vector<VerdictRow*> violations;
    for (TaskOutput& part : results)
      for (VerdictRow& row : part.rows)
        if (escalates(row)) violations.push_back(&row);
    if (violations.empty()) return {};
    // A unit of the facts has no edge of its own but `part_of`, so units of
    // one kind under one parent failing one stage share their chain but for
    // their own name: it is computed once, for the first of them. (Escalating
    // each one would scan the stage's obligations once per failure.) A body
    // of the plan, or a unit the facts do not know, has a chain of its own.
    std::vector<std::size_t> first_of_chain;  // violation whose subject the chain names
    std::map<std::tuple<std::uint32_t, NameId, NameId>, std::uint32_t> shared;
    for (std::size_t i = 0; i < violations.size(); ++i) {
      VerdictRow& row = *violations[i];
      const NameId unit = facts_.resolve_unit(row.subject);
      const bool own = unit == no_name || is_plan_body(row.subject);
      const auto key = std::tuple(row.rule, facts_.unit_kind(unit), facts_.unit_parent(unit));
      const auto next = static_cast<std::uint32_t>(first_of_chain.size());
      const auto [it, added_chain] =
          own ? std::pair(shared.end(), true) : shared.try_emplace(key, next);
      if (added_chain) first_of_chain.push_back(i);
      row.chain = added_chain ? next : it->second;
    }
    // The graph holds the plan and only the units whose chain is computed,
    // with their ancestors: escalations climb from them, and no other unit
    // of the facts can be on a chain (docs/graph.md, escalate, rule 2).
    std::vector<UnitRecord> units;
    std::unordered_set<NameId> added;
    for (const std::size_t violation : first_of_chain) {
      std::vector<NameId> chain;  // the unit, then its ancestors below the plan's bodies
      for (NameId unit = facts_.resolve_unit(violations[violation]->subject); unit != no_name;
           unit = facts_.unit_parent(unit)) {
        if (is_plan_body(unit) || !added.insert(unit).second) break;
        chain.push_back(unit);
      }
      for (auto it = chain.rbegin(); it != chain.rend(); ++it)  // parents first
        units.push_back({std::string(facts_.name(*it)),
                         std::string(facts_.name(facts_.unit_kind(*it))),
                         std::string(facts_.name(facts_.unit_parent(*it))),
                         {}});
    }
    const ResponsibilityGraph graph = ResponsibilityGraph::build(plan_, units);
    std::vector<detail::SharedChain> chains(first_of_chain.size());
    for (std::size_t c = 0; c < chains.size(); ++c) {
      const VerdictRow& row = *violations[first_of_chain[c]];
      chains[c].named = facts_.name(row.subject);
      try {
        for (const EscalationStep& step :
             graph.escalate(*rules_[row.rule].name, chains[c].named).steps)
          chains[c].links.push_back(
              {step.level, step.from, step.to, std::string(edge_kind_name(step.via)), step.clause});
      } catch (const GraphLookupError&) {
        // Not obliged through the graph (e.g. a parameter body): no chain.
      }
    }
    return chains;
  }

  bool is_plan_body(NameId id) const {
    return std::binary_search(plan_bodies_.begin(), plan_bodies_.end(), id);
  }

  /// The names of the plan's bodies, sorted.
  std::vector<NameId> plan_body_names() const {
    std::vector<NameId> ids;
    for (const Body& body : plan_.bodies) ids.push_back(facts_.find_name(body.name));
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  // Scheduling ----------------------------------------------------------------------

  TaskResults run_tasks(const std::vector<Task>& tasks) const {
    TaskResults results(tasks.size());
    detail::for_each_index(threads_, tasks.size(),
                           [&](std::size_t i) { run_task(tasks[i], results[i]); });
    return results;
  }

  void run_task(const Task& task, TaskOutput& result) const {
    // Filled on the worker's own stack: neighbouring results belong to the
    // other workers, and sharing their cache line would slow every push.
    TaskOutput output;
    output.keep_explanations = env_.explain;
    // Most tasks give a verdict per subject.
    output.rows.reserve(subjects_per_task);
    if (materialize_) {
      output.rules = &rules_;
      output.facts = &facts_;
      output.verdicts.reserve(subjects_per_task);
    } else if (env_.explain) {
      output.extras.reserve(subjects_per_task);  // every row has its tree
    }
    task(output);
    result = std::move(output);
  }

  /// Each stage violation's Verdict gets its shared chain, with its own name.
  void add_escalations_to_verdicts(TaskResults& results,
                                   const std::vector<detail::SharedChain>& chains) const {
    detail::for_each_index(threads_, results.size(), [&](std::size_t part) {
      TaskOutput& output = results[part];
      for (std::size_t index = 0; index < output.rows.size(); ++index) {
        const VerdictRow& row = output.rows[index];
        if (row.chain != VerdictRow::none && escalates(row))
          output.verdicts[index].escalation =
              detail::shared_links(chains[row.chain], detail::subject_name(facts_, row.subject));
      }
    });
  }

  std::vector<Task> plan_tasks(const std::vector<Planner>& planners) const {
    std::vector<std::vector<Task>> planned(planners.size());
    detail::for_each_index(threads_, planners.size(),
                           [&](std::size_t i) { planners[i](planned[i]); });
    std::vector<Task> tasks;
    for (std::vector<Task>& part : planned)
      std::move(part.begin(), part.end(), std::back_inserter(tasks));
    return tasks;
  }

  // The report's order: kind, rule (plan order), year, subject, detail; the
  // task order among equals. Tasks mostly write their rows in it already
  // (subjects and obligations are sorted by name, a task has one rule and
  // year), so the rows are sorted only when some task did not.

  /// Kind, rule and year packed into one number that orders like them.
  static std::uint64_t kind_rule_year(const VerdictRow& row) {
    // The year is biased so that any int orders as an unsigned 32-bit field.
    const std::uint64_t year = static_cast<std::uint32_t>(row.year) ^ 0x8000'0000u;
    const std::uint64_t kind_rule =
        static_cast<std::uint64_t>(kind_order(row.kind)) << 24 | row.rule;
    return kind_rule << 32 | year;
  }

  /// Subject and detail of a row, which order the rows of one kind, rule
  /// and year.
  std::pair<std::string_view, std::string_view> names_of(const TaskOutput& output,
                                                         std::size_t index) const {
    const VerdictRow& row = output.rows[index];
    const RowExtras* extras = output.extras_of(row);
    return {detail::subject_name(facts_, row.subject),
            materialize_ ? std::string_view(output.verdicts[index].detail)
            : extras     ? std::string_view(extras->detail)
                         : std::string_view()};
  }

  /// Whether a task's rows are in the report's order, all of one kind, rule
  /// and year.
  struct PartOrder {
    std::uint64_t kind_rule_year = 0;
    bool in_order = true;
  };
  PartOrder part_order(const TaskOutput& output) const {
    PartOrder order;
    if (output.rows.empty()) return order;
    order.kind_rule_year = kind_rule_year(output.rows.front());
    for (std::size_t i = 1; i < output.rows.size() && order.in_order; ++i)
      order.in_order = kind_rule_year(output.rows[i]) == order.kind_rule_year &&
                       !(names_of(output, i) < names_of(output, i - 1));
    return order;
  }

  /// Where each row of the report is: the tasks taken by kind, rule and year
  /// when each is in order and they join in order, or else every row sorted.
  std::vector<RowPlace> report_order(const TaskResults& results,
                                     const std::vector<PartOrder>& orders) const {
    std::vector<std::uint32_t> parts;
    std::size_t rows = 0;
    bool in_order = true;
    for (std::uint32_t part = 0; part < results.size(); ++part) {
      if (results[part].rows.empty()) continue;
      in_order = in_order && orders[part].in_order;
      parts.push_back(part);
      rows += results[part].rows.size();
    }
    if (in_order) {
      std::stable_sort(parts.begin(), parts.end(), [&](std::uint32_t a, std::uint32_t b) {
        return orders[a].kind_rule_year < orders[b].kind_rule_year;
      });
      for (std::size_t i = 1; i < parts.size() && in_order; ++i) {
        const TaskOutput& before = results[parts[i - 1]];
        in_order = orders[parts[i - 1]].kind_rule_year != orders[parts[i]].kind_rule_year ||
                   !(names_of(results[parts[i]], 0) < names_of(before, before.rows.size() - 1));
      }
    }
    std::vector<RowPlace> places;
    places.reserve(rows);
    if (in_order) {
      for (const std::uint32_t part : parts)
        for (std::uint32_t index = 0; index < results[part].rows.size(); ++index)
          places.push_back({part, index});
      return places;
    }
    std::vector<SortKey> keys;
    keys.reserve(rows);
    for (const std::uint32_t part : parts)
      for (std::uint32_t index = 0; index < results[part].rows.size(); ++index) {
        const auto [subject, detail] = names_of(results[part], index);
        keys.push_back({kind_rule_year(results[part].rows[index]),
                        name_prefix(subject),
                        subject,
                        detail,
                        {part, index}});
      }
    detail::stable_sort(threads_, keys, [](const SortKey& a, const SortKey& b) { return a < b; });
    for (const SortKey& key : keys) places.push_back(key.place);
    return places;
  }

  /// A row's place in the report's order. Kind, rule and year are packed
  /// into one number and the subject's first 8 bytes into another, so that
  /// most comparisons compare integers, not strings.
  struct SortKey {
    std::uint64_t kind_rule_year;
    std::uint64_t subject_prefix;
    std::string_view subject;
    std::string_view detail;
    RowPlace place;

    friend bool operator<(const SortKey& a, const SortKey& b) {
      if (a.kind_rule_year != b.kind_rule_year) return a.kind_rule_year < b.kind_rule_year;
      if (a.subject_prefix != b.subject_prefix) return a.subject_prefix < b.subject_prefix;
      // Names hold no NUL byte, so equal prefixes of names shorter than 8
      // bytes are equal names; the strings decide the rest.
      return std::tie(a.subject, a.detail) < std::tie(b.subject, b.detail);
    }
  };

  /// The rows copied once, into their place; the extras stay in the vectors
  /// the tasks wrote them to, which the table takes over in task order.
  void gather_in_order(TaskResults& results, const std::vector<RowPlace>& places,
                       detail::VerdictTableData& table) const {
    std::vector<std::size_t> extras_offset(results.size() + 1, 0);
    for (std::size_t part = 0; part < results.size(); ++part)
      extras_offset[part + 1] = extras_offset[part] + results[part].extras.size();
    // The tasks' shared side data follows the escalation chains.
    std::vector<std::size_t> shared_offset(results.size() + 1, table.chains.size());
    for (std::size_t part = 0; part < results.size(); ++part)
      shared_offset[part + 1] = shared_offset[part] + results[part].shared.size();
    table.rows.resize(places.size());
    detail::for_each_slice(threads_, places.size(), [&](std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i) {
        const auto [part, index] = places[i];
        VerdictRow row = results[part].rows[index];
        if (row.extras != VerdictRow::none)
          row.extras += static_cast<std::uint32_t>(extras_offset[part]);
        if (row.chain != VerdictRow::none && !escalates(row))
          row.chain += static_cast<std::uint32_t>(shared_offset[part]);
        table.rows[i] = row;
      }
    });
    for (std::size_t part = 0; part < results.size(); ++part) {
      std::move(results[part].shared.begin(), results[part].shared.end(),
                std::back_inserter(table.chains));
      if (results[part].extras.empty()) continue;
      table.extras_begin.push_back(static_cast<std::uint32_t>(extras_offset[part]));
      table.extras.push_back(std::move(results[part].extras));
    }
  }
  /// The Verdicts moved once, into their place.
  std::vector<Verdict> move_in_order(TaskResults& results,
                                     const std::vector<RowPlace>& places) const {
    std::vector<Verdict> ordered(places.size());
    detail::for_each_slice(threads_, places.size(), [&](std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i)
        ordered[i] = std::move(results[places[i].part].verdicts[places[i].index]);
    });
    return ordered;
  }

  /// What the awards need of a sanction: its row, missing facts and
  /// consequences, wherever the task keeps them.
  SanctionRef sanction_ref(const TaskOutput& part, std::size_t index) const {
    const VerdictRow& row = part.rows[index];
    if (materialize_)
      return {&row, &part.verdicts[index].missing, &part.verdicts[index].consequences};
    const RowExtras* extras = part.extras_of(row);
    return {&row, extras ? &extras->missing : &no_strings,
            row.chain != VerdictRow::none ? &part.shared[row.chain].consequences
            : extras                      ? &extras->consequences
                                          : &no_consequences};
  }

  // Helpers -------------------------------------------------------------------------

  std::string name(NameId id) const { return std::string(facts_.name(id)); }

  std::vector<NameId> expand(const BodyRef& ref, Interpreter& interpreter) {
    switch (ref.sort) {
      case BodyRef::Sort::body: {
        const NameId id = facts_.find_name(plan_.bodies[ref.index].name);
        return id == no_name ? std::vector<NameId>{} : std::vector<NameId>{id};
      }
      case BodyRef::Sort::group:
        return interpreter.group_members(ref.index);
      case BodyRef::Sort::parameter: {
        const Value value = interpreter.parameter_value(ref.index);
        return value.kind == ValueKind::entity ? std::vector<NameId>{value.entity}
                                               : std::vector<NameId>{};
      }
    }
    return {};
  }

  std::vector<NameId> expand_all(const std::vector<BodyRef>& refs, Interpreter& interpreter) {
    if (refs.size() == 1) return expand(refs.front(), interpreter);  // distinct already
    std::vector<NameId> bodies;
    std::unordered_set<NameId> seen;
    for (const BodyRef& ref : refs)
      for (const NameId id : expand(ref, interpreter))
        if (seen.insert(id).second) bodies.push_back(id);
    return bodies;
  }

  std::vector<Index> stage_programmes(const Stage& stage) const {
    if (stage.programme) return {*stage.programme};
    if (stage.programme_group) return plan_.groups[*stage.programme_group].members;
    return {};
  }

  std::vector<Obligation> obligations(const Stage& stage, Interpreter& interpreter) {
    std::vector<Obligation> result;
    for (const NameId body : expand_all(stage.obligated, interpreter))
      result.push_back({body, no_name});
    if (stage.obligates_leads) {
      for (const Index programme : stage_programmes(stage)) {
        const NameId programme_id = facts_.find_name(plan_.programmes[programme].name);
        for (const Role& role : plan_.programmes[programme].roles)
          if (role.kind == RoleKind::lead)
            for (const NameId body : expand_all(role.bodies, interpreter))
              result.push_back({body, programme_id});
      }
    }
    return result;
  }

  bool policy(const std::optional<syntax::Node>& expression, bool fallback,
              Interpreter& interpreter, Explanation& why) {
    if (!expression) return fallback;
    const Value value = interpreter.evaluate(*expression, why);
    return value.kind == ValueKind::boolean ? value.boolean : fallback;
  }

  /// The deadline days of a stage in a year (a list parameter gives several).
  std::vector<DayNumber> deadlines(const Stage& stage, Interpreter& interpreter, Explanation& why) {
    std::vector<DayNumber> days;
    const auto add = [&](const syntax::Node& node) {
      const Value value = interpreter.evaluate(node, why);
      if (value.kind == ValueKind::day) days.push_back(value.first);
    };
    const auto add_in_year = [&](const syntax::Node& node) {
      // A dated deadline (2018-06-30) concerns its own year only.
      if (node.kind == syntax::NodeKind::date &&
          to_date(interpreter.evaluate(node, why).first).year != interpreter.year())
        return;
      add(node);
    };
    for (const syntax::Node& due : stage.due) {
      const Symbol* symbol =
          due.kind == syntax::NodeKind::name ? cache_.resolved(due).symbol : nullptr;
      if (symbol && symbol->kind == SymbolKind::parameter) {
        const auto& values = env_.parameters.value(symbol->index, interpreter.year());
        std::vector<std::string> texts;
        for (const syntax::Node& value : values) texts.push_back(format_expression(value));
        why.children.push_back(
            {fmt::format("parameter {} = {}{}", due.text, fmt::join(texts, ", "),
                         env_.parameters.overridden(symbol->index) ? " (overridden)" : ""),
             {},
             {}});
        for (const syntax::Node& value : values) add_in_year(value);
      } else {
        add_in_year(due);
      }
    }
    std::sort(days.begin(), days.end());
    const bool inclusive = policy(plan_.metadata.inclusive_deadlines, true, interpreter, why);
    const bool shift = policy(plan_.metadata.shift_for_holidays, false, interpreter, why);
    for (DayNumber& day : days) {
      // The named day moves first (a Saturday deadline moves to Monday:
      // public holidays are not in the facts, weekends are known); the strict
      // reading then ends the day before it.
      if (shift) {
        const auto weekday =
            std::chrono::weekday(std::chrono::sys_days(std::chrono::days(day))).c_encoding();
        if (weekday == 6) day += 2;
        if (weekday == 0) day += 1;
      }
      if (!inclusive) --day;
    }
    return days;
  }

  /// Whether an event record counts for an obligation: made to one of the
  /// recipients (when the fact names one), for the obligation's programme
  /// (when both name one).
  static bool counts_for(const EventRecord& record, const Obligation& obligation,
                         const std::vector<NameId>& recipients) {
    if (!recipients.empty() && record.to != no_name &&
        std::find(recipients.begin(), recipients.end(), record.to) == recipients.end())
      return false;
    if (obligation.programme != no_name && record.programme != no_name &&
        record.programme != obligation.programme)
      return false;
    return true;
  }

  /// VerdictRow::rule of a stage, rule or quota: its place in plan order.
  std::uint32_t rule_index(const Stage& stage) const {
    return static_cast<std::uint32_t>(&stage - plan_.stages.data());
  }
  std::uint32_t rule_index(const Rule& rule) const {
    return static_cast<std::uint32_t>(plan_.stages.size() + (&rule - plan_.rules.data()));
  }
  std::uint32_t rule_index(const Quota& quota) const {
    return static_cast<std::uint32_t>(plan_.stages.size() + plan_.rules.size() +
                                      (&quota - plan_.quotas.data()));
  }

  template <typename Ruling>
  Draft base(VerdictKind kind, const Ruling& ruling, NameId subject, int year) const {
    Draft verdict;
    verdict.kind = kind;
    verdict.rule = rule_index(ruling);
    verdict.subject = subject;
    verdict.year = year;
    return verdict;
  }

  // Stages ----------------------------------------------------------------------------

  void deadline_verdicts(const Stage& stage, int year, std::span<const Obligation> obliged,
                         TaskOutput& out) {
    Interpreter interpreter(env_, year, no_name);
    Explanation policy_why;
    const std::vector<DayNumber> days = deadlines(stage, interpreter, policy_why);
    if (days.empty()) return;
    const std::vector<NameId> recipients = expand_all(stage.deliver_to, interpreter);
    if (obliged.empty()) {
      Draft verdict = base(VerdictKind::deadline, stage, no_name, year);
      verdict.outcome = Outcome::not_applicable;
      verdict.explanation.text = fmt::format("{}: no body is obliged in {}", stage.name, year);
      out.push_back(std::move(verdict));
      return;
    }
    const DayNumber year_start = to_day_number(Date{year, 1, 1});
    // A delivery answers one deadline only: a late first-half report does
    // not also serve the second half.
    // Before the period opens, a delivery is early only if it came after
    // the previous period's deadline; earlier ones answered that period.
    const Date last = to_date(days.back());
    const DayNumber last_deadline_before =
        to_day_number(Date{last.year - 1, last.month,
                           std::min(last.day, detail::days_in_month(last.year - 1, last.month))});
    std::vector<const EventRecord*> consumed;
    for (const Obligation& obligation : obliged) {
      consumed.clear();
      DayNumber window_start = year_start;
      DayNumber previous_deadline = last_deadline_before;
      for (const DayNumber deadline : days) {
        out.push_back(deadline_verdict(stage, year, obligation, recipients,
                                       {previous_deadline, window_start, deadline}, days.size() > 1,
                                       policy_why, consumed));
        previous_deadline = deadline;
        window_start = deadline + 1;
      }
    }
  }

  Draft deadline_verdict(const Stage& stage, int year, const Obligation& obligation,
                         const std::vector<NameId>& recipients, Period period,
                         bool several_deadlines, const Explanation& policy_why,
                         std::vector<const EventRecord*>& consumed) {
    const auto [previous_deadline, window_start, deadline] = period;
    const bool explain = env_.explain;
    const std::string subject = explain ? name(obligation.body) : std::string();
    Draft verdict = base(VerdictKind::deadline, stage, obligation.body, year);
    if (obligation.programme != no_name) verdict.detail = name(obligation.programme);
    if (several_deadlines)
      verdict.detail +=
          (verdict.detail.empty() ? "" : " ") + std::string("due ") + format_day(deadline);
    if (explain) {
      std::vector<std::string> deliverable_names;
      for (const Index event : stage.deliverables)
        deliverable_names.push_back(plan_.events[event].name);
      std::vector<std::string> recipient_names;
      for (const NameId id : recipients) recipient_names.push_back(name(id));
      verdict.explanation.text = fmt::format(
          "{} must deliver {}{} by {} (the last day){}", subject,
          fmt::join(deliverable_names, ", "),
          recipient_names.empty() ? "" : fmt::format(" to {}", fmt::join(recipient_names, "、")),
          format_day(deadline),
          obligation.programme != no_name ? " for " + name(obligation.programme) : "");
      verdict.explanation.children = policy_why.children;
    }

    int worst_late = 0;
    bool any_missing = false;
    bool any_pending = false;
    bool any_early = false;
    int days_left = 0;
    for (const Index event : stage.deliverables) {
      const NameId event_id = cache_.event_name(event);
      const EventRecord* delivered = nullptr;
      const EventRecord* early = nullptr;
      if (event_id != no_name) {
        for (const EventRecord& record : facts_.events(event_id, obligation.body)) {
          if (record.date > env_.as_of || !counts_for(record, obligation, recipients)) continue;
          if (std::find(consumed.begin(), consumed.end(), &record) != consumed.end()) continue;
          if (record.date < window_start) {
            if (record.date > previous_deadline) early = &record;
            continue;
          }
          delivered = &record;
          consumed.push_back(&record);
          break;
        }
      }
      Explanation step;
      if (delivered) {
        const int late = delivered->date - deadline;
        worst_late = std::max(worst_late, late);
        if (explain) {
          step.text =
              late <= 0 ? fmt::format("{} delivered on {}: on time", plan_.events[event].name,
                                      format_day(delivered->date))
                        : fmt::format("{} delivered on {}: {} day{} late", plan_.events[event].name,
                                      format_day(delivered->date), late, late == 1 ? "" : "s");
          step.facts.push_back({fmt::format("{} {} to {} on {}", plan_.events[event].name, subject,
                                            delivered->to == no_name ? "—" : name(delivered->to),
                                            format_day(delivered->date)),
                                source_of(delivered->source)});
        }
      } else if (early) {
        // Too early to count; still time to deliver again while the deadline is ahead.
        if (env_.as_of > deadline) {
          any_early = true;
        } else {
          any_pending = true;
          days_left = deadline - env_.as_of;
        }
        if (explain) {
          step.text = fmt::format(
              "{} was delivered on {}, before the period opened on {}: it does not count",
              plan_.events[event].name, format_day(early->date), format_day(window_start));
          step.facts.push_back({fmt::format("{} {} on {}", plan_.events[event].name, subject,
                                            format_day(early->date)),
                                source_of(early->source)});
        }
      } else if (env_.as_of > deadline) {
        any_missing = true;
        if (explain)
          step.text = fmt::format("no {} from {} by {} (as of {})", plan_.events[event].name,
                                  subject, format_day(deadline), format_day(env_.as_of));
      } else {
        any_pending = true;
        days_left = deadline - env_.as_of;
        if (explain)
          step.text = fmt::format("{} not delivered yet; {} day{} left", plan_.events[event].name,
                                  days_left, days_left == 1 ? "" : "s");
      }
      if (explain) verdict.explanation.children.push_back(std::move(step));
    }
    if (any_missing) {
      verdict.outcome = Outcome::missed;
    } else if (any_early) {
      verdict.outcome = Outcome::early;
    } else if (any_pending) {
      verdict.outcome = Outcome::pending;
      verdict.days = days_left;
    } else if (worst_late > 0) {
      verdict.outcome = Outcome::late;
      verdict.days = worst_late;
    } else {
      verdict.outcome = Outcome::met;
    }
    return verdict;
  }

  void campaign_verdicts(const Stage& stage, int year, std::span<const Obligation> obliged,
                         TaskOutput& out) {
    Interpreter interpreter(env_, year, no_name);
    Explanation why;
    const Value window = interpreter.evaluate(*stage.start_window, why);
    const Value duration =
        stage.duration ? interpreter.evaluate(*stage.duration, why) : Value::of_number(1);
    if (window.kind != ValueKind::window) return;
    const std::vector<NameId> recipients = expand_all(stage.deliver_to, interpreter);
    for (const Obligation& obligation : obliged) {
      Draft verdict = base(VerdictKind::campaign, stage, obligation.body, year);
      if (obligation.programme != no_name) verdict.detail = name(obligation.programme);
      verdict.explanation.text = fmt::format(
          "{} must start between {} and {} and last {} days", name(obligation.body),
          format_day(window.first), format_day(window.last), format_number(duration.number, false));
      verdict.explanation.children = why.children;
      const EventRecord* held = nullptr;
      for (const Index event : stage.deliverables) {
        const NameId event_id = cache_.event_name(event);
        if (event_id == no_name) continue;
        for (const EventRecord& record : facts_.events(event_id, obligation.body)) {
          if (record.date > env_.as_of || to_date(record.date).year != year) continue;
          if (!counts_for(record, obligation, recipients)) continue;
          held = &record;
          break;
        }
        if (held) break;
      }
      if (!held) {
        verdict.outcome = env_.as_of > window.last ? Outcome::missed : Outcome::pending;
        if (verdict.outcome == Outcome::pending) verdict.days = window.last - env_.as_of;
        verdict.explanation.children.push_back(
            {fmt::format("no record of the campaign in {} (as of {})", year,
                         format_day(env_.as_of)),
             {},
             {}});
        out.push_back(std::move(verdict));
        continue;
      }
      const int lasted = held->until - held->date + 1;
      Explanation step;
      step.text = fmt::format("held from {} to {}: {} day{}", format_day(held->date),
                              format_day(held->until), lasted, lasted == 1 ? "" : "s");
      step.facts.push_back({fmt::format("{} {} {}..{}", name(held->event), name(held->unit),
                                        format_day(held->date), format_day(held->until)),
                            source_of(held->source)});
      verdict.explanation.children.push_back(std::move(step));
      if (held->date < window.first || held->date > window.last)
        verdict.outcome = Outcome::started_outside;
      else if (lasted < static_cast<int>(duration.number) && held->until < env_.as_of)
        verdict.outcome = Outcome::too_short;
      else if (lasted < static_cast<int>(duration.number)) {
        verdict.outcome = Outcome::pending;
      } else
        verdict.outcome = Outcome::met;
      out.push_back(std::move(verdict));
    }
  }

  /// B3c: a recommended candidate must already hold the county-level title.
  void candidate_verdicts(const Stage& stage, int year, std::span<const Obligation> obliged,
                          TaskOutput& out) {
    for (const Obligation& obligation : obliged) {
      for (const Index event : stage.deliverables) {
        if (plan_.events[event].kind != "recommendation") continue;
        const NameId event_id = cache_.event_name(event);
        if (event_id == no_name) continue;
        for (const EventRecord& record : facts_.events(event_id, obligation.body)) {
          if (record.date > env_.as_of || to_date(record.date).year != year ||
              record.candidate == no_name || !counts_for(record, obligation, no_recipients))
            continue;
          Draft verdict = base(VerdictKind::prerequisite, stage, obligation.body, year);
          verdict.detail = name(record.candidate);
          std::vector<std::string> held;
          std::vector<std::string> lacking;
          for (const Index title : stage.candidate_titles) {
            const NameId title_id = cache_.title_name(title);
            const auto source = title_id == no_name
                                    ? std::nullopt
                                    : facts_.title_held(title_id, record.candidate, year);
            Explanation step;
            if (source) {
              held.push_back(plan_.titles[title].name);
              step.text = fmt::format("{} holds {} in {}", name(record.candidate),
                                      plan_.titles[title].name, year);
              step.facts.push_back(
                  {fmt::format("title {} {}", plan_.titles[title].name, name(record.candidate)),
                   source_of(*source)});
            } else {
              lacking.push_back(plan_.titles[title].name);
              step.text = fmt::format("no fact records {} holding {} in {}", name(record.candidate),
                                      plan_.titles[title].name, year);
            }
            verdict.explanation.children.push_back(std::move(step));
          }
          verdict.outcome = lacking.empty() ? Outcome::valid : Outcome::invalid;
          verdict.explanation.text =
              fmt::format("{} recommended {} on {}: a candidate must already hold {}",
                          name(obligation.body), name(record.candidate), format_day(record.date),
                          fmt::join(held.empty() ? lacking : held, ", "));
          verdict.explanation.facts.push_back(
              {fmt::format("{} {} candidate {} on {}", name(record.event), name(record.unit),
                           name(record.candidate), format_day(record.date)),
               source_of(record.source)});
          out.push_back(std::move(verdict));
        }
      }
    }
  }

  /// D1: what a stage delivers must not precede the completion of the
  /// stages it requires (a standard in use before its approval).
  void prerequisite_verdicts(const Stage& stage, int year, std::span<const Obligation> obliged,
                             TaskOutput& out) {
    Interpreter interpreter(env_, year, no_name);
    const DayNumber year_first = to_day_number(Date{year, 1, 1});
    const DayNumber year_last = to_day_number(Date{year, 12, 31});
    for (const Obligation& obligation : obliged) {
      const EventRecord* used = first_delivery(stage, obligation, year_first, year_last);
      if (!used) continue;  // nothing delivered: the deadline verdict says so
      for (const Index required_index : stage.prerequisites) {
        const Stage& required = plan_.stages[required_index];
        const EventRecord* completed =
            completion(required, obligation, year_first, year_last, interpreter);
        Draft verdict = base(VerdictKind::prerequisite, stage, obligation.body, year);
        verdict.detail = "requires " + required.name;
        verdict.explanation.text =
            fmt::format("{} ({}) needs {} first", stage.name, name(used->event), required.name);
        verdict.explanation.facts.push_back({fmt::format("{} {} on {}", name(used->event),
                                                         name(used->unit), format_day(used->date)),
                                             source_of(used->source)});
        if (completed && completed->date <= used->date) {
          verdict.outcome = Outcome::valid;
          verdict.explanation.children.push_back(
              {fmt::format("{} completed on {}", required.name, format_day(completed->date)),
               {{fmt::format("{} {} on {}", name(completed->event), name(completed->unit),
                             format_day(completed->date)),
                 source_of(completed->source)}},
               {}});
        } else {
          verdict.outcome = Outcome::invalid;
          verdict.explanation.children.push_back(
              {completed ? fmt::format("{} completed only on {}, after {} on {}", required.name,
                                       format_day(completed->date), name(used->event),
                                       format_day(used->date))
                         : fmt::format("{} not completed in {} before {}", required.name, year,
                                       format_day(used->date)),
               {},
               {}});
        }
        out.push_back(std::move(verdict));
      }
    }
  }

  const EventRecord* first_delivery(const Stage& stage, const Obligation& obligation,
                                    DayNumber first, DayNumber last) const {
    const EventRecord* found = nullptr;
    for (const Index event : stage.deliverables) {
      const NameId event_id = cache_.event_name(event);
      if (event_id == no_name) continue;
      for (const EventRecord& record : facts_.events(event_id, obligation.body)) {
        if (record.date < first || record.date > last || record.date > env_.as_of) continue;
        if (!counts_for(record, obligation, {})) continue;
        if (!found || record.date < found->date) found = &record;
        break;
      }
    }
    return found;
  }

  /// When a required stage was completed for an obligation: by the same body,
  /// or by the required stage's own obligated body towards this one (an
  /// approval 市综治办 → the lead department).
  const EventRecord* completion(const Stage& required, const Obligation& obligation,
                                DayNumber first, DayNumber last, Interpreter& interpreter) {
    if (const EventRecord* own = first_delivery(required, obligation, first, last)) return own;
    const EventRecord* found = nullptr;
    for (const Obligation& other : obligations(required, interpreter)) {
      for (const Index event : required.deliverables) {
        const NameId event_id = cache_.event_name(event);
        if (event_id == no_name) continue;
        for (const EventRecord& record : facts_.events(event_id, other.body)) {
          if (record.date < first || record.date > last || record.date > env_.as_of) continue;
          const bool towards =
              record.to == obligation.body ||
              (obligation.programme != no_name && record.programme == obligation.programme);
          if (towards && (!found || record.date < found->date)) found = &record;
        }
      }
    }
    return found;
  }

  // Rules -------------------------------------------------------------------------------

  std::vector<NameId> subjects(const Rule& rule, int year) {
    Interpreter interpreter(env_, year, no_name);
    std::vector<NameId> result;
    const auto subject = [&](NameId id) { return id != no_name && wanted(id); };
    if (rule.subjects.size() == 1) {
      // One group (38,700 towns, say): its members are distinct already.
      const Value value = interpreter.value_of(rule.subjects.front());
      if (value.kind == ValueKind::entity && subject(value.entity)) result.push_back(value.entity);
      std::copy_if(value.member_list().begin(), value.member_list().end(),
                   std::back_inserter(result), subject);
      sort_by_subject_name(result);
      return result;
    }
    std::unordered_set<NameId> seen;
    for (const syntax::Node& expression : rule.subjects) {
      const Value value = interpreter.value_of(expression);
      const auto add = [&](NameId id) {
        if (subject(id) && seen.insert(id).second) result.push_back(id);
      };
      if (value.kind == ValueKind::entity) add(value.entity);
      for (const NameId member : value.member_list()) add(member);
    }
    sort_by_subject_name(result);
    return result;
  }

  /// Subjects in the report's order, so that their rows need no sorting.
  void sort_by_subject_name(std::vector<NameId>& subjects) const {
    sort_by_names(subjects, [&](NameId id) {
      return std::pair(detail::subject_name(facts_, id), std::string_view());
    });
  }

  /// The verdicts of `rule` about the interpreter's subject.
  void rule_verdict(const Rule& rule, Interpreter& interpreter, TaskOutput& out) {
    const int year = interpreter.year();
    const NameId subject = interpreter.subject();
    const std::string subject_name = env_.explain ? name(subject) : std::string();  // for the trees
    const VerdictKind kind = rule.kind == RuleKind::target     ? VerdictKind::target
                             : rule.kind == RuleKind::goal     ? VerdictKind::goal
                             : rule.kind == RuleKind::sanction ? VerdictKind::sanction
                                                               : VerdictKind::award;
    if (rule.kind == RuleKind::target || rule.kind == RuleKind::goal) {
      for (std::size_t i = 0; i < rule.requirements.size(); ++i) {
        const Requirement& requirement = rule.requirements[i];
        std::optional<Date> by;
        if (requirement.by) {
          const Value day = interpreter.value_of(*requirement.by);
          if (day.kind == ValueKind::day) by = to_date(day.first);
        }
        if (by && year > by->year) continue;  // assessed once, at its date
        Draft verdict = base(kind, rule, subject, year);
        if (rule.requirements.size() > 1) verdict.detail = interpreter.text(requirement.condition);
        const Value value =
            interpreter.evaluate_condition(requirement.condition, verdict.explanation);
        const bool final_year = !by || year == by->year;
        if (value.is_unknown())
          verdict.outcome = Outcome::unknown;
        else if (rule.kind == RuleKind::goal)
          verdict.outcome = value.boolean ? Outcome::reached : Outcome::not_reached;
        else if (final_year)
          verdict.outcome = value.boolean ? Outcome::met : Outcome::not_met;
        else
          verdict.outcome = value.boolean ? Outcome::on_track : Outcome::behind;
        if (env_.explain)
          verdict.explanation.text = fmt::format(
              "{} {} for {} in {}: {}{}", rule_kind_name(rule.kind), rule.name, subject_name, year,
              interpreter.text(requirement.condition),
              by ? fmt::format(" (assessed at {:04}-{:02}-{:02})", by->year, by->month, by->day)
                 : "");
        verdict.missing = interpreter.missing();
        out.push_back(std::move(verdict));
      }
      return;
    }
    Draft verdict = base(kind, rule, subject, year);
    const Value value = rule.condition
                            ? interpreter.evaluate_condition(*rule.condition, verdict.explanation)
                            : Value::unknown();
    verdict.missing = interpreter.missing();
    if (env_.explain)
      verdict.explanation.text =
          fmt::format("{} {} for {} in {}: {}", rule_kind_name(rule.kind), rule.name, subject_name,
                      year, rule.condition ? interpreter.text(*rule.condition) : "—");
    if (rule.kind == RuleKind::sanction) {
      verdict.outcome = value.is_unknown() ? Outcome::unknown
                        : value.boolean    ? Outcome::applies
                                           : Outcome::does_not_apply;
      if (verdict.outcome == Outcome::applies) {
        if (!env_.explain && cache_.same_consequences_for_all(rule)) {
          // Worked out for the first subject of the task; the others share
          // them, their own name replacing its name where a referral starts.
          if (out.shared.empty()) {
            Draft first = base(kind, rule, subject, year);
            add_all_consequences(rule, interpreter, first);
            out.shared.push_back(
                {std::move(first.escalation), name(subject), std::move(first.consequences), true});
          }
          verdict.shared = 0;
        } else {
          add_all_consequences(rule, interpreter, verdict);
        }
      }
    } else {
      verdict.outcome = value.is_unknown() ? Outcome::unknown
                        : value.boolean    ? Outcome::granted
                                           : Outcome::not_granted;
      if (verdict.outcome == Outcome::granted && rule.unless_disqualified) defeat(verdict);
      if (!rule.grant.empty())
        verdict.detail =
            rule.grant + (rule.granted_by ? " by " + body_name(*rule.granted_by, interpreter) : "");
    }
    out.push_back(std::move(verdict));
  }

  std::string body_name(const BodyRef& ref, Interpreter& interpreter, Explanation* why = nullptr) {
    if (why && ref.sort == BodyRef::Sort::parameter) interpreter.parameter(ref.index, *why);
    const std::vector<NameId> bodies = expand(ref, interpreter);
    std::vector<std::string> names;
    for (const NameId id : bodies) names.push_back(name(id));
    return fmt::format("{}", fmt::join(names, "、"));
  }

  void add_all_consequences(const Rule& rule, Interpreter& interpreter, Draft& verdict) {
    for (const Index consequence : rule.consequences)
      add_consequences(plan_.consequences[consequence], interpreter, verdict);
    if (rule.inline_consequence) add_consequences(*rule.inline_consequence, interpreter, verdict);
  }

  void add_consequences(const Consequence& consequence, Interpreter& interpreter, Draft& verdict) {
    if (consequence.disqualify)
      verdict.consequences.push_back(
          {"disqualify", fmt::format("loses award eligibility for {}", verdict.year)});
    if (consequence.deduction) {
      const Value points = interpreter.evaluate(*consequence.deduction, verdict.explanation);
      verdict.consequences.push_back(
          {"deduct", points.is_unknown() ? "points: unknown"
                                         : format_number(points.number, false) + " points"});
    }
    if (consequence.refer_to) {
      const std::string deciders =
          body_name(*consequence.refer_to, interpreter, &verdict.explanation);
      verdict.consequences.push_back(
          {"refer", "referred for accountability to " + deciders +
                        " (a referral with its reasons; the decision is theirs)"});
      // A sanction escalates straight to the bodies that decide it.
      for (const NameId body : expand(*consequence.refer_to, interpreter))
        verdict.escalation.push_back(
            {1, name(verdict.subject), name(body), "refer_to", consequence.citations});
    }
  }

  /// An award is withheld when a sanction that disqualifies applies to the
  /// same subject and year; unknown when such a sanction is unknown.
  void defeat(Draft& verdict) const {
    const auto it = sanctions_.find({verdict.subject, verdict.year});
    if (it == sanctions_.end()) return;
    bool unknown = false;
    for (const auto& [sanction, missing, consequences] : it->second) {
      const bool disqualifies =
          std::any_of(consequences->begin(), consequences->end(),
                      [](const ConsequenceOutcome& c) { return c.kind == "disqualify"; });
      if (sanction->outcome == Outcome::applies && disqualifies) {
        verdict.withheld_by.push_back(*rules_[sanction->rule].name);
      } else if (sanction->outcome == Outcome::unknown && sanction_disqualifies(*sanction)) {
        unknown = true;
      }
    }
    if (!verdict.withheld_by.empty()) {
      verdict.outcome = Outcome::withheld;
      verdict.explanation.children.push_back(
          {fmt::format("award eligibility for {} removed by {}", verdict.year,
                       fmt::join(verdict.withheld_by, ", ")),
           {},
           {}});
    } else if (unknown) {
      // Only now do the unknown sanctions matter: their missing facts are ours.
      for (const auto& [sanction, missing, consequences] : it->second)
        if (sanction->outcome == Outcome::unknown)
          for (const std::string& fact : *missing)
            if (std::find(verdict.missing.begin(), verdict.missing.end(), fact) ==
                verdict.missing.end())
              verdict.missing.push_back(fact);
      verdict.outcome = Outcome::unknown;
      verdict.explanation.children.push_back(
          {"eligibility cannot be confirmed: a sanction that would remove it is unknown", {}, {}});
    }
  }

  bool sanction_disqualifies(const VerdictRow& sanction) const {
    const Rule& rule = plan_.rules.at(sanction.rule - plan_.stages.size());
    if (rule.inline_consequence && rule.inline_consequence->disqualify) return true;
    return std::any_of(rule.consequences.begin(), rule.consequences.end(),
                       [&](Index c) { return plan_.consequences[c].disqualify; });
  }

  // Quotas --------------------------------------------------------------------------------

  /// Whether an event's programme falls under a quota column.
  bool under(NameId event_programme, Index column) const {
    const std::string_view programme_name = facts_.name(event_programme);
    const Symbol* symbol = plan_.find(programme_name);
    if (!symbol || symbol->kind != SymbolKind::programme) return false;
    Index current = symbol->index;
    for (int depth = 0; depth < 16; ++depth) {
      if (current == column) return true;
      const Programme& programme = plan_.programmes[current];
      if (programme.parent_programme) {
        current = *programme.parent_programme;
      } else {
        return false;
      }
    }
    return false;
  }

  void quota_verdicts(const Quota& quota, int year, TaskOutput& out) {
    const DayNumber first = to_day_number(Date{year, 1, 1});
    const DayNumber last = to_day_number(Date{year, 12, 31});
    for (const QuotaRow& row : quota.rows) {
      const NameId body = facts_.find_name(plan_.bodies[row.body].name);
      const std::size_t columns = std::max<std::size_t>(1, quota.columns.size());
      for (std::size_t c = 0; c < columns; ++c) {
        const std::optional<std::int64_t> limit = row.cells[c];
        Draft verdict = base(VerdictKind::quota, quota, body, year);
        verdict.detail = quota.columns.empty() ? "" : plan_.programmes[quota.columns[c]].name;
        verdict.explanation.text = fmt::format("{}{}: at most {}", name(body),
                                               verdict.detail.empty() ? "" : " · " + verdict.detail,
                                               limit ? std::to_string(*limit) : "none (—)");
        bool over = false;
        for (const Index event : quota.limits) {
          const NameId event_id = cache_.event_name(event);
          std::int64_t counted = 0;
          Explanation step;
          if (event_id != no_name) {
            for (const EventRecord& record : facts_.events(event_id, body)) {
              if (record.date < first || record.date > last || record.date > env_.as_of) continue;
              // One column: every event of the row counts; several: its programme's.
              if (!quota.columns.empty() && quota.columns.size() > 1 &&
                  !under(record.programme, quota.columns[c]))
                continue;
              ++counted;
              step.facts.push_back(
                  {fmt::format("{} {} {} {}", plan_.events[event].name, name(record.unit),
                               name(record.candidate), format_day(record.date)),
                   source_of(record.source)});
            }
          }
          const std::int64_t allowed = limit.value_or(0);
          step.text =
              fmt::format("{}: {} of {} allowed", plan_.events[event].name, counted, allowed);
          if (counted > allowed) over = true;
          verdict.explanation.children.push_back(std::move(step));
        }
        verdict.outcome = over ? Outcome::over_quota : Outcome::within_quota;
        out.push_back(std::move(verdict));
      }
    }
  }

  // Tasks -----------------------------------------------------------------------------------

  std::vector<Planner> first_phase_planners() {
    std::vector<Planner> planners;
    // Obligations are expanded once per stage and year, and cut into chunks.
    for (const Stage& stage : plan_.stages) {
      for (const int year : years_) {
        planners.push_back([this, &stage, year](std::vector<Task>& tasks) {
          Interpreter interpreter(env_, year, no_name);
          std::vector<Obligation> all = obligations(stage, interpreter);
          std::erase_if(all, [&](const Obligation& o) { return !wanted(o.body); });
          // In the report's order of subjects, so that the rows mostly need
          // no sorting. A body's programmes keep the plan's order, which
          // orders verdicts that differ by programme but not by detail.
          sort_by_names(all, [&](const Obligation& o) {
            return std::pair(detail::subject_name(facts_, o.body), std::string_view());
          });
          const auto obliged = std::make_shared<const std::vector<Obligation>>(std::move(all));
          const auto add = [&](auto member) {
            for_each_chunk(obliged->size(), [&](std::size_t from, std::size_t count) {
              tasks.push_back([this, &stage, year, obliged, from, count, member](TaskOutput& out) {
                (this->*member)(stage, year,
                                std::span<const Obligation>(obliged->data() + from, count), out);
              });
            });
          };
          if (!stage.due.empty() && !stage.deliverables.empty()) add(&Engine::deadline_verdicts);
          if (stage.start_window && !stage.deliverables.empty()) add(&Engine::campaign_verdicts);
          if (!stage.candidate_titles.empty()) add(&Engine::candidate_verdicts);
          if (!stage.prerequisites.empty() && !stage.deliverables.empty())
            add(&Engine::prerequisite_verdicts);
        });
      }
    }
    for (const Rule& rule : plan_.rules)
      if (rule.kind != RuleKind::award) add_rule_planners(rule, planners);
    for (const Quota& quota : plan_.quotas)
      for (const int year : years_)
        if (quota.first_year == 0 || (year >= quota.first_year && year <= quota.last_year))
          planners.push_back([this, &quota, year](std::vector<Task>& tasks) {
            tasks.push_back(
                [this, &quota, year](TaskOutput& out) { quota_verdicts(quota, year, out); });
          });
    return planners;
  }

  std::vector<Planner> award_planners() {
    std::vector<Planner> planners;
    for (const Rule& rule : plan_.rules)
      if (rule.kind == RuleKind::award) add_rule_planners(rule, planners);
    return planners;
  }

  void add_rule_planners(const Rule& rule, std::vector<Planner>& planners) {
    for (const int year : years_)
      planners.push_back([this, &rule, year](std::vector<Task>& tasks) {
        const auto subjects =
            std::make_shared<const std::vector<NameId>>(this->subjects(rule, year));
        for_each_chunk(subjects->size(), [&](std::size_t from, std::size_t count) {
          tasks.push_back([this, &rule, year, subjects, from, count](TaskOutput& out) {
            // One interpreter for the task: what does not depend on the
            // subject (parameters, population averages) is computed once.
            Interpreter interpreter(env_, year, no_name);
            for (const NameId subject : std::span(subjects->data() + from, count)) {
              interpreter.begin_subject(subject);
              rule_verdict(rule, interpreter, out);
            }
          });
        });
      });
  }

  /// Calls `chunk(from, count)` for slices of [0, total) of at most
  /// subjects_per_task; once, with nothing, when total is 0 (a stage nobody
  /// is obliged to still has its verdict).
  template <typename Chunk>
  static void for_each_chunk(std::size_t total, const Chunk& chunk) {
    for (std::size_t from = 0; from < std::max<std::size_t>(1, total); from += subjects_per_task)
      chunk(from, std::min(subjects_per_task, total - std::min(from, total)));
  }

  std::string source_of(const FactSource& source) const {
    const std::string& file = facts_.source_name(source.file);
    return source.line > 0 ? fmt::format("{}:{}", file, source.line) : file;
  }

  const Plan& plan_;
  const FactStore& facts_;
  detail::EvaluationCache cache_;
  Environment env_;
  std::vector<int> years_;
  std::unordered_set<NameId> only_;  // EvaluationOptions::subjects; empty: everyone
  unsigned threads_ = 1;
  const std::vector<detail::RuleRef> rules_;  // by VerdictRow::rule
  const std::vector<NameId> plan_bodies_;     // sorted
  bool materialize_ = false;                  // a report of Verdicts is asked for, not a table
  /// Sanction verdicts that apply or are unknown, by (subject, year); the
  /// rows and extras of phase 1 outlive the awards phase that reads them.
  struct SubjectYearHash {
    std::size_t operator()(const std::pair<NameId, int>& key) const noexcept {
      return std::hash<std::uint64_t>{}(std::uint64_t{key.first} << 32 |
                                        static_cast<std::uint32_t>(key.second));
    }
  };
  std::unordered_map<std::pair<NameId, int>, std::vector<SanctionRef>, SubjectYearHash> sanctions_;
};

}  // namespace

std::string_view verdict_kind_name(VerdictKind kind) noexcept {
  switch (kind) {
    case VerdictKind::deadline:
      return "deadline";
    case VerdictKind::campaign:
      return "campaign";
    case VerdictKind::prerequisite:
      return "prerequisite";
    case VerdictKind::target:
      return "target";
    case VerdictKind::goal:
      return "goal";
    case VerdictKind::sanction:
      return "sanction";
    case VerdictKind::award:
      return "award";
    case VerdictKind::quota:
      return "quota";
  }
  return "?";
}

std::string_view outcome_name(Outcome outcome) noexcept {
  switch (outcome) {
    case Outcome::met:
      return "met";
    case Outcome::late:
      return "late";
    case Outcome::missed:
      return "missed";
    case Outcome::pending:
      return "pending";
    case Outcome::early:
      return "early";
    case Outcome::not_applicable:
      return "not_applicable";
    case Outcome::too_short:
      return "too_short";
    case Outcome::started_outside:
      return "started_outside";
    case Outcome::valid:
      return "valid";
    case Outcome::invalid:
      return "invalid";
    case Outcome::not_met:
      return "not_met";
    case Outcome::on_track:
      return "on_track";
    case Outcome::behind:
      return "behind";
    case Outcome::reached:
      return "reached";
    case Outcome::not_reached:
      return "not_reached";
    case Outcome::applies:
      return "applies";
    case Outcome::does_not_apply:
      return "does_not_apply";
    case Outcome::granted:
      return "granted";
    case Outcome::withheld:
      return "withheld";
    case Outcome::not_granted:
      return "not_granted";
    case Outcome::within_quota:
      return "within_quota";
    case Outcome::over_quota:
      return "over_quota";
    case Outcome::unknown:
      return "unknown";
  }
  return "?";
}

bool is_violation(Outcome outcome) noexcept {
  switch (outcome) {
    case Outcome::late:
    case Outcome::missed:
    case Outcome::early:
    case Outcome::too_short:
    case Outcome::started_outside:
    case Outcome::invalid:
    case Outcome::not_met:
    case Outcome::applies:
    case Outcome::over_quota:
      return true;
    default:
      return false;
  }
}

namespace {

/// `evaluate()` of the facts, or, when they were loaded for another plan
/// than `plan`, the error that says so (facts are validated against one plan).
template <typename Result, typename Evaluate>
Result for_plan(const Plan& plan, const FactStore& facts, const Evaluate& evaluate) {
  if (&plan == &facts.plan()) return evaluate();
  Result result;
  Diagnostic diagnostic;
  diagnostic.code = Code::bad_value;
  diagnostic.file = plan.source_name;
  diagnostic.message =
      "the facts were loaded for another plan; load them into a FactStore of this plan";
  result.errors.push_back(std::move(diagnostic));
  return result;
}

}  // namespace

EvaluationResult evaluate(const Plan& plan, const FactStore& facts,
                          const EvaluationOptions& options) {
  return for_plan<EvaluationResult>(plan, facts, [&] { return evaluate(facts, options); });
}

TableResult evaluate_table(const Plan& plan, const FactStore& facts,
                           const EvaluationOptions& options) {
  return for_plan<TableResult>(plan, facts, [&] { return evaluate_table(facts, options); });
}

namespace {

/// A cycle among parameter values once the overrides replace the values
/// they override ("A → B → A"), or nothing. The checker rejects cycles in
/// the plan; an override naming another parameter can still close one.
std::optional<std::string> parameter_cycle(const Plan& plan, const detail::Parameters& parameters) {
  std::optional<std::string> found;
  detail::for_each_cycle(
      plan.parameters.size(),
      [&](Index parameter) {
        std::vector<Index> named;
        for (const std::vector<syntax::Node>* values : parameters.values_in_any_year(parameter)) {
          const auto more = detail::mentioned(plan, *values, SymbolKind::parameter);
          named.insert(named.end(), more.begin(), more.end());
        }
        return named;
      },
      [&](std::span<const Index> members) {
        std::string text;
        for (const Index member : members) text += plan.parameters[member].name + " → ";
        found = text + plan.parameters[members.front()].name;
        return false;  // one is enough
      });
  return found;
}

}  // namespace

namespace {

/// What `evaluate` and `evaluate_table` share: the table's data, or nothing
/// when `errors` says why there is none.
std::optional<detail::VerdictTableData> run_evaluation(const FactStore& facts,
                                                       const EvaluationOptions& options,
                                                       std::vector<Diagnostic>& errors,
                                                       std::vector<Verdict>* report = nullptr) {
  const Plan& plan = facts.plan();

  // Parameter overrides: plan syntax, checked against the declared type.
  std::map<Index, std::vector<syntax::Node>> overrides;
  for (const auto& [parameter_name, text] : options.parameters) {
    const SourceFile source(fmt::format("{} {}", detail::option_parameters, parameter_name), text);
    DiagnosticSink sink(source);
    const Symbol* symbol = plan.find(parameter_name);
    if (!symbol || symbol->kind != SymbolKind::parameter) {
      sink.report(Code::unknown_name, Span{0, static_cast<std::uint32_t>(text.size())},
                  fmt::format("'{}' is not a parameter of the plan", parameter_name));
    } else {
      ValuesParseResult parsed = parse_values(source);
      for (Diagnostic& diagnostic : parsed.diagnostics) errors.push_back(std::move(diagnostic));
      if (!parsed.values.empty()) {
        detail::ExpressionChecker checker(plan, sink);
        checker.check_values(parsed.values, plan.parameters[symbol->index].type,
                             fmt::format("the value of '{}'", parameter_name));
        if (!sink.has_errors()) overrides[symbol->index] = std::move(parsed.values);
      }
    }
    for (Diagnostic& diagnostic : std::move(sink).take()) errors.push_back(std::move(diagnostic));
  }
  const detail::Parameters parameters(plan, std::move(overrides));
  if (const std::optional<std::string> cycle = parameter_cycle(plan, parameters)) {
    Diagnostic diagnostic;
    diagnostic.code = Code::cycle;
    diagnostic.file = detail::option_parameters;
    diagnostic.message =
        fmt::format("with the overrides, parameter values form a cycle: {}", *cycle);
    errors.push_back(std::move(diagnostic));
  }

  detail::check_dates(plan, options, errors);
  if (has_errors(errors)) return std::nullopt;
  std::vector<int> years = options.years;
  if (years.empty())
    for (int year = plan.metadata.first_year;
         year <= plan.metadata.last_year && year <= options.as_of.year; ++year)
      years.push_back(year);

  std::unordered_set<NameId> only;
  for (const std::string& subject : options.subjects) {
    const NameId unit = facts.resolve_unit(subject);
    const NameId id = unit != no_name ? unit : facts.find_name(subject);
    if (id == no_name) {
      Diagnostic diagnostic;
      diagnostic.code = Code::unknown_name;
      diagnostic.file = detail::option_subjects;
      diagnostic.message =
          fmt::format("'{}' is not a body of the plan nor a unit of the facts", subject);
      errors.push_back(std::move(diagnostic));
    }
    only.insert(id);
  }
  if (has_errors(errors)) return std::nullopt;

  Engine engine(facts, parameters, to_day_number(options.as_of), years,
                options.explanations == Explanations::full, std::move(only));
  detail::VerdictTableData table(facts);
  table.plan_title = plan.metadata.title;
  table.years = years;
  table.as_of = options.as_of;
  for (Index i = 0; i < plan.parameters.size(); ++i) {
    const auto& value =
        parameters.value(i, years.empty() ? plan.metadata.first_year : years.front());
    std::vector<std::string> texts;
    for (const syntax::Node& node : value) texts.push_back(format_expression(node));
    table.parameters.push_back({plan.parameters[i].name, fmt::format("{}", fmt::join(texts, ", ")),
                                parameters.overridden(i)});
  }
  engine.run(detail::worker_count(options.threads), table, report);
  return table;
}

}  // namespace

EvaluationResult evaluate(const FactStore& facts, const EvaluationOptions& options) {
  EvaluationResult result;
  std::vector<Verdict> verdicts;
  if (const std::optional<detail::VerdictTableData> table =
          run_evaluation(facts, options, result.errors, &verdicts)) {
    result.report = detail::report_header(*table);
    result.report->verdicts = std::move(verdicts);
  }
  return result;
}

TableResult evaluate_table(const FactStore& facts, const EvaluationOptions& options) {
  TableResult result;
  if (std::optional<detail::VerdictTableData> table = run_evaluation(facts, options, result.errors))
    result.table =
        VerdictTable(std::make_shared<const detail::VerdictTableData>(std::move(*table)));
  return result;
}

}  // namespace mandate
