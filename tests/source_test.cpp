// Tests of the source model: byte offsets → lines and character columns,
// and the rendering of diagnostics.
#include <mandate/diagnostic.hpp>
#include <mandate/source.hpp>

#include "source/utf8.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

using mandate::Code;
using mandate::Diagnostic;
using mandate::DiagnosticSink;
using mandate::Position;
using mandate::Severity;
using mandate::SourceFile;
using mandate::Span;

namespace {

std::uint32_t offset_of(std::string_view text, std::string_view needle, std::size_t from = 0) {
  const std::size_t at = text.find(needle, from);
  REQUIRE(at != std::string_view::npos);
  return static_cast<std::uint32_t>(at);
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t begin = 0;
  while (begin < text.size()) {
    const std::size_t end = text.find('\n', begin);
    if (end == std::string::npos) {
      lines.push_back(text.substr(begin));
      break;
    }
    lines.push_back(text.substr(begin, end - begin));
    begin = end + 1;
  }
  return lines;
}

/// Terminal cells of a UTF-8 string as render() lays them out: CJK
/// ideographs and full-width forms take two cells, everything else one.
std::size_t cells(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    char32_t c = lead;
    std::size_t length = 1;
    if (lead >= 0xF0) {
      length = 4, c = lead & 0x07;
    } else if (lead >= 0xE0) {
      length = 3, c = lead & 0x0F;
    } else if (lead >= 0xC0) {
      length = 2, c = lead & 0x1F;
    }
    for (std::size_t k = 1; k < length && i + k < text.size(); ++k)
      c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    const bool wide = (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xFF00 && c <= 0xFF60);
    count += wide ? 2 : 1;
    i += length;
  }
  return count;
}

/// Cell index of the first '^' in the marker line, relative to the start of
/// the excerpt text (i.e. after the " N | " gutter).
std::size_t caret_cell(const std::string& marker_line, std::size_t gutter) {
  const std::size_t at = marker_line.find('^');
  REQUIRE(at != std::string::npos);
  REQUIRE(at >= gutter);
  return at - gutter;
}

Diagnostic diagnose(const SourceFile& source, Span span, std::string message,
                    Code code = Code::syntax, Severity severity = Severity::error) {
  DiagnosticSink sink(source);
  sink.report(code, span, std::move(message), severity);
  return sink.diagnostics().front();
}

}  // namespace

TEST_CASE("SourceFile keeps its name and text") {
  const SourceFile source("a.plan", "kind 市\n");
  CHECK(source.name() == "a.plan");
  CHECK(source.text() == "kind 市\n");
}

TEST_CASE("SourceFile position counts lines and ASCII columns") {
  const SourceFile source("a.plan", "kind a\nbody b : a\n");
  CHECK(source.position(0) == Position{1, 1});
  CHECK(source.position(5) == Position{1, 6});
  CHECK(source.position(6) == Position{1, 7});  // the '\n' itself
  CHECK(source.position(7) == Position{2, 1});
  CHECK(source.position(12) == Position{2, 6});
}

TEST_CASE("SourceFile: a byte order mark is not a column of the first line") {
  const SourceFile source("a.plan", "\xEF\xBB\xBFkind 市\nkind 县\n");
  CHECK(source.position(3) == Position{1, 1});
  CHECK(source.position(0) == Position{1, 1});  // within the mark: where the text starts
  CHECK(source.position(8) == Position{1, 6});
  CHECK(source.line_text(1) == "kind 市");
  CHECK(source.line_start(1) == 3);
  CHECK(source.position(12) == Position{2, 1});
}

TEST_CASE("SourceFile position counts code points on Chinese lines") {
  const std::string text = "body 商洛高新区（商丹园区） : 县区\n  obligated 市综治办, 商州区\n";
  const SourceFile source("a.plan", text);
  // "body " is 5 characters, so 商 is column 6; （ is the 6th character of the name.
  CHECK(source.position(offset_of(text, "商洛")) == Position{1, 6});
  CHECK(source.position(offset_of(text, "（")) == Position{1, 11});
  CHECK(source.position(offset_of(text, "商丹")) == Position{1, 12});
  CHECK(source.position(offset_of(text, ":")) == Position{1, 18});
  CHECK(source.position(offset_of(text, "县区")) == Position{1, 20});
  CHECK(source.position(offset_of(text, "市综治办")) == Position{2, 13});
  CHECK(source.position(offset_of(text, "商州区")) == Position{2, 19});
}

