// The verdicts as CSV for spreadsheets (RFC 4180).
#include <mandate/report.hpp>

#include "report/parts.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>

namespace mandate {
namespace {

constexpr std::array<std::string_view, 14> columns = {
    "kind",    "rule",      "clauses", "subject", "detail",       "year",        "period",
    "outcome", "violation", "days",    "missing", "consequences", "withheld_by", "escalation"};

/// A cell as RFC 4180 writes it; text that a spreadsheet would run as a
/// formula is defused with a leading '.
void cell(std::string& out, std::string_view text, bool is_text = true) {
  std::string value;
  if (is_text && !text.empty() &&
      (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@'))
    value = "'";
  value += text;
  if (value.find_first_of(",\"\r\n") == std::string::npos) {
    out += value;
    return;
  }
  out += '"';
  for (const char ch : value) {
    if (ch == '"') out += '"';
    out += ch;
  }
  out += '"';
}

}  // namespace

std::span<const std::string_view> csv_columns() noexcept { return columns; }

std::string render_csv(const Report& report, const CsvOptions& options) {
  std::string out = options.byte_order_mark ? "\xEF\xBB\xBF" : "";
  out += fmt::format("{}\r\n", fmt::join(columns, ","));
  for (const Verdict& verdict : report.verdicts) {
    std::vector<std::string> consequences;
    for (const ConsequenceOutcome& c : verdict.consequences)
      consequences.push_back(c.kind + " " + c.detail);
    std::vector<std::string> escalation;
    for (const EscalationLink& link : verdict.escalation)
      escalation.push_back(fmt::format("{} → {} ({})", link.from, link.to, detail::via_text(link)));
    const std::string cells[] = {
        std::string(verdict_kind_name(verdict.kind)),
        verdict.rule,
        detail::clauses_text(verdict.citations),
        verdict.subject,
        verdict.detail,
        std::to_string(verdict.year),
        verdict.period.label(),
        std::string(outcome_name(verdict.outcome)),
        is_violation(verdict.outcome) ? "yes" : "no",
        verdict.days ? std::to_string(*verdict.days) : "",
        fmt::format("{}", fmt::join(verdict.missing, "; ")),
        fmt::format("{}", fmt::join(consequences, "; ")),
        fmt::format("{}", fmt::join(verdict.withheld_by, "; ")),
        fmt::format("{}", fmt::join(escalation, "; ")),
    };
    static_assert(sizeof(cells) / sizeof(cells[0]) == columns.size());
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (i > 0) out += ',';
      // Numbers are numbers: year, days.
      cell(out, cells[i], i != 5 && i != 9);
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace mandate
