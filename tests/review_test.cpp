// Tests of the review stage (include/mandate/review.hpp, decision 0044):
// sentences of the source text, quotes found with white space ignored, a
// quote not found (M0025) with the closest passage, `not_executable`,
// coverage, and the HTML page's structure and escaping. The page in a
// real browser is tests/review/browser_test.sh.
#include <mandate/check.hpp>
#include <mandate/parse.hpp>
#include <mandate/review.hpp>

#include "review/original.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

using mandate::Code;
using mandate::Review;
using mandate::SourceFile;

namespace {

struct Reviewed {
  SourceFile plan;
  SourceFile original;
  mandate::ParseResult parsed;
  Review review;

  Reviewed(std::string plan_text, std::string original_text)
      : plan("t.plan", std::move(plan_text)),
        original("t.txt", std::move(original_text)),
        parsed(mandate::parse(plan)),
        review(mandate::review(parsed.file, plan, original)) {
    REQUIRE(parsed.diagnostics.empty());
    const mandate::CheckResult checked = mandate::check(parsed.file, plan);
    for (const auto& d : checked.diagnostics) INFO(d.message);
    REQUIRE(checked.plan);
  }
};

constexpr std::string_view header = R"(plan "试点方案" {
  issued 2018-02-27
  effective 2018..2020
  source "t.txt"
)";

constexpr std::string_view declarations = R"(}
kind 部门
body 县综治办 : 部门
event 方案 : document
programme 平安村 : brand { responsible 县综治办 }
)";

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("review: sentences end at 。；！？ and at line breaks; closing marks stay") {
  const mandate::review_detail::Original text(
      "标题\n\n  第一句，有逗号。第二句；“第三句！”第四句？\r\n最后一行没有句号\n");
  REQUIRE(text.paragraphs().size() == 3);
  const auto& s = text.sentences();
  REQUIRE(s.size() == 6);
  CHECK(s[0].text == "标题");
  CHECK(s[1].text == "第一句，有逗号。");
  CHECK(s[1].line == 3);
  CHECK(s[1].paragraph == 1);
  CHECK(s[2].text == "第二句；");
  CHECK(s[3].text == "“第三句！”");
  CHECK(s[4].text == "第四句？");
  CHECK(s[5].text == "最后一行没有句号");
  CHECK(s[5].paragraph == 2);
}

TEST_CASE("review: a quote matches across line breaks and spaces, and nothing else is forgiven") {
  const mandate::review_detail::Original text("到2020年，全县80%以上的村\n  达到标准。\n");
  CHECK(text.find("全县80%以上的村达到标准").size() == 1);
  CHECK(text.find("全县 80% 以上的村\u3000达到标准").size() == 1);
  CHECK(text.find("全县80%以上的村,达到标准").empty());  // an ASCII comma is not in the text
  CHECK(text.find("全县90%以上").empty());
  CHECK(text.find("  ").empty());  // nothing but white space quotes nothing
  const auto range = text.find("村达到");
  REQUIRE(range.size() == 1);
  // A line break ends a sentence: a quote across it covers both lines.
  CHECK(text.sentences_in(range[0]) == std::vector<std::size_t>{0, 1});
}

TEST_CASE("review: quotes cover sentences, rules without a quote and not_executable counted") {
  const Reviewed r(
      std::string(header) + "  not_executable \"一、总则\"\n" + std::string(declarations) +
          R"(stage 备案 of 平安村 quote "各镇于3月20日前报送方案" {
  obligated 县综治办
  deliver 方案
  due by 03-20 quote "逾期不报的，通报批评"
}
stage 检查 of 平安村 {
  obligated 县综治办
  deliver 方案
  due by 12-31
}
)",
      "一、总则\n各镇于3月20日前报送方案；逾期不报的，通报批评。\n县综治办年底检查。\n");
  CHECK(r.review.diagnostics.empty());
  REQUIRE(r.review.sentences.size() == 4);
  CHECK_FALSE(r.review.sentences[0].executable);
  CHECK(r.review.executable_sentences() == 3);
  CHECK(r.review.covered_sentences() == 2);
  // programme 平安村 and stage 检查 quote nothing; stage 备案 quotes twice.
  REQUIRE(r.review.rules.size() == 3);
  CHECK(r.review.unquoted_rules() == 2);
  CHECK(r.review.rules[1].name == "备案");
  CHECK(r.review.rules[1].quotes.size() == 2);
  CHECK(r.review.rules[1].sentences == std::vector<std::size_t>{1, 2});
  const std::string coverage = mandate::render_coverage(r.review, r.plan);
  CHECK(coverage.find("2 of 3 executable sentences quoted (66.7%); 1 not executable") !=
        std::string::npos);
  CHECK(coverage.find("rules quoting the source: 1 of 3 (33.3%)") != std::string::npos);
  CHECK(coverage.find("t.plan:10:1: programme 平安村") != std::string::npos);
  CHECK(coverage.find("t.plan:16:1: stage 检查") != std::string::npos);
  CHECK(coverage.find("t.txt:3: 县综治办年底检查。") != std::string::npos);
}

