// Stage "evaluate": a checked plan and the facts of some years → verdicts,
// each with the explanation that justifies it (docs/evaluation.md).
#pragma once

#include <mandate/diagnostic.hpp>
#include <mandate/export.hpp>
#include <mandate/facts.hpp>
#include <mandate/plan.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace mandate {

/// How much of its reasoning each verdict carries.
enum class Explanations : std::uint8_t {
  full,  // the whole tree, down to the facts and their sources
  /// None: outcome, days, missing facts, consequences, withholding sanctions
  /// and escalation only. For bulk runs; a verdict is explained afterwards by
  /// evaluating its subject alone (EvaluationOptions::subjects) with `full`.
  none,
};

/// The most worker threads an evaluation starts (docs/reliability.md): more
/// would not be faster on any machine mandate runs on, and each costs a
/// stack and an allocator arena.
inline constexpr unsigned max_threads = 256;

struct EvaluationOptions {
  /// Assessment years; empty means every year of the plan that has begun by
  /// `as_of`.
  std::vector<int> years;
  /// The date of the evaluation: deadlines after it are pending.
  Date as_of;
  /// Parameter overrides, `name = value` with the value in plan syntax
  /// (`后N位=5`, `一年内=rolling(365 days)`).
  std::vector<std::pair<std::string, std::string>> parameters;
  /// Worker threads; the report is the same, byte for byte, for any count.
  /// 0 is read as 1 (std::thread::hardware_concurrency() may return 0), and
  /// a count over max_threads as max_threads.
  unsigned threads = 1;
  Explanations explanations = Explanations::full;
  /// Only the verdicts about these bodies or units (names or aliases); empty
  /// means all. Each verdict is the same as in a run over everyone: values
  /// over populations (averages, ranks) still use every member.
  std::vector<std::string> subjects;
};

enum class VerdictKind : std::uint8_t {
  deadline,      // a delivery due by a day
  campaign,      // an action that must start in a window and last a duration
  prerequisite,  // a recommendation or delivery that needs something first
  target,
  goal,
  sanction,
  award,
  quota,
};
[[nodiscard]] MANDATE_EXPORT std::string_view verdict_kind_name(VerdictKind kind) noexcept;

enum class Outcome : std::uint8_t {
  // deadlines and campaigns
  met,              // on time / in the window and long enough
  late,             // delivered after the deadline (`days` late)
  missed,           // not delivered, and the deadline has passed
  pending,          // not delivered yet, `days` left
  early,            // delivered before the window opened: does not count
  not_applicable,   // nobody is obliged that year
  too_short,        // a campaign that ended before its duration
  started_outside,  // a campaign that started outside its window
  // prerequisites
  valid,
  invalid,
  // targets (duties) and goals (progress only)
  not_met,
  on_track,     // a target assessed at a later date, met so far
  behind,       // a target assessed at a later date, not met so far
  reached,      // a goal
  not_reached,  // a goal: progress, never a violation
  // sanctions
  applies,
  does_not_apply,
  // awards
  granted,
  withheld,     // eligible, but a sanction removed eligibility that year
  not_granted,  // the condition does not hold
  // quotas
  within_quota,
  over_quota,
  // any kind
  unknown,  // a fact it needs is missing: `missing` names it
};
[[nodiscard]] MANDATE_EXPORT std::string_view outcome_name(Outcome outcome) noexcept;
/// Whether the outcome is a failure of duty (late, missed, not_met, …).
[[nodiscard]] MANDATE_EXPORT bool is_violation(Outcome outcome) noexcept;

/// A fact that an explanation rests on, with where it came from.
struct FactCitation {
  std::string fact;    // "通报 商州区 by 市综治委 on 2018-05-03"
  std::string source;  // "facts/events.csv:12" or "host: survey import"
};

/// One step of the reasoning: a rule, a condition with the value found and
/// what it was compared with, an aggregate, the facts used.
struct Explanation {
  std::string text;
  std::vector<FactCitation> facts;
  std::vector<Explanation> children;
};

