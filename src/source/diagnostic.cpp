#include <mandate/diagnostic.hpp>

#include "source/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace mandate {
namespace {

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::note:
      return "note";
  }
  return "error";
}

// Lines longer than this are shown as a window around the span.
constexpr std::size_t shown_characters = 120;

/// Appends the source line of `span` and a marker line under it.
void render_excerpt(std::string& out, const SourceFile& source, Span span) {
  const Position at = source.position(span.begin);
  const std::string printable = detail::printable_utf8(source.line_text(at.line));
  const std::string_view line = printable;
  const std::uint32_t line_begin = source.line_start(at.line);
  // A span that starts before its line's text (within a byte order mark)
  // starts with it.
  const std::uint32_t begin = std::max(span.begin, line_begin);
  const std::uint32_t marked_begin = begin - line_begin;
  // At least one cell; at most to the end of the line, unless the span
  // starts past it (a line break), where it is the one cell.
  const std::uint32_t marked_end = std::max(
      marked_begin + 1, std::min(span.end > begin ? span.end - line_begin : marked_begin + 1,
                                 static_cast<std::uint32_t>(line.size()) + 1));

  // Choose the window of characters to show.
  std::size_t first_char = 0;
  const std::size_t column = at.column - 1;
  if (column > shown_characters / 2) first_char = column - shown_characters / 2;

  std::string text;
  std::string marker;
  const char* it = line.data();
  const char* end = line.data() + line.size();
  std::size_t index = 0;
  if (first_char > 0) {
    text += "…";
    marker += " ";
  }
  while (it != end && index < first_char + shown_characters) {
    const auto offset = static_cast<std::uint32_t>(it - line.data());
    const char* start = it;
    const char32_t c = detail::decode_utf8(it, end);
    if (index++ < first_char) continue;
    const int width = c != '\t' && detail::is_wide(c) ? 2 : 1;
    text.append(c == '\t' ? std::string_view(" ") : std::string_view(start, it - start));
    if (offset == marked_begin) {
      marker += '^';
      marker.append(static_cast<std::size_t>(width - 1), '~');
    } else {
      marker.append(static_cast<std::size_t>(width),
                    offset > marked_begin && offset < marked_end ? '~' : ' ');
    }
  }
  if (it != end) text += "…";
  if (marked_begin >= line.size()) marker += '^';  // at the end of the line
  while (!marker.empty() && marker.back() == ' ') marker.pop_back();

  const std::string number = std::to_string(at.line);
  const std::string gutter(number.size(), ' ');
  out += fmt::format(" {} | {}\n {} | {}\n", number, text, gutter, marker);
}

}  // namespace

std::string code_name(Code code) { return fmt::format("M{:04}", static_cast<int>(code)); }

std::string render(const Diagnostic& diagnostic, const SourceFile& source) {
  // The file's name as a message may quote it: a name with a control
  // character or invalid UTF-8 does not reach the terminal raw.
  const std::string file = detail::escape_for_message(diagnostic.file);
  std::string out = fmt::format("{}:{}:{}: {}[{}]: {}\n", file, diagnostic.position.line,
                                diagnostic.position.column, severity_name(diagnostic.severity),
                                code_name(diagnostic.code), diagnostic.message);
  if (!source.text().empty() || diagnostic.span.end > 0)
    render_excerpt(out, source, diagnostic.span);
  for (const Note& note : diagnostic.notes) {
    if (note.has_span) {
      const Position at = source.position(note.span.begin);
      out += fmt::format("  note: {}:{}:{}: {}\n", detail::escape_for_message(source.name()),
                         at.line, at.column, note.message);
    } else {
      out += fmt::format("  note: {}\n", note.message);
    }
  }
  return out;
}

bool has_errors(std::span<const Diagnostic> diagnostics) noexcept {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

Diagnostic& DiagnosticSink::report(Code code, Span span, std::string message, Severity severity) {
  Diagnostic& d = diagnostics_.emplace_back();
  d.code = code;
  d.severity = severity;
  d.file = source_->name();
  d.span = span;
  d.position = source_->position(span.begin);
  d.message = std::move(message);
  return d;
}

}  // namespace mandate
