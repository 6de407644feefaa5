// `mandate test PATH...`: scenario files, or every *.scenario under a folder.
#include <mandate/scenario.hpp>

#include "cli/common.hpp"
#include "cli/io.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>

namespace mandate::cli {
namespace {

namespace fs = std::filesystem;

/// The scenario files of the paths; false (and the error printed) when a
/// path cannot be read.
bool collect(const std::vector<std::string>& paths, std::vector<std::string>& files) {
  for (const std::string& path : paths) {
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (error) {
      std::cerr << render(IoError{path, fmt::format("cannot read the file: {}", error.message())});
      return false;
    }
    if (!fs::is_directory(status)) {
      files.push_back(path);
      continue;
    }
    for (fs::recursive_directory_iterator it(path, error), end; !error && it != end;
         it.increment(error))
      if (it->is_regular_file() && it->path().extension() == ".scenario")
        files.push_back(it->path().string());
    if (error) {
      std::cerr << render(
          IoError{path, fmt::format("cannot read the folder: {}", error.message())});
      return false;
    }
  }
  return true;
}

}  // namespace

Run add_test(CLI::App& command) {
  auto paths = std::make_shared<std::vector<std::string>>();
  command.add_option("PATH", *paths, "scenario files, or folders searched for *.scenario")
      ->type_name("")
      ->required();
  // Scenarios name their plans; the report's language is chosen here alone.
  auto lang = std::make_shared<std::string>();
  command.add_option("--lang", *lang, "the language of the results, zh or en (default en)")
      ->check(CLI::IsMember({"zh", "en"}))
      ->type_name("zh|en");
  return [paths, lang] {
    std::vector<std::string> files;
    if (!collect(*paths, files)) return exit_error;
    std::sort(files.begin(), files.end());
    if (files.empty()) {
      std::cerr << "mandate test: error: no *.scenario file found: nothing to run\n";
      return exit_error;
    }
    std::vector<ScenarioResult> results;
    for (const std::string& file : files) results.push_back(run_scenario(file));
    std::cout << render_results(results, parse_language(*lang).value_or(Language::en));
    // A file a scenario names that cannot be read is the job not done
    // (decision 0015), not a failing expectation.
    if (std::any_of(results.begin(), results.end(), [](const auto& r) { return r.unreadable(); }))
      return exit_error;
    return std::all_of(results.begin(), results.end(), [](const auto& r) { return r.passed(); })
               ? exit_ok
               : exit_findings;
  };
}

}  // namespace mandate::cli
