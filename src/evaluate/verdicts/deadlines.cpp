// Deadlines and recurring duties: a stage whose deliverables are due by a
// day of each year (or several), or within each week, month, quarter or
// half-year. One verdict per obligation and period; each delivery answers
// one period only (evaluate/periods.hpp).
#include "evaluate/periods.hpp"
#include "evaluate/verdicts/verdicts.hpp"
#include "support/text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <optional>

namespace mandate::detail {
namespace {

/// What one deliverable contributes to a period's verdict.
struct Delivery {
  enum class State : std::uint8_t { on_time, late, early, pending, missed } state;
  int days = 0;  // late by, or left
};

/// Verdicts of one stage, year and slice of obligations.
class DeadlineJudge {
 public:
  DeadlineJudge(const EvaluationContext& context, const Stage& stage, int year,
                std::vector<StagePeriod> periods, Explanation policy_why,
                std::vector<NameId> recipients, std::size_t at_least)
      : context_(context),
        stage_(stage),
        year_(year),
        periods_(std::move(periods)),
        policy_why_(std::move(policy_why)),
        recipients_(std::move(recipients)),
        at_least_(at_least) {}

  void judge(const Obligation& obligation, TaskOutput& out) {
    if (stage_.due_trigger) {
      // A deadline from each triggering event about this body.
      Explanation scratch;
      periods_ = triggered_periods(context_, stage_, obligation.body, year_, scratch);
      if (context_.explain()) policy_why_.children = std::move(scratch.children);
    }
    // Each deliverable's deliveries, attributed to the periods once.
    attributions_.resize(stage_.deliverables.size());
    for (std::size_t d = 0; d < stage_.deliverables.size(); ++d) {
      const Index event = stage_.deliverables[d];
      deliveries_.clear();
      const NameId event_id = context_.cache.event_name(event);
      if (event_id != no_name)
        for (const EventRecord& record : context_.facts.events(event_id, obligation.body))
          if (record.date <= context_.as_of() &&
              counts_for(record, obligation, recipients_, context_.stage_scope(stage_)) &&
              !answers_another_trigger(record, obligation.body))
            deliveries_.push_back(&record);
      attribute(periods_, deliveries_, counted(), attributions_[d]);
      // A delivery made before the event cannot answer it: not `early`.
      if (stage_.due_trigger)
        for (Attribution::Slot& slot : attributions_[d].slots) slot.early = nullptr;
    }
    for (std::size_t slot = 0; slot < periods_.size(); ++slot)
      if (periods_[slot].in_plan && periods_[slot].year == year_) verdict(obligation, slot, out);
  }

 private:
  [[nodiscard]] bool counted() const { return at_least_ > 0; }

  /// A delivery whose `id` is that of an event another stage counts from (a
  /// rectification naming a 重大隐患 notice, for the 一般隐患 stage) answers
  /// that stage, not this one.
  [[nodiscard]] bool answers_another_trigger(const EventRecord& record, NameId body) const {
    if (!stage_.due_trigger || record.id == no_name) return false;
    for (const Stage& other : context_.plan.stages) {
      if (!other.due_trigger || *other.due_trigger == *stage_.due_trigger) continue;
      const NameId kind = context_.cache.event_name(*other.due_trigger);
      if (kind == no_name) continue;
      for (const EventRecord& trigger : context_.facts.events(kind, body))
        if (trigger.id == record.id) return true;
    }
    return false;
  }
  [[nodiscard]] bool recurring() const { return stage_.every.has_value(); }
  [[nodiscard]] const std::string& event_name(std::size_t deliverable) const {
    return context_.plan.events[stage_.deliverables[deliverable]].name;
  }

