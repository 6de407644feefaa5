// What a VerdictTable holds: the rows, in the report's order, and the side
// data that rows share or that only some rows have (docs/evaluation.md,
// "Verdicts as rows").
#pragma once

#include <mandate/evaluate.hpp>

#include "support/page_allocator.hpp"

#include <gsl/pointers>

#include <string>
#include <vector>

namespace mandate::detail {

/// What a verdict has beyond its row. Most rows of a bulk run have none of
/// it, and then no RowExtras at all.
struct RowExtras {
  std::string detail;
  Explanation explanation;
  std::vector<std::string> missing;
  std::vector<ConsequenceOutcome> consequences;
  std::vector<std::string> withheld_by;
  /// The verdict's own links (a sanction referred to its deciders); a stage
  /// violation's chain is shared (SharedChain).
  std::vector<EscalationLink> escalation;

  [[nodiscard]] bool empty() const noexcept {
    return detail.empty() && explanation.text.empty() && explanation.facts.empty() &&
           explanation.children.empty() && missing.empty() && consequences.empty() &&
           withheld_by.empty() && escalation.empty();
  }
};

/// Side data that rows share (VerdictRow::chain), computed once for the
/// subject `named`, whose name each row's own subject replaces in the links:
/// the escalation chain of the violations of one stage by units of one kind
/// under one parent, or the consequences of a sanction and its referral,
/// when they are the same for every subject it applies to.
struct SharedChain {
  std::vector<EscalationLink> links;
  std::string named;
  std::vector<ConsequenceOutcome> consequences;
  /// A referral starts from the subject and ends at a decider, who may be
  /// `named` itself (a sanction of a group referred to one of its members):
  /// only the start is the subject's. A stage chain is replaced at both ends.
  bool subject_starts_only = false;
};

/// A stage, rule or quota: what VerdictRow::rule indexes, in plan order.
struct RuleRef {
  gsl::not_null<const std::string*> name;
  gsl::not_null<const Citations*> citations;
};

struct VerdictTableData {
  explicit VerdictTableData(const FactStore& store) : facts(store.snapshot()) {}

  /// A snapshot of the store evaluated: the table reads its names, and its
  /// rules point into its plan, for as long as the table is held.
  FactStore facts;
  std::string plan_title;
  std::vector<int> years;
  Date as_of;
  std::vector<ParameterValue> parameters;
  std::vector<RuleRef> rules;
  std::vector<VerdictRow, PageAllocator<VerdictRow>> rows;
  /// Each task's extras, where it wrote them, in task order: VerdictRow::extras
  /// counts across them (extras_at).
  std::vector<std::vector<RowExtras>> extras;
  std::vector<std::uint32_t> extras_begin;  // the first index of each task's extras
  std::vector<SharedChain> chains;
};

/// The period a row judges: its year, or the part of it the row names.
[[nodiscard]] inline Period period_of(const VerdictRow& row) {
  if (row.period_kind == PeriodKind::year) return Period::of_year(row.year);
  return Period{row.period_kind, row.year, row.period_index};
}

/// A row's subject as the report spells it: "—" when nobody is obliged.
[[nodiscard]] inline std::string_view subject_name(const FactStore& facts, NameId subject) {
  return subject == no_name ? std::string_view("—") : facts.name(subject);
}

/// The extras a row refers to (VerdictRow::extras, not `none`).
[[nodiscard]] const RowExtras& extras_at(const VerdictTableData& data, std::uint32_t index);

/// The stages, rules and quotas of a plan in plan order (VerdictRow::rule).
[[nodiscard]] std::vector<RuleRef> rules_in_plan_order(const Plan& plan);

/// A row as a Verdict, written into a fresh `verdict`, its extras moved into
/// it; `shared` is the side data it shares, if any.
void move_into_verdict(Verdict& verdict, const RuleRef& rule, std::string_view subject,
                       const VerdictRow& row, RowExtras&& extras, const SharedChain* shared);
/// The links of a shared chain with `subject` in place of the one it names.
[[nodiscard]] std::vector<EscalationLink> shared_links(const SharedChain& shared,
                                                       std::string_view subject);
/// A report with the table's header and no verdicts.
[[nodiscard]] Report report_header(const VerdictTableData& data);

}  // namespace mandate::detail
