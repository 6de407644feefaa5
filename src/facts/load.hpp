// One load: rows from a file or a host call are checked against the plan and
// the store, staged, and committed only when the policy allows. The store is
// read, never written, until commit(): a failed load leaves it as it was.
#pragma once

#include <mandate/facts.hpp>

#include "check/suggest.hpp"
#include "facts/names.hpp"
#include "facts/store_impl.hpp"
#include "support/flat_map.hpp"

#include <array>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace mandate::detail {

// ---------------------------------------------------------------------------
// Columns (CSV) and members (JSON Lines) of each kind of fact.

inline constexpr std::size_t max_fields = 10;

struct ColumnSpec {
  std::string_view name;
  bool required = false;
};

namespace field {
enum UnitField : int { unit_name, unit_kind, unit_parent, unit_aliases, unit_reports_to };
enum EventField : int {
  event_date,
  event_event,
  event_unit,
  event_by,
  event_to,
  event_programme,
  event_candidate,
  event_until,
  event_for,
  event_id
};
enum TitleField : int { title_year, title_title, title_unit, title_date, title_programme };
enum MeasureField : int {
  measure_year,
  measure_metric,
  measure_subject,
  measure_value,
  measure_date
};
enum PublishedField : int {
  published_year,
  published_metric,
  published_group,
  published_statistic,
  published_unit,
  published_value,
  published_out_of,
  published_date
};
enum CalendarField : int { calendar_date, calendar_day, calendar_name, calendar_source };
}  // namespace field

[[nodiscard]] std::span<const ColumnSpec> columns_of(FactKind kind) noexcept;
/// The kind named `unit`, `event`, … (JSON Lines' "kind" member).
[[nodiscard]] std::optional<FactKind> fact_kind_from_name(std::string_view name) noexcept;

// ---------------------------------------------------------------------------
// Where a row is, for messages.

inline constexpr std::uint32_t no_offset = UINT32_MAX;

struct Where {
  std::uint32_t line = 0;   // first line of the row; for a host call the row's 1-based index
  std::uint32_t begin = 0;  // byte offset in `text` where that line starts
  FactKind kind = FactKind::event;  // names the fields in messages
  std::string_view text;            // the loaded text; empty for a host call (columns are then 0)
  std::array<std::uint32_t, max_fields> offsets{};  // byte offset of each field, or no_offset

  Where() { offsets.fill(no_offset); }
};

/// The fields of a row as text (CSV cells, JSON members), by field index.
struct TextRow {
  std::array<std::string_view, max_fields> text{};
  std::array<bool, max_fields> present{};
};

class Load {
 public:
  Load(StoreData& store, std::string source, LoadPolicy policy, bool host);

  [[nodiscard]] const std::string& source() const noexcept { return source_; }
  [[nodiscard]] bool host() const noexcept { return host_; }
  void count_rows(std::size_t rows) noexcept { report_.rows_read += rows; }
  /// Starts fetching the hash slot of a name that is about to be looked up.
  void prefetch_name(std::string_view name) const noexcept { store_.names.prefetch(name); }
  void reserve(FactKind kind, std::size_t rows);

  /// A row that is wrong as a whole or in one field (-1: no field). Beyond
  /// max_listed_rejections a load only counts them.
  void reject(const Where& where, int field, std::string message, Code code = Code::bad_value);
  void reject_at(std::uint32_t line, std::uint32_t column, std::string message,
                 Code code = Code::bad_value, std::string_view field = {});
  /// A file that gives no facts, or part of it that is skipped (M0023).
  void warn(std::uint32_t line, std::string message);
  /// The row of a message about `field` of the row at `where`.
  [[nodiscard]] RejectedRow row_at(const Where& where, int field, std::string message,
                                   Code code) const;
  [[nodiscard]] bool any_rejected() const noexcept { return !report_.rejected.empty(); }

  // Text rows (CSV, JSON Lines): parse the fields, then stage.
  void stage_text(FactKind kind, const TextRow& row, const Where& where);

  // Units are gathered first and resolved together, so that a unit may name
  // as its parent a unit declared further down the same load.
  void add_unit(const UnitInput& row, const Where& where);
  void resolve_units();

