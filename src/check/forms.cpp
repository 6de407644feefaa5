#include "check/forms.hpp"

#include "support/article.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string>

namespace mandate::detail {
namespace {

constexpr int many = unbounded;

// Segments -------------------------------------------------------------------
constexpr SegmentForm kind_segments[] = {{"label"}, {"within"}};
constexpr SegmentForm body_segments[] = {
    {":", 1, 1, true}, {"within"}, {"alias", 1, many}, {"reports_to", 1, many}, {"label"}};
constexpr SegmentForm group_segments[] = {
    {"=", 1, many, true}, {"within"}, {"except", 1, many}, {"members"}};
constexpr SegmentForm param_segments[] = {{":", 1, 1, true}, {"=", 1, many, true}, {"doc"}};
constexpr SegmentForm metric_segments[] = {
    {":", 1, 1, true}, {"per", 1, many, true}, {"for"}, {"doc"}, {"="}};
constexpr SegmentForm title_segments[] = {
    {":", 1, 1, true}, {"for", 1, many}, {"by"}, {"of"}, {"label"}};
constexpr SegmentForm event_segments[] = {{":", 1, 1, true}, {"label"}};
constexpr SegmentForm programme_segments[] = {{":", 1, 1, true}, {"of"}, {"label"}};
constexpr SegmentForm stage_segments[] = {{"of", 1, 1, true}};
constexpr SegmentForm value_segments[] = {{"in", 1, 1, true}};
constexpr SegmentForm deliver_segments[] = {{"to", 1, many}};
constexpr SegmentForm due_segments[] = {{"by", 1, many}, {"within"}, {"after", 0, 1}};
constexpr SegmentForm named_segments[] = {{"by", 1, 1, true}, {"after", 0, 0}};
constexpr SegmentForm starts_segments[] = {{"within", 1, 1, true}};
constexpr SegmentForm require_segments[] = {{"by"}};
constexpr SegmentForm refer_segments[] = {{"to", 1, 1, true}};
constexpr SegmentForm notice_segments[] = {{"by", 1, 1, true}};
constexpr SegmentForm ledger_segments[] = {{"for"}, {"cap"}};
constexpr SegmentForm requires_segments[] = {{"for", 1, many}};
constexpr SegmentForm score_segments[] = {{"per", 1, many, true}, {"doc"}};
constexpr SegmentForm grant_segments[] = {{"by"}};
constexpr SegmentForm role_segments[] = {{"using", 1, many}};
constexpr SegmentForm table_row_segments[] = {{"=", 1, many, true}};

// Nested statements ------------------------------------------------------------
#define MANDATE_ROLES                                                                      \
  {"lead"}, {"cooperate"}, {"responsible"}, {"sets_standard"}, {"approves"}, {"inspects"}, \
      {"supervises"}, {"names_winners"}, {"decides_sanctions"}, {                          \
    "hears_reports"                                                                        \
  }

constexpr NestedForm plan_nested[] = {{"issued_by", false, true},
                                      {"issued", true, true},
                                      {"effective", true, true},
                                      {"citations", false, true},
                                      {"clauses", false, true},
                                      {"inclusive_deadlines", false, true},
                                      {"shift_for_holidays", false, true},
                                      {"source", false, true},
                                      {"language", false, true},
                                      {"not_executable"}};
constexpr NestedForm param_nested[] = {{"value"}};
constexpr NestedForm title_nested[] = {{"named", false, true}};
constexpr NestedForm programme_nested[] = {MANDATE_ROLES};
constexpr NestedForm stage_nested[] = {{"obligated", true, true},
                                       {"deliver"},
                                       {"due", false, true},
                                       {"every", false, true},
                                       {"at_least", false, true},
                                       {"during", false, true},
                                       {"starts", false, true},
                                       {"lasts", false, true},
                                       {"requires"},
                                       {"candidate_requires", false, true},
                                       MANDATE_ROLES};
constexpr NestedForm target_nested[] = {
    {"subject", true, true}, {"require", true, false}, {"every", false, true}};
constexpr NestedForm consequence_nested[] = {
    {"disqualify", false, true}, {"deduct", false, true}, {"refer"}, {"notice"}};
constexpr NestedForm sanction_nested[] = {{"subject", true, true},
                                          {"when", true, true},
                                          {"consequences", false, true},
                                          {"disqualify", false, true},
                                          {"deduct", false, true},
                                          {"refer"},
                                          {"notice"},
                                          {"every", false, true}};
constexpr NestedForm award_nested[] = {{"subject", true, true}, {"when", true, true},
                                       {"grant", true, true},   {"unless", false, true},
                                       {"tier", false, true},   {"every", false, true}};
constexpr NestedForm score_nested[] = {
    {"base", true, true}, {"deduct"}, {"add"}, {"at_least", false, true}, {"at_most", false, true}};
constexpr NestedForm quota_nested[] = {{"limits", false, true},
                                       {"columns", false, true},
                                       {"row", true, false},
                                       {"total", false, true},
                                       {"effective", false, true}};
constexpr NestedForm reading_nested[] = {{"says", true, true},
                                         {"parameter", false, true},
                                         {"chosen", false, true},
                                         {"alternatives", true, true},
                                         {"because", true, true}};
#undef MANDATE_ROLES

constexpr std::span<const SegmentForm> none_segments{};
constexpr std::span<const NestedForm> none_nested{};

constexpr StatementForm top_level_forms[] = {
    {"plan", 1, 1, none_segments, plan_nested, true, true, false},
    {"kind", 1, 1, kind_segments, none_nested, false, false, false},
    {"body", 1, 1, body_segments, none_nested, false, false, false},
    {"group", 1, 1, group_segments, none_nested, false, false, false},
    {"param", 1, 1, param_segments, param_nested, true, false, true},
    {"metric", 1, 1, metric_segments, none_nested, false, false, false},
    {"title", 1, 1, title_segments, title_nested, true, false, false},
    {"event", 1, 1, event_segments, none_nested, false, false, false},
    {"programme", 1, 1, programme_segments, programme_nested, true, false, true},
    {"stage", 1, 1, stage_segments, stage_nested, true, true, true},
    {"target", 1, 1, none_segments, target_nested, true, true, true},
    {"goal", 1, 1, none_segments, target_nested, true, true, true},
    {"consequence", 1, 1, none_segments, consequence_nested, true, true, true},
    {"sanction", 1, 1, none_segments, sanction_nested, true, true, true},
    {"award", 1, 1, none_segments, award_nested, true, true, true},
    {"quota", 1, 1, none_segments, quota_nested, true, true, true},
    {"score", 1, 1, score_segments, score_nested, true, true, true},
    {"reading", 1, 1, none_segments, reading_nested, true, true, false},
};

/// A statement inside a block; only some of them take a block themselves.
constexpr StatementForm nested_statement(std::string_view keyword, int min_arguments,
                                         int max_arguments, std::span<const SegmentForm> segments) {
  return StatementForm{keyword,     min_arguments, max_arguments, segments,
                       none_nested, false,         false,         false};
}

constexpr StatementForm nested_forms[] = {
    nested_statement("issued_by", 1, many, none_segments),
    nested_statement("issued", 1, 1, none_segments),
    nested_statement("effective", 1, 1, none_segments),
    nested_statement("citations", 1, 1, none_segments),
    nested_statement("clauses", 1, many, none_segments),
    nested_statement("inclusive_deadlines", 1, 1, none_segments),
    nested_statement("shift_for_holidays", 1, 1, none_segments),
    nested_statement("source", 1, 1, none_segments),
    nested_statement("language", 1, 1, none_segments),
    nested_statement("not_executable", 1, many, none_segments),
    nested_statement("value", 1, many, value_segments),
    nested_statement("every", 1, 1, none_segments),
    nested_statement("at_least", 1, 1, none_segments),
    nested_statement("lead", 1, many, role_segments),
    nested_statement("cooperate", 1, many, role_segments),
    nested_statement("responsible", 1, many, role_segments),
    nested_statement("sets_standard", 1, many, role_segments),
    nested_statement("approves", 1, many, role_segments),
    nested_statement("inspects", 1, many, role_segments),
    nested_statement("supervises", 1, many, role_segments),
    nested_statement("names_winners", 1, many, role_segments),
    nested_statement("decides_sanctions", 1, many, role_segments),
    nested_statement("hears_reports", 1, many, role_segments),
    nested_statement("obligated", 1, many, none_segments),
    nested_statement("deliver", 1, many, deliver_segments),
    nested_statement("due", 0, 0, due_segments),
    nested_statement("named", 0, 0, named_segments),
    nested_statement("during", 1, 1, none_segments),
    nested_statement("starts", 0, 0, starts_segments),
    nested_statement("lasts", 1, 1, none_segments),
    nested_statement("requires", 1, many, requires_segments),
    nested_statement("candidate_requires", 1, many, none_segments),
    nested_statement("subject", 1, many, none_segments),
    nested_statement("require", 1, 1, require_segments),
    nested_statement("when", 1, 1, none_segments),
    nested_statement("consequences", 1, many, none_segments),
    nested_statement("disqualify", 0, 0, none_segments),
    nested_statement("deduct", 1, 1, ledger_segments),
    nested_statement("add", 1, 1, ledger_segments),
    nested_statement("base", 1, 1, none_segments),
    nested_statement("at_most", 1, 1, none_segments),
    nested_statement("refer", 0, 0, refer_segments),
    nested_statement("notice", 0, 0, notice_segments),
    nested_statement("grant", 1, 1, grant_segments),
    nested_statement("unless", 1, many, none_segments),
    nested_statement("tier", 1, 1, none_segments),
    nested_statement("limits", 1, many, none_segments),
    nested_statement("columns", 1, many, none_segments),
    nested_statement("row", 1, 1, table_row_segments),
    nested_statement("total", 0, 0, table_row_segments),
    nested_statement("says", 1, 1, none_segments),
    nested_statement("parameter", 1, 1, none_segments),
    nested_statement("chosen", 1, 1, none_segments),
    nested_statement("alternatives", 1, many, none_segments),
    nested_statement("because", 1, 1, none_segments),
};

template <std::size_t N>
const StatementForm* find_form(const StatementForm (&forms)[N], std::string_view keyword) {
  const auto it = std::find_if(std::begin(forms), std::end(forms),
                               [&](const StatementForm& f) { return f.keyword == keyword; });
  return it == std::end(forms) ? nullptr : &*it;
}

std::string describe_count(int min, int max) {
  if (max == unbounded)
    return min <= 1 ? "one or more arguments" : fmt::format("at least {} arguments", min);
  if (min == max)
    return min == 0 ? "no argument" : min == 1 ? "one argument" : fmt::format("{} arguments", min);
  return fmt::format("{} to {} arguments", min, max);
}

bool count_fits(std::size_t count, int min, int max) {
  return static_cast<int>(count) >= min && (max == unbounded || static_cast<int>(count) <= max);
}

std::string keyword_list(std::span<const NestedForm> nested) {
  std::string out;
  for (const NestedForm& n : nested) out += (out.empty() ? "" : ", ") + std::string(n.keyword);
  return out;
}

Span segment_span(const syntax::Segment& segment) {
  return segment.span.end > segment.span.begin ? segment.span : segment.keyword_span;
}

/// `quote "…", …`: one or more strings (the quotes themselves are checked
/// against the source text by the review stage, src/review/).
bool check_quote(const syntax::Segment& segment, DiagnosticSink& sink) {
  bool ok = true;
  if (segment.arguments.empty()) {
    sink.report(Code::missing_statement, segment_span(segment),
                fmt::format("'{}' takes one or more strings, found none", segment.keyword));
    ok = false;
  }
  for (const syntax::Node& argument : segment.arguments) {
    if (argument.kind == syntax::NodeKind::string) continue;
    sink.report(Code::type_mismatch, argument.span,
                fmt::format("'{}' takes strings: the words of the source text, in quotes",
                            segment.keyword));
    ok = false;
  }
  return ok;
}

}  // namespace

bool is_quote_keyword(std::string_view keyword) noexcept {
  return keyword == "quote" || keyword == "原文";
}

const StatementForm* top_level_form(std::string_view keyword) noexcept {
  return find_form(top_level_forms, keyword);
}

const StatementForm* nested_form(std::string_view keyword) noexcept {
  return find_form(nested_forms, keyword);
}

bool check_shape(const syntax::Statement& statement, const StatementForm& form,
                 DiagnosticSink& sink) {
  bool ok = true;
  const syntax::Segment& head = statement.head;
  if (!count_fits(head.arguments.size(), form.min_arguments, form.max_arguments)) {
    sink.report(
        Code::missing_statement, segment_span(head),
        fmt::format("'{}' takes {}, found {}", form.keyword,
                    describe_count(form.min_arguments, form.max_arguments), head.arguments.size()));
    ok = false;
  }
  for (std::size_t i = 0; i < statement.segments.size(); ++i) {
    const syntax::Segment& segment = statement.segments[i];
    if (is_quote_keyword(segment.keyword)) {  // any statement may quote, as often as needed
      if (!check_quote(segment, sink)) ok = false;
      continue;
    }
    const auto spec =
        std::find_if(form.segments.begin(), form.segments.end(),
                     [&](const SegmentForm& s) { return s.keyword == segment.keyword; });
    if (spec == form.segments.end()) {
      std::string allowed;
      for (const SegmentForm& s : form.segments)
        allowed += (allowed.empty() ? "'" : ", '") + std::string(s.keyword) + "'";
      sink.report(Code::unexpected_statement, segment.keyword_span,
                  allowed.empty()
                      ? fmt::format("'{}' takes no '{}' segment", form.keyword, segment.keyword)
                      : fmt::format("'{}' takes no '{}' segment; expected {}", form.keyword,
                                    segment.keyword, allowed));
      ok = false;
      continue;
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (statement.segments[j].keyword == segment.keyword) {
        sink.report(Code::unexpected_statement, segment.keyword_span,
                    fmt::format("'{}' segment given twice", segment.keyword));
        ok = false;
      }
    }
    if (!count_fits(segment.arguments.size(), spec->min_arguments, spec->max_arguments)) {
      sink.report(Code::missing_statement, segment_span(segment),
                  fmt::format("'{}' takes {}, found {}", segment.keyword,
                              describe_count(spec->min_arguments, spec->max_arguments),
                              segment.arguments.size()));
      ok = false;
    }
  }
  for (const SegmentForm& spec : form.segments) {
    if (!spec.required) continue;
    const bool present =
        std::any_of(statement.segments.begin(), statement.segments.end(),
                    [&](const syntax::Segment& s) { return s.keyword == spec.keyword; });
    if (!present) {
      sink.report(Code::missing_statement, segment_span(head),
                  fmt::format("'{}' needs {} '{}' segment", form.keyword, article(spec.keyword),
                              spec.keyword));
      ok = false;
    }
  }

  if (statement.has_block && !form.block_allowed) {
    sink.report(Code::unexpected_statement, statement.span,
                fmt::format("'{}' takes no block", form.keyword));
    return false;
  }
  if (!statement.has_block && form.block_required) {
    sink.report(
        Code::missing_statement, segment_span(head),
        fmt::format("'{}' needs a block {{ … }} with {}", form.keyword, keyword_list(form.nested)));
    return false;
  }
  for (const syntax::Statement& inner : statement.block) {
    const std::string_view keyword = inner.head.keyword;
    const auto spec = std::find_if(form.nested.begin(), form.nested.end(),
                                   [&](const NestedForm& n) { return n.keyword == keyword; });
    if (spec == form.nested.end()) {
      sink.report(Code::unexpected_statement, inner.head.keyword_span,
                  fmt::format("'{}' is not allowed in a '{}' block; expected {}", keyword,
                              form.keyword, keyword_list(form.nested)));
      ok = false;
      continue;
    }
    if (spec->once) {
      const auto first =
          std::find_if(statement.block.begin(), statement.block.end(),
                       [&](const syntax::Statement& s) { return s.head.keyword == keyword; });
      if (&*first != &inner) {
        sink.report(Code::unexpected_statement, inner.head.keyword_span,
                    fmt::format("'{}' given twice in one '{}'", keyword, form.keyword));
        ok = false;
      }
    }
    const StatementForm* inner_form = nested_form(keyword);
    if (inner_form && !check_shape(inner, *inner_form, sink)) ok = false;
  }
  if (statement.has_block || form.block_required) {
    for (const NestedForm& spec : form.nested) {
      if (!spec.required) continue;
      const bool present =
          std::any_of(statement.block.begin(), statement.block.end(),
                      [&](const syntax::Statement& s) { return s.head.keyword == spec.keyword; });
      if (!present) {
        sink.report(Code::missing_statement, segment_span(head),
                    fmt::format("'{}' needs {} '{}' statement", form.keyword, article(spec.keyword),
                                spec.keyword));
        ok = false;
      }
    }
  }
  return ok;
}

}  // namespace mandate::detail
