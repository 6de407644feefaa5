// Scenario files (docs/scenarios.md): read, run, compare, report.
#include <mandate/check.hpp>
#include <mandate/locale.hpp>
#include <mandate/parse.hpp>
#include <mandate/scenario.hpp>

#include "locale/words.hpp"

#include "check/calendar.hpp"
#include "facts/text.hpp"
#include "support/counts.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace mandate {
namespace {

namespace fs = std::filesystem;

/// Scenario files are small; a larger one is not a scenario.
constexpr std::uint64_t max_scenario_bytes = 16 << 20;

/// Reads a whole file of at most `limit` bytes into `text`; otherwise the
/// error in the form the command line gives (docs/cli.md, "Messages"):
/// M0020 with the operating system's reason, or M0003 from the size before
/// anything is read. `what` names the input ("plans").
std::optional<ScenarioError> read_text(const std::string& path, std::uint64_t limit,
                                       std::string_view what, std::string& text) {
  const auto unreadable = [&](std::string reason) {
    return ScenarioError{path, 0, fmt::format("cannot read the file: {}", reason), Code::io};
  };
  std::error_code error;
  if (fs::is_directory(path, error)) return unreadable("it is a directory");
  const std::uintmax_t size = fs::file_size(path, error);
  if (error) return unreadable(error.message());
  if (size > limit)
    return ScenarioError{
        path, 0,
        fmt::format("the file is {} bytes; {} are limited to {} bytes (docs/reliability.md)", size,
                    what, limit),
        Code::input_limit};
  std::ifstream in(path, std::ios::binary);
  if (!in) return unreadable(std::strerror(errno));
  text.resize(static_cast<std::size_t>(size));
  in.read(text.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::uintmax_t>(in.gcount()) != size) return unreadable("cannot read it whole");
  return std::nullopt;
}

/// Splits a line into words; "quoted words" may hold spaces.
std::vector<std::string> words(std::string_view line) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i >= line.size() || line[i] == '#') break;
    std::string word;
    if (line[i] == '"') {
      ++i;
      while (i < line.size() && line[i] != '"') word += line[i++];
      ++i;
    } else {
      while (i < line.size() && line[i] != ' ' && line[i] != '\t') word += line[i++];
    }
    out.push_back(std::move(word));
  }
  return out;
}

std::optional<VerdictKind> verdict_kind(std::string_view word) {
  for (int k = 0; k <= static_cast<int>(VerdictKind::quota); ++k)
    if (verdict_kind_name(static_cast<VerdictKind>(k)) == word) return static_cast<VerdictKind>(k);
  return std::nullopt;
}

std::optional<Outcome> outcome(std::string_view word) {
  for (int o = 0; o <= static_cast<int>(Outcome::unknown); ++o)
    if (outcome_name(static_cast<Outcome>(o)) == word) return static_cast<Outcome>(o);
  return std::nullopt;
}

std::optional<FactKind> fact_kind(std::string_view word) {
  for (int k = 0; k <= static_cast<int>(FactKind::calendar); ++k)
    if (fact_kind_name(static_cast<FactKind>(k)) == word) return static_cast<FactKind>(k);
  // Plural spellings read naturally as block headers: "events:".
  if (word == "units") return FactKind::unit;
  if (word == "events") return FactKind::event;
  if (word == "titles") return FactKind::title;
  if (word == "measures") return FactKind::measure;
  return std::nullopt;
}

/// The expected outcome and its options: "late days 3 missing \"…\"".
std::string describe_outcome(const Expectation& e) {
  std::string text(outcome_name(e.outcome));
  if (e.days) text += fmt::format(" days {}", *e.days);
  if (e.detail) text += fmt::format(" detail \"{}\"", *e.detail);
  for (const std::string& m : e.missing) text += fmt::format(" missing \"{}\"", m);
  for (const std::string& w : e.withheld_by) text += fmt::format(" withheld_by {}", w);
  for (const std::string& to : e.escalates_to) text += fmt::format(" escalates_to {}", to);
  for (const std::string& by : e.notice_by) text += fmt::format(" notice_by {}", by);
  for (const std::string& kind : e.consequences) text += fmt::format(" consequence {}", kind);
  return text;
}

