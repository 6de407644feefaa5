// Loading facts by path: the file-name convention shared by the CLI and
// scenarios.
#include <mandate/facts.hpp>

#include <algorithm>
#include <array>
#include <filesystem>

namespace mandate {
namespace {

std::optional<FactKind> kind_of_csv(const std::filesystem::path& path) {
  static constexpr std::array<std::pair<std::string_view, FactKind>, 5> prefixes = {{
      {"units", FactKind::unit},
      {"events", FactKind::event},
      {"titles", FactKind::title},
      {"measures", FactKind::measure},
      {"published", FactKind::published},
  }};
  const std::string stem = path.stem().string();
  for (const auto& [prefix, kind] : prefixes)
    if (stem.starts_with(prefix)) return kind;
  return std::nullopt;
}

void merge(LoadReport& into, LoadReport&& part) {
  into.rows_read += part.rows_read;
  into.rows_added += part.rows_added;
  std::move(part.rejected.begin(), part.rejected.end(), std::back_inserter(into.rejected));
  std::move(part.duplicates.begin(), part.duplicates.end(), std::back_inserter(into.duplicates));
}

/// Units first, so that events and measures may name them.
int load_order(const std::filesystem::path& path) {
  if (path.extension() == ".jsonl") return 5;
  const auto kind = kind_of_csv(path);
  return kind ? static_cast<int>(*kind) : 6;
}

}  // namespace

LoadReport load_fact_path(FactStore& store, const std::string& path, LoadPolicy policy) {
  namespace fs = std::filesystem;
  LoadReport report;
  std::vector<fs::path> files;
  std::error_code error;
  if (fs::is_directory(path, error)) {
    for (const auto& entry : fs::directory_iterator(path, error))
      if (entry.is_regular_file() &&
          (entry.path().extension() == ".csv" || entry.path().extension() == ".jsonl"))
        files.push_back(entry.path());
    std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
      return std::pair(load_order(a), a.filename()) < std::pair(load_order(b), b.filename());
    });
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
          {file.string(), 0, 0,
           "the kind of facts is not known from the file name: expected units*.csv, "
           "events*.csv, titles*.csv, measures*.csv, published*.csv or *.jsonl"});
    }
  }
  return report;
}

}  // namespace mandate
