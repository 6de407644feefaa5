// Fuzz target: the CSV fact loader, on the Shangluo plan. The text is loaded
// as each of the five kinds of fact (the header decides which one takes
// rows), keeping the good rows.
#include "common.hpp"

#include <mandate/facts.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mandate;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  FactStore store(fuzz::shangluo());
  for (const FactKind kind : {FactKind::unit, FactKind::event, FactKind::title, FactKind::measure,
                              FactKind::published, FactKind::calendar}) {
    const LoadReport report =
        store.load_csv_text(kind, text, "fuzz.csv", LoadPolicy::keep_good_rows);
    fuzz::require(report.rows_added <= report.rows_read, "no more rows added than read");
  }
  return 0;
}