TEST_CASE("SourceFile position counts 4-byte code points as one column") {
  const std::string text = "𠀀𠀁 x";  // two supplementary-plane ideographs
  const SourceFile source("a.plan", text);
  CHECK(source.position(offset_of(text, "x")) == Position{1, 4});
}

TEST_CASE("SourceFile position at and past the end of the text") {
  SUBCASE("text without final newline") {
    const std::string text = "kind 市\nkind 县区";
    const SourceFile source("a.plan", text);
    const auto size = static_cast<std::uint32_t>(text.size());
    CHECK(source.position(size) == Position{2, 8});
    CHECK(source.position(size + 100) == Position{2, 8});  // clamped
    CHECK(source.line_count() == 2);
  }
  SUBCASE("text with final newline") {
    const std::string text = "kind 市\n";
    const SourceFile source("a.plan", text);
    const auto size = static_cast<std::uint32_t>(text.size());
    CHECK(source.position(size) == Position{2, 1});
    CHECK(source.position(size - 1) == Position{1, 7});
  }
  SUBCASE("empty text") {
    const SourceFile source("a.plan", "");
    CHECK(source.position(0) == Position{1, 1});
    CHECK(source.position(10) == Position{1, 1});
    CHECK(source.line_count() == 1);
    CHECK(source.line_text(1).empty());
  }
}

TEST_CASE("SourceFile line_text and line_start") {
  const std::string text = "kind 市\r\nkind 县区\r\n\r\nlast";
  const SourceFile source("a.plan", text);
  CHECK(source.line_count() == 4);
  CHECK(source.line_text(1) == "kind 市");  // without "\r"
  CHECK(source.line_text(2) == "kind 县区");
  CHECK(source.line_text(3).empty());
  CHECK(source.line_text(4) == "last");
  CHECK(source.line_text(0).empty());
  CHECK(source.line_text(5).empty());
  CHECK(source.line_start(1) == 0);
  CHECK(source.line_start(2) == offset_of(text, "kind 县区"));
  CHECK(source.line_start(4) == offset_of(text, "last"));
  CHECK(source.position(offset_of(text, "县区")) == Position{2, 6});
}

TEST_CASE("SourceFile line_text keeps a lone carriage return inside a line") {
  const SourceFile source("a.plan", "a\rb\nc");
  CHECK(source.line_count() == 2);
  CHECK(source.line_text(1) == "a\rb");
  CHECK(source.line_text(2) == "c");
}

TEST_CASE("escape_for_message: control characters and invalid bytes, escaped") {
  using mandate::detail::escape_for_message;
  CHECK(escape_for_message("商州区") == "商州区");
  CHECK(escape_for_message(std::string_view("a\0b", 3)) == "a\\0b");
  CHECK(escape_for_message("a\tb\nc\x1b[31m\x7F") == "a\\tb\\nc\\x1B[31m\\x7F");
  CHECK(escape_for_message("\xC9\xCC商") == "\\xC9\\xCC商");
  CHECK(escape_for_message("商\xE5\x95") == "商\\xE5\\x95");
  // Excerpts keep their byte offsets: one '?' per byte.
  CHECK(mandate::detail::printable_utf8(std::string_view("a\0\x1b\xFF"
                                                         "b\t",
                                                         6)) == "a???b\t");
}

