#include "generate_plan.hpp"

#include <mandate/parse.hpp>
#include <mandate/source.hpp>

#include "source/utf8.hpp"

#ifndef MANDATE_SOURCE_DIR
#error "MANDATE_SOURCE_DIR must name the source tree (set by benchmarks/CMakeLists.txt)"
#endif

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unordered_set>

namespace mandate::bench {
namespace {

/// Statements whose first argument declares a name (docs/language.md §4).
constexpr std::array<std::string_view, 15> declaring_keywords = {
    "kind",  "body",   "group", "param",       "metric",   "title", "event", "programme",
    "stage", "target", "goal",  "consequence", "sanction", "award", "quota",
};

bool declares(std::string_view keyword) {
  return std::find(declaring_keywords.begin(), declaring_keywords.end(), keyword) !=
         declaring_keywords.end();
}

void collect_declared(const std::vector<syntax::Statement>& statements,
                      std::vector<std::string>& names) {
  for (const syntax::Statement& statement : statements) {
    if (declares(statement.head.keyword) && !statement.head.arguments.empty() &&
        statement.head.arguments.front().kind == syntax::NodeKind::name) {
      names.push_back(statement.head.arguments.front().text);
    }
    for (const syntax::Segment& segment : statement.segments) {
      if (segment.keyword != "alias") continue;
      for (const syntax::Node& alias : segment.arguments) {
        if (alias.kind == syntax::NodeKind::name) names.push_back(alias.text);
      }
    }
    collect_declared(statement.block, names);
  }
}

}  // namespace

std::string rename_names(std::string_view text, const std::vector<std::string>& names,
                         std::string_view suffix) {
  const std::unordered_set<std::string_view> lookup(names.begin(), names.end());
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  const char* const end = text.data() + text.size();
  const char* it = text.data();
  while (it != end) {
    const char c = *it;
    if (c == '"') {  // a string: up to the closing quote or the end of the line
      const char* stop = it + 1;
      while (stop != end && *stop != '"' && *stop != '\n')
        stop += (*stop == '\\' && stop + 1 != end) ? 2 : 1;
      if (stop != end && *stop == '"') ++stop;
      out.append(it, stop);
      it = stop;
    } else if (c == '#') {  // a comment: to the end of the line
      const char* stop = std::find(it, end, '\n');
      out.append(it, stop);
      it = stop;
    } else if (c == '[') {  // a citation: kept verbatim
      const char* stop = std::find(it, end, ']');
      if (stop != end) ++stop;
      out.append(it, stop);
      it = stop;
    } else if (c >= '0' && c <= '9') {  // a number and whatever sticks to it (2018, 03-20, 90%)
      const char* stop = detail::scan_word_continue(it, end);
      out.append(it, stop);
      it = stop;
    } else if (const char* word_end = detail::scan_word(it, end); word_end != it) {
      const std::string_view word(it, static_cast<std::size_t>(word_end - it));
      out.append(word);
      if (lookup.contains(word)) out.append(suffix);
      it = word_end;
    } else {  // one code point that is not part of a name
      const char* next = it;
      (void)detail::decode_utf8(next, end);
      out.append(it, next);
      it = next;
    }
  }
  return out;
}

const std::string& shangluo_text() {
  static const std::string text = [] {
    const std::string path = MANDATE_SOURCE_DIR "/examples/shangluo-2018/shangluo.plan";
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  }();
  return text;
}

GeneratedPlan generate_scaled_plan(std::string_view base_text, std::size_t factor) {
  const SourceFile base("base.plan", std::string(base_text));
  const ParseResult parsed = parse(base);
  if (has_errors(parsed.diagnostics)) throw std::runtime_error("the base plan does not parse");

  const syntax::Statement* plan = nullptr;
  for (const syntax::Statement& statement : parsed.file.statements) {
    if (statement.head.keyword != "plan") continue;
    if (plan != nullptr) throw std::runtime_error("the base plan has two plan statements");
    plan = &statement;
  }
  if (plan == nullptr) throw std::runtime_error("the base plan has no plan statement");

  std::vector<std::string> names;
  collect_declared(parsed.file.statements, names);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());

  // Everything but the plan statement: the declarations with their comments.
  std::string body(base_text.substr(0, plan->span.begin));
  body.append(base_text.substr(plan->span.end));

  GeneratedPlan generated;
  generated.copies = std::max<std::size_t>(factor, 1);
  generated.declared_names = names.size();
  generated.text.reserve(base_text.size() * generated.copies * 11 / 10);
  generated.text.append(base_text);
  for (std::size_t k = 2; k <= generated.copies; ++k) {
    std::string suffix(1, '_');
    suffix.append(std::to_string(k));
    generated.text.append("\n# ---- generated copy ").append(std::to_string(k)).append(" ----\n");
    generated.text.append(rename_names(body, names, suffix));
  }
  return generated;
}

}  // namespace mandate::bench
