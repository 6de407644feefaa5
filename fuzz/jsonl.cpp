// Fuzz target: the JSON Lines fact loader, on the Shangluo plan, both
// policies: all or nothing must leave the store as it was when it rejects.
#include "common.hpp"

#include <mandate/facts.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mandate;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  FactStore store(fuzz::shangluo());
  const std::size_t bytes = store.memory_bytes();
  const LoadReport strict =
      store.load_json_lines_text(text, "fuzz.jsonl", LoadPolicy::all_or_nothing);
  if (!strict.ok())
    fuzz::require(
        strict.rows_added == 0 && store.event_count() == 0 && store.memory_bytes() == bytes,
        "a rejected load leaves the store as it was");
  FactStore lenient(fuzz::shangluo());
  const LoadReport report =
      lenient.load_json_lines_text(text, "fuzz.jsonl", LoadPolicy::keep_good_rows);
  fuzz::require(report.rows_added <= report.rows_read, "no more rows added than read");
  return 0;
}