/// The bodies that issue a sanction's notices ("a notice (通报) by A、B").
std::vector<std::string_view> notice_issuers(const Verdict& verdict) {
  constexpr std::string_view by = "a notice (通报) by ";
  std::vector<std::string_view> issuers;
  for (const ConsequenceOutcome& consequence : verdict.consequences) {
    std::string_view names(consequence.detail);
    if (consequence.kind != "notice" || !names.starts_with(by)) continue;
    names.remove_prefix(by.size());
    for (std::size_t start = 0; start <= names.size();) {
      const std::size_t end = std::min(names.find("、", start), names.size());
      issuers.push_back(names.substr(start, end - start));
      start = end + std::string_view("、").size();
    }
  }
  return issuers;
}

std::string describe(const Expectation& e) {
  // The period as written (2019-Q1), not only its year: two expectations
  // about one year's halves must not print alike.
  return fmt::format("{} {} {} {} {}", verdict_kind_name(e.kind), e.rule, e.subject,
                     e.period.label(), describe_outcome(e));
}

/// What a verdict has, for a failed expectation: what `e` asks about.
std::string describe(const Verdict& v, const Expectation& e) {
  std::string text = std::string(outcome_name(v.outcome));
  if (v.days) text += fmt::format(" days {}", *v.days);
  if (!v.detail.empty()) text += fmt::format(" detail \"{}\"", v.detail);
  if (!v.missing.empty()) text += fmt::format(" missing [{}]", fmt::join(v.missing, "; "));
  if (!v.withheld_by.empty())
    text += fmt::format(" withheld_by [{}]", fmt::join(v.withheld_by, ", "));
  if (!e.escalates_to.empty()) {
    std::vector<std::string_view> escalation;
    for (const EscalationLink& link : v.escalation) escalation.push_back(link.to);
    text += fmt::format(" escalates_to [{}]", fmt::join(escalation, ", "));
  }
  if (!e.notice_by.empty())
    text += fmt::format(" notice_by [{}]", fmt::join(notice_issuers(v), ", "));
  if (!e.consequences.empty()) {
    std::vector<std::string_view> consequences;
    for (const ConsequenceOutcome& c : v.consequences) consequences.push_back(c.kind);
    text += fmt::format(" consequences [{}]", fmt::join(consequences, ", "));
  }
  return text;
}

ExpectationResult compare(const Expectation& expected, const Report& report,
                          const FactStore& facts) {
  ExpectationResult result{expected, false, {}};
  std::vector<const Verdict*> candidates;
  for (const Verdict& verdict : report.verdicts)
    if (verdict.kind == expected.kind && verdict.rule == expected.rule &&
        verdict.subject == expected.subject && verdict.period == expected.period &&
        (!expected.detail || verdict.detail == *expected.detail))
      candidates.push_back(&verdict);
  if (candidates.empty()) {
    std::vector<std::string> nearby;
    for (const Verdict& verdict : report.verdicts)
      if (verdict.rule == expected.rule && verdict.year == expected.year && nearby.size() < 5)
        nearby.push_back(fmt::format("{} {} {}", verdict.subject, verdict.period.label(),
                                     describe(verdict, expected)));
    result.difference = nearby.empty() ? "no verdict for this rule, subject and year"
                                       : fmt::format("no such verdict; this rule has: {}",
                                                     fmt::join(nearby, " | "));
    // Verdicts name a unit by its own name: say so for an alias.
    if (const NameId unit = facts.resolve_unit(expected.subject);
        unit != no_name && facts.name(unit) != expected.subject)
      result.difference +=
          fmt::format(" ({} is an alias of {}: an expectation names the unit by its own name)",
                      expected.subject, facts.name(unit));
    return result;
  }
  for (const Verdict* verdict : candidates) {
    bool same =
        verdict->outcome == expected.outcome && (!expected.days || verdict->days == expected.days);
    for (const std::string& fact : expected.missing)
      same = same && std::find(verdict->missing.begin(), verdict->missing.end(), fact) !=
                         verdict->missing.end();
    for (const std::string& sanction : expected.withheld_by)
      same = same && std::find(verdict->withheld_by.begin(), verdict->withheld_by.end(),
                               sanction) != verdict->withheld_by.end();
    for (const std::string& body : expected.escalates_to)
      same = same && std::any_of(verdict->escalation.begin(), verdict->escalation.end(),
                                 [&](const EscalationLink& link) { return link.to == body; });
    const std::vector<std::string_view> issuers = notice_issuers(*verdict);
    for (const std::string& body : expected.notice_by)
      same = same && std::find(issuers.begin(), issuers.end(), body) != issuers.end();
    for (const std::string& kind : expected.consequences)
      same = same && std::any_of(verdict->consequences.begin(), verdict->consequences.end(),
                                 [&](const ConsequenceOutcome& c) { return c.kind == kind; });
    if (same) {
      result.passed = true;
      return result;
    }
  }
  std::vector<std::string> found;
  for (const Verdict* verdict : candidates) found.push_back(describe(*verdict, expected));
  result.difference =
      fmt::format("expected {}, found {}", describe_outcome(expected), fmt::join(found, " | "));
  return result;
}

