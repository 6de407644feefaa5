#include "world.hpp"

#include <mandate/period.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <set>

namespace properties {
namespace {

using mandate::Date;
using mandate::FactKind;

std::string day_text(const Date& date) { return mandate::to_string(date); }

Date random_day(Random& random, int year, int first_month = 1, int last_month = 12) {
  const auto month = static_cast<unsigned>(random.between(first_month, last_month));
  const auto last = static_cast<int>(
      mandate::Period{mandate::PeriodKind::month, year, static_cast<int>(month)}.last_day().day);
  return Date{year, month, static_cast<unsigned>(random.between(1, last))};
}

std::string annual_text(const Date& date) {
  char text[8];
  std::snprintf(text, sizeof text, "%02u-%02u", date.month, date.day);
  return text;
}

/// A number as the facts write it, exactly (a double's shortest round trip
/// is not needed: 17 digits read back the same double).
std::string number_text(double value) {
  char text[40];
  std::snprintf(text, sizeof text, "%.17g", value);
  return text;
}

const std::vector<std::string> plan_counties = {"商州区", "洛南县", "丹凤县", "商南县", "山阳县"};
const std::vector<std::string> other_counties = {"长安区", "临潼区", "渭滨区",
                                                 "金台区", "陈仓区", "凤翔县"};
const std::vector<std::string> percent_metrics = {"安全感", "知晓率"};

/// What a random expression may name where it stands.
struct Scope {
  bool county_subject = false;  // the subject is a county: metrics and events are its own
  std::string variable;         // a comprehension's variable, bound to a county
  int depth = 0;
};

/// Random conditions and values of the four types, well typed by
/// construction (the checker must accept every one).
class Expressions {
 public:
  /// `across`: the rule is judged by the year, so `across: quarter` may read
  /// the quarterly metric 水质.
  Expressions(Random& random, bool across) : random_(random), across_(across) {}

  std::string condition(Scope scope) {
    ++scope.depth;
    const int choice = random_.between(0, scope.depth > 2 ? 2 : across_ ? 8 : 7);
    switch (choice) {
      case 0:
        return compare(scope, true);
      case 1:
        return compare(scope, false);
      case 2:
        if (!scope.variable.empty()) return "holds(先进县, " + scope.variable + ")";
        if (scope.county_subject) return "holds(先进县)";
        return compare(scope, false);
      case 3:
        return quantifier(scope);
      case 4:
        return "(" + condition(scope) + " and " + condition(scope) + ")";
      case 5:
        return "(" + condition(scope) + " or " + condition(scope) + ")";
      case 6:
        return "not " + condition(scope);
      case 8:
        if (const std::string quarterly = quarterly_metric(scope); !quarterly.empty()) {
          const std::string test = quarterly + " " + op() + " " + grid_percent();
          switch (random_.between(0, 2)) {
            case 0:
              return "all(" + test + ", across: quarter)";
            case 1:
              return "any(" + test + ", across: quarter)";
            default:
              return "count(" + test +
                     ", across: quarter) >= " + std::to_string(random_.between(0, 4));
          }
        }
        [[fallthrough]];
      default:
        return "count(c" + std::to_string(scope.depth) + " in " + group() + " where " +
               condition(
                   Scope{scope.county_subject, "c" + std::to_string(scope.depth), scope.depth}) +
               ") >= " + std::to_string(random_.between(0, 4));
    }
  }

 private:
  /// The quarterly metric of the county in scope, where `across:` may read it.
  std::string quarterly_metric(const Scope& scope) const {
    if (!across_) return "";
    if (!scope.variable.empty()) return "水质(" + scope.variable + ")";
    return scope.county_subject ? "水质" : "";
  }
  std::string grid_percent() { return number_text(60 + 0.25 * random_.between(0, 156)) + "%"; }

  std::string group() { return random_.chance(0.5) ? "本市县区" : "全省县区"; }
  std::string op() {
    static const std::vector<std::string> ops = {"<", "<=", ">", ">="};
    return random_.pick(ops);
  }

