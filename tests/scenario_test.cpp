// Scenario files (docs/scenarios.md): what the reader accepts and what it
// says about what it does not (issue 15: a byte order mark, years given
// twice or as 2018abc, a thread count, an unreadable file).
#include <mandate/scenario.hpp>

#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

/// Writes `text` as a scenario beside the Shangluo plan's folder and reads
/// it; the errors, one per line.
std::string read_errors(const std::string& text) {
  const fs::path path = fs::temp_directory_path() /
                        ("mandate-scenario-test-" + std::to_string(::getpid()) + ".scenario");
  std::ofstream(path, std::ios::binary) << text;
  std::vector<mandate::ScenarioError> errors;
  (void)mandate::read_scenario(path.string(), errors);
  fs::remove(path);
  std::string out;
  for (const mandate::ScenarioError& error : errors)
    out += std::to_string(error.line) + ": " + error.message + "\n";
  return out;
}

const std::string head = "plan " MANDATE_SOURCE_DIR
                         "/examples/shangluo-2018/shangluo.plan\n"
                         "as_of 2019-03-31\n";
const std::string expectation = "expect deadline 县区方案备案 山阳县 2018 missed\n";

/// Writes `text` as a scenario and runs it.
mandate::ScenarioResult run(const std::string& text) {
  const fs::path path = fs::temp_directory_path() /
                        ("mandate-scenario-run-" + std::to_string(::getpid()) + ".scenario");
  std::ofstream(path, std::ios::binary) << text;
  mandate::ScenarioResult result = mandate::run_scenario(path.string());
  fs::remove(path);
  return result;
}

}  // namespace

TEST_CASE("scenario: a UTF-8 byte order mark is not part of the text") {
  CHECK(read_errors("\xEF\xBB\xBF" + head + "years 2018\n" + expectation) == "");
  // Elsewhere it is a character like any other, escaped in the message.
  CHECK(read_errors(head + "\xEF\xBB\xBFyears 2018\n" + expectation) ==
        "3: cannot read '\xEF\xBB\xBFyears 2018': expected scenario, plan, facts, years, as_of, "
        "param, threads, expect or a facts block such as 'events:'\n");
}

TEST_CASE("scenario: years: four digits, each once") {
  CHECK(read_errors(head + "years 2018 2018\n" + expectation) == "3: year 2018 is given twice\n");
  CHECK(read_errors(head + "years 2018abc\n" + expectation) ==
        "3: '2018abc' is not a year: four digits (2018) are expected\n");
  CHECK(read_errors(head + "years 2018\n" + expectation +
                    "expect deadline 县区方案备案 山阳县 2018x missed\n") ==
        "5: '2018x' is not a year or a period (2018, 2018-H1, 2018-Q3, 2018-07, 2018-W14)\n");
  // A 53rd week of a year of 52 says so, as the fact loaders do.
  CHECK(read_errors(head + "years 2018\n" + expectation +
                    "expect deadline 县区方案备案 山阳县 2019-W53 missed\n") ==
        "5: '2019-W53' (2019 has 52 ISO weeks) is not a year or a period (2018, 2018-H1, 2018-Q3, "
        "2018-07, 2018-W14)\n");
  CHECK(read_errors(head + "years 2018\nexpect deadline 县区方案备案 山阳县 2018 late days 3x\n") ==
        "4: days '3x' is not a number of days (0 or more)\n");
}

TEST_CASE("scenario: scenario, plan, as_of and threads are given once") {
  // A new-user trial: a second as_of silently replaced the first.
  CHECK(read_errors(head + "years 2018\nas_of 2019-06-15\n" + expectation) ==
        "4: 'as_of' is given twice (first on line 2): a scenario has one\n");
  CHECK(read_errors(head + "plan other.plan\nyears 2018\n" + expectation) ==
        "3: 'plan' is given twice (first on line 1): a scenario has one\n");
  CHECK(read_errors(head + "years 2018\nthreads 2\nthreads 3\n" + expectation) ==
        "5: 'threads' is given twice (first on line 4): a scenario has one\n");
}

TEST_CASE("scenario: threads: a whole number from 1 to max_threads") {
  CHECK(read_errors(head + "threads 4\n" + expectation) == "");
  for (const char* bad : {"0", "-1", "abc", "4294967297", "100000"})
    CHECK(read_errors(head + "threads " + bad + "\n" + expectation) ==
          std::string("3: threads '") + bad +
              "': a whole number of threads from 1 to 256 is expected" +
              (std::string_view(bad).size() > 3 ? " (the limit: docs/reliability.md)" : "") + "\n");
}

