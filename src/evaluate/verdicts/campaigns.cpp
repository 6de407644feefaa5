// Campaigns: an action that must start inside a window and last a duration.
#include "evaluate/verdicts/verdicts.hpp"

#include "check/calendar.hpp"
#include "support/text.hpp"

#include <mandate/format.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>

namespace mandate::detail {
namespace {

/// What one campaign held in the year makes of the stage.
enum class Standing : std::uint8_t { meets, running, too_short, outside };

struct Campaign {
  const EventRecord* record;
  Standing standing;
  int lasted;  // days held by the evaluation date
};

Campaign judge(const EventRecord& record, const Value& window, int duration, DayNumber as_of) {
  // Days after the evaluation date are not known yet: a campaign planned to
  // end later has lasted until today, and is still running.
  const DayNumber observed_end = std::min(record.until, as_of);
  const int lasted = observed_end - record.date + 1;
  if (record.date < window.first || record.date > window.last)
    return {&record, Standing::outside, lasted};
  if (lasted >= duration) return {&record, Standing::meets, lasted};
  return {&record, record.until > as_of ? Standing::running : Standing::too_short, lasted};
}

}  // namespace

void campaign_verdicts(const EvaluationContext& context, const Stage& stage, int year,
                       std::span<const Obligation> obliged, TaskOutput& out) {
  Interpreter interpreter(context.env, year, no_name);
  Explanation why;
  const Value window = interpreter.evaluate(*stage.start_window, why);
  const Value duration_value =
      stage.duration ? interpreter.evaluate(*stage.duration, why) : Value::of_number(1);
  if (window.kind != ValueKind::window) return;
  const int duration = static_cast<int>(duration_value.number);
  const DayNumber as_of = context.as_of();
  const std::vector<NameId> recipients = context.expand_all(stage.deliver_to, interpreter);
  std::vector<Campaign> campaigns;
  for (const Obligation& obligation : obliged) {
    Draft verdict = context.draft(VerdictKind::campaign, stage, obligation.body, year);
    if (obligation.programme != no_name) verdict.detail = context.name(obligation.programme);
    verdict.explanation.text =
        format_text(FMT_COMPILE("{} must start between {} and {} and last {} days"),
                    context.name(obligation.body), format_day(window.first),
                    format_day(window.last), format_number(duration_value.number, false));
    verdict.explanation.children = why.children;
    // Every campaign of the year: any one that starts in the window and lasts
    // long enough meets the stage, whatever the others did.
    campaigns.clear();
    for (const Index event : stage.deliverables) {
      const NameId event_id = context.cache.event_name(event);
      if (event_id == no_name) continue;
      for (const EventRecord& record : context.facts.events(event_id, obligation.body))
        if (record.date <= as_of && to_date(record.date).year == year &&
            counts_for(record, obligation, recipients, context.stage_scope(stage)))
          campaigns.push_back(judge(record, window, duration, as_of));
    }
    std::sort(campaigns.begin(), campaigns.end(),
              [](const Campaign& a, const Campaign& b) { return a.record->date < b.record->date; });
    const auto first = [&](Standing standing) {
      const auto it = std::find_if(campaigns.begin(), campaigns.end(),
                                   [&](const Campaign& c) { return c.standing == standing; });
      return it == campaigns.end() ? nullptr : &*it;
    };
    const Campaign* meets = first(Standing::meets);
    const Campaign* running = first(Standing::running);
    if (meets) {
      verdict.outcome = Outcome::met;
    } else if (running) {
      verdict.outcome = Outcome::pending;
      verdict.days = running->record->date + duration - 1 - as_of;  // until long enough
    } else if (as_of <= window.last) {
      verdict.outcome = Outcome::pending;  // there is still time to start one
      verdict.days = window.last - as_of;
    } else if (first(Standing::too_short)) {
      verdict.outcome = Outcome::too_short;
    } else if (first(Standing::outside)) {
      verdict.outcome = Outcome::started_outside;
    } else {
      verdict.outcome = Outcome::missed;
    }
    if (context.explain()) {
      if (campaigns.empty())
        verdict.explanation.children.push_back(
            {format_text(FMT_COMPILE("no record of the campaign in {} (as of {})"), year,
                         format_day(as_of)),
             {},
             {}});
      for (const Campaign& campaign : campaigns) {
        const EventRecord& held = *campaign.record;
        const std::string_view standing = campaign.standing == Standing::meets ? "meets the stage"
                                          : campaign.standing == Standing::running ? "still running"
                                          : campaign.standing == Standing::too_short
                                              ? "too short"
                                              : "started outside the window";
        Explanation step;
        step.text = format_text(
            FMT_COMPILE("held from {} to {}: {} day{}{}: {}"), format_day(held.date),
            format_day(held.until), campaign.lasted, campaign.lasted == 1 ? "" : "s",
            held.until > as_of ? " so far" : "", &campaign == meets ? "meets the stage" : standing);
        step.facts.push_back(
            {format_text(FMT_COMPILE("{} {} {}..{}"), context.name(held.event),
                         context.name(held.unit), format_day(held.date), format_day(held.until)),
             context.source_of(held.source)});
        verdict.explanation.children.push_back(std::move(step));
      }
    }
    out.push_back(std::move(verdict));
  }
}

}  // namespace mandate::detail