TEST_CASE("guess_encoding: GBK, UTF-16, or neither") {
  using mandate::detail::guess_encoding;
  CHECK(guess_encoding("\xC9\xCC\xD6\xDD\xC7\xF8,\xD5\xF2\xB0\xEC") == "GBK");
  CHECK(guess_encoding("\xFF\xFEn\0") == "UTF-16");
  CHECK(guess_encoding(std::string_view("n\0a\0m\0e\0", 8)) == "UTF-16");
  CHECK_FALSE(guess_encoding("商州区,\xE5\x95,镇办,商洛市,丹凤县"));  // UTF-8, one damaged
  CHECK_FALSE(guess_encoding("\xFF\xFF\xFF"));
}

TEST_CASE("code_name formats stable codes") {
  CHECK(mandate::code_name(Code::syntax) == "M0001");
  CHECK(mandate::code_name(Code::invalid_utf8) == "M0002");
  CHECK(mandate::code_name(Code::input_limit) == "M0003");
  CHECK(mandate::code_name(Code::io) == "M0020");
}

TEST_CASE("DiagnosticSink fills in file and position") {
  const std::string text = "kind 市\nbody 商州区 : 县区\n";
  const SourceFile source("plans/a.plan", text);
  DiagnosticSink sink(source);
  CHECK_FALSE(sink.has_errors());
  const std::uint32_t at = offset_of(text, "县区");
  sink.report(Code::unknown_name, Span{at, at + 6}, "unknown kind '县区'", Severity::warning);
  CHECK_FALSE(sink.has_errors());
  sink.report(Code::syntax, Span{0, 4}, "bad");
  CHECK(sink.has_errors());
  const auto& diagnostics = sink.diagnostics();
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics[0].file == "plans/a.plan");
  CHECK(diagnostics[0].code == Code::unknown_name);
  CHECK(diagnostics[0].severity == Severity::warning);
  CHECK(diagnostics[0].position == Position{2, 12});
  CHECK(diagnostics[0].span == Span{at, at + 6});
  CHECK(diagnostics[1].position == Position{1, 1});
  CHECK(mandate::has_errors(diagnostics));
  const auto taken = std::move(sink).take();
  CHECK(taken.size() == 2);
}

TEST_CASE("render: a span at the start of a file with a byte order mark marks column 1") {
  const SourceFile source("a.plan", "\xEF\xBB\xBFkind 市\n");
  const auto lines = split_lines(mandate::render(diagnose(source, Span{0, 0}, "no plan"), source));
  REQUIRE(lines.size() >= 3);
  CHECK(lines[0] == "a.plan:1:1: error[M0001]: no plan");
  CHECK(lines[1] == " 1 | kind 市");
  CHECK(lines[2] == "   | ^");
}

TEST_CASE("render: the header is file:line:col: severity, code and message") {
  const std::string text = "kind 市\nbody 商州区 : 县区\n";
  const SourceFile source("a.plan", text);
  const std::uint32_t at = offset_of(text, "县区");
  const std::string out =
      mandate::render(diagnose(source, Span{at, at + 6}, "unknown name"), source);
  const auto lines = split_lines(out);
  REQUIRE(lines.size() >= 3);
  CHECK(lines[0] == "a.plan:2:12: error[M0001]: unknown name");
  CHECK(lines[1] == " 2 | body 商州区 : 县区");

  const std::string warning = mandate::render(
      diagnose(source, Span{0, 4}, "uncited", Code::uncited_clause, Severity::warning), source);
  CHECK(split_lines(warning)[0] == "a.plan:1:1: warning[M0017]: uncited");
  const std::string note =
      mandate::render(diagnose(source, Span{0, 4}, "n", Code::syntax, Severity::note), source);
  CHECK(split_lines(note)[0] == "a.plan:1:1: note[M0001]: n");
}

