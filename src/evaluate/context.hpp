// What every kind of verdict reads while it is decided (the plan, the facts,
// the evaluation's cache and options) and what it writes (a task's rows).
// The driver (engine.cpp) plans the tasks and orders their rows; each kind
// of verdict is decided in its own file under evaluate/verdicts/.
#pragma once

#include <mandate/evaluate.hpp>
#include <mandate/facts.hpp>
#include <mandate/plan.hpp>

#include "evaluate/interpreter.hpp"
#include "evaluate/verdict_table.hpp"
#include "support/page_allocator.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace mandate::detail {

/// An obligation: who must act, and for which programme when the stage
/// obliges each lead for its own programme.
struct Obligation {
  NameId body = no_name;
  NameId programme = no_name;
};

/// A verdict while a task writes it: its row's fields, and its extras, which
/// the row keeps only when there are any.
struct Draft : RowExtras {
  VerdictKind kind = VerdictKind::deadline;
  std::uint32_t rule = 0;  // VerdictRow::rule
  NameId subject = no_name;
  int year = 0;
  /// The period judged, when shorter than the year (a recurring stage).
  std::optional<Period> period;
  Outcome outcome = Outcome::unknown;
  std::optional<int> days;
  std::uint32_t shared = VerdictRow::none;  // TaskOutput::shared: consequences like its peers'
};

/// What one task gives: its rows, in the order written, and their extras.
struct TaskOutput {
  /// In pages of their own when large (support/page_allocator.hpp): given
  /// back as soon as the driver has gathered them into a table on one
  /// thread, else when the evaluation ends (a report's Verdicts are built
  /// from them; freeing them earlier there did not lower the peak).
  std::vector<VerdictRow, PageAllocator<VerdictRow>> rows;
  std::vector<RowExtras> extras;  // by VerdictRow::extras, local to the task
  /// Side data that rows of the task share (VerdictRow::chain, local to the
  /// task): the consequences of a sanction, when they are the same for every
  /// subject it applies to.
  std::vector<SharedChain> shared;
  bool keep_explanations = true;

  /// The hot paths write no steps without explanations; the rest are
  /// dropped here, so that no verdict carries half a tree.
  void push_back(Draft&& draft);
  /// A verdict without extras (no detail, explanation, missing facts,
  /// consequences or escalation of its own), written in place by
  /// `fill(row)` (see fill_bare_row): a row assembled on the stack and
  /// copied stalls the hot loop, and a recurring duty writes tens of millions.
  template <typename Fill>
  void push_bare(Fill fill) {
    fill(rows.emplace_back());
  }
  /// Room for `count` verdicts, in the vectors this task will fill: a task
  /// knows how many subjects it judges.
  void reserve(std::size_t count);
  [[nodiscard]] const RowExtras* extras_of(const VerdictRow& row) const {
    return row.extras == VerdictRow::none ? nullptr : &extras[row.extras];
  }
};

/// The row of a verdict that has nothing but its outcome and days, written
/// into `row`; `period`, when a verdict names one (a recurring stage's).
inline void fill_bare_row(VerdictRow& row, VerdictKind kind, std::uint32_t rule, NameId subject,
                          int year, const Period* period, Outcome outcome,
                          std::optional<int> days) {
  row.kind = kind;
  row.outcome = outcome;
  row.has_days = days.has_value();
  row.rule = rule;
  row.subject = subject;
  row.year = year;
  if (period) {
    row.period_kind = period->kind;
    row.period_index = static_cast<std::uint8_t>(period->index);
  }
  row.days = days.value_or(0);
}
[[nodiscard]] inline VerdictRow bare_row(VerdictKind kind, std::uint32_t rule, NameId subject,
                                         int year, const std::optional<Period>& period,
                                         Outcome outcome, std::optional<int> days) {
  VerdictRow row;
  fill_bare_row(row, kind, rule, subject, year, period ? &*period : nullptr, outcome, days);
  return row;
}

/// Whether a verdict is a violation of a stage, which carries an escalation
/// chain (VerdictRow::chain in the table's escalation chains).
[[nodiscard]] inline bool escalates(const VerdictRow& row) {
  const bool stage_verdict = row.kind == VerdictKind::deadline ||
                             row.kind == VerdictKind::campaign ||
                             row.kind == VerdictKind::prerequisite;
  return stage_verdict && is_violation(row.outcome);
}

/// What the awards need of a sanction that applies or is unknown.
struct SanctionRef {
  const VerdictRow* row;
  const std::vector<std::string>* missing;
  const std::vector<ConsequenceOutcome>* consequences;
};
struct SubjectYearHash {
  std::size_t operator()(const std::pair<NameId, int>& key) const noexcept {
    return std::hash<std::uint64_t>{}(std::uint64_t{key.first} << 32 |
                                      static_cast<std::uint32_t>(key.second));
  }
};
/// Sanction verdicts that apply or are unknown, by (subject, year).
using SanctionIndex =
    std::unordered_map<std::pair<NameId, int>, std::vector<SanctionRef>, SubjectYearHash>;

