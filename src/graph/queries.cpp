// Lookups, roles, agenda, idle bodies, lead ranking.
#include "check/calendar.hpp"
#include "check/suggest.hpp"
#include "graph/impl.hpp"

#include <mandate/format.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <tuple>
#include <unordered_set>

namespace mandate {

using namespace graph_detail;

namespace {

constexpr std::array<std::pair<EdgeKind, std::string_view>, 19> edge_names = {{
    {EdgeKind::lead, "lead"},
    {EdgeKind::cooperate, "cooperate"},
    {EdgeKind::responsible, "responsible"},
    {EdgeKind::sets_standard, "sets_standard"},
    {EdgeKind::approves, "approves"},
    {EdgeKind::inspects, "inspects"},
    {EdgeKind::supervises, "supervises"},
    {EdgeKind::names_winners, "names_winners"},
    {EdgeKind::decides_sanctions, "decides_sanctions"},
    {EdgeKind::hears_reports, "hears_reports"},
    {EdgeKind::obligated, "obligated"},
    {EdgeKind::receives, "receives"},
    {EdgeKind::files_with, "files_with"},
    {EdgeKind::reports_to, "reports_to"},
    {EdgeKind::part_of, "part_of"},
    {EdgeKind::subject, "subject"},
    {EdgeKind::refer_to, "refer_to"},
    {EdgeKind::grants, "grants"},
    {EdgeKind::of, "of"},
}};

std::string date_text(const Date& date) {
  return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

std::optional<unsigned> integer(const syntax::Node& node) {
  unsigned value = 0;
  const auto [end, error] =
      std::from_chars(node.text.data(), node.text.data() + node.text.size(), value);
  if (error != std::errc{} || end != node.text.data() + node.text.size()) return std::nullopt;
  return value;
}

std::optional<Date> make_date(int year, unsigned month, unsigned day) {
  if (month < 1 || month > 12 || day < 1 || day > detail::days_in_month(year, month))
    return std::nullopt;
  return Date{year, month, day};
}

}  // namespace

std::string_view edge_kind_name(EdgeKind kind) noexcept {
  for (const auto& [k, name] : edge_names)
    if (k == kind) return name;
  return "?";
}

std::optional<EdgeKind> edge_kind_from_name(std::string_view name) noexcept {
  for (const auto& [kind, n] : edge_names)
    if (n == name) return kind;
  return std::nullopt;
}

EdgeKind edge_kind_of(RoleKind role) noexcept {
  return static_cast<EdgeKind>(static_cast<std::uint8_t>(role));
}

std::string_view node_sort_name(NodeSort sort) noexcept {
  switch (sort) {
    case NodeSort::body:
      return "body";
    case NodeSort::programme:
      return "programme";
    case NodeSort::stage:
      return "stage";
    case NodeSort::rule:
      return "rule";
  }
  return "?";
}

// Lookup ----------------------------------------------------------------------------------

Vertex ResponsibilityGraph::Impl::lookup(std::string_view name, std::optional<NodeSort> sort,
                                         std::string_view what) const {
  const std::string key(name);
  std::optional<Vertex> found;
  if (const auto it = bodies.find(key); it != bodies.end())
    found = it->second;
  else if (const auto other = others.find(key); other != others.end())
    found = other->second;
  if (found && (!sort || graph[*found].sort == *sort)) return *found;
  if (found)
    throw GraphLookupError(
        fmt::format("'{}' is a {}, not a {}", name, node_sort_name(graph[*found].sort), what));
  std::vector<std::string_view> candidates;
  const auto collect = [&](const auto& map) {
    for (const auto& [candidate, vertex] : map)
      if (!sort || graph[vertex].sort == *sort) candidates.push_back(candidate);
  };
  collect(bodies);
  collect(others);
  std::sort(candidates.begin(), candidates.end());  // a stable suggestion whatever the hash order
  std::string message = fmt::format("no {} named '{}'", what, name);
  message += detail::did_you_mean(detail::closest(name, candidates));
  throw GraphLookupError(message);
}

RoleEntry ResponsibilityGraph::Impl::entry(const Edge& edge) const {
  const EdgeData& data = graph[edge];
  const Vertex from = boost::source(edge, graph);
  const Vertex to = boost::target(edge, graph);
  RoleEntry out;
  out.body = graph[from].name;
  out.role = data.kind;
  out.target = graph[to].name;
  out.target_sort = graph[to].sort;
  if (data.via != none) out.via = via_names[data.via];
  if (data.programme != none) out.for_programme = graph[data.programme].name;
  if (data.stage != none) out.stage = graph[data.stage].name;
  const Origin& o = origins[data.origin];
  out.clause = o.clause;
  out.statement = data.origin == 0 ? graph_detail::facts_statement(data.kind, out.body, out.target)
                                   : o.statement;
  return out;
}

std::size_t ResponsibilityGraph::vertex_count() const noexcept {
  return boost::num_vertices(impl_->graph);
}
std::size_t ResponsibilityGraph::edge_count() const noexcept {
  return boost::num_edges(impl_->graph);
}
std::size_t ResponsibilityGraph::body_count() const noexcept { return impl_->body_count; }

std::optional<NodeSort> ResponsibilityGraph::find(std::string_view name) const {
  const std::string key(name);
  if (const auto it = impl_->bodies.find(key); it != impl_->bodies.end()) return NodeSort::body;
  if (const auto it = impl_->others.find(key); it != impl_->others.end())
    return impl_->graph[it->second].sort;
  return std::nullopt;
}

std::string ResponsibilityGraph::canonical(std::string_view name) const {
  return impl_->name(impl_->lookup(name, std::nullopt, "body, programme, stage or rule"));
}

// Roles -------------------------------------------------------------------------------------

namespace {

void sort_by_kind(std::vector<RoleEntry>& entries) {
  std::stable_sort(entries.begin(), entries.end(),
                   [](const RoleEntry& a, const RoleEntry& b) { return a.role < b.role; });
}

}  // namespace

std::vector<RoleEntry> ResponsibilityGraph::roles_in(std::string_view target) const {
  const Vertex v = impl_->lookup(target, std::nullopt, "programme, stage or rule");
  if (impl_->graph[v].sort == NodeSort::body)
    throw GraphLookupError(
        fmt::format("'{}' is a body; ask for the roles of a body instead", target));
  std::vector<RoleEntry> entries;
  for (const Edge e : boost::make_iterator_range(boost::in_edges(v, impl_->graph)))
    if (impl_->graph[e].kind != EdgeKind::of) entries.push_back(impl_->entry(e));
  sort_by_kind(entries);
  return entries;
}

std::vector<std::string> ResponsibilityGraph::holders(std::string_view target,
                                                      EdgeKind role) const {
  const Vertex v = impl_->lookup(target, std::nullopt, "programme or stage");
  const NodeSort sort = impl_->graph[v].sort;
  if (sort != NodeSort::programme && sort != NodeSort::stage)
    throw GraphLookupError(
        fmt::format("'{}' is a {}, not a programme or stage", target, node_sort_name(sort)));
  std::vector<std::string> names;
  std::unordered_set<Vertex> seen;
  const auto collect = [&](Vertex of) {
    for (const Edge e : boost::make_iterator_range(boost::in_edges(of, impl_->graph))) {
      if (impl_->graph[e].kind != role) continue;
      const Vertex body = boost::source(e, impl_->graph);
      if (seen.insert(body).second) names.push_back(impl_->name(body));
    }
  };
  collect(v);
  if (names.empty() && sort == NodeSort::stage)
    for (const Vertex programme : impl_->stages[impl_->graph[v].index].programmes)
      collect(programme);
  return names;
}

std::vector<RoleEntry> ResponsibilityGraph::roles_of(std::string_view body) const {
  const Vertex v = impl_->lookup(body, NodeSort::body, "body");
  std::vector<RoleEntry> entries;
  for (const Edge e : boost::make_iterator_range(boost::out_edges(v, impl_->graph)))
    entries.push_back(impl_->entry(e));
  sort_by_kind(entries);
  return entries;
}

// Agenda ------------------------------------------------------------------------------------

namespace {

struct Occurrence {
  std::optional<Date> first;
  std::optional<Date> last;
  std::string when;
};

class Calendar {
 public:
  Calendar(const ResponsibilityGraph::Impl& impl, int year) : impl_(impl), year_(year) {}

