#include <mandate/version.hpp>

namespace mandate {

std::string_view version() noexcept { return MANDATE_VERSION_STRING; }

}  // namespace mandate
