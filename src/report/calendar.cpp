// A body's duties of a year as an iCalendar file (RFC 5545), for an office
// to subscribe to: the deadlines and campaign windows the plan gives it.
#include <mandate/locale.hpp>
#include <mandate/report.hpp>
#include <mandate/version.hpp>

#include "evaluate/options.hpp"
#include "report/parts.hpp"

#include <fmt/format.h>

#include <chrono>

namespace mandate {
namespace {

/// TEXT as RFC 5545 §3.3.11 escapes it.
std::string ical_text(std::string_view text) {
  std::string out;
  for (const char ch : text) {
    switch (ch) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        break;
      default:
        out += ch;
    }
  }
  return out;
}

/// A content line, folded (§3.1): no line longer than 75 octets, a fold
/// never inside a UTF-8 sequence, CRLF at the end of each.
void line(std::string& out, std::string_view text) {
  std::size_t limit = 75;  // the first line; a continuation's leading space counts
  while (text.size() > limit) {
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    out.append(text.substr(0, cut));
    out += "\r\n ";
    text.remove_prefix(cut);
    limit = 74;
  }
  out.append(text);
  out += "\r\n";
}

std::string ical_date(const Date& date) {
  return fmt::format("{:04}{:02}{:02}", date.year, date.month, date.day);
}

/// The day a pending verdict falls due: `days` left from the evaluation date.
Date due_day(const Date& as_of, int days) { return to_date(to_day_number(as_of) + days); }

/// Names the options of the calendar, not those of the evaluation behind it.
void rename_options(std::vector<Diagnostic>& errors) {
  static constexpr std::pair<std::string_view, std::string_view> names[] = {
      {detail::option_years, "CalendarOptions::year"},
      {detail::option_subjects, "CalendarOptions::body"},
      {detail::option_parameters, "CalendarOptions::parameters"},
  };
  for (Diagnostic& error : errors)
    for (const auto& [from, to] : names)
      if (error.file.starts_with(from))
        error.file = std::string(to) + error.file.substr(from.size());
}

}  // namespace

CalendarResult render_calendar(const FactStore& facts, const CalendarOptions& options) {
  CalendarResult result;
  // Every duty of the year is pending on its first day, `days` before it
  // falls due: the evaluator's own dates, policies and parameters applied.
  EvaluationOptions evaluation;
  evaluation.years = {options.year};
  evaluation.as_of = Date{options.year, 1, 1};
  evaluation.subjects = {options.body};
  evaluation.parameters = options.parameters;
  evaluation.explanations = Explanations::full;
  EvaluationResult evaluated = evaluate(facts, evaluation);
  result.errors = std::move(evaluated.errors);
  rename_options(result.errors);
  if (!evaluated.report) return result;

  const Report& report = *evaluated.report;
  const Language language = options.language.value_or(plan_language(facts.plan()));
  const std::int64_t stamp = options.stamp;
  const auto seconds = std::chrono::sys_seconds(std::chrono::seconds(stamp));
  const auto day = std::chrono::floor<std::chrono::days>(seconds);
  const std::chrono::hh_mm_ss time(seconds - day);
  const Date stamp_day = to_date(static_cast<DayNumber>(day.time_since_epoch().count()));
  const std::string dtstamp =
      fmt::format("{}T{:02}{:02}{:02}Z", ical_date(stamp_day), time.hours().count(),
                  time.minutes().count(), time.seconds().count());

  std::string out;
  line(out, "BEGIN:VCALENDAR");
  line(out, "VERSION:2.0");
  line(out, fmt::format("PRODID:-//mandate//mandate {}//ZH", version()));
  line(out, "CALSCALE:GREGORIAN");
  line(out, "METHOD:PUBLISH");
  line(out, "X-WR-CALNAME:" + ical_text(fmt::format("{} {} · {}", options.body, options.year,
                                                    report.plan_title)));
  for (const Verdict& verdict : report.verdicts) {
    if (verdict.kind != VerdictKind::deadline && verdict.kind != VerdictKind::campaign) continue;
    if (verdict.outcome != Outcome::pending || !verdict.days || verdict.year != options.year)
      continue;
    const Date due = due_day(report.as_of, *verdict.days);
    const std::string what = verdict.rule + (verdict.detail.empty() ? "" : " · " + verdict.detail);
    // The duty, in the plan's language; not the evaluation's steps, whose
    // "N days left" would be frozen at the calendar's making (a new user's
    // finding) and whose parameters are noise in a diary.
    std::string description =
        fmt::format("《{}》 {}\n", report.plan_title, detail::clauses_text(verdict.citations));
    if (!verdict.explanation.text.empty())
      description += explanation_text(verdict.explanation.text, language) + "\n";
    // Stable across runs: a subscribed calendar updates an event rather
    // than adding it again.
    const std::string uid =
        sha256_hex(fmt::format("{}\n{}\n{}\n{}\n{}", report.plan_title, verdict.rule,
                               verdict.subject, verdict.period.label(), verdict.detail))
            .substr(0, 32);
    line(out, "BEGIN:VEVENT");
    line(out, fmt::format("UID:{}@mandate", uid));
    line(out, "DTSTAMP:" + dtstamp);
    line(out, "DTSTART;VALUE=DATE:" + ical_date(due));
    line(out, "DTEND;VALUE=DATE:" + ical_date(to_date(to_day_number(due) + 1)));
    // A campaign's day is the last day it may start (its window and
    // duration are in the description); a deadline's, the last day to deliver.
    const bool campaign = verdict.kind == VerdictKind::campaign;
    const std::string_view label = language == Language::zh ? (campaign ? "最迟启动" : "截止")
                                                            : (campaign ? "latest start" : "due");
    line(out, "SUMMARY:" + ical_text(fmt::format("{}: {}", label, what)));
    line(out, "DESCRIPTION:" + ical_text(description));
    line(out, "CATEGORIES:" + ical_text(verdict_kind_name(verdict.kind)));
    line(out, "TRANSP:TRANSPARENT");
    line(out, "END:VEVENT");
    ++result.events;
  }
  line(out, "END:VCALENDAR");
  result.calendar = std::move(out);
  return result;
}

}  // namespace mandate
