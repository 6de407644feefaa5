#include "source/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define MANDATE_UTF8_AVX2 1
#endif

namespace mandate::detail {
namespace {

#ifdef MANDATE_UTF8_AVX2

// J. Keiser and D. Lemire, "Validating UTF-8 in less than one instruction per
// byte" (2021), as in simdjson: three 16-entry lookups on the nibbles of each
// byte and of the byte before it classify every error of table 3-7; a
// saturating compare checks the continuations of 3- and 4-byte sequences.
// 64 bytes a step, on AVX2 when the processor has it (checked at run time).
namespace lookup {
constexpr std::uint8_t too_short = 1 << 0;
constexpr std::uint8_t too_long = 1 << 1;
constexpr std::uint8_t overlong_3 = 1 << 2;
constexpr std::uint8_t too_large = 1 << 3;
constexpr std::uint8_t surrogate = 1 << 4;
constexpr std::uint8_t overlong_2 = 1 << 5;
constexpr std::uint8_t too_large_1000 = 1 << 6;
constexpr std::uint8_t overlong_4 = 1 << 6;
constexpr std::uint8_t two_conts = 1 << 7;
constexpr std::uint8_t carry = too_short | too_long | two_conts;
}  // namespace lookup

[[gnu::target("avx2")]] inline __m256i table16(const std::uint8_t (&t)[16]) {
  const __m128i half = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t));
  return _mm256_broadcastsi128_si256(half);
}

/// The 32 bytes that end `N` bytes before the end of `input`: bytes of
/// `previous` shifted in.
template <int N>
[[gnu::target("avx2")]] inline __m256i shifted(__m256i input, __m256i previous) {
  return _mm256_alignr_epi8(input, _mm256_permute2x128_si256(previous, input, 0x21), 16 - N);
}

struct Avx2Tables {
  __m256i byte_1_high, byte_1_low, byte_2_high, incomplete_max;
};

[[gnu::target("avx2")]] Avx2Tables avx2_tables() {
  using namespace lookup;
  static constexpr std::uint8_t b1h[16] = {too_long,
                                           too_long,
                                           too_long,
                                           too_long,
                                           too_long,
                                           too_long,
                                           too_long,
                                           too_long,
                                           two_conts,
                                           two_conts,
                                           two_conts,
                                           two_conts,
                                           too_short | overlong_2,
                                           too_short,
                                           too_short | overlong_3 | surrogate,
                                           too_short | too_large | too_large_1000 | overlong_4};
  static constexpr std::uint8_t b1l[16] = {carry | overlong_3 | overlong_2 | overlong_4,
                                           carry | overlong_2,
                                           carry,
                                           carry,
                                           carry | too_large,
                                           carry | too_large | too_large_1000,
                                           carry | too_large | too_large_1000,
                                           carry | too_large | too_large_1000,
                                           carry | too_large | too_large_1000,
                                           carry | too_large | too_large_1000,
                                           carry | too_large | too_large_1000,
                                           carry | too_large | too_large_1000,
                                           carry | too_large | too_large_1000,
                                           carry | too_large | too_large_1000 | surrogate,
                                           carry | too_large | too_large_1000,
                                           carry | too_large | too_large_1000};
  static constexpr std::uint8_t b2h[16] = {
      too_short,
      too_short,
      too_short,
      too_short,
      too_short,
      too_short,
      too_short,
      too_short,
      too_long | overlong_2 | two_conts | overlong_3 | too_large_1000 | overlong_4,
      too_long | overlong_2 | two_conts | overlong_3 | too_large,
      too_long | overlong_2 | two_conts | surrogate | too_large,
      too_long | overlong_2 | two_conts | surrogate | too_large,
      too_short,
      too_short,
      too_short,
      too_short};
  alignas(32) static constexpr std::uint8_t max[32] = {
      255, 255, 255, 255, 255, 255, 255, 255,      255,      255,     255,
      255, 255, 255, 255, 255, 255, 255, 255,      255,      255,     255,
      255, 255, 255, 255, 255, 255, 255, 0xF0 - 1, 0xE0 - 1, 0xC0 - 1};
  return {table16(b1h), table16(b1l), table16(b2h),
          _mm256_load_si256(reinterpret_cast<const __m256i*>(max))};
}

/// Errors (non-zero bytes) in the 32 bytes of `input`, given the 32 before.
[[gnu::target("avx2")]] inline __m256i check_32(const Avx2Tables& t, __m256i input,
                                                __m256i previous) {
  const __m256i low_nibble = _mm256_set1_epi8(0x0F);
  const __m256i prev1 = shifted<1>(input, previous);
  const __m256i high1 =
      _mm256_shuffle_epi8(t.byte_1_high, _mm256_and_si256(_mm256_srli_epi16(prev1, 4), low_nibble));
  const __m256i low1 = _mm256_shuffle_epi8(t.byte_1_low, _mm256_and_si256(prev1, low_nibble));
  const __m256i high2 =
      _mm256_shuffle_epi8(t.byte_2_high, _mm256_and_si256(_mm256_srli_epi16(input, 4), low_nibble));
  const __m256i special = _mm256_and_si256(_mm256_and_si256(high1, low1), high2);
  // Third and fourth bytes of 3- and 4-byte sequences must be continuations.
  const __m256i prev2 = shifted<2>(input, previous);
  const __m256i prev3 = shifted<3>(input, previous);
  const __m256i third = _mm256_subs_epu8(prev2, _mm256_set1_epi8(static_cast<char>(0xE0 - 0x80)));
  const __m256i fourth = _mm256_subs_epu8(prev3, _mm256_set1_epi8(static_cast<char>(0xF0 - 0x80)));
  const __m256i must23 =
      _mm256_and_si256(_mm256_or_si256(third, fourth), _mm256_set1_epi8(static_cast<char>(0x80)));
  return _mm256_xor_si256(must23, special);
}

