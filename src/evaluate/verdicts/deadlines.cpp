// Deadlines: a stage whose deliverables are due by a day of each year (or
// several, half-years say): one verdict per obligation and deadline.
#include "evaluate/verdicts/verdicts.hpp"

#include "check/calendar.hpp"

#include <mandate/format.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>

namespace mandate::detail {
namespace {

/// The days that decide one deadline verdict: deliveries after
/// `previous_deadline` and before `opens` are early; from `opens` on they
/// count, on time until `deadline`.
struct DeadlineWindow {
  DayNumber previous_deadline = 0;
  DayNumber opens = 0;
  DayNumber deadline = 0;
};

bool policy(const std::optional<syntax::Node>& expression, bool fallback, Interpreter& interpreter,
            Explanation& why) {
  if (!expression) return fallback;
  const Value value = interpreter.evaluate(*expression, why);
  return value.kind == ValueKind::boolean ? value.boolean : fallback;
}

/// The deadline days of a stage in a year (a list parameter gives several).
std::vector<DayNumber> deadlines(const EvaluationContext& context, const Stage& stage,
                                 Interpreter& interpreter, Explanation& why) {
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
        due.kind == syntax::NodeKind::name ? context.cache.resolved(due).symbol : nullptr;
    if (symbol && symbol->kind == SymbolKind::parameter) {
      const auto& values = context.env.parameters.value(symbol->index, interpreter.year());
      std::vector<std::string> texts;
      for (const syntax::Node& value : values) texts.push_back(format_expression(value));
      why.children.push_back(
          {fmt::format("parameter {} = {}{}", due.text, fmt::join(texts, ", "),
                       context.env.parameters.overridden(symbol->index) ? " (overridden)" : ""),
           {},
           {}});
      for (const syntax::Node& value : values) add_in_year(value);
    } else {
      add_in_year(due);
    }
  }
  std::sort(days.begin(), days.end());
  const bool inclusive = policy(context.plan.metadata.inclusive_deadlines, true, interpreter, why);
  const bool shift = policy(context.plan.metadata.shift_for_holidays, false, interpreter, why);
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

Draft deadline_verdict(const EvaluationContext& context, const Stage& stage, int year,
                       const Obligation& obligation, const std::vector<NameId>& recipients,
                       DeadlineWindow period, bool several_deadlines, const Explanation& policy_why,
                       std::vector<const EventRecord*>& consumed) {
  const auto [previous_deadline, window_start, deadline] = period;
  const bool explain = context.env.explain;
  const std::string subject = explain ? context.name(obligation.body) : std::string();
  Draft verdict = context.draft(VerdictKind::deadline, stage, obligation.body, year);
  if (obligation.programme != no_name) verdict.detail = context.name(obligation.programme);
  if (several_deadlines)
    verdict.detail +=
        (verdict.detail.empty() ? "" : " ") + std::string("due ") + format_day(deadline);
  if (explain) {
    std::vector<std::string> deliverable_names;
    for (const Index event : stage.deliverables)
      deliverable_names.push_back(context.plan.events[event].name);
    std::vector<std::string> recipient_names;
    for (const NameId id : recipients) recipient_names.push_back(context.name(id));
    verdict.explanation.text = fmt::format(
        "{} must deliver {}{} by {} (the last day){}", subject, fmt::join(deliverable_names, ", "),
        recipient_names.empty() ? "" : fmt::format(" to {}", fmt::join(recipient_names, "、")),
        format_day(deadline),
        obligation.programme != no_name ? " for " + context.name(obligation.programme) : "");
    verdict.explanation.children = policy_why.children;
  }

  int worst_late = 0;
  bool any_missing = false;
  bool any_pending = false;
  bool any_early = false;
  int days_left = 0;
  for (const Index event : stage.deliverables) {
    const NameId event_id = context.cache.event_name(event);
    const EventRecord* delivered = nullptr;
    const EventRecord* early = nullptr;
    if (event_id != no_name) {
      for (const EventRecord& record : context.facts.events(event_id, obligation.body)) {
        if (record.date > context.env.as_of || !counts_for(record, obligation, recipients))
          continue;
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
            late <= 0
                ? fmt::format("{} delivered on {}: on time", context.plan.events[event].name,
                              format_day(delivered->date))
                : fmt::format("{} delivered on {}: {} day{} late", context.plan.events[event].name,
                              format_day(delivered->date), late, late == 1 ? "" : "s");
        step.facts.push_back(
            {fmt::format("{} {} to {} on {}", context.plan.events[event].name, subject,
                         delivered->to == no_name ? "—" : context.name(delivered->to),
                         format_day(delivered->date)),
             context.source_of(delivered->source)});
      }
    } else if (early) {
      // Too early to count; still time to deliver again while the deadline is ahead.
      if (context.env.as_of > deadline) {
        any_early = true;
      } else {
        any_pending = true;
        days_left = deadline - context.env.as_of;
      }
      if (explain) {
        step.text = fmt::format(
            "{} was delivered on {}, before the period opened on {}: it does not count",
            context.plan.events[event].name, format_day(early->date), format_day(window_start));
        step.facts.push_back({fmt::format("{} {} on {}", context.plan.events[event].name, subject,
                                          format_day(early->date)),
                              context.source_of(early->source)});
      }
    } else if (context.env.as_of > deadline) {
      any_missing = true;
      if (explain)
        step.text = fmt::format("no {} from {} by {} (as of {})", context.plan.events[event].name,
                                subject, format_day(deadline), format_day(context.env.as_of));
    } else {
      any_pending = true;
      days_left = deadline - context.env.as_of;
      if (explain)
        step.text =
            fmt::format("{} not delivered yet; {} day{} left", context.plan.events[event].name,
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

}  // namespace

void deadline_verdicts(const EvaluationContext& context, const Stage& stage, int year,
                       std::span<const Obligation> obliged, TaskOutput& out) {
  Interpreter interpreter(context.env, year, no_name);
  Explanation policy_why;
  const std::vector<DayNumber> days = deadlines(context, stage, interpreter, policy_why);
  if (days.empty()) return;
  const std::vector<NameId> recipients = context.expand_all(stage.deliver_to, interpreter);
  if (obliged.empty()) {
    Draft verdict = context.draft(VerdictKind::deadline, stage, no_name, year);
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
      out.push_back(deadline_verdict(context, stage, year, obligation, recipients,
                                     {previous_deadline, window_start, deadline}, days.size() > 1,
                                     policy_why, consumed));
      previous_deadline = deadline;
      window_start = deadline + 1;
    }
  }
}

bool counts_for(const EventRecord& record, const Obligation& obligation,
                std::span<const NameId> recipients) {
  if (!recipients.empty() && record.to != no_name &&
      std::find(recipients.begin(), recipients.end(), record.to) == recipients.end())
    return false;
  if (obligation.programme != no_name && record.programme != no_name &&
      record.programme != obligation.programme)
    return false;
  return true;
}

}  // namespace mandate::detail
