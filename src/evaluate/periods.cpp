#include "evaluate/periods.hpp"

#include "check/calendar.hpp"
#include "support/text.hpp"

#include <mandate/format.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <limits>
#include <map>

namespace mandate::detail {
namespace {

bool policy(const std::optional<syntax::Node>& expression, bool fallback, Interpreter& interpreter,
            Explanation& why) {
  if (!expression) return fallback;
  const Value value = interpreter.evaluate(*expression, why);
  return value.kind == ValueKind::boolean ? value.boolean : fallback;
}

/// The plan's deadline policy applied to a named day: with
/// `shift_for_holidays` a day off moves to the next working day — the facts'
/// holiday calendar (节假日安排: holidays, and weekend days made working days
/// by 调休) where it covers the year, else Saturday and Sunday only; the
/// strict reading of `inclusive_deadlines` then ends the day before it.
struct DeadlinePolicy {
  bool inclusive = true;
  bool shift = false;
  const EvaluationContext* context = nullptr;

  DayNumber apply(DayNumber day, Explanation* why = nullptr) const {
    if (shift) day = next_working_day(day, why);
    return inclusive ? day : day - 1;
  }
  /// The same, a period's own deadline: its steps, when the evaluation
  /// explains, go to `steps` (one period's shift is not another's).
  DayNumber apply(DayNumber day, std::vector<Explanation>& steps,
                  const EvaluationContext& evaluation) const {
    if (!evaluation.explain()) return apply(day);
    Explanation moved;
    const DayNumber deadline = apply(day, &moved);
    steps = std::move(moved.children);
    return deadline;
  }

