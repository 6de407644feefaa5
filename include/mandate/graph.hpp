// Responsibility graph of a checked plan: who leads, who helps, who answers
// for a failure (docs/graph.md; design in docs/decisions/0007).
//
// Vertices are the plan's bodies (plus units below the plan's level that the
// facts supply, e.g. towns under counties), programmes, stages and rules.
// Typed edges go from a body to what it takes part in (lead, cooperate, …,
// obligated, receives, subject, refer_to, grants) or to another body
// (reports_to, part_of, files_with); each edge carries the citations of the
// statement that creates it. A role given to a group is an edge for each
// member. The graph is immutable once built: every query is const and safe
// to call from many threads at once. The graph keeps no reference to the
// Plan it was built from.
#pragma once

#include <mandate/export.hpp>
#include <mandate/plan.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace mandate {

class FactStore;

/// The type of an edge. The first ten are the plan's roles (RoleKind, same
/// order): body → programme or stage.
enum class EdgeKind : std::uint8_t {
  lead,
  cooperate,
  responsible,
  sets_standard,
  approves,
  inspects,
  supervises,
  names_winners,
  decides_sanctions,
  hears_reports,
  obligated,   // body → stage: must act (`obligated`; `obligated leads`: for one programme)
  receives,    // body → stage: receives what the stage delivers (`deliver … to`)
  files_with,  // body → body: an obligated body delivers to it, for one stage
  reports_to,  // body → body: reporting line (`reports_to`)
  part_of,     // body → body: administrative parent (`within`, or a unit's parent in the facts)
  subject,     // body → rule: the body is a subject of a target, goal, sanction or award
  refer_to,    // body → rule: a sanction's cases are referred to the body (`refer to`)
  grants,      // body → rule: the body confers an award (`grant … by`)
  of,          // stage → programme, programme → parent programme
};
/// "lead", "files_with", … (the plan language's keywords for roles).
[[nodiscard]] MANDATE_EXPORT std::string_view edge_kind_name(EdgeKind kind) noexcept;
[[nodiscard]] MANDATE_EXPORT std::optional<EdgeKind> edge_kind_from_name(
    std::string_view name) noexcept;
[[nodiscard]] MANDATE_EXPORT EdgeKind edge_kind_of(RoleKind role) noexcept;

enum class NodeSort : std::uint8_t { body, programme, stage, rule };
[[nodiscard]] MANDATE_EXPORT std::string_view node_sort_name(NodeSort sort) noexcept;

/// A unit the plan does not declare (a town, a village), as the facts give
/// it: its kind is a kind of the plan, its parent a body or another unit.
struct UnitRecord {
  std::string name;
  std::string kind;
  std::string parent;
  std::vector<std::string> aliases;
  std::string reports_to;  // the body it reports to (escalation climbs it); may be empty
};

/// One edge, from the point of view of its body.
struct RoleEntry {
  std::string body;
  EdgeKind role = EdgeKind::lead;
  std::string target;  // a programme, stage, rule or body
  NodeSort target_sort = NodeSort::programme;
  std::string via;            // the group or parameter the statement names; empty: the body itself
  std::string for_programme;  // `obligated leads`: the programme this lead answers for
  std::string stage;          // files_with: the stage whose delivery it is
  Citations clause;           // citations of the statement that creates the edge
  std::string statement;      // that statement: "programme 平安医院: cooperate"
};

/// A duty that falls in a given year.
struct AgendaItem {
  std::optional<Date> first;  // nullopt when the stage gives no date
  std::optional<Date> last;   // last day of a window; == first for a deadline
  std::string when;  // "due by 2018-03-20", "during 2018-04-01..2018-10-31", "no date", …
  std::string stage;
  EdgeKind role = EdgeKind::obligated;  // obligated, receives, or a role on the stage
  std::string programme;  // what the stage is `of`; for `obligated leads` the programme led
  Citations clause;
};

/// One step of an escalation: `to` oversees or decides what `from` failed.
struct EscalationStep {
  int level = 0;  // 1 for the first step; steps of one level are alternatives
  std::string from;
  std::string to;
  EdgeKind via = EdgeKind::part_of;
  Citations clause;
  std::string statement;
  /// A role held `using` instruments (docs/graph.md, escalate, rule 2): the
  /// events `to` may issue against `from` (通报, 约谈, 督办) …
  std::vector<std::string> instruments;
  /// … and the sanctions about `from` that count them when `to` issues them
  /// (S5: “一年内两次被市综治委通报、约谈”).
  std::vector<std::string> feeds;
  /// A line the facts give (a unit's `reports_to` or parent), not the plan.
  bool from_facts = false;
};

struct Escalation {
  std::string stage;
  std::string body;       // the body that failed, as asked
  std::string obligated;  // the body the stage obliges: `body` or its nearest obligated ancestor
  std::string obligated_via;  // the group or parameter it is obliged through; empty if named
  std::vector<std::string>
      for_programmes;                 // `obligated leads`: the programmes it leads in the stage
  std::string answerable;             // the body at the plan's level that answers (after part_of)
  std::vector<EscalationStep> steps;  // in level order
  std::vector<std::string> deciders;  // the bodies that decide sanctions for the stage
};

