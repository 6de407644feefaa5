// Results: verdicts one at a time, as columns for numpy and pandas, as the
// text and JSON reports, and the differences between two results.
#include "results.hpp"

#include "evaluate/verdict_table.hpp"
#include "support/flat_map.hpp"

#include <string_view>
#include <unordered_map>

namespace mandate::python {
namespace {

/// A column that numpy reads without a copy (buffer protocol): int32, or
/// int8 for small codes, or bool.
struct Column {
  std::vector<std::int32_t> numbers;
  std::vector<std::int8_t> small;   // when `format` is "b"
  std::vector<std::uint8_t> flags;  // when `format` is "?"
  char format = 'i';
};

/// Codes of a categorical column: each distinct text once, -1 for none.
class Categories {
 public:
  std::int32_t code(std::string_view text) {
    if (text.empty()) return -1;
    if (const auto found = codes_.find(text); found != codes_.end()) return found->second;
    codes_.emplace(std::string(text), static_cast<std::int32_t>(names_.size()));
    names_.emplace_back(text);
    return static_cast<std::int32_t>(names_.size() - 1);
  }
  [[nodiscard]] const std::vector<std::string>& names() const noexcept { return names_; }

 private:
  std::unordered_map<std::string, std::int32_t, NameHash, std::equal_to<>> codes_;
  std::vector<std::string> names_;
};

struct IdHash {
  std::size_t operator()(std::uint64_t id) const noexcept { return detail::mix64(id); }
};

std::string citations_text(const Citations& citations) {
  std::string text;
  for (const Clause& clause : citations)
    text += (text.empty() ? "" : "; ") + clause.id +
            (clause.section.empty() ? "" : " " + clause.section);
  return text;
}

/// A list of str, for tens of thousands of subjects at national scale: one
/// str decoded at once and split by Python, which is twice as fast as a str
/// per name, unless a name holds the separator.
py::list text_list(const std::vector<std::string_view>& texts) {
  constexpr char separator = '\x1f';  // ASCII unit separator
  std::string joined;
  for (const std::string_view text : texts) {
    if (text.find(separator) != std::string_view::npos) return py::cast(texts);
    joined += text;
    joined += separator;
  }
  if (texts.empty()) return py::list();
  joined.pop_back();
  return py::str(joined).attr("split")(std::string(1, separator));
}

py::object optional_text(std::string_view text) {
  return text.empty() ? py::object(py::none()) : py::object(py::str(text.data(), text.size()));
}

py::object days_of(const VerdictRow& row) {
  return row.has_days ? py::object(py::int_(row.days)) : py::object(py::none());
}

const VerdictRow& row_at(const ResultHandle& self, std::size_t index) {
  if (index >= self.table.size()) throw py::index_error("verdict index out of range");
  return self.table.rows()[index];
}

py::tuple row_tuple(const ResultHandle& self, std::size_t index) {
  const VerdictRow& row = row_at(self, index);
  return py::make_tuple(verdict_kind_name(row.kind), self.table.rule_name(row),
                        self.table.subject_name(row), optional_text(self.table.detail(row)),
                        row.year, outcome_name(row.outcome), days_of(row),
                        detail::period_of(row).label());
}

py::dict verdict_dict(const ResultHandle& self, std::size_t index) {
  const VerdictRow& row = row_at(self, index);
  const Verdict verdict = self.table.verdict(row);
  py::list consequences;
  for (const ConsequenceOutcome& consequence : verdict.consequences)
    consequences.append(py::make_tuple(consequence.kind, consequence.detail));
  py::list escalation;
  for (const EscalationLink& link : verdict.escalation)
    escalation.append(py::dict(
        py::arg("level") = link.level, py::arg("from_") = link.from, py::arg("to") = link.to,
        py::arg("via") = link.via, py::arg("citations") = citations_list(link.clause),
        py::arg("instruments") = link.instruments, py::arg("feeds") = link.feeds,
        py::arg("from_facts") = link.from_facts));
  return py::dict(
      py::arg("kind") = verdict_kind_name(verdict.kind), py::arg("rule") = verdict.rule,
      py::arg("citations") = citations_list(verdict.citations),
      py::arg("subject") = verdict.subject, py::arg("detail") = optional_text(verdict.detail),
      py::arg("year") = verdict.year, py::arg("period") = verdict.period.label(),
      py::arg("outcome") = outcome_name(verdict.outcome), py::arg("days") = days_of(row),
      py::arg("missing") = verdict.missing, py::arg("consequences") = consequences,
      py::arg("withheld_by") = verdict.withheld_by, py::arg("escalation") = escalation,
      py::arg("explanation") =
          self.explained ? py::object(explanation_dict(verdict.explanation)) : py::none());
}

/// Rows about `rule`, `subject` (a name or alias), `year` and, when given,
/// `detail` and `period` (its label: 2019-Q2).
std::vector<std::size_t> find(const ResultHandle& self, const std::string& rule,
                              const std::string& subject, int year,
                              const std::optional<std::string>& detail,
                              const std::optional<std::string>& period) {
  const ReadLock lock(*self.facts);
  std::vector<std::size_t> found;
  const auto rule_id = self.table.find_rule(rule);
  if (!rule_id) return found;
  const FactStore& store = self.facts->store;
  NameId subject_id = store.resolve_unit(subject);
  if (subject_id == no_name) subject_id = store.find_name(subject);
  const auto rows = self.table.rows();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const VerdictRow& row = rows[i];
    if (row.rule != *rule_id || row.year != year) continue;
    if (row.subject == no_name ? subject != self.table.subject_name(row)
                               : row.subject != subject_id)
      continue;
    if (detail && self.table.detail(row) != *detail) continue;
    if (period && detail::period_of(row).label() != *period) continue;
    found.push_back(i);
  }
  return found;
}

/// The verdicts as columns: codes of categorical columns with their texts,
/// numbers, and flags. A rule's clauses are given by rule (`rule_clauses`),
/// and which outcomes are violations by outcome (`violation_outcomes`), for
/// numpy to spread over the rows.
py::dict columns(const ResultHandle& self) {
  constexpr auto kinds = static_cast<int>(VerdictKind::quota) + 1;
  constexpr auto outcomes = static_cast<int>(Outcome::unknown) + 1;
  Column kind, outcome, rule, subject, detail, period, missing, year, days, has_days;
  kind.format = outcome.format = 'b';
  has_days.format = '?';
  Categories rule_names, clause_texts, details, periods;
  std::vector<std::int32_t> rule_clauses;  // by rule code: the code of its clauses' text
  // Subjects by NameId: names are interned (one id, one name) and live in
  // the store's arena, which never moves, so they are not copied.
  std::vector<std::string_view> subject_names;
  {
    py::gil_scoped_release release;
    const ReadLock lock(*self.facts);
    const auto rows = self.table.rows();
    for (Column* column : {&rule, &subject, &detail, &period, &missing, &year, &days})
      column->numbers.reserve(rows.size());
    kind.small.reserve(rows.size());
    outcome.small.reserve(rows.size());
    has_days.flags.reserve(rows.size());
    // Rules and subjects are looked up by number, their texts once each.
    std::vector<std::int32_t> rule_code;
    // By NameId, in a hash map: ids run to the size of the store's name
    // table, subjects are far fewer.
    detail::FlatMap<NameId, std::int32_t, IdHash> subject_code;
    subject_code.reserve(rows.size());
    // Periods by (kind, index, year): their labels are made once each.
    detail::FlatMap<std::uint64_t, std::int32_t, IdHash> period_code;
    for (const VerdictRow& row : rows) {
      kind.small.push_back(static_cast<std::int8_t>(row.kind));
      outcome.small.push_back(static_cast<std::int8_t>(row.outcome));
      if (row.rule >= rule_code.size()) rule_code.resize(row.rule + 1, -1);
      if (rule_code[row.rule] == -1) {
        rule_code[row.rule] = rule_names.code(self.table.rule_name(row));
        rule_clauses.push_back(clause_texts.code(citations_text(self.table.citations(row))));
      }
      rule.numbers.push_back(rule_code[row.rule]);
      const auto [code, added] =
          subject_code.try_emplace(row.subject, static_cast<std::int32_t>(subject_names.size()));
      if (added) subject_names.push_back(self.table.subject_name(row));
      subject.numbers.push_back(*code);
      const std::uint64_t period_key =
          std::uint64_t{static_cast<std::uint8_t>(row.period_kind)} << 40 |
          std::uint64_t{row.period_index} << 32 | static_cast<std::uint32_t>(row.year);
      const auto [period_at, new_period] = period_code.try_emplace(period_key, -1);
      if (new_period) *period_at = periods.code(detail::period_of(row).label());
      period.numbers.push_back(*period_at);
      const bool extras = row.extras != VerdictRow::none;
      detail.numbers.push_back(extras ? details.code(self.table.detail(row)) : -1);
      // How many: the names can be long lists (every member of a
      // population), which Result.verdicts gives one verdict at a time.
      missing.numbers.push_back(extras ? static_cast<std::int32_t>(self.table.missing(row).size())
                                       : 0);
      year.numbers.push_back(row.year);
      days.numbers.push_back(row.has_days ? row.days : 0);
      has_days.flags.push_back(row.has_days);
    }
  }
  std::vector<std::string> kind_names;
  for (int k = 0; k < kinds; ++k)
    kind_names.emplace_back(verdict_kind_name(static_cast<VerdictKind>(k)));
  std::vector<std::string> outcome_names;
  std::vector<bool> violations;
  for (int o = 0; o < outcomes; ++o) {
    outcome_names.emplace_back(outcome_name(static_cast<Outcome>(o)));
    violations.push_back(is_violation(static_cast<Outcome>(o)));
  }
  py::dict values(py::arg("kind") = std::move(kind), py::arg("rule") = std::move(rule),
                  py::arg("subject") = std::move(subject), py::arg("detail") = std::move(detail),
                  py::arg("period") = std::move(period), py::arg("year") = std::move(year),
                  py::arg("outcome") = std::move(outcome), py::arg("days") = std::move(days),
                  py::arg("has_days") = std::move(has_days),
                  py::arg("missing") = std::move(missing));
  py::dict categories(py::arg("kind") = kind_names, py::arg("rule") = rule_names.names(),
                      py::arg("clauses") = clause_texts.names(),
                      py::arg("subject") = text_list(subject_names),
                      py::arg("detail") = details.names(), py::arg("period") = periods.names(),
                      py::arg("outcome") = outcome_names);
  return py::dict(py::arg("values") = values, py::arg("categories") = categories,
                  py::arg("rule_clauses") = rule_clauses,
                  py::arg("violation_outcomes") = violations);
}

/// What identifies a verdict across two evaluations.
std::string verdict_key(const VerdictTable& table, const VerdictRow& row) {
  std::string key = table.rule_name(row);
  for (const std::string_view part : {std::string_view(verdict_kind_name(row.kind)),
                                      table.subject_name(row), table.detail(row)}) {
    key += '\x1f';
    key += part;
  }
  key += '\x1f' + detail::period_of(row).label();
  return key;
}

/// Pairs (row before, row after) of the verdicts whose outcome or days
/// differ, in the order of `after`; -1 where a verdict is only on one side.
std::vector<std::pair<std::int64_t, std::int64_t>> compare(const ResultHandle& before,
                                                           const ResultHandle& after) {
  std::vector<std::pair<std::int64_t, std::int64_t>> changes;
  py::gil_scoped_release release;
  const ReadLock lock(*before.facts, after.facts.get());
  std::unordered_map<std::string, std::size_t> earlier;
  const auto old_rows = before.table.rows();
  earlier.reserve(old_rows.size());
  for (std::size_t i = 0; i < old_rows.size(); ++i)
    earlier.emplace(verdict_key(before.table, old_rows[i]), i);
  std::vector<bool> matched(old_rows.size());
  const auto new_rows = after.table.rows();
  for (std::size_t j = 0; j < new_rows.size(); ++j) {
    const VerdictRow& row = new_rows[j];
    const auto found = earlier.find(verdict_key(after.table, row));
    if (found == earlier.end()) {
      changes.emplace_back(-1, static_cast<std::int64_t>(j));
      continue;
    }
    matched[found->second] = true;
    const VerdictRow& old = old_rows[found->second];
    if (old.outcome != row.outcome || old.has_days != row.has_days ||
        (row.has_days && old.days != row.days))
      changes.emplace_back(static_cast<std::int64_t>(found->second), static_cast<std::int64_t>(j));
  }
  for (std::size_t i = 0; i < old_rows.size(); ++i)
    if (!matched[i]) changes.emplace_back(static_cast<std::int64_t>(i), -1);
  return changes;
}

std::string report_text(const ResultHandle& self, bool json, bool explanations) {
  py::gil_scoped_release release;
  const ReadLock lock(*self.facts);
  const Report report = self.table.report();
  return json ? render_json(report) : render_text(report, explanations);
}

}  // namespace

