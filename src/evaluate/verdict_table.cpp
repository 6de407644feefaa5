// VerdictTable: rows read through their side data, and turned into
// Verdicts on request.
#include "evaluate/verdict_table.hpp"

#include <algorithm>
#include <utility>

namespace mandate {
namespace detail {
namespace {

const RowExtras& no_extras() {
  static const RowExtras empty;
  return empty;
}

const RowExtras& extras_of(const VerdictTableData& data, const VerdictRow& row) {
  return row.extras == VerdictRow::none ? no_extras() : extras_at(data, row.extras);
}

const SharedChain* shared_of(const VerdictTableData& data, const VerdictRow& row) {
  return row.chain == VerdictRow::none ? nullptr : &data.chains.at(row.chain);
}

/// A row's consequences: its own, or those it shares.
const std::vector<ConsequenceOutcome>& consequences_of(const RowExtras& extras,
                                                       const SharedChain* shared) {
  return extras.consequences.empty() && shared ? shared->consequences : extras.consequences;
}

/// The row as a Verdict, written into a fresh `verdict` (in place: a Verdict
/// is large); `extras` is the row's own, copied or moved.
template <typename Extras>
void fill_verdict(Verdict& verdict, const RuleRef& rule, std::string_view subject,
                  const VerdictRow& row, Extras&& extras, const SharedChain* shared) {
  verdict.kind = row.kind;
  verdict.rule = *rule.name;
  verdict.citations = *rule.citations;
  verdict.subject = subject;
  verdict.year = row.year;
  verdict.period = period_of(row);
  verdict.outcome = row.outcome;
  if (row.has_days) verdict.days = row.days;
  verdict.consequences = consequences_of(extras, shared);  // before anything is moved
  verdict.detail = std::forward<Extras>(extras).detail;
  verdict.explanation = std::forward<Extras>(extras).explanation;
  verdict.missing = std::forward<Extras>(extras).missing;
  verdict.withheld_by = std::forward<Extras>(extras).withheld_by;
  verdict.escalation = std::forward<Extras>(extras).escalation;
  if (shared) {
    const std::vector<EscalationLink> links = shared_links(*shared, subject);
    verdict.escalation.insert(verdict.escalation.end(), links.begin(), links.end());
  }
}

}  // namespace

const RowExtras& extras_at(const VerdictTableData& data, std::uint32_t index) {
  const auto after = std::upper_bound(data.extras_begin.begin(), data.extras_begin.end(), index);
  const auto part = static_cast<std::size_t>(after - data.extras_begin.begin()) - 1;
  return data.extras.at(part).at(index - data.extras_begin[part]);
}

std::vector<RuleRef> rules_in_plan_order(const Plan& plan) {
  std::vector<RuleRef> rules;
  rules.reserve(plan.stages.size() + plan.rules.size() + plan.quotas.size());
  for (const Stage& stage : plan.stages) rules.push_back({&stage.name, &stage.citations});
  for (const Rule& rule : plan.rules) rules.push_back({&rule.name, &rule.citations});
  for (const Quota& quota : plan.quotas) rules.push_back({&quota.name, &quota.citations});
  return rules;
}

void move_into_verdict(Verdict& verdict, const RuleRef& rule, std::string_view subject,
                       const VerdictRow& row, RowExtras&& extras, const SharedChain* shared) {
  fill_verdict(verdict, rule, subject, row, std::move(extras), shared);
}

std::vector<EscalationLink> shared_links(const SharedChain& shared, std::string_view subject) {
  std::vector<EscalationLink> links = shared.links;
  for (EscalationLink& link : links) {
    if (link.from == shared.named) link.from = subject;
    if (link.to == shared.named && !shared.subject_starts_only) link.to = subject;
  }
  return links;
}

Report report_header(const VerdictTableData& data) {
  Report report;
  report.plan_title = data.plan_title;
  report.years = data.years;
  report.as_of = data.as_of;
  report.parameters = data.parameters;
  return report;
}

}  // namespace detail

std::span<const VerdictRow> VerdictTable::rows() const noexcept { return data_->rows; }
const std::string& VerdictTable::plan_title() const noexcept { return data_->plan_title; }
std::span<const int> VerdictTable::years() const noexcept { return data_->years; }
Date VerdictTable::as_of() const noexcept { return data_->as_of; }
std::span<const ParameterValue> VerdictTable::parameters() const noexcept {
  return data_->parameters;
}

std::optional<std::uint32_t> VerdictTable::find_rule(std::string_view name) const {
  for (std::uint32_t i = 0; i < data_->rules.size(); ++i)
    if (*data_->rules[i].name == name) return i;
  return std::nullopt;
}

const std::string& VerdictTable::rule_name(const VerdictRow& row) const {
  return *data_->rules.at(row.rule).name;
}
const Citations& VerdictTable::citations(const VerdictRow& row) const {
  return *data_->rules.at(row.rule).citations;
}
std::string_view VerdictTable::subject_name(const VerdictRow& row) const {
  return detail::subject_name(data_->facts, row.subject);
}
std::string_view VerdictTable::detail(const VerdictRow& row) const {
  return detail::extras_of(*data_, row).detail;
}
std::span<const std::string> VerdictTable::missing(const VerdictRow& row) const {
  return detail::extras_of(*data_, row).missing;
}
std::span<const ConsequenceOutcome> VerdictTable::consequences(const VerdictRow& row) const {
  return detail::consequences_of(detail::extras_of(*data_, row), detail::shared_of(*data_, row));
}
std::span<const std::string> VerdictTable::withheld_by(const VerdictRow& row) const {
  return detail::extras_of(*data_, row).withheld_by;
}
std::vector<EscalationLink> VerdictTable::escalation(const VerdictRow& row) const {
  std::vector<EscalationLink> links = detail::extras_of(*data_, row).escalation;
  if (const detail::SharedChain* shared = detail::shared_of(*data_, row)) {
    const std::vector<EscalationLink> more = detail::shared_links(*shared, subject_name(row));
    links.insert(links.end(), more.begin(), more.end());
  }
  return links;
}
const Explanation& VerdictTable::explanation(const VerdictRow& row) const {
  return detail::extras_of(*data_, row).explanation;
}

Verdict VerdictTable::verdict(const VerdictRow& row) const {
  Verdict verdict;
  detail::fill_verdict(verdict, data_->rules.at(row.rule), subject_name(row), row,
                       detail::extras_of(*data_, row), detail::shared_of(*data_, row));
  return verdict;
}

Report VerdictTable::report() const {
  Report report = detail::report_header(*data_);
  report.verdicts.reserve(size());
  for (const VerdictRow& row : rows()) report.verdicts.push_back(verdict(row));
  return report;
}

}  // namespace mandate
