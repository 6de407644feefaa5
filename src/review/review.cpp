// Quotes against the original text, and the coverage report (decision 0044).
#include <mandate/plan.hpp>
#include <mandate/review.hpp>

#include "check/forms.hpp"
#include "review/original.hpp"
#include "source/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace mandate {
namespace {

using review_detail::Original;

const syntax::Statement* plan_statement(const syntax::PlanFile& file) {
  const auto it = std::find_if(file.statements.begin(), file.statements.end(),
                               [](const syntax::Statement& s) { return s.head.keyword == "plan"; });
  return it == file.statements.end() ? nullptr : &*it;
}

/// The quoted strings of a statement and of its nested statements.
void collect_quotes(const syntax::Statement& statement, std::vector<const syntax::Node*>& out) {
  for (const syntax::Segment& segment : statement.segments)
    if (detail::is_quote_keyword(segment.keyword))
      for (const syntax::Node& argument : segment.arguments)
        if (argument.kind == syntax::NodeKind::string) out.push_back(&argument);
  for (const syntax::Statement& inner : statement.block) collect_quotes(inner, out);
}

std::string citations_text(const syntax::Statement& statement) {
  Citations citations;
  for (const syntax::Citation& c : statement.citations) citations.push_back({c.clause, c.section});
  return format_citations(citations);
}

/// A quoted text shortened for a message: its first 40 characters.
std::string excerpt(std::string_view text) {
  constexpr std::size_t keep = 40;
  const char* it = text.data();
  const char* const end = text.data() + text.size();
  for (std::size_t n = 0; n < keep && it != end; ++n) (void)detail::decode_utf8(it, end);
  const std::string shown =
      detail::escape_for_message(text.substr(0, static_cast<std::size_t>(it - text.data())));
  return it == end ? shown : shown + "…";
}

void add_unique(std::vector<std::size_t>& to, std::size_t value) {
  if (std::find(to.begin(), to.end(), value) == to.end()) to.push_back(value);
}

std::string percent(std::size_t part, std::size_t whole) {
  return whole == 0 ? std::string("-")
                    : fmt::format("{:.1f}%",
                                  100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

class Reviewer {
 public:
  Reviewer(const SourceFile& plan, const SourceFile& original, Review& out)
      : sink_(plan), original_(original), text_(original.text()), out_(out) {}

  /// Ranges of `quote` in the original; none (and M0025) when not found.
  std::vector<review_detail::Range> find(const syntax::Node& quote, std::string_view what) {
    std::vector<review_detail::Range> ranges = text_.find(quote.text);
    if (!ranges.empty()) return ranges;
    Diagnostic& d = sink_.report(
        Code::quote_not_found, quote.span,
        fmt::format("{} not found in {}: “{}”", what, original_.name(), excerpt(quote.text)));
    d.notes.push_back(
        Note{"white space and line breaks are ignored; every other character must "
             "match, punctuation included",
             {},
             false});
    const std::size_t closest = text_.closest(quote.text);
    if (closest < text_.sentences().size()) {
      const review_detail::Sentence& s = text_.sentences()[closest];
      d.notes.push_back(Note{
          fmt::format("closest passage, {}:{}: “{}”", original_.name(), s.line, excerpt(s.text)),
          {},
          false});
    }
    return ranges;
  }

  void rule(const syntax::Statement& statement, bool required) {
    std::vector<const syntax::Node*> quotes;
    collect_quotes(statement, quotes);
    if (!required && quotes.empty()) return;
    const std::size_t index = out_.rules.size();
    ReviewRule& rule = out_.rules.emplace_back();
    rule.keyword = statement.head.keyword;
    if (!statement.head.arguments.empty()) rule.name = statement.head.arguments[0].text;
    rule.citations = citations_text(statement);
    rule.span = statement.span;
    rule.required = required;
    for (const syntax::Node* quote : quotes) {
      const auto ranges = find(*quote, "quote");
      rule.quotes.push_back(ReviewQuote{quote->text, quote->span, ranges.size()});
      for (const review_detail::Range range : ranges) {
        for (const std::size_t sentence : text_.sentences_in(range)) {
          add_unique(rule.sentences, sentence);
          add_unique(out_.sentences[sentence].rules, index);
        }
      }
    }
    std::sort(rule.sentences.begin(), rule.sentences.end());
  }

  void not_executable(const syntax::Statement& plan) {
    for (const syntax::Statement& inner : plan.block) {
      if (inner.head.keyword != "not_executable") continue;
      for (const syntax::Node& text : inner.head.arguments) {
        if (text.kind != syntax::NodeKind::string) continue;
        for (const review_detail::Range range : find(text, "not_executable text"))
          for (const std::size_t sentence : text_.sentences_in(range))
            out_.sentences[sentence].executable = false;
      }
    }
  }

  [[nodiscard]] const Original& text() const noexcept { return text_; }
  std::vector<Diagnostic> take() && { return std::move(sink_).take(); }

 private:
  DiagnosticSink sink_;
  const SourceFile& original_;
  Original text_;
  Review& out_;
};

}  // namespace

std::size_t Review::executable_sentences() const noexcept {
  return static_cast<std::size_t>(std::count_if(
      sentences.begin(), sentences.end(), [](const ReviewSentence& s) { return s.executable; }));
}

std::size_t Review::covered_sentences() const noexcept {
  return static_cast<std::size_t>(
      std::count_if(sentences.begin(), sentences.end(),
                    [](const ReviewSentence& s) { return s.executable && !s.rules.empty(); }));
}

std::size_t Review::unquoted_rules() const noexcept {
  return static_cast<std::size_t>(
      std::count_if(rules.begin(), rules.end(),
                    [](const ReviewRule& r) { return r.required && r.quotes.empty(); }));
}

std::optional<SourceReference> source_reference(const syntax::PlanFile& file) {
  const syntax::Statement* plan = plan_statement(file);
  if (!plan) return std::nullopt;
  for (const syntax::Statement& inner : plan->block)
    if (inner.head.keyword == "source" && inner.head.arguments.size() == 1 &&
        inner.head.arguments[0].kind == syntax::NodeKind::string)
      return SourceReference{inner.head.arguments[0].text, inner.head.arguments[0].span};
  return std::nullopt;
}

std::vector<Diagnostic> quotes_without_source(const syntax::PlanFile& file,
                                              const SourceFile& plan) {
  DiagnosticSink sink(plan);
  if (source_reference(file)) return {};
  for (const syntax::Statement& statement : file.statements) {
    std::vector<const syntax::Node*> quotes;
    collect_quotes(statement, quotes);
    if (quotes.empty()) continue;
    sink.report(Code::quote_not_found, quotes.front()->span,
                "a quote, but the plan names no source text to find it in; add source "
                "\"FILE.txt\" to the plan block");
  }
  return std::move(sink).take();
}

Review review(const syntax::PlanFile& file, const SourceFile& plan, const SourceFile& original) {
  Review out;
  out.source_name = original.name();
  const syntax::Statement* plan_header = plan_statement(file);
  if (plan_header && !plan_header->head.arguments.empty())
    out.title = plan_header->head.arguments[0].text;
  if (const auto bad = detail::find_invalid_utf8(original.text())) {
    DiagnosticSink sink(original);
    const auto at = static_cast<std::uint32_t>(*bad);
    Diagnostic& d = sink.report(Code::invalid_utf8, Span{at, at + 1},
                                "invalid UTF-8; the source text must be UTF-8");
    if (const auto encoding = detail::guess_encoding(original.text()))
      d.notes.push_back(Note{detail::convert_hint(*encoding, original.name()), {}, false});
    out.diagnostics = std::move(sink).take();
    return out;
  }
  Reviewer reviewer(plan, original, out);
  out.paragraphs = reviewer.text().paragraphs();
  for (const review_detail::Sentence& s : reviewer.text().sentences())
    out.sentences.push_back(ReviewSentence{s.paragraph, s.line, s.text, true, {}});
  if (plan_header) reviewer.not_executable(*plan_header);
  for (const syntax::Statement& statement : file.statements) {
    const detail::StatementForm* form = detail::top_level_form(statement.head.keyword);
    if (!form) continue;
    // Parameters, declarations and the plan header count when they quote,
    // but a rule is a normative statement other than a parameter.
    reviewer.rule(statement, form->normative && statement.head.keyword != "param");
  }
  out.diagnostics = std::move(reviewer).take();
  return out;
}

std::string render_coverage(const Review& review, const SourceFile& plan) {
  const std::size_t executable = review.executable_sentences();
  const std::size_t covered = review.covered_sentences();
  const std::size_t rules = static_cast<std::size_t>(std::count_if(
      review.rules.begin(), review.rules.end(), [](const ReviewRule& r) { return r.required; }));
  const std::size_t unquoted = review.unquoted_rules();
  std::string out =
      fmt::format("coverage of {}: {} of {} executable sentences quoted ({}); {} not executable\n",
                  review.source_name, covered, executable, percent(covered, executable),
                  review.sentences.size() - executable);
  out += fmt::format("rules quoting the source: {} of {} ({})\n", rules - unquoted, rules,
                     percent(rules - unquoted, rules));
  if (unquoted > 0) {
    out += "rules without a quote:\n";
    for (const ReviewRule& r : review.rules) {
      if (!r.required || !r.quotes.empty()) continue;
      const Position at = plan.position(r.span.begin);
      out += fmt::format("  {}:{}:{}: {} {}{}{}\n", plan.name(), at.line, at.column, r.keyword,
                         detail::escape_for_message(r.name), r.citations.empty() ? "" : " ",
                         r.citations);
    }
  }
  if (covered < executable) {
    out += "sentences no rule quotes:\n";
    for (const ReviewSentence& s : review.sentences)
      if (s.executable && s.rules.empty())
        out += fmt::format("  {}:{}: {}\n", review.source_name, s.line,
                           detail::escape_for_message(s.text));
  }
  return out;
}

}  // namespace mandate
