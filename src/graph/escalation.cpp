// Who answers for a failure (escalation) and how two vertices are connected
// (paths). The escalation rule is documented in docs/graph.md and
// docs/decisions/0007-responsibility-graph.md; keep the three in step.
#include "graph/impl.hpp"

#include <boost/graph/breadth_first_search.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace mandate {

using namespace graph_detail;

namespace {

/// A candidate step: to `to` through `edge` (whose origin is the clause),
/// labelled `via`.
struct Candidate {
  Vertex to;
  Edge edge;
  EdgeKind via;
};

class Escalator {
 public:
  Escalator(const ResponsibilityGraph::Impl& impl, Vertex stage, Vertex body)
      : impl_(impl),
        graph_(impl.graph),
        stage_(stage),
        body_(body),
        info_(impl.stages[graph_[stage].index]) {}

  Escalation run() {
    Escalation out;
    out.stage = graph_[stage_].name;
    out.body = graph_[body_].name;

    // The chain of administrative ancestors, and the nearest obligated one.
    std::vector<Vertex> chain{body_};
    for (std::uint32_t p = graph_[body_].parent; p != none && chain.size() < 64;
         p = graph_[p].parent) {
      if (std::find(chain.begin(), chain.end(), p) != chain.end()) break;
      chain.push_back(p);
    }
    std::size_t obligated_at = chain.size();
    for (std::size_t i = 0; i < chain.size() && obligated_at == chain.size(); ++i) {
      for (const Edge e : boost::make_iterator_range(boost::out_edges(chain[i], graph_))) {
        if (boost::target(e, graph_) != stage_ || graph_[e].kind != EdgeKind::obligated) continue;
        obligated_at = i;
        if (graph_[e].via != none && out.obligated_via.empty())
          out.obligated_via = impl_.via_names[graph_[e].via];
        if (graph_[e].programme != none)
          out.for_programmes.push_back(graph_[graph_[e].programme].name);
      }
    }
    if (obligated_at == chain.size())
      throw GraphLookupError(fmt::format("stage '{}' does not oblige '{}' or any body above it{}",
                                         out.stage, out.body, obligated_summary()));
    out.obligated = graph_[chain[obligated_at]].name;

    // The body at the plan's level: the ancestor just below the seat, but
    // never below the obligated body.
    std::size_t answerable = obligated_at;
    if (impl_.seat != none) {
      const auto seat = std::find(chain.begin(), chain.end(), static_cast<Vertex>(impl_.seat));
      if (seat != chain.end()) {
        const auto below = static_cast<std::size_t>(seat - chain.begin());
        if (below > obligated_at + 1) answerable = below - 1;
      }
    }
    const Vertex answering = chain[answerable];
    out.answerable = graph_[answering].name;
    above_answering_.assign(chain.begin() + static_cast<std::ptrdiff_t>(answerable) + 1,
                            chain.end());
    int level = 0;
    for (std::size_t i = 0; i < answerable; ++i) {
      ++level;
      for (const Edge e : boost::make_iterator_range(boost::out_edges(chain[i], graph_)))
        if (graph_[e].kind == EdgeKind::part_of && boost::target(e, graph_) == chain[i + 1]) {
          add_step(out, level, chain[i], {chain[i + 1], e, EdgeKind::part_of});
          break;
        }
    }

    std::unordered_map<Vertex, int> levels;
    for (std::size_t i = 0; i <= answerable; ++i) levels.emplace(chain[i], 0);

    // Level 1: who oversees the stage, and the answerable body's superiors.
    std::vector<Candidate> overseers = stage_overseers(answering);
    for (const Edge e : boost::make_iterator_range(boost::out_edges(answering, graph_)))
      if (graph_[e].kind == EdgeKind::reports_to)
        overseers.push_back({boost::target(e, graph_), e, EdgeKind::reports_to});
    ++level;
    std::vector<Vertex> current;
    for (const Candidate& candidate : overseers) {
      if (levels.contains(candidate.to) && levels[candidate.to] != level) continue;
      if (levels.emplace(candidate.to, level).second) current.push_back(candidate.to);
      add_step(out, level, answering, candidate);
    }
    // The bodies the plan gives instruments (`using`) join the level as
    // steps of their own; the chain does not climb from them.
    const bool instruments = add_instruments(out, level, answering);
    if (current.empty() && !instruments) --level;

    // Then the reporting lines, level by level.
    std::vector<Vertex> reached = current;
    while (!current.empty()) {
      std::vector<Vertex> next;
      for (const Vertex from : current) {
        for (const Edge e : boost::make_iterator_range(boost::out_edges(from, graph_))) {
          if (graph_[e].kind != EdgeKind::reports_to) continue;
          const Vertex to = boost::target(e, graph_);
          const auto [it, inserted] = levels.emplace(to, level + 1);
          if (inserted)
            next.push_back(to);
          else if (it->second != level + 1)
            continue;
          add_step(out, level + 1, from, {to, e, EdgeKind::reports_to});
        }
      }
      if (!next.empty()) ++level;
      reached.insert(reached.end(), next.begin(), next.end());
      current = std::move(next);
    }

    // Finally the bodies that decide sanctions, from the top of each line.
    std::vector<Vertex> tops;
    for (const Vertex v : reached) {
      bool reports = false;
      for (const Edge e : boost::make_iterator_range(boost::out_edges(v, graph_)))
        reports = reports || graph_[e].kind == EdgeKind::reports_to;
      if (!reports) tops.push_back(v);
    }
    if (tops.empty()) tops.push_back(answering);
    for (const Edge e : deciders()) {
      const Vertex decider = boost::source(e, graph_);
      const std::string& name = graph_[decider].name;
      if (std::find(out.deciders.begin(), out.deciders.end(), name) == out.deciders.end())
        out.deciders.push_back(name);
      if (levels.contains(decider)) continue;
      for (const Vertex top : tops)
        add_step(out, level + 1, top, {decider, e, EdgeKind::decides_sanctions});
    }
    return out;
  }

