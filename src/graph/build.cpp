// Building the responsibility graph from a checked plan and units below the
// plan's level. Groups are expanded to their members here, once; the queries
// only walk edges.
#include "graph/impl.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <memory>
#include <unordered_set>

namespace mandate {

using namespace graph_detail;

namespace {

std::string join_names(const Plan& plan, const std::vector<Index>& bodies) {
  std::vector<std::string_view> names;
  names.reserve(bodies.size());
  for (const Index body : bodies) names.emplace_back(plan.bodies[body].name);
  return fmt::format("{}", fmt::join(names, ", "));
}

class Builder {
 public:
  Builder(const Plan& plan, std::span<const UnitRecord> units)
      : plan_(plan), units_(units), impl_(std::make_shared<ResponsibilityGraph::Impl>()) {}

  std::shared_ptr<ResponsibilityGraph::Impl> run() {
    // Origin 0 is shared by every parent link the facts give.
    impl_->origins.push_back({"facts: a unit's parent", {}, {}});
    add_bodies();
    add_units();
    add_hierarchy();
    add_others();
    add_programmes();
    add_stages();
    add_rules();
    finish();
    return std::move(impl_);
  }

 private:
  Graph& g() { return impl_->graph; }

  Vertex add_vertex(NodeSort sort, Index index, const std::string& name, bool from_facts = false) {
    VertexData data;
    data.sort = sort;
    data.index = index;
    data.name = name;
    data.from_facts = from_facts;
    return boost::add_vertex(std::move(data), g());
  }

  std::uint32_t origin(std::string statement, const Citations& own, const Citations& inherited) {
    impl_->origins.push_back({std::move(statement), own.empty() ? inherited : own, {}});
    return static_cast<std::uint32_t>(impl_->origins.size() - 1);
  }

  std::uint32_t via(const std::string& name) {
    const auto [it, inserted] =
        via_index_.try_emplace(name, static_cast<std::uint32_t>(impl_->via_names.size()));
    if (inserted) impl_->via_names.push_back(name);
    return it->second;
  }

  /// Adds an edge unless the same one (same ends, kind and context) exists.
  void edge(Vertex from, Vertex to, const EdgeData& data) {
    for (const Edge e : boost::make_iterator_range(boost::out_edges(from, g()))) {
      const EdgeData& other = g()[e];
      if (boost::target(e, g()) == to && other.kind == data.kind &&
          other.programme == data.programme && other.stage == data.stage)
        return;
    }
    boost::add_edge(from, to, data, g());
  }

  EdgeData edge_data(EdgeKind kind, std::uint32_t origin_index, std::uint32_t via_index = none) {
    EdgeData data;
    data.kind = kind;
    data.origin = origin_index;
    data.via = via_index;
    return data;
  }

  // Vertices ---------------------------------------------------------------------

  void add_bodies() {
    body_vertex_.reserve(plan_.bodies.size());
    for (Index i = 0; i < plan_.bodies.size(); ++i) {
      const Body& body = plan_.bodies[i];
      const Vertex v = add_vertex(NodeSort::body, i, body.name);
      g()[v].kind = body.kind;
      body_vertex_.push_back(v);
      impl_->bodies.emplace(body.name, v);
      for (const std::string& alias : body.aliases) impl_->bodies.emplace(alias, v);
    }
  }

  void add_units() {
    std::unordered_map<std::string_view, Index> kinds;
    for (Index k = 0; k < plan_.kinds.size(); ++k) kinds.emplace(plan_.kinds[k].name, k);
    unit_vertex_.assign(units_.size(), none);
    for (Index i = 0; i < units_.size(); ++i) {
      const UnitRecord& unit = units_[i];
      if (unit.name.empty() || impl_->bodies.contains(unit.name))
        continue;  // a body of the plan, or given twice
      const Vertex v = add_vertex(NodeSort::body, i, unit.name, /*from_facts=*/true);
      if (const auto kind = kinds.find(unit.kind); kind != kinds.end()) g()[v].kind = kind->second;
      unit_vertex_[i] = static_cast<std::uint32_t>(v);
      impl_->bodies.emplace(unit.name, v);
      for (const std::string& alias : unit.aliases) impl_->bodies.emplace(alias, v);
    }
  }

