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
        at_least_(at_least),
        periods_without_detail_(std::none_of(periods_.begin(), periods_.end(), in_detail)) {}

  void judge(const Obligation& obligation, TaskOutput& out) {
    if (stage_.due_trigger) {
      // A deadline from each triggering event about this body.
      Explanation scratch;
      periods_ = triggered_periods(context_, stage_, obligation.body, year_, scratch);
      if (context_.explain()) policy_why_.children = std::move(scratch.children);
    }
    // Each deliverable's deliveries, attributed to the periods once.
    deliveries_.resize(stage_.deliverables.size());
    bool plain = true;  // no delivery says which period it is for
    not_counted_.clear();
    for (std::size_t d = 0; d < stage_.deliverables.size(); ++d) {
      deliveries_[d].clear();
      const NameId event_id = context_.cache.event_name(stage_.deliverables[d]);
      if (event_id == no_name) continue;
      for (const EventRecord& record : context_.facts.events(event_id, obligation.body)) {
        if (record.date > context_.as_of()) continue;
        const NotCounted fit =
            why_not_counted(record, obligation, recipients_, context_.stage_scope(stage_));
        if (fit != NotCounted::counts) {
          if (context_.explain()) not_counted_.emplace_back(&record, fit);
          continue;
        }
        if (answers_another_trigger(record, obligation.body)) continue;
        deliveries_[d].push_back(&record);
        plain = plain && !record.has_period();
      }
    }
    if (plain && counted() && !context_.explain() && !stage_.due_trigger &&
        periods_without_detail_ && obligation.programme == no_name) {
      tally(obligation, out);
      return;
    }
    attributions_.resize(stage_.deliverables.size());
    for (std::size_t d = 0; d < stage_.deliverables.size(); ++d) {
      attribute(periods_, deliveries_[d], counted(), attributions_[d]);
      // A delivery made before the event cannot answer it: not `early`.
      if (stage_.due_trigger)
        for (Attribution::Slot& slot : attributions_[d].slots) slot.early = nullptr;
    }
    for (std::size_t slot = 0; slot < periods_.size(); ++slot)
      if (assessed(slot)) verdict(obligation, slot, out);
  }

 private:
  /// A period's outcome and its days (late by, or left).
  struct Judged {
    Outcome outcome = Outcome::met;
    std::optional<int> days;
  };

  [[nodiscard]] bool counted() const { return at_least_ > 0; }
  /// Whether a period's verdict names its deadline or event in its detail.
  static bool in_detail(const StagePeriod& period) {
    return period.one_of_several || period.trigger;
  }
  [[nodiscard]] bool assessed(std::size_t slot) const {
    return periods_[slot].in_plan && periods_[slot].year == year_;
  }
  /// The period a verdict names: a recurring stage's shorter periods only.
  [[nodiscard]] const Period* judged(const StagePeriod& period) const {
    return recurring() && period.period.kind != PeriodKind::year ? &period.period : nullptr;
  }
  /// A verdict with nothing but its outcome and days, written in place.
  void push_bare(const Obligation& obligation, const StagePeriod& period, const Judged& result,
                 TaskOutput& out) const {
    out.push_bare([&](VerdictRow& row) {
      fill_bare_row(row, VerdictKind::deadline, context_.rule_index(stage_), obligation.body, year_,
                    judged(period), result.outcome, result.days);
    });
  }

  /// The hot path of a duty that recurs for millions of bodies, `at_least N`
  /// without explanations or detail: each delivery counts in the period its
  /// date falls in (as attribute() places it), and each period is a bare row.
  void tally(const Obligation& obligation, TaskOutput& out) {
    const std::size_t slots = periods_.size();
    tallies_.assign(stage_.deliverables.size() * slots, 0);
    for (std::size_t d = 0; d < stage_.deliverables.size(); ++d)
      for (const EventRecord* record : deliveries_[d])
        if (const auto slot = period_containing(periods_, record->date))
          ++tallies_[d * slots + *slot];
    for (std::size_t slot = 0; slot < slots; ++slot) {
      if (!assessed(slot)) continue;
      const Judged result = combine([&](std::size_t d) {
        return counted_delivery(tallies_[d * slots + slot], periods_[slot]);
      });
      push_bare(obligation, periods_[slot], result, out);
    }
  }

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
    const bool has_detail = obligation.programme != no_name || in_detail(period);
    if (!explain && !has_detail) {
      const Judged result = judge_period(obligation, slot, nullptr);
      push_bare(obligation, period, result, out);
      return;
    }
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
      why.children.insert(why.children.end(), period.deadline_steps.begin(),
                          period.deadline_steps.end());
      if (period.trigger)
        why.children.push_back(
            {format_text(FMT_COMPILE("{} of {}: due within the days after it"),
                         context_.name(period.trigger->event), format_day(period.trigger->date)),
             {fact(*period.trigger)},
             {}});
    }
    const Judged result = judge_period(obligation, slot, explain ? &why : nullptr);
    if (explain)
      for (const Attribution& attribution : attributions_)
        for (const EventRecord* record : attribution.elsewhere)
          if (in_window(period, record->date))
            why.children.push_back(
                {period.trigger && record->id != no_name
                     ? format_text(FMT_COMPILE("{} delivered on {} names {}, which is no {} of {}: "
                                               "it does not count"),
                                   context_.name(record->event), format_day(record->date),
                                   context_.name(record->id), context_.name(period.trigger->event),
                                   context_.name(obligation.body))
                     : format_text(FMT_COMPILE("{} delivered on {} is for {}, which is no period "
                                               "of this stage: it does not count"),
                                   context_.name(record->event), format_day(record->date),
                                   record->period()->label()),
                 {fact(*record)},
                 {}});
    if (explain) explain_not_counted(period, why);
    Draft verdict = context_.draft(VerdictKind::deadline, stage_, obligation.body, year_);
    if (const Period* named = judged(period)) verdict.period = *named;
    verdict.detail = std::move(detail);
    verdict.explanation = std::move(why);
    verdict.outcome = result.outcome;
    verdict.days = result.days;
    out.push_back(std::move(verdict));
  }

  /// Whether a delivery made on `day` is the period's to explain: from its
  /// opening to its last day or deadline, whichever is later (a monthly
  /// report due on the 5th of the next month).
  static bool in_window(const StagePeriod& period, DayNumber day) {
    return day >= period.opens && day <= std::max(period.last, period.deadline);
  }

  /// The deliveries made in the period's window that went to another body
  /// or were for another programme: said, so that "no delivery" is not
  /// read as data missing.
  void explain_not_counted(const StagePeriod& period, Explanation& why) const {
    for (const auto& [record, fit] : not_counted_) {
      if (!in_window(period, record->date)) continue;
      const std::string made = format_text(FMT_COMPILE("{} delivered on {}"),
                                           context_.name(record->event), format_day(record->date));
      why.children.push_back(
          {fit == NotCounted::other_recipient
               ? format_text(FMT_COMPILE("{} to {}, not to {}: it does not count"), made,
                             context_.name(record->to), recipient_names())
               : format_text(
                     FMT_COMPILE("{} for {}, which this duty is not for: it does not count"), made,
                     context_.name(record->programme)),
           {fact(*record)},
           {}});
    }
  }

  /// A period's outcome from each deliverable's; with `why`, a step each.
  Judged judge_period(const Obligation& obligation, std::size_t slot, Explanation* why) const {
    return combine([&](std::size_t d) {
      std::optional<Explanation> step;
      if (why) step.emplace();
      Explanation* const into = step ? &*step : nullptr;
      const Delivery delivery =
          counted() ? count(d, slot, into) : deliver(d, slot, obligation.body, into);
      if (why) why->children.push_back(std::move(*step));
      return delivery;
    });
  }

  /// The outcome of a period whose deliverable `d` gave `delivery_of(d)`:
  /// missed before early before pending before late.
  template <typename DeliveryOf>
  Judged combine(DeliveryOf delivery_of) const {
    bool missed = false, early = false, pending = false;
    int worst_late = 0, days_left = 0;
    for (std::size_t d = 0; d < stage_.deliverables.size(); ++d) {
      const Delivery delivery = delivery_of(d);
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
    }
    if (missed) return {Outcome::missed, std::nullopt};
    if (early) return {Outcome::early, std::nullopt};
    if (pending) return {Outcome::pending, days_left};
    if (worst_late > 0) return {Outcome::late, worst_late};
    return {Outcome::met, std::nullopt};
  }

  /// "市综治办、市委": whom the stage's deliveries go to.
  std::string recipient_names() const {
    std::vector<std::string> names;
    for (const NameId id : recipients_) names.push_back(context_.name(id));
    return format_text(FMT_COMPILE("{}"), fmt::join(names, "、"));
  }

  /// "商州区 must deliver 创建方案, … to 市综治办 by 2018-03-20 (the last day)".
  std::string duty(const Obligation& obligation, const StagePeriod& period) const {
    std::vector<std::string> deliverables;
    for (std::size_t d = 0; d < stage_.deliverables.size(); ++d)
      deliverables.push_back(event_name(d));
    const std::string to =
        recipients_.empty() ? "" : format_text(FMT_COMPILE(" to {}"), recipient_names());
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
        // The window, not the period: with a deadline after the period, it
        // opens halfway from the deadline before (answer_the_nearer_deadline).
        step->text = format_text(FMT_COMPILE("{} was delivered on {}, before the on-time window "
                                             "of {} opened on {}: it does not count"),
                                 what, format_day(answered.early->date), period.period.label(),
                                 format_day(period.opens));
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
    if (step) {
      step->text = format_text(FMT_COMPILE("{}: {} in {} ({} needed)"), event_name(deliverable),
                               found, period.period.label(), at_least_);
      for (const EventRecord* record : delivered) step->facts.push_back(fact(*record));
    }
    return counted_delivery(found, period);
  }

  /// `found` deliveries in a period that needs `at_least`.
  [[nodiscard]] Delivery counted_delivery(std::size_t found, const StagePeriod& period) const {
    const DayNumber as_of = context_.as_of();
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
  const bool periods_without_detail_;  // no period is in_detail()
  // Reused from one obligation to the next.
  std::vector<std::vector<const EventRecord*>> deliveries_;  // by deliverable
  std::vector<Attribution> attributions_;
  std::vector<std::uint32_t> tallies_;  // by deliverable and period
  /// With explanations: the obligation's deliveries that do not count, why.
  std::vector<std::pair<const EventRecord*, NotCounted>> not_counted_;
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
    // `at_least 每月次数`: the parameter's line says its value, overridden or not.
    const Value count = interpreter.evaluate(*stage.at_least, policy_why);
    // Below 1 is refused by the checker and for overrides (stage_counts_below_one).
    at_least = count.kind == ValueKind::number && count.number >= 1
                   ? static_cast<std::size_t>(count.number)
                   : 1;
  }
  DeadlineJudge judge(context, stage, year, std::move(periods), std::move(policy_why),
                      context.expand_all(stage.deliver_to, interpreter), at_least);
  for (const Obligation& obligation : obliged) judge.judge(obligation, out);
}

NotCounted why_not_counted(const EventRecord& record, const Obligation& obligation,
                           std::span<const NameId> recipients, std::span<const NameId> scope) {
  if (!recipients.empty() && record.to != no_name &&
      std::find(recipients.begin(), recipients.end(), record.to) == recipients.end())
    return NotCounted::other_recipient;
  if (obligation.programme != no_name && record.programme != no_name &&
      record.programme != obligation.programme)
    return NotCounted::other_programme;
  const bool in_scope = record.programme == no_name || scope.empty() ||
                        std::binary_search(scope.begin(), scope.end(), record.programme);
  return in_scope ? NotCounted::counts : NotCounted::other_programme;
}

bool counts_for(const EventRecord& record, const Obligation& obligation,
                std::span<const NameId> recipients, std::span<const NameId> scope) {
  return why_not_counted(record, obligation, recipients, scope) == NotCounted::counts;
}

}  // namespace mandate::detail