/// A position p >= from such that text[from, p) is valid UTF-8 and p starts
/// a character (or is the end): the scalar loop goes on from there and finds
/// the first invalid byte exactly where it would have from `from`.
[[gnu::target("avx2")]] std::size_t valid_prefix_avx2(const unsigned char* bytes, std::size_t size,
                                                      std::size_t from) {
  const Avx2Tables t = avx2_tables();
  __m256i previous = _mm256_setzero_si256();
  __m256i incomplete = _mm256_setzero_si256();
  std::size_t i = from;
  for (; i + 64 <= size; i += 64) {
    const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(bytes + i));
    const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(bytes + i + 32));
    __m256i error;
    if (_mm256_movemask_epi8(_mm256_or_si256(a, b)) == 0) {
      error = incomplete;  // ASCII: only a sequence cut at the end of the last block is wrong
    } else {
      error = _mm256_or_si256(check_32(t, a, previous), check_32(t, b, a));
      incomplete = _mm256_subs_epu8(b, t.incomplete_max);
      previous = b;
    }
    if (!_mm256_testz_si256(error, error)) break;
  }
  if (i == from) return from;
  // Every character before block i is valid, except perhaps the last one,
  // which may be cut off: the scalar loop checks it again.
  std::size_t last = i - 1;
  while (last > from && (bytes[last] & 0xC0) == 0x80) --last;
  return last;
}

bool has_avx2() noexcept {
  static const bool yes = __builtin_cpu_supports("avx2");
  return yes;
}

#endif

}  // namespace

std::size_t find_invalid_utf8_from(std::string_view text, std::size_t from) noexcept {
  // The well-formed byte sequences of the Unicode Standard (table 3-7),
  // checked by ranges: no code point is assembled.
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
#ifdef MANDATE_UTF8_AVX2
  if (size >= from + 128 && has_avx2()) from = valid_prefix_avx2(bytes, size, from);
#endif
  const auto continuation = [&](std::size_t at) { return at < size && (bytes[at] & 0xC0) == 0x80; };
  const auto within = [&](std::size_t at, unsigned low, unsigned high) {
    return at < size && bytes[at] >= low && bytes[at] <= high;
  };
  std::size_t i = from;
  while (i < size) {
    // Eight ASCII bytes at a time.
    while (i + 8 <= size) {
      std::uint64_t word;
      std::memcpy(&word, bytes + i, 8);
      if (word & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= size) break;
    const unsigned lead = bytes[i];
    if (lead < 0x80) {
      ++i;
    } else if (lead >= 0xE1 && lead <= 0xEC) {  // most CJK: E4–E9
      if (!continuation(i + 1) || !continuation(i + 2)) return i;
      i += 3;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      if (!continuation(i + 1)) return i;
      i += 2;
    } else if (lead == 0xE0 || lead == 0xED || lead == 0xEE || lead == 0xEF) {
      const unsigned low = lead == 0xE0 ? 0xA0 : 0x80;   // no overlong form
      const unsigned high = lead == 0xED ? 0x9F : 0xBF;  // no surrogate
      if (!within(i + 1, low, high) || !continuation(i + 2)) return i;
      i += 3;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      const unsigned low = lead == 0xF0 ? 0x90 : 0x80;
      const unsigned high = lead == 0xF4 ? 0x8F : 0xBF;  // nothing past U+10FFFF
      if (!within(i + 1, low, high) || !continuation(i + 2) || !continuation(i + 3)) return i;
      i += 4;
    } else {
      return i;
    }
  }
  return not_found;
}

std::optional<std::size_t> find_invalid_utf8(std::string_view text) noexcept {
  const std::size_t bad = find_invalid_utf8_from(text, 0);
  return bad == not_found ? std::nullopt : std::optional<std::size_t>(bad);
}

std::string printable_utf8(std::string_view text) {
  std::string out(text);
  std::size_t from = 0;
  while (const auto bad = find_invalid_utf8(std::string_view(out).substr(from))) {
    out[from + *bad] = '?';
    from += *bad + 1;
  }
  // A NUL or a terminal escape would reach the terminal as it is.
  for (char& c : out)
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7F) c = '?';
  return out;
}

