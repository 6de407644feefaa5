// Exports: Graphviz DOT (boost::write_graphviz) and the responsibility
// matrix as CSV and Markdown.
#include "graph/impl.hpp"

#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/graphviz.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

namespace mandate {

using namespace graph_detail;

namespace {

/// A DOT string: double quotes and backslashes escaped; the text stays UTF-8.
std::string dot_string(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

/// Colour, style and arrowhead of each kind of edge (docs/graph.md has the legend).
std::string_view edge_style(EdgeKind kind) {
  switch (kind) {
    case EdgeKind::lead:
      return "color=red3, style=bold, penwidth=2.5";
    case EdgeKind::cooperate:
      return "color=royalblue3, style=dashed";
    case EdgeKind::responsible:
      return "color=darkorange2, style=bold, penwidth=1.8";
    case EdgeKind::sets_standard:
      return "color=purple3, style=solid";
    case EdgeKind::approves:
      return "color=darkgreen, style=solid, arrowhead=diamond";
    case EdgeKind::inspects:
      return "color=darkgreen, style=dashed, arrowhead=diamond";
    case EdgeKind::supervises:
      return "color=darkgreen, style=bold, arrowhead=diamond";
    case EdgeKind::names_winners:
      return "color=goldenrod3, style=solid, arrowhead=dot";
    case EdgeKind::decides_sanctions:
      return "color=firebrick4, style=bold, arrowhead=box";
    case EdgeKind::hears_reports:
      return "color=steelblue4, style=dotted, arrowhead=diamond";
    case EdgeKind::obligated:
      return "color=black, style=solid";
    case EdgeKind::receives:
      return "color=gray35, style=dashed, arrowhead=empty";
    case EdgeKind::files_with:
      return "color=gray35, style=solid, arrowhead=empty";
    case EdgeKind::reports_to:
      return "color=black, style=dotted, arrowhead=vee";
    case EdgeKind::part_of:
      return "color=gray55, style=dotted, arrowhead=odot";
    case EdgeKind::subject:
      return "color=gray50, style=dashed, arrowhead=odiamond";
    case EdgeKind::refer_to:
      return "color=firebrick3, style=dashed, arrowhead=box";
    case EdgeKind::grants:
      return "color=goldenrod3, style=dashed, arrowhead=dot";
    case EdgeKind::of:
      return "color=gray70, style=dotted, arrowhead=none";
  }
  return "";
}

std::string_view node_style(const VertexData& vertex) {
  switch (vertex.sort) {
    case NodeSort::body:
      return vertex.from_facts ? "shape=box, style=\"rounded,dashed\"" : "shape=box, style=rounded";
    case NodeSort::programme:
      return "shape=ellipse, style=filled, fillcolor=lightyellow";
    case NodeSort::stage:
      return "shape=note, style=filled, fillcolor=aliceblue";
    case NodeSort::rule:
      return "shape=hexagon, style=filled, fillcolor=mistyrose";
  }
  return "";
}

struct EdgeFilter {
  const Graph* graph = nullptr;
  const std::vector<bool>* kinds = nullptr;
  Vertex focus = none;
  bool operator()(const Edge& e) const {
    if (!(*kinds)[static_cast<std::size_t>((*graph)[e].kind)]) return false;
    return focus == none || boost::source(e, *graph) == focus || boost::target(e, *graph) == focus;
  }
};

struct VertexFilter {
  const std::vector<bool>* keep = nullptr;
  bool operator()(const Vertex& v) const { return (*keep)[v]; }
};

}  // namespace

std::string ResponsibilityGraph::to_dot(const DotOptions& options) const {
  const Graph& graph = impl_->graph;
  std::vector<bool> kinds(static_cast<std::size_t>(EdgeKind::of) + 1, options.kinds.empty());
  for (const EdgeKind kind : options.kinds) kinds[static_cast<std::size_t>(kind)] = true;
  const Vertex focus = options.focus.empty() ? static_cast<Vertex>(none)
                                             : impl_->lookup(options.focus, std::nullopt,
                                                             "body, programme, stage or rule");
  const EdgeFilter edge_filter{&graph, &kinds, focus};
  // Vertices with at least one edge shown (and the focus itself).
  std::vector<bool> keep(boost::num_vertices(graph), false);
  if (focus != none) keep[focus] = true;
  for (const Edge e : boost::make_iterator_range(boost::edges(graph))) {
    if (!edge_filter(e)) continue;
    keep[boost::source(e, graph)] = true;
    keep[boost::target(e, graph)] = true;
  }
  const boost::filtered_graph<Graph, EdgeFilter, VertexFilter> shown(graph, edge_filter,
                                                                     VertexFilter{&keep});

  const auto write_vertex = [&](std::ostream& out, Vertex v) {
    const VertexData& vertex = graph[v];
    std::string label = vertex.name;
    if (vertex.sort == NodeSort::programme || vertex.sort == NodeSort::stage ||
        vertex.sort == NodeSort::rule)
      label += fmt::format("\n({})", node_sort_name(vertex.sort));
    out << fmt::format("[label={}, {}]", dot_string(label), node_style(vertex));
  };
  const auto write_edge = [&](std::ostream& out, const Edge& e) {
    const EdgeData& data = graph[e];
    std::string tooltip = impl_->origins[data.origin].statement;
    for (const Clause& clause : impl_->origins[data.origin].clause)
      tooltip += clause.section.empty() ? fmt::format(" [{}]", clause.id)
                                        : fmt::format(" [{} {}]", clause.id, clause.section);
    out << fmt::format("[label={}, tooltip={}, {}]", dot_string(edge_kind_name(data.kind)),
                       dot_string(tooltip), edge_style(data.kind));
  };
  const auto write_graph = [&](std::ostream& out) {
    out << fmt::format(
        "graph [charset=\"UTF-8\", rankdir=LR, fontname=\"Noto Sans CJK SC\", label={}, "
        "labelloc=t];\n",
        dot_string(impl_->title));
    out << "node [fontname=\"Noto Sans CJK SC\", fontsize=11];\n";
    out << "edge [fontname=\"Noto Sans CJK SC\", fontsize=9];\n";
  };
  std::ostringstream out;
  boost::write_graphviz(out, shown, write_vertex, write_edge, write_graph);
  return out.str();
}

// Matrix -------------------------------------------------------------------------------------

ResponsibilityMatrix ResponsibilityGraph::matrix() const {
  const Graph& graph = impl_->graph;
  ResponsibilityMatrix matrix;
  std::vector<std::size_t> column(boost::num_vertices(graph), 0);
  for (std::size_t i = 0; i < impl_->programme_vertex.size(); ++i) {
    matrix.programmes.push_back(impl_->name(impl_->programme_vertex[i]));
    column[impl_->programme_vertex[i]] = i;
  }
  for (Vertex v = 0; v < impl_->body_count; ++v) {
    std::vector<std::uint8_t> marks(matrix.programmes.size(), 0);
    bool any = false;
    for (const Edge e : boost::make_iterator_range(boost::out_edges(v, graph))) {
      const EdgeKind kind = graph[e].kind;
      const Vertex target = boost::target(e, graph);
      if (graph[target].sort != NodeSort::programme ||
          (kind != EdgeKind::lead && kind != EdgeKind::cooperate && kind != EdgeKind::responsible))
        continue;
      marks[column[target]] |= static_cast<std::uint8_t>(1U << static_cast<unsigned>(kind));
      any = true;
    }
    if (!any) continue;
    ResponsibilityMatrix::Row row;
    row.body = graph[v].name;
    for (const std::uint8_t mark : marks) {
      std::string cell;
      for (const EdgeKind kind : {EdgeKind::lead, EdgeKind::cooperate, EdgeKind::responsible})
        if (mark & (1U << static_cast<unsigned>(kind)))
          cell += (cell.empty() ? "" : "+") + std::string(edge_kind_name(kind));
      row.cells.push_back(std::move(cell));
    }
    matrix.rows.push_back(std::move(row));
  }
  return matrix;
}

namespace {

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string markdown_cell(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

std::string ResponsibilityGraph::matrix_csv() const {
  const ResponsibilityMatrix m = matrix();
  std::string out = "body";
  for (const std::string& programme : m.programmes) out.append(",").append(csv_field(programme));
  out.append("\n");
  for (const auto& row : m.rows) {
    out.append(csv_field(row.body));
    for (const std::string& cell : row.cells) out.append(",").append(csv_field(cell));
    out.append("\n");
  }
  return out;
}

std::string ResponsibilityGraph::matrix_markdown() const {
  const ResponsibilityMatrix m = matrix();
  std::string out = "| body |";
  std::string rule = "|---|";
  for (const std::string& programme : m.programmes) {
    out.append(" ").append(markdown_cell(programme)).append(" |");
    rule.append("---|");
  }
  out.append("\n").append(rule).append("\n");
  for (const auto& row : m.rows) {
    out.append("| ").append(markdown_cell(row.body)).append(" |");
    for (const std::string& cell : row.cells) {
      if (!cell.empty()) out.append(" ").append(cell);
      out.append(" |");
    }
    out.append("\n");
  }
  return out;
}

}  // namespace mandate
