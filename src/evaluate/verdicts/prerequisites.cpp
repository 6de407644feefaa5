// Prerequisites: a recommended candidate must hold a title (B3c); a stage's
// delivery must not precede the stages it requires (D1).
#include "evaluate/verdicts/verdicts.hpp"

#include "check/calendar.hpp"
#include "evaluate/periods.hpp"
#include "support/text.hpp"

#include <mandate/format.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>

namespace mandate::detail {
namespace {

/// The periods of a stage, for an obliged body: its own for a stage due
/// after each event (made in `own`), else the stage's, not copied.
std::span<const StagePeriod> periods_for(const EvaluationContext& context, const Stage& stage,
                                         NameId body, int year, std::span<const StagePeriod> shared,
                                         std::vector<StagePeriod>& own) {
  if (!stage.due_trigger) return shared;
  Explanation ignored;
  own = triggered_periods(context, stage, body, year, ignored);
  return own;
}

/// For each deliverable of `stage`, the first of `body`'s deliveries that
/// `keep` accepts and that answers a period of `year` — as the deadline
/// verdicts attribute them (a report for 2019 filed in January 2020 is
/// 2019's); null where none does.
template <typename Keep>
std::vector<const EventRecord*> firsts_of_year(const EvaluationContext& context, const Stage& stage,
                                               std::span<const StagePeriod> periods, NameId body,
                                               int year, const Keep& keep) {
  std::vector<const EventRecord*> firsts(stage.deliverables.size(), nullptr);
  // A stage with no period of the year (no deadline: 方案审定) delivers in
  // the calendar year.
  const bool by_period = std::any_of(periods.begin(), periods.end(), [&](const StagePeriod& p) {
    return p.in_plan && p.year == year;
  });
  const DayNumber year_first = to_day_number(Date{year, 1, 1});
  const DayNumber year_last = to_day_number(Date{year, 12, 31});
  Attribution attribution;
  std::vector<const EventRecord*> deliveries;
  for (std::size_t d = 0; d < stage.deliverables.size(); ++d) {
    const NameId event_id = context.cache.event_name(stage.deliverables[d]);
    if (event_id == no_name) continue;
    deliveries.clear();
    for (const EventRecord& record : context.facts.events(event_id, body))
      if (record.date <= context.env.as_of && keep(record)) deliveries.push_back(&record);
    if (!by_period) {
      for (const EventRecord* record : deliveries)
        if (record->date >= year_first && record->date <= year_last &&
            (!firsts[d] || record->date < firsts[d]->date))
          firsts[d] = record;
      continue;
    }
    attribute(periods, deliveries, stage.at_least.has_value(), attribution);
    for (std::size_t slot = 0; slot < periods.size(); ++slot) {
      if (periods[slot].year != year || !periods[slot].in_plan) continue;
      for (const EventRecord* record : attribution.slots[slot].delivered)
        if (!firsts[d] || record->date < firsts[d]->date) firsts[d] = record;
    }
  }
  return firsts;
}

/// The first delivery of a stage for an obligation's year: of any of its
/// deliverables (using one is using the stage).
const EventRecord* first_delivery(const EvaluationContext& context, const Stage& stage,
                                  std::span<const StagePeriod> periods,
                                  const Obligation& obligation, int year) {
  const EventRecord* found = nullptr;
  for (const EventRecord* first :
       firsts_of_year(context, stage, periods, obligation.body, year, [&](const EventRecord& r) {
         return counts_for(r, obligation, {}, context.stage_scope(stage));
       }))
    if (first && (!found || first->date < found->date)) found = first;
  return found;
}

/// When a required stage was completed for an obligation's year: when the
/// last of its deliverables came (a stage is met only when each was
/// delivered), each by the same body or by the required stage's own
/// obligated body towards this one (an approval 市综治办 → the lead
/// department). Null while one is missing.
const EventRecord* completion(const EvaluationContext& context, const Stage& required,
                              std::span<const Index> needed, std::span<const StagePeriod> periods,
                              const Obligation& obligation, int year, Interpreter& interpreter) {
  std::vector<StagePeriod> own;  // a triggered stage's periods, per body
  std::vector<const EventRecord*> firsts = firsts_of_year(
      context, required, periods_for(context, required, obligation.body, year, periods, own),
      obligation.body, year, [&](const EventRecord& r) {
        return counts_for(r, obligation, {}, context.stage_scope(required));
      });
  const auto towards = [&](const EventRecord& record) {
    return record.to == obligation.body ||
           (obligation.programme != no_name && record.programme == obligation.programme);
  };
  if (std::find(firsts.begin(), firsts.end(), nullptr) != firsts.end())
    for (const Obligation& other : context.obligations(required, interpreter)) {
      if (other.body == obligation.body) continue;
      const std::vector<const EventRecord*> theirs = firsts_of_year(
          context, required, periods_for(context, required, other.body, year, periods, own),
          other.body, year, towards);
      for (std::size_t d = 0; d < firsts.size(); ++d)
        if (theirs[d] && (!firsts[d] || theirs[d]->date < firsts[d]->date)) firsts[d] = theirs[d];
    }
  const EventRecord* last = nullptr;
  for (std::size_t d = 0; d < firsts.size(); ++d) {
    // `requires S for E, …`: only those of S's deliverables.
    if (!needed.empty() &&
        std::find(needed.begin(), needed.end(), required.deliverables[d]) == needed.end())
      continue;
    if (!firsts[d]) return nullptr;
    if (!last || firsts[d]->date > last->date) last = firsts[d];
  }
  return last;
}

/// “推荐对象须已获得……命名”: the candidate holds the title already — conferred for the
/// year or an earlier one (the ten years before the plan's period are searched), and not
/// on a day after the recommendation (an undated title counts from its year). A title
/// held per programme must be held in `programme`, the one recommended for.
bool title_held_before(const EvaluationContext& context, Index title, NameId programme,
                       NameId candidate, int year, DayNumber recommended, Explanation& step) {
  const int earliest = context.plan.metadata.first_year - 10;
  const std::string title_name =
      programme == no_name ? context.plan.titles[title].name
                           : format_text(FMT_COMPILE("{} ({})"), context.plan.titles[title].name,
                                         context.name(programme));
  Explanation later;  // a title conferred after the recommendation, to say why it fails
  for (int held = year; held >= earliest; --held) {
    Explanation found;
    if (!title_held(context.env, title, candidate, held, &found, programme)) continue;
    const auto record =
        context.facts.title_held(context.cache.title_name(title), candidate, held, programme);
    if (record && record->date != undated && record->date > recommended) {
      if (later.text.empty())
        later = {format_text(
                     FMT_COMPILE("{} holds {} for {} only from {}, after the recommendation on {}"),
                     context.name(candidate), title_name, held, format_day(record->date),
                     format_day(recommended)),
                 std::move(found.facts),
                 {}};
      continue;
    }
    step = std::move(found);
    return true;
  }
  if (!later.text.empty()) {
    step = std::move(later);
  } else {
    step.text = format_text(FMT_COMPILE("no fact records {} holding {} in {} or before"),
                            context.name(candidate), title_name, year);
  }
  return false;
}

/// The programme a title held per programme must be held in for a recommendation:
/// the programme the recommendation is for, when it is one of the title's. no_name
/// with `unknown` set when the recommendation names none, or only a group of them.
NameId required_programme(const EvaluationContext& context, const Title& title,
                          const EventRecord& record, bool& unknown) {
  unknown = false;
  const std::vector<Index> programmes = title_programmes(context.plan, title);
  if (programmes.empty()) return no_name;
  if (record.programme != no_name) {
    const Symbol* symbol = context.plan.find(context.facts.name(record.programme));
    if (symbol && symbol->kind == SymbolKind::programme) return record.programme;
  }
  unknown = true;
  return no_name;
}

}  // namespace

void candidate_verdicts(const EvaluationContext& context, const Stage& stage, int year,
                        std::span<const Obligation> obliged, TaskOutput& out) {
  for (const Obligation& obligation : obliged) {
    for (const Index event : stage.deliverables) {
      if (context.plan.events[event].kind != "recommendation") continue;
      const NameId event_id = context.cache.event_name(event);
      if (event_id == no_name) continue;
      for (const EventRecord& record : context.facts.events(event_id, obligation.body)) {
        if (record.date > context.env.as_of || to_date(record.date).year != year ||
            record.candidate == no_name ||
            !counts_for(record, obligation, {}, context.stage_scope(stage)))
          continue;
        Draft verdict = context.draft(VerdictKind::prerequisite, stage, obligation.body, year);
        verdict.detail = context.name(record.candidate);
        std::vector<std::string> held;
        std::vector<std::string> lacking;
        for (const Index title : stage.candidate_titles) {
          Explanation step;
          bool unknown = false;
          const NameId programme =
              required_programme(context, context.plan.titles[title], record, unknown);
          if (unknown) {
            // Held per programme, and the recommendation does not say for which.
            verdict.missing.push_back(
                format_text(FMT_COMPILE("the programme of {} of {} by {} on {}"),
                            context.name(record.event), context.name(record.candidate),
                            context.name(record.unit), format_day(record.date)));
            step.text = format_text(
                FMT_COMPILE("{} is held per programme; the recommendation names {}"),
                context.plan.titles[title].name,
                record.programme == no_name ? std::string("none")
                                            : "only the group " + context.name(record.programme));
            lacking.push_back(context.plan.titles[title].name);
          } else if (title_held_before(context, title, programme, record.candidate, year,
                                       record.date, step)) {
            held.push_back(context.plan.titles[title].name);
          } else {
            lacking.push_back(context.plan.titles[title].name);
          }
          verdict.explanation.children.push_back(std::move(step));
        }
        verdict.outcome = !verdict.missing.empty() ? Outcome::unknown
                          : lacking.empty()        ? Outcome::valid
                                                   : Outcome::invalid;
        verdict.explanation.text =
            format_text(FMT_COMPILE("{} recommended {} on {}: a candidate must already hold {}"),
                        context.name(obligation.body), context.name(record.candidate),
                        format_day(record.date), fmt::join(held.empty() ? lacking : held, ", "));
        verdict.explanation.facts.push_back(
            {format_text(FMT_COMPILE("{} {} candidate {} on {}"), context.name(record.event),
                         context.name(record.unit), context.name(record.candidate),
                         format_day(record.date)),
             context.source_of(record.source)});
        out.push_back(std::move(verdict));
      }
    }
  }
}

/// D1: what a stage delivers must not precede the completion of the
/// stages it requires (a standard in use before its approval).
void prerequisite_verdicts(const EvaluationContext& context, const Stage& stage, int year,
                           std::span<const Obligation> obliged, TaskOutput& out) {
  Interpreter interpreter(context.env, year, no_name);
  Explanation ignored;
  const std::vector<StagePeriod> periods = stage_periods(context, stage, year, ignored);
  std::vector<std::vector<StagePeriod>> required_periods;
  for (const Index required : stage.prerequisites)
    required_periods.push_back(
        stage_periods(context, context.plan.stages[required], year, ignored));
  std::vector<StagePeriod> own;  // a triggered stage's periods, per body
  for (const Obligation& obligation : obliged) {
    const EventRecord* used = first_delivery(
        context, stage, periods_for(context, stage, obligation.body, year, periods, own),
        obligation, year);
    if (!used) continue;  // nothing delivered: the deadline verdict says so
    for (std::size_t r = 0; r < stage.prerequisites.size(); ++r) {
      const Stage& required = context.plan.stages[stage.prerequisites[r]];
      const EventRecord* completed =
          completion(context, required, stage.prerequisite_deliverables[r], required_periods[r],
                     obligation, year, interpreter);
      Draft verdict = context.draft(VerdictKind::prerequisite, stage, obligation.body, year);
      verdict.detail = "requires " + required.name;
      verdict.explanation.text = format_text(FMT_COMPILE("{} ({}) needs {} first"), stage.name,
                                             context.name(used->event), required.name);
      verdict.explanation.facts.push_back(
          {format_text(FMT_COMPILE("{} {} on {}"), context.name(used->event),
                       context.name(used->unit), format_day(used->date)),
           context.source_of(used->source)});
      if (completed && completed->date <= used->date) {
        verdict.outcome = Outcome::valid;
        verdict.explanation.children.push_back(
            {format_text(FMT_COMPILE("{} completed on {}"), required.name,
                         format_day(completed->date)),
             {{format_text(FMT_COMPILE("{} {} on {}"), context.name(completed->event),
                           context.name(completed->unit), format_day(completed->date)),
               context.source_of(completed->source)}},
             {}});
      } else {
        verdict.outcome = Outcome::invalid;
        verdict.explanation.children.push_back(
            {completed ? format_text(FMT_COMPILE("{} completed only on {}, after {} on {}"),
                                     required.name, format_day(completed->date),
                                     context.name(used->event), format_day(used->date))
                       : format_text(FMT_COMPILE("{} not completed in {} before {}"), required.name,
                                     year, format_day(used->date)),
             {},
             {}});
      }
      out.push_back(std::move(verdict));
    }
  }
}

}  // namespace mandate::detail
