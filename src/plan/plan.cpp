#include <mandate/plan.hpp>

#include <array>

namespace mandate {
namespace {

constexpr std::array<std::pair<RoleKind, std::string_view>, 10> role_keywords = {{
    {RoleKind::lead, "lead"},
    {RoleKind::cooperate, "cooperate"},
    {RoleKind::responsible, "responsible"},
    {RoleKind::sets_standard, "sets_standard"},
    {RoleKind::approves, "approves"},
    {RoleKind::inspects, "inspects"},
    {RoleKind::supervises, "supervises"},
    {RoleKind::names_winners, "names_winners"},
    {RoleKind::decides_sanctions, "decides_sanctions"},
    {RoleKind::hears_reports, "hears_reports"},
}};

}  // namespace

std::string_view role_keyword(RoleKind role) noexcept {
  for (const auto& [kind, keyword] : role_keywords)
    if (kind == role) return keyword;
  return "?";
}

std::optional<RoleKind> role_from_keyword(std::string_view keyword) noexcept {
  for (const auto& [kind, word] : role_keywords)
    if (word == keyword) return kind;
  return std::nullopt;
}

std::string_view programme_kind_name(ProgrammeKind kind) noexcept {
  switch (kind) {
    case ProgrammeKind::campaign:
      return "campaign";
    case ProgrammeKind::brand:
      return "brand";
    case ProgrammeKind::domain:
      return "domain";
    case ProgrammeKind::action:
      return "action";
  }
  return "?";
}

std::string format_citations(const Citations& citations) {
  std::string out;
  for (const Clause& clause : citations) {
    if (!out.empty()) out += ' ';
    out += '[' + clause.id + (clause.section.empty() ? "" : " " + clause.section) + ']';
  }
  return out;
}

std::string_view rule_kind_name(RuleKind kind) noexcept {
  switch (kind) {
    case RuleKind::target:
      return "target";
    case RuleKind::goal:
      return "goal";
    case RuleKind::sanction:
      return "sanction";
    case RuleKind::award:
      return "award";
  }
  return "?";
}

std::string_view symbol_kind_name(SymbolKind kind) noexcept {
  switch (kind) {
    case SymbolKind::kind:
      return "kind";
    case SymbolKind::body:
      return "body";
    case SymbolKind::group:
      return "group";
    case SymbolKind::parameter:
      return "parameter";
    case SymbolKind::metric:
      return "metric";
    case SymbolKind::title:
      return "title";
    case SymbolKind::event:
      return "event";
    case SymbolKind::programme:
      return "programme";
    case SymbolKind::stage:
      return "stage";
    case SymbolKind::rule:
      return "rule";
    case SymbolKind::consequence:
      return "consequence";
    case SymbolKind::quota:
      return "quota";
  }
  return "?";
}

std::vector<Index> title_programmes(const Plan& plan, const Title& title) {
  if (title.programme) return {*title.programme};
  if (title.programme_group) return plan.groups[*title.programme_group].members;
  return {};
}

const Symbol* Plan::find(std::string_view name) const {
  const auto it = symbols.find(name);
  return it == symbols.end() ? nullptr : &it->second;
}

}  // namespace mandate
