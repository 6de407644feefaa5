// The fixed words of the text report, per language (the catalogue's part
// that renderers read). Internal.
#pragma once

#include <mandate/locale.hpp>

#include <array>
#include <string_view>

namespace mandate::locale_detail {

struct ReportWords {
  std::string_view header;  // title, years, as-of date
  std::string_view year_separator;
  std::string_view totals;      // verdicts, violations, unknown
  std::string_view overridden;  // "parameters overridden: {}"
  std::string_view list_separator;
  std::string_view withheld_by;
  std::string_view missing;
  std::string_view escalation;
  std::string_view fact;
  std::string_view inferred;    // a reporting link the plan does not state
  std::string_view from_facts;  // a link the facts give
};

[[nodiscard]] const ReportWords& report_words(Language language) noexcept;

/// The fixed words of `mandate summary` (format strings where they take values).
struct SummaryWords {
  std::string_view issued_by, issued_on, in_effect, required, optional;
  std::string_view bodies, programmes, stages, stage, leads;
  std::string_view due_by, during, starts_within, lasts, no_date, separator;
  /// A recurring or event-counted stage: "every {}", "due within ", " after
  /// the period", " after each {}" (an event), "at least ", and the deadline
  /// of a recurring stage that names none ("due by the period's last day").
  std::string_view every_period, due_within, after_period, after_event, at_least, period_end;
  std::string_view targets, goals, require, require_by;
  std::string_view every;  // "every {}": the period a target is judged in
  std::string_view sanctions, sanction, disqualified, deducted, referred, noticed;
  std::string_view awards, award, award_tier, unless_disqualified, unless_sanctions, quotas, totals,
      parameters;
  std::array<std::string_view, 5> periods;  // by PeriodKind: year, half-year, …
};

[[nodiscard]] const SummaryWords& summary_words(Language language) noexcept;

/// The fixed words of `mandate test` (the expectations stay in scenario syntax).
struct ScenarioWords {
  std::string_view pass, fail, error, totals;
};

[[nodiscard]] const ScenarioWords& scenario_words(Language language) noexcept;

}  // namespace mandate::locale_detail
