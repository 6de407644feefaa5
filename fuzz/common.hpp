// What the fuzz targets share: the Shangluo plan, checked once per process,
// and a scratch file for the readers that take a path.
#pragma once

#include <mandate/plan.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace mandate::fuzz {

/// examples/shangluo-2018/shangluo.plan, checked; aborts if it does not check.
[[nodiscard]] std::shared_ptr<const Plan> shangluo();

/// Writes `bytes` to this process's scratch file (removed at exit) and
/// returns its path.
[[nodiscard]] const std::string& scratch_file(std::string_view bytes, std::string_view extension);

/// Ends the run as a finding (libFuzzer saves the input) when `condition`
/// is false: for properties that must hold, not only for crashes.
void require(bool condition, const char* what);

}  // namespace mandate::fuzz
