#include "facts/csv.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace mandate::detail {
namespace {

bool is_space(char c) noexcept { return c == ' ' || c == '\t'; }

#if !defined(__SSE2__)
// The bytes that end an unquoted field or need a closer look (the portable
// path of stop_bits).
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
#endif

/// Bit i set when p[i] is ',', '\n', '\r' or '"', for 64 bytes.
inline std::uint64_t stop_bits(const char* p) noexcept {
#if defined(__SSE2__)
  const __m128i comma = _mm_set1_epi8(',');
  const __m128i newline = _mm_set1_epi8('\n');
  const __m128i carriage = _mm_set1_epi8('\r');
  const __m128i quote = _mm_set1_epi8('"');
  std::uint64_t bits = 0;
  for (int k = 0; k < 4; ++k) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    const __m128i hit =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, comma), _mm_cmpeq_epi8(x, newline)),
                     _mm_or_si128(_mm_cmpeq_epi8(x, carriage), _mm_cmpeq_epi8(x, quote)));
    bits |= static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm_movemask_epi8(hit)))
            << (16 * k);
  }
  return bits;
#else
  std::uint64_t bits = 0;
  for (int i = 0; i < 64; ++i)
    bits |= static_cast<std::uint64_t>(stops.stop[static_cast<unsigned char>(p[i])]) << i;
  return bits;
#endif
}

/// The stops of the 64 bytes from `at` on; past the end of the text, the
/// end counts as one.
std::uint64_t window_bits(const char* text, std::size_t size, std::size_t at) noexcept {
  const std::size_t left = size - at;
  if (left >= 64) return stop_bits(text + at);
  char tail[64] = {};
  if (left > 0) std::memcpy(tail, text + at, left);
  return stop_bits(tail) | std::uint64_t{1} << left;
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
  load_window(start_);
}

void CsvReader::load_window(std::size_t at) noexcept {
  window_ = at;
  stops_ = window_bits(text_.data(), text_.size(), at);
}

inline const char* CsvReader::find_stop(const char* p) noexcept {
  auto at = static_cast<std::size_t>(p - text_.data());
  for (;;) {
    const std::size_t offset = at - window_;  // wraps past 64 when at < window_
    if (offset < 64) {
      const std::uint64_t bits = stops_ & (~std::uint64_t{0} << offset);
      if (bits) return text_.data() + window_ + std::countr_zero(bits);
      at = window_ + 64;
    }
    if (at >= text_.size()) return end_;
    load_window(at);
  }
}

std::size_t CsvReader::line_count_estimate() const noexcept {
  // Lines in 16 samples of 64 KiB spread over the text, scaled to the whole
  // of it, with a margin: close enough to size the stores without a pass
  // over a large file. Lines need not be alike from one end to the other.
  constexpr std::size_t samples = 16;
  constexpr std::size_t sample = 64 * 1024;
  const auto count_lines = [](const char* p, const char* end) {
    std::size_t lines = 0;
    while (
        (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p))))) {
      ++lines;
      ++p;
    }
    return lines;
  };
  const char* text = text_.data();
  if (text_.size() <= samples * sample) return count_lines(text, text + text_.size()) + 1;
  std::size_t lines = 0;
  const std::size_t stride = (text_.size() - sample) / (samples - 1);
  for (std::size_t i = 0; i < samples; ++i)
    lines += count_lines(text + i * stride, text + i * stride + sample);
  return static_cast<std::size_t>(static_cast<double>(lines) * static_cast<double>(text_.size()) /
                                  static_cast<double>(samples * sample) * 1.25) +
         1024;
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
  record.scratch = false;
  record.error = nullptr;
  record.count = 0;
  escaped_.clear();

  // The common record first: fields without quotes and without spaces,
  // tabs or other control characters at their ends, ended by ',' and '\n'
  // (or the end of the text). Anything else is read again from the start of
  // the record below. The reader's state is copied into locals, which the
  // stores of fields cannot alias.
  {
    const char* const base = text_.data();
    const char* const end = end_;
    const std::size_t size = text_.size();
    std::size_t window = window_;
    std::uint64_t bits = stops_;
    const auto find = [&](const char* from) {
      auto at = static_cast<std::size_t>(from - base);
      for (;;) {
        const std::size_t offset = at - window;  // wraps past 64 when at < window
        if (offset < 64) {
          const std::uint64_t ahead = bits & (~std::uint64_t{0} << offset);
          if (ahead) return base + window + std::countr_zero(ahead);
          at = window + 64;
        }
        if (at >= size) return end;
        window = at;
        bits = window_bits(base, size, at);
      }
    };
    const auto plain_end = [](char c) { return static_cast<unsigned char>(c) > ' '; };
    const char* p = pos_;
    std::size_t count = 0;
    CsvField* fields = record.storage.data();
    const std::size_t room = record.storage.size();
    bool done = false;
    for (;;) {
      const char* stop = find(p);
      const bool at_end = stop == end;
      const char c = at_end ? '\n' : *stop;
      if (c != ',' && c != '\n') break;  // a quote or a carriage return
      if (p < stop && (!plain_end(*p) || !plain_end(stop[-1]))) break;
      if (count == room) break;
      fields[count++] = CsvField{std::string_view(p, static_cast<std::size_t>(stop - p)),
                                 static_cast<std::uint32_t>(p - base)};
      if (c == ',') {
        p = stop + 1;
        continue;
      }
      record.count = count;
      record.end = static_cast<std::uint32_t>(stop - base);
      if (at_end) {
        pos_ = end;
      } else {
        ++line_;
        pos_ = stop + 1;
      }
      done = true;
      break;
    }
    window_ = window;
    stops_ = bits;
    if (done) return true;
  }

  const char* p = pos_;
  for (;;) {
    const char* first = p;
    const char* stop = find_stop(p);
    if (stop < end_ && *stop == '"') {
      // A quoted field when only spaces come before the quote.
      for (const char* c = first; c < stop; ++c) {
        if (!is_space(*c)) {
          fail(record, stop,
               "a quote inside an unquoted field: quote the whole field and write the quote as "
               "\"\"");
          return true;
        }
      }
      first = stop;
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
      if (stop < end_ && *stop == '\r' && !(stop + 1 < end_ && stop[1] == '\n')) {
        fail(record, stop, "a carriage return that does not end a line");
        return true;
      }
      // Spaces and tabs around an unquoted field are not part of it.
      while (first < stop && is_space(*first)) ++first;
      const char* last = stop;
      while (last > first && is_space(last[-1])) --last;
      add_field(record, CsvField{std::string_view(first, static_cast<std::size_t>(last - first)),
                                 static_cast<std::uint32_t>(first - text_.data())});
      p = stop;
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
    record.scratch = true;
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
