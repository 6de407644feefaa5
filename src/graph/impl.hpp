// Internal representation of the responsibility graph: a Boost.Graph
// adjacency list with bundled properties, plus the lookup tables and the copy
// of the plan's calendar data that the queries need.
#pragma once

#include <mandate/graph.hpp>
#include <mandate/plan.hpp>
#include <mandate/syntax.hpp>

#include <boost/graph/adjacency_list.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

namespace mandate {
namespace graph_detail {

inline constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();

struct VertexData {
  NodeSort sort = NodeSort::body;
  Index index = 0;  // into the plan's bodies, programmes, stages or rules; a unit: into the units
  bool from_facts = false;  // a unit the plan does not declare
  std::string name;
  std::uint32_t kind = none;    // bodies: the plan's kind
  std::uint32_t parent = none;  // bodies: administrative parent (a vertex)
};

struct EdgeData {
  EdgeKind kind = EdgeKind::lead;
  std::uint32_t origin = 0;  // into Impl::origins
  std::uint32_t via = none;  // into Impl::via_names: the group or parameter the statement names
  std::uint32_t programme = none;  // obligated (leads): the programme vertex it is for
  std::uint32_t stage = none;      // files_with: the stage vertex
};

/// The statement that creates edges, and its citations (inherited from the
/// enclosing statement when it has none of its own).
struct Origin {
  std::string statement;
  Citations clause;
  std::vector<std::string> instruments;  // a role's `using EVENT, …`
};

using Graph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, VertexData, EdgeData>;
using Vertex = Graph::vertex_descriptor;
using Edge = Graph::edge_descriptor;

/// The statement of an edge the facts made (origin 0): a unit's parent
/// (`within`) or the body it reports to (`reports_to`).
[[nodiscard]] inline std::string facts_statement(EdgeKind kind, std::string_view from,
                                                 std::string_view to) {
  return std::string("facts: unit ") + std::string(from) +
         (kind == EdgeKind::reports_to ? " reports_to " : " within ") + std::string(to);
}

/// An event a sanction counts when a given body issues it
/// (`count(通报, 约谈, by: 市综治委, …) >= 2`): that body's instrument feeds it.
struct Feed {
  std::string event;
  Vertex issuer = 0;
  Vertex rule = 0;
};

/// What a stage needs for the agenda: its dates as written (they may name
/// parameters, resolved per year).
struct StageInfo {
  Vertex vertex = 0;
  std::vector<syntax::Node> due;
  std::optional<syntax::Node> during;
  std::optional<syntax::Node> start_window;
  std::optional<syntax::Node> duration;
  // A recurring stage (`every`), its `due within` and `at_least`.
  std::optional<PeriodKind> every;
  std::optional<syntax::Node> due_within;
  bool due_after = false;
  std::optional<syntax::Node> at_least;
  std::string of;                  // the programme or programme group, as named
  std::vector<Vertex> programmes;  // the programmes it covers
  Citations clause;
};

[[nodiscard]] constexpr bool is_role(EdgeKind kind) noexcept {
  return static_cast<std::uint8_t>(kind) <= static_cast<std::uint8_t>(EdgeKind::hears_reports);
}
/// Roles that oversee a stage or programme (escalation, level 1).
[[nodiscard]] constexpr bool is_oversight(EdgeKind kind) noexcept {
  return kind == EdgeKind::inspects || kind == EdgeKind::approves || kind == EdgeKind::supervises ||
         kind == EdgeKind::hears_reports;
}

}  // namespace graph_detail

// Hidden: a nested class takes the visibility of ResponsibilityGraph, which
// a shared library exports, and Impl is no part of the API.
struct __attribute__((visibility("hidden"))) ResponsibilityGraph::Impl {
  graph_detail::Graph graph;
  std::vector<graph_detail::Origin> origins;
  std::vector<std::string> via_names;
  std::unordered_map<std::string, graph_detail::Vertex> bodies;  // names and aliases
  std::unordered_map<std::string, graph_detail::Vertex> others;  // programmes, stages, rules
  std::vector<graph_detail::Vertex> programme_vertex;            // by plan index
  std::vector<graph_detail::Vertex> stage_vertex;
  std::vector<graph_detail::Vertex> programme_parent;  // by plan index; none at the top
  std::vector<graph_detail::StageInfo> stages;         // by plan index
  std::vector<graph_detail::Vertex> top_campaigns;     // campaigns that are `of` nothing
  std::vector<graph_detail::Feed> feeds;               // what each sanction counts, by issuer
  /// Holds an oversight role (inspects, approves, supervises, hears_reports,
  /// decides_sanctions) somewhere in the plan; by vertex.
  std::vector<bool> standing;
  /// By vertex: its incoming role and `receives` edges, in the graph's
  /// order. Escalation asks a stage or programme for these only; its
  /// `obligated` edges, one per obliged unit, made every escalation scan
  /// them all.
  std::vector<std::vector<graph_detail::Edge>> roles_in;
  graph_detail::Vertex seat =
      graph_detail::none;  // the administrative parent of the issuing bodies
  std::size_t body_count = 0;
  std::vector<UnboundObligation> unbound;
  // Calendar: the plan's period and its parameters (dates may name them).
  int first_year = 0;
  int last_year = 0;
  std::vector<Parameter> parameters;
  std::unordered_map<std::string, Index> parameter_index;
  std::string title;

  [[nodiscard]] const graph_detail::VertexData& vertex(graph_detail::Vertex v) const {
    return graph[v];
  }
  [[nodiscard]] const std::string& name(graph_detail::Vertex v) const { return graph[v].name; }
  /// The vertex of a name of the wanted sort (any sort when `sort` is
  /// empty); throws GraphLookupError with a suggestion.
  [[nodiscard]] graph_detail::Vertex lookup(std::string_view name, std::optional<NodeSort> sort,
                                            std::string_view what) const;
  [[nodiscard]] RoleEntry entry(const graph_detail::Edge& edge) const;
};

}  // namespace mandate
