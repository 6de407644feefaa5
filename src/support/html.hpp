// Escaping text for HTML content and attribute values, shared by the pages
// mandate writes (the report page and the review page).
#pragma once

#include <string>
#include <string_view>

namespace mandate::detail {

/// Text for HTML content and attribute values alike.
inline std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += ch;
    }
  }
  return out;
}

}  // namespace mandate::detail