/// One step of a path between two vertices.
struct PathStep {
  std::string from;
  std::string to;
  EdgeKind kind = EdgeKind::part_of;
  bool forward = true;  // false: the edge runs from `to` to `from`
  Citations clause;
  std::string statement;
};

enum class PathMode : std::uint8_t {
  directed,  // follow edges in their direction only
  any,       // ignore directions (a connection through a shared programme counts)
};

struct LeadCount {
  std::string body;
  std::size_t leads = 0;  // programmes and stages it leads
  std::size_t rank = 0;   // 1 = most; ties share the better rank
};

/// An obligation that binds no body: its group is empty, or the programme
/// whose leads it obliges has no lead or responsible body.
struct UnboundObligation {
  std::string stage;
  std::string names;  // the group, parameter or programme that binds nobody
  std::string reason;
  Citations clause;
};

/// Bodies × programmes: which body has which of lead, cooperate, responsible.
struct ResponsibilityMatrix {
  std::vector<std::string> programmes;
  struct Row {
    std::string body;
    std::vector<std::string>
        cells;  // "lead", "cooperate", "responsible" or several joined by '+'; "" for none
  };
  std::vector<Row> rows;
};

struct DotOptions {
  /// Only this vertex and its neighbours; empty for the whole graph.
  std::string focus;
  /// Only these kinds of edge; empty for all.
  std::vector<EdgeKind> kinds;
};

/// Thrown by a query given a name that is not in the graph, or that names a
/// vertex of another sort; the message suggests a close name.
class MANDATE_EXPORT GraphLookupError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

class MANDATE_EXPORT ResponsibilityGraph {
 public:
  /// From a checked plan, with the units the caller supplies below the
  /// plan's level. Units whose name is a body of the plan are skipped; a unit
  /// whose parent is unknown is kept without parent.
  [[nodiscard]] static ResponsibilityGraph build(const Plan& plan,
                                                 std::span<const UnitRecord> units = {});
  /// From a checked plan and the units of a fact store (docs/facts.md).
  [[nodiscard]] static ResponsibilityGraph build(const Plan& plan, const FactStore* facts);

  // Size and lookup.
  [[nodiscard]] std::size_t vertex_count() const noexcept;
  [[nodiscard]] std::size_t edge_count() const noexcept;
  [[nodiscard]] std::size_t body_count() const noexcept;
  /// The sort of the vertex with this name (aliases of bodies resolve).
  [[nodiscard]] std::optional<NodeSort> find(std::string_view name) const;
  /// The canonical name (an alias resolves to its body); throws GraphLookupError.
  [[nodiscard]] std::string canonical(std::string_view name) const;

  // Who takes part.
  /// Every edge into a programme, stage or rule: roles, obligations,
  /// deliveries, subjects; ordered by kind, then as the plan lists them.
  [[nodiscard]] std::vector<RoleEntry> roles_in(std::string_view target) const;
  /// The bodies holding `role` in a programme or stage, in plan order. A
  /// stage that gives nobody that role itself inherits it from the
  /// programmes it covers (its `of`).
  [[nodiscard]] std::vector<std::string> holders(std::string_view target, EdgeKind role) const;
  /// Every edge out of a body, ordered by kind, then as the plan lists them.
  [[nodiscard]] std::vector<RoleEntry> roles_of(std::string_view body) const;
  /// The body's duties that fall in `year` (obligations, roles on stages,
  /// deliveries it receives), in date order; undated ones last. Empty for a
  /// year outside the plan's period.
  [[nodiscard]] std::vector<AgendaItem> agenda(std::string_view body, int year) const;

  // Who answers.
  /// The escalation of `body` failing `stage` (rule in docs/graph.md).
  /// Throws GraphLookupError when the stage does not oblige the body or one
  /// of its administrative ancestors.
  [[nodiscard]] Escalation escalate(std::string_view stage, std::string_view body) const;
  /// A shortest path from one vertex to another; empty when there is none
  /// (or when both are the same vertex).
  [[nodiscard]] std::vector<PathStep> path(std::string_view from, std::string_view to,
                                           PathMode mode = PathMode::directed) const;
  /// Bodies of the plan (and units) with no duty: no edge other than
  /// part_of and reports_to, in either direction. In plan order.
  [[nodiscard]] std::vector<std::string> idle_bodies() const;
  /// Bodies with at least one lead role, most first; ties in plan order.
  [[nodiscard]] std::vector<LeadCount> lead_ranking() const;
  /// Obligations that bind no body, given the plan and the units.
  [[nodiscard]] std::vector<UnboundObligation> unbound_obligations() const;

  // Exports.
  /// Graphviz DOT, UTF-8 labels, one edge style per kind.
  [[nodiscard]] std::string to_dot(const DotOptions& options = {}) const;
  [[nodiscard]] ResponsibilityMatrix matrix() const;
  [[nodiscard]] std::string matrix_csv() const;
  [[nodiscard]] std::string matrix_markdown() const;

  struct Impl;

 private:
  explicit ResponsibilityGraph(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

}  // namespace mandate