  void add_hierarchy() {
    for (Index i = 0; i < plan_.bodies.size(); ++i) {
      const Body& body = plan_.bodies[i];
      const Vertex v = body_vertex_[i];
      if (body.parent) {
        g()[v].parent = static_cast<std::uint32_t>(body_vertex_[*body.parent]);
        edge(v, body_vertex_[*body.parent],
             edge_data(EdgeKind::part_of, origin(fmt::format("body {} within {}", body.name,
                                                             plan_.bodies[*body.parent].name),
                                                 body.citations, {})));
      }
      if (!body.reports_to.empty()) {
        const std::uint32_t o = origin(
            fmt::format("body {} reports_to {}", body.name, join_names(plan_, body.reports_to)),
            body.citations, {});
        for (const Index superior : body.reports_to)
          edge(v, body_vertex_[superior], edge_data(EdgeKind::reports_to, o));
      }
    }
    for (Index i = 0; i < units_.size(); ++i) {
      if (unit_vertex_[i] == none || units_[i].parent.empty()) continue;
      const Vertex v = unit_vertex_[i];
      const auto parent = impl_->bodies.find(units_[i].parent);
      if (parent == impl_->bodies.end() || parent->second == v) continue;
      g()[v].parent = static_cast<std::uint32_t>(parent->second);
      edge(v, parent->second, edge_data(EdgeKind::part_of, 0));
    }
    // A unit's reporting line from the facts, climbed by escalation as a
    // body's from the plan.
    for (Index i = 0; i < units_.size(); ++i) {
      if (unit_vertex_[i] == none || units_[i].reports_to.empty()) continue;
      const auto superior = impl_->bodies.find(units_[i].reports_to);
      if (superior == impl_->bodies.end() || superior->second == unit_vertex_[i]) continue;
      edge(unit_vertex_[i], superior->second, edge_data(EdgeKind::reports_to, 0));
    }
    impl_->body_count = boost::num_vertices(g());
    bodies_by_kind_.resize(plan_.kinds.size());
    for (Vertex v = 0; v < impl_->body_count; ++v)
      if (g()[v].kind != none) bodies_by_kind_[g()[v].kind].push_back(v);
  }

  void add_others() {
    for (Index i = 0; i < plan_.programmes.size(); ++i) {
      const Vertex v = add_vertex(NodeSort::programme, i, plan_.programmes[i].name);
      impl_->programme_vertex.push_back(v);
      impl_->others.emplace(plan_.programmes[i].name, v);
    }
    for (Index i = 0; i < plan_.stages.size(); ++i) {
      const Vertex v = add_vertex(NodeSort::stage, i, plan_.stages[i].name);
      impl_->stage_vertex.push_back(v);
      impl_->others.emplace(plan_.stages[i].name, v);
    }
    for (Index i = 0; i < plan_.rules.size(); ++i) {
      const Vertex v = add_vertex(NodeSort::rule, i, plan_.rules[i].name);
      rule_vertex_.push_back(v);
      impl_->others.emplace(plan_.rules[i].name, v);
    }
  }

  // Groups ---------------------------------------------------------------------------

  /// Is `ancestor` above `v` in the administrative hierarchy?
  bool is_within(Vertex v, Vertex ancestor) const {
    std::uint32_t p = impl_->graph[v].parent;
    for (int depth = 0; p != none && depth < 64; ++depth) {
      if (p == ancestor) return true;
      p = impl_->graph[p].parent;
    }
    return false;
  }

