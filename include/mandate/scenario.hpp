// Scenarios: a small declarative file of facts and the verdicts they must
// produce (docs/scenarios.md). `mandate test DIR` runs them.
#pragma once

#include <mandate/evaluate.hpp>
#include <mandate/export.hpp>
#include <mandate/facts.hpp>

#include <optional>
#include <string>
#include <vector>

namespace mandate {

struct Expectation {
  VerdictKind kind = VerdictKind::deadline;
  std::string rule;
  std::string subject;
  int year = 0;
  /// The period: the year, or a part of it (`2019-Q2`, `2019-W01`).
  Period period;
  Outcome outcome = Outcome::unknown;
  std::optional<std::string> detail;  // must equal the verdict's detail
  std::optional<int> days;            // late by / days left
  std::vector<std::string> missing;   // each must be among the verdict's missing facts
  std::vector<std::string> withheld_by;
  /// Each must be the `to` of a link of the verdict's escalation (a stage
  /// violation's chain, a sanction's referral).
  std::vector<std::string> escalates_to;
  /// Each must be among the bodies that issue a notice of the sanction.
  std::vector<std::string> notice_by;
  /// Each must be the kind of one of the verdict's consequences (disqualify,
  /// deduct, refer, notice).
  std::vector<std::string> consequences;
  std::uint32_t line = 0;
};

struct FactBlock {
  FactKind kind = FactKind::event;
  std::string csv;  // header and rows
  std::uint32_t first_line = 0;
};

struct Scenario {
  std::string file;
  std::string name;
  std::string plan_path;  // relative to the scenario file
  EvaluationOptions options;
  std::vector<std::string> fact_files;  // relative to the scenario file
  std::vector<FactBlock> facts;
  std::vector<Expectation> expectations;
};

struct ScenarioError {
  std::string file;
  std::uint32_t line = 0;  // 0: the file as a whole
  std::string message;
  /// The code when the error has one (docs/diagnostics.md): M0020 a file
  /// that cannot be read, M0003 one over a limit, M0023 facts that gave
  /// nothing, a plan's or a fact row's own code. None for a line of the
  /// scenario that does not read.
  std::optional<Code> code;
};

struct ExpectationResult {
  Expectation expectation;
  bool passed = false;
  std::string difference;  // what was found instead, readable
};

struct MANDATE_EXPORT ScenarioResult {
  std::string file;
  std::string name;
  std::vector<ScenarioError> errors;  // the scenario could not run as written
  std::vector<ExpectationResult> results;
  [[nodiscard]] bool passed() const noexcept;
  /// Whether a file it names (the scenario, its plan, a fact file) could
  /// not be read or is over a limit: `mandate test` exits 2.
  [[nodiscard]] bool unreadable() const noexcept;
};

/// Reads a scenario file; errors name the file and line.
[[nodiscard]] MANDATE_EXPORT std::optional<Scenario> read_scenario(
    const std::string& path, std::vector<ScenarioError>& errors);

/// Reads, loads the plan and facts, evaluates and compares.
[[nodiscard]] MANDATE_EXPORT ScenarioResult run_scenario(const std::string& path);

/// "path:12: expect deadline 县区方案备案 商州区 2018 late days 3 — PASS" lines
/// and a closing "N passed, N failed" line.
[[nodiscard]] MANDATE_EXPORT std::string render_results(const std::vector<ScenarioResult>& results);

}  // namespace mandate