/// One step of the escalation of a violation: `to` oversees or decides what
/// `from` failed (docs/graph.md has the rule).
struct EscalationLink {
  int level = 0;
  std::string from;
  std::string to;
  std::string via;  // reports_to, inspects, decides_sanctions, …
  Citations clause;
  /// The instruments `to` may use against `from` in that role (通报, 约谈, 督办),
  /// and the sanctions about `from` that count them (EscalationStep).
  std::vector<std::string> instruments = {};
  std::vector<std::string> feeds = {};
  /// A line the facts give (a unit's `reports_to` or parent), not the plan:
  /// stated, not inferred, though it cites no clause.
  bool from_facts = false;
};

struct ConsequenceOutcome {
  std::string kind;    // "disqualify" | "deduct" | "refer" | "notice"
  std::string detail;  // "2 points", "to 市委"
};

struct Verdict {
  VerdictKind kind = VerdictKind::deadline;
  std::string rule;     // the stage, target, sanction, award or quota
  Citations citations;  // the plan clauses it implements
  std::string subject;  // the obligated or assessed body, unit or programme
  std::string detail;   // the deliverable, candidate or quota cell, if any
  int year = 0;         // the assessment year
  /// The period judged: the year, or for a stage that recurs (`every`) its
  /// half-year, quarter, month or ISO week (2019-Q2, 2019-W01).
  Period period;
  Outcome outcome = Outcome::unknown;
  std::optional<int> days;  // late by, or left
  Explanation explanation;
  std::vector<std::string> missing;              // facts the verdict needs and did not find
  std::vector<ConsequenceOutcome> consequences;  // of a sanction that applies
  std::vector<std::string> withheld_by;          // sanctions that defeat an award
  /// For a violation of a stage (late, missed, invalid, …): who must be
  /// chased, up to the bodies that decide sanctions.
  std::vector<EscalationLink> escalation;
};

struct ParameterValue {
  std::string name;
  std::string value;  // canonical plan syntax
  bool overridden = false;
};

struct Report {
  std::string plan_title;
  std::vector<int> years;
  Date as_of;
  std::vector<ParameterValue> parameters;
  /// In a fixed order: by kind, rule (plan order), year, subject, detail.
  std::vector<Verdict> verdicts;
};

struct EvaluationResult {
  std::optional<Report> report;
  /// Why there is no report: a bad parameter override, a year outside the
  /// plan. Never used for missing facts (those make verdicts unknown).
  std::vector<Diagnostic> errors;
};

/// One verdict as a compact row of 32 bytes, for runs over millions of
/// units: its names, detail, missing facts, consequences, escalation and
/// explanation are read through the VerdictTable that holds it.
struct VerdictRow {
  static constexpr std::uint32_t none = UINT32_MAX;

  VerdictKind kind = VerdictKind::deadline;
  Outcome outcome = Outcome::unknown;
  bool has_days = false;
  /// The period judged within the year (Verdict::period): its kind, and its
  /// index for anything shorter than a year.
  PeriodKind period_kind = PeriodKind::year;
  std::uint8_t period_index = 0;
  std::uint32_t rule = 0;    // VerdictTable::rule_name, VerdictTable::citations
  NameId subject = no_name;  // a name of the FactStore; no_name: nobody is obliged ("—")
  std::int32_t year = 0;
  std::int32_t days = 0;  // when has_days: late by, or left
  // The table's side data (VerdictTable::detail, …, escalation): `none`
  // when the verdict has none.
  std::uint32_t extras = none;
  std::uint32_t chain = none;
};

namespace detail {
struct VerdictTableData;
}

struct TableResult;

/// The verdicts of an evaluation as rows, in the report's order, with what
/// they share (rule names, citations, escalation chains) stored once and
/// the rest (detail, missing facts, explanation, …) only for the rows that
/// have it. A `Verdict` is made on request.
///
/// Immutable and cheap to copy: copies share the rows, and a moved-from
/// table is still the same table. It holds a snapshot of the FactStore it
/// was evaluated on (FactStore::snapshot), whose names and plan it reads,
/// so it stays valid for as long as it is held, whatever becomes of the
/// store; a load into the store while the table lives copies the store
/// once. Any number of threads may read it. The accessors take rows of
/// this table only (from rows()).
class MANDATE_EXPORT VerdictTable {
 public:
  VerdictTable(const VerdictTable&) = default;
  VerdictTable& operator=(const VerdictTable&) = default;
  ~VerdictTable() = default;