  /// The member bodies of a group of bodies: declared members, or the bodies
  /// and units of a kind (under a body), without the members of `except`.
  const std::vector<Vertex>& members(Index group_index) {
    if (group_state_.empty()) {
      group_state_.assign(plan_.groups.size(), 0);
      group_members_.resize(plan_.groups.size());
    }
    if (group_state_[group_index] != 0)
      return group_members_[group_index];  // done, or a cycle (empty)
    group_state_[group_index] = 1;
    const Group& group = plan_.groups[group_index];
    std::vector<Vertex> found;
    if (group.sort == GroupSort::bodies) {
      if (group.all_of_kind) {
        const std::optional<Vertex> within =
            group.within ? std::optional<Vertex>(body_vertex_[*group.within]) : std::nullopt;
        for (const Vertex v : bodies_by_kind_[*group.all_of_kind])
          if (!within || is_within(v, *within)) found.push_back(v);
      } else {
        for (const Index member : group.members) found.push_back(body_vertex_[member]);
        if (!group.subgroups.empty()) {
          // An open subgroup (`all KIND`) brings the units too.
          std::unordered_set<Vertex> seen(found.begin(), found.end());
          for (const Index subgroup : group.subgroups)
            for (const Vertex v : members(subgroup))
              if (seen.insert(v).second) found.push_back(v);
        }
      }
      if (!group.except.empty()) {
        std::unordered_set<Vertex> excluded;
        for (const Index other : group.except) {
          const auto& removed = members(other);
          excluded.insert(removed.begin(), removed.end());
        }
        std::erase_if(found, [&](Vertex v) { return excluded.contains(v); });
      }
    }
    group_members_[group_index] = std::move(found);
    group_state_[group_index] = 2;
    return group_members_[group_index];
  }

  /// A body, the members of a group, or the body or group a parameter of
  /// type body names by default. `via_index` names the group or parameter.
  std::vector<Vertex> expand(const BodyRef& ref, std::uint32_t& via_index) {
    via_index = none;
    switch (ref.sort) {
      case BodyRef::Sort::body:
        return {body_vertex_[ref.index]};
      case BodyRef::Sort::group:
        via_index = via(plan_.groups[ref.index].name);
        return members(ref.index);
      case BodyRef::Sort::parameter: {
        const Parameter& parameter = plan_.parameters[ref.index];
        via_index = via(parameter.name);
        return expand_name(parameter.default_value);
      }
    }
    return {};
  }

  /// Bodies named by the first node of a parameter's value: a body or a
  /// group of bodies.
  std::vector<Vertex> expand_name(const std::vector<syntax::Node>& value) {
    if (value.empty() || value.front().kind != syntax::NodeKind::name) return {};
    const Symbol* symbol = plan_.find(value.front().text);
    if (!symbol) return {};
    if (symbol->kind == SymbolKind::body) return {body_vertex_[symbol->index]};
    if (symbol->kind == SymbolKind::group && plan_.groups[symbol->index].sort == GroupSort::bodies)
      return members(symbol->index);
    return {};
  }

  std::string ref_name(const BodyRef& ref) const {
    switch (ref.sort) {
      case BodyRef::Sort::body:
        return plan_.bodies[ref.index].name;
      case BodyRef::Sort::group:
        return plan_.groups[ref.index].name;
      case BodyRef::Sort::parameter:
        return plan_.parameters[ref.index].name;
    }
    return {};
  }

  // Roles -------------------------------------------------------------------------------

  void add_roles(const std::vector<Role>& roles, Vertex target, std::string_view statement,
                 const std::string& name, const Citations& inherited) {
    for (const Role& role : roles) {
      const std::uint32_t o =
          origin(fmt::format("{} {}: {}", statement, name, role_keyword(role.kind)), role.citations,
                 inherited);
      for (const Index event : role.instruments)
        impl_->origins[o].instruments.push_back(plan_.events[event].name);
      for (const BodyRef& ref : role.bodies) {
        std::uint32_t via_index = none;
        for (const Vertex body : expand(ref, via_index))
          edge(body, target, edge_data(edge_kind_of(role.kind), o, via_index));
      }
    }
  }