  void stage_event(const EventInput& row, const Where& where);
  void stage_title(const TitleInput& row, const Where& where);
  void stage_measure(const MeasureInput& row, const Where& where);
  /// A column of one metric's values by subject id (FactStore::add_measure_column).
  void stage_measure_column(const MeasureColumn& column);
  void stage_published(const PublishedInput& row, const Where& where);
  void stage_calendar(const CalendarInput& row, const Where& where);

  /// Applies the policy: commits the staged facts, or drops them all.
  [[nodiscard]] LoadReport finish();

 private:
  struct PlanName {
    NameId id = no_name;
    Index index = 0;
    SymbolKind kind = SymbolKind::kind;
  };
  struct UnitRow {
    UnitInput input;
    Where where;
  };
  struct StagedUnit {
    UnitRecord record;
    std::uint32_t line = 0;
  };
  struct UnitFacts {  // a unit as the load sees it: in the store or staged
    NameId name = no_name;
    NameId parent = no_name;
    Index kind_index = 0;
    FactSource source;
  };

  // Names
  std::string_view keep(std::string_view text);
  std::optional<PlanName> plan_name(std::string_view text, std::initializer_list<SymbolKind> wanted,
                                    std::string_view what, const Where& where, int field);
  [[nodiscard]] NameId find_unit(std::string_view text) const;  // canonical name, or no_name
  NameId require_unit(std::string_view text, std::string_view what, const Where& where, int field);
  std::optional<UnitFacts> unit_facts(NameId unit) const;
  bool is_below(NameId unit, NameId ancestor) const;
  bool in_group(Index group, NameId unit, int depth = 0) const;
  std::string unknown_unit_message(std::string_view field, std::string_view text);
  std::string describe(FactSource source, bool staged) const;
  NameId new_name(std::string_view text);
  [[nodiscard]] std::string_view name_of(NameId id) const;  // store or staged
  [[nodiscard]] std::string describe_unit(const UnitFacts& unit) const;
  void duplicate(const Where& where, std::string message);
  void add_rejection(RejectedRow row);

  // Units
  /// The order the unit rows are settled in, and so the order of the ids
  /// their new names get (decision 0065).
  [[nodiscard]] std::vector<std::uint32_t> settling_order() const;
  void settle_unit(std::size_t row, std::vector<std::uint8_t>& state, const StringMap& declared);

  // Text → typed rows
  bool read_year(const TextRow& row, const Where& where, int field, int& year);
  /// `2018`, or a period within a year (`2018-Q3`): its year, and the period.
  bool read_year_or_period(const TextRow& row, const Where& where, int field, int& year,
                           std::optional<Period>& period);
  bool read_number(const TextRow& row, const Where& where, int field, std::string_view what,
                   double& value);
  bool read_date(const TextRow& row, const Where& where, int field, std::string_view what,
                 std::optional<Date>& date);

  // Measures
  /// The year and metric of a measure row, checked; nullopt when rejected.
  std::optional<PlanName> measured_metric(const MeasureInput& in, const Where& where);
  /// The kinds (and "programme") a metric is measured per, for messages.
  [[nodiscard]] std::string measured_per(const Metric& declared) const;
  /// Whether `unit` is of a kind the metric is measured per (reported if not).
  bool measured_unit(const Metric& declared, NameId unit, std::string_view subject_text,
                     const MeasureInput& in, const Where& where);
  /// Whether the metric is measured per programme (reported if not).
  bool measured_programme(const Metric& declared, std::string_view subject_text,
                          const MeasureInput& in, const Where& where);
  /// Warns (once per metric and load) of a percentage given as a fraction:
  /// 0.97 is read as 0.97%.
  void warn_fraction(const Metric& declared, NameId metric, std::string_view metric_text,
                     double value, const Where& where, int field);
  /// The key and record of a measure row, its value and date checked;
  /// nullopt when rejected.
  std::optional<std::pair<MeasureKey, MeasureRecord>> measure_fact(const Metric& declared,
                                                                   NameId metric, NameId subject,
                                                                   const MeasureInput& in,
                                                                   const Where& where);
  /// A row whose key was given before (stored, or staged in this load):
  /// a duplicate when alike, else a contradiction. A column names its
  /// subjects by id (empty `in.subject`).
  void repeated_measure(const MeasureRecord& first, bool staged, const MeasureRecord& value,
                        const MeasureInput& in, NameId subject, const Where& where);

