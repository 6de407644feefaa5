// Fuzz target: the scenario reader (it reads from a path: the input is
// written to a scratch file first). Plans and fact files named by the
// scenario are not opened: a fuzzer must not read the machine's files.
#include "common.hpp"

#include <mandate/scenario.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mandate;
  const std::string& path =
      fuzz::scratch_file(std::string_view(reinterpret_cast<const char*>(data), size), ".scenario");
  std::vector<ScenarioError> errors;
  const auto scenario = read_scenario(path, errors);
  fuzz::require(scenario.has_value() == errors.empty(), "a scenario, or errors that say why not");
  return 0;
}
