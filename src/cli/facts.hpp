// Loading fact files for a command, and saying what each gave.
#pragma once

#include <mandate/facts.hpp>

#include <span>
#include <string>

namespace mandate::cli {

/// Rejected rows shown per file; the rest are counted (docs/cli.md).
inline constexpr std::size_t shown_rejections = 20;

/// Prints what a load gave, to standard error: a line per file ("FILE: 120
/// facts from 123 rows, 3 duplicates") unless `quiet`, its warnings, and its
/// rejected rows (the first shown_rejections of each file, then a count).
/// Returns exit_ok, or exit_error when a file could not be read or, under
/// all_or_nothing, a row was rejected.
int print_load(const LoadReport& report, LoadPolicy policy, bool quiet);

/// Loads every path (a file or a directory of fact files) and prints what
/// each gave. exit_error as print_load, and also when nothing at all was
/// loaded.
int load_facts(FactStore& store, std::span<const std::string> paths, LoadPolicy policy, bool quiet);

}  // namespace mandate::cli
