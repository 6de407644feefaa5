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
#include "check/suggest.hpp"
#include "evaluate/context.hpp"
#include "evaluate/options.hpp"
#include "evaluate/parallel.hpp"
#include "evaluate/verdicts/verdicts.hpp"
#include "support/name_order.hpp"
#include "support/text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <numeric>
#include <span>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>

namespace mandate {
namespace {

using detail::escalates;
using detail::EvaluationContext;
using detail::format_text;
using detail::Interpreter;
using detail::Obligation;
using detail::RowExtras;
using detail::SanctionIndex;
using detail::SanctionRef;
using detail::TaskOutput;
using detail::Value;
using detail::ValueKind;

constexpr std::size_t kind_order(VerdictKind kind) { return static_cast<std::size_t>(kind); }

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
  const std::vector<std::uint32_t> order = detail::stable_name_order(
      items.size(), [&](std::size_t i) { return detail::name_prefix(names(items[i]).first); },
      [&](std::uint32_t a, std::uint32_t b) { return names(items[a]) < names(items[b]); });
  std::vector<Item> sorted;
  sorted.reserve(items.size());
  for (const std::uint32_t index : order) sorted.push_back(std::move(items[index]));
  items = std::move(sorted);
}

/// A row's place among the tasks' outputs: the task, and the row in it.
struct RowPlace {
  std::uint32_t part;
  std::uint32_t index;
};
/// One unit of work: a stage, rule or quota for one year and up to
/// `subjects_per_task` of its subjects.
using Task = std::function<void(TaskOutput&)>;
/// Expands one stage, rule or quota for one year into its tasks. Expanding
/// (a group of 38,700 towns, say) is itself work for the threads.
using Planner = std::function<void(std::vector<Task>&)>;
/// Small enough that a stage obliging thousands of units spreads over the
/// threads, and that a task's side data stays below the 64 KiB whose release
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
  static inline const std::vector<std::string> no_strings;
  static inline const std::vector<ConsequenceOutcome> no_consequences;

  explicit Engine(const EvaluationContext& context)
      : context_(context), plan_(context.plan), facts_(context.facts) {}

  void run(unsigned threads, detail::VerdictTableData& table, std::vector<Verdict>* report) {
    threads_ = threads;
    table.rules = context_.rules;
    // Phase 1: everything but awards. Whether a task wrote its rows in the
    // report's order is found as it ends, while they are in the cache; a
    // filter of subjects drops rows first, and it is found after.
    std::vector<PartOrder> part_orders;
    TaskResults results =
        run_tasks(plan_tasks(first_phase_planners()), context_.filtered() ? nullptr : &part_orders);
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
    // sanctions of phase 1, and, after a filter, whether each task of phase 1
    // wrote its rows in the report's order. The escalation job writes
    // VerdictRow::chain of phase 1's rows while the order jobs read their
    // other members, field by field: no job copies a whole row until the
    // pool is done.
    const std::vector<Task> award_tasks = plan_tasks(award_planners());
    TaskResults awards(award_tasks.size());
    std::vector<std::function<void()>> jobs;
    jobs.emplace_back([&] { table.chains = add_escalations(results); });
    for (std::size_t i = 0; i < award_tasks.size(); ++i)
      jobs.emplace_back([&, i] { run_task(award_tasks[i], awards[i]); });
    if (context_.filtered()) {
      part_orders.resize(results.size());
      for (std::size_t part = 0; part < results.size(); ++part)
        jobs.emplace_back([&, part] { part_orders[part] = part_order(results[part]); });
    }
    detail::for_each_index(threads_, jobs.size(), [&](std::size_t job) { jobs[job](); });
    keep_only_wanted(awards);
    std::move(awards.begin(), awards.end(), std::back_inserter(results));
    for (std::size_t part = part_orders.size(); part < results.size(); ++part)
      part_orders.push_back(part_order(results[part]));
    const ReportOrder order = report_order(results, part_orders);
    if (report) {
      *report = build_in_order(results, order, table.chains);
    } else {
      gather_in_order(results, order, table);
    }
  }

