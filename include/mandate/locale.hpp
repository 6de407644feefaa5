// Reports in the plan's language (issue 13 §4, decision 0045): Chinese or
// English, chosen per plan (`language zh` in the plan block) or per run
// (`--lang`). Every translated word lives in one message catalogue,
// src/locale/; the JSON keeps its English field names and values and adds
// the text a reader reads (`outcome_text`).
#pragma once

#include <mandate/evaluate.hpp>
#include <mandate/export.hpp>
#include <mandate/plan.hpp>
#include <mandate/scenario.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mandate {

enum class Language : std::uint8_t { en, zh };

/// "en" or "zh"; nothing for any other code.
[[nodiscard]] MANDATE_EXPORT std::optional<Language> parse_language(std::string_view code) noexcept;
/// The plan's `language`; English when it names none.
[[nodiscard]] MANDATE_EXPORT Language plan_language(const Plan& plan) noexcept;

/// "截止时限" / "deadline".
[[nodiscard]] MANDATE_EXPORT std::string_view verdict_kind_label(VerdictKind kind,
                                                                 Language language) noexcept;
/// The outcome as a word for a reader: 按期完成, 未报送, 达标, 适用, … (the
/// word depends on the kind of verdict: a deadline met is 按期完成, a
/// target met 达标). English: outcome_name().
[[nodiscard]] MANDATE_EXPORT std::string_view outcome_label(Outcome outcome, VerdictKind kind,
                                                            Language language) noexcept;
/// The verdict's status with its days and missing facts: 逾期3天,
/// 待办（剩5天）, 待定（缺少：…）; "late (3 days)", "pending (5 days left)".
[[nodiscard]] MANDATE_EXPORT std::string outcome_text(const Verdict& verdict, Language language);
/// A consequence's kind and detail: "扣分：2分", "移交：市委".
[[nodiscard]] MANDATE_EXPORT std::string consequence_text(const ConsequenceOutcome& consequence,
                                                          Language language);
/// An explanation line: as evaluation wrote it (English) or, in Chinese,
/// translated when its form is in the catalogue (src/locale/explanations.cpp:
/// every line src/evaluate/ writes; a condition's formula stays as the plan
/// writes it); a line of another form stays as written.
[[nodiscard]] MANDATE_EXPORT std::string explanation_text(std::string_view text, Language language);

/// A fact as an explanation cites it (an event, a measure, a published
/// figure), in Chinese when its form is in the catalogue.
[[nodiscard]] MANDATE_EXPORT std::string fact_text(std::string_view text, Language language);

/// A missing fact as a verdict names it ("measure 参与数 of 商州区 for
/// 2018"), in Chinese when its form is in the catalogue.
[[nodiscard]] MANDATE_EXPORT std::string missing_text(std::string_view text, Language language);

/// A verdict's detail ("requires 领域方案审定", "after 一般隐患整改通知 of
/// 2019-03-11, due 2019-03-21", "plaque by 市委、市政府"), in Chinese when
/// its form is in the catalogue; the JSON and CSV keep it as written.
[[nodiscard]] MANDATE_EXPORT std::string detail_text(std::string_view text, Language language);

/// The report as text (render_text) in `language`.
[[nodiscard]] MANDATE_EXPORT std::string render_text(const Report& report, bool with_explanations,
                                                     Language language);
/// The report as JSON (render_json): the same fields, plus `outcome_text`
/// and, in Chinese, `text_zh` beside each explanation's `text` and `fact_zh`
/// beside each `fact`.
[[nodiscard]] MANDATE_EXPORT std::string render_json(const Report& report, Language language);
/// The plan's summary (render_summary) in `language`: the headings and
/// fixed words; the plan's names and expressions as written.
[[nodiscard]] MANDATE_EXPORT std::string render_summary(const Plan& plan, Language language);
/// Scenario results (render_results) in `language`: PASS/FAIL and the
/// totals; expectations and differences stay in scenario syntax.
[[nodiscard]] MANDATE_EXPORT std::string render_results(const std::vector<ScenarioResult>& results,
                                                        Language language);

}  // namespace mandate
