#include "report/parts.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <charconv>
#include <vector>

namespace mandate::detail {

std::string clauses_text(const Citations& citations) {
  std::vector<std::string> parts;
  for (const Clause& clause : citations)
    parts.push_back(clause.section.empty() ? clause.id : clause.id + " " + clause.section);
  return fmt::format("{}", fmt::join(parts, "; "));
}

std::string via_text(const EscalationLink& link) {
  if (link.instruments.empty()) return link.via;
  std::string text = fmt::format("{}: {}", link.via, fmt::join(link.instruments, "、"));
  if (!link.feeds.empty()) text += fmt::format(" → {}", fmt::join(link.feeds, "、"));
  return text;
}

SourcePlace source_place(std::string_view source) noexcept {
  const std::size_t colon = source.rfind(':');
  if (colon == std::string_view::npos || colon + 1 == source.size()) return {source, std::nullopt};
  std::uint32_t line = 0;
  const char* end = source.data() + source.size();
  const auto [stop, error] = std::from_chars(source.data() + colon + 1, end, line);
  if (error != std::errc() || stop != end || line == 0) return {source, std::nullopt};
  return {source.substr(0, colon), line};
}

}  // namespace mandate::detail