 private:
  void add_step(Escalation& out, int level, Vertex from, const Candidate& candidate) {
    const Origin& origin = impl_.origins[graph_[candidate.edge].origin];
    if (!steps_seen_.insert({level, from, candidate.to, candidate.via}).second) {
      // The same step by another statement (a stage's own hears_reports and the
      // campaign's, held `using` instruments): the step shows the instruments.
      if (origin.instruments.empty()) return;
      for (EscalationStep& step : out.steps)
        if (step.level == level && step.from == graph_[from].name &&
            step.to == graph_[candidate.to].name && step.via == candidate.via &&
            step.instruments.empty()) {
          step.instruments = origin.instruments;
          step.feeds = feeds(from, candidate.to, origin.instruments);
          for (const Clause& clause : origin.clause)
            if (std::none_of(step.clause.begin(), step.clause.end(), [&](const Clause& c) {
                  return c.id == clause.id && c.section == clause.section;
                }))
              step.clause.push_back(clause);
        }
      return;
    }
    EscalationStep step;
    step.level = level;
    step.from = graph_[from].name;
    step.to = graph_[candidate.to].name;
    step.via = candidate.via;
    step.clause = origin.clause;
    step.statement = graph_[candidate.edge].origin == 0
                         ? graph_detail::facts_statement(candidate.via, step.from, step.to)
                         : origin.statement;
    step.instruments = origin.instruments;
    step.feeds = feeds(from, candidate.to, origin.instruments);
    step.from_facts = graph_[candidate.edge].origin == 0;
    out.steps.push_back(std::move(step));
  }

  /// The sanctions about `body` that count the instruments when `issuer` issues them.
  std::vector<std::string> feeds(Vertex body, Vertex issuer,
                                 const std::vector<std::string>& instruments) const {
    std::vector<std::string> out;
    for (const Feed& feed : impl_.feeds)
      if (feed.issuer == issuer &&
          std::find(instruments.begin(), instruments.end(), feed.event) != instruments.end() &&
          is_subject(body, feed.rule) &&
          std::find(out.begin(), out.end(), graph_[feed.rule].name) == out.end())
        out.push_back(graph_[feed.rule].name);
    return out;
  }

  bool is_subject(Vertex body, Vertex rule) const {
    for (const Edge e : boost::make_iterator_range(boost::out_edges(body, graph_)))
      if (graph_[e].kind == EdgeKind::subject && boost::target(e, graph_) == rule) return true;
    return false;
  }

  /// Rule 2, instruments: a role held `using` instruments on the stage, on a
  /// programme it covers (up the `of` chain) or on a top-level campaign puts
  /// its body on the first level, whatever else oversees the stage: the plan
  /// gives it those means against every body of the campaign (四(四): 督查室
  /// 通报、约谈、督办). Returns whether it added any step.
  bool add_instruments(Escalation& out, int level, Vertex answering) {
    std::vector<Vertex> targets{stage_};
    for (const Vertex programme : info_.programmes)
      for (std::uint32_t p = static_cast<std::uint32_t>(programme); p != none;
           p = impl_.programme_parent[graph_[p].index])
        targets.push_back(p);
    targets.insert(targets.end(), impl_.top_campaigns.begin(), impl_.top_campaigns.end());
    bool added = false;
    std::unordered_set<Vertex> seen;
    for (const Vertex target : targets) {
      if (!seen.insert(target).second) continue;
      for (const Edge e : impl_.roles_in[target]) {
        const Vertex from = boost::source(e, graph_);
        if (!is_role(graph_[e].kind) || from == answering || !admissible(from) ||
            impl_.origins[graph_[e].origin].instruments.empty())
          continue;
        const std::size_t before = out.steps.size();
        add_step(out, level, answering, {from, e, graph_[e].kind});
        added = added || out.steps.size() > before;
      }
    }
    return added;
  }

