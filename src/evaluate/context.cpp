#include "evaluate/context.hpp"

#include "evaluate/verdicts/verdicts.hpp"

#include <algorithm>

namespace mandate::detail {

void TaskOutput::push_back(Draft&& draft) {
  VerdictRow row = bare_row(draft.kind, draft.rule, draft.subject, draft.year, draft.period,
                            draft.outcome, draft.days);
  row.chain = draft.shared;
  if (!keep_explanations) draft.explanation = {};
  // Facts are missing in the order the members of a population were met,
  // which is the order the facts came in: sorted, the report is the same
  // whatever that order.
  std::sort(draft.missing.begin(), draft.missing.end());
  if (!draft.empty()) {
    row.extras = static_cast<std::uint32_t>(extras.size());
    extras.push_back(static_cast<RowExtras&&>(draft));
  }
  rows.push_back(row);
}

void TaskOutput::reserve(std::size_t count) {
  rows.reserve(count);
  if (keep_explanations) extras.reserve(count);  // every row has its tree
}

EvaluationContext::EvaluationContext(const FactStore& facts, const Parameters& parameters,
                                     DayNumber as_of, std::vector<int> years, bool explain,
                                     std::unordered_set<NameId> only)
    : plan(facts.plan()),
      facts(facts),
      cache(facts, parameters),
      env{plan, facts, parameters, as_of, &cache, explain, this},
      years(std::move(years)),
      rules(rules_in_plan_order(plan)),
      only_(std::move(only)) {
  for (const Body& body : plan.bodies) plan_bodies_.push_back(facts.find_name(body.name));
  std::sort(plan_bodies_.begin(), plan_bodies_.end());
  for (const Stage& stage : plan.stages) {
    std::vector<NameId>& scope = stage_scopes_.emplace_back();
    const auto add = [&](const std::string& name) {
      if (const NameId id = facts.find_name(name); id != no_name) scope.push_back(id);
    };
    if (stage.programme_group) add(plan.groups[*stage.programme_group].name);
    const std::vector<Index> covered = stage_programmes(stage);
    for (const Index p : covered) {
      // The programme and its parents (a brand's 九大品牌, a campaign above it).
      for (std::optional<Index> up = p; up; up = plan.programmes[*up].parent_programme) {
        add(plan.programmes[*up].name);
        if (const auto group = plan.programmes[*up].parent_group) add(plan.groups[*group].name);
      }
    }
    for (const Group& group : plan.groups)
      if (group.sort == GroupSort::programmes &&
          std::any_of(group.members.begin(), group.members.end(), [&](Index m) {
            return std::find(covered.begin(), covered.end(), m) != covered.end();
          }))
        add(group.name);
    std::sort(scope.begin(), scope.end());
    scope.erase(std::unique(scope.begin(), scope.end()), scope.end());
  }
}

std::vector<StageOutcome> EvaluationContext::of(Index stage_index, NameId body, int year) const {
  const Stage& stage = plan.stages[stage_index];
  const std::vector<Obligation>& all = obligations_.find_or_add({stage_index, year}, [&] {
    Interpreter interpreter(env, year, no_name);
    std::vector<Obligation> found = obligations(stage, interpreter);
    std::stable_sort(found.begin(), found.end(),
                     [](const Obligation& a, const Obligation& b) { return a.body < b.body; });
    return found;
  });
  const NameId unit = facts.resolve_unit(body) != no_name ? facts.resolve_unit(body) : body;
  const auto [first, last] =
      std::equal_range(all.begin(), all.end(), Obligation{unit, no_name},
                       [](const Obligation& a, const Obligation& b) { return a.body < b.body; });
  if (first == last || stage.deliverables.empty()) return {};
  const std::span<const Obligation> mine(&*first, static_cast<std::size_t>(last - first));
  TaskOutput out;
  out.keep_explanations = false;
  if (!stage.due.empty() || stage.every || stage.due_trigger)
    deadline_verdicts(*this, stage, year, mine, out);
  if (stage.start_window) campaign_verdicts(*this, stage, year, mine, out);
  std::vector<StageOutcome> outcomes;
  for (const VerdictRow& row : out.rows)
    outcomes.push_back(
        {period_of(row), row.outcome, row.has_days ? std::optional<int>(row.days) : std::nullopt});
  return outcomes;
}

std::string EvaluationContext::source_of(const FactSource& source) const {
  return source_text(facts, source);
}

bool EvaluationContext::is_plan_body(NameId id) const {
  return std::binary_search(plan_bodies_.begin(), plan_bodies_.end(), id);
}

std::vector<NameId> EvaluationContext::expand(const BodyRef& ref, Interpreter& interpreter) const {
  switch (ref.sort) {
    case BodyRef::Sort::body: {
      const NameId id = facts.find_name(plan.bodies[ref.index].name);
      return id == no_name ? std::vector<NameId>{} : std::vector<NameId>{id};
    }
    case BodyRef::Sort::group:
      return interpreter.group_members(ref.index);
    case BodyRef::Sort::parameter: {
      const Value value = interpreter.parameter_value(ref.index);
      return value.kind == ValueKind::entity ? std::vector<NameId>{value.entity}
                                             : std::vector<NameId>{};
    }
  }
  return {};
}

std::vector<NameId> EvaluationContext::expand_all(const std::vector<BodyRef>& refs,
                                                  Interpreter& interpreter) const {
  if (refs.size() == 1) return expand(refs.front(), interpreter);  // distinct already
  std::vector<NameId> bodies;
  std::unordered_set<NameId> seen;
  for (const BodyRef& ref : refs)
    for (const NameId id : expand(ref, interpreter))
      if (seen.insert(id).second) bodies.push_back(id);
  return bodies;
}

std::string EvaluationContext::body_name(const BodyRef& ref, Interpreter& interpreter,
                                         Explanation* why) const {
  if (why && ref.sort == BodyRef::Sort::parameter) interpreter.parameter(ref.index, *why);
  std::string names;
  for (const NameId id : expand(ref, interpreter)) {
    if (!names.empty()) names += "、";
    names += facts.name(id);
  }
  return names;
}

std::vector<Index> EvaluationContext::stage_programmes(const Stage& stage) const {
  if (stage.programme) return {*stage.programme};
  if (stage.programme_group) return plan.groups[*stage.programme_group].members;
  return {};
}

std::vector<Obligation> EvaluationContext::obligations(const Stage& stage,
                                                       Interpreter& interpreter) const {
  std::vector<Obligation> result;
  for (const NameId body : expand_all(stage.obligated, interpreter))
    result.push_back({body, no_name});
  if (stage.obligates_leads) {
    for (const Index programme : stage_programmes(stage)) {
      const NameId programme_id = facts.find_name(plan.programmes[programme].name);
      for (const Role& role : plan.programmes[programme].roles)
        if (role.kind == RoleKind::lead)
          for (const NameId body : expand_all(role.bodies, interpreter))
            result.push_back({body, programme_id});
    }
  }
  return result;
}

}  // namespace mandate::detail