  void add_programmes() {
    impl_->programme_parent.assign(plan_.programmes.size(), none);
    for (Index i = 0; i < plan_.programmes.size(); ++i) {
      const Programme& programme = plan_.programmes[i];
      const Vertex v = impl_->programme_vertex[i];
      add_roles(programme.roles, v, "programme", programme.name, programme.citations);
      if (programme.parent_programme) {
        const Vertex parent = impl_->programme_vertex[*programme.parent_programme];
        impl_->programme_parent[i] = static_cast<std::uint32_t>(parent);
        edge(v, parent,
             edge_data(EdgeKind::of, origin(fmt::format("programme {}: of", programme.name),
                                            programme.citations, {})));
      }
      if (programme.kind == ProgrammeKind::campaign && !programme.parent_programme &&
          !programme.parent_group)
        impl_->top_campaigns.push_back(v);
    }
  }

  // Stages ------------------------------------------------------------------------------

  void add_stages() {
    impl_->stages.resize(plan_.stages.size());
    for (Index i = 0; i < plan_.stages.size(); ++i) {
      const Stage& stage = plan_.stages[i];
      const Vertex v = impl_->stage_vertex[i];
      StageInfo& info = impl_->stages[i];
      info.vertex = v;
      info.due = stage.due;
      info.during = stage.during;
      info.start_window = stage.start_window;
      info.duration = stage.duration;
      info.every = stage.every;
      info.due_within = stage.due_within;
      info.due_after = stage.due_after;
      info.at_least = stage.at_least;
      info.clause = stage.citations;
      if (stage.programme) {
        info.of = plan_.programmes[*stage.programme].name;
        info.programmes.push_back(impl_->programme_vertex[*stage.programme]);
      } else if (stage.programme_group) {
        const Group& group = plan_.groups[*stage.programme_group];
        info.of = group.name;
        for (const Index member : group.members)
          info.programmes.push_back(impl_->programme_vertex[member]);
      }
      if (!info.programmes.empty()) {
        const std::uint32_t o =
            origin(fmt::format("stage {}: of {}", stage.name, info.of), stage.citations, {});
        for (const Vertex programme : info.programmes)
          edge(v, programme, edge_data(EdgeKind::of, o));
      }
      add_roles(stage.roles, v, "stage", stage.name, stage.citations);

      // Who is obligated: (body, programme it answers for or none).
      std::vector<std::pair<Vertex, std::uint32_t>> obligated;
      const std::uint32_t obligation =
          origin(fmt::format("stage {}: obligated", stage.name), stage.citations, {});
      for (const BodyRef& ref : stage.obligated) {
        std::uint32_t via_index = none;
        const std::vector<Vertex> bodies = expand(ref, via_index);
        if (bodies.empty())
          impl_->unbound.push_back({stage.name, ref_name(ref),
                                    fmt::format("'{}' has no member{}", ref_name(ref),
                                                units_.empty() ? " (no units were given)" : ""),
                                    stage.citations});
        for (const Vertex body : bodies) {
          edge(body, v, edge_data(EdgeKind::obligated, obligation, via_index));
          obligated.emplace_back(body, none);
        }
      }
      if (stage.obligates_leads) {
        const std::uint32_t leads =
            origin(fmt::format("stage {}: obligated leads", stage.name), stage.citations, {});
        for (const Vertex programme : info.programmes) {
          std::vector<Edge> found = in_edges_of(programme, EdgeKind::lead);
          if (found.empty()) found = in_edges_of(programme, EdgeKind::responsible);
          if (found.empty())
            impl_->unbound.push_back(
                {stage.name, g()[programme].name,
                 fmt::format("'obligated leads': '{}' has no lead or responsible body",
                             g()[programme].name),
                 stage.citations});
          for (const Edge lead : found) {
            const Vertex body = boost::source(lead, g());
            EdgeData data = edge_data(EdgeKind::obligated, leads, g()[lead].via);
            data.programme = static_cast<std::uint32_t>(programme);
            edge(body, v, data);
            obligated.emplace_back(body, static_cast<std::uint32_t>(programme));
          }
        }
      }

      // Deliveries: recipients receive, obligated bodies file with them.
      if (!stage.deliver_to.empty()) {
        const std::uint32_t o = origin(
            fmt::format("stage {}: deliver … to {}", stage.name, refs_text(stage.deliver_to)),
            stage.citations, {});
        std::vector<Vertex> recipients;
        for (const BodyRef& ref : stage.deliver_to) {
          std::uint32_t via_index = none;
          for (const Vertex body : expand(ref, via_index)) {
            edge(body, v, edge_data(EdgeKind::receives, o, via_index));
            if (std::find(recipients.begin(), recipients.end(), body) == recipients.end())
              recipients.push_back(body);
          }
        }
        for (const auto& [body, programme] : obligated) {
          for (const Vertex recipient : recipients) {
            if (recipient == body) continue;
            EdgeData data = edge_data(EdgeKind::files_with, o);
            data.stage = static_cast<std::uint32_t>(v);
            edge(body, recipient, data);
          }
        }
      }
    }
  }

