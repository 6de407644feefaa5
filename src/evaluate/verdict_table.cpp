// VerdictTable: rows read through their side data, and turned into
// Verdicts on request.
#include "evaluate/verdict_table.hpp"

#include "evaluate/parallel.hpp"

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

std::string_view subject_of(const VerdictTableData& data, const VerdictRow& row) {
  return subject_name(*data.facts, row.subject);
}

/// A row's consequences: its own, or those it shares.
const std::vector<ConsequenceOutcome>& consequences_of(const VerdictTableData& data,
                                                       const VerdictRow& row) {
  const RowExtras& extras = extras_of(data, row);
  if (!extras.consequences.empty() || row.chain == VerdictRow::none) return extras.consequences;
  return data.chains.at(row.chain).consequences;
}

/// The verdict's own links, then its shared chain with its own subject.
std::vector<EscalationLink> escalation_of(const VerdictTableData& data, const VerdictRow& row,
                                          std::vector<EscalationLink> own) {
  if (row.chain == VerdictRow::none) return own;
  const SharedChain& chain = data.chains.at(row.chain);
  const std::string_view subject = subject_of(data, row);
  for (EscalationLink link : chain.links) {
    if (link.from == chain.named) link.from = subject;
    if (link.to == chain.named) link.to = subject;
    own.push_back(std::move(link));
  }
  return own;
}

/// The row as a Verdict; `extras` is the row's own, copied or moved.
template <typename Extras>
Verdict make_verdict(const VerdictTableData& data, const VerdictRow& row, Extras&& extras) {
  const RuleRef& rule = data.rules.at(row.rule);
  Verdict verdict;
  verdict.kind = row.kind;
  verdict.rule = *rule.name;
  verdict.citations = *rule.citations;
  verdict.subject = subject_of(data, row);
  verdict.detail = std::forward<Extras>(extras).detail;
  verdict.year = row.year;
  verdict.outcome = row.outcome;
  if (row.has_days) verdict.days = row.days;
  verdict.explanation = std::forward<Extras>(extras).explanation;
  verdict.missing = std::forward<Extras>(extras).missing;
  verdict.consequences = extras.consequences.empty() && row.chain != VerdictRow::none
                             ? data.chains.at(row.chain).consequences
                             : std::forward<Extras>(extras).consequences;
  verdict.withheld_by = std::forward<Extras>(extras).withheld_by;
  verdict.escalation = escalation_of(data, row, std::forward<Extras>(extras).escalation);
  return verdict;
}

Report header_of(const VerdictTableData& data) {
  Report report;
  report.plan_title = data.plan_title;
  report.years = data.years;
  report.as_of = data.as_of;
  report.parameters = data.parameters;
  return report;
}

}  // namespace

const RowExtras& extras_at(const VerdictTableData& data, std::uint32_t index) {
  const auto after = std::upper_bound(data.extras_begin.begin(), data.extras_begin.end(), index);
  const auto part = static_cast<std::size_t>(after - data.extras_begin.begin()) - 1;
  return data.extras.at(part).at(index - data.extras_begin[part]);
}

RowExtras& extras_at(VerdictTableData& data, std::uint32_t index) {
  return const_cast<RowExtras&>(extras_at(std::as_const(data), index));
}

std::vector<RuleRef> rules_in_plan_order(const Plan& plan) {
  std::vector<RuleRef> rules;
  rules.reserve(plan.stages.size() + plan.rules.size() + plan.quotas.size());
  for (const Stage& stage : plan.stages) rules.push_back({&stage.name, &stage.citations});
  for (const Rule& rule : plan.rules) rules.push_back({&rule.name, &rule.citations});
  for (const Quota& quota : plan.quotas) rules.push_back({&quota.name, &quota.citations});
  return rules;
}

Report take_report(VerdictTableData&& data, unsigned threads) {
  Report report = header_of(data);
  report.verdicts.resize(data.rows.size());
  for_each_slice(threads, data.rows.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      const VerdictRow& row = data.rows[i];
      report.verdicts[i] = row.extras == VerdictRow::none
                               ? make_verdict(data, row, RowExtras{})
                               : make_verdict(data, row, std::move(extras_at(data, row.extras)));
    }
  });
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

const std::string& VerdictTable::rule_name(const VerdictRow& row) const {
  return *data_->rules.at(row.rule).name;
}
const Citations& VerdictTable::citations(const VerdictRow& row) const {
  return *data_->rules.at(row.rule).citations;
}
std::string_view VerdictTable::subject_name(const VerdictRow& row) const {
  return detail::subject_of(*data_, row);
}
std::string_view VerdictTable::detail(const VerdictRow& row) const {
  return detail::extras_of(*data_, row).detail;
}
std::span<const std::string> VerdictTable::missing(const VerdictRow& row) const {
  return detail::extras_of(*data_, row).missing;
}
std::span<const ConsequenceOutcome> VerdictTable::consequences(const VerdictRow& row) const {
  return detail::consequences_of(*data_, row);
}
std::span<const std::string> VerdictTable::withheld_by(const VerdictRow& row) const {
  return detail::extras_of(*data_, row).withheld_by;
}
std::vector<EscalationLink> VerdictTable::escalation(const VerdictRow& row) const {
  return detail::escalation_of(*data_, row, detail::extras_of(*data_, row).escalation);
}
const Explanation& VerdictTable::explanation(const VerdictRow& row) const {
  return detail::extras_of(*data_, row).explanation;
}

Verdict VerdictTable::verdict(const VerdictRow& row) const {
  return detail::make_verdict(*data_, row, detail::extras_of(*data_, row));
}

Report VerdictTable::report() const {
  Report report = detail::header_of(*data_);
  report.verdicts.reserve(size());
  for (const VerdictRow& row : rows()) report.verdicts.push_back(verdict(row));
  return report;
}

}  // namespace mandate
