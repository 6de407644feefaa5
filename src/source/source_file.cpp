#include <mandate/source.hpp>

#include "source/utf8.hpp"

#include <algorithm>
#include <cstdint>

namespace mandate {

SourceFile::SourceFile(std::string name, std::string text)
    : name_(std::move(name)), text_(std::move(text)) {
  // A UTF-8 byte order mark is not part of the first line: columns count
  // from after it, and the line is shown without it.
  line_starts_.push_back(text_.starts_with("\xEF\xBB\xBF") ? 3 : 0);
  // Offsets are 32-bit: lines past 4 GiB are not indexed (such a text is
  // over ParseLimits::max_source_bytes, and parse() refuses it). A 32-bit
  // counter here would wrap and never end.
  const std::size_t indexed = std::min<std::size_t>(text_.size(), UINT32_MAX - 1);
  for (std::size_t i = 0; i < indexed; ++i) {
    if (text_[i] == '\n') line_starts_.push_back(static_cast<std::uint32_t>(i + 1));
  }
}

std::uint32_t SourceFile::line_count() const noexcept {
  return static_cast<std::uint32_t>(line_starts_.size());
}

std::uint32_t SourceFile::line_start(std::uint32_t line) const noexcept {
  if (line == 0) return 0;
  return line_starts_[std::min<std::size_t>(line, line_starts_.size()) - 1];
}

Position SourceFile::position(std::uint32_t offset) const noexcept {
  offset = static_cast<std::uint32_t>(std::min<std::size_t>(offset, text_.size()));
  offset = std::max(offset, line_starts_.front());  // within a byte order mark: its end
  const auto after = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line = static_cast<std::uint32_t>(after - line_starts_.begin());
  const std::uint32_t start = line_starts_[line - 1];
  const std::string_view before(text_.data() + start, offset - start);
  return Position{line, static_cast<std::uint32_t>(detail::count_code_points(before)) + 1};
}

std::string_view SourceFile::line_text(std::uint32_t line) const noexcept {
  if (line == 0 || line > line_starts_.size()) return {};
  const std::uint32_t start = line_starts_[line - 1];
  std::uint32_t stop =
      line < line_starts_.size()
          ? line_starts_[line] - 1
          : static_cast<std::uint32_t>(std::min<std::size_t>(text_.size(), UINT32_MAX - 1));
  if (stop > start && text_[stop - 1] == '\r') --stop;
  return std::string_view(text_).substr(start, stop - start);
}

}  // namespace mandate
