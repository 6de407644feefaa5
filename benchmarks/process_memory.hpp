// The resident set of the benchmark process, read from /proc (Linux), for
// the benchmarks' memory counters.
#pragma once

#include <cstdlib>
#include <fstream>
#include <string>

namespace mandate::bench {

/// A field of /proc/self/status in MiB ("VmHWM", "VmRSS"), or -1.
inline double status_mib(const std::string& field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.starts_with(field + ":"))
      return std::strtod(line.c_str() + field.size() + 1, nullptr) / 1024.0;
  return -1;
}

/// Resets the peak resident set size (VmHWM) to the current one.
inline void reset_peak_rss() {
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5";
}

}  // namespace mandate::bench
