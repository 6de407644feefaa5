// A small RFC 4180 CSV reader over a buffer held in memory (docs/decisions/
// 0006-csv-reader.md): fields are string_views into the buffer (or into a
// scratch buffer for a quoted field with doubled quotes), nothing is
// allocated per row once the first rows have sized the scratch space.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mandate::detail {

struct CsvField {
  std::string_view text;     // unquoted, unescaped, spaces around an unquoted field trimmed
  std::uint32_t offset = 0;  // byte offset in the buffer of the field's first character
};

struct CsvRecord {
  std::uint32_t line = 0;   // line of the record's first byte (1-based)
  std::uint32_t begin = 0;  // byte offset of the record's first byte
  std::uint32_t end = 0;    // byte offset just past the record (before its line break)
  [[nodiscard]] std::span<const CsvField> fields() const noexcept {
    return {storage.data(), count};
  }
  // Fields live in `storage`, which only grows: no allocation per record.
  std::vector<CsvField> storage;
  std::size_t count = 0;
  // A record whose text breaks the CSV rules: the reader skips to the end of
  // its line and reports where and why.
  bool malformed = false;
  // Some field was unescaped into the reader's scratch space, which the
  // next record reuses.
  bool scratch = false;
  std::uint32_t error_offset = 0;
  const char* error = nullptr;
};

class CsvReader {
 public:
  /// `text` must outlive the reader; a leading UTF-8 byte order mark is skipped.
  explicit CsvReader(std::string_view text);

  /// Reads the next record, skipping empty lines; false at the end.
  bool next(CsvRecord& record);

  [[nodiscard]] std::string_view text() const noexcept { return text_; }
  /// Where the first record starts (after a byte order mark).
  [[nodiscard]] std::size_t start() const noexcept { return start_; }
  /// Line breaks in the text, counted once up front to size the stores.
  [[nodiscard]] std::size_t line_count_estimate() const noexcept;

 private:
  void fail(CsvRecord& record, const char* at, const char* why);
  // The first ',', '\n', '\r' or '"' at or after `p`, or the end: found in
  // a window of 64 bytes whose stops are one bit each, so that short fields
  // cost a shift and a count of trailing zeros.
  const char* find_stop(const char* p) noexcept;
  void load_window(std::size_t at) noexcept;

  std::string_view text_;
  std::size_t start_ = 0;
  const char* pos_;
  const char* end_;
  std::uint32_t line_ = 1;
  std::size_t window_ = 0;              // offset of the window's first byte
  std::uint64_t stops_ = 0;             // bit i: a stop at window_ + i (the end is one)
  std::string scratch_;                 // unescaped quoted fields of the current record
  std::vector<std::uint32_t> escaped_;  // fields of the record with doubled quotes
};

}  // namespace mandate::detail
