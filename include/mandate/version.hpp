// The version of mandate: the macros give the headers' version at compile
// time, mandate::version() the compiled library's, so that a host linked
// against a shared library can tell when the two differ.
#pragma once

#include <mandate/export.hpp>

#include <string_view>

// The only place the version is written: CMakeLists.txt reads it from here.
#define MANDATE_VERSION_MAJOR 0
#define MANDATE_VERSION_MINOR 1
#define MANDATE_VERSION_PATCH 0
#define MANDATE_DETAIL_STRINGIFY(x) #x
#define MANDATE_DETAIL_TO_STRING(x) MANDATE_DETAIL_STRINGIFY(x)
/// "0.1.0"
#define MANDATE_VERSION_STRING                                                      \
  MANDATE_DETAIL_TO_STRING(MANDATE_VERSION_MAJOR)                                   \
  "." MANDATE_DETAIL_TO_STRING(MANDATE_VERSION_MINOR) "." MANDATE_DETAIL_TO_STRING( \
      MANDATE_VERSION_PATCH)
/// One number for comparisons: 10000 * major + 100 * minor + patch.
#define MANDATE_VERSION \
  (MANDATE_VERSION_MAJOR * 10000 + MANDATE_VERSION_MINOR * 100 + MANDATE_VERSION_PATCH)

namespace mandate {

/// The version of the library linked in, "0.1.0" (MANDATE_VERSION_STRING
/// when the library was compiled).
[[nodiscard]] MANDATE_EXPORT std::string_view version() noexcept;

}  // namespace mandate
