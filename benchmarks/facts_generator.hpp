// Deterministic generator of synthetic facts for the Shangluo plan at
// province and national scale (docs/benchmarks.md, "Evaluation at scale").
//
// The hierarchy is 县区 → 镇办 → 村社区. Every county-level unit sits under
// 商洛市, so that the plan's open groups 商洛县区 (all 县区 within 商洛市) and
// 全省县区 (all 县区 within 陕西省, transitively) both contain all of them, and
// every rule about counties applies to every generated county; likewise
// 全市镇办 (all 镇办 within 商洛市) holds every generated town. The plan's own
// eight county-level units count towards `counties` and get towns too.
//
// The output depends only on the scale and the seed: std::mt19937_64 is fully
// specified by the standard, and the distributions are implemented here
// (the standard library's are not portable), so every platform writes the same
// bytes.
#pragma once

#include <mandate/facts.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace mandate::bench {

struct FactsScale {
  std::string_view name;
  std::uint32_t counties = 0;  // county-level units (县区), the plan's 8 included
  std::uint32_t towns = 0;     // 镇办
  std::uint32_t villages = 0;  // 村社区
  std::uint64_t events = 0;    // event rows, exactly
  std::uint64_t seed = 20180227;
};

/// 107 county-level units, 1,300 towns, 20,000 villages, 200,000 events.
inline constexpr FactsScale province_scale{"province", 107, 1'300, 20'000, 200'000};
/// 2,850 county-level units, 38,700 towns, 615,000 villages, 10 million events.
inline constexpr FactsScale national_scale{"national", 2'850, 38'700, 615'000, 10'000'000};
/// A tenth of the national scale (for profiles and the scaling curve).
inline constexpr FactsScale national_tenth_scale{"national-tenth", 285, 3'870, 61'500, 1'000'000};
/// The workload of the comparison: S1 + S5 + B3a for 1 million
/// county-level units with their notices and filings (10.4 million events),
/// one town and one village each (the generator needs them), 12 million
/// events in all.
inline constexpr FactsScale million_scale{"million", 1'000'000, 1'000'000, 1'000'000, 12'000'000};

/// Rows written, per file.
struct FactsSummary {
  std::uint64_t units = 0;
  std::uint64_t events = 0;
  std::uint64_t titles = 0;
  std::uint64_t measures = 0;
  std::uint64_t published = 0;
  // What the rules will find (for checks and the documentation).
  std::uint64_t rule_events = 0;    // B3a filings, notices, summons and the other county deliveries
  std::uint64_t filler_events = 0;  // town and village events that no county rule reads
  [[nodiscard]] std::uint64_t rows() const noexcept {
    return units + events + titles + measures + published;
  }
};

/// The assessment year and evaluation date the facts are made for.
inline constexpr int facts_year = 2018;
inline constexpr Date facts_as_of{2019, 3, 31};

/// Writes the five CSV files of `scale` through `sink`, in pieces: the
/// header first, whole rows after, one file after the other in the order
/// units, events, titles, measures, published. Throws std::invalid_argument
/// on a scale it cannot fill (fewer than 8 counties, no towns, more than 365
/// filler events per town or village).
FactsSummary generate_facts(const FactsScale& scale,
                            const std::function<void(FactKind, std::string_view)>& sink);

/// Writes units.csv, events.csv, titles.csv, measures.csv and published.csv
/// into `directory` (created when missing; existing files are replaced), and
/// last `generator.txt`, holding facts_stamp(scale): a directory whose
/// generator.txt matches was written completely by this generator.
FactsSummary write_facts(const FactsScale& scale, const std::filesystem::path& directory);

/// What identifies the output: the generator's version, the scale, the seed.
/// Bump the version when the output changes.
[[nodiscard]] std::string facts_stamp(const FactsScale& scale);
/// Whether `directory` holds the complete output for `scale`.
[[nodiscard]] bool has_facts(const FactsScale& scale, const std::filesystem::path& directory);

/// The file name of a kind of facts: "units.csv", "events.csv", …
[[nodiscard]] std::string_view facts_file_name(FactKind kind) noexcept;

}  // namespace mandate::bench