  /// Whether verdicts about `id` are asked for (EvaluationOptions::subjects).
  bool wanted(NameId id) const { return context_.wanted(id); }

  /// With EvaluationOptions::subjects, drops the verdicts about anyone else
  /// that the filtered obligations and subjects still gave ("no body is
  /// obliged", quotas of other bodies). Their extras stay, unused.
  void keep_only_wanted(TaskResults& results) const {
    if (!context_.filtered()) return;
    for (TaskOutput& part : results) {
      std::size_t kept = 0;
      for (std::size_t i = 0; i < part.rows.size(); ++i) {
        if (!wanted(part.rows[i].subject)) continue;
        if (kept != i) part.rows[kept] = part.rows[i];
        ++kept;
      }
      part.rows.resize(kept);
    }
  }

 private:
  struct PartOrder;  // whether a task wrote its rows in the report's order

  /// The escalation chains of the violations of stages. The graph is built
  /// only when there is one; chains are shared per stage and body.
  std::vector<detail::SharedChain> add_escalations(TaskResults& results) const {
    // A unit of the facts has no edge of its own but `part_of`, so units of
    // one kind under one parent failing one stage share their chain but for
    // their own name: it is computed once, for the first of them. (Escalating
    // each one would scan the stage's obligations once per failure.) A body
    // of the plan, or a unit the facts do not know, has a chain of its own.
    std::vector<const VerdictRow*> first_of_chain;  // the violation whose subject it names
    std::map<std::tuple<std::uint32_t, NameId, NameId>, std::uint32_t> shared;
    const VerdictRow* previous = nullptr;
    for (TaskOutput& part : results)
      for (VerdictRow& row : part.rows) {
        if (!escalates(row)) continue;
        // The periods of a recurring stage failed by one body follow each
        // other, and a chain depends on the stage and the body only.
        if (previous && previous->rule == row.rule && previous->subject == row.subject) {
          row.chain = previous->chain;
          continue;
        }
        previous = &row;
        const NameId unit = facts_.resolve_unit(row.subject);
        // A unit with a reporting line of its own (`reports_to` in the facts)
        // climbs it: its chain is its own too.
        const bool own = unit == no_name || context_.is_plan_body(row.subject) ||
                         facts_.unit_superior(unit) != no_name;
        const auto key = std::tuple(row.rule, facts_.unit_kind(unit), facts_.unit_parent(unit));
        const auto next = static_cast<std::uint32_t>(first_of_chain.size());
        const auto [it, added_chain] =
            own ? std::pair(shared.end(), true) : shared.try_emplace(key, next);
        if (added_chain) first_of_chain.push_back(&row);
        row.chain = added_chain ? next : it->second;
      }
    if (first_of_chain.empty()) return {};
    // The graph holds the plan and only the units whose chain is computed,
    // with their ancestors: escalations climb from them, and no other unit
    // of the facts can be on a chain (docs/graph.md, escalate, rule 2).
    std::vector<UnitRecord> units;
    std::unordered_set<NameId> added;
    const auto add_with_ancestors = [&](NameId from) {
      std::vector<NameId> chain;  // the unit, then its ancestors below the plan's bodies
      for (NameId unit = from; unit != no_name; unit = facts_.unit_parent(unit)) {
        if (context_.is_plan_body(unit) || !added.insert(unit).second) break;
        chain.push_back(unit);
      }
      for (auto it = chain.rbegin(); it != chain.rend(); ++it)  // parents first
        units.push_back({std::string(facts_.name(*it)),
                         std::string(facts_.name(facts_.unit_kind(*it))),
                         std::string(facts_.name(facts_.unit_parent(*it))),
                         {},
                         std::string(facts_.name(facts_.unit_superior(*it)))});
      return chain;
    };
    for (const VerdictRow* violation : first_of_chain) {
      // The unit and its ancestors, and the units they report to, with theirs.
      std::vector<NameId> pending = {facts_.resolve_unit(violation->subject)};
      while (!pending.empty()) {
        const NameId from = pending.back();
        pending.pop_back();
        for (const NameId unit : add_with_ancestors(from))
          if (const NameId superior = facts_.unit_superior(unit); superior != no_name)
            pending.push_back(superior);
      }
    }
    const ResponsibilityGraph graph = ResponsibilityGraph::build(plan_, units);
    std::vector<detail::SharedChain> chains(first_of_chain.size());
    for (std::size_t c = 0; c < chains.size(); ++c) {
      const VerdictRow& row = *first_of_chain[c];
      chains[c].named = facts_.name(row.subject);
      try {
        for (const EscalationStep& step :
             graph.escalate(*context_.rules[row.rule].name, chains[c].named).steps)
          chains[c].links.push_back({step.level, step.from, step.to,
                                     std::string(edge_kind_name(step.via)), step.clause,
                                     step.instruments, step.feeds, step.from_facts});
      } catch (const GraphLookupError&) {
        // Not obliged through the graph (e.g. a parameter body): no chain.
      }
    }
    return chains;
  }

