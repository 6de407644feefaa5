// The review page (`mandate review`): one self-contained HTML file, no
// scripts and no external resources, so that it can be mailed and archived.
#include <mandate/review.hpp>

#include "support/html.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace mandate {
namespace {

std::string escape(std::string_view text) { return detail::escape_html(text); }

constexpr std::string_view style = R"(
body{margin:0;font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei","PingFang SC",sans-serif;color:#1a1a1a;background:#fff;line-height:1.7}
header{padding:1rem 2rem;border-bottom:2px solid #8b0000;background:#fbf7f2}
h1{font-size:1.4rem;margin:0 0 .4rem}
h2{font-size:1.1rem;margin:1.2rem 2rem .4rem}
.legend span{margin-right:1rem;padding:0 .3rem}
.columns,.paragraph{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:2rem;padding:.6rem 2rem}
.columns{font-weight:bold;border-bottom:1px solid #ccc;background:#f4f4f4}
.paragraph{border-bottom:1px solid #e4e4e4}
.sentence.covered{background:#e6f4ea}
.sentence.uncovered{background:#ffe08a;outline:1px dashed #b58100}
.sentence.not-executable{color:#777}
.rule{border:1px solid #c9d6e3;border-left:4px solid #2f6f9f;border-radius:3px;padding:.3rem .6rem;margin:0 0 .6rem;background:#f8fbfe}
.rule.unquoted{border-left-color:#c0392b;background:#fff1f0}
.rule.continued{border-left-color:#9bb;background:#fafafa}
.rule h3{font-size:.95rem;margin:0}
.rule .where{color:#666;font-size:.8rem}
.rule blockquote{margin:.2rem 0;padding-left:.6rem;border-left:2px solid #9bb;font-size:.9rem}
.rule blockquote.missing{border-left-color:#c0392b;color:#c0392b}
.rule pre{margin:.3rem 0 0;font-size:.8rem;white-space:pre-wrap;overflow-wrap:anywhere;background:#fff;padding:.3rem}
.unquoted-list{padding:0 2rem 2rem}
)";

class Page {
 public:
  Page(const Review& review, const SourceFile& plan)
      : review_(review), plan_(plan), shown_(review.rules.size(), false) {}

  std::string render() {
    const std::size_t executable = review_.executable_sentences();
    const std::size_t covered = review_.covered_sentences();
    out_ += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n";
    out_ += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out_ += fmt::format("<title>审阅：{}</title>\n<style>{}</style>\n</head>\n<body>\n",
                        escape(review_.title), style);
    out_ += fmt::format("<header>\n<h1>{}</h1>\n", escape(review_.title));
    out_ += fmt::format(
        "<p id=\"summary\" data-executable=\"{}\" data-covered=\"{}\" data-unquoted=\"{}\">"
        "原文 {}：可执行句 {} 句，已有规则引用 {} 句（{}）；未引用原文的规则 {} 条。</p>\n",
        executable, covered, review_.unquoted_rules(), escape(review_.source_name), executable,
        covered,
        executable == 0 ? std::string("-")
                        : fmt::format("{:.1f}%", 100.0 * static_cast<double>(covered) /
                                                     static_cast<double>(executable)),
        review_.unquoted_rules());
    out_ +=
        "<p class=\"legend\"><span class=\"sentence covered\">已引用</span>"
        "<span class=\"sentence uncovered\">未引用</span>"
        "<span class=\"sentence not-executable\">不可执行（不计入）</span></p>\n</header>\n";
    out_ += "<main>\n<div class=\"columns\"><div>原文</div><div>规则</div></div>\n";
    for (std::size_t p = 0; p < review_.paragraphs.size(); ++p) paragraph(p);
    out_ += "</main>\n";
    unquoted();
    out_ += "</body>\n</html>\n";
    return std::move(out_);
  }

 private:
  void paragraph(std::size_t index) {
    out_ += fmt::format("<section class=\"paragraph\" id=\"p{}\">\n<div class=\"original\">",
                        index + 1);
    std::vector<std::size_t> rules;
    for (std::size_t s = 0; s < review_.sentences.size(); ++s) {
      const ReviewSentence& sentence = review_.sentences[s];
      if (sentence.paragraph != index) continue;
      const char* state = !sentence.executable     ? "not-executable"
                          : sentence.rules.empty() ? "uncovered"
                                                   : "covered";
      std::string ids;
      for (const std::size_t r : sentence.rules) {
        ids += fmt::format("{}r{}", ids.empty() ? "" : " ", r + 1);
        if (std::find(rules.begin(), rules.end(), r) == rules.end()) rules.push_back(r);
      }
      out_ += fmt::format(
          "<span class=\"sentence {}\" id=\"s{}\" data-line=\"{}\" data-rules=\"{}\">{}</span>",
          state, s + 1, sentence.line, ids, escape(sentence.text));
    }
    out_ += "</div>\n<div class=\"rules\">\n";
    std::sort(rules.begin(), rules.end());
    for (const std::size_t r : rules) {
      if (shown_[r]) {
        continued(r);
      } else {
        shown_[r] = true;
        card(r, "rule");
      }
    }
    out_ += "</div>\n</section>\n";
  }

  /// A rule already shown beside an earlier paragraph: its name and a link.
  void continued(std::size_t index) {
    const ReviewRule& rule = review_.rules[index];
    out_ += fmt::format(
        "<article class=\"rule continued\" data-rule=\"r{0}\">\n<h3><a href=\"#r{0}\">{1} "
        "{2}</a> <span class=\"where\">（续，见上）</span></h3>\n</article>\n",
        index + 1, escape(rule.keyword), escape(rule.name));
  }

  void card(std::size_t index, std::string_view css_class) {
    const ReviewRule& rule = review_.rules[index];
    const Position at = plan_.position(rule.span.begin);
    out_ += fmt::format(
        "<article class=\"{}\" id=\"r{}\" data-rule=\"r{}\">\n<h3>{} {} <span "
        "class=\"where\">{} {}:{}</span></h3>\n",
        css_class, index + 1, index + 1, escape(rule.keyword), escape(rule.name),
        escape(rule.citations), escape(plan_.name()), at.line);
    for (const ReviewQuote& quote : rule.quotes)
      out_ += fmt::format("<blockquote{}>{}{}</blockquote>\n",
                          quote.occurrences == 0 ? " class=\"missing\"" : "",
                          quote.occurrences == 0 ? "（原文中未找到）" : "", escape(quote.text));
    const std::string_view text =
        plan_.text().substr(rule.span.begin, rule.span.end - rule.span.begin);
    out_ += fmt::format("<pre>{}</pre>\n</article>\n", escape(text));
  }

  void unquoted() {
    out_ += "<section id=\"unquoted\">\n<h2>未引用原文的规则</h2>\n<div class=\"unquoted-list\">\n";
    bool any = false;
    for (std::size_t r = 0; r < review_.rules.size(); ++r) {
      if (!review_.rules[r].required || !review_.rules[r].quotes.empty()) continue;
      card(r, "rule unquoted");
      any = true;
    }
    if (!any) out_ += "<p>无。</p>\n";
    out_ += "</div>\n</section>\n";
  }

  const Review& review_;
  const SourceFile& plan_;
  std::vector<bool> shown_;  // a rule's full card is shown once, beside its first paragraph
  std::string out_;
};

}  // namespace

std::string render_review_html(const Review& review, const SourceFile& plan) {
  return Page(review, plan).render();
}

}  // namespace mandate
