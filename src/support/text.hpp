// Texts formatted by the million (explanations, verdict details): with a
// format compiled ahead (FMT_COMPILE), written into a stack buffer and then
// copied into a string of the exact size, one allocation each. fmt::format
// with a compiled format appends to the string piece by piece, which grows
// it several times.
#pragma once

#include <fmt/compile.h>
#include <fmt/format.h>

#include <iterator>
#include <string>

namespace mandate::detail {

template <typename CompiledFormat, typename... Args>
[[nodiscard]] std::string format_text(const CompiledFormat& format, const Args&... args) {
  fmt::memory_buffer buffer;
  fmt::format_to(std::back_inserter(buffer), format, args...);
  return std::string(buffer.data(), buffer.size());
}

}  // namespace mandate::detail
