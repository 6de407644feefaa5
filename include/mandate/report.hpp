// Renderers for people and programs: a checked plan's summary, and an
// evaluation report as JSON, a web page for an office, a spreadsheet, and a
// body's duties as a calendar (docs/evaluation.md, "Reports"). The text
// report and the plain JSON are declared in evaluate.hpp.
#pragma once

#include <mandate/evaluate.hpp>
#include <mandate/export.hpp>
#include <mandate/facts.hpp>
#include <mandate/locale.hpp>
#include <mandate/plan.hpp>
#include <mandate/source.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mandate {

/// A readable overview of a checked plan: metadata, bodies by kind,
/// programmes with their lead bodies, stages in the order of the year,
/// sanctions with their consequences, quota tables with totals, parameters.
[[nodiscard]] MANDATE_EXPORT std::string render_summary(const Plan& plan);

/// SHA-256 of some bytes as 64 lowercase hex digits, as `sha256sum` prints it.
[[nodiscard]] MANDATE_EXPORT std::string sha256_hex(std::string_view bytes);

/// What a report was made of, written in the headers of the JSON and HTML
/// reports, so that a report read later can be matched with its plan and its
/// facts. An empty member is unknown (null in JSON).
struct ReportOrigin {
  std::string plan_file;     // as the host named it
  std::string plan_sha256;   // sha256_hex of the plan's text
  std::string facts_sha256;  // FactStore::digest() of the facts evaluated
  /// FactStore::rows_left_out(): fact rows rejected by a load that kept the
  /// good ones; the verdicts rest on the facts without them.
  std::size_t facts_rows_left_out = 0;
};
/// The origin of a report on `facts`, evaluated against the plan read from `plan`.
[[nodiscard]] MANDATE_EXPORT ReportOrigin report_origin(const SourceFile& plan,
                                                        const FactStore& facts);

/// The JSON report's `format` member, and its `version`: a version changes
/// when a member changes meaning or goes; members may be added within one
/// (docs/report.schema.json is the schema).
inline constexpr std::string_view json_report_format = "mandate-report";
inline constexpr int json_report_version = 1;

/// The report as JSON, with its format, version, generator and origin
/// (docs/evaluation.md, "The JSON report"); `outcome_text`, and in Chinese
/// `text_zh` and `fact_zh`, in `language` (locale.hpp). render_json(report)
/// and render_json(report, language) are this with an unknown origin.
[[nodiscard]] MANDATE_EXPORT std::string render_json(const Report& report,
                                                     const ReportOrigin& origin,
                                                     Language language = Language::en);

struct HtmlOptions {
  ReportOrigin origin;
  /// The language of the page's own words (headings, outcomes, buttons);
  /// the plan's names are always as written. Nothing: Chinese for a report
  /// whose plan title has Chinese characters, English otherwise.
  std::optional<Language> language;
};

/// One self-contained page for an office (`mandate eval --html`): no
/// external resource, script or font. The violations first, grouped by the
/// body that failed, each with its clauses, days late, what is to be done,
/// the escalation chain and its explanation (collapsed); then every other
/// verdict, grouped alike. Filters by body, rule and outcome. Every text of
/// the report is escaped.
[[nodiscard]] MANDATE_EXPORT std::string render_html(const Report& report,
                                                     const HtmlOptions& options = {});

struct CsvOptions {
  /// Starts the file with a UTF-8 byte order mark, without which Excel
  /// reads the Chinese of a CSV file as the system's code page.
  bool byte_order_mark = false;
};

/// The CSV's columns, in order. Stable: a new column is added at the end.
[[nodiscard]] MANDATE_EXPORT std::span<const std::string_view> csv_columns() noexcept;

/// The verdicts as CSV (RFC 4180: a header row, a row per verdict, CRLF,
/// cells with a comma, quote or line break quoted). Lists (clauses,
/// missing facts, …) are joined with "; ". A text cell that begins with
/// =, +, - or @ gets a leading ' so that a spreadsheet does not run it as a
/// formula.
[[nodiscard]] MANDATE_EXPORT std::string render_csv(const Report& report,
                                                    const CsvOptions& options = {});

struct CalendarOptions {
  std::string body;  // a body or unit (a name or an alias)
  int year = 0;      // a year of the plan
  /// When the calendar is made (DTSTAMP), in seconds since 1970-01-01 UTC.
  std::int64_t stamp = 0;
  /// Parameter overrides, as EvaluationOptions::parameters.
  std::vector<std::pair<std::string, std::string>> parameters;
  /// The language of the events' titles and descriptions: the plan's
  /// (`language`) when not given.
  std::optional<Language> language;
};

struct CalendarResult {
  /// The iCalendar file (RFC 5545); nothing when `errors` says why not.
  std::optional<std::string> calendar;
  std::size_t events = 0;  // duties in it
  /// An unknown body, a year outside the plan, a bad parameter: named as
  /// CalendarOptions::body, ::year, ::parameters.
  std::vector<Diagnostic> errors;
};

/// The duties of one body in one year as an iCalendar file, for an office
/// to subscribe to (`mandate calendar`): an all-day event on the last day
/// of each deadline the plan gives the body, and on the last day each of
/// its campaigns may start (the window and duration in the description), with
/// the evaluator's dates (parameters, holiday shifts and recurring periods
/// applied), the clauses and how the day was found. Each event's UID is
/// stable across runs, so a subscribed calendar updates rather than
/// duplicates. The facts are those the plan's units may come from; events
/// in them do not matter.
[[nodiscard]] MANDATE_EXPORT CalendarResult render_calendar(const FactStore& facts,
                                                            const CalendarOptions& options);
/// The readings register (解读清单): every `reading` of the plan — the words
/// of the original it interprets, the reading taken (a parameter's default,
/// or a choice fixed in the rules), the alternatives and why — then the
/// parameters that no reading explains.
[[nodiscard]] MANDATE_EXPORT std::string render_readings(const Plan& plan);

}  // namespace mandate