  [[nodiscard]] std::span<const VerdictRow> rows() const noexcept;
  [[nodiscard]] std::size_t size() const noexcept { return rows().size(); }

  [[nodiscard]] const std::string& plan_title() const noexcept;
  [[nodiscard]] std::span<const int> years() const noexcept;
  [[nodiscard]] Date as_of() const noexcept;
  [[nodiscard]] std::span<const ParameterValue> parameters() const noexcept;

  /// VerdictRow::rule of a stage, rule or quota, by name: filtering by rule
  /// compares numbers, not names. Nothing when the plan has no such name.
  [[nodiscard]] std::optional<std::uint32_t> find_rule(std::string_view name) const;
  [[nodiscard]] const std::string& rule_name(const VerdictRow& row) const;
  [[nodiscard]] const Citations& citations(const VerdictRow& row) const;
  [[nodiscard]] std::string_view subject_name(const VerdictRow& row) const;
  [[nodiscard]] std::string_view detail(const VerdictRow& row) const;
  [[nodiscard]] std::span<const std::string> missing(const VerdictRow& row) const;
  [[nodiscard]] std::span<const ConsequenceOutcome> consequences(const VerdictRow& row) const;
  [[nodiscard]] std::span<const std::string> withheld_by(const VerdictRow& row) const;
  /// Built on each call: a shared chain is read with the row's own subject.
  [[nodiscard]] std::vector<EscalationLink> escalation(const VerdictRow& row) const;
  /// Empty unless the evaluation asked for Explanations::full.
  [[nodiscard]] const Explanation& explanation(const VerdictRow& row) const;

  /// The row as a Verdict, equal to the one `evaluate` reports.
  [[nodiscard]] Verdict verdict(const VerdictRow& row) const;
  /// Every row as a Verdict: the report `evaluate` returns.
  [[nodiscard]] Report report() const;

 private:
  friend TableResult evaluate_table(const FactStore& facts, const EvaluationOptions& options);
  explicit VerdictTable(std::shared_ptr<const detail::VerdictTableData> data) noexcept
      : data_(std::move(data)) {}

  std::shared_ptr<const detail::VerdictTableData> data_;
};

struct TableResult {
  std::optional<VerdictTable> table;
  std::vector<Diagnostic> errors;  // as EvaluationResult::errors
};

/// Evaluates every stage, target, goal, sanction, award and quota of the plan
/// for the years asked. Thread-safe: plan and facts are only read.
[[nodiscard]] MANDATE_EXPORT EvaluationResult evaluate(const FactStore& facts,
                                                       const EvaluationOptions& options);
/// The same, naming the plan: it must be the plan the facts were loaded for
/// (an error otherwise — facts are validated against one plan).
[[nodiscard]] MANDATE_EXPORT EvaluationResult evaluate(const Plan& plan, const FactStore& facts,
                                                       const EvaluationOptions& options);

/// The same evaluation, as a table of compact rows: for bulk runs, with
/// Explanations::none, where building a `Verdict` for each row would cost
/// more than evaluating it (docs/evaluation.md, "Verdicts as rows").
[[nodiscard]] MANDATE_EXPORT TableResult evaluate_table(const FactStore& facts,
                                                        const EvaluationOptions& options);
/// The same, naming the plan, as `evaluate(plan, facts, options)`.
[[nodiscard]] MANDATE_EXPORT TableResult evaluate_table(const Plan& plan, const FactStore& facts,
                                                        const EvaluationOptions& options);

/// Renderers (src/report/): a readable text summary with the plan's names,
/// and the full report as JSON.
[[nodiscard]] MANDATE_EXPORT std::string render_text(const Report& report,
                                                     bool with_explanations = true);
[[nodiscard]] MANDATE_EXPORT std::string render_json(const Report& report);

}  // namespace mandate
