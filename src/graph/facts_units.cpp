// The units of a fact store as graph vertices. In its own file so that a
// program that builds graphs from a plan alone does not link the fact store.
#include <mandate/facts.hpp>
#include <mandate/graph.hpp>

#include <vector>

namespace mandate {

ResponsibilityGraph ResponsibilityGraph::build(const Plan& plan, const FactStore* facts) {
  if (facts == nullptr) return build(plan, std::span<const UnitRecord>{});
  std::vector<UnitRecord> units;
  for (const Kind& kind : plan.kinds) {
    const NameId kind_name = facts->find_name(kind.name);
    if (kind_name == no_name) continue;
    for (const NameId unit : facts->units_of_kind(kind_name, no_name)) {
      UnitRecord record;
      record.name = std::string(facts->name(unit));
      if (const Symbol* symbol = plan.find(record.name); symbol && symbol->kind == SymbolKind::body)
        continue;
      record.kind = kind.name;
      if (const NameId parent = facts->unit_parent(unit); parent != no_name)
        record.parent = std::string(facts->name(parent));
      if (const NameId superior = facts->unit_superior(unit); superior != no_name)
        record.reports_to = std::string(facts->name(superior));
      units.push_back(std::move(record));
    }
  }
  return build(plan, units);
}

}  // namespace mandate
