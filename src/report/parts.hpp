// What the renderers of an evaluation report share (text, JSON, HTML, CSV).
#pragma once

#include <mandate/evaluate.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace mandate::detail {

/// "B3a 三(一)3; SX": the clauses of a verdict, for people.
[[nodiscard]] std::string clauses_text(const Citations& citations);

/// "hears_reports: 通报、约谈 → 县区两次通报约谈": an escalation link's role, with the
/// instruments the plan gives it and the sanctions they feed.
[[nodiscard]] std::string via_text(const EscalationLink& link);

/// A fact's source as the evaluator writes it ("facts/events.csv:12", or a
/// host call's label), split into its file and line.
struct SourcePlace {
  std::string_view file;
  std::optional<std::uint32_t> line;  // nothing for a host call or the plan
};
[[nodiscard]] SourcePlace source_place(std::string_view source) noexcept;

}  // namespace mandate::detail