  std::string refs_text(const std::vector<BodyRef>& refs) const {
    std::vector<std::string> names;
    for (const BodyRef& ref : refs) names.push_back(ref_name(ref));
    return fmt::format("{}", fmt::join(names, ", "));
  }

  std::vector<Edge> in_edges_of(Vertex v, EdgeKind kind) const {
    std::vector<Edge> found;
    for (const Edge e : boost::make_iterator_range(boost::in_edges(v, impl_->graph)))
      if (impl_->graph[e].kind == kind) found.push_back(e);
    return found;
  }

  // Rules -------------------------------------------------------------------------------

  void add_rules() {
    for (Index i = 0; i < plan_.rules.size(); ++i) {
      const Rule& rule = plan_.rules[i];
      const Vertex v = rule_vertex_[i];
      const std::string_view kind = rule_kind_name(rule.kind);
      if (rule.kind == RuleKind::sanction && rule.condition) add_feeds(*rule.condition, v);
      if (!rule.subjects.empty()) {
        const std::uint32_t o =
            origin(fmt::format("{} {}: subject", kind, rule.name), rule.citations, {});
        for (const syntax::Node& subject : rule.subjects) {
          if (subject.kind != syntax::NodeKind::name) continue;
          const Symbol* symbol = plan_.find(subject.text);
          if (!symbol) continue;
          std::vector<Vertex> bodies;
          std::uint32_t via_index = none;
          if (symbol->kind == SymbolKind::body) {
            bodies.push_back(body_vertex_[symbol->index]);
          } else if (symbol->kind == SymbolKind::group) {
            bodies = expand(BodyRef{BodyRef::Sort::group, symbol->index}, via_index);
          } else if (symbol->kind == SymbolKind::parameter) {
            bodies = expand_name(plan_.parameters[symbol->index].default_value);
            via_index = via(subject.text);
          }
          for (const Vertex body : bodies)
            edge(body, v, edge_data(EdgeKind::subject, o, via_index));
        }
      }
      if (rule.granted_by) {
        const std::uint32_t o = origin(fmt::format("{} {}: grant {} by {}", kind, rule.name,
                                                   rule.grant, ref_name(*rule.granted_by)),
                                       rule.citations, {});
        std::uint32_t via_index = none;
        for (const Vertex body : expand(*rule.granted_by, via_index))
          edge(body, v, edge_data(EdgeKind::grants, o, via_index));
      }
      // Referrals to the plan's bodies; one computed from the subject
      // (superior(self)) is known only when the sanction applies.
      for (const Index c : rule.consequences) {
        const Consequence& consequence = plan_.consequences[c];
        for (const Referral& referral : consequence.referrals)
          if (referral.kind == Referral::Kind::refer && referral.body)
            add_referral(*referral.body, v,
                         origin(fmt::format("consequence {}: refer to {}", consequence.name,
                                            ref_name(*referral.body)),
                                consequence.citations, rule.citations));
      }
      if (rule.inline_consequence)
        for (const Referral& referral : rule.inline_consequence->referrals)
          if (referral.kind == Referral::Kind::refer && referral.body)
            add_referral(
                *referral.body, v,
                origin(fmt::format("{} {}: refer to {}", kind, rule.name, ref_name(*referral.body)),
                       rule.citations, {}));
    }
  }

