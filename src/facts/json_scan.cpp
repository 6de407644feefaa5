#include "facts/json_scan.hpp"

#include "facts/names.hpp"

#include <bit>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace mandate::detail {
namespace {

/// A line holds few members; more are left to the full parser, whose check
/// for a member given twice is not quadratic.
constexpr std::size_t max_members = 16;
/// Integers of up to 18 digits fit a signed 64-bit number, as the full
/// parser keeps them.
constexpr std::size_t max_integer_digits = 18;

constexpr std::uint64_t ones = 0x0101010101010101;
constexpr std::uint64_t highs = 0x8080808080808080;
/// The high bit of each byte of `word` below `limit` (at most 0x80); bytes
/// from 0x80 up are not. A borrow may mark bytes after the first one found,
/// never before it: only the lowest mark is exact, and only it is used.
constexpr std::uint64_t bytes_below(std::uint64_t word, unsigned char limit) {
  return (word - ones * limit) & ~word & highs;
}
constexpr std::uint64_t bytes_equal(std::uint64_t word, char byte) {
  return bytes_below(word ^ (ones * static_cast<unsigned char>(byte)), 1);
}

/// A cursor over one line. Its position is a local pointer, not a member
/// that the stores into JsonObject could alias.
struct Cursor {
  const char* at;
  const char* const end;

  void blanks() {
    while (at != end && (*at == ' ' || *at == '\t')) ++at;
  }
  bool take(char c) {
    if (at == end || *at != c) return false;
    ++at;
    return true;
  }
  /// Blanks, then `c`.
  bool expect(char c) {
    blanks();
    return take(c);
  }

  /// A string without escapes or control characters; `text` is what is
  /// between the quotes. Sixteen bytes at a time (SSE2) where the line has
  /// them, then eight: the first quote, backslash or control character of a
  /// word is found with its bits, the line being read in little-endian
  /// words, so that the lowest mark is the first byte.
  bool string(std::string_view& text) {
    static_assert(std::endian::native == std::endian::little);
    if (!take('"')) return false;
    const char* const begin = at;
    const auto found = [&](std::size_t first) {
      if (at[first] != '"') return false;
      text = std::string_view(begin, static_cast<std::size_t>(at + first - begin));
      at += first + 1;
      return true;
    };
#if defined(__SSE2__)
    // Sixteen bytes at a time where the line has them: most values fit one.
    while (end - at >= 16) {
      const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
      // A byte below 0x20, unsigned: below 0x20 - 0x80 once shifted to signed.
      const __m128i control = _mm_cmplt_epi8(_mm_xor_si128(chunk, _mm_set1_epi8(-128)),
                                             _mm_set1_epi8(static_cast<char>(0x20 - 0x80)));
      const __m128i marks = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(chunk, _mm_set1_epi8('"')),
                                                      _mm_cmpeq_epi8(chunk, _mm_set1_epi8('\\'))),
                                         control);
      const auto mask = static_cast<unsigned>(_mm_movemask_epi8(marks));
      if (mask == 0) {
        at += 16;
        continue;
      }
      return found(static_cast<std::size_t>(std::countr_zero(mask)));
    }
#endif
    while (at != end) {
      const auto left = static_cast<std::size_t>(end - at);
      std::uint64_t word = 0;  // past the end: zero bytes, which are control characters
      if (left >= sizeof word)
        std::memcpy(&word, at, sizeof word);
      else
        std::memcpy(&word, at, left);
      const std::uint64_t marks =
          bytes_equal(word, '"') | bytes_equal(word, '\\') | bytes_below(word, 0x20);
      if (marks == 0) {
        at += sizeof word;
        continue;
      }
      const auto first = static_cast<std::size_t>(std::countr_zero(marks)) / 8;
      return first < left && found(first);
    }
    return false;
  }

  /// -?(0|[1-9][0-9]*), not "-0", without a fraction or an exponent: the
  /// full parser writes such a number back as it is written.
  bool integer(std::string_view& text) {
    const char* const begin = at;
    const bool negative = take('-');
    const char* const digits = at;
    while (at != end && *at >= '0' && *at <= '9') ++at;
    const auto count = static_cast<std::size_t>(at - digits);
    if (count == 0 || count > max_integer_digits) return false;
    if (*digits == '0' && (count > 1 || negative)) return false;
    if (at != end && (*at == '.' || *at == 'e' || *at == 'E')) return false;
    text = std::string_view(begin, static_cast<std::size_t>(at - begin));
    return true;
  }

  bool list(JsonMember& member, JsonObject& out) {
    ++at;  // [
    member.type = JsonType::strings;
    member.first_string = static_cast<std::uint32_t>(out.strings.size());
    blanks();
    if (take(']')) return true;
    for (;;) {
      std::string_view item;
      if (!string(item)) return false;
      out.strings.push_back(item);
      ++member.string_count;
      if (expect(']')) return true;
      if (!take(',')) return false;
      blanks();
    }
  }

  bool value(JsonMember& member, JsonObject& out) {
    if (at == end) return false;
    if (*at == '"') {
      member.type = JsonType::string;
      return string(member.text);
    }
    if (*at == '[') return list(member, out);
    if (end - at >= 4 && std::string_view(at, 4) == "null") {
      at += 4;
      member.type = JsonType::null;
      return true;
    }
    member.type = JsonType::number;
    return integer(member.text);
  }
};

bool read_object(std::string_view line, JsonObject& out) {
  Cursor in{line.data(), line.data() + line.size()};
  const auto offset = [&] { return static_cast<std::size_t>(in.at - line.data()); };
  if (!in.expect('{')) return false;
  if (in.expect('}')) {
    in.blanks();
    return in.at == in.end;
  }
  for (;;) {
    if (out.members.size() == max_members) return false;
    JsonMember member;
    in.blanks();
    member.key_offset = offset();
    if (!in.string(member.key)) return false;
    for (const JsonMember& before : out.members)
      if (same_name(before.key, member.key)) return false;
    if (!in.expect(':')) return false;
    in.blanks();
    member.value_offset = offset();
    if (!in.value(member, out)) return false;
    out.members.push_back(member);
    if (in.expect('}')) {
      in.blanks();
      return in.at == in.end;
    }
    if (!in.take(',')) return false;
  }
}

}  // namespace

bool scan_flat_object(std::string_view line, JsonObject& out) {
  out.clear();
  return read_object(line, out);
}

}  // namespace mandate::detail