TEST_CASE("render: the caret sits under the right character on a Chinese line") {
  const std::string text = "kind 县区\nbody 商洛高新区（商丹园区） : 县区 within 商洛市\n";
  const SourceFile source("a.plan", text);
  const std::string line2 = "body 商洛高新区（商丹园区） : 县区 within 商洛市";

  SUBCASE("a name after wide characters") {
    const std::uint32_t at = offset_of(text, "县区", offset_of(text, "\n"));
    const std::string out = mandate::render(diagnose(source, Span{at, at + 6}, "m"), source);
    const auto lines = split_lines(out);
    REQUIRE(lines.size() >= 3);
    CHECK(lines[0] == "a.plan:2:20: error[M0001]: m");  // characters, not bytes or cells
    CHECK(lines[1] == " 2 | " + line2);
    const std::string prefix = "body 商洛高新区（商丹园区） : ";
    CHECK(caret_cell(lines[2], 5) == cells(prefix));
    CHECK(cells(prefix) == 5 + 2 * 11 + 3);
    // The marker covers exactly the two wide characters of 县区 (4 cells).
    const std::string marker = lines[2].substr(5);
    CHECK(marker.find_first_not_of(' ') == cells(prefix));
    CHECK(marker.size() == cells(prefix) + 4);
    CHECK(marker.find_first_not_of("^~", cells(prefix)) == std::string::npos);
  }
  SUBCASE("a character inside a name") {
    const std::uint32_t at = offset_of(text, "（");
    const std::string out = mandate::render(diagnose(source, Span{at, at + 3}, "m"), source);
    const auto lines = split_lines(out);
    REQUIRE(lines.size() >= 3);
    CHECK(lines[0] == "a.plan:2:11: error[M0001]: m");
    CHECK(caret_cell(lines[2], 5) == cells("body 商洛高新区"));
  }
  SUBCASE("an ASCII word after wide characters") {
    const std::uint32_t at = offset_of(text, "within");
    const std::string out = mandate::render(diagnose(source, Span{at, at + 6}, "m"), source);
    const auto lines = split_lines(out);
    REQUIRE(lines.size() >= 3);
    CHECK(lines[0] == "a.plan:2:23: error[M0001]: m");
    CHECK(caret_cell(lines[2], 5) == cells("body 商洛高新区（商丹园区） : 县区 "));
    CHECK(lines[2].substr(5 + cells("body 商洛高新区（商丹园区） : 县区 ")) == "^~~~~~");
  }
}

TEST_CASE("render: an empty span gets a single caret") {
  const std::string text = "stage 甲 of 乙 {\n";
  const SourceFile source("a.plan", text);
  const auto end = static_cast<std::uint32_t>(text.size());
  SUBCASE("at the end of the file") {
    const std::string out =
        mandate::render(diagnose(source, Span{end, end}, "expected '}'"), source);
    const auto lines = split_lines(out);
    CHECK(lines[0] == "a.plan:2:1: error[M0001]: expected '}'");
  }
  SUBCASE("at the end of a line") {
    const std::uint32_t at = end - 1;  // the '\n'
    const std::string out = mandate::render(diagnose(source, Span{at, at}, "m"), source);
    const auto lines = split_lines(out);
    REQUIRE(lines.size() >= 3);
    CHECK(lines[0] == "a.plan:1:15: error[M0001]: m");
    CHECK(lines[1] == " 1 | stage 甲 of 乙 {");
    CHECK(caret_cell(lines[2], 5) == cells("stage 甲 of 乙 {"));
    CHECK(lines[2].substr(5) == std::string(cells("stage 甲 of 乙 {"), ' ') + "^");
  }
}

TEST_CASE("render: the gutter widens with the line number") {
  std::string text;
  for (int i = 0; i < 120; ++i) text += "kind 市\n";
  const SourceFile source("a.plan", text);
  const std::uint32_t at = source.line_start(105) + 5;
  const std::string out = mandate::render(diagnose(source, Span{at, at + 3}, "m"), source);
  const auto lines = split_lines(out);
  REQUIRE(lines.size() >= 3);
  CHECK(lines[0] == "a.plan:105:6: error[M0001]: m");
  CHECK(lines[1] == " 105 | kind 市");
  // The wide character 市 is marked over its two cells, starting with '^'.
  CHECK(lines[2].substr(0, 13) == "     |      ^");
  CHECK(lines[2].size() == 14);
}