  std::string compare(const Scope& scope, bool percent) {
    return percent ? percentage(scope) + " " + op() + " " + percentage(scope)
                   : count(scope) + " " + op() + " " + count(scope);
  }

  std::string quantifier(const Scope& scope) {
    const std::string variable = "c" + std::to_string(scope.depth);
    return std::string(random_.chance(0.5) ? "any" : "all") + "(" + variable + " in " + group() +
           " where " + condition(Scope{scope.county_subject, variable, scope.depth}) + ")";
  }

  std::string source() {
    switch (random_.between(0, 3)) {
      case 0:
        return "";
      case 1:
        return ", source: 来源";
      case 2:
        return ", source: published";
      default:
        return ", source: computed";
    }
  }

  std::string percentage(const Scope& scope) {
    const std::string& metric = random_.pick(percent_metrics);
    switch (random_.between(0, across_ ? 5 : 4)) {
      case 5:
        if (const std::string quarterly = quarterly_metric(scope); !quarterly.empty())
          return random_.pick(std::vector<std::string>{"average", "min", "max"}) + "(" + quarterly +
                 ", across: quarter)";
        [[fallthrough]];
      case 0:
        if (!scope.variable.empty()) return metric + "(" + scope.variable + ")";
        if (scope.county_subject) return metric;
        [[fallthrough]];
      case 1:
        return grid_percent();
      case 2:
        return "average(" + metric + ", over: " + group() + source() + ")";
      case 3:
        return count(scope) + " / size(" + group() + ")";  // a rate
      default:
        return "average(" + metric + ", over: 全省县区)";
    }
  }

  std::string count(const Scope& scope) {
    switch (random_.between(0, 7)) {
      case 0:
        if (!scope.variable.empty()) return "案件数(" + scope.variable + ")";
        if (scope.county_subject) return "案件数";
        [[fallthrough]];
      case 1:
        return std::to_string(random_.between(0, 12));
      case 2:
        return "size(" + group() + ")";
      case 3:
        if (scope.county_subject) return rank();
        return "size(" + group() + ") - 后N位";
      case 4:
        if (scope.county_subject) return events();
        return "后N位";
      case 5:
        return "size(全省县区) - 后N位";
      case 6:
        if (scope.depth < 3)
          return "count(d" + std::to_string(scope.depth) + " in " + group() + " where " +
                 condition(Scope{scope.county_subject, "d" + std::to_string(scope.depth),
                                 scope.depth + 1}) +
                 ")";
        return "后N位";
      default:
        return "后N位";
    }
  }

  std::string rank() {
    // Published ranks give ties the better rank, best first: another order
    // or tie rule is computed.
    const std::string metric = random_.pick(percent_metrics);
    const int variant = random_.between(0, 3);
    if (variant == 0) return "rank(" + metric + ", among: " + group() + source() + ")";
    if (variant == 1)
      return "rank(" + metric + ", among: " + group() + ", ties: 并列, source: computed)";
    if (variant == 2)
      return "rank(" + metric + ", among: " + group() + ", order: ascending, source: computed)";
    return "rank(" + metric + ", among: 全省县区)";
  }

  std::string events() {
    std::string out = random_.chance(0.5) ? "count(通报" : "count(通报, 约谈";
    if (random_.chance(0.5)) out += random_.chance(0.7) ? ", by: 市综治委" : ", by: 陕西省";
    if (random_.chance(0.5)) out += ", within: 一年内";
    return out + ")";
  }