std::string escape_for_message(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t from = 0;
  while (from <= text.size()) {
    const std::size_t bad = find_invalid_utf8_from(text, from);
    const std::size_t stop = bad == not_found ? text.size() : bad;
    for (std::size_t i = from; i < stop; ++i) {
      const auto byte = static_cast<unsigned char>(text[i]);
      if (byte >= 0x20 && byte != 0x7F) {
        out += static_cast<char>(byte);
      } else if (byte == 0) {
        out += "\\0";
      } else if (byte == '\t') {
        out += "\\t";
      } else if (byte == '\n') {
        out += "\\n";
      } else {
        out += fmt::format("\\x{:02X}", byte);
      }
    }
    if (bad == not_found) break;
    out += fmt::format("\\x{:02X}", static_cast<unsigned char>(text[bad]));
    from = bad + 1;
  }
  return out;
}

std::optional<std::string_view> guess_encoding(std::string_view text) noexcept {
  if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF")) return "UTF-16";
  text = text.substr(0, 64 << 10);
  // UTF-16 text that is mostly ASCII has a NUL in every other byte.
  const auto nuls = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\0'));
  if (nuls > 0 && nuls * 4 >= text.size()) return "UTF-16";
  // GBK: its non-ASCII bytes pair as a lead (0x81–0xFE) and a trail
  // (0x40–0xFE but 0x7F), while as UTF-8 most of them are invalid; valid
  // UTF-8 with a damaged character here and there is not GBK.
  std::size_t pairs = 0;
  std::size_t strays = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) continue;
    const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
    if (byte >= 0x81 && byte <= 0xFE && next >= 0x40 && next <= 0xFE && next != 0x7F) {
      ++pairs;
      ++i;
    } else if (i + 1 < text.size()) {  // a pair cut by the 64 KiB window is no evidence
      ++strays;
    }
  }
  std::size_t valid = 0;    // multi-byte UTF-8 characters
  std::size_t invalid = 0;  // invalid UTF-8 sequences
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t bad = find_invalid_utf8_from(text, at);
    const std::string_view good = text.substr(at, (bad == not_found ? text.size() : bad) - at);
    valid += static_cast<std::size_t>(std::count_if(good.begin(), good.end(), [](char c) {
      return (static_cast<unsigned char>(c) & 0xC0) == 0xC0;
    }));
    if (bad == not_found) break;
    ++invalid;
    at = bad + 1;
  }
  constexpr std::size_t evidence = 3;  // characters, at least
  if (pairs >= evidence && strays * 20 <= pairs && invalid > valid) return "GBK";
  return std::nullopt;
}

std::string convert_hint(std::string_view encoding, std::string_view path) {
  std::string_view stem = path;
  std::string_view extension;
  const std::size_t slash = path.rfind('/');
  const std::size_t dot = path.rfind('.');
  if (dot != std::string_view::npos && (slash == std::string_view::npos || dot > slash)) {
    stem = path.substr(0, dot);
    extension = path.substr(dot);
  }
  return fmt::format(
      "the file is not UTF-8: it looks like {0}; convert it: iconv -f {0} -t UTF-8 '{1}' > "
      "'{2}.utf8{3}'",
      encoding, escape_for_message(path), escape_for_message(stem), extension);
}

char32_t decode_utf8(const char*& it, const char* end) noexcept {
  const auto lead = static_cast<unsigned char>(*it++);
  if (lead < 0x80) return lead;
  int extra = (lead & 0xE0) == 0xC0 ? 1 : (lead & 0xF0) == 0xE0 ? 2 : 3;
  char32_t code = lead & (extra == 1 ? 0x1F : extra == 2 ? 0x0F : 0x07);
  while (extra-- > 0 && it != end) code = (code << 6) | (static_cast<unsigned char>(*it++) & 0x3F);
  return code;
}

std::size_t count_code_points(std::string_view text) noexcept {
  std::size_t count = 0;
  for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

bool is_wide(char32_t c) noexcept {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
         (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

std::size_t display_width(std::string_view text) noexcept {
  std::size_t width = 0;
  const char* it = text.data();
  const char* end = text.data() + text.size();
  while (it != end) width += is_wide(decode_utf8(it, end)) ? 2 : 1;
  return width;
}

bool is_name_start(char32_t c) noexcept {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  switch (c) {
    case 0x3000:  // ideographic space
    case 0xFF0C:  // ，
    case 0x3002:  // 。
    case 0xFF1A:  // ：
    case 0xFF1B:  // ；
    case 0x2014:  // — (the "none" cell)
    case 0x2264:  // ≤
    case 0x2265:  // ≥
    case 0x2260:  // ≠
    case 0xFEFF:  // byte order mark
      return false;
    default:
      return true;
  }
}

bool is_name_continue(char32_t c) noexcept { return is_name_start(c) || (c >= '0' && c <= '9'); }

const char* scan_word(const char* first, const char* last) noexcept {
  if (first == last) return first;
  const char* it = first;
  if (!is_name_start(decode_utf8(it, last))) return first;
  return scan_word_continue(it, last);
}

const char* scan_word_continue(const char* first, const char* last) noexcept {
  const char* end = first;
  while (end != last) {
    const char* next = end;
    if (!is_name_continue(decode_utf8(next, last))) break;
    end = next;
  }
  return end;
}

}  // namespace mandate::detail
