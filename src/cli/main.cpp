// The `mandate` command line (docs/cli.md). Arguments are parsed by CLI11
// (decision 0014); each command lives in its own file. Exit codes: 0 the
// command found nothing wrong, 1 it found something (diagnostics,
// violations, failing scenarios), 2 it could not do its job (usage, I/O,
// input over a limit or that does not check).
#include "cli/common.hpp"
#include "cli/io.hpp"
#include "source/utf8.hpp"

#include <mandate/version.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace {

using namespace mandate::cli;

constexpr std::string_view footer = R"(
Exit codes: 0 nothing wrong was found; 1 something was (diagnostics, violations,
failing scenarios, a name not found); 2 the command could not do its job (usage,
unreadable or unwritable files, input over a limit or that does not check).
Run 'mandate COMMAND --help' for a command's options; docs/cli.md has them all.)";

/// "mandate eval" for the command being parsed.
std::string command_name(const CLI::App& app) {
  std::string name = "mandate";
  for (const CLI::App* command : app.get_subcommands()) name += " " + command->get_name();
  return name;
}

/// CLI11's message for a parse error, except that the arguments no option
/// took are named first and in the order given. A mistyped option otherwise
/// hides behind what it displaced (`eval --format json` takes json as the
/// plan and says only "--facts is required"), and CLI11 2.1 lists them in
/// reverse ("json --format").
std::string parse_error_message(const CLI::App& app, const CLI::ParseError& error) {
  const bool about_arguments = dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr ||
                               dynamic_cast<const CLI::RequiredError*>(&error) != nullptr;
  std::vector<std::string> unexpected = app.remaining(/*recurse=*/true);
  if (!about_arguments || unexpected.empty()) return error.what();
  for (std::string& argument : unexpected) argument = mandate::detail::escape_for_message(argument);
  return fmt::format("The following argument{} not expected: {}",
                     unexpected.size() == 1 ? " was" : "s were", fmt::join(unexpected, " "));
}

int run(int argc, char** argv) {
  CLI::App app("mandate: checks, formats and evaluates government implementation plans.",
               "mandate");
  app.footer(std::string(footer));
  app.require_subcommand(0, 1);
  bool version = false;
  app.add_flag("--version", version, "print the version and exit");

  std::map<const CLI::App*, Run> commands;
  const auto add = [&](const char* name, const char* description, Run (*make)(CLI::App&)) {
    CLI::App* command = app.add_subcommand(name, description);
    command->footer(std::string(footer));
    commands[command] = make(*command);
  };
  add("check", "parse and check plans: 0 when clean, 1 with errors", add_check);
  add("fmt", "print plans in canonical form, rewrite them (--in-place) or check them (--check)",
      add_fmt);
  add("summary", "check a plan and print its bodies, programmes, stages by date, sanctions",
      add_summary);
  add("eval", "evaluate facts against a plan: 0 when no verdict is a violation, 1 otherwise",
      add_eval);
  add("test", "run scenario files: facts and the verdicts they must produce", add_test);
  add("who", "who leads, helps, answers: questions to the responsibility graph", add_who);
  add("review", "write the review page: the source text beside the rules that quote it",
      add_review);
  add("calendar", "write a body's duties of a year as an iCalendar file (deadlines, campaigns)",
      add_calendar);
  CLI::App* help = app.add_subcommand("help", "print the help of mandate or of a command");
  std::string help_topic;
  help->add_option("COMMAND", help_topic, "the command")->type_name("");

  // An unknown command is named as such, not as an unexpected argument.
  if (argc > 1 && argv[1][0] != '-') {
    bool known = false;
    for (const CLI::App* command : app.get_subcommands({})) known |= command->get_name() == argv[1];
    if (!known) {
      std::cerr << fmt::format(
          "mandate: error: unknown command '{}'; the commands are check, fmt, summary, eval, test, "
          "who, review, calendar and help\nRun 'mandate --help' for more.\n",
          mandate::detail::escape_for_message(argv[1]));
      return exit_error;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    const std::string name = command_name(app);
    std::cerr << fmt::format("{}: error: {}\nRun '{} --help' for the options.\n", name,
                             parse_error_message(app, e), name);
    return exit_error;
  }
  if (version) {
    std::cout << "mandate " << mandate::version() << "\n";
    return exit_ok;
  }
  if (help->parsed()) {
    if (help_topic.empty()) {
      std::cout << app.help();
      return exit_ok;
    }
    for (CLI::App* command : app.get_subcommands({}))
      if (command->get_name() == help_topic) {
        std::cout << command->help("mandate");
        return exit_ok;
      }
    std::cerr << fmt::format("mandate help: error: unknown command '{}'\n", help_topic);
    return exit_error;
  }
  for (const CLI::App* command : app.get_subcommands())
    if (const auto it = commands.find(command); it != commands.end()) return it->second();
  std::cerr << "mandate: error: a command is required\n" << app.help();
  return exit_error;
}

}  // namespace

int main(int argc, char** argv) {
  int status = run(argc, argv);
  // Output that did not reach its file (a full disk, a closed pipe) is an
  // error, whatever the command found.
  if (const auto error = flush_stdout()) {
    std::cerr << render(*error);
    status = exit_error;
  }
  return status;
}
