// Facts (docs/facts.md): loading CSV and JSON Lines, host calls, every kind
// of bad row, the load policies, duplicates and contradictions, queries and
// memory, against the Shangluo plan.
#include <mandate/check.hpp>
#include <mandate/facts.hpp>
#include <mandate/plan.hpp>
#include <mandate/source.hpp>

#include <doctest/doctest.h>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

using mandate::Date;
using mandate::EventInput;
using mandate::FactKind;
using mandate::FactStore;
using mandate::LoadPolicy;
using mandate::LoadReport;
using mandate::NameId;
using mandate::no_name;
using mandate::RejectedRow;
using mandate::Statistic;

namespace {

const std::string fixtures = MANDATE_SOURCE_DIR "/tests/facts/";

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::shared_ptr<const mandate::Plan> shangluo() {
  static const std::shared_ptr<const mandate::Plan> plan = [] {
    const std::string path = MANDATE_SOURCE_DIR "/examples/shangluo-2018/shangluo.plan";
    const mandate::SourceFile source(path, read_text(path));
    return mandate::parse_and_check(source).plan;
  }();
  REQUIRE(plan);
  return plan;
}

NameId id(const FactStore& store, std::string_view name) {
  const NameId found = store.find_name(name);
  REQUIRE_MESSAGE(found != no_name, "not interned: ", std::string(name));
  return found;
}

std::vector<std::string> names(const FactStore& store, const std::vector<NameId>& ids) {
  std::vector<std::string> out;
  for (const NameId i : ids) out.emplace_back(store.name(i));
  return out;
}

std::string dump(const std::vector<RejectedRow>& rows) {
  std::string out;
  for (const RejectedRow& row : rows)
    out += row.file + ":" + std::to_string(row.line) + ":" + std::to_string(row.column) + ": " +
           row.message + "\n";
  return out;
}

/// The one rejected row of a report, checked for place and message.
void expect_rejected(const LoadReport& report, std::uint32_t line, std::uint32_t column,
                     std::string_view message) {
  INFO(dump(report.rejected));
  REQUIRE(report.rejected.size() == 1);
  CHECK(report.rejected[0].line == line);
  CHECK(report.rejected[0].column == column);
  CHECK(report.rejected[0].message.find(message) != std::string::npos);
}

bool contains(const std::vector<std::string>& list, std::string_view name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

/// A store with every fixture file loaded (units first).
FactStore loaded_store() {
  FactStore store(shangluo());
  for (const auto& [kind, file] :
       std::vector<std::pair<FactKind, std::string>>{{FactKind::unit, "units.csv"},
                                                     {FactKind::event, "events.csv"},
                                                     {FactKind::title, "titles.csv"},
                                                     {FactKind::measure, "measures.csv"},
                                                     {FactKind::published, "published.csv"}}) {
    const LoadReport report = store.load_csv(kind, fixtures + file, LoadPolicy::all_or_nothing);
    const std::string& name = file;  // INFO captures it: clang 14 cannot capture a binding
    INFO(name, "\n", dump(report.rejected));
    REQUIRE(report.ok());
    CHECK(report.rows_read == report.rows_added);
    CHECK(report.duplicates.empty());
  }
  return store;
}

std::string csv(std::string_view header, std::initializer_list<std::string_view> rows) {
  std::string out(header);
  out += '\n';
  for (const std::string_view row : rows) (out += row) += '\n';
  return out;
}

}  // namespace

TEST_SUITE("facts") {
  TEST_CASE("facts: the plan's bodies are units from the start, aliases resolve") {
    const FactStore store(shangluo());
    CHECK(store.event_count() == 0);
    const NameId zone = id(store, "商洛高新区（商丹园区）");
    CHECK(store.resolve_unit("商丹园区") == zone);
    CHECK(store.resolve_unit("商洛高新区") == zone);
    CHECK(store.resolve_unit("商洛高新区（商丹园区）") == zone);
    CHECK(store.unit_kind(zone) == id(store, "县区"));
    CHECK(store.unit_parent(zone) == id(store, "商洛市"));
    CHECK(store.unit_parent(id(store, "中央")) == no_name);
    CHECK(store.resolve_unit("九大品牌") == no_name);  // a group, not a unit
    CHECK(store.resolve_unit("不存在") == no_name);
    CHECK(store.source_name(0).ends_with("shangluo.plan"));

    const auto counties = names(store, store.units_of_kind(id(store, "县区"), id(store, "商洛市")));
    CHECK(counties == std::vector<std::string>{"商州区", "洛南县", "丹凤县", "商南县", "山阳县",
                                               "镇安县", "柞水县", "商洛高新区（商丹园区）"});
    // Transitively: the counties are within 商洛市 within 陕西省.
    CHECK(store.units_of_kind(id(store, "县区"), id(store, "陕西省")).size() == 8);
    CHECK(store.units_of_kind(id(store, "县区"), id(store, "商州区")).empty());
    CHECK(names(store, store.group_members(id(store, "主责部门"))).size() == 8);
    // 单位 is not 部门 (issue 13): the other city units include people's organisations and
    // stationed units, and no lead department (市人行 is one, and no 部门).
    const auto others = names(store, store.group_members(id(store, "其他市级单位")));
    CHECK(!contains(others, "市教育局"));
    CHECK(!contains(others, "市人行"));
    CHECK(contains(others, "市委组织部"));
    CHECK(contains(others, "市妇联"));
    CHECK(contains(others, "商洛学院"));
    CHECK(names(store, store.group_members(id(store, "八大领域"))).front() == "平安校园");
  }

  TEST_CASE("facts: each kind loads from CSV") {
    const FactStore store = loaded_store();

    SUBCASE("units: kind, parent, aliases; open groups take them in, transitively") {
      const NameId xian = id(store, "西安市");
      CHECK(store.unit_kind(xian) == id(store, "市"));
      CHECK(store.unit_parent(xian) == id(store, "陕西省"));
      CHECK(store.resolve_unit("长安") == id(store, "长安区"));
      CHECK(store.resolve_unit("大赵峪") == id(store, "大赵峪街道"));
      CHECK(store.resolve_unit("商州区大赵峪街道") == id(store, "大赵峪街道"));
      const auto province =
          names(store, store.units_of_kind(id(store, "县区"), id(store, "陕西省")));
      CHECK(province.size() == 9);
      CHECK(province.back() == "长安区");  // plan bodies first, then fact units in load order
      CHECK(names(store, store.group_members(id(store, "全省县区"))) == province);
      CHECK(names(store, store.group_members(id(store, "商洛县区"))).size() == 8);
      CHECK(names(store, store.units_of_kind(id(store, "镇办"), id(store, "商洛市"))) ==
            std::vector<std::string>{"大赵峪街道", "北宽坪镇"});
      CHECK(names(store, store.group_members(id(store, "全省地市"))) ==
            std::vector<std::string>{"商洛市", "西安市"});
      // Towns are named too (issue 13): 全市镇办, 全市村社区, 全市创建对象.
      CHECK(names(store, store.group_members(id(store, "先进集体和个人"))) ==
            std::vector<std::string>{"大赵峪街道", "北宽坪镇", "杨峪河村", "金陵寺村"});
    }

    SUBCASE("events: date order, spans per (event, unit), every field") {
      CHECK(store.event_count() == 13);
      const auto notices = store.events(id(store, "通报"), id(store, "商南县"));
      REQUIRE(notices.size() == 2);
      CHECK(mandate::to_date(notices[0].date) == Date{2018, 5, 2});
      CHECK(mandate::to_date(notices[1].date) == Date{2018, 9, 3});
      CHECK(notices[0].by == id(store, "市综治委"));
      CHECK(store.source_name(notices[0].source.file).ends_with("events.csv"));
      CHECK(notices[0].source.line == 6);
      CHECK(notices[1].source.line == 5);
      CHECK(store.events(id(store, "约谈"), id(store, "商南县")).size() == 1);
      CHECK(store.events(id(store, "通报"), id(store, "商州区")).empty());

      const auto visits = store.events(id(store, "金秋入户走访"), id(store, "市综治办"));
      REQUIRE(visits.size() == 1);
      CHECK(visits[0].until - visits[0].date == 19);  // 09-15..10-04: 20 days
      CHECK(visits[0].to == id(store, "市综治委"));
      CHECK(visits[0].programme == id(store, "金秋进万家·入户送平安"));

      const auto recommended = store.events(id(store, "推荐申报"), id(store, "商州区"));
      REQUIRE(recommended.size() == 1);
      CHECK(recommended[0].candidate == id(store, "杨峪河村"));
      CHECK(recommended[0].until == recommended[0].date);

      // Written with the alias 商丹园区, stored under the canonical name; the
      // query takes either.
      const NameId zone = id(store, "商洛高新区（商丹园区）");
      REQUIRE(store.events(id(store, "市级示范点"), zone).size() == 1);
      CHECK(store.events(id(store, "市级示范点"), zone)[0].unit == zone);
      CHECK(store.events(id(store, "市级示范点"), id(store, "商丹园区")).size() == 1);
      CHECK(store.events(id(store, "创建方案"), id(store, "商州区"))[0].programme ==
            id(store, "九大品牌"));
    }

    SUBCASE("titles") {
      const auto held =
          store.title_held(id(store, "全省平安建设先进县（区）"), id(store, "商州区"), 2018);
      REQUIRE(held);
      CHECK(held->source.line == 2);
      CHECK(store.source_name(held->source.file).ends_with("titles.csv"));
      CHECK(!store.title_held(id(store, "全省平安建设先进县（区）"), id(store, "商州区"), 2019));
      CHECK(!store.title_held(id(store, "全省平安建设先进县（区）"), id(store, "洛南县"), 2018));
      CHECK(
          store.title_held(id(store, "全省社会治安综合治理工作优秀市"), id(store, "商洛市"), 2018));
      // Held per brand (`of 县区推荐品牌`): in 平安村（社区）, not in 平安家庭; asked
      // without a programme, in any of them.
      CHECK(store.title_held(id(store, "县区级命名"), id(store, "杨峪河村"), 2018));
      CHECK(store.title_held(id(store, "县区级命名"), id(store, "杨峪河村"), 2018,
                             id(store, "平安村（社区）")));
      CHECK(!store.title_held(id(store, "县区级命名"), id(store, "杨峪河村"), 2018,
                              id(store, "平安家庭")));
    }

    SUBCASE("measures, for units and programmes") {
      const auto safety = store.measure(id(store, "公众安全感"), id(store, "商州区"), 2018);
      REQUIRE(safety);
      CHECK(safety->value == doctest::Approx(91.2));
      CHECK(safety->source.line == 2);
      CHECK(!store.measure(id(store, "公众安全感"), id(store, "商州区"), 2019));
      CHECK(store.measure(id(store, "应参与数"), id(store, "平安校园"), 2018)->value == 120);
      CHECK(store.measure(id(store, "示范点数"), id(store, "平安村（社区）"), 2018)->value == 140);
    }

    SUBCASE("published: an average, a rank out of N") {
      const NameId metric = id(store, "两率一度");
      const NameId group = id(store, "全省县区");
      const auto average = store.published(metric, group, Statistic::average, no_name, 2018);
      REQUIRE(average);
      CHECK(average->value == doctest::Approx(89.7));
      const auto rank = store.published(metric, group, Statistic::rank, id(store, "商州区"), 2018);
      REQUIRE(rank);
      CHECK(rank->value == 98);
      CHECK(rank->source.line == 3);
      const auto size = store.published(metric, group, Statistic::size, no_name, 2018);
      REQUIRE(size);
      CHECK(size->value == 107);
      CHECK(!store.published(metric, group, Statistic::rank, id(store, "洛南县"), 2018));
      CHECK(store
                .published(id(store, "平安建设主要指标"), id(store, "全省地市"), Statistic::rank,
                           id(store, "商洛市"), 2018)
                ->value == 2);
    }
  }

  TEST_CASE("facts: every kind loads from JSON Lines, units may come further down") {
    FactStore store(shangluo());
    const LoadReport report =
        store.load_json_lines(fixtures + "facts.jsonl", LoadPolicy::all_or_nothing);
    INFO(dump(report.rejected));
    REQUIRE(report.ok());
    CHECK(report.rows_read == 6);
    CHECK(report.rows_added == 6);
    const NameId county = id(store, "蓝田县");
    CHECK(store.resolve_unit("蓝田") == county);
    CHECK(store.unit_parent(county) == id(store, "西安市"));
    const auto plans = store.events(id(store, "创建方案"), county);
    REQUIRE(plans.size() == 1);
    CHECK(plans[0].to == id(store, "西安市"));
    CHECK(plans[0].source.line == 1);
    CHECK(store.title_held(id(store, "全省平安建设示范县（区）"), county, 2019));
    CHECK(store.measure(id(store, "两率一度"), county, 2019)->value == doctest::Approx(90.4));
    CHECK(
        store
            .published(id(store, "两率一度"), id(store, "全省县区"), Statistic::rank, county, 2019)
            ->value == 12);
    CHECK(
        store
            .published(id(store, "两率一度"), id(store, "全省县区"), Statistic::size, no_name, 2019)
            ->value == 107);
    CHECK(store.units_of_kind(id(store, "县区"), id(store, "陕西省")).size() == 9);
  }

  TEST_CASE("facts: JSON Lines, bad lines") {
    FactStore store(shangluo());
    const auto load = [&](std::string_view text) {
      return store.load_json_lines_text(text, "bad.jsonl", LoadPolicy::keep_good_rows);
    };
    expect_rejected(load("{\"kind\": \"event\", \"date\": \"2018-02-30\", \"event\": \"通报\", "
                         "\"unit\": \"商州区\"}\n"),
                    1, 27, "date: 2018-02-30 does not exist (2018-02 has 28 days)");
    expect_rejected(load("\n{\"kind\": \"evnt\"}\n"), 2, 10,
                    "unknown kind of fact 'evnt'; did you mean 'event'?");
    expect_rejected(load("{\"kind\": \"event\", \"date\": 2018}"), 1, 0,
                    "missing member \"event\"");
    expect_rejected(load("{\"kind\": \"measure\", \"year\": 2018, \"metric\": \"公众安全感\", "
                         "\"subject\": \"商州区\", "
                         "\"value\": \"高\"}"),
                    1, 81, "value: '高' is not a number");
    expect_rejected(load("{\"kind\": \"title\", \"yeer\": 2018}"), 1, 19,
                    "unknown member 'yeer' for title facts; did you mean 'year'?");
    expect_rejected(load("{\"kind\": \"event\", \"date\": \"2018-03-01\" \"event\": 1}"), 1, 46,
                    "not valid JSON");
    expect_rejected(load("[1, 2]"), 1, 1, "each line is a JSON object");
    expect_rejected(load("{\"kind\": \"event\", \"unit\": \"商州区\", \"unit\": \"洛南县\"}"), 1,
                    34, "member 'unit' appears twice");
    // Positions are those of top-level members: not of a nested key of the
    // same name, nor of one written inside a string.
    expect_rejected(load("{\"kind\": \"event\", \"to\": {\"unit\": 1}, \"unit\": \"商州区\", "
                         "\"unit\": \"洛南县\"}"),
                    1, 53, "member 'unit' appears twice");
    expect_rejected(load("{\"kind\": \"measure\", \"metric\": \"\\\"value\\\": \", \"year\": 2018, "
                         "\"subject\": \"商州区\", \"value\": \"高\"}"),
                    1, 87, "value: '高' is not a number");
    // A key written with escapes is the same key.
    expect_rejected(load("{\"kind\": \"event\", \"date\": \"2018-01-01\", \"event\": \"通报\", "
                         "\"\\u0075nit\": \"商州区\", \"unit\": \"洛南县\"}"),
                    1, 76, "member 'unit' appears twice");
    // A number beyond a double is a bad line, not a crash.
    expect_rejected(load("{\"kind\": \"measure\", \"year\": 2018, \"metric\": \"公众安全感\", "
                         "\"subject\": \"商州区\", \"value\": 1e400}"),
                    1, 85, "not valid JSON: number overflow parsing '1e400'");
    expect_rejected(load("{\"kind\": \"measure\", \"year\": 2018, \"metric\": \"公众安全感\", "
                         "\"subject\": \"商州去\", "
                         "\"value\": 80}"),
                    1, 65, "subject: unknown unit '商州去'; did you mean '商州区'?");
    // Invalid UTF-8 inside a string is a bad line, not a crash.
    const LoadReport invalid =
        load("{\"kind\": \"unit\", \"name\": \"\xE5\x95\", \"unit_kind\": \"镇办\"}\n");
    REQUIRE(invalid.rejected.size() == 1);
    CHECK(invalid.rejected[0].message.find("not valid JSON") != std::string::npos);
    CHECK(store.event_count() == 0);
  }

  TEST_CASE(
      "facts: CSV syntax: BOM, CRLF, quotes with commas and doubled quotes, order-free columns") {
    FactStore store(shangluo());
    const std::string units =
        "\xEF\xBB\xBF"
        "parent,name,unit_kind\r\n"
        "商州区,\"杨峪河村\"\"一组\"\",二队\",创建对象\r\n"
        "\r\n"
        " 商州区 , 北宽坪镇 ,镇办\r\n";
    const LoadReport report =
        store.load_csv_text(FactKind::unit, units, "units.csv", LoadPolicy::all_or_nothing);
    INFO(dump(report.rejected));
    REQUIRE(report.ok());
    CHECK(report.rows_read == 2);
    const NameId quoted = store.resolve_unit("杨峪河村\"一组\",二队");
    REQUIRE(quoted != no_name);
    CHECK(store.unit_parent(quoted) == id(store, "商州区"));
    CHECK(store.resolve_unit("北宽坪镇") !=
          no_name);  // spaces around an unquoted field are trimmed

    // A quoted field may span lines; the next row's line number stays right.
    const std::string events =
        "date,event,unit,to\r\n"
        "2018-03-15,创建方案,\"商州区\",\"市综治办\"\r\n"
        "2018-03-16,创建方案,\"洛南\n县\",市综治办\r\n"
        "2018-02-30,创建方案,商州区,市综治办\r\n";
    const LoadReport bad =
        store.load_csv_text(FactKind::event, events, "events.csv", LoadPolicy::keep_good_rows);
    INFO(dump(bad.rejected));
    REQUIRE(bad.rejected.size() == 2);
    CHECK(bad.rejected[0].line == 3);
    CHECK(bad.rejected[0].column == 17);
    CHECK(bad.rejected[0].message.find("unknown unit '洛南\\n县'") != std::string::npos);
    CHECK(bad.rejected[1].line == 5);
    CHECK(bad.rejected[1].column == 1);
    CHECK(bad.rows_added == 1);
    CHECK(store.events(id(store, "创建方案"), id(store, "商州区")).size() == 1);
  }

  TEST_CASE("facts: CSV rows that break the format") {
    FactStore store(shangluo());
    const auto load = [&](std::string_view text) {
      return store.load_csv_text(FactKind::event, text, "events.csv", LoadPolicy::keep_good_rows);
    };
    expect_rejected(load("date,event,unit\n2018-03-01,通报,商州\"区\n"), 2, 17,
                    "a quote inside an unquoted field");
    expect_rejected(load("date,event,unit\n2018-03-01,\"通报\"x,商州区\n"), 2, 16,
                    "text after the closing quote");
    expect_rejected(load("date,event,unit\n2018-03-01,通报,\"商州区\n"), 2, 15, "never closed");
    expect_rejected(load("date,event,unit\n2018-03-01,通报,商州区,市综治委\n"), 2, 19,
                    "this row has 4 fields; the header has 3");
    expect_rejected(load("date,event,unit\n2018-03-01,通报\n"), 2, 14,
                    "this row has 2 fields; the header has 3");
    expect_rejected(load(""), 1, 0, "empty file: a header row is required");
    // Invalid UTF-8: the row is rejected with the column of the bad byte; the
    // rows around it load.
    const LoadReport invalid = load(
        "date,event,unit,by\n2018-03-01,通报,商南县,市综治委\n2018-03-02,通报,商\xFF南县,市综治委\n"
        "2018-03-03,通报,商南县,市综治委\n");
    expect_rejected(invalid, 3, 16, "invalid UTF-8 (byte 0xFF)");
    CHECK(invalid.rows_read == 3);
    CHECK(invalid.rows_added == 2);
    CHECK(store.events(id(store, "通报"), id(store, "商南县")).size() == 2);
  }

  TEST_CASE("facts: CSV in long files: an invalid byte anywhere, line breaks in quotes") {
    // The reader finds the ends of fields 64 bytes at a time and the UTF-8
    // check skips valid text 64 bytes at a time: rows of about 50 bytes
    // straddle those blocks everywhere.
    std::string text = "date,event,unit,by\n";
    std::vector<std::size_t> row_begin;
    for (int i = 0; i < 200; ++i) {
      row_begin.push_back(text.size());
      const int month = 1 + i / 28;
      const int day = 1 + i % 28;
      text += "2018-" + std::string(month < 10 ? "0" : "") + std::to_string(month) + "-" +
              std::string(day < 10 ? "0" : "") + std::to_string(day) + ",通报,商南县,市综治委\n";
    }
    row_begin.push_back(text.size());
    for (const std::size_t row : {0, 1, 2, 37, 100, 198, 199}) {
      for (std::size_t at = row_begin[row] + 11; at + 1 < row_begin[row + 1]; ++at) {
        if (text[at] == ',') continue;
        std::string bad = text;
        bad[at] = '\xFF';
        // Over a byte inside a character, the character is what is invalid.
        std::size_t start = at;
        while ((static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
        std::uint32_t column = 1;
        for (std::size_t i = row_begin[row]; i < start; ++i)
          column += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
        FactStore store(shangluo());
        const LoadReport report =
            store.load_csv_text(FactKind::event, bad, "events.csv", LoadPolicy::keep_good_rows);
        INFO("row ", row, " byte ", at - row_begin[row]);
        expect_rejected(report, static_cast<std::uint32_t>(row + 2), column,
                        "invalid UTF-8 (byte 0x");
        CHECK(report.rows_added == 199);
      }
    }
    // A character cut short at the very end of the file.
    {
      FactStore store(shangluo());
      std::string cut = text + "2018-12-31,通报,商南县,市综\xE6\xB2";
      expect_rejected(
          store.load_csv_text(FactKind::event, cut, "events.csv", LoadPolicy::keep_good_rows), 202,
          21, "invalid UTF-8 (byte 0xE6)");
    }
    // Quoted fields, line breaks inside quotes and spaces, shifted over a
    // block boundary one byte at a time.
    for (std::size_t pad = 0; pad < 70; ++pad) {
      const std::string quoted = "date,event,unit,by\n2018-01-01,通报,商南县," +
                                 std::string(pad, ' ') +
                                 "市综治委\n"
                                 "2018-01-02, \"通报\" ,\"商南县\",\"市综\"\"治委\"\n"
                                 "2018-01-03,\"通报\",\"商南\n\n县\",市综治委\n"
                                 "2018-01-04,通报,商\xFF南县,市综治委\r\n"
                                 "\n"
                                 "2018-01-05,通报,商南县,\"市综\n治委\",x\n"
                                 "2018-01-06,通报,商南县,\"市综治委\"\r\n";
      FactStore store(shangluo());
      const LoadReport report =
          store.load_csv_text(FactKind::event, quoted, "events.csv", LoadPolicy::keep_good_rows);
      INFO("pad ", pad, "\n", dump(report.rejected));
      REQUIRE(report.rejected.size() == 4);
      CHECK(report.rejected[0].line == 3);
      CHECK(report.rejected[0].column == 25);
      CHECK(report.rejected[0].message.find("by: unknown unit '市综\"治委'") != std::string::npos);
      CHECK(report.rejected[1].line == 4);  // the row's first line
      CHECK(report.rejected[1].column == 17);
      CHECK(report.rejected[1].message.find("unit: unknown unit") != std::string::npos);
      CHECK(report.rejected[2].line == 7);
      CHECK(report.rejected[2].column == 16);
      CHECK(report.rejected[2].message.find("invalid UTF-8 (byte 0xFF)") != std::string::npos);
      CHECK(report.rejected[3].line == 10);
      CHECK(report.rejected[3].column == 5);
      CHECK(report.rejected[3].message.find("this row has 5 fields") != std::string::npos);
      CHECK(report.rows_read == 6);
      CHECK(report.rows_added == 2);
      CHECK(store.events(id(store, "通报"), id(store, "商南县")).size() == 2);
    }
  }

  TEST_CASE("facts: CSV headers") {
    FactStore store(shangluo());
    const auto load = [&](FactKind kind, std::string_view text) {
      return store.load_csv_text(kind, text, "facts.csv", LoadPolicy::keep_good_rows);
    };
    const LoadReport unknown =
        load(FactKind::event, "date,event,unit,bye\n2018-03-01,通报,商南县,市综治委\n");
    expect_rejected(unknown, 1, 17, "unknown column 'bye' for event facts; did you mean 'by'?");
    CHECK(unknown.rows_read == 0);  // a wrong header reads no row
    CHECK(store.event_count() == 0);
    expect_rejected(load(FactKind::event, "date,unit\n2018-03-01,商南县\n"), 1, 0,
                    "missing required column 'event'");
    expect_rejected(load(FactKind::measure, "year,metric,subject,value,year\n"), 1, 27,
                    "column 'year' appears twice");
    const LoadReport kind = load(FactKind::unit, "name,kind\n");
    REQUIRE(kind.rejected.size() == 2);
    CHECK(kind.rejected[0].column == 0);
    CHECK(kind.rejected[0].message.find("missing required column 'unit_kind'") !=
          std::string::npos);
    CHECK(kind.rejected[1].column == 6);
    CHECK(kind.rejected[1].message.find(
              "unknown column 'kind' for unit facts; did you mean 'unit_kind'?") !=
          std::string::npos);
    const LoadReport missing =
        store.load_csv(FactKind::event, fixtures + "no-such-file.csv", LoadPolicy::keep_good_rows);
    REQUIRE(missing.rejected.size() == 1);
    CHECK(missing.rejected[0].message.find("cannot read the file") != std::string::npos);
  }

  TEST_CASE("facts: every kind of bad row, with file, line, column and reason") {
    FactStore store = loaded_store();
    const auto event = [&](std::string_view row) {
      return store.load_csv_text(FactKind::event,
                                 csv("date,event,unit,by,to,programme,candidate,until", {row}),
                                 "bad-events.csv", LoadPolicy::keep_good_rows);
    };
    SUBCASE("dates") {
      const LoadReport report = event("2018-02-30,通报,商南县,市综治委,,,,");
      expect_rejected(report, 2, 1, "date: 2018-02-30 does not exist (2018-02 has 28 days)");
      CHECK(report.rejected[0].file == "bad-events.csv");
      expect_rejected(event("2018-13-01,通报,商南县,,,,,"), 2, 1, "there is no month 13");
      expect_rejected(event("2018/3/1,通报,商南县,,,,,"), 2, 1,
                      "date: '2018/3/1' is not a date: write YYYY-MM-DD");
      expect_rejected(event("2019-02-29,通报,商南县,,,,,"), 2, 1, "2019-02 has 28 days");
      expect_rejected(event("2018-09-15,金秋入户走访,市综治办,,,,,2018-09-31"), 2, 28,
                      "until: 2018-09-31 does not exist");
      expect_rejected(event("2018-09-15,金秋入户走访,市综治办,,,,,2018-09-01"), 2, 28,
                      "until: 2018-09-01 is before");
      expect_rejected(event(",通报,商南县,,,,,"), 2, 1, "date: empty, but required");
    }
    SUBCASE("names of the plan, with did you mean") {
      expect_rejected(event("2018-03-01,通知,商南县,市综治委,,,,"), 2, 12,
                      "event: unknown event '通知'; did you mean '通报'?");
      expect_rejected(event("2018-03-01,九大品牌,商南县,,,,,"), 2, 12,
                      "event: '九大品牌' is a group of the plan, not an event");
      expect_rejected(event("2018-03-01,,商南县,,,,,"), 2, 12, "event: empty, but required");
      expect_rejected(event("2018-03-01,创建方案,商南县,,市综治办,平安校元,,"), 2, 27,
                      "programme: unknown programme '平安校元'; did you mean '平安校园'?");
      expect_rejected(event("2018-03-01,创建方案,商南县,,市综治办,商洛县区,,"), 2, 27,
                      "programme: '商洛县区' is a group of bodies, not of programmes");
    }
    SUBCASE("units: unit, by, to, candidate") {
      expect_rejected(event("2018-03-01,通报,商州去,市综治委,,,,"), 2, 15,
                      "unit: unknown unit '商州去'; did you mean '商州区'?");
      expect_rejected(event("2018-03-01,通报,商南县,市综治委会,,,,"), 2, 19,
                      "by: unknown unit '市综治委会'; did you mean '市综治委'?");
      expect_rejected(event("2018-03-01,创建方案,商南县,,市综治,,,"), 2, 22,
                      "to: unknown unit '市综治'; did you mean '市综治办'?");
      expect_rejected(event("2018-03-01,推荐申报,商南县,,,,某村,"), 2, 24,
                      "candidate: unknown unit '某村'");
      expect_rejected(event("2018-03-01,通报,平安校园,,,,,"), 2, 15,
                      "unit: '平安校园' is a programme of the plan, not a unit");
    }
    SUBCASE("titles") {
      const auto title = [&](std::string_view row) {
        return store.load_csv_text(FactKind::title, csv("year,title,unit,date", {row}),
                                   "bad-titles.csv", LoadPolicy::keep_good_rows);
      };
      expect_rejected(
          title("2018,全省平安建设先进县,洛南县,"), 2, 6,
          "title: unknown title '全省平安建设先进县'; did you mean '全省平安建设先进县（区）'?");
      expect_rejected(title("18,全省平安建设先进县（区）,洛南县,"), 2, 1,
                      "year: '18' is not a year");
      expect_rejected(
          title("2018,全省平安建设先进县（区）,市公安局,"), 2, 19,
          "unit: '市公安局' is a 部门; the title '全省平安建设先进县（区）' is for 县区");
      expect_rejected(title("2018,全省平安建设先进县（区）,洛南县,2018-04-31"), 2, 23,
                      "date: 2018-04-31 does not exist");
    }
    SUBCASE("measures") {
      const auto measure = [&](std::string_view row) {
        return store.load_csv_text(FactKind::measure, csv("year,metric,subject,value", {row}),
                                   "bad-measures.csv", LoadPolicy::keep_good_rows);
      };
      expect_rejected(measure("2018,公众安全感,商南县,abc"), 2, 16, "value: 'abc' is not a number");
      expect_rejected(measure("2018,公众安全感,商南县,91.2%"), 2, 16,
                      "write percentages without '%'");
      expect_rejected(measure("2018,公众安全度,商南县,91"), 2, 6,
                      "metric: unknown metric '公众安全度'; did you mean '公众安全感'?");
      expect_rejected(measure("2018,覆盖率,平安校园,90"), 2, 6,
                      "metric: '覆盖率' is computed by the plan");
      expect_rejected(measure("2018,公众安全感,市公安局,90"), 2, 12,
                      "subject: '市公安局' is a 部门; '公众安全感' is measured per 市, 县区, 镇办");
      expect_rejected(measure("2018,应参与数,商南县,90"), 2, 11,
                      "subject: '商南县' is a 县区; '应参与数' is measured per programme");
      expect_rejected(measure("2018,应参与数,平安校圆,90"), 2, 11,
                      "subject: unknown programme '平安校圆'; did you mean '平安校园'?");
      expect_rejected(measure("2018,应参与数,平安校园,12.5"), 2, 16, "value: 12.5 is not a count");
    }
    SUBCASE("published figures") {
      const auto published = [&](std::string_view row) {
        return store.load_csv_text(FactKind::published,
                                   csv("year,metric,group,statistic,unit,value,out_of", {row}),
                                   "bad-published.csv", LoadPolicy::keep_good_rows);
      };
      expect_rejected(published("2018,两率一度,全省县区,mean,,89,"), 2, 16,
                      "statistic: unknown statistic 'mean' (average, rank or size)");
      expect_rejected(published("2018,两率一度,全省县去,average,,89,"), 2, 11,
                      "group: unknown group '全省县去'; did you mean '全省县区'?");
      expect_rejected(published("2018,两率一度,九大品牌,average,,89,"), 2, 11,
                      "group: '九大品牌' is a group of programmes");
      expect_rejected(published("2018,两率一度,全省县区,rank,市公安局,3,"), 2, 21,
                      "unit: '市公安局' is not a member of the group '全省县区'");
      expect_rejected(published("2018,两率一度,全省县区,rank,,3,"), 2, 21,
                      "unit: empty, but a rank is the rank of a unit");
      expect_rejected(published("2018,两率一度,全省县区,average,商州区,89,"), 2, 24,
                      "unit: only a rank names a unit");
      expect_rejected(published("2018,两率一度,全省县区,rank,洛南县,0,"), 2, 25,
                      "value: 0 is not a rank");
      expect_rejected(published("2018,两率一度,全省县区,rank,洛南县,108,107"), 2, 29,
                      "out_of: rank 108 out of 107 is past the end");
      expect_rejected(published("2018,两率一度,全省县区,average,,89,107"), 2, 28,
                      "out_of: only a rank is out of N");
    }
    SUBCASE("units") {
      const auto unit = [&](std::string_view row) {
        return store.load_csv_text(FactKind::unit, csv("name,unit_kind,parent,aliases", {row}),
                                   "bad-units.csv", LoadPolicy::keep_good_rows);
      };
      expect_rejected(unit("板桥镇,镇班,商州区,"), 2, 5,
                      "unit_kind: unknown kind '镇班'; did you mean '镇办'?");
      expect_rejected(unit("板桥镇,镇办,商州去,"), 2, 8,
                      "parent: unknown unit '商州去'; did you mean '商州区'?");
      expect_rejected(unit("板桥镇,镇办,市公安局,"), 2, 8,
                      "parent: '市公安局' is a 部门, but a 镇办 sits within a 县区");
      expect_rejected(unit("商丹园区,县区,商洛市,"), 2, 1,
                      "name: '商丹园区' is an alias of '商洛高新区（商丹园区）'");
      expect_rejected(unit("九大品牌,县区,商洛市,"), 2, 1,
                      "name: '九大品牌' is a group of the plan");
      expect_rejected(unit("商州区,县区,陕西省,"), 2, 8,
                      "'商州区' is already a 县区 within 商洛市 (the plan");
      expect_rejected(unit("板桥镇,镇办,商州区,商丹园区"), 2, 12,
                      "aliases: '商丹园区' already names the unit '商洛高新区（商丹园区）'");
      expect_rejected(unit("板桥镇,镇办,板桥镇,"), 2, 8, "parent: a unit cannot be within itself");
      CHECK(store.resolve_unit("板桥镇") == no_name);
    }
    CHECK(store.event_count() == 13);  // none of the bad rows went in
  }

  TEST_CASE(
      "facts: units may name parents declared further down; loops and rejected parents are "
      "reported") {
    FactStore store(shangluo());
    const LoadReport report = store.load_csv_text(
        FactKind::unit,
        csv("name,unit_kind,parent",
            {"板桥村,村社区,板桥镇",  // line 2: parent on line 3
             "板桥镇,镇办,宝鸡市辖区", "宝鸡市辖区,县区,宝鸡市", "宝鸡市,市,陕西省",
             "甲村,创建对象,乙村",  // line 6: a loop with line 7
             "乙村,创建对象,甲村",
             "丙村,村社区,丁镇",  // line 8: its parent is rejected
             "丁镇,镇办,市公安局"}),
        "units.csv", LoadPolicy::keep_good_rows);
    INFO(dump(report.rejected));
    REQUIRE(report.rejected.size() == 4);
    CHECK(report.rejected[0].line == 6);
    CHECK(report.rejected[1].line == 7);
    CHECK(report.rejected[1].message.find("parents cannot form a loop") != std::string::npos);
    CHECK(report.rejected[0].message.find("was rejected") != std::string::npos);
    CHECK(report.rejected[2].line == 8);
    CHECK(report.rejected[2].message.find(
              "parent: unit '丁镇' was not loaded: its row at line 9 was rejected") !=
          std::string::npos);
    CHECK(report.rejected[3].line == 9);
    CHECK(report.rows_added == 4);
    CHECK(store.units_of_kind(id(store, "村社区"), id(store, "陕西省")) ==
          std::vector<NameId>{id(store, "板桥村")});
  }

  TEST_CASE("facts: events are stored in query order, duplicates once, at any size") {
    // Few rows are sorted by comparison, many by a radix sort of packed
    // keys: both must give the order of the store, (unit, event, date,
    // until, by, to, programme, candidate), rows in line order when equal.
    const std::vector<std::string> events = {"通报", "约谈", "工作汇报"};
    const std::vector<std::string> units = {"商州区", "商南县", "丹凤县", "洛南县"};
    const std::vector<std::string> issuers = {"市综治委", "陕西省", "市委督查室", ""};
    for (const std::size_t rows : {std::size_t{40}, std::size_t{3000}}) {
      INFO("rows ", rows);
      std::uint64_t random = 20180227;
      const auto next = [&](std::uint64_t n) {
        random = random * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::size_t>((random >> 33) % n);
      };
      std::vector<std::string> lines;
      for (std::size_t i = 0; i < rows; ++i) {
        if (i > 0 && next(10) == 0) {  // a row given again, further down
          lines.push_back(lines[next(lines.size())]);
          continue;
        }
        const std::size_t day = 1 + next(5);  // few days: many rows share one
        // An id tells the events apart; a row given again repeats its id.
        lines.push_back("2018-03-0" + std::to_string(day) + "," + events[next(events.size())] +
                        "," + units[next(units.size())] + "," + issuers[next(issuers.size())] +
                        (next(4) == 0 ? ",2018-04-0" + std::to_string(day) : ",") + ",n" +
                        std::to_string(next(3)));
      }
      std::string first_half = "date,event,unit,by,until,id\n";
      std::string second_half = first_half;
      for (std::size_t i = 0; i < lines.size(); ++i)
        ((i < lines.size() / 2 ? first_half : second_half) += lines[i]) += '\n';
      // Rows of the second half identical to a row of the first are
      // duplicates of a stored event.
      std::vector<std::string> seen;
      std::size_t distinct = 0;
      for (const std::string& line : lines)
        if (std::find(seen.begin(), seen.end(), line) == seen.end()) {
          seen.push_back(line);
          ++distinct;
        }
      FactStore store(shangluo());
      const LoadReport a =
          store.load_csv_text(FactKind::event, first_half, "a.csv", LoadPolicy::all_or_nothing);
      const LoadReport b =
          store.load_csv_text(FactKind::event, second_half, "b.csv", LoadPolicy::all_or_nothing);
      INFO(dump(a.rejected), dump(b.rejected));
      REQUIRE(a.ok());
      REQUIRE(b.ok());
      CHECK(a.rows_added + b.rows_added == distinct);
      CHECK(a.duplicates.size() + b.duplicates.size() == lines.size() - distinct);
      CHECK(store.event_count() == distinct);
      for (const RejectedRow& duplicate : a.duplicates)
        CHECK(duplicate.message.find("identical to line ") != std::string::npos);
      for (const RejectedRow& duplicate : b.duplicates)
        CHECK((duplicate.message.find("identical to a.csv:") != std::string::npos ||
               duplicate.message.find("identical to line ") != std::string::npos));
      std::size_t total = 0;
      for (const std::string& event : events) {
        for (const std::string& unit : units) {
          const auto found = store.events(id(store, event), id(store, unit));
          total += found.size();
          for (std::size_t i = 1; i < found.size(); ++i) {
            const mandate::EventRecord& x = found[i - 1];
            const mandate::EventRecord& y = found[i];
            CHECK(std::tie(x.date, x.until, x.by, x.to, x.programme, x.candidate, x.id) <
                  std::tie(y.date, y.until, y.by, y.to, y.programme, y.candidate, y.id));
          }
          // The row kept of several identical ones is the first given.
          for (const mandate::EventRecord& record : found) {
            const bool in_a = store.source_name(record.source.file) == "a.csv";
            const std::size_t at = (in_a ? 0 : lines.size() / 2) + record.source.line - 2;
            const auto first = std::find(lines.begin(), lines.end(), lines[at]) - lines.begin();
            CHECK(static_cast<std::size_t>(first) == at);
          }
        }
      }
      CHECK(total == distinct);
    }
  }

  TEST_CASE("facts: events alike in every column need an id to be two events") {
    // Two notices to one unit on one day from one issuer are two notices, or
    // one entered twice: the loader does not guess (issue 14).
    FactStore store(shangluo());
    const LoadReport alike = store.load_csv_text(
        FactKind::event,
        csv("date,event,unit,by",
            {"2018-05-03,通报,商南县,市综治委", "2018-05-03,通报,商南县,市综治委"}),
        "alike.csv", LoadPolicy::all_or_nothing);
    expect_rejected(alike, 3, 0, "identical to line 2 in every column");
    CHECK(alike.rejected[0].message.find("give each an 'id'") != std::string::npos);
    CHECK(store.event_count() == 0);

    const LoadReport with_ids = store.load_csv_text(
        FactKind::event,
        csv("date,event,unit,by,id", {"2018-05-03,通报,商南县,市综治委,TB-2018-17",
                                      "2018-05-03,通报,商南县,市综治委,TB-2018-18",
                                      "2018-05-03,通报,商南县,市综治委,TB-2018-17"}),
        "ids.csv", LoadPolicy::all_or_nothing);
    REQUIRE(with_ids.ok());
    CHECK(with_ids.rows_added == 2);
    REQUIRE(with_ids.duplicates.size() == 1);  // the same id twice: one event given twice
    CHECK(with_ids.duplicates[0].line == 4);
    CHECK(store.events(id(store, "通报"), id(store, "商南县")).size() == 2);
  }

  TEST_CASE("facts: a delivery's `for` period is read and kept") {
    FactStore store(shangluo());
    const LoadReport report = store.load_csv_text(
        FactKind::event,
        csv("date,event,unit,to,for", {"2018-01-05,年度总结,市住建局,市综治办,2017",
                                       "2018-07-10,工作汇报,商州区,市综治委,2018-H1",
                                       "2018-07-11,工作汇报,商州区,市综治委,2018-W53"}),
        "for.csv", LoadPolicy::keep_good_rows);
    expect_rejected(report, 4, 26, "for: '2018-W53' is not a period (2018 has 52 ISO weeks)");
    const auto summaries = store.events(id(store, "年度总结"), id(store, "市住建局"));
    REQUIRE(summaries.size() == 1);
    CHECK(summaries[0].period() == mandate::Period::of_year(2017));
    const auto reports = store.events(id(store, "工作汇报"), id(store, "商州区"));
    REQUIRE(reports.size() == 1);
    CHECK(reports[0].period()->label() == "2018-H1");
  }

  TEST_CASE("facts: a unit's events are found by name or alias, whenever the unit came") {
    // Events are looked up through each unit's run of groups: a unit loaded
    // after the events were indexed, a unit without events, and an alias
    // must all be answered.
    FactStore store(shangluo());
    REQUIRE(store
                .load_csv_text(FactKind::event,
                               csv("date,event,unit,by", {"2018-05-03,通报,商州区,市综治委",
                                                          "2018-06-03,约谈,商州区,市综治委",
                                                          "2018-07-03,通报,商洛高新区,市综治委"}),
                               "a.csv", LoadPolicy::all_or_nothing)
                .ok());
    REQUIRE(store
                .load_csv_text(FactKind::unit,
                               csv("name,unit_kind,parent,aliases",
                                   {"板桥镇,镇办,商州区,板桥", "北宽坪镇,镇办,商州区,"}),
                               "units.csv", LoadPolicy::all_or_nothing)
                .ok());
    const NameId notice = id(store, "通报");
    const NameId summons = id(store, "约谈");
    CHECK(store.events(notice, id(store, "商州区")).size() == 1);
    CHECK(store.events(summons, id(store, "商州区")).size() == 1);
    CHECK(store.events(notice, id(store, "商洛高新区（商丹园区）")).size() == 1);
    CHECK(store.events(notice, id(store, "商洛高新区")).size() == 1);  // an alias
    CHECK(store.events(notice, id(store, "板桥镇")).empty());          // came after the events
    CHECK(store.events(summons, id(store, "洛南县")).empty());
    REQUIRE(store
                .load_csv_text(FactKind::event,
                               csv("date,event,unit,by", {"2018-08-03,约谈,板桥,市综治委",
                                                          "2018-04-03,通报,商州区,市综治委"}),
                               "b.csv", LoadPolicy::all_or_nothing)
                .ok());
    CHECK(store.events(summons, id(store, "板桥镇")).size() == 1);
    CHECK(store.events(notice, id(store, "板桥镇")).empty());
    CHECK(store.events(notice, id(store, "北宽坪镇")).empty());
    const auto notices = store.events(notice, id(store, "商州区"));
    REQUIRE(notices.size() == 2);
    CHECK(notices[0].date < notices[1].date);
    CHECK(store.events(summons, id(store, "商州区")).size() == 1);
    CHECK(store.events(notice, id(store, "商洛高新区")).size() == 1);
  }

  TEST_CASE(
      "facts: all_or_nothing leaves the store as it was; keep_good_rows keeps the good rows") {
    FactStore store = loaded_store();
    const std::size_t events = store.event_count();
    const std::size_t bytes = store.memory_bytes();
    const NameId notice = id(store, "通报");
    const NameId county = id(store, "商南县");
    const auto before = store.events(notice, county);
    const std::vector<mandate::EventRecord> snapshot(before.begin(), before.end());

    const std::string text = csv(
        "date,event,unit,by", {"2018-10-01,通报,商南县,市综治委", "2018-02-30,通报,商南县,市综治委",
                               "2018-10-02,约谈,商南县,市综治委"});
    const LoadReport failed =
        store.load_csv_text(FactKind::event, text, "more.csv", LoadPolicy::all_or_nothing);
    CHECK(failed.rows_read == 3);
    CHECK(failed.rows_added == 0);
    expect_rejected(failed, 3, 1, "does not exist");
    CHECK(store.event_count() == events);
    CHECK(store.memory_bytes() == bytes);
    const auto after = store.events(notice, county);
    REQUIRE(after.size() == snapshot.size());
    for (std::size_t i = 0; i < after.size(); ++i) {
      CHECK(after[i].date == snapshot[i].date);
      CHECK(after[i].source.line == snapshot[i].source.line);
    }
    // Units staged by a failed load are not left behind either.
    const LoadReport units = store.load_csv_text(
        FactKind::unit, csv("name,unit_kind,parent", {"板桥镇,镇办,商州区", "x,镇班,商州区"}),
        "units2.csv", LoadPolicy::all_or_nothing);
    CHECK(units.rejected.size() == 1);
    CHECK(store.find_name("板桥镇") == no_name);
    CHECK(store.memory_bytes() == bytes);

    const LoadReport kept =
        store.load_csv_text(FactKind::event, text, "more.csv", LoadPolicy::keep_good_rows);
    CHECK(kept.rows_added == 2);
    CHECK(kept.rejected.size() == 1);
    CHECK(store.event_count() == events + 2);
    const auto notices = store.events(notice, county);
    REQUIRE(notices.size() == 3);
    CHECK(mandate::to_date(notices[2].date) == Date{2018, 10, 1});
    CHECK(store.source_name(notices[2].source.file) == "more.csv");
    CHECK(store.memory_bytes() > bytes);
  }

  TEST_CASE(
      "facts: duplicates are stored once; contradictions are rejected and name the first value") {
    FactStore store = loaded_store();
    const std::size_t events = store.event_count();

    SUBCASE("the same file twice") {
      // Events without an id, alike in every column, are not guessed to be
      // one event: each row of the second load is an error naming the first.
      const LoadReport again =
          store.load_csv(FactKind::event, fixtures + "events.csv", LoadPolicy::all_or_nothing);
      CHECK(!again.ok());
      CHECK(again.rows_added == 0);
      CHECK(again.rejected.size() == events);
      CHECK(again.rejected[0].message.find("events.csv:2") != std::string::npos);
      CHECK(store.event_count() == events);
      const LoadReport units =
          store.load_csv(FactKind::unit, fixtures + "units.csv", LoadPolicy::all_or_nothing);
      CHECK(units.ok());
      CHECK(units.duplicates.size() == 6);
      const LoadReport measures =
          store.load_csv(FactKind::measure, fixtures + "measures.csv", LoadPolicy::all_or_nothing);
      CHECK(measures.duplicates.size() == 7);
      const LoadReport published = store.load_csv(FactKind::published, fixtures + "published.csv",
                                                  LoadPolicy::all_or_nothing);
      CHECK(published.duplicates.size() == 3);
    }
    SUBCASE("identical rows in one file") {
      const LoadReport report = store.load_csv_text(
          FactKind::event,
          csv("date,event,unit,by,id",
              {"2018-10-01,约谈,商州区,市综治委,YT-1", "2018-10-01,约谈,商州区,市综治委,YT-1"}),
          "twice.csv", LoadPolicy::all_or_nothing);
      CHECK(report.ok());
      CHECK(report.rows_added == 1);
      REQUIRE(report.duplicates.size() == 1);
      CHECK(report.duplicates[0].line == 3);
      CHECK(report.duplicates[0].message.find("identical to line 2") != std::string::npos);
      CHECK(store.events(id(store, "约谈"), id(store, "商州区")).size() == 1);
    }
    SUBCASE("a measure given twice with two values") {
      const LoadReport report = store.load_csv_text(
          FactKind::measure, csv("year,metric,subject,value", {"2018,公众安全感,商州区,90.5"}),
          "survey.csv", LoadPolicy::keep_good_rows);
      expect_rejected(
          report, 2, 16,
          "value: 90.5 contradicts 91.2 for '公众安全感' of '商州区' in 2018, given at");
      CHECK(report.rejected[0].message.find("measures.csv:2") != std::string::npos);
      CHECK(store.measure(id(store, "公众安全感"), id(store, "商州区"), 2018)->value ==
            doctest::Approx(91.2));
      // Within one load too.
      const LoadReport inside =
          store.load_csv_text(FactKind::measure,
                              csv("year,metric,subject,value",
                                  {"2019,公众安全感,商州区,90", "2019,公众安全感,商州区,91"}),
                              "survey.csv", LoadPolicy::keep_good_rows);
      expect_rejected(inside, 3, 16, "given at line 2");
    }
    SUBCASE("a published figure given twice with two values") {
      const LoadReport report =
          store.load_csv_text(FactKind::published,
                              csv("year,metric,group,statistic,unit,value,out_of",
                                  {"2018,两率一度,全省县区,average,,88.1,",
                                   "2018,两率一度,全省县区,rank,洛南县,50,106"}),
                              "province.csv", LoadPolicy::keep_good_rows);
      INFO(dump(report.rejected));
      REQUIRE(report.rejected.size() == 2);
      CHECK(report.rejected[0].message.find("contradicts 89.7 for the average of '全省县区'") !=
            std::string::npos);
      CHECK(report.rejected[0].message.find("published.csv:2") != std::string::npos);
      CHECK(report.rejected[1].message.find("out_of: 106 contradicts the size 107") !=
            std::string::npos);
    }
    SUBCASE("a title given twice with two dates") {
      const LoadReport report = store.load_csv_text(
          FactKind::title,
          csv("year,title,unit,date", {"2018,全省平安建设先进县（区）,商州区,2019-01-16"}),
          "titles2.csv", LoadPolicy::keep_good_rows);
      expect_rejected(report, 2, 23, "is given at");
      CHECK(report.rejected[0].message.find("2019-01-15") != std::string::npos);
    }
    SUBCASE("a unit with an added alias is no duplicate") {
      const LoadReport report = store.load_csv_text(
          FactKind::unit, csv("name,unit_kind,parent,aliases", {"长安区,县区,西安市,长安;长安县"}),
          "units3.csv", LoadPolicy::all_or_nothing);
      CHECK(report.ok());
      CHECK(report.rows_added == 1);
      CHECK(store.resolve_unit("长安县") == id(store, "长安区"));
    }
  }

  TEST_CASE("facts: host calls validate the same way and are labelled") {
    FactStore store(shangluo());
    const std::vector<EventInput> rows = {
        {Date{2018, 5, 2}, "通报", "商南县", "市综治委", "", "", "", std::nullopt, std::nullopt,
         ""},
        {Date{2018, 1, 5}, "通报", "商南县", "市综治委", "", "", "", std::nullopt, std::nullopt,
         ""},
        {Date{2018, 2, 30}, "通报", "商南县", "市综治委", "", "", "", std::nullopt, std::nullopt,
         ""},
    };
    const LoadReport failed = store.add_events(rows, "host: survey import");
    expect_rejected(failed, 3, 0, "date: 2018-02-30 does not exist");
    CHECK(failed.rejected[0].file == "host: survey import");
    CHECK(store.event_count() == 0);

    const LoadReport report = store.add_events(std::span(rows).first(2), "host: survey import");
    REQUIRE(report.ok());
    const auto notices = store.events(id(store, "通报"), id(store, "商南县"));
    REQUIRE(notices.size() == 2);
    CHECK(mandate::to_date(notices[0].date) == Date{2018, 1, 5});
    CHECK(notices[0].source.line == 0);
    CHECK(store.source_name(notices[0].source.file) == "host: survey import");

    const std::vector<mandate::UnitInput> units = {{"板桥镇", "镇办", "商州区", {"板桥"}, ""},
                                                   {"板桥村", "创建对象", "板桥", {}, ""}};
    REQUIRE(store.add_units(units, "host: units").ok());
    CHECK(store.unit_parent(id(store, "板桥村")) == id(store, "板桥镇"));
    const std::vector<mandate::TitleInput> titles = {
        {2018, "县区级命名", "板桥村", Date{2018, 11, 20}, "平安村（社区）"},
        {2018, "县区级命名", "市公安局", std::nullopt, "平安单位"}};
    const LoadReport title_report =
        store.add_titles(titles, "host: titles", LoadPolicy::keep_good_rows);
    expect_rejected(title_report, 2, 0,
                    "'市公安局' is a 部门; the title '县区级命名' is for 镇办, 村社区, 创建对象");
    CHECK(title_report.rows_added == 1);
    CHECK(store.title_held(id(store, "县区级命名"), id(store, "板桥村"), 2018)->source.line == 0);
    const std::vector<mandate::MeasureInput> measures = {
        {2018, "公众安全感", "板桥镇", 95.5, std::nullopt, std::nullopt}};
    REQUIRE(store.add_measures(measures, "host: survey").ok());
    CHECK(store.measure(id(store, "公众安全感"), id(store, "板桥"), 2018)->value ==
          doctest::Approx(95.5));
    const std::vector<mandate::PublishedInput> published = {{2018, "两率一度", "全市镇办",
                                                             Statistic::rank, "板桥镇", 3, 98,
                                                             std::nullopt, std::nullopt}};
    REQUIRE(store.add_published(published, "host: city").ok());
    CHECK(
        store
            .published(id(store, "两率一度"), id(store, "全市镇办"), Statistic::size, no_name, 2018)
            ->value == 98);
  }

  TEST_CASE("facts: a title held per programme names its programme, one naming per programme") {
    // `title 县区级命名 : county … of 县区推荐品牌`: the county-level naming of a brand.
    FactStore store(shangluo());
    const std::vector<mandate::UnitInput> units = {{"东关村", "创建对象", "商州区", {}, ""}};
    REQUIRE(store.add_units(units, "host: units").ok());
    const std::vector<mandate::TitleInput> titles = {
        {2018, "县区级命名", "东关村", Date{2018, 11, 10}, "平安村（社区）"},
        {2018, "县区级命名", "东关村", Date{2018, 11, 12}, "平安家庭"},  // a second naming
        {2018, "县区级命名", "东关村", std::nullopt, ""},                // no programme
        {2018, "县区级命名", "东关村", std::nullopt, "平安县（区）"},    // not one of its own
        {2018, "县区级命名", "东关村", std::nullopt, "县区推荐品牌"},    // a group
        {2018, "全省平安建设先进县（区）", "商州区", std::nullopt, "平安村（社区）"}};
    const LoadReport report = store.add_titles(titles, "host: titles", LoadPolicy::keep_good_rows);
    INFO(dump(report.rejected));
    REQUIRE(report.rejected.size() == 4);
    CHECK(report.rows_added == 2);
    CHECK(report.rejected[0].message.find("is held per programme: name the one it is held in") !=
          std::string::npos);
    CHECK(report.rejected[1].message.find("is held in 平安镇（办）, 平安村（社区）") !=
          std::string::npos);
    CHECK(report.rejected[1].message.find("not in '平安县（区）'") != std::string::npos);
    CHECK(report.rejected[2].message.find("县区推荐品牌") != std::string::npos);
    CHECK(report.rejected[3].message.find("is not held per programme") != std::string::npos);

    const NameId title = id(store, "县区级命名");
    const NameId unit = id(store, "东关村");
    const auto in_village = store.title_held(title, unit, 2018, id(store, "平安村（社区）"));
    REQUIRE(in_village);
    CHECK(mandate::to_date(in_village->date) == Date{2018, 11, 10});
    const auto in_family = store.title_held(title, unit, 2018, id(store, "平安家庭"));
    REQUIRE(in_family);
    CHECK(mandate::to_date(in_family->date) == Date{2018, 11, 12});
    CHECK(!store.title_held(title, unit, 2018, id(store, "平安单位")));
    CHECK(!store.title_held(title, unit, 2017, id(store, "平安村（社区）")));
    // Asked without a programme: held in any, the first conferred.
    const auto any = store.title_held(title, unit, 2018);
    REQUIRE(any);
    CHECK(mandate::to_date(any->date) == Date{2018, 11, 10});
  }

  TEST_CASE("facts: rows as text are read as CSV cells, with the host's labels") {
    FactStore store(shangluo());
    using Cell = std::optional<std::string_view>;
    // Columns in any order, optional ones left out; an absent cell is nullopt.
    const std::vector<std::string_view> columns = {"unit", "date", "event", "by"};
    const std::vector<Cell> cells = {"商南县", "2018-05-02", "通报", "市综治委",    //
                                     "商南",   "2018-02-30", "通报", std::nullopt,  //
                                     "商南县", "2018/7/11",  "约谈", "市综治委",    //
                                     "商洛",   "2018-07-11", "约谈", "市综治委"};
    const LoadReport failed = store.add_text_rows(FactKind::event, columns, cells, "survey");
    REQUIRE(failed.rejected.size() == 3);
    CHECK(failed.rows_read == 4);
    CHECK(failed.rejected[0].line == 2);
    CHECK(failed.rejected[0].column == 0);
    CHECK(failed.rejected[0].message == "date: 2018-02-30 does not exist (2018-02 has 28 days)");
    CHECK(failed.rejected[1].line == 3);
    CHECK(failed.rejected[2].line == 4);
    CHECK(failed.rejected[1].message.find("'2018/7/11' is not a date") != std::string::npos);
    CHECK(failed.rejected[2].message.find("unit: unknown unit '商洛'") != std::string::npos);
    CHECK(failed.rejected[0].file == "survey");
    CHECK(store.event_count() == 0);

    const LoadReport kept =
        store.add_text_rows(FactKind::event, columns, cells, "survey", LoadPolicy::keep_good_rows);
    CHECK(kept.rows_added == 1);
    const auto notices = store.events(id(store, "通报"), id(store, "商南县"));
    REQUIRE(notices.size() == 1);
    CHECK(store.source_name(notices[0].source.file) == "survey");

    // Wrong columns reject the call before any row is read, as a CSV header does.
    const std::vector<std::string_view> wrong = {"dat", "event", "unit", "event"};
    const LoadReport header = store.add_text_rows(FactKind::event, wrong, cells, "survey");
    REQUIRE(header.rejected.size() == 3);
    CHECK(header.rows_read == 0);
    CHECK(header.rejected[0].line == 0);
    CHECK(header.rejected[0].message.find("unknown column 'dat' for event facts; did you mean "
                                          "'date'?") == 0);
    CHECK(header.rejected[1].message == "column 'event' appears twice");
    CHECK(header.rejected[2].message.find("missing required column 'date'") == 0);
    const LoadReport ragged =
        store.add_text_rows(FactKind::event, columns, std::span(cells).first(5), "survey");
    REQUIRE(ragged.rejected.size() == 1);
    CHECK(ragged.rejected[0].message == "5 cells do not make rows of the 4 columns");

    // Units with aliases as a ';' list, and a number as text.
    const std::vector<std::string_view> unit_columns = {"name", "unit_kind", "parent", "aliases"};
    const std::vector<Cell> unit_cells = {"板桥镇", "镇办", "商州区", "板桥;板桥街道"};
    REQUIRE(store.add_text_rows(FactKind::unit, unit_columns, unit_cells, "units").ok());
    CHECK(store.resolve_unit("板桥街道") == id(store, "板桥镇"));
    const std::vector<std::string_view> measure_columns = {"year", "metric", "subject", "value"};
    const std::vector<Cell> measure_cells = {"2018", "公众安全感", "板桥", "95.5",  //
                                             "2018", "两率一度",   "板桥", "95.5%"};
    const LoadReport measures = store.add_text_rows(
        FactKind::measure, measure_columns, measure_cells, "survey", LoadPolicy::keep_good_rows);
    CHECK(measures.rows_added == 1);
    expect_rejected(measures, 2, 0, "value: '95.5%'");
    CHECK(store.measure(id(store, "公众安全感"), id(store, "板桥镇"), 2018)->value ==
          doctest::Approx(95.5));
    const std::vector<Cell> invalid = {"2018", "公众安全感", "板桥\xFF", "1"};
    const LoadReport bytes =
        store.add_text_rows(FactKind::measure, measure_columns, invalid, "survey");
    expect_rejected(bytes, 1, 0, "subject: invalid UTF-8 (byte 0xFF)");
  }

  TEST_CASE("facts: dates") {
    CHECK(mandate::to_day_number(Date{1970, 1, 1}) == 0);
    CHECK(mandate::to_day_number(Date{2018, 2, 27}) == 17589);
    CHECK(mandate::to_date(17589) == Date{2018, 2, 27});
    CHECK(mandate::to_date(mandate::to_day_number(Date{2020, 2, 29})) == Date{2020, 2, 29});
    CHECK(mandate::to_date(-1) == Date{1969, 12, 31});
    CHECK(mandate::fact_kind_name(FactKind::published) == "published");
  }

  TEST_CASE("facts: memory grows with events and stays under 64 bytes an event") {
    FactStore store(shangluo());
    const std::size_t empty = store.memory_bytes();
    CHECK(empty > 0);
    const mandate::Plan& plan = store.plan();
    std::vector<EventInput> rows;
    rows.reserve(100'000);
    for (std::size_t i = 0; rows.size() < 100'000; ++i) {
      const auto& body = plan.bodies[i % plan.bodies.size()];
      const auto& event = plan.events[(i / plan.bodies.size()) % plan.events.size()];
      const auto day =
          static_cast<mandate::DayNumber>(17532 + i / (plan.bodies.size() * plan.events.size()));
      rows.push_back(EventInput{mandate::to_date(day), event.name, body.name, "", "", "", "",
                                std::nullopt, std::nullopt, ""});
    }
    const LoadReport first = store.add_events(std::span(rows).first(50'000), "generated");
    REQUIRE(first.ok());
    const std::size_t half = store.memory_bytes();
    CHECK(half > empty);
    const LoadReport second = store.add_events(std::span(rows).subspan(50'000), "generated");
    REQUIRE(second.ok());
    CHECK(store.event_count() == 100'000);
    const std::size_t full = store.memory_bytes();
    CHECK(full > half);
    const double per_event = static_cast<double>(full) / 100'000.0;
    MESSAGE("bytes per event: ", per_event);
    CHECK(per_event < 64.0);
    // Every span is in date order.
    for (const auto& event : plan.events) {
      const auto span =
          store.events(store.find_name(event.name), store.find_name(plan.bodies[0].name));
      CHECK(std::is_sorted(span.begin(), span.end(),
                           [](const auto& a, const auto& b) { return a.date < b.date; }));
    }
  }

}  // TEST_SUITE

// Bad and big input (issue 15): codes and fields, what each file gave,
// inputs that give nothing, encodings, control characters, caps and limits.
TEST_SUITE("facts") {
  TEST_CASE("facts: rejected rows carry a code and a field") {
    FactStore store(shangluo());
    const LoadReport report = store.load_csv_text(
        FactKind::event,
        csv("date,event,unit,by,to,programme,candidate,until",
            {"2018-03-16,创建方案,商州去,,市综治办,,,", "2018-02-30,创建方案,商州区,,,,,",
             ",创建方案,商州区,,,,,", "2018-03-16,创建方案,商州区,,,,,2018-03-01",
             "2018-03-16,创建方案,商州区,,市综治办,八大领域x,,"}),
        "events.csv", LoadPolicy::keep_good_rows);
    INFO(dump(report.rejected));
    REQUIRE(report.rejected.size() == 5);
    const auto row = [&](std::uint32_t line) {
      for (const RejectedRow& r : report.rejected)
        if (r.line == line) return r;
      FAIL("no rejected row at line ", line);
      return RejectedRow{};
    };
    CHECK(row(2).code == mandate::Code::unknown_name);
    CHECK(row(2).field == "unit");
    CHECK(row(3).code == mandate::Code::invalid_date);
    CHECK(row(3).field == "date");
    CHECK(row(4).code == mandate::Code::missing_field);
    CHECK(row(4).field == "date");
    CHECK(row(5).code == mandate::Code::bad_value);
    CHECK(row(5).field == "until");
    CHECK(row(6).code == mandate::Code::unknown_name);
    CHECK(row(6).field == "programme");
    // The header: an unknown column, a missing one.
    const LoadReport header = store.load_csv_text(FactKind::measure, "year,metric,subjekt,value\n",
                                                  "measures.csv", LoadPolicy::all_or_nothing);
    REQUIRE(header.rejected.size() == 2);
    CHECK(header.rejected[0].code == mandate::Code::missing_field);  // the row as a whole
    CHECK(header.rejected[0].field == "subject");
    CHECK(header.rejected[1].code == mandate::Code::unknown_name);
    // JSON Lines: a member twice, a host call's field.
    const LoadReport json = store.load_json_lines_text(
        R"({"kind": "unit", "name": "新街道", "name": "新街道", "unit_kind": "镇办"})",
        "facts.jsonl", LoadPolicy::all_or_nothing);
    REQUIRE(json.rejected.size() == 1);
    CHECK(json.rejected[0].code == mandate::Code::duplicate_name);
    CHECK(json.rejected[0].field == "name");
    const std::vector<mandate::MeasureInput> measures = {
        {2018, "不存在的指标", "商州区", 1, std::nullopt, std::nullopt}};
    const LoadReport host = store.add_measures(measures, "host: survey");
    REQUIRE(host.rejected.size() == 1);
    CHECK(host.rejected[0].code == mandate::Code::unknown_name);
    CHECK(host.rejected[0].field == "metric");
  }

  TEST_CASE("facts: a JSON Lines line with a NUL is rejected, not cut short at it") {
    // nlohmann/json ends its input at a NUL: a valid object, a NUL, then
    // anything was loaded as the object alone (found by the jsonl fuzz target).
    FactStore store(shangluo());
    const std::string line(
        "{\"kind\":\"unit\",\"name\":\"新街道\",\"unit_kind\":\"镇办\","
        "\"parent\":\"商州区\"}\0{\"x\\u\":1}",
        86);
    REQUIRE(line.back() == '}');
    const LoadReport report =
        store.load_json_lines_text(line, "facts.jsonl", LoadPolicy::keep_good_rows);
    INFO(dump(report.rejected));
    REQUIRE(report.rejected.size() == 1);
    CHECK(report.rejected[0].line == 1);
    CHECK(report.rejected[0].message == "not valid JSON: a NUL byte; fact files are UTF-8 text");
    CHECK(report.rows_added == 0);
  }

  TEST_CASE("facts: JSON Lines units first, and a line that only looks like a unit is read after") {
    FactStore store(shangluo());
    // Line 1 names a town declared on line 3; line 2 has a unit's kind inside a
    // member before its own: it is an event, read in the second pass, where its
    // unknown member is reported; line 4 is a plain event, read from the batch.
    const LoadReport report = store.load_json_lines_text(
        "{\"kind\":\"event\",\"date\":\"2018-03-01\",\"event\":\"创建方案\",\"unit\":\"新街道\"}\n"
        "{\"x\":{\"kind\":\"unit\"},\"kind\":\"event\",\"date\":\"2018-03-02\",\"event\":"
        "\"创建方案\",\"unit\":\"商州区\"}\n"
        "{\"kind\": \"unit\", \"name\": \"新街道\", \"unit_kind\": \"镇办\", \"parent\": "
        "\"商州区\"}\n"
        "{\"kind\":\"event\",\"date\":\"2018-03-03\",\"event\":\"创建方案\",\"unit\":\"商州区\"}\n",
        "facts.jsonl", LoadPolicy::keep_good_rows);
    INFO(dump(report.rejected));
    REQUIRE(report.rejected.size() == 1);
    CHECK(report.rejected[0].line == 2);
    CHECK(report.rejected[0].column == 2);
    CHECK(report.rejected[0].message.starts_with("unknown member 'x' for event facts"));
    CHECK(report.rows_read == 4);
    CHECK(report.rows_added == 3);
  }

  TEST_CASE("facts: each file says what it gave, and an input that gives nothing says so") {
    FactStore store(shangluo());
    const LoadReport loaded = mandate::load_fact_path(store, fixtures, LoadPolicy::all_or_nothing);
    INFO(dump(loaded.rejected));
    REQUIRE(loaded.ok());
    REQUIRE(loaded.files.size() == 6);  // five CSV files, one JSON Lines file
    CHECK(loaded.files[0].file.ends_with("units.csv"));
    std::size_t added = 0;
    for (const mandate::FileLoad& file : loaded.files) {
      CHECK(file.rows_added > 0);
      CHECK(file.rejected == 0);
      added += file.rows_added;
    }
    CHECK(added == loaded.rows_added);
    CHECK(loaded.warnings.empty());

    const LoadReport header_only = store.load_csv_text(FactKind::event, "date,event,unit\n",
                                                       "events.csv", LoadPolicy::all_or_nothing);
    CHECK(header_only.ok());
    REQUIRE(header_only.warnings.size() == 1);
    CHECK(header_only.warnings[0].code == mandate::Code::no_facts);
    CHECK(header_only.warnings[0].message == "no facts: the file has a header and no rows");
    const LoadReport empty =
        store.load_json_lines_text("\n  \n", "facts.jsonl", LoadPolicy::all_or_nothing);
    CHECK(empty.ok());
    REQUIRE(empty.warnings.size() == 1);
    CHECK(empty.warnings[0].message == "no facts: the file has no lines");
    REQUIRE(empty.files.size() == 1);
    CHECK(empty.files[0].rows_read == 0);
  }

  TEST_CASE("facts: missing paths, empty folders and folders named like files are errors") {
    namespace fs = std::filesystem;
    const fs::path folder = fs::temp_directory_path() / "mandate-facts-folders";
    fs::remove_all(folder);
    fs::create_directories(folder / "empty");
    fs::create_directories(folder / "named" / "events.csv");
    FactStore store(shangluo());
    LoadReport report =
        mandate::load_fact_path(store, (folder / "none.csv").string(), LoadPolicy::all_or_nothing);
    REQUIRE(report.rejected.size() == 1);
    CHECK(report.rejected[0].code == mandate::Code::io);
    CHECK(report.rejected[0].message == "cannot read the file: No such file or directory");
    report =
        mandate::load_fact_path(store, (folder / "empty").string(), LoadPolicy::all_or_nothing);
    REQUIRE(report.rejected.size() == 1);
    CHECK(report.rejected[0].code == mandate::Code::no_facts);
    report =
        mandate::load_fact_path(store, (folder / "named").string(), LoadPolicy::all_or_nothing);
    REQUIRE(report.warnings.size() == 1);
    CHECK(report.warnings[0].file.ends_with("events.csv"));
    CHECK(report.rejected.size() == 1);  // and no fact file is left
    // A folder given as a file.
    report = store.load_csv(FactKind::event, (folder / "named" / "events.csv").string(),
                            LoadPolicy::all_or_nothing);
    REQUIRE(report.rejected.size() == 1);
    CHECK(report.rejected[0].message == "cannot read the file: it is a directory");
    fs::remove_all(folder);
  }

  TEST_CASE("facts: a file over the limit is refused from its size, before it is read") {
    namespace fs = std::filesystem;
    const fs::path file = fs::temp_directory_path() / "mandate-facts-huge-events.csv";
    { std::ofstream create(file); }
    fs::resize_file(file, mandate::max_fact_file_bytes + 1);  // sparse: no disk is used
    FactStore store(shangluo());
    for (const LoadReport& report :
         {store.load_csv(FactKind::event, file.string(), LoadPolicy::all_or_nothing),
          store.load_json_lines(file.string(), LoadPolicy::all_or_nothing)}) {
      REQUIRE(report.rejected.size() == 1);
      CHECK(report.rejected[0].code == mandate::Code::input_limit);
      CHECK(report.rejected[0].message.find("fact files are limited to 4294967294 bytes") !=
            std::string::npos);
    }
    fs::remove(file);
  }

  TEST_CASE("facts: GBK and UTF-16 files are said once, with the command that converts them") {
    const std::string units = read_text(fixtures + "units.csv");
    // GBK for 镇办 and 商州区, as a Chinese Windows saves them.
    const std::string gbk_rows =
        "name,unit_kind,parent\n"
        "\xC9\xCC\xD6\xDD\xC7\xF8\xB3\xC7\xB9\xD8,\xD5\xF2\xB0\xEC,\xC9\xCC\xD6\xDD\xC7\xF8\n"
        "\xB4\xF3\xD5\xD4\xD3\xF8,\xD5\xF2\xB0\xEC,\xC9\xCC\xD6\xDD\xC7\xF8\n";
    std::string gbk;
    for (int i = 0; i < 500; ++i)
      gbk += i == 0 ? gbk_rows : gbk_rows.substr(gbk_rows.find('\n') + 1);
    FactStore store(shangluo());
    LoadReport report =
        store.load_csv_text(FactKind::unit, gbk, "units.csv", LoadPolicy::all_or_nothing);
    INFO(dump(report.rejected));
    REQUIRE(report.rejected.size() == 1);  // not one per row
    CHECK(report.rejected[0].code == mandate::Code::invalid_utf8);
    CHECK(report.rejected[0].message ==
          "the file is not UTF-8: it looks like GBK; convert it: iconv -f GBK -t UTF-8 "
          "'units.csv' > 'units.utf8.csv'");
    report = store.load_json_lines_text(gbk, "facts.jsonl", LoadPolicy::all_or_nothing);
    REQUIRE(report.rejected.size() == 1);
    CHECK(report.rejected[0].message.find("iconv -f GBK -t UTF-8") != std::string::npos);
    // UTF-16, with and without a byte order mark.
    std::string utf16 = "\xFF\xFE";
    for (const char c : std::string_view("name,unit_kind,parent\nx,y,z\n")) (utf16 += c) += '\0';
    for (const std::string& text : {utf16, utf16.substr(2)}) {
      report = store.load_csv_text(FactKind::unit, text, "units.csv", LoadPolicy::all_or_nothing);
      REQUIRE(report.rejected.size() == 1);
      CHECK(report.rejected[0].message.find("it looks like UTF-16; convert it: iconv -f UTF-16") !=
            std::string::npos);
    }
    // UTF-8 with one damaged character is not GBK: that row alone is wrong.
    report = store.load_csv_text(FactKind::unit, units + "\xE5\x95,镇办,商州区\n", "units.csv",
                                 LoadPolicy::all_or_nothing);
    REQUIRE(report.rejected.size() == 1);
    CHECK(report.rejected[0].message.starts_with("invalid UTF-8 (byte 0xE5)"));
  }

  TEST_CASE("facts: control characters: NUL in a name rejected, all escaped in messages") {
    FactStore store(shangluo());
    constexpr char nul_csv[] = "name,unit_kind,parent\n\"新\0街道\",镇办,商州区\n";
    const std::string nul_name(nul_csv, sizeof nul_csv - 1);
    LoadReport report =
        store.load_csv_text(FactKind::unit, nul_name, "units.csv", LoadPolicy::all_or_nothing);
    INFO(dump(report.rejected));
    REQUIRE(report.rejected.size() == 1);
    CHECK(report.rejected[0].message ==
          "name: '新\\0街道' holds a control character (a NUL, a tab, …): names are printable "
          "text");
    CHECK(report.rejected[0].field == "name");
    CHECK(store.find_name(std::string_view("新\0街道", 10)) == no_name);
    report = store.load_json_lines_text(
        R"({"kind": "unit", "name": "新街道", "unit_kind": "镇办", "aliases": ["新\u0000街"]})",
        "facts.jsonl", LoadPolicy::all_or_nothing);
    REQUIRE(report.rejected.size() == 1);
    CHECK(report.rejected[0].message.starts_with("aliases: '新\\0街' holds a control character"));
    // An unknown name with an escape sequence and invalid bytes: escaped.
    report = store.load_csv_text(FactKind::event,
                                 "date,event,unit\n2018-03-16,创建方案,\"商\x1b[31m州\xFF\"\n",
                                 "events.csv", LoadPolicy::all_or_nothing);
    REQUIRE(report.rejected.size() == 1);
    CHECK(report.rejected[0].message.find("\x1b") == std::string::npos);
  }

  TEST_CASE("facts: a file of bad rows lists the first 1,000 and counts the rest") {
    std::string text = "name,unit_kind,parent\n";
    for (int i = 0; i < 3000; ++i) text += "街道" + std::to_string(i) + ",不存在,商州区\n";
    FactStore store(shangluo());
    const LoadReport report =
        store.load_csv_text(FactKind::unit, text, "units.csv", LoadPolicy::keep_good_rows);
    CHECK(report.rejected.size() == mandate::max_listed_rejections);
    CHECK(report.rejected_unlisted == 3000 - mandate::max_listed_rejections);
    REQUIRE(report.files.size() == 1);
    CHECK(report.files[0].rejected == 3000);
    CHECK_FALSE(report.ok());
  }

  TEST_CASE("facts: the holiday calendar survives a copy, and a snapshot keeps its own") {
    // Found while adding the store's count of rows left out: the store's copy
    // (made when a load follows a snapshot) dropped the calendar, and a
    // calendar load wrote into the data a snapshot shares.
    const auto day = [](unsigned month, unsigned d) {
      return mandate::to_day_number(Date{2018, month, d});
    };
    FactStore store(shangluo());
    const std::vector<mandate::CalendarInput> national_day = {
        {Date{2018, 10, 1}, false, "国庆节", ""}};
    REQUIRE(store.add_calendar(national_day, "host: calendar").ok());
    const FactStore before_events = store.snapshot();
    const std::vector<EventInput> filed = {
        {Date{2018, 3, 16}, "创建方案", "商州区", "", "", "", "", std::nullopt, std::nullopt, ""}};
    REQUIRE(store.add_events(filed, "host: events").ok());  // the store copies its data
    CHECK_FALSE(store.is_working_day(day(10, 1)));          // Monday, a holiday
    CHECK(store.calendar_covers(2018));
    CHECK_FALSE(before_events.is_working_day(day(10, 1)));
    const FactStore before_more = store.snapshot();
    const std::vector<mandate::CalendarInput> more = {{Date{2018, 10, 2}, false, "国庆节", ""}};
    REQUIRE(store.add_calendar(more, "host: more").ok());
    CHECK_FALSE(store.is_working_day(day(10, 2)));
    CHECK(before_more.is_working_day(day(10, 2)));  // Tuesday, as it was
  }

  TEST_CASE(
      "facts: the rows listed are a file's first 1,000, whatever order they were checked in") {
    // Units of one kind settle by name (decision 0065): 街道999 before 街道1000.
    std::string text = "name,unit_kind,parent\n";
    for (int i = 3000; i > 0; --i) text += "街道" + std::to_string(i) + ",不存在,商州区\n";
    FactStore store(shangluo());
    const LoadReport report =
        store.load_csv_text(FactKind::unit, text, "units.csv", LoadPolicy::keep_good_rows);
    REQUIRE(report.rejected.size() == mandate::max_listed_rejections);
    CHECK(report.rejected_unlisted == 3000 - mandate::max_listed_rejections);
    for (std::size_t i = 0; i < report.rejected.size(); ++i)
      CHECK(report.rejected[i].line == i + 2);
  }

  TEST_CASE("facts: a load of units of one kind numbers them by name") {
    // The report's order, which evaluation walks: the store's arrays by name
    // id are then read in sequence (decision 0065).
    FactStore store(shangluo());
    REQUIRE(store
                .load_csv_text(FactKind::unit,
                               csv("name,unit_kind,parent", {"镇B,镇办,商州区", "镇A,镇办,商州区"}),
                               "towns.csv", LoadPolicy::all_or_nothing)
                .ok());
    CHECK(id(store, "镇A") < id(store, "镇B"));
    REQUIRE(store
                .load_csv_text(FactKind::unit,
                               csv("name,unit_kind,parent",
                                   {"村C,村社区,镇B", "村A,村社区,镇B", "村B,村社区,镇A"}),
                               "villages.csv", LoadPolicy::all_or_nothing)
                .ok());
    CHECK(id(store, "村A") < id(store, "村B"));
    CHECK(id(store, "村B") < id(store, "村C"));
    CHECK(store.unit_parent(id(store, "村B")) == id(store, "镇A"));
    // Units of several kinds keep the file's order: parents first.
    REQUIRE(store
                .load_csv_text(FactKind::unit,
                               csv("name,unit_kind,parent",
                                   {"镇D,镇办,商州区", "村D,村社区,镇D", "镇C,镇办,商州区"}),
                               "mixed.csv", LoadPolicy::all_or_nothing)
                .ok());
    CHECK(id(store, "镇D") < id(store, "村D"));
    CHECK(id(store, "村D") < id(store, "镇C"));
  }

  TEST_CASE("facts: rows naming a unit declared before them keep the file's order") {
    // `reports_to` names "a unit declared before it", and the first row to
    // claim a name as an alias has it: such loads settle in the file's order.
    FactStore store(shangluo());
    const LoadReport reports = store.load_csv_text(
        FactKind::unit,
        csv("name,unit_kind,parent,reports_to", {"镇Z,镇办,商州区,", "镇A,镇办,商州区,镇Z"}),
        "units.csv", LoadPolicy::all_or_nothing);
    REQUIRE(reports.ok());
    CHECK(store.unit_superior(id(store, "镇A")) == id(store, "镇Z"));
    const LoadReport aliases = store.load_csv_text(
        FactKind::unit,
        csv("name,unit_kind,parent,aliases", {"镇Y,镇办,商州区,简称", "镇B,镇办,商州区,简称"}),
        "more-units.csv", LoadPolicy::keep_good_rows);
    REQUIRE(aliases.rejected.size() == 1);
    CHECK(aliases.rejected[0].line == 3);
    CHECK(store.resolve_unit(id(store, "简称")) == id(store, "镇Y"));
  }

  TEST_CASE("facts: wide JSON Lines lines cost in proportion to their members") {
    // 80,000 members took 9.4 s when each was compared with all before it.
    std::string line = R"({"kind": "unit", "name": "新街道", "unit_kind": "镇办")";
    for (int i = 0; i < 80'000; ++i) line += ", \"x" + std::to_string(i) + "\": 1";
    line += ", \"x79999\": 2}";
    FactStore store(shangluo());
    const LoadReport report =
        store.load_json_lines_text(line, "facts.jsonl", LoadPolicy::all_or_nothing);
    REQUIRE(report.rejected.size() == 1);
    CHECK(report.rejected[0].message == "member 'x79999' appears twice");
    CHECK(report.rejected[0].code == mandate::Code::duplicate_name);
  }

  TEST_CASE("facts: did-you-mean is bounded for long names and many units") {
    // One 16 KiB unknown name against every unit: no suggestion, at once.
    FactStore store(shangluo());
    std::string units = "name,unit_kind,parent\n";
    for (int i = 0; i < 20'000; ++i) units += "街道" + std::to_string(i) + ",镇办,商州区\n";
    REQUIRE(
        store.load_csv_text(FactKind::unit, units, "units.csv", LoadPolicy::all_or_nothing).ok());
    std::string long_name;
    for (int i = 0; i < 5'000; ++i) long_name += "街";
    const LoadReport report = store.load_csv_text(
        FactKind::event, "date,event,unit\n2018-03-16,创建方案," + long_name + "\n", "events.csv",
        LoadPolicy::all_or_nothing);
    REQUIRE(report.rejected.size() == 1);
    CHECK(report.rejected[0].message.find("did you mean") == std::string::npos);
    // A typo still gets its suggestion.
    const LoadReport typo =
        store.load_csv_text(FactKind::event, "date,event,unit\n2018-03-16,创建方案,街道1999x\n",
                            "events.csv", LoadPolicy::all_or_nothing);
    REQUIRE(typo.rejected.size() == 1);
    CHECK(typo.rejected[0].message.ends_with("did you mean '街道1999'?"));
  }

  // Issue 13: the official holiday calendar (节假日安排) is a kind of fact.
  TEST_CASE("facts: the holiday calendar — holidays, make-up working days, the notice per row") {
    FactStore store(shangluo());
    const std::string header = "date,day,name,source";
    const LoadReport good =
        store.load_csv_text(FactKind::calendar,
                            csv(header, {"2018-12-29,workday,元旦,国办发明电〔2018〕15号",
                                         "2018-12-31,holiday,元旦,国办发明电〔2018〕15号",
                                         "2018-12-31,holiday,元旦,国办发明电〔2018〕15号"}),
                            "calendar.csv", LoadPolicy::all_or_nothing);
    INFO(dump(good.rejected));
    REQUIRE(good.ok());
    CHECK(good.rows_added == 2);
    CHECK(good.duplicates.size() == 1);  // the same row twice: stored once
    CHECK(good.warnings.empty());
    // A make-up working day on a weekday changes nothing: a slipped date,
    // said (a new-user trial), and kept.
    const LoadReport weekday =
        store.load_csv_text(FactKind::calendar, csv(header, {"2019-02-13,workday,春节,"}),
                            "calendar2.csv", LoadPolicy::all_or_nothing);
    CHECK(weekday.ok());
    REQUIRE(weekday.warnings.size() == 1);
    CHECK(weekday.warnings[0].line == 2);
    CHECK(weekday.warnings[0].message ==
          "day: 2019-02-13 is a Wednesday, a working day anyway: a make-up working day (workday) "
          "is a Saturday or a Sunday; is the date right?");
    const auto day = [](int y, unsigned m, unsigned d) {
      return mandate::to_day_number({y, m, d});
    };
    CHECK(store.is_working_day(day(2018, 12, 29)));        // a Saturday made a working day
    CHECK_FALSE(store.is_working_day(day(2018, 12, 31)));  // a Monday off
    CHECK_FALSE(store.is_working_day(day(2018, 12, 30)));  // an ordinary Sunday
    CHECK(store.is_working_day(day(2018, 12, 28)));        // an ordinary Friday
    const auto listed = store.calendar_day(day(2018, 12, 31));
    REQUIRE(listed);
    CHECK(listed->name == "元旦");
    CHECK(listed->notice == "国办发明电〔2018〕15号");
    CHECK(store.source_name(listed->source.file) == "calendar.csv");
    CHECK(listed->source.line == 3);
    CHECK_FALSE(store.calendar_day(day(2018, 12, 28)));
    CHECK(store.calendar_covers(2018));
    CHECK_FALSE(store.calendar_covers(2021));

    SUBCASE("bad rows") {
      const LoadReport bad = store.load_csv_text(
          FactKind::calendar,
          csv(header,
              {"2018-12-31,workday,元旦,", "2019-02-30,holiday,春节,", "2019-02-04,off,春节,"}),
          "bad.csv", LoadPolicy::keep_good_rows);
      INFO(dump(bad.rejected));
      REQUIRE(bad.rejected.size() == 3);
      CHECK(bad.rejected[0].code == mandate::Code::contradiction);
      CHECK(bad.rejected[0].message.find("2018-12-31 is a holiday (元旦) at calendar.csv:3") !=
            std::string::npos);
      CHECK(bad.rejected[1].code == mandate::Code::invalid_date);
      CHECK(bad.rejected[2].field == "day");
      CHECK(bad.rejected[2].message.find("unknown day 'off'") != std::string::npos);
    }
    SUBCASE("JSON Lines and host calls") {
      const LoadReport json = store.load_json_lines_text(
          R"({"kind": "calendar", "date": "2019-10-12", "day": "workday", "name": "国庆节"})"
          "\n",
          "calendar.jsonl", LoadPolicy::all_or_nothing);
      INFO(dump(json.rejected));
      REQUIRE(json.ok());
      CHECK(store.is_working_day(day(2019, 10, 12)));
      const std::vector<mandate::CalendarInput> rows = {{Date{2019, 10, 1}, false, "国庆节", ""}};
      REQUIRE(store.add_calendar(rows, "host: calendar").ok());
      CHECK_FALSE(store.is_working_day(day(2019, 10, 1)));
      CHECK(store.calendar_day(day(2019, 10, 1))->source.line == 0);
    }
  }
}

TEST_CASE("facts: a percentage written as a fraction is warned about once per metric") {
  // Found by a new-user trial: 0.97 for 97% was read as 0.97% without a word,
  // where the same slip in a plan or a --param gets M0013.
  FactStore store(shangluo());
  const LoadReport loaded = store.load_csv_text(FactKind::measure,
                                                "year,metric,subject,value\n"
                                                "2018,公众安全感,商洛市,0.97\n"
                                                "2018,平安创建知晓率,商洛市,86.3\n"
                                                "2019,公众安全感,商洛市,0.95\n",
                                                "measures.csv", LoadPolicy::all_or_nothing);
  CHECK(loaded.ok());
  CHECK(loaded.rows_added == 3);
  REQUIRE(loaded.warnings.size() == 1);
  CHECK(loaded.warnings[0].code == mandate::Code::type_mismatch);
  CHECK(loaded.warnings[0].line == 2);
  CHECK(loaded.warnings[0].column == 16);  // characters, not bytes
  CHECK(loaded.warnings[0].message ==
        "value: 0.97 for the percentage '公众安全感' is 0.97%, not 97%: write 97 if the fraction "
        "was meant (said once for '公众安全感' in this load)");
  // A published average too (a second trial: 0.85 was read as 0.85%, silently).
  const LoadReport average = store.load_csv_text(FactKind::published,
                                                 "year,metric,group,statistic,unit,value,out_of\n"
                                                 "2018,两率一度,全市镇办,average,,0.85,\n",
                                                 "published.csv", LoadPolicy::all_or_nothing);
  INFO(dump(average.rejected));
  CHECK(average.ok());
  REQUIRE(average.warnings.size() == 1);
  CHECK(average.warnings[0].line == 2);
  CHECK(average.warnings[0].message.starts_with(
      "value: 0.85 for the percentage '两率一度' is 0.85%, not 85%"));
}

TEST_CASE("facts: a measure given out of the order of its unit's ids is found, and contradicted") {
  // The store holds a column of measures in an array over the units' name
  // ids (decision 0064): a unit whose measure comes before those of the
  // units loaded just before it must stay found when the array reaches it.
  FactStore store(shangluo());
  std::vector<mandate::UnitInput> units;
  std::vector<std::string> names;
  for (int i = 0; i < 1000; ++i) names.push_back(fmt::format("测试{:04}镇", i));
  for (const std::string& name : names) units.push_back({name, "镇办", "商州区", {}, ""});
  REQUIRE(store.add_units(units, "host: units").ok());
  std::vector<mandate::MeasureInput> measures;
  const auto measure = [&](int i, double value) {
    return mandate::MeasureInput{2018,  "公众安全感", names[static_cast<std::size_t>(i)],
                                 value, std::nullopt, std::nullopt};
  };
  for (int i = 0; i < 100; ++i) measures.push_back(measure(i, 50));
  measures.push_back(measure(900, 50));  // out of place
  for (int i = 100; i < 1000; ++i)
    if (i != 900) measures.push_back(measure(i, 50));
  REQUIRE(store.add_measures(measures, "host: survey").ok());
  const NameId metric = id(store, "公众安全感");
  for (int i = 0; i < 1000; ++i) {
    CAPTURE(i);
    const auto found = store.measure(metric, id(store, names[static_cast<std::size_t>(i)]), 2018);
    REQUIRE(found);
    CHECK(found->value == 50);
  }
  const std::vector<mandate::MeasureInput> contradiction = {measure(900, 99)};
  const LoadReport report = store.add_measures(contradiction, "host: correction");
  expect_rejected(report, 1, 0, "value: 99 contradicts 50");
  CHECK(store.measure(metric, id(store, names[900]), 2018)->value == 50);
}

TEST_CASE("facts: a measure column by id is validated row by row as add_measures validates") {
  FactStore store(shangluo());
  std::vector<mandate::UnitInput> units;
  std::vector<std::string> names;
  for (int i = 0; i < 200; ++i) names.push_back(fmt::format("列{:03}镇", i));
  for (const std::string& name : names) units.push_back({name, "镇办", "商州区", {}, ""});
  REQUIRE(store.add_units(units, "host: units").ok());

  // Names to ids, many at once, as one at a time: units, an alias, unknown
  // names, a body of the plan that is no unit, the empty name.
  std::vector<std::string_view> asked;
  for (std::size_t i = 0; i < names.size(); i += 3) asked.push_back(names[i]);
  for (const std::string_view other : {"板桥", "不存在", "", "公众安全感", "商州区"})
    asked.push_back(other);
  std::vector<NameId> resolved(asked.size(), 12345);
  store.resolve_units(asked, resolved);
  for (std::size_t i = 0; i < asked.size(); ++i) {
    CAPTURE(asked[i]);
    CHECK(resolved[i] == store.resolve_unit(asked[i]));
  }
  CHECK(resolved[resolved.size() - 4] == no_name);

  std::vector<NameId> ids(names.size());
  std::vector<std::string_view> views(names.begin(), names.end());
  store.resolve_units(views, ids);
  std::vector<double> values;
  for (std::size_t i = 0; i < ids.size(); ++i) values.push_back(50 + static_cast<double>(i % 40));
  std::reverse(ids.begin(), ids.end());  // in any order
  std::reverse(values.begin(), values.end());
  mandate::MeasureColumn column;
  column.metric = "公众安全感";
  column.year = 2018;
  column.subjects = ids;
  column.values = values;
  const LoadReport added = store.add_measure_column(column, "host: survey");
  INFO(dump(added.rejected));
  REQUIRE(added.ok());
  CHECK(added.rows_read == 200);
  CHECK(added.rows_added == 200);
  const NameId metric = id(store, "公众安全感");
  for (std::size_t i = 0; i < ids.size(); ++i)
    CHECK(store.measure(metric, ids[i], 2018)->value == values[i]);

  SUBCASE("bad rows are named by their index, with the reason add_measures gives") {
    const NameId first = store.resolve_unit(names[0]);
    const NameId second = store.resolve_unit(names[1]);
    const std::vector<NameId> subjects = {first,
                                          store.resolve_unit("商州区"),  // 县区: measured per 县区
                                          id(store, "公众安全感"),       // not a unit
                                          store.resolve_unit("商州区")};
    const std::vector<double> given = {99, 3.5, 1, std::nan("")};
    column.metric = "城镇社区未见天数";  // a count per 县区
    column.subjects = subjects;
    column.values = given;
    const LoadReport report = store.add_measure_column(column, "host: days");
    INFO(dump(report.rejected));
    REQUIRE(report.rejected.size() == 4);
    CHECK(report.rejected[0].line == 1);
    CHECK(report.rejected[0].message ==
          "subject: '列000镇' is a 镇办; '城镇社区未见天数' is measured per 县区");
    CHECK(report.rejected[1].line == 2);
    CHECK(report.rejected[1].message == "value: 3.5 is not a count (a whole number, 0 or more)");
    CHECK(report.rejected[2].line == 3);
    CHECK(report.rejected[2].code == mandate::Code::unknown_name);
    CHECK(report.rejected[3].line == 4);
    CHECK(report.rejected[3].message == "value: not a finite number");
    CHECK(report.rows_added == 0);  // all or nothing

    column.metric = "平安创建知晓率";
    const std::vector<NameId> one = {first};
    const std::vector<double> seventy = {70};
    column.subjects = one;
    column.values = seventy;
    REQUIRE(store.add_measure_column(column, "host: first").ok());
    const std::vector<NameId> again = {first, second, second, second};
    const std::vector<double> values_again = {99, 60, 60, 61};
    column.subjects = again;
    column.values = values_again;
    const LoadReport repeated =
        store.add_measure_column(column, "host: again", LoadPolicy::keep_good_rows);
    INFO(dump(repeated.rejected));
    REQUIRE(repeated.rejected.size() == 2);
    CHECK(repeated.rejected[0].line == 1);  // against the store
    CHECK(
        repeated.rejected[0].message.starts_with("value: 99 contradicts 70 for '平安创建知晓率' of "
                                                 "'列000镇' in 2018, given at host call"));
    CHECK(repeated.rejected[1].line == 4);  // against row 2 of this call
    CHECK(repeated.rejected[1].message.starts_with("value: 61 contradicts 60"));
    CHECK(repeated.rows_added == 1);  // row 2; row 3 is row 2 again, stored once
    CHECK(store.measure(id(store, "平安创建知晓率"), second, 2018)->value == 60);
  }
  SUBCASE("a problem of the column as a whole rejects the call at line 0") {
    const std::vector<NameId> two = {ids[0], ids[1]};
    const std::vector<double> one = {1};
    column.subjects = two;
    column.values = one;
    expect_rejected(store.add_measure_column(column, "host"), 0, 0,
                    "2 subjects and 1 values: a column gives one value per subject");
    column.values = std::vector<double>{1, 2};
    column.metric = "不存在的指标";
    const LoadReport unknown = store.add_measure_column(column, "host");
    REQUIRE(unknown.rejected.size() == 1);
    CHECK(unknown.rejected[0].line == 0);
    CHECK(unknown.rejected[0].field == "metric");
    column.metric = "覆盖率";  // computed by the plan
    CHECK(store.add_measure_column(column, "host").rejected.size() == 1);
  }
}