  std::vector<Occurrence> occurrences(const StageInfo& stage) const {
    std::vector<Occurrence> out;
    for (const syntax::Node& node : stage.due) {
      // `after`: the day in the next year's own calendar, as evaluation
      // takes it (the end of February 2020 is 02-29).
      std::vector<Date> dates;
      (stage.due_after ? Calendar(impl_, year_ + 1) : *this).deadlines(node, dates, 0);
      for (const Date& date : dates) out.push_back({date, date, "due by " + date_text(date)});
    }
    if (stage.every && stage.due.empty()) recurring(stage, out);
    if (stage.during)
      if (const auto window = this->window(*stage.during, 0))
        out.push_back(
            {window->first, window->second,
             fmt::format("during {}..{}", date_text(window->first), date_text(window->second))});
    if (stage.start_window)
      if (const auto window = this->window(*stage.start_window, 0))
        out.push_back(
            {window->first, window->second,
             fmt::format("starts within {}..{}{}", date_text(window->first),
                         date_text(window->second),
                         stage.duration ? ", lasts " + format_expression(*stage.duration) : "")});
    if (out.empty() && stage.due.empty() && !stage.during && !stage.start_window && !stage.every)
      out.push_back({std::nullopt, std::nullopt, "no date"});
    return out;
  }

