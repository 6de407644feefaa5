// Quotas: the events a quota limits, counted per row and column and year.
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

bool under(const EvaluationContext& context, NameId event_programme, Index column) {
  const std::string_view programme_name = context.facts.name(event_programme);
  const Symbol* symbol = context.plan.find(programme_name);
  if (!symbol || symbol->kind != SymbolKind::programme) return false;
  Index current = symbol->index;
  for (int depth = 0; depth < 16; ++depth) {
    if (current == column) return true;
    const Programme& programme = context.plan.programmes[current];
    if (programme.parent_programme) {
      current = *programme.parent_programme;
    } else {
      return false;
    }
  }
  return false;
}

/// A cell's limit in the year: its count, 0 for none (—), or the value of
/// the parameter it names (explained into `why`); unknown without a value.
struct Limit {
  std::optional<double> allowed;
  std::string text;  // "3", "none (—)", "3 (示范点数)"
};

Limit limit_of(const EvaluationContext& context, const QuotaRow& row, std::size_t c,
               Interpreter& interpreter, Explanation& why) {
  if (c < row.parameters.size() && row.parameters[c]) {
    const std::string& name = context.plan.parameters[*row.parameters[c]].name;
    const Value value = interpreter.parameter(*row.parameters[c], why);
    if (value.kind != ValueKind::number)
      return {std::nullopt, format_text(FMT_COMPILE("{} (unknown)"), name)};
    return {value.number, format_text(FMT_COMPILE("{} ({})"), value.number, name)};
  }
  if (!row.cells[c]) return {0, "none (—)"};
  return {static_cast<double>(*row.cells[c]), std::to_string(*row.cells[c])};
}

}  // namespace

void quota_verdicts(const EvaluationContext& context, const Quota& quota, int year,
                    TaskOutput& out) {
  const DayNumber first = to_day_number(Date{year, 1, 1});
  const DayNumber last = to_day_number(Date{year, 12, 31});
  Interpreter interpreter(context.env, year, no_name);  // for cells that name a parameter
  for (const QuotaRow& row : quota.rows) {
    const NameId body = context.facts.find_name(context.plan.bodies[row.body].name);
    const std::size_t columns = std::max<std::size_t>(1, quota.columns.size());
    for (std::size_t c = 0; c < columns; ++c) {
      Draft verdict = context.draft(VerdictKind::quota, quota, body, year);
      interpreter.begin_subject(no_name);  // the missing facts of this cell only
      const Limit limit = limit_of(context, row, c, interpreter, verdict.explanation);
      if (!limit.allowed) verdict.missing = interpreter.missing();
      verdict.detail = quota.columns.empty() ? "" : context.plan.programmes[quota.columns[c]].name;
      verdict.explanation.text =
          format_text(FMT_COMPILE("{}{}: at most {}"), context.name(body),
                      verdict.detail.empty() ? "" : " · " + verdict.detail, limit.text);
      // One column: every event of the row counts; several: its programme's.
      // An event that names no programme may be any column's (decision 0072).
      const bool by_programme = quota.columns.size() > 1;
      bool over = false;
      bool unassigned_may_exceed = false;
      for (const Index event : quota.limits) {
        const NameId event_id = context.cache.event_name(event);
        std::int64_t counted = 0;
        std::int64_t unassigned = 0;
        Explanation step;
        Explanation without_programme;
        if (event_id != no_name) {
          for (const EventRecord& record : context.facts.events(event_id, body)) {
            if (record.date < first || record.date > last || record.date > context.env.as_of)
              continue;
            const bool no_programme = by_programme && record.programme == no_name;
            if (by_programme && !no_programme &&
                !under(context, record.programme, quota.columns[c]))
              continue;
            ++(no_programme ? unassigned : counted);
            // As a candidate's recommendation is cited elsewhere, and any
            // other event as count(…) cites it: with its issuer, if any.
            const std::string_view kind = context.plan.events[event].name;
            const std::string unit = context.name(record.unit);
            const std::string day = format_day(record.date);
            (no_programme ? without_programme : step)
                .facts.push_back({record.candidate != no_name
                                      ? format_text(FMT_COMPILE("{} {} candidate {} on {}"), kind,
                                                    unit, context.name(record.candidate), day)
                                  : record.by != no_name
                                      ? format_text(FMT_COMPILE("{} {} by {} on {}"), kind, unit,
                                                    context.name(record.by), day)
                                      : format_text(FMT_COMPILE("{} {} on {}"), kind, unit, day),
                                  context.source_of(record.source)});
            if (no_programme)
              verdict.missing.push_back(
                  format_text(FMT_COMPILE("the programme of {} {} on {} ({}): the quota counts "
                                          "each programme's own"),
                              kind, unit, day, context.source_of(record.source)));
          }
        }
        step.text = limit.allowed
                        ? format_text(FMT_COMPILE("{}: {} of {} allowed"),
                                      context.plan.events[event].name, counted, *limit.allowed)
                        : format_text(FMT_COMPILE("{}: {}, the limit unknown"),
                                      context.plan.events[event].name, counted);
        if (unassigned > 0) {
          without_programme.text =
              format_text(FMT_COMPILE("{} more that name no programme, of which none, some or "
                                      "all may be {}'s"),
                          unassigned, verdict.detail);
          step.children.push_back(std::move(without_programme));
        }
        if (limit.allowed && static_cast<double>(counted) > *limit.allowed) over = true;
        if (limit.allowed && static_cast<double>(counted + unassigned) > *limit.allowed)
          unassigned_may_exceed = true;
        verdict.explanation.children.push_back(std::move(step));
      }
      // Within the quota so far is not within it: events may still come
      // before the year ends (decision 0066).
      const bool year_open = !over && last > context.env.as_of;
      if (limit.allowed && year_open)
        verdict.missing.push_back(events_still_to_come(Period::of_year(year), context.env.as_of));
      const bool open = year_open || (!over && unassigned_may_exceed);
      if (limit.allowed && !open) verdict.missing.clear();  // decided (decision 0069)
      verdict.outcome = !limit.allowed || open ? Outcome::unknown
                        : over                 ? Outcome::over_quota
                                               : Outcome::within_quota;
      out.push_back(std::move(verdict));
    }
  }
}

}  // namespace mandate::detail
