// The only translation unit that compiles the X3 grammar definitions.
#include "grammar_def.hpp"

namespace mandate::parse_detail {

BOOST_SPIRIT_INSTANTIATE(statement_header_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(expression_type, iterator_type, context_type)

}  // namespace mandate::parse_detail