  /// The verdict of one obligation and period. Without explanations and
  /// with no detail it is a bare row: the hot path of a duty that recurs for
  /// millions of bodies.
  void verdict(const Obligation& obligation, std::size_t slot, TaskOutput& out) {
    const StagePeriod& period = periods_[slot];
    const bool explain = context_.explain();
    std::optional<Period> judged;
    if (recurring() && period.period.kind != PeriodKind::year) judged = period.period;
    std::string detail;
    if (obligation.programme != no_name) detail = context_.name(obligation.programme);
    if (period.trigger)
      detail = format_text(
          FMT_COMPILE("{}{}after {} of {}{}, due {}"), detail, detail.empty() ? "" : " ",
          context_.name(period.trigger->event), format_day(period.trigger->date),
          period.trigger->id == no_name ? "" : " (" + context_.name(period.trigger->id) + ")",
          format_day(period.deadline));
    else if (period.one_of_several)
      detail = format_text(FMT_COMPILE("{}{}due {}"), detail, detail.empty() ? "" : " ",
                           format_day(period.deadline));
    Explanation why;
    if (explain) {
      why.text = duty(obligation, period);
      why.children = policy_why_.children;
      if (period.trigger)
        why.children.push_back(
            {format_text(FMT_COMPILE("{} of {}: due within the days after it"),
                         context_.name(period.trigger->event), format_day(period.trigger->date)),
             {fact(*period.trigger)},
             {}});
    }
    bool missed = false, early = false, pending = false;
    int worst_late = 0, days_left = 0;
    for (std::size_t d = 0; d < stage_.deliverables.size(); ++d) {
      Explanation step;
      const Delivery delivery = counted()
                                    ? count(d, slot, explain ? &step : nullptr)
                                    : deliver(d, slot, obligation.body, explain ? &step : nullptr);
      switch (delivery.state) {
        case Delivery::State::on_time:
          break;
        case Delivery::State::late:
          worst_late = std::max(worst_late, delivery.days);
          break;
        case Delivery::State::early:
          early = true;
          break;
        case Delivery::State::pending:
          pending = true;
          days_left = delivery.days;
          break;
        case Delivery::State::missed:
          missed = true;
          break;
      }
      if (explain) why.children.push_back(std::move(step));
    }
    if (explain)
      for (const Attribution& attribution : attributions_)
        for (const EventRecord* record : attribution.elsewhere)
          if (record->date >= period.opens && record->date <= period.last)
            why.children.push_back(
                {format_text(
                     FMT_COMPILE("{} delivered on {} is for {}, which is no period of this stage: "
                                 "it does not count"),
                     context_.name(record->event), format_day(record->date),
                     record->period()->label()),
                 {fact(*record)},
                 {}});
    Outcome outcome = Outcome::met;
    std::optional<int> days;
    if (missed) {
      outcome = Outcome::missed;
    } else if (early) {
      outcome = Outcome::early;
    } else if (pending) {
      outcome = Outcome::pending;
      days = days_left;
    } else if (worst_late > 0) {
      outcome = Outcome::late;
      days = worst_late;
    }
    if (!explain && detail.empty()) {
      out.push_bare(bare_row(VerdictKind::deadline, context_.rule_index(stage_), obligation.body,
                             year_, judged, outcome, days));
      return;
    }
    Draft verdict = context_.draft(VerdictKind::deadline, stage_, obligation.body, year_);
    verdict.period = judged;
    verdict.detail = std::move(detail);
    verdict.explanation = std::move(why);
    verdict.outcome = outcome;
    verdict.days = days;
    out.push_back(std::move(verdict));
  }

  /// "商州区 must deliver 创建方案, … to 市综治办 by 2018-03-20 (the last day)".
  std::string duty(const Obligation& obligation, const StagePeriod& period) const {
    std::vector<std::string> deliverables;
    for (std::size_t d = 0; d < stage_.deliverables.size(); ++d)
      deliverables.push_back(event_name(d));
    std::vector<std::string> recipients;
    for (const NameId id : recipients_) recipients.push_back(context_.name(id));
    const std::string to =
        recipients.empty() ? "" : format_text(FMT_COMPILE(" to {}"), fmt::join(recipients, "、"));
    const std::string programme =
        obligation.programme != no_name ? " for " + context_.name(obligation.programme) : "";
    if (counted())
      return format_text(FMT_COMPILE("{} must deliver {}{} at least {} time{} in {} ({}..{}){}"),
                         context_.name(obligation.body), fmt::join(deliverables, ", "), to,
                         at_least_, at_least_ == 1 ? "" : "s", period.period.label(),
                         format_day(period.opens), format_day(period.last), programme);
    return format_text(FMT_COMPILE("{} must deliver {}{}{} by {} (the last day){}"),
                       context_.name(obligation.body), fmt::join(deliverables, ", "), to,
                       recurring() ? " for " + period.period.label() : "",
                       format_day(period.deadline), programme);
  }

  FactCitation fact(const EventRecord& record) const {
    return {format_text(FMT_COMPILE("{} {}{} on {}{}"), context_.name(record.event),
                        context_.name(record.unit),
                        record.to == no_name ? "" : " to " + context_.name(record.to),
                        format_day(record.date),
                        record.period() ? " for " + record.period()->label() : ""),
            context_.source_of(record.source)};
  }

  /// A deliverable due by a deadline.
  Delivery deliver(std::size_t deliverable, std::size_t slot, NameId body,
                   Explanation* step) const {
    const StagePeriod& period = periods_[slot];
    const Attribution::Slot& answered = attributions_[deliverable].slots[slot];
    const std::string& what = event_name(deliverable);
    if (!answered.delivered.empty()) {
      const EventRecord& record = *answered.delivered.front();
      const int late = record.date - period.deadline;
      if (step) {
        step->text = late <= 0 ? format_text(FMT_COMPILE("{} delivered on {}: on time"), what,
                                             format_day(record.date))
                               : format_text(FMT_COMPILE("{} delivered on {}: {} day{} late"), what,
                                             format_day(record.date), late, late == 1 ? "" : "s");
        if (record.period())
          step->text +=
              format_text(FMT_COMPILE(" (for {}, as the facts say)"), record.period()->label());
        step->facts.push_back(fact(record));
      }
      return late <= 0 ? Delivery{Delivery::State::on_time, 0}
                       : Delivery{Delivery::State::late, late};
    }
    const DayNumber as_of = context_.as_of();
    if (answered.early) {
      if (step) {
        step->text = format_text(
            FMT_COMPILE(
                "{} was delivered on {}, before the period opened on {}: it does not count"),
            what, format_day(answered.early->date), format_day(period.opens));
        step->facts.push_back(fact(*answered.early));
      }
      // Still time to deliver again while the deadline is ahead.
      return as_of > period.deadline ? Delivery{Delivery::State::early, 0}
                                     : Delivery{Delivery::State::pending, period.deadline - as_of};
    }
    if (as_of > period.deadline) {
      if (step) {
        step->text =
            format_text(FMT_COMPILE("no {} from {} by {} (as of {})"), what, context_.name(body),
                        format_day(period.deadline), format_day(as_of));
        explain_elsewhere(deliverable, slot, *step);
      }
      return {Delivery::State::missed, 0};
    }
    const int left = period.deadline - as_of;
    if (step) {
      step->text = format_text(FMT_COMPILE("{} not delivered yet; {} day{} left"), what, left,
                               left == 1 ? "" : "s");
      explain_elsewhere(deliverable, slot, *step);
    }
    return {Delivery::State::pending, left};
  }

