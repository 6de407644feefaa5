#include "facts/csv.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>

namespace mandate::detail {
namespace {

bool is_space(char c) noexcept { return c == ' ' || c == '\t'; }

// The bytes that end an unquoted field or need a closer look.
struct Stops {
  bool stop[256] = {};
  constexpr Stops() {
    stop[static_cast<unsigned char>(',')] = true;
    stop[static_cast<unsigned char>('\n')] = true;
    stop[static_cast<unsigned char>('\r')] = true;
    stop[static_cast<unsigned char>('"')] = true;
  }
};
constexpr Stops stops;

constexpr std::uint64_t repeat(char c) {
  return 0x0101010101010101ULL * static_cast<unsigned char>(c);
}

/// Bit 7 of each byte of `word` that equals the byte repeated in `pattern`
/// (exact: no false positives, unlike the shorter borrow trick).
inline std::uint64_t equal_bytes(std::uint64_t word, std::uint64_t pattern) noexcept {
  const std::uint64_t x = word ^ pattern;
  return ~(((x & 0x7F7F7F7F7F7F7F7FULL) + 0x7F7F7F7F7F7F7F7FULL) | x) & 0x8080808080808080ULL;
}

/// The first ',', '\n', '\r' or '"' at or after `p`, or `end`: eight bytes at
/// a time, since unquoted fields are most of a fact file.
const char* scan_unquoted(const char* p, const char* end) noexcept {
  if constexpr (std::endian::native == std::endian::little) {
    while (end - p >= 8) {
      std::uint64_t word;
      std::memcpy(&word, p, 8);
      const std::uint64_t hits = equal_bytes(word, repeat(',')) | equal_bytes(word, repeat('\n')) |
                                 equal_bytes(word, repeat('\r')) | equal_bytes(word, repeat('"'));
      if (hits) return p + (std::countr_zero(hits) >> 3);
      p += 8;
    }
  }
  while (p < end && !stops.stop[static_cast<unsigned char>(*p)]) ++p;
  return p;
}

[[gnu::always_inline]] inline void add_field(CsvRecord& record, const CsvField& field) {
  if (record.count == record.storage.size()) [[unlikely]]
    record.storage.resize(record.count * 2 + 8);
  record.storage[record.count++] = field;
}

}  // namespace

CsvReader::CsvReader(std::string_view text) : text_(text) {
  if (text_.starts_with("\xEF\xBB\xBF")) start_ = 3;
  pos_ = text_.data() + start_;
  end_ = text_.data() + text_.size();
}

std::size_t CsvReader::line_count_estimate() const noexcept {
  // Lines in the first MiB, scaled to the whole text: close enough to size
  // the stores, and no pass over a large file.
  constexpr std::size_t sample = 1 << 20;
  const std::size_t length = std::min(sample, text_.size());
  std::size_t lines = 1;
  const char* p = text_.data();
  const char* end = p + length;
  while ((p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p))))) {
    ++lines;
    ++p;
  }
  if (length == text_.size()) return lines;
  return static_cast<std::size_t>(static_cast<double>(lines) * static_cast<double>(text_.size()) /
                                  length * 1.05) +
         16;
}

void CsvReader::fail(CsvRecord& record, const char* at, const char* why) {
  record.malformed = true;
  record.error_offset = static_cast<std::uint32_t>(at - text_.data());
  record.error = why;
  // Resume after the physical line: the rest of it cannot be trusted.
  const char* p = at;
  while (p < end_ && *p != '\n') ++p;
  record.end = static_cast<std::uint32_t>(p - text_.data());
  if (p < end_) {
    ++p;
    ++line_;
  }
  pos_ = p;
}

bool CsvReader::next(CsvRecord& record) {
  while (pos_ < end_) {  // empty lines are no records
    if (*pos_ == '\n') {
      ++line_;
      ++pos_;
    } else if (*pos_ == '\r' && pos_ + 1 < end_ && pos_[1] == '\n') {
      ++line_;
      pos_ += 2;
    } else {
      break;
    }
  }
  if (pos_ >= end_) return false;

  record.line = line_;
  record.begin = static_cast<std::uint32_t>(pos_ - text_.data());
  record.malformed = false;
  record.error = nullptr;
  record.count = 0;
  escaped_.clear();

  const char* p = pos_;
  for (;;) {
    const char* first = p;
    while (first < end_ && is_space(*first)) ++first;
    if (first < end_ && *first == '"') {
      const char* content = first + 1;
      bool escaped = false;
      p = content;
      for (;;) {
        const auto* quote =
            static_cast<const char*>(std::memchr(p, '"', static_cast<std::size_t>(end_ - p)));
        if (!quote) {
          line_ += static_cast<std::uint32_t>(std::count(p, end_, '\n'));
          record.malformed = true;
          record.error_offset = static_cast<std::uint32_t>(first - text_.data());
          record.error = "this quoted field is never closed: the quote is missing its partner";
          record.end = static_cast<std::uint32_t>(text_.size());
          pos_ = end_;
          return true;
        }
        line_ += static_cast<std::uint32_t>(
            std::count(p, quote, '\n'));  // a quoted field may span lines
        if (quote + 1 < end_ && quote[1] == '"') {
          escaped = true;
          p = quote + 2;
          continue;
        }
        if (escaped) escaped_.push_back(static_cast<std::uint32_t>(record.count));
        add_field(record,
                  CsvField{std::string_view(content, static_cast<std::size_t>(quote - content)),
                           static_cast<std::uint32_t>(first - text_.data())});
        p = quote + 1;
        break;
      }
      const char* after = p;
      while (after < end_ && is_space(*after)) ++after;
      if (after < end_ && *after != ',' && *after != '\n' &&
          !(*after == '\r' && after + 1 < end_ && after[1] == '\n')) {
        fail(record, after,
             "text after the closing quote of a field: write \"\" for a quote inside a quoted "
             "field");
        return true;
      }
      p = after;
    } else {
      p = scan_unquoted(first, end_);
      if (p < end_ && *p == '"') {
        fail(record, p,
             "a quote inside an unquoted field: quote the whole field and write the quote as \"\"");
        return true;
      }
      if (p < end_ && *p == '\r' && !(p + 1 < end_ && p[1] == '\n')) {
        fail(record, p, "a carriage return that does not end a line");
        return true;
      }
      const char* last = p;
      while (last > first && is_space(last[-1])) --last;
      add_field(record, CsvField{std::string_view(first, static_cast<std::size_t>(last - first)),
                                 static_cast<std::uint32_t>(first - text_.data())});
    }
    if (p < end_ && *p == ',') {
      ++p;
      continue;
    }
    record.end = static_cast<std::uint32_t>(p - text_.data());
    if (p < end_) {
      p += *p == '\r' ? 2 : 1;
      ++line_;
    }
    break;
  }
  pos_ = p;

  if (!escaped_.empty()) {
    // Reserved up front so that views into it stay valid for the record.
    scratch_.clear();
    scratch_.reserve(record.end - record.begin);
    for (const std::uint32_t index : escaped_) {
      CsvField& field = record.storage[index];
      const std::size_t at = scratch_.size();
      for (const char* c = field.text.data(); c < field.text.data() + field.text.size(); ++c) {
        scratch_.push_back(*c);
        if (*c == '"') ++c;  // "" stands for one quote
      }
      field.text = std::string_view(scratch_.data() + at, scratch_.size() - at);
    }
  }
  return true;
}

}  // namespace mandate::detail