/// Plans are read once per run of many scenarios.
std::shared_ptr<const Plan> load_plan(const std::string& path, std::vector<ScenarioError>& errors) {
  static std::map<std::string, std::shared_ptr<const Plan>> cache;
  if (const auto it = cache.find(path); it != cache.end()) return it->second;
  std::string text;
  if (auto error = read_text(path, ParseLimits{}.max_source_bytes, "plans", text)) {
    errors.push_back(std::move(*error));
    return nullptr;
  }
  const SourceFile source(path, std::move(text));
  CheckResult checked = parse_and_check(source);
  if (!checked.plan) {
    for (const Diagnostic& d : checked.diagnostics)
      if (d.severity == Severity::error)
        errors.push_back({path, d.position.line, d.message, d.code});
    return nullptr;
  }
  cache[path] = checked.plan;
  return checked.plan;
}

}  // namespace

bool ScenarioResult::passed() const noexcept {
  return errors.empty() &&
         std::all_of(results.begin(), results.end(), [](const auto& r) { return r.passed; });
}

bool ScenarioResult::unreadable() const noexcept {
  return std::any_of(errors.begin(), errors.end(), [](const ScenarioError& e) {
    return e.code == Code::io || e.code == Code::input_limit;
  });
}

namespace {

/// Reads `path` into `scenario`: false on any error. What was read stays in
/// `scenario` either way, so that a report can name a scenario that failed.
bool read_scenario_into(const std::string& path, std::vector<ScenarioError>& errors,
                        Scenario& scenario) {
  scenario.name = fs::path(path).stem().string();  // until it names itself
  std::string text;
  if (auto error = read_text(path, max_scenario_bytes, "scenarios", text)) {
    errors.push_back(std::move(*error));
    return false;
  }
  // A UTF-8 byte order mark, as some editors write, is not part of the text.
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  std::istringstream in(std::move(text));
  scenario.file = path;
  const fs::path folder = fs::path(path).parent_path();
  std::string line;
  std::uint32_t number = 0;
  FactBlock* block = nullptr;
  const std::size_t errors_before = errors.size();
  const auto error = [&](std::string message) {
    errors.push_back({path, number, std::move(message), {}});
  };
  // `scenario`, `plan`, `as_of` and `threads` are said once: a second one
  // silently replaced the first (a new-user trial).
  std::map<std::string, std::uint32_t, std::less<>> said;
  const auto once = [&](const std::string& keyword) {
    const auto [first, fresh] = said.try_emplace(keyword, number);
    if (!fresh)
      error(fmt::format("'{}' is given twice (first on line {}): a scenario has one", keyword,
                        first->second));
    return fresh;
  };
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (block) {
      if (line.find_first_not_of(" \t") == std::string::npos) {
        block = nullptr;
      } else if (line.starts_with("expect ")) {
        // A facts block ends at a blank line: without one, this would be a row.
        error("an 'expect' inside a facts block: end the block with a blank line first");
      } else {
        block->csv += line + "\n";
      }
      continue;
    }
    const std::vector<std::string> w = words(line);
    if (w.empty()) continue;
    const std::string& keyword = w[0];
    if (keyword.ends_with(":") && w.size() == 1) {
      const auto kind = fact_kind(keyword.substr(0, keyword.size() - 1));
      if (!kind) {
        error(
            fmt::format("{} is not a kind of fact; expected units:, events:, titles:, measures:, "
                        "published: or calendar:",
                        detail::quote(keyword)));
        continue;
      }
      scenario.facts.push_back({*kind, {}, number + 1});
      block = &scenario.facts.back();
    } else if (keyword == "scenario" && w.size() == 2) {
      if (once(keyword)) scenario.name = w[1];
    } else if (keyword == "plan" && w.size() == 2) {
      if (once(keyword)) scenario.plan_path = (folder / w[1]).string();
    } else if (keyword == "facts" && w.size() == 2) {
      scenario.fact_files.push_back((folder / w[1]).string());
    } else if (keyword == "years" && w.size() >= 2) {
      for (std::size_t i = 1; i < w.size(); ++i) {
        int year = 0;
        std::vector<int>& years = scenario.options.years;
        if (!detail::parse_year(w[i], year))
          error(fmt::format("{} is not a year: four digits (2018) are expected",
                            detail::quote(w[i])));
        else if (std::find(years.begin(), years.end(), year) != years.end())
          error(fmt::format("year {} is given twice", year));
        else
          years.push_back(year);
      }
    } else if (keyword == "as_of" && w.size() == 2) {
      if (!once(keyword)) continue;
      if (const auto date = mandate::parse_date(w[1]))
        scenario.options.as_of = *date;
      else
        error(fmt::format("{} is not a date (YYYY-MM-DD that exists)", detail::quote(w[1])));
    } else if (keyword == "param" && w.size() >= 4 && w[2] == "=") {
      std::string value;
      for (std::size_t i = 3; i < w.size(); ++i) value += (i > 3 ? " " : "") + w[i];
      scenario.options.parameters.emplace_back(w[1], value);
    } else if (keyword == "param") {
      // A known keyword in the wrong form: say the form, not the keywords.
      error(fmt::format("cannot read {}: write 'param NAME = VALUE', with spaces around '='",
                        detail::quote(line)));
    } else if (keyword == "threads" && w.size() == 2) {
      if (!once(keyword)) continue;
      if (const auto problem = detail::thread_count_error(w[1], scenario.options.threads))
        error(fmt::format("threads {}: {}", detail::quote(w[1]), *problem));
    } else if (keyword == "expect" && w.size() >= 6) {
      Expectation expectation;
      expectation.line = number;
      const auto kind = verdict_kind(w[1]);
      const auto result = outcome(w[5]);
      if (!kind)
        error(fmt::format(
            "{} is not a kind of verdict (deadline, campaign, prerequisite, target, goal, "
            "sanction, award, quota)",
            detail::quote(w[1])));
      if (!result)
        error(fmt::format("{} is not an outcome (met, late, missed, pending, applies, …)",
                          detail::quote(w[5])));
      if (!kind || !result) continue;
      expectation.kind = *kind;
      expectation.rule = w[2];
      expectation.subject = w[3];
      const std::optional<Period> period = Period::parse(w[4]);
      if (!period) {
        error(
            fmt::format("{}{} is not a year or a period (2018, 2018-H1, 2018-Q3, 2018-07, "
                        "2018-W14)",
                        detail::quote(w[4]), detail::week_hint(w[4])));
        continue;
      }
      expectation.period = *period;
      expectation.year = period->year;
      expectation.outcome = *result;
      for (std::size_t i = 6; i < w.size(); i += 2) {
        if (i + 1 >= w.size()) {
          error(fmt::format("{} needs a value", detail::quote(w[i])));
          break;
        }
        if (w[i] == "days") {
          const auto days = detail::parse_whole_number(w[i + 1]);
          if (!days || *days > 100'000)
            error(fmt::format("days {} is not a number of days (0 or more)",
                              detail::quote(w[i + 1])));
          else
            expectation.days = static_cast<int>(*days);
        } else if (w[i] == "detail")
          expectation.detail = w[i + 1];
        else if (w[i] == "missing")
          expectation.missing.push_back(w[i + 1]);
        else if (w[i] == "withheld_by")
          expectation.withheld_by.push_back(w[i + 1]);
        else if (w[i] == "escalates_to")
          expectation.escalates_to.push_back(w[i + 1]);
        else if (w[i] == "notice_by")
          expectation.notice_by.push_back(w[i + 1]);
        else if (w[i] == "consequence")
          expectation.consequences.push_back(w[i + 1]);
        else
          error(
              fmt::format("{} is not an expectation option (days, detail, missing, withheld_by, "
                          "escalates_to, notice_by, consequence)",
                          detail::quote(w[i])));
      }
      scenario.expectations.push_back(std::move(expectation));
    } else {
      error(fmt::format(
          "cannot read {}: expected scenario, plan, facts, years, as_of, param, threads, expect "
          "or a facts block such as 'events:'",
          detail::quote(line)));
    }
  }
  if (scenario.plan_path.empty()) errors.push_back({path, 0, "a scenario needs 'plan PATH'", {}});
  if (scenario.options.as_of.year == 0)
    errors.push_back({path, 0, "a scenario needs 'as_of YYYY-MM-DD'", {}});
  if (scenario.expectations.empty())
    errors.push_back({path, 0, "a scenario needs at least one 'expect'", {}});
  return errors.size() == errors_before;
}

}  // namespace