  /// The events a sanction's condition counts by a named issuer: each
  /// `count(EVENT, …, by: BODY)` (a body, or a parameter's default).
  void add_feeds(const syntax::Node& condition, Vertex rule) {
    std::vector<const syntax::Node*> stack{&condition};
    while (!stack.empty()) {
      const syntax::Node& node = *stack.back();
      stack.pop_back();
      for (const syntax::Node& child : node.children) stack.push_back(&child);
      if (node.kind != syntax::NodeKind::call || node.text != "count") continue;
      std::vector<Vertex> issuers;
      std::vector<std::string> events;
      for (const syntax::Node& argument : node.children) {
        if (argument.kind == syntax::NodeKind::named_argument && argument.text == "by" &&
            !argument.children.empty()) {
          const Symbol* symbol = plan_.find(argument.children[0].text);
          if (symbol && symbol->kind == SymbolKind::body)
            issuers.push_back(body_vertex_[symbol->index]);
          else if (symbol && symbol->kind == SymbolKind::parameter)
            issuers = expand_name(plan_.parameters[symbol->index].default_value);
        } else if (argument.kind == syntax::NodeKind::name) {
          const Symbol* symbol = plan_.find(argument.text);
          if (symbol && symbol->kind == SymbolKind::event) events.push_back(argument.text);
        }
      }
      for (const Vertex issuer : issuers)
        for (const std::string& event : events) {
          const bool known =
              std::any_of(impl_->feeds.begin(), impl_->feeds.end(), [&](const Feed& f) {
                return f.event == event && f.issuer == issuer && f.rule == rule;
              });
          if (!known) impl_->feeds.push_back({event, issuer, rule});
        }
    }
  }

  void add_referral(const BodyRef& ref, Vertex rule, std::uint32_t o) {
    std::uint32_t via_index = none;
    for (const Vertex body : expand(ref, via_index))
      edge(body, rule, edge_data(EdgeKind::refer_to, o, via_index));
  }

  // Finishing ---------------------------------------------------------------------------

  void finish() {
    Graph& graph = g();
    impl_->standing.assign(boost::num_vertices(graph), false);
    for (const Edge e : boost::make_iterator_range(boost::edges(graph))) {
      const EdgeKind kind = graph[e].kind;
      if (is_oversight(kind) || kind == EdgeKind::decides_sanctions)
        impl_->standing[boost::source(e, graph)] = true;
    }
    impl_->roles_in.resize(boost::num_vertices(graph));
    for (const Vertex v : boost::make_iterator_range(boost::vertices(graph)))
      for (const Edge e : boost::make_iterator_range(boost::in_edges(v, graph)))
        if (is_role(graph[e].kind) || graph[e].kind == EdgeKind::receives)
          impl_->roles_in[v].push_back(e);
    const auto& issuers = plan_.metadata.issued_by;
    if (!issuers.empty() && plan_.bodies[issuers.front()].parent)
      impl_->seat = static_cast<std::uint32_t>(body_vertex_[*plan_.bodies[issuers.front()].parent]);
    impl_->first_year = plan_.metadata.first_year;
    impl_->last_year = plan_.metadata.last_year;
    impl_->title = plan_.metadata.title;
    impl_->parameters = plan_.parameters;
    for (Index i = 0; i < plan_.parameters.size(); ++i)
      impl_->parameter_index.emplace(plan_.parameters[i].name, i);
  }

  const Plan& plan_;
  std::span<const UnitRecord> units_;
  std::shared_ptr<ResponsibilityGraph::Impl> impl_;
  std::vector<Vertex> body_vertex_;
  std::vector<std::uint32_t> unit_vertex_;
  std::vector<Vertex> rule_vertex_;
  std::vector<std::vector<Vertex>> bodies_by_kind_;
  std::vector<std::uint8_t> group_state_;  // 0 new, 1 expanding, 2 done
  std::vector<std::vector<Vertex>> group_members_;
  std::unordered_map<std::string, std::uint32_t> via_index_;
};

}  // namespace

ResponsibilityGraph ResponsibilityGraph::build(const Plan& plan,
                                               std::span<const UnitRecord> units) {
  return ResponsibilityGraph(Builder(plan, units).run());
}

}  // namespace mandate
