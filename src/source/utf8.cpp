#include "source/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace mandate::detail {

std::size_t find_invalid_utf8_from(std::string_view text, std::size_t from) noexcept {
  // The well-formed byte sequences of the Unicode Standard (table 3-7),
  // checked by ranges: no code point is assembled.
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
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
  return out;
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