  // Scheduling ----------------------------------------------------------------------

  /// With `orders`, each task's PartOrder too.
  TaskResults run_tasks(const std::vector<Task>& tasks,
                        std::vector<PartOrder>* orders = nullptr) const {
    TaskResults results(tasks.size());
    if (orders) orders->resize(tasks.size());
    detail::for_each_index(threads_, tasks.size(), [&](std::size_t i) {
      run_task(tasks[i], results[i]);
      if (orders) (*orders)[i] = part_order(results[i]);
    });
    return results;
  }

  void run_task(const Task& task, TaskOutput& result) const {
    // Filled on the worker's own stack: neighbouring results belong to the
    // other workers, and sharing their cache line would slow every push.
    TaskOutput output;
    output.keep_explanations = context_.explain();
    task(output);
    result = std::move(output);
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

  /// A period within its year, as a number that orders like the periods.
  static std::uint16_t period_order(const VerdictRow& row) {
    return static_cast<std::uint16_t>(static_cast<unsigned>(row.period_kind) << 8 |
                                      row.period_index);
  }

  /// Subject, period and detail of a row, which order the rows of one kind,
  /// rule and year.
  std::tuple<std::string_view, std::uint16_t, std::string_view> names_of(const TaskOutput& output,
                                                                         std::size_t index) const {
    const VerdictRow& row = output.rows[index];
    return {detail::subject_name(facts_, row.subject), period_order(row), detail_of(output, row)};
  }
  static std::string_view detail_of(const TaskOutput& output, const VerdictRow& row) {
    const RowExtras* extras = output.extras_of(row);
    return extras ? std::string_view(extras->detail) : std::string_view();
  }
  /// names_of(a) < names_of(b), reading a detail (in the extras, a cache
  /// miss) only when subject and period tie, which they rarely do.
  bool names_less(const TaskOutput& a_output, std::size_t a_index, const TaskOutput& b_output,
                  std::size_t b_index) const {
    const VerdictRow& a = a_output.rows[a_index];
    const VerdictRow& b = b_output.rows[b_index];
    if (a.subject != b.subject) {
      const std::string_view a_subject = detail::subject_name(facts_, a.subject);
      const std::string_view b_subject = detail::subject_name(facts_, b.subject);
      if (a_subject != b_subject) return a_subject < b_subject;
    }
    if (period_order(a) != period_order(b)) return period_order(a) < period_order(b);
    return detail_of(a_output, a) < detail_of(b_output, b);
  }

  /// A task's rows in the report's order, when they are all of one kind,
  /// rule and year: as written, or (a task that writes them in another
  /// order, such as a quota's cells in plan order) sorted within the task.
  struct PartOrder {
    std::uint64_t kind_rule_year = 0;
    bool one_kind_rule_year = true;
    /// The rows' indices in order; empty when they are written in order.
    std::vector<std::uint32_t> sorted;
    [[nodiscard]] std::uint32_t row(std::size_t position) const {
      return sorted.empty() ? static_cast<std::uint32_t>(position) : sorted[position];
    }
  };
  PartOrder part_order(const TaskOutput& output) const {
    PartOrder order;
    if (output.rows.empty()) return order;
    order.kind_rule_year = kind_rule_year(output.rows.front());
    bool in_order = true;
    for (std::size_t i = 1; i < output.rows.size() && order.one_kind_rule_year; ++i) {
      const VerdictRow& row = output.rows[i];
      order.one_kind_rule_year = kind_rule_year(row) == order.kind_rule_year;
      // The periods of one subject follow each other: no names to compare.
      const VerdictRow& before = output.rows[i - 1];
      if (in_order && row.subject == before.subject && period_order(row) > period_order(before))
        continue;
      in_order = in_order && !names_less(output, i, output, i - 1);
    }
    if (in_order || !order.one_kind_rule_year) return order;
    order.sorted.resize(output.rows.size());
    std::iota(order.sorted.begin(), order.sorted.end(), 0u);
    std::stable_sort(
        order.sorted.begin(), order.sorted.end(),
        [&](std::uint32_t a, std::uint32_t b) { return names_less(output, a, output, b); });
    return order;
  }

  /// Where each row of the report comes from, in the report's order: the
  /// tasks' rows joined task after task (each in its PartOrder) when they
  /// come in order, which is the common case and needs no list of places;
  /// else every row's place, sorted.
  struct ReportOrder {
    std::vector<std::uint32_t> parts;     // joined: the tasks in order
    std::vector<std::size_t> part_start;  // joined: each one's first position, then the end
    const std::vector<PartOrder>* orders = nullptr;  // joined
    std::vector<RowPlace> places;                    // sorted
    std::size_t size = 0;

    /// Calls `visit(position, place)` for the positions [begin, end), in order.
    template <typename Visit>
    void for_each(std::size_t begin, std::size_t end, Visit visit) const {
      if (!orders) {
        for (std::size_t i = begin; i < end; ++i) visit(i, places[i]);
        return;
      }
      auto part = static_cast<std::size_t>(
          std::upper_bound(part_start.begin(), part_start.end(), begin) - part_start.begin() - 1);
      for (std::size_t i = begin; i < end; ++i) {
        while (i >= part_start[part + 1]) ++part;
        visit(i, RowPlace{parts[part], (*orders)[parts[part]].row(i - part_start[part])});
      }
    }
  };

  /// The tasks taken by kind, rule and year when each holds one kind, rule
  /// and year and they join in order, or else every row sorted.
  ReportOrder report_order(const TaskResults& results, const std::vector<PartOrder>& orders) const {
    ReportOrder order;
    std::vector<std::uint32_t>& parts = order.parts;
    bool in_order = true;
    for (std::uint32_t part = 0; part < results.size(); ++part) {
      if (results[part].rows.empty()) continue;
      in_order = in_order && orders[part].one_kind_rule_year;
      parts.push_back(part);
      order.size += results[part].rows.size();
    }
    if (in_order) {
      std::stable_sort(parts.begin(), parts.end(), [&](std::uint32_t a, std::uint32_t b) {
        return orders[a].kind_rule_year < orders[b].kind_rule_year;
      });
      for (std::size_t i = 1; i < parts.size() && in_order; ++i) {
        const std::uint32_t before = parts[i - 1];
        const std::uint32_t after = parts[i];
        in_order = orders[before].kind_rule_year != orders[after].kind_rule_year ||
                   !names_less(results[after], orders[after].row(0), results[before],
                               orders[before].row(results[before].rows.size() - 1));
      }
    }
    if (in_order) {
      order.orders = &orders;
      order.part_start.reserve(parts.size() + 1);
      std::size_t start = 0;
      for (const std::uint32_t part : parts) {
        order.part_start.push_back(start);
        start += results[part].rows.size();
      }
      order.part_start.push_back(start);
      return order;
    }
    std::vector<SortKey> keys;
    keys.reserve(order.size);
    for (const std::uint32_t part : parts)
      for (std::uint32_t index = 0; index < results[part].rows.size(); ++index) {
        const auto [subject, period, detail] = names_of(results[part], index);
        keys.push_back({kind_rule_year(results[part].rows[index]),
                        detail::name_prefix(subject),
                        subject,
                        period,
                        detail,
                        {part, index}});
      }
    detail::stable_sort(threads_, keys, [](const SortKey& a, const SortKey& b) { return a < b; });
    parts.clear();
    order.places.reserve(order.size);
    for (const SortKey& key : keys) order.places.push_back(key.place);
    return order;
  }

  /// A row's place in the report's order. Kind, rule and year are packed
  /// into one number and the subject's first 8 bytes into another, so that
  /// most comparisons compare integers, not strings.
  struct SortKey {
    std::uint64_t kind_rule_year;
    std::uint64_t subject_prefix;
    std::string_view subject;
    std::uint16_t period;
    std::string_view detail;
    RowPlace place;

    friend bool operator<(const SortKey& a, const SortKey& b) {
      if (a.kind_rule_year != b.kind_rule_year) return a.kind_rule_year < b.kind_rule_year;
      if (a.subject_prefix != b.subject_prefix) return a.subject_prefix < b.subject_prefix;
      // Names hold no NUL byte, so equal prefixes of names shorter than 8
      // bytes are equal names; the strings decide the rest.
      return std::tie(a.subject, a.period, a.detail) < std::tie(b.subject, b.period, b.detail);
    }
  };

  /// The rows copied once, into their place; the extras stay in the vectors
  /// the tasks wrote them to, which the table takes over in task order.
  void gather_in_order(TaskResults& results, const ReportOrder& order,
                       detail::VerdictTableData& table) const {
    std::vector<std::size_t> extras_offset(results.size() + 1, 0);
    for (std::size_t part = 0; part < results.size(); ++part)
      extras_offset[part + 1] = extras_offset[part] + results[part].extras.size();
    // The tasks' shared side data follows the escalation chains.
    std::vector<std::size_t> shared_offset(results.size() + 1, table.chains.size());
    for (std::size_t part = 0; part < results.size(); ++part)
      shared_offset[part + 1] = shared_offset[part] + results[part].shared.size();
    // Written in place: a row assembled on the stack and copied stalls.
    const auto place_into = [&](VerdictRow& row, RowPlace place) {
      row = results[place.part].rows[place.index];
      if (row.extras != VerdictRow::none)
        row.extras += static_cast<std::uint32_t>(extras_offset[place.part]);
      if (row.chain != VerdictRow::none && !escalates(row))
        row.chain += static_cast<std::uint32_t>(shared_offset[place.part]);
    };
    if (threads_ == 1) {
      // Each task's rows are freed as soon as the last of them is placed, so
      // that the rows are not held twice (tasks' and table's) at the peak.
      std::vector<std::size_t> left(results.size());
      for (std::size_t part = 0; part < results.size(); ++part)
        left[part] = results[part].rows.size();
      std::size_t begin = 0;
      if (const auto first = adoptable(results, order, extras_offset, shared_offset)) {
        // The first task's rows are the table's first rows as they are
        // (a recurring duty's millions): taken, not copied.
        table.rows = std::move(results[*first].rows);
        begin = table.rows.size();
      }
      table.rows.reserve(order.size);
      order.for_each(begin, order.size, [&](std::size_t, RowPlace place) {
        place_into(table.rows.emplace_back(), place);
        if (--left[place.part] == 0) decltype(TaskOutput::rows)().swap(results[place.part].rows);
      });
    } else {
      table.rows.resize(order.size);
      detail::for_each_slice(threads_, order.size, [&](std::size_t begin, std::size_t end) {
        order.for_each(begin, end,
                       [&](std::size_t i, RowPlace place) { place_into(table.rows[i], place); });
      });
    }
    for (std::size_t part = 0; part < results.size(); ++part) {
      std::move(results[part].shared.begin(), results[part].shared.end(),
                std::back_inserter(table.chains));
      if (results[part].extras.empty()) continue;
      table.extras_begin.push_back(static_cast<std::uint32_t>(extras_offset[part]));
      table.extras.push_back(std::move(results[part].extras));
    }
  }
  /// The task whose rows can become the table's first rows unchanged: the
  /// first in a joined order, written in order, with no offsets to add.
  static std::optional<std::uint32_t> adoptable(const TaskResults& results,
                                                const ReportOrder& order,
                                                const std::vector<std::size_t>& extras_offset,
                                                const std::vector<std::size_t>& shared_offset) {
    if (!order.orders || order.parts.empty()) return std::nullopt;
    const std::uint32_t first = order.parts.front();
    const bool unchanged = (*order.orders)[first].sorted.empty() &&
                           (results[first].extras.empty() || extras_offset[first] == 0) &&
                           (results[first].shared.empty() || shared_offset[first] == 0);
    return unchanged ? std::optional(first) : std::nullopt;
  }

  /// The report's Verdicts, each built once, in its place, from its row and
  /// extras (moved; decision 0063): a stage violation's chain is the
  /// escalation's, any other row's chain the task's shared side data (as
  /// gather_in_order reads them). Several threads build slices of it.
  std::vector<Verdict> build_in_order(TaskResults& results, const ReportOrder& order,
                                      const std::vector<detail::SharedChain>& chains) const {
    const auto build = [&](Verdict& verdict, RowPlace place) {
      TaskOutput& part = results[place.part];
      const VerdictRow& row = part.rows[place.index];
      const detail::SharedChain* shared = row.chain == VerdictRow::none ? nullptr
                                          : escalates(row)              ? &chains[row.chain]
                                                                        : &part.shared[row.chain];
      detail::RowExtras none;
      detail::move_into_verdict(
          verdict, context_.rules[row.rule], detail::subject_name(facts_, row.subject), row,
          row.extras == VerdictRow::none ? std::move(none) : std::move(part.extras[row.extras]),
          shared);
    };
    std::vector<Verdict> verdicts;
    if (threads_ == 1) {
      // Built in place at the end, not default-constructed first.
      verdicts.reserve(order.size);
      order.for_each(0, order.size,
                     [&](std::size_t, RowPlace place) { build(verdicts.emplace_back(), place); });
      return verdicts;
    }
    verdicts.resize(order.size);
    detail::for_each_slice(threads_, order.size, [&](std::size_t begin, std::size_t end) {
      order.for_each(begin, end, [&](std::size_t i, RowPlace place) { build(verdicts[i], place); });
    });
    return verdicts;
  }

  /// What the awards need of a sanction: its row, missing facts and
  /// consequences, wherever the task keeps them.
  SanctionRef sanction_ref(const TaskOutput& part, std::size_t index) const {
    const VerdictRow& row = part.rows[index];
    const RowExtras* extras = part.extras_of(row);
    return {&row, extras ? &extras->missing : &no_strings,
            row.chain != VerdictRow::none ? &part.shared[row.chain].consequences
            : extras                      ? &extras->consequences
                                          : &no_consequences};
  }

  // Rules -------------------------------------------------------------------------------

  std::vector<NameId> subjects(const Rule& rule, int year) {
    Interpreter interpreter(context_.env, year, no_name);
    std::vector<NameId> result;
    const auto subject = [&](NameId id) { return id != no_name && wanted(id); };
    if (rule.subjects.size() == 1) {
      // One group (38,700 towns, say): its members are distinct already.
      const Value value = interpreter.value_of(rule.subjects.front());
      if (value.kind == ValueKind::entity && subject(value.entity)) result.push_back(value.entity);
      // Rules of one group (a plan's sanctions of 全部单位) sort it once.
      const std::vector<NameId>* group = value.kind == ValueKind::entity ? nullptr : value.members;
      if (group) {
        const std::lock_guard lock(sorted_groups_mutex_);
        if (const auto found = sorted_groups_.find(group); found != sorted_groups_.end())
          return *found->second;
      }
      std::copy_if(value.member_list().begin(), value.member_list().end(),
                   std::back_inserter(result), subject);
      sort_by_subject_name(result);
      if (group) {
        const std::lock_guard lock(sorted_groups_mutex_);
        sorted_groups_.try_emplace(group, std::make_shared<const std::vector<NameId>>(result));
      }
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

  // Tasks -----------------------------------------------------------------------------------

  std::vector<Planner> first_phase_planners() {
    std::vector<Planner> planners;
    // Obligations are expanded once per stage and year, and cut into chunks.
    for (const Stage& stage : plan_.stages) {
      for (const int year : context_.years) {
        planners.push_back([this, &stage, year](std::vector<Task>& tasks) {
          Interpreter interpreter(context_.env, year, no_name);
          std::vector<Obligation> all = context_.obligations(stage, interpreter);
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
                // A verdict per obligation and period, mostly.
                out.reserve(std::max<std::size_t>(count, 1) *
                            (stage.every ? Period::count_in_year(*stage.every, year) : 1));
                member(context_, stage, year,
                       std::span<const Obligation>(obliged->data() + from, count), out);
              });
            });
          };
          const bool within_window = stage.during && !stage.start_window;  // `during` alone
          if ((!stage.due.empty() || stage.every || stage.due_trigger || within_window) &&
              !stage.deliverables.empty())
            add(&detail::deadline_verdicts);
          if (stage.start_window && !stage.deliverables.empty()) add(&detail::campaign_verdicts);
          if (!stage.candidate_titles.empty()) add(&detail::candidate_verdicts);
          if (!stage.prerequisites.empty() && !stage.deliverables.empty())
            add(&detail::prerequisite_verdicts);
        });
      }
    }
    for (const Rule& rule : plan_.rules)
      if (rule.kind != RuleKind::award) add_rule_planners(rule, planners);
    for (const Quota& quota : plan_.quotas)
      for (const int year : context_.years)
        if (quota.first_year == 0 || (year >= quota.first_year && year <= quota.last_year))
          planners.push_back([this, &quota, year](std::vector<Task>& tasks) {
            tasks.push_back([this, &quota, year](TaskOutput& out) {
              out.reserve(subjects_per_task);
              detail::quota_verdicts(context_, quota, year, out);
            });
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
    for (const int year : context_.years)
      planners.push_back([this, &rule, year](std::vector<Task>& tasks) {
        const auto subjects =
            std::make_shared<const std::vector<NameId>>(this->subjects(rule, year));
        for_each_chunk(subjects->size(), [&](std::size_t from, std::size_t count) {
          tasks.push_back([this, &rule, year, subjects, from, count](TaskOutput& out) {
            // One interpreter for the task (for each period of the year, when
            // the rule is judged per period): what does not depend on the
            // subject (parameters, population averages) is computed once.
            std::vector<std::unique_ptr<Interpreter>> interpreters;
            if (!rule.every || *rule.every == PeriodKind::year) {
              interpreters.push_back(std::make_unique<Interpreter>(context_.env, year, no_name));
            } else {
              for (Period period{*rule.every, year, 1}; period.year == year; period = period.next())
                interpreters.push_back(
                    std::make_unique<Interpreter>(context_.env, period, no_name));
            }
            out.reserve(count * interpreters.size());
            const std::string award_detail =
                rule.kind == RuleKind::award
                    ? detail::award_detail(context_, rule, *interpreters.front())
                    : std::string();
            for (const NameId subject : std::span(subjects->data() + from, count))
              for (const auto& interpreter : interpreters) {  // the subject's periods in order
                interpreter->begin_subject(subject);
                rule_verdict(rule, *interpreter, award_detail, out);
              }
          });
        });
      });
  }

  /// The verdicts of `rule` about the interpreter's subject.
  void rule_verdict(const Rule& rule, Interpreter& interpreter, const std::string& award_detail,
                    TaskOutput& out) const {
    switch (rule.kind) {
      case RuleKind::target:
      case RuleKind::goal:
        return detail::target_verdicts(context_, rule, interpreter, out);
      case RuleKind::sanction:
        return detail::sanction_verdict(context_, rule, interpreter, out);
      case RuleKind::award:
        return detail::award_verdict(context_, rule, interpreter, sanctions_, award_detail, out);
    }
  }

  /// Calls `chunk(from, count)` for slices of [0, total) of at most
  /// subjects_per_task; once, with nothing, when total is 0 (a stage nobody
  /// is obliged to still has its verdict). One thread needs no slices: one
  /// task per stage (rule) and year, whose rows the table can then take
  /// without copying them (gather_in_order), or whose rows and extras become
  /// the report's Verdicts (build_in_order).
  template <typename Chunk>
  void for_each_chunk(std::size_t total, const Chunk& chunk) const {
    const std::size_t size = threads_ == 1 ? std::max<std::size_t>(1, total) : subjects_per_task;
    for (std::size_t from = 0; from < std::max<std::size_t>(1, total); from += size)
      chunk(from, std::min(size, total - std::min(from, total)));
  }

  const EvaluationContext& context_;
  const Plan& plan_;
  const FactStore& facts_;
  unsigned threads_ = 1;
  /// Sanction verdicts that apply or are unknown; the rows and extras of
  /// phase 1 outlive the awards phase that reads them.
  SanctionIndex sanctions_;
  /// The wanted members of a group (the cache's list), in the report's
  /// order: the planners of several rules, on several threads, ask for it.
  std::mutex sorted_groups_mutex_;
  std::unordered_map<const std::vector<NameId>*, std::shared_ptr<const std::vector<NameId>>>
      sorted_groups_;
};

}  // namespace

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
    const SourceFile source(
        format_text(FMT_COMPILE("{} {}"), detail::option_parameters, parameter_name), text);
    DiagnosticSink sink(source);
    const Symbol* symbol = plan.find(parameter_name);
    if (!symbol || symbol->kind != SymbolKind::parameter) {
      std::vector<std::string_view> parameters;
      for (const Parameter& parameter : plan.parameters) parameters.push_back(parameter.name);
      sink.report(Code::unknown_name, Span{0, static_cast<std::uint32_t>(text.size())},
                  format_text(FMT_COMPILE("'{}' is not a parameter of the plan{}"), parameter_name,
                              detail::did_you_mean(detail::closest(parameter_name, parameters))));
    } else {
      ValuesParseResult parsed = parse_values(source);
      for (Diagnostic& diagnostic : parsed.diagnostics) errors.push_back(std::move(diagnostic));
      if (!parsed.values.empty()) {
        detail::ExpressionChecker checker(plan, sink);
        checker.check_values(parsed.values, plan.parameters[symbol->index].type,
                             format_text(FMT_COMPILE("the value of '{}'"), parameter_name));
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
        format_text(FMT_COMPILE("with the overrides, parameter values form a cycle: {}"), *cycle);
    errors.push_back(std::move(diagnostic));
  }

  detail::check_dates(plan, options, errors);
  detail::check_overridden_values(plan, parameters, errors);
  if (has_errors(errors)) return std::nullopt;
  std::vector<int> years = options.years;
  if (years.empty())
    for (int year = plan.metadata.first_year;
         year <= plan.metadata.last_year && year <= options.as_of.year; ++year)
      years.push_back(year);

  std::unordered_set<NameId> only;
  std::vector<std::string> unknown;
  for (const std::string& subject : options.subjects) {
    const NameId unit = facts.resolve_unit(subject);
    const NameId id = unit != no_name ? unit : facts.find_name(subject);
    if (id == no_name) unknown.push_back(subject);
    only.insert(id);
  }
  detail::report_unknown_subjects(facts, unknown, errors);
  if (has_errors(errors)) return std::nullopt;

  const EvaluationContext context(facts, parameters, to_day_number(options.as_of), years,
                                  options.explanations == Explanations::full, std::move(only));
  Engine engine(context);
  detail::VerdictTableData table(facts);
  table.plan_title = plan.metadata.title;
  table.years = years;
  table.as_of = options.as_of;
  for (Index i = 0; i < plan.parameters.size(); ++i) {
    const auto& value =
        parameters.value(i, years.empty() ? plan.metadata.first_year : years.front());
    std::vector<std::string> texts;
    for (const syntax::Node& node : value) texts.push_back(format_expression(node));
    table.parameters.push_back({plan.parameters[i].name,
                                format_text(FMT_COMPILE("{}"), fmt::join(texts, ", ")),
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
