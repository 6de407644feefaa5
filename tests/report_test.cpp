// Reports people read (issue 16, §3) and what hosts need around them (§2):
// the JSON's header and nulls, the office's web page, the CSV, the
// calendar; load_plan, digests, snapshots, corrections and lifetimes.
#include <mandate/evaluate.hpp>
#include <mandate/facts.hpp>
#include <mandate/load.hpp>
#include <mandate/report.hpp>
#include <mandate/version.hpp>

#include "support/flat_map.hpp"
#include "support/sha256.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <dirent.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>

#include <algorithm>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

using namespace mandate;

namespace {

const std::string plan_path = MANDATE_SOURCE_DIR "/examples/shangluo-2018/shangluo.plan";
const std::string facts_path = MANDATE_SOURCE_DIR "/examples/shangluo-2018/facts";

struct Shangluo {
  PlanLoad plan = load_plan(plan_path);
  FactStore facts{plan.plan};
  Shangluo() { REQUIRE(load_fact_path(facts, facts_path, LoadPolicy::all_or_nothing).ok()); }
};

Shangluo& shangluo() {
  static Shangluo world;
  return world;
}

Report evaluate_2018(const FactStore& facts, Explanations explanations = Explanations::full) {
  EvaluationOptions options;
  options.years = {2018};
  options.as_of = Date{2019, 3, 31};
  options.explanations = explanations;
  EvaluationResult result = evaluate(facts, options);
  REQUIRE(result.report);
  return std::move(*result.report);
}

std::size_t count(std::string_view text, std::string_view what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string_view::npos; at = text.find(what, at + 1))
    ++n;
  return n;
}

const Verdict* find_verdict(const Report& report, std::string_view rule, std::string_view subject,
                            std::string_view detail) {
  for (const Verdict& verdict : report.verdicts)
    if (verdict.rule == rule && verdict.subject == subject && verdict.detail == detail)
      return &verdict;
  return nullptr;
}

/// 县区方案备案's filing of 创建方案 by a county.
EventInput filing(Date date, std::string_view unit) {
  EventInput row;
  row.date = date;
  row.event = "创建方案";
  row.unit = unit;
  row.to = "市综治办";
  row.programme = "九大品牌";
  return row;
}

MeasureInput measure(std::string_view subject, double value) {
  MeasureInput row;
  row.year = 2018;
  row.metric = "公众安全感";
  row.subject = subject;
  row.value = value;
  return row;
}

/// A report built by hand, with names that HTML, CSV and iCalendar must escape.
Report hostile_report() {
  Report report;
  report.plan_title = "测试方案";
  report.years = {2018};
  report.as_of = Date{2019, 3, 31};
  Verdict late;
  late.kind = VerdictKind::deadline;
  late.rule = "报送<script>alert(1)</script>";
  late.citations = {Clause{"B1", "一(一)"}};
  late.subject = "\"商州区\" & 'x'";
  late.detail = "=HYPERLINK(\"http://x\"),\n第二行";
  late.year = 2018;
  late.period = Period::of_year(2018);
  late.outcome = Outcome::late;
  late.days = 40;
  late.escalation = {EscalationLink{1, "\"商州区\" & 'x'", "市综治办", "files_with", {}}};
  late.explanation.text = "due by 2018-03-20 <b>";
  late.explanation.facts = {FactCitation{"创建方案 by 商州区", "facts/events.csv:12"}};
  Verdict met = late;
  met.outcome = Outcome::met;
  met.days.reset();
  met.detail.clear();
  met.escalation.clear();
  met.explanation = {};
  report.verdicts = {met, late};
  return report;
}

}  // namespace

