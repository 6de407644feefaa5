// `mandate fmt [--in-place | --check] FILE...`: the canonical form of plans.
#include <mandate/format.hpp>
#include <mandate/parse.hpp>

#include "cli/common.hpp"
#include "cli/io.hpp"

#include <fmt/format.h>

#include <iostream>
#include <memory>

namespace mandate::cli {

Run add_fmt(CLI::App& command) {
  struct Options {
    std::vector<std::string> files;
    bool in_place = false;
    bool check = false;
  };
  auto options = std::make_shared<Options>();
  command.add_option("FILE", options->files, "plan files")->type_name("")->required();
  CLI::Option* in_place = command.add_flag(
      "-i,--in-place", options->in_place,
      "rewrite each file that is not in canonical form (through a temporary file renamed over "
      "it: a failure leaves the file as it was)");
  command.add_flag("--check", options->check, "exit 1 when a file is not in canonical form")
      ->excludes(in_place);
  return [options] {
    int status = exit_ok;
    for (const std::string& path : options->files) {
      const auto source = read_plan(path);
      if (!source) {
        status = exit_error;
        continue;
      }
      const ParseResult parsed = parse(*source);
      if (has_errors(parsed.diagnostics)) {
        // Never rewrite what could not be read completely.
        print_diagnostics(parsed.diagnostics, *source);
        status = std::max(status, exit_findings);
        continue;
      }
      const std::string formatted = format(parsed.file, *source);
      if (options->check) {
        if (formatted != source->text()) {
          std::cerr << fmt::format("{}: not in canonical form\n", path);
          status = std::max(status, exit_findings);
        }
      } else if (options->in_place) {
        if (formatted == source->text()) continue;
        if (const auto error = write_file(path, formatted)) {
          std::cerr << render(*error);
          status = exit_error;
        }
      } else {
        std::cout << formatted;
      }
    }
    return status;
  };
}

}  // namespace mandate::cli
