// English articles for the nouns messages are built from ("an event", "a stage").
#pragma once

#include <string>
#include <string_view>

namespace mandate::detail {

/// "an" before a noun that starts with a vowel letter, "a" otherwise (the
/// nouns of the language: event, alias, … are regular).
[[nodiscard]] constexpr std::string_view article(std::string_view noun) noexcept {
  return !noun.empty() && std::string_view("aeiouAEIOU").find(noun[0]) != std::string_view::npos
             ? "an"
             : "a";
}

/// "an event", "a stage".
[[nodiscard]] inline std::string with_article(std::string_view noun) {
  std::string out(article(noun));
  out += ' ';
  out += noun;
  return out;
}

}  // namespace mandate::detail
