// `mandate who`: questions to the responsibility graph of a plan.
#include "cli/common.hpp"
#include "cli/facts.hpp"
#include "source/utf8.hpp"

#include <mandate/check.hpp>
#include <mandate/diagnostic.hpp>
#include <mandate/facts.hpp>
#include <mandate/graph.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr std::string_view queries = R"(
Queries:
  programme NAME          who takes part in a programme, stage or rule, with which role
  body NAME [--year Y]    every role of a body, and its duties of year Y in date order
                          (default: the plan's first year)
  escalate STAGE BODY     who answers, step by step, when BODY fails STAGE
  path A B                a shortest path from A to B (following edges; else ignoring
                          their direction)
  idle                    bodies with no duty, and obligations that bind no body
  leads                   bodies ranked by their number of lead roles
  dot [NAME]              Graphviz DOT of the graph (or of NAME and its neighbours)
  matrix [--csv|--md]     bodies × programmes: lead, cooperate, responsible (Markdown
                          by default)

Exit codes: 0 answered; 1 not found; 2 usage, an unreadable file, or a plan or unit
file that does not check.)";

using mandate::cli::exit_error;
using mandate::cli::exit_ok;
constexpr int exit_not_found = mandate::cli::exit_findings;

std::string clause_text(const mandate::Citations& citations) {
  std::string out;
  for (const mandate::Clause& c : citations)
    out +=
        c.section.empty() ? fmt::format(" [{}]", c.id) : fmt::format(" [{} {}]", c.id, c.section);
  return out;
}

std::string date_text(const mandate::Date& d) {
  return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
}

int usage_error(std::string_view message) {
  std::cerr << "mandate who: error: " << message << "\nRun 'mandate who --help' for the queries.\n";
  return exit_error;
}

struct Options {
  std::string plan;
  std::vector<std::string> query;
  std::string year;
  std::string units;
  std::vector<mandate::EdgeKind> kinds;
  bool csv = false;
  bool markdown = false;
};

/// Lines of entries that share role, group, programme and clause, e.g.
/// "lead  商洛县区: 商州区, 洛南县, …  [B1 三(一)2]".
void print_entries(const std::vector<mandate::RoleEntry>& entries, bool name_targets) {
  std::size_t i = 0;
  while (i < entries.size()) {
    const mandate::RoleEntry& first = entries[i];
    std::vector<std::string> names;
    std::size_t j = i;
    for (; j < entries.size(); ++j) {
      const mandate::RoleEntry& e = entries[j];
      if (e.role != first.role || e.via != first.via || e.for_programme != first.for_programme ||
          e.statement != first.statement ||
          (name_targets && e.target != first.target && e.stage != first.stage))
        break;
      std::string name = name_targets ? e.target : e.body;
      if (name_targets && !e.stage.empty()) name += fmt::format(" (stage {})", e.stage);
      if (names.empty() || names.back() != name) names.push_back(std::move(name));
    }
    std::string list;
    for (const std::string& name : names) list += (list.empty() ? "" : ", ") + name;
    std::string qualifiers;
    if (!first.via.empty()) qualifiers += fmt::format(" (as {})", first.via);
    if (!first.for_programme.empty()) qualifiers += fmt::format(" (for {})", first.for_programme);
    std::cout << fmt::format("  {:<18} {}{}{}\n", mandate::edge_kind_name(first.role), list,
                             qualifiers, clause_text(first.clause));
    i = j;
  }
}

int query_programme(const mandate::ResponsibilityGraph& graph, const std::string& name) {
  const std::string canonical = graph.canonical(name);
  const auto sort = graph.find(canonical);
  std::cout << fmt::format("{} ({})\n", canonical, mandate::node_sort_name(*sort));
  const auto entries = graph.roles_in(canonical);
  print_entries(entries, /*name_targets=*/false);
  if (*sort == mandate::NodeSort::stage) {
    // Roles a stage does not give itself come from the programmes it covers.
    for (const mandate::EdgeKind role :
         {mandate::EdgeKind::lead, mandate::EdgeKind::cooperate, mandate::EdgeKind::responsible}) {
      bool own = false;
      for (const auto& e : entries) own = own || e.role == role;
      if (own) continue;
      const auto holders = graph.holders(canonical, role);
      if (holders.empty()) continue;
      std::string list;
      for (const std::string& holder : holders) list += (list.empty() ? "" : ", ") + holder;
      std::cout << fmt::format("  {:<18} {} (from its programmes)\n", mandate::edge_kind_name(role),
                               list);
    }
  }
  if (entries.empty()) std::cout << "  (nobody)\n";
  return exit_ok;
}

