// The iterator, skipper and context types shared by the grammar's
// declaration (grammar.hpp) and its one instantiation (grammar.cpp).
// BOOST_SPIRIT_INSTANTIATE links only when these match the callers exactly,
// so they are defined here and nowhere else.
#pragma once

#include <boost/spirit/home/x3.hpp>

namespace mandate::parse_detail {

namespace x3 = boost::spirit::x3;

using iterator_type = const char*;

/// Tag under which the start of the source text is stored in the parse
/// context, so that AST nodes can record byte offsets.
struct source_begin_tag;

/// White space (ASCII and the ideographic space U+3000) and `#` comments.
/// Character classes of x3::ascii/standard are avoided on purpose: they call
/// <cctype> functions, which are undefined for the bytes of UTF-8 sequences.
inline const auto skipper = x3::standard::char_(" \t\r\n\f\v") | x3::lit("\xE3\x80\x80") |
                            (x3::lit('#') >> *(x3::standard::char_ - x3::lit('\n')));

using skipper_type = std::remove_cv_t<decltype(skipper)>;
using phrase_context_type = x3::phrase_parse_context<skipper_type>::type;
using context_type = x3::context<source_begin_tag, const iterator_type, phrase_context_type>;

}  // namespace mandate::parse_detail