void bind_results(py::module_& m) {
  py::class_<Column>(m, "Column", py::buffer_protocol())
      .def_buffer([](Column& column) {
        const auto buffer = [&](auto& items) {
          using Item = typename std::decay_t<decltype(items)>::value_type;
          return py::buffer_info(items.data(), sizeof(Item), std::string(1, column.format), 1,
                                 {static_cast<py::ssize_t>(items.size())},
                                 {static_cast<py::ssize_t>(sizeof(Item))});
        };
        return column.format == 'b'   ? buffer(column.small)
               : column.format == '?' ? buffer(column.flags)
                                      : buffer(column.numbers);
      })
      .def("__len__", [](const Column& column) {
        return column.format == 'b'   ? column.small.size()
               : column.format == '?' ? column.flags.size()
                                      : column.numbers.size();
      });

  py::class_<ResultHandle, std::shared_ptr<ResultHandle>>(m, "ResultCore")
      .def("__len__", [](const ResultHandle& self) { return self.table.size(); })
      .def_property_readonly("plan_title",
                             [](const ResultHandle& self) { return self.table.plan_title(); })
      .def_property_readonly("years",
                             [](const ResultHandle& self) {
                               const auto years = self.table.years();
                               return std::vector<int>(years.begin(), years.end());
                             })
      .def_property_readonly(
          "as_of", [](const ResultHandle& self) { return date_tuple(self.table.as_of()); })
      .def_property_readonly("parameters",
                             [](const ResultHandle& self) {
                               py::list out;
                               for (const ParameterValue& p : self.table.parameters())
                                 out.append(py::make_tuple(p.name, p.value, p.overridden));
                               return out;
                             })
      .def_readonly("explained", &ResultHandle::explained)
      .def_readonly("generation", &ResultHandle::generation)
      .def("row",
           [](const ResultHandle& self, std::size_t index) {
             const ReadLock lock(*self.facts);
             return row_tuple(self, index);
           })
      .def("verdict",
           [](const ResultHandle& self, std::size_t index) {
             const ReadLock lock(*self.facts);
             return verdict_dict(self, index);
           })
      .def("find", &find)
      .def("columns", &columns)
      .def("text", [](const ResultHandle& self,
                      bool explanations) { return report_text(self, false, explanations); })
      .def("json", [](const ResultHandle& self) { return report_text(self, true, false); })
      .def("compare", &compare);
}

}  // namespace mandate::python