/// The evaluation as the kinds of verdict see it: read-only once built,
/// but for the cache, which is safe to share between threads.
class EvaluationContext final : public StageOutcomes {
 public:
  EvaluationContext(const FactStore& facts, const Parameters& parameters, DayNumber as_of,
                    std::vector<int> years, bool explain, std::unordered_set<NameId> only);
  EvaluationContext(const EvaluationContext&) = delete;
  EvaluationContext& operator=(const EvaluationContext&) = delete;

  /// The deadline and campaign verdicts of a stage about a body in a year,
  /// as the evaluation gives them (what a score deducts for).
  [[nodiscard]] std::vector<StageOutcome> of(Index stage, NameId body, int year) const override;

  const Plan& plan;
  const FactStore& facts;
  mutable EvaluationCache cache;
  const Environment env;
  const std::vector<int> years;
  const std::vector<RuleRef> rules;  // by VerdictRow::rule

  /// Whether verdicts about `id` are asked for (EvaluationOptions::subjects).
  [[nodiscard]] bool wanted(NameId id) const { return only_.empty() || only_.contains(id); }
  [[nodiscard]] bool filtered() const { return !only_.empty(); }
  [[nodiscard]] bool explain() const { return env.explain; }
  [[nodiscard]] DayNumber as_of() const { return env.as_of; }

  [[nodiscard]] std::string name(NameId id) const { return std::string(facts.name(id)); }
  /// "file:line" of a fact, or the label of the host call that added it.
  [[nodiscard]] std::string source_of(const FactSource& source) const;
  [[nodiscard]] bool is_plan_body(NameId id) const;

  /// The bodies a reference stands for: a body, a group's members, a
  /// parameter's value.
  std::vector<NameId> expand(const BodyRef& ref, Interpreter& interpreter) const;
  /// The same for several references, each body once, in order.
  std::vector<NameId> expand_all(const std::vector<BodyRef>& refs, Interpreter& interpreter) const;
  /// "市委、市政府": the names a reference stands for; a parameter's value
  /// explained into `why` when given.
  std::string body_name(const BodyRef& ref, Interpreter& interpreter,
                        Explanation* why = nullptr) const;

  /// The programmes a stage covers (`of P`, or `of GROUP`).
  [[nodiscard]] std::vector<Index> stage_programmes(const Stage& stage) const;
  /// The programme names a delivery for the stage may carry (docs/evaluation.md,
  /// "Obligations"): its programme or group, the programmes it covers and
  /// their parents, and each group holding one of them; sorted. A delivery
  /// naming another programme (平安县（区） for a stage of the eight other
  /// brands) does not count. Empty: any programme.
  [[nodiscard]] std::span<const NameId> stage_scope(const Stage& stage) const {
    return stage_scopes_[rule_index(stage)];
  }
  /// Who a stage obliges, each lead for its own programme.
  std::vector<Obligation> obligations(const Stage& stage, Interpreter& interpreter) const;

  /// VerdictRow::rule of a stage, rule or quota: its place in plan order.
  [[nodiscard]] std::uint32_t rule_index(const Stage& stage) const {
    return static_cast<std::uint32_t>(&stage - plan.stages.data());
  }
  [[nodiscard]] std::uint32_t rule_index(const Rule& rule) const {
    return static_cast<std::uint32_t>(plan.stages.size() + (&rule - plan.rules.data()));
  }
  [[nodiscard]] std::uint32_t rule_index(const Quota& quota) const {
    return static_cast<std::uint32_t>(plan.stages.size() + plan.rules.size() +
                                      (&quota - plan.quotas.data()));
  }
  /// A draft verdict of a rule about the interpreter's subject, in its year
  /// and, for a rule judged per period, its period.
  template <typename Ruling>
  [[nodiscard]] Draft draft(VerdictKind kind, const Ruling& ruling,
                            const Interpreter& interpreter) const {
    Draft verdict = draft(kind, ruling, interpreter.subject(), interpreter.year());
    if (interpreter.period().kind != PeriodKind::year) verdict.period = interpreter.period();
    return verdict;
  }
  /// A draft verdict of a stage, rule or quota about `subject` in `year`.
  template <typename Ruling>
  [[nodiscard]] Draft draft(VerdictKind kind, const Ruling& ruling, NameId subject,
                            int year) const {
    Draft verdict;
    verdict.kind = kind;
    verdict.rule = rule_index(ruling);
    verdict.subject = subject;
    verdict.year = year;
    return verdict;
  }

 private:
  std::unordered_set<NameId> only_;                // EvaluationOptions::subjects; empty: everyone
  std::vector<NameId> plan_bodies_;                // sorted
  std::vector<std::vector<NameId>> stage_scopes_;  // by stage: stage_scope()
  struct StageYearHash {
    std::size_t operator()(const std::pair<Index, int>& key) const noexcept {
      return std::hash<std::uint64_t>{}(std::uint64_t{key.first} << 32 |
                                        static_cast<std::uint32_t>(key.second));
    }
  };
  /// Each stage's obligations in a year, by body: for of().
  mutable SharedMap<std::pair<Index, int>, std::vector<Obligation>, StageYearHash> obligations_;
};

}  // namespace mandate::detail
