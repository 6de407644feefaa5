// Fuzz target: the JSON Lines fact loader, on the Shangluo plan, both
// policies: all or nothing must leave the store as it was when it rejects.
// Each line the fast reader reads (json_scan.hpp) must be read the same way
// by the full parser.
#include "common.hpp"
#include "facts/json_scan.hpp"
#include "facts/json_scan_oracle.hpp"
#include "source/utf8.hpp"

#include <mandate/facts.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

void check_fast_reader(std::string_view text) {
  using namespace mandate::detail;
  JsonObject object;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    if (find_invalid_utf8_from(line, 0) != not_found || !scan_flat_object(line, object)) continue;
    const auto difference = differs_from_full_parser(line, object);
    mandate::fuzz::require(!difference, "the fast reader reads a line as the full parser does");
  }
}

}  // namespace

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
  check_fast_reader(text);
  return 0;
}
