// A fast reader for the common JSON Lines fact: one flat object of plain
// strings, integers, nulls and lists of strings. Anything else (an escape,
// a float, a nested object, a syntax error, a member given twice) is left to
// the full JSON parser, which gives the messages and their positions: the
// fast reader decides nothing but "this line is plain" (decision 0059).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace mandate::detail {

/// What a top-level member holds, as the fact rows see it.
enum class JsonType : std::uint8_t {
  null,
  string,
  number,
  strings,     // a list of strings (a unit's aliases)
  mixed_list,  // a list with something else than strings in it
  other,       // a boolean, an object
};

/// A top-level member of a line's object. The texts are views into the
/// line, or into the full parser's storage for a line it read.
struct JsonMember {
  static constexpr std::size_t npos = std::string_view::npos;

  std::string_view key;
  JsonType type = JsonType::other;
  std::string_view text;           // a string's, or a number's as the full parser writes it
  std::uint32_t first_string = 0;  // a list's items, in JsonObject::strings
  std::uint32_t string_count = 0;
  std::size_t key_offset = npos;  // in the line: the key's opening quote
  std::size_t value_offset = npos;
};

struct JsonObject {
  std::vector<JsonMember> members;  // in the line's order
  std::vector<std::string_view> strings;

  void clear() noexcept {
    members.clear();
    strings.clear();
  }
};

/// Reads `line` into `out` when it is a plain flat object: keys and strings
/// without escapes or control characters, integers of at most 18 digits
/// written canonically, null, lists of such strings, each key once, at most
/// `max_members` members. Returns false for anything else, with `out` in an
/// unspecified state. The line must be valid UTF-8 (the loader checks the
/// whole file first).
[[nodiscard]] bool scan_flat_object(std::string_view line, JsonObject& out);

}  // namespace mandate::detail