  Random& random_;
  bool across_;
};

std::string stage(Random& random, int index) {
  const std::string name = std::to_string(index);
  switch (random.between(0, 4)) {
    case 0: {
      Date first = random_day(random, 2019);
      std::string due = annual_text(first);
      if (random.chance(0.3)) {
        Date second = random_day(random, 2019);
        if (second != first) {
          if (second < first) std::swap(first, second);
          due = annual_text(first) + ", " + annual_text(second);
        }
      }
      return "stage 备案" + name +
             " of 活动 {\n  obligated 本市县区\n  deliver 方案 to 市综治办\n  due by " + due +
             "\n}\n";
    }
    case 1:
      return "stage 年报" + name +
             " of 活动 {\n  obligated 本市县区\n  deliver 方案 to 市综治办\n  every year\n  due "
             "by " +
             annual_text(random_day(random, 2019, 1, 2)) + " after\n}\n";
    case 2: {
      static const std::vector<std::string> kinds = {"month", "quarter", "half_year", "week"};
      const std::string kind = random.pick(kinds);
      std::string rule;
      switch (random.between(0, 2)) {
        case 0:
          rule = "  at_least " + std::to_string(random.between(1, 3)) + "\n";
          break;
        case 1:
          rule = "  due within " + std::to_string(random.between(1, 15)) + " days" +
                 (random.chance(0.6) ? " after" : "") + "\n";
          break;
        default:
          break;
      }
      return "stage 巡查" + name +
             " of 活动 {\n  obligated 本市县区\n  deliver 巡查 to 市综治办\n  every " + kind +
             "\n" + rule + "}\n";
    }
    default:
      return "stage 走访" + name +
             " of 活动 {\n  obligated 市综治办\n  deliver 走访 to 市综治委\n  starts within "
             "09-11..09-30\n"
             "  lasts " +
             std::to_string(random.between(10, 25)) + " days\n}\n";
  }
}

/// `yearly`: the percent metrics are given `for year`, and a target or a
/// sanction may then be judged every quarter, reading the year's figures.
std::string rule(Random& random, int index, bool yearly) {
  const std::string name = std::to_string(index);
  const std::string every = yearly && random.chance(0.4) ? "  every quarter\n" : "";
  Expressions expressions(random, every.empty());
  switch (random.between(0, 4)) {
    case 0:
    case 1:
      return "sanction 处分" + name + " {\n  subject 本市县区\n" + every + "  when " +
             expressions.condition({true, "", 0}) + "\n  consequences 问责\n}\n";
    case 2:
      return "target 目标" + name + " {\n  subject 本市县区\n" + every + "  require " +
             expressions.condition({true, "", 0}) +
             (every.empty() && random.chance(0.3) ? " by 2020-12-31" : "") + "\n}\n";
    case 3:
      return "goal 争创" + name + " {\n  subject 商洛市\n  require " +
             expressions.condition({false, "", 0}) + "\n}\n";
    default:
      return "award 奖" + name + " {\n  subject 本市县区\n  when " +
             expressions.condition({true, "", 0}) +
             "\n  grant plaque by 市委\n  unless disqualified\n}\n";
  }
}

Row unit(std::string name, std::string kind, std::string parent) {
  return {FactKind::unit, {std::move(name), std::move(kind), std::move(parent), ""}};
}
Row event(const Date& date, std::string event, std::string unit, std::string by, std::string to,
          std::string until = "", std::string period = "", std::string id = "") {
  return {FactKind::event,
          {day_text(date), std::move(event), std::move(unit), std::move(by), std::move(to), "活动",
           "", std::move(until), std::move(period), std::move(id)}};
}

}  // namespace

const std::vector<std::string>& header(FactKind kind) {
  static const std::map<FactKind, std::vector<std::string>> headers = {
      {FactKind::unit, {"name", "unit_kind", "parent", "aliases"}},
      {FactKind::event,
       {"date", "event", "unit", "by", "to", "programme", "candidate", "until", "for", "id"}},
      {FactKind::title, {"year", "title", "unit", "date"}},
      {FactKind::measure, {"year", "metric", "subject", "value", "date"}},
      {FactKind::published,
       {"year", "metric", "group", "statistic", "unit", "value", "out_of", "date"}}};
  return headers.at(kind);
}

std::string World::plan_text() const {
  std::string text = declarations;
  for (const std::string& statement : statements) text += statement;
  return text;
}

World generate(std::uint64_t seed) {
  Random random(seed);
  World world;
  world.seed = seed;
  const auto county_count = static_cast<std::size_t>(random.between(2, 5));
  const std::vector<std::string> counties(plan_counties.begin(),
                                          plan_counties.begin() + static_cast<long>(county_count));
  const auto other_count = static_cast<std::size_t>(random.between(1, 6));
  const std::vector<std::string> others(other_counties.begin(),
                                        other_counties.begin() + static_cast<long>(other_count));
  const std::size_t province = counties.size() + others.size();

  std::string& d = world.declarations;
  d = "plan \"性质测试\" {\n  issued 2018-01-01\n  effective 2018..2020\n"
      "  inclusive_deadlines 截止日含当日\n}\n"
      "param 截止日含当日 : bool = " +
      std::string(random.chance(0.8) ? "true" : "false") +
      "\n"
      "kind 省\nkind 市 within 省\nkind 县区 within 市\nkind 部门 within 市\nkind 其他 within 市\n"
      "body 陕西省 : 省\nbody 商洛市 : 市 within 陕西省\n";
  for (const std::string& county : counties) d += "body " + county + " : 县区 within 商洛市\n";
  d += "body 市委 : 部门 within 商洛市\nbody 市综治委 : 部门 within 商洛市\n"
       "body 市综治办 : 部门 within 商洛市\n";
  // The city's counties are the plan's own: a closed population, its size
  // stated or not. The province's has its size stated.
  d += "group 本市县区 = all 县区 within 商洛市" +
       (random.chance(0.5) ? " members " + std::to_string(counties.size()) : std::string()) + "\n";
  d += "group 全省县区 = all 县区 within 陕西省 members " + std::to_string(province) + "\n";
  const bool yearly = random.chance(0.5);
  const std::string for_year = yearly ? " for year" : "";
  d += "metric 安全感 : percent per 县区" + for_year + "\nmetric 知晓率 : percent per 县区" +
       for_year +
       "\n"
       "metric 案件数 : count per 县区\nmetric 水质 : percent per 县区\n"
       "title 先进县 : provincial for 县区" +
       // Named in the next spring, as the province does (decision 0067), or
       // closed with its year.
       (random.chance(0.5)
            ? " {\n  named by " + day_text(random_day(random, 2019, 1, 4)).substr(5) + " after\n}\n"
            : std::string("\n")) +
       "event 通报 : notice\nevent 约谈 : summons\nevent 方案 : document\nevent 巡查 : report\n"
       "event 走访 : action\n"
       "programme 活动 : campaign\n";
  d += "param 后N位 : count = " + std::to_string(random.between(1, static_cast<int>(province))) +
       "\n";
  d += "param 来源 : choice(published, computed) = " +
       std::string(random.chance(0.5) ? "published" : "computed") + "\n";
  d += "param 并列 : choice(min, max, dense) = " +
       std::string(random.pick(std::vector<std::string>{"min", "max", "dense"})) + "\n";
  d += "param 一年内 : span = " +
       std::string(random.chance(0.5) ? "calendar_year" : "rolling(365 days)") + "\n";
  d += "consequence 问责 {\n  disqualify\n  deduct 2\n  refer to 市委\n}\n";

  const int stages = random.between(0, 3);
  for (int i = 0; i < stages; ++i) world.statements.push_back(stage(random, i));
  const int rules = random.between(1, 4);
  for (int i = 0; i < rules; ++i) world.statements.push_back(rule(random, i, yearly));

  // The truth: every county of the province, measured every year.
  std::vector<Row>& truth = world.truth;
  truth.push_back(unit("西安市", "市", "陕西省"));
  truth.push_back(unit("宝鸡市", "市", "陕西省"));
  for (std::size_t i = 0; i < others.size(); ++i)
    truth.push_back(unit(others[i], "县区", i % 2 ? "宝鸡市" : "西安市"));
  std::vector<std::string> all_counties = counties;
  all_counties.insert(all_counties.end(), others.begin(), others.end());
  const auto maybe_date = [&](int year) {
    return random.chance(0.3) ? day_text(random_day(random, year + 1, 1, 4)) : std::string();
  };
  for (int year = 2017; year <= 2021; ++year) {
    std::map<std::string, std::vector<std::pair<double, std::string>>> values;
    for (const std::string& county : all_counties) {
      for (const std::string& metric : percent_metrics) {
        // On a quarter-point grid: ties are real ties.
        const double value = 60 + 0.25 * random.between(0, 156);
        values[metric].emplace_back(value, county);
        truth.push_back(
            {FactKind::measure,
             {std::to_string(year), metric, county, number_text(value), maybe_date(year)}});
      }
      truth.push_back({FactKind::measure,
                       {std::to_string(year), "案件数", county,
                        std::to_string(random.between(0, 5)), maybe_date(year)}});
      for (int quarter = 1; quarter <= 4; ++quarter)  // read with `across: quarter`
        truth.push_back({FactKind::measure,
                         {std::to_string(year) + "-Q" + std::to_string(quarter), "水质", county,
                          number_text(60 + 0.25 * random.between(0, 156)), ""}});
      if (random.chance(0.3))
        truth.push_back({FactKind::title,
                         {std::to_string(year), "先进县", county,
                          random.chance(0.6) ? day_text(random_day(random, year + 1, 1, 3)) : ""}});
    }
    // Published figures agree with the truth: the mean, and ranks best first
    // with ties sharing the better rank, out of the whole province.
    for (const std::string& metric : percent_metrics) {
      const auto& list = values[metric];
      double sum = 0;
      for (const auto& [value, county] : list) sum += value;
      const std::string date = maybe_date(year);
      truth.push_back({FactKind::published,
                       {std::to_string(year), metric, "全省县区", "average", "",
                        number_text(sum / static_cast<double>(list.size())), "", date}});
      for (const auto& entry : list) {  // not a binding: clang 14 cannot capture one
        const auto& [value, county] = entry;
        const auto better = std::count_if(
            list.begin(), list.end(), [&](const auto& other) { return other.first > entry.first; });
        truth.push_back({FactKind::published,
                         {std::to_string(year), metric, "全省县区", "rank", county,
                          std::to_string(better + 1), std::to_string(list.size()), date}});
      }
    }
  }
  // Events, the same in the truth and in what is observed (closed world).
  std::set<std::vector<std::string>> seen;
  const auto add_event = [&](Row row) {
    if (random.chance(0.3)) row.cells[9] = "E" + std::to_string(random.next() % 100000);
    // Rows alike in every column without an id are an error of the facts.
    if (row.cells[9].empty() && !seen.insert(row.cells).second) return;
    truth.push_back(std::move(row));
  };
  for (int year = 2017; year <= 2021; ++year) {
    for (const std::string& county : all_counties) {
      for (int n = random.between(0, 3); n > 0; --n)
        add_event(event(random_day(random, year), random.chance(0.5) ? "通报" : "约谈", county,
                        random.chance(0.7) ? "市综治委" : "陕西省", ""));
    }
    for (const std::string& county : counties) {
      for (int n = random.between(0, 2); n > 0; --n) {
        std::string period;
        if (random.chance(0.2))
          period = random.chance(0.8)
                       ? std::to_string(year + random.between(-1, 1))
                       : std::to_string(year) + "-Q" + std::to_string(random.between(1, 4));
        add_event(event(random_day(random, year), "方案", county, "",
                        random.chance(0.9) ? "市综治办" : "市委", "", period));
      }
      for (int n = random.between(0, 10); n > 0; --n) {
        std::string period;
        if (random.chance(0.1))
          period =
              mandate::Period::containing(mandate::PeriodKind::quarter, random_day(random, year))
                  .label();
        add_event(event(random_day(random, year), "巡查", county, "", "市综治办", "", period));
      }
    }
    for (int n = random.between(0, 2); n > 0; --n) {
      const Date start = random_day(random, year, 8, 10);
      const Date until = mandate::to_date(mandate::to_day_number(start) + random.between(0, 30));
      add_event(event(start, "走访", "市综治办", "", "市综治委", day_text(until)));
    }
  }

  // What the facts observe: some counties of other cities are not declared
  // (and nothing about them is known), some measures and published figures
  // are missing. Units, events and titles of what is declared are all there.
  std::set<std::string> undeclared;
  for (const std::string& county : others)
    if (random.chance(0.2)) undeclared.insert(county);
  const double keep_measure = random.chance(0.5) ? 1.0 : 0.85;
  const double keep_published = random.chance(0.5) ? 1.0 : 0.7;
  for (const Row& row : truth) {
    const auto about = [&](std::size_t cell) { return undeclared.contains(row.cells[cell]); };
    switch (row.kind) {
      case FactKind::unit:
        if (about(0)) continue;
        break;
      case FactKind::event:
      case FactKind::title:
        if (about(2)) continue;
        break;
      case FactKind::measure:
        if (about(2) || !random.chance(keep_measure)) continue;
        break;
      case FactKind::published:
        if (about(4) || !random.chance(keep_published)) continue;
        break;
      case FactKind::calendar:  // not generated: holidays are the plan's policy, kept off
        break;
    }
    world.observed.push_back(row);
  }

  world.years.clear();
  for (int year = 2018; year <= 2020; ++year)
    if (random.chance(0.5)) world.years.push_back(year);
  if (world.years.empty()) world.years.push_back(random.between(2018, 2020));
  world.as_of = mandate::to_date(mandate::to_day_number(Date{world.years.back(), 6, 1}) +
                                 random.between(0, 500));
  if (random.chance(0.2)) world.parameters.emplace_back("后N位", "1");
  if (random.chance(0.2)) world.parameters.emplace_back("来源", "computed");
  return world;
}

std::vector<Row> future_rows(const World& world, Random& random) {
  // Events, titles, and measures and published figures that the facts lack,
  // all dated after the evaluation date.
  const mandate::DayNumber after = mandate::to_day_number(world.as_of) + 1;
  const auto later = [&] { return day_text(mandate::to_date(after + random.between(0, 400))); };
  std::vector<Row> rows;
  for (const std::string& county : plan_counties) {
    const bool declared = world.declarations.find("body " + county + " ") != std::string::npos;
    if (!declared) continue;
    for (int n = random.between(0, 3); n > 0; --n) {
      Row row = event(mandate::to_date(after + random.between(0, 400)),
                      random.pick(std::vector<std::string>{"通报", "约谈", "方案", "巡查"}), county,
                      "", "市综治办");
      row.cells[9] = "future" + std::to_string(rows.size());
      rows.push_back(std::move(row));
    }
    for (int year = 2018; year <= 2020; ++year) {
      const auto has = [&](const Row& candidate) {
        return std::any_of(world.observed.begin(), world.observed.end(), [&](const Row& known) {
          return known.kind == candidate.kind && known.cells[0] == candidate.cells[0] &&
                 known.cells[1] == candidate.cells[1] && known.cells[2] == candidate.cells[2];
        });
      };
      Row title{FactKind::title, {std::to_string(year), "先进县", county, later()}};
      if (!has(title) && random.chance(0.5)) rows.push_back(title);
      Row measure{FactKind::measure, {std::to_string(year), "安全感", county, "61", later()}};
      if (!has(measure)) rows.push_back(measure);
    }
  }
  return rows;
}

std::vector<Row> irrelevant_rows(Random& random) {
  std::vector<Row> rows = {unit(std::string(irrelevant_unit), "其他", "商洛市")};
  for (int n = random.between(1, 4); n > 0; --n) {
    Row row = event(random_day(random, random.between(2017, 2020)), "通报",
                    std::string(irrelevant_unit), "市综治委", "");
    row.cells[9] = "irrelevant" + std::to_string(n);
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string csv(const std::vector<Row>& rows, FactKind kind) {
  std::string out;
  const auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + cells[i];
    out += '\n';
  };
  line(header(kind));
  for (const Row& row : rows)
    if (row.kind == kind) line(row.cells);
  return out;
}

namespace {

std::optional<Date> date_of(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return mandate::parse_date(text);
}

mandate::LoadReport add_by_host(mandate::FactStore& store, const std::vector<Row>& rows,
                                FactKind kind) {
  using namespace mandate;
  const auto policy = LoadPolicy::all_or_nothing;
  switch (kind) {
    case FactKind::unit: {
      std::vector<UnitInput> inputs;
      for (const Row& r : rows)
        if (r.kind == kind) inputs.push_back({r.cells[0], r.cells[1], r.cells[2], {}, ""});
      return store.add_units(inputs, "host", policy);
    }
    case FactKind::event: {
      std::vector<EventInput> inputs;
      for (const Row& r : rows)
        if (r.kind == kind)
          inputs.push_back({*date_of(r.cells[0]), r.cells[1], r.cells[2], r.cells[3], r.cells[4],
                            r.cells[5], r.cells[6], date_of(r.cells[7]),
                            r.cells[8].empty() ? std::nullopt : Period::parse(r.cells[8]),
                            r.cells[9]});
      return store.add_events(inputs, "host", policy);
    }
    case FactKind::title: {
      std::vector<TitleInput> inputs;
      for (const Row& r : rows)
        if (r.kind == kind)
          inputs.push_back(
              {std::stoi(r.cells[0]), r.cells[1], r.cells[2], date_of(r.cells[3]), {}});
      return store.add_titles(inputs, "host", policy);
    }
    case FactKind::measure: {
      std::vector<MeasureInput> inputs;
      for (const Row& r : rows)
        if (r.kind == kind) {
          // `2019` or a quarter of it, `2019-Q2`.
          std::optional<mandate::Period> period = mandate::Period::parse(r.cells[0]);
          if (period && period->kind == mandate::PeriodKind::year) period.reset();
          inputs.push_back({std::stoi(r.cells[0]), r.cells[1], r.cells[2], std::stod(r.cells[3]),
                            date_of(r.cells[4]), period});
        }
      return store.add_measures(inputs, "host", policy);
    }
    case FactKind::published: {
      std::vector<PublishedInput> inputs;
      for (const Row& r : rows)
        if (r.kind == kind) {
          const Statistic statistic = r.cells[3] == "average" ? Statistic::average
                                      : r.cells[3] == "rank"  ? Statistic::rank
                                                              : Statistic::size;
          inputs.push_back({std::stoi(r.cells[0]), r.cells[1], r.cells[2], statistic, r.cells[4],
                            std::stod(r.cells[5]), r.cells[6].empty() ? 0 : std::stod(r.cells[6]),
                            date_of(r.cells[7]), std::nullopt});
        }
      return store.add_published(inputs, "host", policy);
    }
    case FactKind::calendar: {
      std::vector<CalendarInput> inputs;
      for (const Row& r : rows)
        if (r.kind == kind)
          inputs.push_back({*date_of(r.cells[0]), r.cells[1] == "workday", r.cells[2], r.cells[3]});
      return store.add_calendar(inputs, "host", policy);
    }
  }
  return {};
}

}  // namespace

std::unique_ptr<mandate::FactStore> load(std::shared_ptr<const mandate::Plan> plan,
                                         const std::vector<Row>& rows, Loading loading,
                                         std::string& errors) {
  auto store = std::make_unique<mandate::FactStore>(std::move(plan));
  const auto check = [&](const mandate::LoadReport& report) {
    for (const auto& rejected : report.rejected)
      errors +=
          rejected.file + ":" + std::to_string(rejected.line) + ": " + rejected.message + "\n";
    return report.ok();
  };
  bool ok = true;
  for (const FactKind kind :
       {FactKind::unit, FactKind::event, FactKind::title, FactKind::measure, FactKind::published}) {
    if (loading == Loading::host) {
      ok = check(add_by_host(*store, rows, kind)) && ok;
      continue;
    }
    if (loading == Loading::csv || kind == FactKind::unit) {
      ok = check(store->load_csv_text(kind, csv(rows, kind), "facts.csv",
                                      mandate::LoadPolicy::all_or_nothing)) &&
           ok;
      continue;
    }
    // Two files of the kind: every other row in each.
    std::vector<Row> halves[2];
    std::size_t n = 0;
    for (const Row& row : rows)
      if (row.kind == kind) halves[n++ % 2].push_back(row);
    for (int half = 0; half < 2; ++half)
      ok = check(store->load_csv_text(kind, csv(halves[half], kind),
                                      "facts" + std::to_string(half) + ".csv",
                                      mandate::LoadPolicy::all_or_nothing)) &&
           ok;
  }
  if (!ok) return nullptr;
  return store;
}

}  // namespace properties