TEST_CASE("review: a quote not in the source is M0025 at the quote, with the closest passage") {
  const Reviewed r(std::string(header) + std::string(declarations) +
                       "stage 备案 of 平安村 原文 \"各镇于3月31日前报送方案\" {\n"
                       "  obligated 县综治办\n  deliver 方案\n  due by 03-20\n}\n",
                   "总则。\n各镇于3月20日前报送方案；\n县综治办年底检查。\n");
  REQUIRE(r.review.diagnostics.size() == 1);
  const mandate::Diagnostic& d = r.review.diagnostics[0];
  CHECK(d.code == Code::quote_not_found);
  CHECK(mandate::code_name(d.code) == "M0025");
  CHECK(d.file == "t.plan");
  CHECK(d.position == mandate::Position{10, 20});  // the opening quote mark
  CHECK(d.message == "quote not found in t.txt: “各镇于3月31日前报送方案”");
  REQUIRE(d.notes.size() == 2);
  CHECK(d.notes[1].message == "closest passage, t.txt:2: “各镇于3月20日前报送方案；”");
  CHECK(r.review.rules[1].quotes[0].occurrences == 0);
}

TEST_CASE("review: a not_executable text not in the source is M0025 too") {
  const Reviewed r(std::string(header) + "  not_executable \"序言\"\n" + std::string(declarations),
                   "总则。\n");
  REQUIRE(r.review.diagnostics.size() == 1);
  CHECK(r.review.diagnostics[0].message.starts_with("not_executable text not found in t.txt"));
}

TEST_CASE("review: quotes in a plan that names no source are M0025") {
  const SourceFile plan("t.plan", R"(plan "无原文" quote "标题" {
  issued 2018-02-27
  effective 2018..2020
}
)");
  const auto parsed = mandate::parse(plan);
  CHECK_FALSE(mandate::source_reference(parsed.file));
  const auto diagnostics = mandate::quotes_without_source(parsed.file, plan);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].code == Code::quote_not_found);
  CHECK(diagnostics[0].position == mandate::Position{1, 18});
}

TEST_CASE("review: the checker takes quotes on any statement, strings only") {
  const SourceFile plan("t.plan", std::string(header) + std::string(declarations) +
                                      "stage 备案 of 平安村 quote 方案 {\n"
                                      "  obligated 县综治办\n  deliver 方案\n  due by 03-20\n}\n");
  const auto checked = mandate::parse_and_check(plan);
  REQUIRE(checked.diagnostics.size() == 1);
  CHECK(checked.diagnostics[0].code == Code::type_mismatch);
  CHECK(checked.diagnostics[0].message ==
        "'quote' takes strings: the words of the source text, in quotes");
  const SourceFile language("t.plan", R"(plan "方案" {
  issued 2018-02-27
  effective 2018..2020
  language fr
}
)");
  const auto bad = mandate::parse_and_check(language);
  REQUIRE(bad.diagnostics.size() == 1);
  CHECK(bad.diagnostics[0].message == "'language' is 'zh' or 'en'");
}

TEST_CASE("review: the page escapes the source and the plan, and has no external resource") {
  const Reviewed r(std::string(header) + std::string(declarations) +
                       "stage 备案 of 平安村 quote \"<b>报送</b> & 备案\" {\n"
                       "  obligated 县综治办\n  deliver 方案\n  due by 03-20\n}\n",
                   "各镇<b>报送</b> & 备案；\n<script>alert(1)</script>\n");
  CHECK(r.review.diagnostics.empty());
  const std::string html = mandate::render_review_html(r.review, r.plan);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("各镇&lt;b&gt;报送&lt;/b&gt; &amp; 备案；") != std::string::npos);
  CHECK(html.find("http") == std::string::npos);
  CHECK(html.find(" src=") == std::string::npos);
  CHECK(
      html.find("<span class=\"sentence covered\" id=\"s1\" data-line=\"1\" data-rules=\"r2\">") !=
      std::string::npos);
  CHECK(html.find("<span class=\"sentence uncovered\" id=\"s2\"") != std::string::npos);
  CHECK(html.find("<article class=\"rule unquoted\" id=\"r1\" data-rule=\"r1\">") !=
        std::string::npos);
}

TEST_CASE("review: the test plan under tests/plans/review checks, at 5 of 6 sentences") {
  const std::string folder = MANDATE_SOURCE_DIR "/tests/plans/review/";
  const Reviewed r(read(folder + "village.plan"), read(folder + "source.txt"));
  CHECK(r.review.diagnostics.empty());
  CHECK(r.review.sentences.size() == 11);
  CHECK(r.review.executable_sentences() == 6);
  CHECK(r.review.covered_sentences() == 5);
  CHECK(r.review.unquoted_rules() == 1);
}