 private:
  /// The value of a parameter in the year: its version for the year, or its default.
  const std::vector<syntax::Node>* parameter(const std::string& name) const {
    const auto it = impl_.parameter_index.find(name);
    if (it == impl_.parameter_index.end()) return nullptr;
    const Parameter& parameter = impl_.parameters[it->second];
    for (const ParameterVersion& version : parameter.versions)
      if (version.first_year <= year_ && year_ <= version.last_year) return &version.value;
    return &parameter.default_value;
  }

  std::optional<Date> day(const syntax::Node& node, bool end_of_window) const {
    switch (node.kind) {
      case syntax::NodeKind::annual_date:
        if (const auto annual = detail::parse_annual_date(node.text))
          return make_date(year_, annual->month, annual->day);
        return std::nullopt;
      case syntax::NodeKind::date: {
        const auto date = mandate::parse_date(node.text);
        return date && date->year == year_ ? date : std::nullopt;
      }
      case syntax::NodeKind::end_of_month: {
        const auto month = node.children.empty() ? std::nullopt : integer(node.children[0]);
        return month ? make_date(year_, *month, detail::days_in_month(year_, *month))
                     : std::nullopt;
      }
      case syntax::NodeKind::month_window: {
        if (node.children.empty()) return std::nullopt;
        const auto month = integer(node.children[end_of_window ? node.children.size() - 1 : 0]);
        if (!month) return std::nullopt;
        return make_date(year_, *month, end_of_window ? detail::days_in_month(year_, *month) : 1);
      }
      default:
        return std::nullopt;
    }
  }

  void deadlines(const syntax::Node& node, std::vector<Date>& out, int depth) const {
    if (depth > 8) return;
    if (node.kind == syntax::NodeKind::name) {
      if (const auto* value = parameter(node.text))
        for (const syntax::Node& item : *value) deadlines(item, out, depth + 1);
      return;
    }
    if (node.kind == syntax::NodeKind::binary && node.children.size() == 2 &&
        (node.text == "+" || node.text == "-")) {
      // A day moved by a duration (`开学日 - 7 days`); `+` may put it second.
      const bool day_first = node.children[0].kind != syntax::NodeKind::duration;
      const syntax::Node& base = node.children[day_first ? 0 : 1];
      const int days = duration_days(node.children[day_first ? 1 : 0], depth + 1);
      std::vector<Date> bases;
      deadlines(base, bases, depth + 1);
      for (const Date& date : bases)
        out.push_back(to_date(to_day_number(date) + (node.text == "-" ? -days : days)));
      return;
    }
    if (const auto date = day(node, false)) out.push_back(*date);
  }

  /// A recurring stage's periods in the year: each one's deadline, or for a
  /// count of deliveries, the period; weeks as one line.
  void recurring(const StageInfo& stage, std::vector<Occurrence>& out) const {
    const std::string count =
        stage.at_least ? fmt::format(", at least {}", format_expression(*stage.at_least)) : "";
    if (*stage.every == PeriodKind::week) {
      const Period first{PeriodKind::week, year_, 1};
      const Period last{PeriodKind::week, year_, Period::count_in_year(PeriodKind::week, year_)};
      out.push_back({first.first_day(), last.last_day(),
                     fmt::format("every week {}..{}{}", first.label(), last.label(), count)});
      return;
    }
    const int days = stage.due_within ? duration_days(*stage.due_within, 0) : 0;
    for (Period period = Period{*stage.every, year_, *stage.every == PeriodKind::year ? 0 : 1};
         period.year == year_; period = period.next()) {
      if (stage.at_least) {
        out.push_back({period.first_day(), period.last_day(),
                       fmt::format("{} {}..{}{}", period.label(), date_text(period.first_day()),
                                   date_text(period.last_day()), count)});
        continue;
      }
      const DayNumber named = !stage.due_within ? to_day_number(period.last_day())
                              : stage.due_after ? to_day_number(period.last_day()) + days
                                                : to_day_number(period.first_day()) + days - 1;
      const Date due = to_date(named);
      out.push_back({due, due, fmt::format("due by {} ({})", date_text(due), period.label())});
    }
  }

  /// Days of a duration literal (or a parameter's), as evaluation counts them.
  int duration_days(const syntax::Node& node, int depth) const {
    if (depth > 8) return 0;
    if (node.kind == syntax::NodeKind::name) {
      const auto* value = parameter(node.text);
      return value && !value->empty() ? duration_days(value->front(), depth + 1) : 0;
    }
    return static_cast<int>(std::lround(detail::duration_days(node).value_or(0)));
  }