  std::string obligated_summary() const {
    std::unordered_set<Vertex> bodies;
    std::vector<std::string> names;  // the first 12
    for (const Edge e : boost::make_iterator_range(boost::in_edges(stage_, graph_))) {
      if (graph_[e].kind != EdgeKind::obligated) continue;
      const Vertex body = boost::source(e, graph_);
      if (bodies.insert(body).second && names.size() < 12) names.push_back(graph_[body].name);
    }
    if (bodies.empty()) return "; it obliges no body";
    if (bodies.size() > names.size())
      return fmt::format("; it obliges {} bodies, e.g. {}", bodies.size(), names.front());
    std::string list;
    for (const std::string& name : names) list += (list.empty() ? "" : ", ") + name;
    return "; it obliges " + list;
  }

  /// Is `to` above `from` by reporting lines or the administrative hierarchy?
  bool is_superior(Vertex from, Vertex to) const {
    std::unordered_set<Vertex> seen{from};
    std::deque<Vertex> queue{from};
    while (!queue.empty()) {
      const Vertex v = queue.front();
      queue.pop_front();
      for (const Edge e : boost::make_iterator_range(boost::out_edges(v, graph_))) {
        const EdgeKind kind = graph_[e].kind;
        if (kind != EdgeKind::reports_to && kind != EdgeKind::part_of) continue;
        const Vertex w = boost::target(e, graph_);
        if (w == to) return true;
        if (seen.insert(w).second) queue.push_back(w);
      }
    }
    return false;
  }

  /// Does a recipient of the stage's deliveries oversee the answering body?
  /// Yes, unless the delivery goes down: the recipient holds no oversight
  /// role anywhere and is not above the answering body, which holds one
  /// (市综治办 sending its approval to the lead departments).
  bool oversees(Vertex recipient, Vertex answering) const {
    return impl_.standing[recipient] || !impl_.standing[answering] ||
           is_superior(answering, recipient);
  }

  /// A unit the facts supply oversees, receives or decides only as an
  /// ancestor above the answering body. A group open to the facts' units
  /// (`all 镇办 …`) stands for those of its members: a town is not overseen
  /// by the other towns nor by itself, and a chain does not depend on which
  /// other units the graph holds.
  bool admissible(Vertex v) const {
    return !graph_[v].from_facts ||
           std::find(above_answering_.begin(), above_answering_.end(), v) != above_answering_.end();
  }

  void oversight_of(Vertex target, Vertex answering, std::vector<Candidate>& out) const {
    for (const Edge e : impl_.roles_in[target]) {
      const Vertex from = boost::source(e, graph_);
      if (is_oversight(graph_[e].kind) && from != answering && admissible(from))
        out.push_back({from, e, graph_[e].kind});
    }
  }

  /// The stage's own overseers and the recipients of its deliveries that
  /// oversee; else the oversight roles of its programmes (up their `of`);
  /// else those of the plan's top-level campaigns.
  std::vector<Candidate> stage_overseers(Vertex answering) const {
    std::vector<Candidate> out;
    for (const Edge e : impl_.roles_in[stage_]) {
      const Vertex from = boost::source(e, graph_);
      if (from == answering || !admissible(from)) continue;
      if (is_oversight(graph_[e].kind))
        out.push_back({from, e, graph_[e].kind});
      else if (graph_[e].kind == EdgeKind::receives && oversees(from, answering))
        out.push_back({from, e, EdgeKind::files_with});
    }
    if (!out.empty()) return out;
    for (const Vertex programme : info_.programmes) {
      for (std::uint32_t p = static_cast<std::uint32_t>(programme); p != none;
           p = impl_.programme_parent[graph_[p].index]) {
        const std::size_t before = out.size();
        oversight_of(p, answering, out);
        if (out.size() > before) break;
      }
    }
    if (!out.empty()) return out;
    for (const Vertex campaign : impl_.top_campaigns) oversight_of(campaign, answering, out);
    return out;
  }

