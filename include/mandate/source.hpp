// Source text of a plan and the mapping from byte offsets to lines and
// character columns.
#pragma once

#include <mandate/export.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mandate {

/// A half-open byte range [begin, end) into a SourceFile's text.
struct Span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  friend bool operator==(Span, Span) = default;
};

/// 1-based line and column; the column counts Unicode code points, so a
/// caret lands under the right character on a Chinese line.
struct Position {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
  friend bool operator==(Position, Position) = default;
};

/// An immutable source file: its name (as given by the caller) and its bytes.
/// Thread-safe: all members are const after construction.
class MANDATE_EXPORT SourceFile {
 public:
  SourceFile(std::string name, std::string text);

  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  [[nodiscard]] std::string_view text() const noexcept { return text_; }

  /// Position of a byte offset (clamped to the end of the text).
  [[nodiscard]] Position position(std::uint32_t offset) const noexcept;
  /// The text of a 1-based line, without its line terminator.
  [[nodiscard]] std::string_view line_text(std::uint32_t line) const noexcept;
  [[nodiscard]] std::uint32_t line_count() const noexcept;
  /// Byte offset where a 1-based line starts.
  [[nodiscard]] std::uint32_t line_start(std::uint32_t line) const noexcept;

 private:
  std::string name_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
};

}  // namespace mandate
