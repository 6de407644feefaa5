// mandate_generate_facts: writes the synthetic facts of the evaluation
// benchmarks (benchmarks/facts_generator.hpp) as CSV files into a directory.
//
//   mandate_generate_facts [--scale province|national|national-tenth|million]
//                          [--counties N] [--towns N] [--villages N] [--events N]
//                          [--seed N] DIRECTORY
//
// The files load with `mandate eval examples/shangluo-2018/shangluo.plan
// --facts DIRECTORY --year 2018 --as-of 2019-03-31`.
#include "facts_generator.hpp"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <optional>
#include <string>
#include <string_view>

namespace {

constexpr std::string_view usage =
    "usage: mandate_generate_facts [--scale province|national|national-tenth|million] [--counties "
    "N] "
    "[--towns N]\n"
    "                              [--villages N] [--events N] [--seed N] DIRECTORY\n"
    "Writes units.csv, events.csv, titles.csv, measures.csv and published.csv for the Shangluo "
    "plan\n"
    "(assessment year 2018, as of 2019-03-31). The default scale is province.\n";

std::optional<std::uint64_t> number(std::string_view text) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

int main(int argc, char** argv) {
  using mandate::bench::FactsScale;
  FactsScale scale = mandate::bench::province_scale;
  std::string directory;
  for (int i = 1; i < argc; ++i) {
    const std::string_view argument = argv[i];
    if (argument == "--help" || argument == "-h") {
      std::fputs(usage.data(), stdout);
      return 0;
    }
    if (argument.starts_with("--")) {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n%s", argv[i], usage.data());
        return 2;
      }
      const std::string_view value = argv[++i];
      if (argument == "--scale") {
        if (value == "province")
          scale = mandate::bench::province_scale;
        else if (value == "national")
          scale = mandate::bench::national_scale;
        else if (value == "national-tenth")
          scale = mandate::bench::national_tenth_scale;
        else if (value == "million")
          scale = mandate::bench::million_scale;
        else {
          std::fprintf(stderr,
                       "unknown scale '%s': province, national, national-tenth or million\n",
                       argv[i]);
          return 2;
        }
        continue;
      }
      const auto n = number(value);
      if (!n) {
        std::fprintf(stderr, "%s: '%s' is not a whole number\n", argv[i - 1], argv[i]);
        return 2;
      }
      if (argument == "--counties")
        scale.counties = static_cast<std::uint32_t>(*n);
      else if (argument == "--towns")
        scale.towns = static_cast<std::uint32_t>(*n);
      else if (argument == "--villages")
        scale.villages = static_cast<std::uint32_t>(*n);
      else if (argument == "--events")
        scale.events = *n;
      else if (argument == "--seed")
        scale.seed = *n;
      else {
        std::fprintf(stderr, "unknown option %s\n%s", argv[i - 1], usage.data());
        return 2;
      }
      if (argument != "--seed") scale.name = "custom";
      continue;
    }
    if (!directory.empty()) {
      std::fprintf(stderr, "one directory only\n%s", usage.data());
      return 2;
    }
    directory = argument;
  }
  if (directory.empty()) {
    std::fputs(usage.data(), stderr);
    return 2;
  }
  try {
    const auto start = std::chrono::steady_clock::now();
    const mandate::bench::FactsSummary summary = mandate::bench::write_facts(scale, directory);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%s scale (seed %llu): %u county-level units, %u towns, %u villages\n",
                std::string(scale.name).c_str(), static_cast<unsigned long long>(scale.seed),
                scale.counties, scale.towns, scale.villages);
    std::printf("wrote %s in %.2f s:\n", directory.c_str(), seconds);
    std::printf("  units.csv      %12llu rows\n", static_cast<unsigned long long>(summary.units));
    std::printf(
        "  events.csv     %12llu rows (%llu for the county rules, %llu town and village events)\n",
        static_cast<unsigned long long>(summary.events),
        static_cast<unsigned long long>(summary.rule_events),
        static_cast<unsigned long long>(summary.filler_events));
    std::printf("  titles.csv     %12llu rows\n", static_cast<unsigned long long>(summary.titles));
    std::printf("  measures.csv   %12llu rows\n",
                static_cast<unsigned long long>(summary.measures));
    std::printf("  published.csv  %12llu rows\n",
                static_cast<unsigned long long>(summary.published));
    std::printf("  total          %12llu rows\n", static_cast<unsigned long long>(summary.rows()));
  } catch (const std::exception& error) {
    std::fprintf(stderr, "mandate_generate_facts: %s\n", error.what());
    return 1;
  }
  return 0;
}