  // Events
  // The last name seen in each field of an event row, and what it resolved
  // to: consecutive rows mostly repeat them, and a compare is cheaper than a
  // hash lookup.
  struct LastName {
    std::array<char, 40> bytes{};
    std::uint8_t size = 0;
    NameId id = no_name;
    [[nodiscard]] bool matches(std::string_view text) const noexcept {
      return size != 0 && size == text.size() && same_bytes(bytes.data(), text.data(), size);
    }
    void remember(std::string_view text, NameId name) noexcept {
      if (text.size() > bytes.size()) return;
      copy_bytes(bytes.data(), text.data(), text.size());
      size = static_cast<std::uint8_t>(text.size());
      id = name;
    }
  };
  NameId cached_unit(std::string_view text, std::string_view what, const Where& where, int field);
  /// The unit a field names, through the field's last name; no_name when
  /// unknown (nothing is reported).
  NameId known_unit(std::string_view text, int field);
  /// Stages an event row that is right in every way, without building a
  /// message on the way; false (and nothing staged) for any other row, which
  /// stage_event then checks and reports field by field.
  bool stage_event_fast(const TextRow& row, const Where& where);
  void sort_and_deduplicate_events();
  /// A staged event identical to `first` (staged, or stored already).
  void repeated_event(const EventRecord& record, const FactSource& first, bool staged);
  std::array<LastName, max_fields> last_names_;
  void commit();

  StoreData& store_;
  std::string source_;
  LoadPolicy policy_;
  bool host_;
  std::uint32_t file_ = 0;  // the source index the facts get when committed
  LoadReport report_;
  Arena kept_;  // texts that must outlive their row (unit rows)

  // Units
  std::vector<UnitRow> unit_rows_;
  std::vector<StagedUnit> staged_units_;
  std::vector<std::pair<NameId, NameId>> reports_;  // `reports_to`: unit → superior
  std::vector<std::string_view>
      new_names_;  // (in kept_) interned at commit, ids from store_.names.size()
  std::vector<std::uint32_t>
      unit_of_new_name_;  // by new name: staged unit index + 1, or 0 for an alias
  std::vector<std::pair<NameId, NameId>> new_aliases_;  // alias → canonical unit
  StringMap overlay_;  // new name (unit or alias) → the unit's id
  // The last unit find_unit() found: a unit's measure and event rows usually
  // follow each other, and each lookup of a name is a few cache misses. A
  // name once found names the same unit for the rest of the load.
  mutable std::string last_unit_text_;
  mutable NameId last_unit_ = no_name;
  mutable bool overlay_first_ = false;  // where find_unit() found the last one
  StringMap rejected_units_;            // name → line of its rejected row
  std::size_t unit_rows_added_ = 0;

  // Events
  std::vector<EventRecord> events_;
  std::vector<EventGroup> staged_groups_;  // of events_, when the sort found them

  // Titles, measures, published figures: staged rows, and their keys for
  // duplicates and contradictions inside the load (index into rows).
  std::vector<std::pair<TitleKey, TitleValue>> titles_;
  FlatMap<TitleKey, std::uint32_t, TitleKeyHash> title_index_;
  std::vector<std::pair<MeasureKey, MeasureRecord>> measures_;
  FlatMap<MeasureKey, std::uint32_t, MeasureKeyHash> measure_index_;
  std::vector<NameId> fraction_metrics_;  // percentages with a value in (0, 1): warned
  std::vector<std::pair<PublishedKey, MeasureRecord>> published_;
  FlatMap<PublishedKey, std::uint32_t, PublishedKeyHash> published_index_;
  std::size_t published_rows_added_ = 0;          // sizes implied by `out_of` are not rows
  std::map<DayNumber, CalendarRecord> calendar_;  // staged days of the holiday calendar

  // "Did you mean" is costly over many units: remembered per unknown text,
  // and limited to so much work per load (check/suggest.hpp).
  std::string suggest(std::string_view sort, std::string_view text,
                      const std::vector<std::string_view>& candidates);
  std::unordered_map<std::string, std::string> suggestions_;
  SuggestionBudget suggestion_budget_{50'000'000};
  std::vector<std::string_view> unit_candidates_;
  std::size_t unit_candidates_signature_ = 0;
};

}  // namespace mandate::detail