  /// decides_sanctions on the stage; else on its programmes (up their `of`);
  /// else on the top-level campaigns.
  std::vector<Edge> deciders() const {
    std::vector<Edge> out;
    const auto collect = [&](Vertex target) {
      for (const Edge e : impl_.roles_in[target])
        if (graph_[e].kind == EdgeKind::decides_sanctions && admissible(boost::source(e, graph_)))
          out.push_back(e);
    };
    collect(stage_);
    if (!out.empty()) return out;
    for (const Vertex programme : info_.programmes) {
      for (std::uint32_t p = static_cast<std::uint32_t>(programme); p != none;
           p = impl_.programme_parent[graph_[p].index]) {
        const std::size_t before = out.size();
        collect(p);
        if (out.size() > before) break;
      }
    }
    if (!out.empty()) return out;
    for (const Vertex campaign : impl_.top_campaigns) collect(campaign);
    return out;
  }

  const ResponsibilityGraph::Impl& impl_;
  const Graph& graph_;
  Vertex stage_;
  Vertex body_;
  const StageInfo& info_;
  std::vector<Vertex> above_answering_;  // the answering body's administrative ancestors
  std::set<std::tuple<int, Vertex, Vertex, EdgeKind>> steps_seen_;
};

/// Records, for each vertex the search reaches, the edge it was reached by.
class TreeEdgeRecorder : public boost::default_bfs_visitor {
 public:
  TreeEdgeRecorder(std::vector<Edge>& through, std::vector<bool>& reached)
      : through_(&through), reached_(&reached) {}
  void tree_edge(const Edge& e, const Graph& graph) const {
    const Vertex to = boost::target(e, graph);
    (*through_)[to] = e;
    (*reached_)[to] = true;
  }

 private:
  std::vector<Edge>* through_;
  std::vector<bool>* reached_;
};

}  // namespace

Escalation ResponsibilityGraph::escalate(std::string_view stage, std::string_view body) const {
  const Vertex s = impl_->lookup(stage, NodeSort::stage, "stage");
  const Vertex b = impl_->lookup(body, NodeSort::body, "body");
  return Escalator(*impl_, s, b).run();
}

std::vector<PathStep> ResponsibilityGraph::path(std::string_view from, std::string_view to,
                                                PathMode mode) const {
  const Graph& graph = impl_->graph;
  const Vertex source = impl_->lookup(from, std::nullopt, "body, programme, stage or rule");
  const Vertex target = impl_->lookup(to, std::nullopt, "body, programme, stage or rule");
  if (source == target) return {};
  const std::size_t n = boost::num_vertices(graph);
  std::vector<Edge> through(n);
  std::vector<bool> reached(n, false);
  reached[source] = true;
  if (mode == PathMode::directed) {
    boost::breadth_first_search(graph, source, boost::visitor(TreeEdgeRecorder(through, reached)));
  } else {
    // Directions ignored: a breadth-first search over out- and in-edges,
    // roles first and the administrative hierarchy last, so that two bodies
    // connect through a shared programme rather than their common parent.
    std::deque<Vertex> queue{source};
    std::vector<std::pair<Edge, Vertex>> incident;
    while (!queue.empty() && !reached[target]) {
      const Vertex v = queue.front();
      queue.pop_front();
      incident.clear();
      for (const Edge e : boost::make_iterator_range(boost::out_edges(v, graph)))
        incident.emplace_back(e, boost::target(e, graph));
      for (const Edge e : boost::make_iterator_range(boost::in_edges(v, graph)))
        incident.emplace_back(e, boost::source(e, graph));
      const auto order = [&](const Edge& e) {
        const EdgeKind kind = graph[e].kind;
        return std::pair{kind == EdgeKind::part_of, kind};
      };
      std::stable_sort(incident.begin(), incident.end(), [&](const auto& a, const auto& b) {
        return order(a.first) < order(b.first);
      });
      for (const auto& [e, w] : incident) {
        if (reached[w]) continue;
        reached[w] = true;
        through[w] = e;
        queue.push_back(w);
      }
    }
  }
  if (!reached[target]) return {};
  std::vector<PathStep> steps;
  for (Vertex v = target; v != source;) {
    const Edge e = through[v];
    const bool forward = boost::target(e, graph) == v;
    const Vertex previous = forward ? boost::source(e, graph) : boost::target(e, graph);
    const RoleEntry entry = impl_->entry(e);
    steps.push_back({impl_->name(previous), impl_->name(v), entry.role, forward, entry.clause,
                     entry.statement});
    v = previous;
  }
  std::reverse(steps.begin(), steps.end());
  return steps;
}

}  // namespace mandate