std::optional<Scenario> read_scenario(const std::string& path, std::vector<ScenarioError>& errors) {
  Scenario scenario;
  if (!read_scenario_into(path, errors, scenario)) return std::nullopt;
  return scenario;
}

ScenarioResult run_scenario(const std::string& path) {
  ScenarioResult result;
  result.file = path;
  Scenario scenario;
  const bool readable = read_scenario_into(path, result.errors, scenario);
  result.name = scenario.name;  // named even when the file has errors
  // A file with errors elsewhere still has its fact rows checked, so that
  // one run reports them all; it is not evaluated.
  if (result.unreadable() || scenario.plan_path.empty()) return result;
  const auto plan = load_plan(scenario.plan_path, result.errors);
  if (!plan) return result;
  FactStore facts(plan);
  // An input that gave no facts (a header without rows, an empty file) is
  // an error here, not the warning `eval` prints: a scenario's facts are
  // written for its expectations, so one that gives nothing is a mistake,
  // and expectations met without their facts would pass for the wrong
  // reason (decision 0051).
  const auto note = [&](const LoadReport& report, std::uint32_t line_offset) {
    // Of the warnings, facts that give nothing are an error here; the others
    // (a percentage that may be a fraction) are `eval`'s to print.
    for (const auto* rows : {&report.rejected, &report.warnings})
      for (const RejectedRow& row : *rows)
        if (rows == &report.rejected || row.code == Code::no_facts)
          result.errors.push_back(
              {row.file, row.line + line_offset,
               row.column > 0 ? fmt::format("column {}: {}", row.column, row.message) : row.message,
               row.code});
  };
  for (const std::string& file : scenario.fact_files)
    note(load_fact_path(facts, file, LoadPolicy::all_or_nothing), 0);
  for (const FactBlock& block : scenario.facts)
    note(facts.load_csv_text(block.kind, block.csv, path, LoadPolicy::all_or_nothing),
         block.first_line - 1);
  if (!readable || !result.errors.empty()) return result;
  const EvaluationResult evaluation = evaluate(facts, scenario.options);
  if (!evaluation.report) {
    for (const Diagnostic& d : evaluation.errors)
      result.errors.push_back({d.file, d.position.line, d.message, d.code});
    return result;
  }
  for (const Expectation& expectation : scenario.expectations)
    result.results.push_back(compare(expectation, *evaluation.report, facts));
  return result;
}

