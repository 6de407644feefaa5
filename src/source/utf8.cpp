#include "source/utf8.hpp"

namespace mandate::detail {

std::optional<std::size_t> find_invalid_utf8(std::string_view text) noexcept {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size) {
    const unsigned char lead = bytes[i];
    if (lead < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    char32_t min = 0;
    char32_t code = 0;
    if ((lead & 0xE0) == 0xC0) {
      length = 2, min = 0x80, code = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3, min = 0x800, code = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4, min = 0x10000, code = lead & 0x07;
    } else {
      return i;
    }
    if (i + length > size) return i;
    for (std::size_t k = 1; k < length; ++k) {
      if ((bytes[i + k] & 0xC0) != 0x80) return i;
      code = (code << 6) | (bytes[i + k] & 0x3F);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return i;
    i += length;
  }
  return std::nullopt;
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