int query_body(const mandate::ResponsibilityGraph& graph, const std::string& name, int year) {
  const std::string canonical = graph.canonical(name);
  if (graph.find(canonical) != mandate::NodeSort::body) {
    std::cerr << fmt::format("mandate who: '{}' is not a body\n", name);
    return exit_not_found;
  }
  const auto roles = graph.roles_of(canonical);
  std::cout << fmt::format("{}\nroles ({}):\n", canonical, roles.size());
  print_entries(roles, /*name_targets=*/true);
  const auto agenda = graph.agenda(canonical, year);
  std::cout << fmt::format("agenda {} ({}):\n", year, agenda.size());
  for (const mandate::AgendaItem& item : agenda) {
    std::string when = item.first ? date_text(*item.first) : "no date";
    if (item.first && item.last && *item.last != *item.first) when += ".." + date_text(*item.last);
    // The date column says it all, except how long a campaign that starts in a window lasts.
    const std::string extra = item.when.starts_with("starts") ? ": " + item.when : "";
    std::cout << fmt::format("  {:<22} {:<13} {} ({}){}{}\n", when,
                             mandate::edge_kind_name(item.role), item.stage, item.programme, extra,
                             clause_text(item.clause));
  }
  return exit_ok;
}

int query_escalate(const mandate::ResponsibilityGraph& graph, const std::string& stage,
                   const std::string& body) {
  const mandate::Escalation escalation = graph.escalate(stage, body);
  std::string obliged = escalation.obligated == escalation.body
                            ? "obligated"
                            : fmt::format("below {}, which is obligated", escalation.obligated);
  if (!escalation.obligated_via.empty()) obliged += fmt::format(" as {}", escalation.obligated_via);
  if (!escalation.for_programmes.empty()) {
    std::string list;
    for (const std::string& p : escalation.for_programmes) list += (list.empty() ? "" : ", ") + p;
    obliged += fmt::format(" for {}", list);
  }
  std::cout << fmt::format("{} fails {} ({}); answers at the plan's level: {}\n", escalation.body,
                           escalation.stage, obliged, escalation.answerable);
  for (const mandate::EscalationStep& step : escalation.steps) {
    // A reporting line the plan gives without a citation is the encoding's inference.
    // One the facts give is stated there.
    const bool inferred =
        step.via == mandate::EdgeKind::reports_to && step.clause.empty() && !step.from_facts;
    // The instruments the plan gives `to` against `from`, and the sanctions they feed.
    std::string instruments;
    if (!step.instruments.empty())
      instruments = fmt::format(" using {}", fmt::join(step.instruments, "、"));
    if (!step.feeds.empty())
      instruments += fmt::format(" (counted by {})", fmt::join(step.feeds, ", "));
    std::cout << fmt::format(
        "  {}. {} → {}  {}{}{}  ({})\n", step.level, step.from, step.to,
        mandate::edge_kind_name(step.via), instruments,
        inferred ? " (inferred: the plan states no such line)" : clause_text(step.clause),
        step.statement);
  }
  std::string deciders;
  for (const std::string& d : escalation.deciders) deciders += (deciders.empty() ? "" : ", ") + d;
  std::cout << fmt::format("decides sanctions: {}\n", deciders.empty() ? "—" : deciders);
  return exit_ok;
}

int query_path(const mandate::ResponsibilityGraph& graph, const std::string& from,
               const std::string& to) {
  const std::string a = graph.canonical(from);
  const std::string b = graph.canonical(to);
  auto steps = graph.path(a, b, mandate::PathMode::directed);
  std::string how = "following edges";
  if (steps.empty()) {
    steps = graph.path(a, b, mandate::PathMode::any);
    how = "ignoring directions";
  }
  if (steps.empty()) {
    std::cout << fmt::format("no path from {} to {}\n", a, b);
    return a == b ? exit_ok : exit_not_found;
  }
  std::cout << fmt::format("{} → {}: {} step{}, {}\n", a, b, steps.size(),
                           steps.size() == 1 ? "" : "s", how);
  for (const mandate::PathStep& step : steps) {
    const std::string_view kind = mandate::edge_kind_name(step.kind);
    const std::string arrow = step.forward ? fmt::format("—{}→", kind) : fmt::format("←{}—", kind);
    std::cout << fmt::format("  {} {} {}{}  ({})\n", step.from, arrow, step.to,
                             clause_text(step.clause), step.statement);
  }
  return exit_ok;
}

int query_idle(const mandate::ResponsibilityGraph& graph) {
  const auto idle = graph.idle_bodies();
  std::cout << fmt::format("bodies with no duty ({}):\n", idle.size());
  for (const std::string& body : idle) std::cout << "  " << body << "\n";
  const auto unbound = graph.unbound_obligations();
  std::cout << fmt::format("obligations that bind no body ({}):\n", unbound.size());
  for (const mandate::UnboundObligation& u : unbound)
    std::cout << fmt::format("  stage {}: {}{}\n", u.stage, u.reason, clause_text(u.clause));
  return exit_ok;
}

int query_leads(const mandate::ResponsibilityGraph& graph) {
  std::cout << "rank  leads  body\n";
  for (const mandate::LeadCount& row : graph.lead_ranking())
    std::cout << fmt::format("{:>4}  {:>5}  {}\n", row.rank, row.leads, row.body);
  return exit_ok;
}