std::string render_results(const std::vector<ScenarioResult>& results) {
  return render_results(results, Language::en);
}

std::string render_results(const std::vector<ScenarioResult>& results, Language language) {
  const locale_detail::ScenarioWords& w = locale_detail::scenario_words(language);
  std::string out;
  std::size_t passed = 0;
  std::size_t failed = 0;
  for (const ScenarioResult& scenario : results) {
    // Names, paths and the words of a scenario reach the terminal escaped
    // (docs/cli.md, "Messages"); escaping twice changes nothing.
    const std::string file = detail::escape_for_message(scenario.file);
    out += fmt::format("{} ({})\n", detail::escape_for_message(scenario.name), file);
    for (const ScenarioError& error : scenario.errors) {
      // A file as a whole (line 0) in the one form of an I/O error:
      // "path: error[M0020]: cannot read the file: …".
      out += fmt::format("  {}{}: {}{}: {}\n", detail::escape_for_message(error.file),
                         error.line > 0 ? fmt::format(":{}", error.line) : "", w.error,
                         error.code ? fmt::format("[{}]", code_name(*error.code)) : "",
                         detail::escape_for_message(error.message));
      ++failed;
    }
    for (const ExpectationResult& r : scenario.results) {
      out += fmt::format("  {}:{}: {} expect {}\n", file, r.expectation.line,
                         r.passed ? w.pass : w.fail,
                         detail::escape_for_message(describe(r.expectation)));
      if (!r.passed) out += fmt::format("      {}\n", detail::escape_for_message(r.difference));
      (r.passed ? passed : failed) += 1;
    }
  }
  out += fmt::format(fmt::runtime(w.totals), passed, failed);
  return out;
}

}  // namespace mandate
