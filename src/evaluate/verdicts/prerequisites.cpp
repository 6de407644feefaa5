// Prerequisites: a recommended candidate must hold a title (B3c); a stage's
// delivery must not precede the stages it requires (D1).
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

const EventRecord* first_delivery(const EvaluationContext& context, const Stage& stage,
                                  const Obligation& obligation, DayNumber first, DayNumber last) {
  const EventRecord* found = nullptr;
  for (const Index event : stage.deliverables) {
    const NameId event_id = context.cache.event_name(event);
    if (event_id == no_name) continue;
    for (const EventRecord& record : context.facts.events(event_id, obligation.body)) {
      if (record.date < first || record.date > last || record.date > context.env.as_of) continue;
      if (!counts_for(record, obligation, {}, context.stage_scope(stage))) continue;
      if (!found || record.date < found->date) found = &record;
      break;
    }
  }
  return found;
}

/// When a required stage was completed for an obligation: by the same body,
/// or by the required stage's own obligated body towards this one (an
/// approval 市综治办 → the lead department).
const EventRecord* completion(const EvaluationContext& context, const Stage& required,
                              const Obligation& obligation, DayNumber first, DayNumber last,
                              Interpreter& interpreter) {
  if (const EventRecord* own = first_delivery(context, required, obligation, first, last))
    return own;
  const EventRecord* found = nullptr;
  for (const Obligation& other : context.obligations(required, interpreter)) {
    for (const Index event : required.deliverables) {
      const NameId event_id = context.cache.event_name(event);
      if (event_id == no_name) continue;
      for (const EventRecord& record : context.facts.events(event_id, other.body)) {
        if (record.date < first || record.date > last || record.date > context.env.as_of) continue;
        const bool towards =
            record.to == obligation.body ||
            (obligation.programme != no_name && record.programme == obligation.programme);
        if (towards && (!found || record.date < found->date)) found = &record;
      }
    }
  }
  return found;
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
  const DayNumber year_first = to_day_number(Date{year, 1, 1});
  const DayNumber year_last = to_day_number(Date{year, 12, 31});
  for (const Obligation& obligation : obliged) {
    const EventRecord* used = first_delivery(context, stage, obligation, year_first, year_last);
    if (!used) continue;  // nothing delivered: the deadline verdict says so
    for (const Index required_index : stage.prerequisites) {
      const Stage& required = context.plan.stages[required_index];
      const EventRecord* completed =
          completion(context, required, obligation, year_first, year_last, interpreter);
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