TEST_CASE("reports: SHA-256 gives the digests of FIPS 180-4's examples") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  detail::Sha256 pieces;  // fed in pieces across block boundaries
  for (int i = 0; i < 1000; ++i) pieces.update(std::string(1000, 'a'));
  CHECK(pieces.hex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("reports: a verdict that cites no clause shows no empty brackets") {
  // A new user's finding: a plan without citations printed `[]` after every verdict.
  Report report;
  report.plan_title = "月报";
  Verdict verdict;
  verdict.kind = VerdictKind::deadline;
  verdict.rule = "月报送";
  verdict.subject = "甲校";
  verdict.year = 2021;
  verdict.period = Period::of_year(2021);
  verdict.outcome = Outcome::met;
  report.verdicts.push_back(verdict);
  verdict.citations = {{"P1", "三"}};
  report.verdicts.push_back(verdict);
  const std::string text = render_text(report, false, Language::en);
  CHECK(text.find("[met] 月报送 · 甲校 · 2021\n") != std::string::npos);
  CHECK(text.find("[met] 月报送 · 甲校 · 2021 [P1 三]\n") != std::string::npos);
  CHECK(text.find("[]") == std::string::npos);
}

TEST_CASE("reports: facts left out by a load that kept its good rows are said in the reports") {
  // A new user's finding: with --keep-good-rows, only standard error said that
  // rows were rejected; the JSON, the page and their readers could not tell.
  Shangluo& w = shangluo();
  FactStore facts = w.facts.snapshot();
  const LoadReport bad = facts.load_csv_text(
      FactKind::event, "date,event,unit\n2018-02-30,创建方案,商州区\n2018-03-16,创建方案,无此县\n",
      "late.csv", LoadPolicy::all_or_nothing);
  REQUIRE_FALSE(bad.ok());
  CHECK(facts.rows_left_out() == 0);  // nothing kept: nothing left out
  const LoadReport kept = facts.load_csv_text(
      FactKind::event,
      "date,event,unit\n2018-02-30,创建方案,商州区\n2018-03-16,创建方案,无此县\n"
      "2018-03-16,创建方案,商州区\n",
      "late.csv", LoadPolicy::keep_good_rows);
  CHECK(kept.rejected.size() == 2);
  CHECK(facts.rows_left_out() == 2);
  CHECK(w.facts.rows_left_out() == 0);  // the store it was taken from is as it was
  const Report report = evaluate_2018(facts, Explanations::none);
  const ReportOrigin origin = report_origin(*w.plan.source, facts);
  CHECK(origin.facts_rows_left_out == 2);
  CHECK(nlohmann::json::parse(render_json(report, origin))["facts"]["rows_left_out"] == 2);
  const std::string page = render_html(report, HtmlOptions{origin, Language::en});
  CHECK(page.find("<p id=\"facts-left-out\" class=\"left-out\">Note: 2 fact row(s) were "
                  "rejected and left out") != std::string::npos);
  CHECK(render_html(report, HtmlOptions{report_origin(*w.plan.source, w.facts), Language::en})
            .find("facts-left-out") == std::string::npos);
}

TEST_CASE("reports: the JSON names its format, version, generator, plan and facts") {
  Shangluo& w = shangluo();
  REQUIRE(w.plan.plan);
  const Report report = evaluate_2018(w.facts);
  const auto json =
      nlohmann::json::parse(render_json(report, report_origin(*w.plan.source, w.facts)));
  CHECK(json["format"] == "mandate-report");
  CHECK(json["version"] == json_report_version);
  CHECK(json["generator"]["version"] == std::string(version()));
  CHECK(json["plan"]["file"] == plan_path);
  CHECK(json["plan"]["sha256"] == sha256_hex(w.plan.source->text()));
  CHECK(json["facts"]["sha256"] == w.facts.digest());
  CHECK(json["facts"]["rows_left_out"] == 0);
  // Every verdict has every member; absent values are null, not missing.
  std::size_t nulls = 0;
  for (const auto& verdict : json["verdicts"]) {
    CHECK(verdict.size() == 16);
    nulls += verdict["days"].is_null() + verdict["detail"].is_null();
    CHECK(verdict["explanation"].is_object());
  }
  CHECK(nulls > 0);
  // Fact sources are {file, line}.
  bool found_source = false;
  for (const auto& verdict : json["verdicts"])
    for (const auto& fact : verdict["explanation"]["facts"]) {
      CHECK(fact["source"].is_object());
      found_source |= fact["source"]["line"].is_number_integer();
    }
  // The facts sit deeper than the top of the tree: look anywhere.
  const std::string text = json.dump();
  CHECK(text.find("\"source\":{\"file\":\"" MANDATE_SOURCE_DIR
                  "/examples/shangluo-2018/facts/events.csv\",\"line\":") != std::string::npos);
  (void)found_source;
  // An unknown origin is null, not an empty string.
  const auto bare = nlohmann::json::parse(render_json(report));
  CHECK(bare["plan"]["sha256"].is_null());
  CHECK(bare["facts"]["sha256"].is_null());
  CHECK(bare["plan"]["title"] == report.plan_title);
}

TEST_CASE("reports: without explanations the JSON has null, not empty objects") {
  const Report report = evaluate_2018(shangluo().facts, Explanations::none);
  const auto json = nlohmann::json::parse(render_json(report));
  REQUIRE(!json["verdicts"].empty());
  for (const auto& verdict : json["verdicts"]) CHECK(verdict["explanation"].is_null());
}

TEST_CASE("reports: the facts' digest depends on the facts, not their order or source") {
  Shangluo& w = shangluo();
  FactStore a(w.plan.plan);
  FactStore b(w.plan.plan);
  const std::vector<EventInput> events = {
      filing(Date{2018, 3, 9}, "柞水县"),
      filing(Date{2018, 3, 12}, "镇安县"),
  };
  const std::vector<EventInput> reversed(events.rbegin(), events.rend());
  REQUIRE(a.add_events(events, "one").ok());
  REQUIRE(b.add_events({reversed.data(), 1}, "two").ok());
  REQUIRE(b.add_events({reversed.data() + 1, 1}, "three").ok());
  CHECK(a.digest() == b.digest());
  CHECK(a.digest().size() == 64);
  const std::vector<MeasureInput> measures = {measure("商州区", 91.2)};
  REQUIRE(b.add_measures(measures, "four").ok());
  CHECK(a.digest() != b.digest());
  CHECK(FactStore(w.plan.plan).digest() != a.digest());
}

TEST_CASE("reports: the page puts violations first, by body, and escapes every text") {
  const Report report = hostile_report();
  const std::string page =
      render_html(report, HtmlOptions{ReportOrigin{"p.plan", "abc", ""}, std::nullopt});
  CHECK(page.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
  CHECK(page.find("<script>alert") == std::string::npos);
  CHECK(page.find("报送&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(page.find("data-body=\"&quot;商州区&quot; &amp; &#39;x&#39;\"") != std::string::npos);
  CHECK(page.find("due by 2018-03-20 &lt;b&gt;") != std::string::npos);
  // One article per verdict, the violation before the other.
  CHECK(count(page, "<article class=\"verdict") == 2);
  const auto violation = page.find("<article class=\"verdict violation\"");
  const auto other = page.find("<article class=\"verdict\" ");
  REQUIRE(violation != std::string::npos);
  REQUIRE(other != std::string::npos);
  CHECK(violation < other);
  CHECK(page.find("<dd class=\"days\">40</dd>") != std::string::npos);
  CHECK(page.find("逾期天数") != std::string::npos);  // Chinese for a Chinese plan
  CHECK(page.find("<details><summary>判定依据</summary>") != std::string::npos);
  CHECK(page.find("id=\"facts-sha256\">未知<") != std::string::npos);
  // Self-contained: nothing is loaded from elsewhere.
  CHECK(page.find(" src=") == std::string::npos);
  CHECK(page.find("<link") == std::string::npos);
  CHECK(page.find("href=") == std::string::npos);
  // English on request.
  const std::string english = render_html(report, HtmlOptions{ReportOrigin{}, Language::en});
  CHECK(english.find("<html lang=\"en\">") != std::string::npos);
  CHECK(english.find("days late") != std::string::npos);
}

TEST_CASE("reports: the page of the Shangluo report counts what the report has") {
  const Report report = evaluate_2018(shangluo().facts);
  const std::string page = render_html(report);
  CHECK(count(page, "<article class=\"verdict") == report.verdicts.size());
  const auto violations = static_cast<std::size_t>(
      std::count_if(report.verdicts.begin(), report.verdicts.end(),
                    [](const Verdict& v) { return is_violation(v.outcome); }));
  CHECK(violations > 0);
  CHECK(count(page, "<article class=\"verdict violation\"") == violations);
}

TEST_CASE(
    "reports: the CSV quotes, defuses formulas, ends lines in CRLF, and has a BOM on request") {
  const Report report = hostile_report();
  const std::string csv = render_csv(report);
  CHECK(
      csv.starts_with("kind,rule,clauses,subject,detail,year,period,outcome,violation,days,"
                      "missing,consequences,withheld_by,escalation\r\n"));
  CHECK(csv.find("\"'=HYPERLINK(\"\"http://x\"\"),\n第二行\"") != std::string::npos);
  CHECK(csv.find(",\"\"\"商州区\"\" & 'x'\",") != std::string::npos);
  CHECK(csv.find(",2018,2018,late,yes,40,") != std::string::npos);
  CHECK(csv.find(",2018,2018,met,no,,") != std::string::npos);
  CHECK(count(csv, "\r\n") == 3);
  CHECK(render_csv(report, CsvOptions{true}) == "\xEF\xBB\xBF" + csv);
  CHECK(csv_columns().size() == 14);
}

TEST_CASE("reports: a calendar of a county's duties follows RFC 5545") {
  Shangluo& w = shangluo();
  CalendarOptions options;
  options.body = "商州区";
  options.year = 2018;
  options.stamp = 1'544'140'800;  // 2018-12-07 00:00:00 UTC
  const CalendarResult result = render_calendar(w.facts, options);
  REQUIRE(result.errors.empty());
  REQUIRE(result.calendar);
  const std::string& text = *result.calendar;
  CHECK(result.events > 0);
  CHECK(count(text, "BEGIN:VEVENT\r\n") == result.events);
  CHECK(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
  CHECK(text.ends_with("END:VCALENDAR\r\n"));
  CHECK(count(text, "DTSTAMP:20181207T000000Z\r\n") == result.events);
  // 县区方案备案 is due by 03-20: an all-day event on that day.
  CHECK(text.find("DTSTART;VALUE=DATE:20180320\r\nDTEND;VALUE=DATE:20180321\r\n") !=
        std::string::npos);
  // Every line is at most 75 octets, and a fold never splits a character.
  std::size_t begin = 0;
  while (begin < text.size()) {
    const std::size_t end = text.find("\r\n", begin);
    REQUIRE(end != std::string::npos);
    CHECK(end - begin <= 75);
    if (end + 2 < text.size() && text[end + 2] == ' ')
      CHECK((static_cast<unsigned char>(text[end + 3]) & 0xC0) != 0x80);
    begin = end + 2;
  }
  CHECK(text.find('\n') == text.find("\r\n") + 1);
  // UIDs are unique and the same on every run.
  std::vector<std::string> uids;
  for (std::size_t at = text.find("UID:"); at != std::string::npos; at = text.find("UID:", at + 1))
    uids.push_back(text.substr(at, text.find("\r\n", at) - at));
  std::sort(uids.begin(), uids.end());
  CHECK(std::adjacent_find(uids.begin(), uids.end()) == uids.end());
  CHECK(render_calendar(w.facts, options).calendar == result.calendar);
  // A campaign: the last day it may start, its window in the description.
  CalendarOptions office = options;
  office.body = "市综治办";
  const CalendarResult campaign = render_calendar(w.facts, office);
  REQUIRE(campaign.calendar);
  // In the plan's language (English: the plan names none), or the one asked for.
  CHECK(campaign.calendar->find("DTSTART;VALUE=DATE:20180930\r\nDTEND;VALUE=DATE:20181001\r\n"
                                "SUMMARY:latest start: 金秋入户\r\n") != std::string::npos);
  office.language = Language::zh;
  const CalendarResult chinese = render_calendar(w.facts, office);
  REQUIRE(chinese.calendar);
  CHECK(chinese.calendar->find("SUMMARY:最迟启动: 金秋入户\r\n") != std::string::npos);
  CHECK(chinese.calendar->find("must deliver") == std::string::npos);
  // The duty, not a status frozen on January 1 (a new user's finding).
  CHECK(text.find("days left") == std::string::npos);
  CHECK(text.find("not delivered yet") == std::string::npos);
  // Errors name the calendar's options.
  options.body = "商州县";
  const CalendarResult unknown = render_calendar(w.facts, options);
  CHECK(!unknown.calendar);
  REQUIRE(!unknown.errors.empty());
  CHECK(unknown.errors.front().file.starts_with("CalendarOptions::body"));
  options.body = "商州区";
  options.year = 2017;
  const CalendarResult outside = render_calendar(w.facts, options);
  REQUIRE(!outside.errors.empty());
  CHECK(outside.errors.front().file.starts_with("CalendarOptions::year"));
}

TEST_CASE("reports: calendar text is escaped and folded on character boundaries") {
  Shangluo& w = shangluo();
  CalendarOptions options;
  options.body = "商州区";
  options.year = 2018;
  const CalendarResult result = render_calendar(w.facts, options);
  REQUIRE(result.calendar);
  // Plan titles and clauses hold commas and semicolons: escaped in TEXT.
  const std::string& text = *result.calendar;
  const std::size_t description = text.find("DESCRIPTION:");
  REQUIRE(description != std::string::npos);
  std::string unfolded;
  for (std::size_t i = description; i < text.size(); ++i) {
    if (text.compare(i, 3, "\r\n ") == 0) {
      i += 2;
      continue;
    }
    if (text.compare(i, 2, "\r\n") == 0) break;
    unfolded += text[i];
  }
  CHECK(unfolded.find("\\n") != std::string::npos);
  CHECK(unfolded.find('\n') == std::string::npos);
  for (std::size_t i = 0; i + 1 < unfolded.size(); ++i)
    if (unfolded[i] == ';' || unfolded[i] == ',') {
      REQUIRE(i > 0);
      CHECK(unfolded[i - 1] == '\\');
    }
}

TEST_CASE("embedding: load_plan reads, parses and checks, and says why it cannot") {
  const PlanLoad good = load_plan(plan_path);
  REQUIRE(good.plan);
  REQUIRE(good.source);
  CHECK(good.source->name() == plan_path);
  const PlanLoad missing = load_plan(MANDATE_SOURCE_DIR "/no-such.plan");
  CHECK(!missing.plan);
  CHECK(!missing.source);
  REQUIRE(missing.diagnostics.size() == 1);
  CHECK(missing.diagnostics[0].code == Code::io);
  CHECK(missing.diagnostics[0].message.find("No such file or directory") != std::string::npos);
  const PlanLoad folder = load_plan(MANDATE_SOURCE_DIR "/examples");
  REQUIRE(folder.diagnostics.size() == 1);
  CHECK(folder.diagnostics[0].message == "cannot read the file: it is a directory");
  const PlanLoad bad = load_plan_text("plan \"x\" {", "memory.plan");
  CHECK(!bad.plan);
  REQUIRE(bad.source);
  CHECK(has_errors(bad.diagnostics));
  CHECK(bad.diagnostics[0].file == "memory.plan");
}

TEST_CASE("embedding: a snapshot keeps its facts while the store is corrected") {
  Shangluo& w = shangluo();
  FactStore store = w.facts.snapshot();
  const FactStore before = store.snapshot();
  const std::vector<EventInput> filings = {filing(Date{2018, 3, 9}, "柞水县")};
  const LoadReport retracted = store.retract_events(filings, "correction");
  CHECK(retracted.ok());
  CHECK(retracted.rows_added == 1);
  CHECK(store.event_count() + 1 == before.event_count());
  CHECK(w.facts.event_count() == before.event_count());

  const Report old_report = evaluate_2018(before, Explanations::none);
  const Report new_report = evaluate_2018(store, Explanations::none);
  const Verdict* was = find_verdict(old_report, "县区方案备案", "柞水县", "");
  const Verdict* now = find_verdict(new_report, "县区方案备案", "柞水县", "");
  REQUIRE(was);
  REQUIRE(now);
  CHECK(was->outcome == Outcome::met);
  CHECK(now->outcome == Outcome::missed);
  CHECK(store.digest() != before.digest());

  // Retracted twice: nothing matches; all_or_nothing removes nothing else.
  const std::vector<EventInput> again = {filings[0], filing(Date{2018, 3, 12}, "镇安县")};
  const LoadReport refused = store.retract_events(again, "correction");
  CHECK(!refused.ok());
  REQUIRE(refused.rejected.size() == 1);
  CHECK(refused.rejected[0].code == Code::no_such_fact);
  CHECK(refused.rejected[0].line == 1);
  CHECK(store.event_count() + 1 == before.event_count());
  const LoadReport partly = store.retract_events(again, "correction", LoadPolicy::keep_good_rows);
  CHECK(partly.rows_added == 1);
  CHECK(store.event_count() + 2 == before.event_count());
  // Adding it back gives the facts of before.
  REQUIRE(store.add_events(again, "put back").ok());
  CHECK(store.digest() == before.digest());
}

TEST_CASE("embedding: a figure is replaced or retracted by its key") {
  Shangluo& w = shangluo();
  FactStore store = w.facts.snapshot();
  const NameId metric = store.find_name("公众安全感");
  const NameId subject = store.resolve_unit("商洛市");
  const auto old_value = store.measure(metric, subject, 2018);
  REQUIRE(old_value);
  CHECK(old_value->value == doctest::Approx(96.1));
  const std::vector<MeasureInput> corrected = {measure("商洛市", 90.5)};
  CHECK(store.add_measures(corrected, "a second value").rejected.at(0).code == Code::contradiction);
  const LoadReport replaced = store.replace_measures(corrected, "correction");
  CHECK(replaced.ok());
  CHECK(store.measure(metric, subject, 2018)->value == doctest::Approx(90.5));
  CHECK(w.facts.measure(metric, subject, 2018)->value == doctest::Approx(96.1));
  // A bad row: all_or_nothing keeps the old value.
  MeasureInput unknown_metric = measure("商洛市", 1);
  unknown_metric.metric = "没有这个指标";
  const std::vector<MeasureInput> bad = {measure("商洛市", 80), unknown_metric};
  CHECK(!store.replace_measures(bad, "bad correction").ok());
  CHECK(store.measure(metric, subject, 2018)->value == doctest::Approx(90.5));
  CHECK(store.retract_measures(corrected, "retraction").ok());
  CHECK(!store.measure(metric, subject, 2018));
  CHECK(store.retract_measures(corrected, "retraction").rejected.at(0).code == Code::no_such_fact);
}

TEST_CASE("embedding: a table stays valid after its store is gone or changed") {
  Shangluo& w = shangluo();
  std::optional<VerdictTable> table;
  std::string expected;
  {
    FactStore store = w.facts.snapshot();
    EvaluationOptions options;
    options.years = {2018};
    options.as_of = Date{2019, 3, 31};
    TableResult result = evaluate_table(store, options);
    REQUIRE(result.table);
    table = std::move(result.table);
    expected = render_json(table->report());
    std::vector<UnitInput> unit(1);
    unit[0].name = "新单位";
    unit[0].kind = "县区";
    unit[0].parent = "商洛市";
    REQUIRE(store.add_units(unit, "after the table").ok());  // copies the store once
    FactStore moved = std::move(store);
    store = std::move(moved);  // a moved-from store may be assigned
  }
  CHECK(render_json(table->report()) == expected);
  CHECK(table->subject_name(table->rows().front()) != "");
}

TEST_CASE("embedding: one thread evaluates with no thread of mandate's own") {
  const auto threads = [] {
    std::size_t n = 0;
    if (DIR* dir = opendir("/proc/self/task")) {
      while (const dirent* entry = readdir(dir)) n += entry->d_name[0] != '.';
      closedir(dir);
    }
    return n;
  };
  const std::size_t before = threads();
  REQUIRE(before > 0);
  EvaluationOptions options;
  options.years = {2018};
  options.as_of = Date{2019, 3, 31};
  options.threads = 1;
  REQUIRE(evaluate(shangluo().facts, options).report);
  CHECK(threads() == before);
}

TEST_CASE("embedding: FlatMap::erase keeps every other key findable") {
  struct Hash {
    std::size_t operator()(std::uint32_t k) const noexcept { return k % 7; }  // many collisions
  };
  detail::FlatMap<std::uint32_t, std::uint32_t, Hash> map;
  std::unordered_map<std::uint32_t, std::uint32_t> model;
  std::mt19937 random(7);
  for (int step = 0; step < 20'000; ++step) {
    const std::uint32_t key = random() % 300;
    if (random() % 3 == 0) {
      CHECK(map.erase(key) == (model.erase(key) == 1));
    } else {
      map.try_emplace(key, key * 2);
      model.try_emplace(key, key * 2);
    }
  }
  CHECK(map.size() == model.size());
  for (std::uint32_t key = 0; key < 300; ++key) {
    const std::uint32_t* value = map.find(key);
    CHECK((value != nullptr) == model.contains(key));
  }
}

TEST_CASE("embedding: a child of fork evaluates with threads and exits") {
  EvaluationOptions options;
  options.years = {2018};
  options.as_of = Date{2019, 3, 31};
  options.threads = 2;  // the parent's helpers exist before the fork
  const std::size_t verdicts = evaluate(shangluo().facts, options).report->verdicts.size();
  std::fflush(nullptr);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // ThreadSanitizer does not support threads started after a fork of a
    // threaded process: there the child evaluates on its own thread, which
    // still tests its exit.
#if defined(__SANITIZE_THREAD__)
    options.threads = 1;
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
    options.threads = 1;
#endif
#endif
    const auto report = evaluate(shangluo().facts, options).report;
    // exit() runs the static destructors: the helpers' among them.
    std::exit(report && report->verdicts.size() == verdicts ? 0 : 3);
  }
  int status = 0;
  pid_t ended = 0;
  for (int waited = 0; waited < 400 && ended == 0; ++waited) {
    ended = waitpid(child, &status, WNOHANG);
    if (ended == 0) usleep(50'000);
  }
  if (ended == 0) {
    kill(child, SIGKILL);
    waitpid(child, &status, 0);
  }
  CHECK(ended == child);  // not stuck for 20 s
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}