 private:
  DayNumber next_working_day(DayNumber named, Explanation* why) const {
    const FactStore& facts = context->facts;
    DayNumber day = named;
    while (!facts.is_working_day(day)) ++day;
    if (!why) return day;
    const int year = to_date(named).year;
    if (!facts.calendar_covers(year))
      why->children.push_back(
          {format_text(
               FMT_COMPILE("no holiday calendar for {} in the facts: only Saturdays and Sundays "
                           "move a deadline"),
               year),
           {},
           {}});
    if (day == named) return day;
    Explanation step{
        format_text(FMT_COMPILE("deadline {} is not a working day: moved to {} (节假日顺延)"),
                    format_day(named), format_day(day)),
        {},
        {}};
    for (DayNumber off = named; off < day; ++off)
      if (const auto listed = facts.calendar_day(off))
        step.facts.push_back(
            {format_text(FMT_COMPILE("calendar {} holiday{}{}"), format_day(off),
                         listed->name.empty() ? "" : " " + listed->name,
                         listed->notice.empty() ? "" : " (" + listed->notice + ")"),
             context->source_of(listed->source)});
    why->children.push_back(std::move(step));
    return day;
  }
};

DeadlinePolicy deadline_policy(const EvaluationContext& context, Interpreter& interpreter,
                               Explanation& why) {
  return {policy(context.plan.metadata.inclusive_deadlines, true, interpreter, why),
          policy(context.plan.metadata.shift_for_holidays, false, interpreter, why), &context};
}

/// The first period of a kind in a year (week 1 of the ISO week-year).
Period first_period(PeriodKind kind, int year) {
  return kind == PeriodKind::year ? Period::of_year(year) : Period{kind, year, 1};
}

}  // namespace

/// 每月结束后5日内报送上月…, 次年1月10日前报送上年度…: with the deadline after
/// the period, a delivery made between two deadlines may be the earlier
/// period's, late, or the later one's, ahead of time. It answers the one
/// whose deadline is nearer (at equal distance, the later one, on time): a
/// period's on-time window opens halfway from the deadline before.
namespace {
void answer_the_nearer_deadline(std::vector<StagePeriod>& periods) {
  for (std::size_t i = 1; i < periods.size(); ++i) {
    const DayNumber before = periods[i - 1].deadline, own = periods[i].deadline;
    if (before < own) periods[i].opens = before + (own - before + 1) / 2;
  }
}
}  // namespace

std::vector<StagePeriod> stage_periods(const EvaluationContext& context, const Stage& stage,
                                       int explained_year, Explanation& why) {
  const PlanMetadata& meta = context.plan.metadata;
  const Date as_of = to_date(context.as_of());
  // After the plan, periods that have opened by the evaluation date, within
  // a year: they take the late deliveries that answer them, not the plan's.
  const int end_year = std::min(meta.last_year + 1, std::max(meta.last_year, as_of.year));
  const auto in_plan = [&](int year) { return year >= meta.first_year && year <= meta.last_year; };
  std::vector<StagePeriod> periods;
  // One interpreter per year: parameters are versioned by year. Only the
  // explanation of the plan's own years is kept, once.
  std::map<int, Interpreter> interpreters;
  const auto interpreter_for = [&](int year) -> Interpreter& {
    return interpreters.try_emplace(year, context.env, year, no_name).first->second;
  };
  const auto explanation_for = [&](int year, Explanation& scratch) -> Explanation& {
    return year == explained_year ? why : scratch;
  };

  const bool yearly_days = !stage.due.empty();  // `due by DATE, …` [after]
  if (yearly_days) {
    for (int year = meta.first_year - 1; year <= end_year; ++year) {
      if (year > meta.last_year && to_day_number(Date{year, 1, 1}) > context.as_of()) break;
      Interpreter& interpreter = interpreter_for(year);
      Explanation scratch;
      Explanation& explained = explanation_for(year, scratch);
      const std::vector<DayNumber> days =
          interpreter.named_days(stage.due, stage.due_after, &explained);
      const DeadlinePolicy deadline_policy_of_year =
          deadline_policy(context, interpreter, explained);
      const DayNumber first_day = to_day_number(Date{year, 1, 1});
      const DayNumber last_day = to_day_number(Date{year, 12, 31});
      DayNumber opens = first_day;
      for (const DayNumber day : days) {
        StagePeriod period;
        period.period = Period::of_year(year);
        period.year = year;
        period.opens = opens;
        period.last = last_day;
        period.deadline = deadline_policy_of_year.apply(day, period.deadline_steps, context);
        period.in_plan = in_plan(year);
        period.one_of_several = days.size() > 1;
        periods.push_back(period);
        opens = period.deadline + 1;  // the next deadline of the year opens after this one
      }
    }
    if (stage.due_after) answer_the_nearer_deadline(periods);
    return periods;
  }

  // `during WINDOW` alone (督查 4—10月): delivered within the window of each
  // year, its last day the deadline; before it is early.
  if (!stage.every && stage.during && !stage.start_window && !stage.due_trigger) {
    for (int year = meta.first_year - 1; year <= end_year; ++year) {
      if (year > meta.last_year && to_day_number(Date{year, 1, 1}) > context.as_of()) break;
      Interpreter& interpreter = interpreter_for(year);
      Explanation scratch;
      Explanation& explained = explanation_for(year, scratch);
      const Value window = interpreter.evaluate(*stage.during, explained);
      if (window.kind != ValueKind::window) continue;
      StagePeriod period;
      period.period = Period::of_year(year);
      period.year = year;
      period.opens = window.first;
      period.last = window.last;
      period.deadline = deadline_policy(context, interpreter, explained)
                            .apply(window.last, period.deadline_steps, context);
      period.in_plan = in_plan(year);
      periods.push_back(period);
    }
    return periods;
  }
  if (!stage.every) return periods;  // no deadline: nothing to assess per period
  const PeriodKind kind = *stage.every;
  for (Period period = first_period(kind, meta.first_year).previous(); period.year <= end_year;
       period = period.next()) {
    StagePeriod entry;
    entry.period = period;
    entry.year = period.year;
    entry.opens = to_day_number(period.first_day());
    entry.last = to_day_number(period.last_day());
    entry.in_plan = in_plan(period.year);
    if (!entry.in_plan && period.year > meta.last_year && entry.opens > context.as_of()) break;
    entry.deadline = entry.last;  // `at_least`, or no `due`: by the end of the period
    if (stage.due_within) {
      Interpreter& interpreter = interpreter_for(period.year);
      Explanation scratch;
      Explanation& explained = period == first_period(kind, explained_year) ? why : scratch;
      const Value days = interpreter.evaluate(*stage.due_within, explained);
      const auto within = static_cast<DayNumber>(days.kind == ValueKind::number ? days.number : 0);
      const DayNumber named = stage.due_after ? entry.last + within : entry.opens + within - 1;
      entry.deadline = deadline_policy(context, interpreter, explained)
                           .apply(named, entry.deadline_steps, context);
    }
    periods.push_back(entry);
  }
  if (stage.due_after) answer_the_nearer_deadline(periods);
  return periods;
}

std::vector<StagePeriod> triggered_periods(const EvaluationContext& context, const Stage& stage,
                                           NameId body, int explained_year, Explanation& why) {
  std::vector<StagePeriod> periods;
  const NameId trigger = context.cache.event_name(*stage.due_trigger);
  if (trigger == no_name) return periods;
  std::map<int, std::pair<DayNumber, DeadlinePolicy>> by_year;  // parameters are versioned by year
  for (const EventRecord& record : context.facts.events(trigger, body)) {
    if (record.date > context.as_of()) continue;
    const int year = to_date(record.date).year;
    auto found = by_year.find(year);
    if (found == by_year.end()) {
      Interpreter interpreter(context.env, year, no_name);
      Explanation scratch;
      Explanation& explained = year == explained_year && by_year.empty() ? why : scratch;
      const Value days = interpreter.evaluate(*stage.due_within, explained);
      const auto within = static_cast<DayNumber>(days.kind == ValueKind::number ? days.number : 0);
      found =
          by_year.emplace(year, std::pair{within, deadline_policy(context, interpreter, explained)})
              .first;
    }
    StagePeriod period;
    period.period = Period::of_year(year);
    period.year = year;
    period.opens = record.date;
    // 自…之日起N日内: counted from the day after the event (its day is day 0).
    period.deadline = found->second.second.apply(record.date + found->second.first,
                                                 period.deadline_steps, context);
    period.last = period.deadline;
    period.in_plan =
        year >= context.plan.metadata.first_year && year <= context.plan.metadata.last_year;
    period.one_of_several = true;
    period.trigger = &record;
    periods.push_back(period);
  }
  std::stable_sort(periods.begin(), periods.end(),
                   [](const StagePeriod& a, const StagePeriod& b) { return a.opens < b.opens; });
  return periods;
}

std::optional<std::size_t> period_containing(std::span<const StagePeriod> periods, DayNumber day) {
  const auto after =
      std::upper_bound(periods.begin(), periods.end(), day,
                       [](DayNumber d, const StagePeriod& p) { return d < p.opens; });
  if (after == periods.begin()) return std::nullopt;
  const auto slot = static_cast<std::size_t>(after - periods.begin() - 1);
  if (day > periods[slot].last) return std::nullopt;
  return slot;
}

void attribute(std::span<const StagePeriod> periods, std::span<const EventRecord* const> deliveries,
               bool counted, Attribution& result) {
  result.slots.resize(periods.size());
  for (Attribution::Slot& slot : result.slots) {
    slot.delivered.clear();
    slot.early = nullptr;
  }
  result.elsewhere.clear();
  const auto take = [&](std::size_t slot, const EventRecord* record) {
    result.slots[slot].delivered.push_back(record);
  };
  const auto empty = [&](std::size_t slot) { return result.slots[slot].delivered.empty(); };

  // 1. A delivery whose facts name its period answers that period; one
  // whose id is a triggering event's answers that event's period.
  std::vector<const EventRecord*>& unnamed = result.unnamed;
  unnamed.clear();
  // Where the triggering events carry ids, a delivery's id says which one it
  // answers: an id that names none answers none (a new user's finding: it
  // answered the nearest event instead).
  const bool linked_by_id = std::any_of(periods.begin(), periods.end(), [](const StagePeriod& p) {
    return p.trigger && p.trigger->id != no_name;
  });
  for (const EventRecord* record : deliveries) {
    if (!record->has_period() && record->id == no_name) {  // most deliveries
      unnamed.push_back(record);
      continue;
    }
    if (record->id != no_name) {
      const auto linked = std::find_if(periods.begin(), periods.end(), [&](const StagePeriod& p) {
        return p.trigger && p.trigger->id == record->id;
      });
      if (linked != periods.end()) {
        const auto slot = static_cast<std::size_t>(linked - periods.begin());
        if (empty(slot)) take(slot, record);
        continue;
      }
      if (linked_by_id) {
        result.elsewhere.push_back(record);
        continue;
      }
    }
    const std::optional<Period> named = record->period();
    if (!named) {
      unnamed.push_back(record);
      continue;
    }
    // Several deadlines a year: the year names them all; the nearest open one.
    std::optional<std::size_t> best;
    for (std::size_t slot = 0; slot < periods.size(); ++slot) {
      if (periods[slot].period != *named) continue;
      if (counted) {
        best = slot;
        break;
      }
      if (!empty(slot)) continue;
      if (!best || std::abs(record->date - periods[slot].deadline) <
                       std::abs(record->date - periods[*best].deadline))
        best = slot;
    }
    const bool names_a_period =
        std::any_of(periods.begin(), periods.end(),
                    [&](const StagePeriod& period) { return period.period == *named; });
    if (best)
      take(*best, record);
    else if (!names_a_period)
      result.elsewhere.push_back(record);
    // else: the period has its delivery already; a second one answers nothing.
  }

  // 2. The others. A period whose windows hold them: on time from its
  // opening to its deadline, late after that until the next period's
  // deadline. As many periods answered on time as can be, then as many
  // answered at all, then the least lateness.
  if (counted) {
    for (const EventRecord* record : unnamed)
      if (const auto slot = period_containing(periods, record->date)) take(*slot, record);
    return;
  }
  std::vector<bool>& used = result.used;
  used.assign(unnamed.size(), false);
  std::vector<std::optional<std::size_t>>& taken_by = result.taken_by;  // index into `unnamed`
  taken_by.assign(periods.size(), std::nullopt);
  const auto first_from = [&](DayNumber day) {  // the first delivery on or after `day`
    return static_cast<std::size_t>(
        std::lower_bound(unnamed.begin(), unnamed.end(), day,
                         [](const EventRecord* r, DayNumber d) { return r->date < d; }) -
        unnamed.begin());
  };
  // The plan's periods first; those before and after it take what is left.
  for (const bool plan_periods : {true, false}) {
    const auto open = [&](std::size_t slot) {
      return periods[slot].in_plan == plan_periods && empty(slot) && !taken_by[slot];
    };
    // On time: periods in order, each the earliest delivery left in its
    // window (for windows in this order, the most periods on time).
    for (std::size_t slot = 0; slot < periods.size(); ++slot) {
      if (!open(slot)) continue;
      for (std::size_t i = first_from(periods[slot].opens);
           i < unnamed.size() && unnamed[i]->date <= periods[slot].deadline; ++i)
        if (!used[i]) {
          used[i] = true;
          taken_by[slot] = i;
          break;
        }
    }
    // Late: a period still unanswered takes the earliest delivery left
    // before the next period's deadline. When the next period took the
    // earliest of them on time and has another on time, the two swap: less
    // lateness.
    for (std::size_t slot = 0; slot < periods.size(); ++slot) {
      if (!open(slot)) continue;
      const std::size_t next = slot + 1;
      const DayNumber until =
          next < periods.size() ? periods[next].deadline : std::numeric_limits<DayNumber>::max();
      std::optional<std::size_t> late;
      for (std::size_t i = first_from(periods[slot].deadline + 1);
           i < unnamed.size() && unnamed[i]->date <= until; ++i)
        if (!used[i]) {
          late = i;
          break;
        }
      if (!late) continue;
      if (next < periods.size() && taken_by[next] && *taken_by[next] < *late &&
          unnamed[*taken_by[next]]->date > periods[slot].deadline &&
          unnamed[*late]->date >= periods[next].opens) {
        used[*late] = true;
        std::swap(*taken_by[next], *late);  // the next one keeps a delivery on time
      }
      used[*late] = true;
      taken_by[slot] = late;
    }
  }
  for (std::size_t slot = 0; slot < periods.size(); ++slot)
    if (taken_by[slot]) take(slot, unnamed[*taken_by[slot]]);
  // 3. A delivery that answers nothing, made before a period opened, makes
  // that period early if nothing answers it.
  for (std::size_t i = 0; i < unnamed.size(); ++i) {
    if (used[i]) continue;
    const auto next =
        std::upper_bound(periods.begin(), periods.end(), unnamed[i]->date,
                         [](DayNumber d, const StagePeriod& p) { return d < p.opens; });
    if (next != periods.end()) {
      Attribution::Slot& slot = result.slots[static_cast<std::size_t>(next - periods.begin())];
      if (!slot.early) slot.early = unnamed[i];
    }
  }
}

}  // namespace mandate::detail