TEST_CASE("render: long lines are windowed with an ellipsis") {
  SUBCASE("ASCII") {
    std::string line(300, 'a');
    line[199] = 'X';
    const SourceFile source("a.plan", "kind b\n" + line + "\n");
    const std::uint32_t at = source.line_start(2) + 199;
    const std::string out = mandate::render(diagnose(source, Span{at, at + 1}, "m"), source);
    const auto lines = split_lines(out);
    REQUIRE(lines.size() >= 3);
    CHECK(lines[0] == "a.plan:2:200: error[M0001]: m");
    const std::string shown = lines[1].substr(5);
    CHECK(shown.rfind("…", 0) == 0);  // starts with …
    CHECK(shown.size() >= 3);
    CHECK(shown.substr(shown.size() - 3) == "…");  // ends with …
    CHECK(cells(shown) < 130);                     // a window, not 300 characters
    const std::size_t x = shown.find('X');
    REQUIRE(x != std::string::npos);
    CHECK(caret_cell(lines[2], 5) == cells(shown.substr(0, x)));
  }
  SUBCASE("Chinese") {
    std::string line;
    for (int i = 0; i < 300; ++i) line += i == 199 ? "州" : "商";
    const SourceFile source("a.plan", line);
    const std::uint32_t at = 199 * 3;
    const std::string out = mandate::render(diagnose(source, Span{at, at + 3}, "m"), source);
    const auto lines = split_lines(out);
    REQUIRE(lines.size() >= 3);
    CHECK(lines[0] == "a.plan:1:200: error[M0001]: m");
    const std::string shown = lines[1].substr(5);
    CHECK(shown.rfind("…", 0) == 0);
    CHECK(shown.substr(shown.size() - 3) == "…");
    const std::size_t target = shown.find("州");
    REQUIRE(target != std::string::npos);
    CHECK(caret_cell(lines[2], 5) == cells(shown.substr(0, target)));
  }
  SUBCASE("a long line marked near its start is cut only at the end") {
    const std::string line = "kind " + std::string(200, 'b');
    const SourceFile source("a.plan", line);
    const std::string out = mandate::render(diagnose(source, Span{0, 4}, "m"), source);
    const auto lines = split_lines(out);
    REQUIRE(lines.size() >= 3);
    const std::string shown = lines[1].substr(5);
    CHECK(shown.rfind("kind ", 0) == 0);
    CHECK(shown.substr(shown.size() - 3) == "…");
    CHECK(lines[2] == "   | ^~~~");
  }
}

TEST_CASE("render: notes with and without a position") {
  const std::string text = "body 商州区 : 县区\nbody 商州区 : 县区\n";
  const SourceFile source("a.plan", text);
  DiagnosticSink sink(source);
  const std::uint32_t second = offset_of(text, "商州区", 10);
  auto& d =
      sink.report(Code::duplicate_name, Span{second, second + 9}, "'商州区' is declared twice");
  d.notes.push_back({"first declared here", Span{5, 14}, true});
  d.notes.push_back({"names must be unique", Span{}, false});
  const std::string out = mandate::render(d, source);
  const auto lines = split_lines(out);
  REQUIRE(lines.size() == 5);
  CHECK(lines[0] == "a.plan:2:6: error[M0005]: '商州区' is declared twice");
  CHECK(lines[3] == "  note: a.plan:1:6: first declared here");
  CHECK(lines[4] == "  note: names must be unique");
}

TEST_CASE("render: a diagnostic about an empty file is only a header") {
  const SourceFile source("empty.plan", "");
  const std::string out =
      mandate::render(diagnose(source, Span{0, 0}, "no plan", Code::missing_statement), source);
  CHECK(out == "empty.plan:1:1: error[M0015]: no plan\n");
}

TEST_CASE("render: tabs are shown as one cell") {
  const std::string text = "\tkind\t市";
  const SourceFile source("a.plan", text);
  const std::uint32_t at = offset_of(text, "市");
  const auto lines = split_lines(mandate::render(diagnose(source, Span{at, at + 3}, "m"), source));
  REQUIRE(lines.size() >= 3);
  CHECK(lines[0] == "a.plan:1:7: error[M0001]: m");
  CHECK(caret_cell(lines[2], 5) == 6);
}