TEST_CASE("scenario: an unreadable file, plan or fact file gives the reason, as M0020") {
  std::vector<mandate::ScenarioError> errors;
  CHECK_FALSE(mandate::read_scenario("/no-such/a.scenario", errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message == "cannot read the file: No such file or directory");
  CHECK(errors[0].code == mandate::Code::io);
  const mandate::ScenarioResult result = mandate::run_scenario(MANDATE_SOURCE_DIR "/examples");
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].message == "cannot read the file: it is a directory");
  CHECK(result.unreadable());
  CHECK(result.name == "examples");  // named after the file, which could not name itself
  // A plan or a fact file the scenario names, in the one form of an I/O error.
  for (const std::string& named :
       {std::string("plan /no-such.plan\nas_of 2019-03-31\n"), head + "facts /no-such.csv\n"}) {
    const mandate::ScenarioResult missing = run(named + "years 2018\n" + expectation);
    REQUIRE(missing.errors.size() == 1);
    CHECK(missing.unreadable());
    CHECK(missing.errors[0].code == mandate::Code::io);
    CHECK(mandate::render_results({missing}).find(
              missing.errors[0].file + ": error[M0020]: cannot read the file: No such file or "
                                       "directory\n") != std::string::npos);
  }
  CHECK_FALSE(run(head + "years 2018\n" + expectation).unreadable());
  // Over the limit: M0003, from the size, unread.
  const fs::path huge = fs::temp_directory_path() /
                        ("mandate-scenario-huge-" + std::to_string(::getpid()) + ".scenario");
  std::ofstream(huge, std::ios::binary).put('#');
  fs::resize_file(huge, (16 << 20) + 1);
  const mandate::ScenarioResult over = mandate::run_scenario(huge.string());
  fs::remove(huge);
  REQUIRE(over.errors.size() == 1);
  CHECK(over.errors[0].code == mandate::Code::input_limit);
  CHECK(
      over.errors[0].message ==
      "the file is 16777217 bytes; scenarios are limited to 16777216 bytes (docs/reliability.md)");
  CHECK(over.unreadable());
}

TEST_CASE("scenario: facts that give nothing fail the scenario (M0023)") {
  const mandate::ScenarioResult result =
      run(head + "years 2018\n" + expectation + "\nevents:\ndate,event,unit\n");
  CHECK_FALSE(result.passed());
  CHECK_FALSE(result.unreadable());
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].code == mandate::Code::no_facts);
  CHECK(result.errors[0].line == 7);  // the block's header
  CHECK(result.errors[0].message.find("no facts") != std::string::npos);
  CHECK(mandate::render_results({result}).find(":7: error[M0023]: no facts") != std::string::npos);
}

TEST_CASE("scenario: an error in the text does not hide the errors of its fact rows") {
  // One run reports both: the bad expectation and the bad row.
  const mandate::ScenarioResult result =
      run(head + "years 2018\n" + "expect deadline 县区方案备案 山阳县 2018 missd\n" +
          "\nevents:\ndate,event,unit\n2018-02-30,创建方案,山阳县\n");
  CHECK_FALSE(result.passed());
  std::string lines;
  for (const mandate::ScenarioError& error : result.errors)
    lines += std::to_string(error.line) + ": " + error.message + "\n";
  INFO(lines);
  CHECK(lines.find("4: 'missd' is not an outcome") != std::string::npos);
  CHECK(lines.find("8: column 1: date: 2018-02-30 does not exist") != std::string::npos);
  CHECK(result.results.empty());  // not evaluated
}

TEST_CASE("scenario: a control character in a word, a name or a path is escaped") {
  CHECK(read_errors(head + "years 2018\nexpect \x1B[2J 县区方案备案 山阳县 2018 m\x1B\n" +
                    expectation) ==
        "4: '\\x1B[2J' is not a kind of verdict (deadline, campaign, prerequisite, target, goal, "
        "sanction, award, quota)\n"
        "4: 'm\\x1B' is not an outcome (met, late, missed, pending, applies, …)\n");
  CHECK(read_errors(head + "years 2018\n" + expectation + "\n\x1B:\n") ==
        "6: '\\x1B:' is not a kind of fact; expected units:, events:, titles:, measures:, "
        "published: or calendar:\n");
  CHECK(read_errors("plan " MANDATE_SOURCE_DIR "/examples/shangluo-2018/shangluo.plan\nas_of "
                    "\x1B\nyears 2018\n" +
                    expectation)
            .find("'\\x1B' is not a date") != std::string::npos);
  // The results: a name, a subject and a detail with an escape, a failing expectation.
  const mandate::ScenarioResult result =
      run("scenario a\x1B[2Jb\n" + head +
          "years 2018\nexpect deadline 县区方案备案 山阳\x1B县 2018 missed detail \"\x1B\"\n");
  const std::string out = mandate::render_results({result});
  CHECK(out.starts_with("a\\x1B[2Jb ("));
  CHECK(out.find("山阳\\x1B县") != std::string::npos);
  CHECK(out.find('\x1B') == std::string::npos);
}