int run_who(const Options& options) {
  const auto source = mandate::cli::read_plan(options.plan);
  if (!source) return exit_error;
  const mandate::CheckResult checked = mandate::parse_and_check(*source);
  for (const mandate::Diagnostic& d : checked.diagnostics)
    if (d.severity == mandate::Severity::error) std::cerr << mandate::render(d, *source);
  if (!checked.plan) return exit_error;

  std::unique_ptr<mandate::FactStore> facts;
  if (!options.units.empty()) {
    facts = std::make_unique<mandate::FactStore>(checked.plan);
    const mandate::LoadReport report = facts->load_csv(mandate::FactKind::unit, options.units,
                                                       mandate::LoadPolicy::all_or_nothing);
    if (mandate::cli::print_load(report, mandate::LoadPolicy::all_or_nothing, /*quiet=*/true) !=
        exit_ok)
      return exit_error;
  }
  const mandate::ResponsibilityGraph graph =
      mandate::ResponsibilityGraph::build(*checked.plan, facts.get());

  // Names as the user wrote them; a unit's alias resolves through the facts.
  std::vector<std::string> q = options.query;
  for (std::size_t i = 1; i < q.size() && facts; ++i) {
    if (graph.find(q[i])) continue;
    if (const mandate::NameId unit = facts->resolve_unit(q[i]); unit != mandate::no_name)
      q[i] = std::string(facts->name(unit));
  }
  const std::string& query = q[0];
  const auto expect = [&](std::size_t count) { return q.size() == count + 1; };
  try {
    if (query == "programme" || query == "stage" || query == "rule") {
      if (!expect(1)) return usage_error(fmt::format("'{}' takes one name", query));
      return query_programme(graph, q[1]);
    }
    if (query == "body") {
      if (!expect(1)) return usage_error("'body' takes one name");
      return query_body(graph, q[1],
                        options.year.empty() ? checked.plan->metadata.first_year
                                             : mandate::cli::to_year(options.year));
    }
    if (query == "escalate") {
      if (!expect(2)) return usage_error("'escalate' takes a stage and a body");
      return query_escalate(graph, q[1], q[2]);
    }
    if (query == "path") {
      if (!expect(2)) return usage_error("'path' takes two names");
      return query_path(graph, q[1], q[2]);
    }
    if (query == "idle") {
      if (!expect(0)) return usage_error("'idle' takes no name");
      return query_idle(graph);
    }
    if (query == "leads") {
      if (!expect(0)) return usage_error("'leads' takes no name");
      return query_leads(graph);
    }
    if (query == "dot") {
      if (q.size() > 2) return usage_error("'dot' takes at most one name");
      mandate::DotOptions dot;
      if (q.size() == 2) dot.focus = graph.canonical(q[1]);
      dot.kinds = options.kinds;
      std::cout << graph.to_dot(dot);
      return exit_ok;
    }
    if (query == "matrix") {
      if (!expect(0) || (options.csv && options.markdown))
        return usage_error("'matrix' takes --csv or --md");
      std::cout << (options.csv ? graph.matrix_csv() : graph.matrix_markdown());
      return exit_ok;
    }
  } catch (const mandate::GraphLookupError& error) {
    std::cerr << fmt::format("mandate who: {}\n", error.what());
    return exit_not_found;
  }
  return usage_error(fmt::format("unknown query '{}'", query));
}

}  // namespace

namespace mandate::cli {

Run add_who(CLI::App& command) {
  auto options = std::make_shared<Options>();
  command.footer(std::string(queries));
  command.add_option("PLAN", options->plan, "the plan file")->type_name("")->required();
  command.add_option("QUERY", options->query, "the query and its names (see below)")
      ->type_name("")
      ->required();
  command.add_option("--year", options->year, "body: the year of the agenda (default: the first)")
      ->check(year_value())
      ->type_name("YEAR");
  command
      .add_option("--units", options->units,
                  "units below the plan's level (towns under counties, …): a unit fact file "
                  "(CSV: name,unit_kind,parent,aliases; docs/facts.md); their aliases work as "
                  "names too")
      ->type_name("FILE");
  command
      .add_option_function<std::string>(
          "--kinds",
          [options](const std::string& list) {
            std::string_view rest = list;
            while (!rest.empty()) {
              const auto comma = rest.find(',');
              const std::string_view word = rest.substr(0, comma);
              const auto kind = edge_kind_from_name(word);
              if (!kind)
                throw CLI::ValidationError(
                    "--kinds", fmt::format("'{}' is not a kind of edge (lead, cooperate, "
                                           "reports_to, …)",
                                           detail::escape_for_message(word)));
              options->kinds.push_back(*kind);
              rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
            }
          },
          "dot: only these kinds of edge")
      ->type_name("KIND,…");
  CLI::Option* csv = command.add_flag("--csv", options->csv, "matrix: as CSV");
  command.add_flag("--md", options->markdown, "matrix: as Markdown (the default)")->excludes(csv);
  return [options] { return run_who(*options); };
}

}  // namespace mandate::cli
