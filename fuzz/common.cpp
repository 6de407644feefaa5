#include "common.hpp"

#include <mandate/check.hpp>
#include <mandate/source.hpp>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace mandate::fuzz {

std::shared_ptr<const Plan> shangluo() {
  static const std::shared_ptr<const Plan> plan = [] {
    const std::string path = MANDATE_SOURCE_DIR "/examples/shangluo-2018/shangluo.plan";
    std::ifstream in(path, std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const SourceFile source(path, text);
    CheckResult checked = parse_and_check(source);
    if (!checked.plan) {
      std::fprintf(stderr, "fuzz: %s does not check\n", path.c_str());
      std::abort();
    }
    return checked.plan;
  }();
  return plan;
}

namespace {
std::string scratch_path;
void remove_scratch() {
  std::error_code ignored;
  std::filesystem::remove(scratch_path, ignored);
}
}  // namespace

const std::string& scratch_file(std::string_view bytes, std::string_view extension) {
  if (scratch_path.empty()) {
    scratch_path = (std::filesystem::temp_directory_path() /
                    ("mandate-fuzz-" + std::to_string(::getpid()) + std::string(extension)))
                       .string();
    std::atexit(remove_scratch);
  }
  std::ofstream out(scratch_path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out.flush()) {
    std::fprintf(stderr, "fuzz: cannot write %s\n", scratch_path.c_str());
    std::abort();
  }
  return scratch_path;
}

void require(bool condition, const char* what) {
  if (condition) return;
  std::fprintf(stderr, "fuzz: property violated: %s\n", what);
  std::abort();
}

}  // namespace mandate::fuzz
