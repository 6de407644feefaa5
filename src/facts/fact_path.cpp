// Loading facts by path: the file-name convention shared by the CLI and
// scenarios.
#include <mandate/facts.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <filesystem>

namespace mandate {
namespace {

std::optional<FactKind> kind_of_csv(const std::filesystem::path& path) {
  static constexpr std::array<std::pair<std::string_view, FactKind>, 6> prefixes = {{
      {"units", FactKind::unit},
      {"events", FactKind::event},
      {"titles", FactKind::title},
      {"measures", FactKind::measure},
      {"published", FactKind::published},
      {"calendar", FactKind::calendar},
  }};
  const std::string stem = path.stem().string();
  for (const auto& [prefix, kind] : prefixes)
    if (stem.starts_with(prefix)) return kind;
  return std::nullopt;
}

void merge(LoadReport& into, LoadReport&& part) {
  into.rows_read += part.rows_read;
  into.rows_added += part.rows_added;
  into.rejected_unlisted += part.rejected_unlisted;
  // `auto&`, not `std::vector<auto>&`: a GCC extension that clang refuses.
  const auto append = [](auto& to, auto& from) {
    std::move(from.begin(), from.end(), std::back_inserter(to));
  };
  append(into.rejected, part.rejected);
  append(into.duplicates, part.duplicates);
  append(into.warnings, part.warnings);
  append(into.files, part.files);
}

constexpr std::string_view file_names =
    "units*.csv, events*.csv, titles*.csv, measures*.csv, published*.csv, calendar*.csv or "
    "*.jsonl";

bool is_fact_file_name(const std::filesystem::path& path) {
  return path.extension() == ".csv" || path.extension() == ".jsonl";
}

/// Units first, so that events and measures may name them.
int load_order(const std::filesystem::path& path) {
  if (path.extension() == ".jsonl") return 6;
  const auto kind = kind_of_csv(path);
  return kind ? static_cast<int>(*kind) : 7;
}

}  // namespace

LoadReport load_fact_path(FactStore& store, const std::string& path, LoadPolicy policy) {
  namespace fs = std::filesystem;
  LoadReport report;
  std::vector<fs::path> files;
  std::error_code error;
  if (fs::is_directory(path, error)) {
    for (fs::directory_iterator it(path, error), end; !error && it != end; it.increment(error)) {
      if (!is_fact_file_name(it->path())) continue;  // a README, say
      if (it->is_regular_file(error)) {
        files.push_back(it->path());
      } else {
        report.warnings.push_back(
            {it->path().string(),
             0,
             0,
             "skipped: named like a fact file, but not a regular file (a folder?)",
             Code::no_facts,
             {}});
      }
    }
    if (error) {
      report.rejected.push_back(
          {path, 0, 0, fmt::format("cannot read the folder: {}", error.message()), Code::io, {}});
      return report;
    }
    if (files.empty()) {
      report.rejected.push_back(
          {path,
           0,
           0,
           fmt::format("no fact file in this folder: expected {}", file_names),
           Code::no_facts,
           {}});
      return report;
    }
    std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
      return std::pair(load_order(a), a.filename()) < std::pair(load_order(b), b.filename());
    });
  } else if (!fs::exists(path, error)) {
    // Named as missing, not as a file whose kind the name does not give.
    report.rejected.push_back(
        {path,
         0,
         0,
         fmt::format("cannot read the file: {}",
                     (error ? error : std::make_error_code(std::errc::no_such_file_or_directory))
                         .message()),
         Code::io,
         {}});
    return report;
  } else {
    files.emplace_back(path);
  }
  for (const fs::path& file : files) {
    if (file.extension() == ".jsonl") {
      merge(report, store.load_json_lines(file.string(), policy));
    } else if (const auto kind = kind_of_csv(file)) {
      merge(report, store.load_csv(*kind, file.string(), policy));
    } else {
      report.rejected.push_back(
          {file.string(),
           0,
           0,
           fmt::format("the kind of facts is not known from the file name: expected {}",
                       file_names),
           Code::bad_value,
           {}});
    }
  }
  return report;
}

}  // namespace mandate