TEST_CASE("scenarios: an 'expect' right under a facts block's rows is reported where it is") {
  CHECK(read_errors(head + "years 2018\nevents:\ndate,event,unit\n2018-03-01,创建方案,山阳县\n" +
                    expectation) ==
        "7: an 'expect' inside a facts block: end the block with a blank line first\n"
        "0: a scenario needs at least one 'expect'\n");
}

TEST_CASE("scenario: escalation, notices and consequences are expectations too") {
  // The bundled safety-inspection facts: 西街村 fails its checks and is
  // referred to 城关镇, the town it reports to (`refer to superior(self)`).
  const std::string plan = "plan " MANDATE_SOURCE_DIR
                           "/examples/safety-inspection/safety-inspection.plan\n"
                           "facts " MANDATE_SOURCE_DIR
                           "/examples/safety-inspection/facts\n"
                           "years 2019\nas_of 2020-01-31\n";
  const std::string verdict = "expect sanction 村排查不力 西街村 2019 applies";
  const auto passed = [&](const std::string& options) {
    const mandate::ScenarioResult result = run(plan + verdict + options + "\n");
    REQUIRE(result.errors.empty());
    REQUIRE(result.results.size() == 1);
    return result.results.front().passed;
  };
  CHECK(passed(" escalates_to 城关镇 consequence refer"));
  CHECK_FALSE(passed(" escalates_to 县安委办"));  // not on its chain
  CHECK_FALSE(passed(" consequence deduct"));
  CHECK_FALSE(passed(" notice_by 城关镇"));  // a referral is not a notice
  const mandate::ScenarioResult wrong = run(plan + verdict + " escalates_to 县安委办\n");
  REQUIRE(wrong.results.size() == 1);
  CHECK(wrong.results.front().difference.find("escalates_to [城关镇]") != std::string::npos);
  CHECK(read_errors(head + "expect sanction 村排查不力 西街村 2019 applies refers 城关镇\n") ==
        "3: 'refers' is not an expectation option (days, detail, missing, withheld_by, "
        "escalates_to, notice_by, consequence)\n");
}

TEST_CASE("scenario: an expectation that names a unit by an alias is told its own name") {
  // A new user's finding: "no such verdict", with no word of the alias.
  const mandate::ScenarioResult result =
      run(head + "facts " MANDATE_SOURCE_DIR
                 "/examples/shangluo-2018/facts\nyears 2018\n"
                 "expect deadline 县区方案备案 商丹园区 2018 met\n");
  REQUIRE(result.errors.empty());
  REQUIRE(result.results.size() == 1);
  CHECK_FALSE(result.results.front().passed);
  CHECK(result.results.front().difference.ends_with(
      "(商丹园区 is an alias of 商洛高新区（商丹园区）: an expectation names the unit by its own "
      "name)"));
}

TEST_CASE("scenario: the report names the scenario, even one with errors, and each period") {
  // Two expectations about one year's halves print apart.
  const mandate::ScenarioResult halves = run(
      "scenario 半年\n" + head + "years 2018\nexpect deadline 半年工作汇报 商州区 2018-H1 met\n");
  const std::string out = mandate::render_results({halves});
  CHECK(out.starts_with("半年 ("));
  CHECK(out.find(" expect deadline 半年工作汇报 商州区 2018-H1 met") != std::string::npos);
  // A scenario whose text has an error keeps the name it gave itself.
  const mandate::ScenarioResult bad = run("scenario 坏的\n" + head + "years 20x9\n" + expectation);
  CHECK(bad.name == "坏的");
  CHECK(mandate::render_results({bad}).starts_with("坏的 ("));
}

TEST_CASE("scenario: a parameter without spaces around '=' is told the form") {
  CHECK(read_errors(head + "years 2018\nparam 扣分=3\n" + expectation) ==
        "4: cannot read 'param 扣分=3': write 'param NAME = VALUE', with spaces around '='\n");
}