  /// Deliveries in the period's window that answered another period: why a
  /// period is missed although something was delivered in it.
  void explain_elsewhere(std::size_t deliverable, std::size_t slot, Explanation& step) const {
    const StagePeriod& period = periods_[slot];
    const Attribution& attribution = attributions_[deliverable];
    for (std::size_t other = 0; other < periods_.size(); ++other) {
      if (other == slot) continue;
      for (const EventRecord* record : attribution.slots[other].delivered) {
        if (record->date < period.opens || record->date > period.deadline) continue;
        step.children.push_back(
            {format_text(FMT_COMPILE("{} delivered on {} answers {}{}"), event_name(deliverable),
                         format_day(record->date), periods_[other].period.label(),
                         record->period() ? " (as the facts say)"
                                          : " (the period with the nearest deadline that had no "
                                            "delivery)"),
             {fact(*record)},
             {}});
      }
    }
  }

  /// A deliverable needed `at_least` times within the period.
  Delivery count(std::size_t deliverable, std::size_t slot, Explanation* step) const {
    const StagePeriod& period = periods_[slot];
    const auto& delivered = attributions_[deliverable].slots[slot].delivered;
    const std::size_t found = delivered.size();
    const DayNumber as_of = context_.as_of();
    if (step) {
      step->text = format_text(FMT_COMPILE("{}: {} in {} ({} needed)"), event_name(deliverable),
                               found, period.period.label(), at_least_);
      for (const EventRecord* record : delivered) step->facts.push_back(fact(*record));
    }
    if (found >= at_least_) return {Delivery::State::on_time, 0};
    if (as_of > period.last) return {Delivery::State::missed, 0};
    return {Delivery::State::pending, period.last - as_of};
  }

  const EvaluationContext& context_;
  const Stage& stage_;
  const int year_;
  std::vector<StagePeriod> periods_;  // per obligation for a stage due after each event
  Explanation policy_why_;
  const std::vector<NameId> recipients_;
  const std::size_t at_least_;
  // Reused from one obligation to the next.
  std::vector<const EventRecord*> deliveries_;
  std::vector<Attribution> attributions_;
};

}  // namespace

void deadline_verdicts(const EvaluationContext& context, const Stage& stage, int year,
                       std::span<const Obligation> obliged, TaskOutput& out) {
  Interpreter interpreter(context.env, year, no_name);
  Explanation policy_why;
  std::vector<StagePeriod> periods = stage_periods(context, stage, year, policy_why);
  if (!stage.due_trigger && std::none_of(periods.begin(), periods.end(), [&](const StagePeriod& p) {
        return p.in_plan && p.year == year;
      }))
    return;
  if (obliged.empty()) {
    Draft verdict = context.draft(VerdictKind::deadline, stage, no_name, year);
    verdict.outcome = Outcome::not_applicable;
    verdict.explanation.text =
        format_text(FMT_COMPILE("{}: no body is obliged in {}"), stage.name, year);
    out.push_back(std::move(verdict));
    return;
  }
  std::size_t at_least = 0;
  if (stage.at_least) {
    const Value count = interpreter.value_of(*stage.at_least);
    at_least = count.kind == ValueKind::number && count.number >= 1
                   ? static_cast<std::size_t>(count.number)
                   : 1;
  }
  DeadlineJudge judge(context, stage, year, std::move(periods), std::move(policy_why),
                      context.expand_all(stage.deliver_to, interpreter), at_least);
  for (const Obligation& obligation : obliged) judge.judge(obligation, out);
}

bool counts_for(const EventRecord& record, const Obligation& obligation,
                std::span<const NameId> recipients, std::span<const NameId> scope) {
  if (!recipients.empty() && record.to != no_name &&
      std::find(recipients.begin(), recipients.end(), record.to) == recipients.end())
    return false;
  if (obligation.programme != no_name && record.programme != no_name &&
      record.programme != obligation.programme)
    return false;
  return record.programme == no_name || scope.empty() ||
         std::binary_search(scope.begin(), scope.end(), record.programme);
}

}  // namespace mandate::detail