  std::optional<std::pair<Date, Date>> window(const syntax::Node& node, int depth) const {
    if (depth > 8) return std::nullopt;
    switch (node.kind) {
      case syntax::NodeKind::name:
        if (const auto* value = parameter(node.text); value && !value->empty())
          return window(value->front(), depth + 1);
        return std::nullopt;
      case syntax::NodeKind::month_window: {
        const auto first = day(node, false);
        const auto last = day(node, true);
        if (first && last) return std::pair{*first, *last};
        return std::nullopt;
      }
      case syntax::NodeKind::range: {
        if (node.children.size() != 2) return std::nullopt;
        const auto first = day(node.children[0], false);
        const auto last = day(node.children[1], true);
        if (first && last) return std::pair{*first, *last};
        return std::nullopt;
      }
      default:
        return std::nullopt;
    }
  }

  const ResponsibilityGraph::Impl& impl_;
  int year_;
};

}  // namespace

std::vector<AgendaItem> ResponsibilityGraph::agenda(std::string_view body, int year) const {
  const Vertex v = impl_->lookup(body, NodeSort::body, "body");
  if (impl_->first_year != 0 && (year < impl_->first_year || year > impl_->last_year)) return {};
  const Calendar calendar(*impl_, year);
  std::vector<std::pair<Index, AgendaItem>> items;  // with the stage's index, for ordering
  for (const Edge e : boost::make_iterator_range(boost::out_edges(v, impl_->graph))) {
    const Vertex target = boost::target(e, impl_->graph);
    if (impl_->graph[target].sort != NodeSort::stage) continue;
    const EdgeData& data = impl_->graph[e];
    const Index index = impl_->graph[target].index;
    const StageInfo& stage = impl_->stages[index];
    for (Occurrence& occurrence : calendar.occurrences(stage)) {
      AgendaItem item;
      item.first = occurrence.first;
      item.last = occurrence.last;
      item.when = std::move(occurrence.when);
      item.stage = impl_->name(target);
      item.role = data.kind;
      item.programme = data.programme != none ? impl_->name(data.programme) : stage.of;
      item.clause = impl_->origins[data.origin].clause;
      items.emplace_back(index, std::move(item));
    }
  }
  std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
    const AgendaItem& x = a.second;
    const AgendaItem& y = b.second;
    if (x.first.has_value() != y.first.has_value()) return x.first.has_value();
    if (x.first && *x.first != *y.first) return *x.first < *y.first;
    return std::tie(a.first, x.role) < std::tie(b.first, y.role);
  });
  std::vector<AgendaItem> out;
  out.reserve(items.size());
  for (auto& [index, item] : items) out.push_back(std::move(item));
  return out;
}

// Whole-graph queries --------------------------------------------------------------------------

std::vector<std::string> ResponsibilityGraph::idle_bodies() const {
  const Graph& graph = impl_->graph;
  const auto structural = [&](const Edge& e) {
    const EdgeKind kind = graph[e].kind;
    return kind == EdgeKind::part_of || kind == EdgeKind::reports_to;
  };
  std::vector<std::string> idle;
  for (Vertex v = 0; v < impl_->body_count; ++v) {
    bool duty = false;
    for (const Edge e : boost::make_iterator_range(boost::out_edges(v, graph)))
      duty = duty || !structural(e);
    for (const Edge e : boost::make_iterator_range(boost::in_edges(v, graph)))
      duty = duty || !structural(e);
    if (!duty) idle.push_back(graph[v].name);
  }
  return idle;
}

std::vector<LeadCount> ResponsibilityGraph::lead_ranking() const {
  const Graph& graph = impl_->graph;
  std::vector<LeadCount> ranking;
  for (Vertex v = 0; v < impl_->body_count; ++v) {
    std::size_t leads = 0;
    for (const Edge e : boost::make_iterator_range(boost::out_edges(v, graph)))
      leads += graph[e].kind == EdgeKind::lead;
    if (leads > 0) ranking.push_back({graph[v].name, leads, 0});
  }
  std::stable_sort(ranking.begin(), ranking.end(),
                   [](const LeadCount& a, const LeadCount& b) { return a.leads > b.leads; });
  for (std::size_t i = 0; i < ranking.size(); ++i)
    ranking[i].rank =
        i > 0 && ranking[i].leads == ranking[i - 1].leads ? ranking[i - 1].rank : i + 1;
  return ranking;
}

std::vector<UnboundObligation> ResponsibilityGraph::unbound_obligations() const {
  return impl_->unbound;
}

}  // namespace mandate
