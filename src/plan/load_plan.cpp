// load_plan: read, parse and check in one call (include/mandate/load.hpp).
#include <mandate/load.hpp>

#include "source/read_file.hpp"

namespace mandate {
namespace {

PlanLoad check_source(std::shared_ptr<const SourceFile> source) {
  PlanLoad load;
  CheckResult checked = parse_and_check(*source);
  load.source = std::move(source);
  load.plan = std::move(checked.plan);
  load.diagnostics = std::move(checked.diagnostics);
  return load;
}

}  // namespace

PlanLoad load_plan(const std::string& path) {
  detail::FileRead read = detail::read_whole_file(path, ParseLimits{}.max_source_bytes, "plans");
  if (!read.text) {
    PlanLoad load;
    Diagnostic& error = load.diagnostics.emplace_back();
    error.code = read.code;
    error.file = path;
    error.position = Position{0, 0};
    error.message = std::move(read.message);
    return load;
  }
  return check_source(std::make_shared<const SourceFile>(path, std::move(*read.text)));
}

PlanLoad load_plan_text(std::string text, std::string name) {
  return check_source(std::make_shared<const SourceFile>(std::move(name), std::move(text)));
}

}  // namespace mandate
