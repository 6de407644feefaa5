// The property the fast reader of JSON Lines keeps (decision 0059): whatever
// it reads, the full parser (nlohmann/json) reads the same way. One check,
// used by its test over random lines and by the JSON Lines fuzzer.
#pragma once

#include "facts/json_scan.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mandate::detail {

/// How the full parser's reading of `line` differs from `object`, the fast
/// reader's (which read the line): nothing when the line is an object of the
/// same members in the same order, each of the same type, text and place.
[[nodiscard]] inline std::optional<std::string> differs_from_full_parser(std::string_view line,
                                                                         const JsonObject& object) {
  const auto document = nlohmann::ordered_json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!document.is_object()) return "the full parser does not read an object";
  if (document.size() != object.members.size())
    return "the full parser reads " + std::to_string(document.size()) + " members, not " +
           std::to_string(object.members.size());
  const auto at = [&](std::size_t offset, std::string_view expected) {
    return line.substr(offset, expected.size()) == expected;
  };
  std::size_t index = 0;
  for (const auto& [key, value] : document.items()) {
    const JsonMember& member = object.members[index++];
    const std::string where = "member " + std::to_string(index) + " ('" + key + "')";
    if (member.key != key || !at(member.key_offset, "\"" + key + "\""))
      return where + ": another key, or the key elsewhere";
    if (value.is_string()) {
      const std::string text = value.get<std::string>();
      if (member.type != JsonType::string || member.text != text ||
          !at(member.value_offset, "\"" + text + "\""))
        return where + ": another string, or the string elsewhere";
    } else if (value.is_number()) {
      if (member.type != JsonType::number || !value.is_number_integer() ||
          member.text != std::to_string(value.get<std::int64_t>()) ||
          !at(member.value_offset, member.text))
        return where + ": another number, or the number elsewhere";
    } else if (value.is_null()) {
      if (member.type != JsonType::null || !at(member.value_offset, "null"))
        return where + ": not null, or null elsewhere";
    } else {
      if (!value.is_array() || member.type != JsonType::strings ||
          member.string_count != value.size() || !at(member.value_offset, "["))
        return where + ": not the same list";
      for (std::uint32_t i = 0; i < member.string_count; ++i)
        if (!value[i].is_string() ||
            object.strings[member.first_string + i] != value[i].get<std::string>())
          return where + ": item " + std::to_string(i + 1) + " differs";
    }
  }
  return std::nullopt;
}

}  // namespace mandate::detail
