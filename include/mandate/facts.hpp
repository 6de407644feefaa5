// Facts: what happened, measured against a plan. Stage "facts" of the
// pipeline (docs/facts.md): loaded from CSV or JSON Lines, or added by a host,
// validated against the plan, stored compactly for millions of rows.
#pragma once

#include <mandate/diagnostic.hpp>
#include <mandate/export.hpp>
#include <mandate/period.hpp>
#include <mandate/plan.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mandate {

/// Interned name: every distinct string of the facts and the plan is stored
/// once; 0 means "none".
using NameId = std::uint32_t;
inline constexpr NameId no_name = 0;

/// Where a fact came from: a file and line, or a host call (file = the
/// label the host gave, line = 0). File 0 is the plan itself: the plan's
/// bodies are units with source {0, 0}.
struct FactSource {
  std::uint32_t file = 0;  // index into FactStore::source_name
  std::uint32_t line = 0;
};

/// The six kinds of fact (docs/facts.md has their columns).
enum class FactKind : std::uint8_t {
  unit,       // a body or unit below or beside the plan's: name, kind, parent, aliases
  event,      // a dated event: a filing, meeting, approval, notice, summons, action, …
  title,      // a title held by a unit in a year
  measure,    // a value of a metric for a subject and year
  published,  // a published aggregate: an average of a group, a rank out of N
  calendar,   // a day of the official holiday calendar: a holiday or a make-up working day
};
[[nodiscard]] MANDATE_EXPORT std::string_view fact_kind_name(FactKind kind) noexcept;

// ---------------------------------------------------------------------------
// Rows as the host gives them (strings are names as written, aliases allowed).

struct UnitInput {
  std::string_view name;
  std::string_view kind;    // a kind of the plan
  std::string_view parent;  // a body of the plan or a unit; may be empty
  std::vector<std::string_view> aliases;
  /// The body it reports to (escalation, `superior(x)`); may be empty.
  std::string_view reports_to;
};

struct EventInput {
  Date date;
  std::string_view event;      // an event of the plan (创建方案, 通报, …)
  std::string_view unit;       // who acted or whom it concerns
  std::string_view by;         // issuer (通报 by 市综治委), approver; may be empty
  std::string_view to;         // recipient (filed with 市综治办); may be empty
  std::string_view programme;  // the programme it belongs to; may be empty
  std::string_view candidate;  // a recommended candidate or designated site; may be empty
  std::optional<Date> until;   // last day of an action held from `date` to `until`
  /// The period a delivery is for (column `for`: 2018, 2018-H1, 2018-Q3,
  /// 2018-07, 2018-W14); nothing: the evaluator assigns it (docs/evaluation.md).
  std::optional<Period> period;
  /// Tells apart events that are otherwise identical (two notices on one
  /// day); may be empty.
  std::string_view id;
};

struct TitleInput {
  int year = 0;
  std::string_view title;  // a title of the plan
  std::string_view unit;
  std::optional<Date> date;  // when it was conferred, if known
  /// The programme it is held in, for a title held per programme (`title …
  /// of GROUP`): the brand a county-level naming is of. Empty otherwise.
  std::string_view programme;
};

struct MeasureInput {
  int year = 0;
  std::string_view metric;   // a metric of the plan
  std::string_view subject;  // a unit or a programme
  double value = 0;          // percentages in percent: 91.2 means 91.2%
  std::optional<Date> date;  // when it became known (a survey's publication), if known
  /// A period shorter than the year (2019-Q2) the value is for; `year` is its year.
  std::optional<Period> period;
};

/// One metric's values in one year (or period) for many subjects, named by
/// their ids (FactStore::resolve_unit, find_name): the bulk form of
/// add_measures, without a name to look up per row. Values are undated.
struct MeasureColumn {
  std::string_view metric;
  int year = 0;
  std::optional<Period> period;      // a part of the year, as in MeasureInput
  std::span<const NameId> subjects;  // units, or programmes for a metric per programme
  std::span<const double> values;    // values[i] is subjects[i]'s
};

enum class Statistic : std::uint8_t { average, rank, size };

struct PublishedInput {
  int year = 0;
  std::string_view metric;
  std::string_view group;  // the population (a group of the plan)
  Statistic statistic = Statistic::average;
  std::string_view unit;  // for rank: whose rank; empty for average and size
  double value = 0;       // the average, the rank (1 = best) or the size
  double out_of = 0;  // for rank: N of "rank r out of N", also stored as the size; 0 = not given
  std::optional<Date> date;  // when it was published, if known
  /// A period shorter than the year (2019-Q2) the figure is for; `year` is its year.
  std::optional<Period> period;
};

/// A day of the official holiday calendar (in China, the State Council's
/// 国务院办公厅关于某年部分节假日安排的通知): a public holiday, or a weekend day
/// made a working day (调休). Other days follow the week: Saturday and Sunday
/// off, Monday to Friday working. Used by `shift_for_holidays` (节假日顺延).
struct CalendarInput {
  Date date;
  bool workday = false;   // true: a make-up working day (调休上班); false: a day off
  std::string_view name;  // the holiday: 春节, 国庆节, …; may be empty
  std::string_view source;  // the notice that fixes the day (国办发明电〔2017〕12号); may be empty
};

// ---------------------------------------------------------------------------
// Loading

/// A row that was not taken, and why; also a warning about a file.
struct RejectedRow {
  std::string file;          // the file, or the label of a host call
  std::uint32_t line = 0;    // for a host call: the row's 1-based index in the span; 0: the file
  std::uint32_t column = 0;  // 1-based, in characters; 0 when the row as a whole is wrong
  std::string message;       // what was expected, with "did you mean" where it helps
  /// What is wrong, as for a plan (docs/diagnostics.md): M0004 an unknown
  /// name, M0019 a bad value, M0022 a missing field, M0020 an unreadable
  /// file, …
  Code code = Code::bad_value;
  /// The column (CSV) or member (JSON Lines, host rows) at fault; empty
  /// when the row or the file as a whole is.
  std::string field;
};

/// What one file (or host call) of a load gave.
struct FileLoad {
  std::string file;
  std::size_t rows_read = 0;
  std::size_t rows_added = 0;
  std::size_t rejected = 0;  // rows rejected, listed or not (LoadReport::rejected_unlisted)
  std::size_t duplicates = 0;
};

/// The largest fact file (docs/reliability.md, "Limits"): byte offsets are
/// 32-bit. A larger file is refused before it is read; split it.
inline constexpr std::uint64_t max_fact_file_bytes = UINT32_MAX - 1;
/// Rejected rows listed per file or host call; more are counted only, so
/// that a file of garbage costs no more memory than a file of facts.
inline constexpr std::size_t max_listed_rejections = 1'000;

enum class LoadPolicy : std::uint8_t {
  all_or_nothing,  // one bad row rejects the whole load; the store is unchanged
  keep_good_rows,  // good rows are added; bad ones are listed
};

struct LoadReport {
  std::size_t rows_read = 0;
  std::size_t rows_added = 0;
  std::vector<RejectedRow> rejected;    // bad rows, contradictions, unreadable files
  std::size_t rejected_unlisted = 0;    // beyond max_listed_rejections a file: counted only
  std::vector<RejectedRow> duplicates;  // identical rows given twice (added once)
  /// Inputs that gave no facts (an empty file, a header without rows, an
  /// entry of a folder that is skipped): code M0023.
  std::vector<RejectedRow> warnings;
  /// What each file gave, in the order they were read.
  std::vector<FileLoad> files;
  [[nodiscard]] bool ok() const noexcept { return rejected.empty() && rejected_unlisted == 0; }
};

// ---------------------------------------------------------------------------
// The store

/// Query results for events, in date order.
struct EventRecord {
  DayNumber date = 0;
  DayNumber until = 0;  // == date unless an action with a duration
  NameId event = no_name;
  NameId unit = no_name;
  NameId by = no_name;
  NameId to = no_name;
  NameId programme = no_name;
  NameId candidate = no_name;
  NameId id = no_name;           // the event's own id, if the facts give one
  std::uint32_t for_period = 0;  // the `for` period, packed: read it with period()
  FactSource source;

  /// The period the delivery is for, when the facts say so.
  [[nodiscard]] std::optional<Period> period() const noexcept;
  [[nodiscard]] bool has_period() const noexcept { return for_period != 0; }
};

/// A date that a fact does not give: the fact counts at any evaluation date.
inline constexpr DayNumber undated = INT32_MIN;

struct MeasureRecord {
  double value = 0;
  FactSource source;
  DayNumber date = undated;  // when it became known (published), if the facts say
};

struct TitleRecord {
  FactSource source;
  DayNumber date = undated;  // when it was conferred, if the facts say
};

/// A day of the holiday calendar as stored.
struct CalendarRecord {
  bool workday = false;
  std::string name;    // the holiday's name, if given
  std::string notice;  // the notice that fixes it, if given
  FactSource source;
};

/// Facts for one plan. Adding is single-threaded; once loading is done a
/// `const FactStore&` may be read from many threads at once. A moved-from
/// store may only be destroyed or assigned to.
class MANDATE_EXPORT FactStore {
 public:
  explicit FactStore(std::shared_ptr<const Plan> plan);
  ~FactStore();
  FactStore(FactStore&&) noexcept;
  FactStore& operator=(FactStore&&) noexcept;
  FactStore(const FactStore&) = delete;
  FactStore& operator=(const FactStore&) = delete;

  [[nodiscard]] const Plan& plan() const noexcept;

  /// The store as it is now, as a store of its own, cheap to take: the two
  /// share their facts until either changes, and the first change to one
  /// copies them once (time and memory in proportion to the store). For
  /// what-if runs on facts: correct the snapshot, evaluate both. A
  /// VerdictTable holds a snapshot of the store it was evaluated on.
  [[nodiscard]] FactStore snapshot() const;

  // Loading files. A CSV file holds one kind of fact, named by the caller;
  // its header names the columns (docs/facts.md). In JSON Lines each line
  // names its kind in a "kind" member, and kinds may mix.
  LoadReport load_csv(FactKind kind, const std::string& path, LoadPolicy policy);
  LoadReport load_csv_text(FactKind kind, std::string_view text, const std::string& name,
                           LoadPolicy policy);
  LoadReport load_json_lines(const std::string& path, LoadPolicy policy);
  LoadReport load_json_lines_text(std::string_view text, const std::string& name,
                                  LoadPolicy policy);

  // Host calls: the same validation as the loaders. `source` labels the
  // call in explanations ("host: survey import"). Each call is one load:
  // add events in batches, not one at a time (a commit merges into the
  // sorted event array, which costs time in proportion to its size).
  LoadReport add_units(std::span<const UnitInput> rows, std::string_view source,
                       LoadPolicy policy = LoadPolicy::all_or_nothing);
  LoadReport add_events(std::span<const EventInput> rows, std::string_view source,
                        LoadPolicy policy = LoadPolicy::all_or_nothing);
  LoadReport add_titles(std::span<const TitleInput> rows, std::string_view source,
                        LoadPolicy policy = LoadPolicy::all_or_nothing);
  LoadReport add_measures(std::span<const MeasureInput> rows, std::string_view source,
                          LoadPolicy policy = LoadPolicy::all_or_nothing);
  /// add_measures for a column by id: validated row by row as add_measures
  /// validates (line = the row's 1-based index); a problem of the column as
  /// a whole (its metric, year or sizes) rejects the call at line 0.
  LoadReport add_measure_column(const MeasureColumn& column, std::string_view source,
                                LoadPolicy policy = LoadPolicy::all_or_nothing);
  LoadReport add_published(std::span<const PublishedInput> rows, std::string_view source,
                           LoadPolicy policy = LoadPolicy::all_or_nothing);
  LoadReport add_calendar(std::span<const CalendarInput> rows, std::string_view source,
                          LoadPolicy policy = LoadPolicy::all_or_nothing);
  /// Rows as text, for hosts whose values arrive as text (the Python
  /// bindings): `columns` names the fields as a CSV header does (any order,
  /// optional ones may be left out) and `cells` holds the rows one after the
  /// other, a cell per column; nullopt is an absent value. Each cell is read
  /// as a CSV cell is (dates YYYY-MM-DD, numbers, aliases separated by ';'),
  /// but not trimmed. Wrong columns reject the call at line 0, and no row is
  /// read; otherwise as the calls above (line = the row's 1-based index).
  LoadReport add_text_rows(FactKind kind, std::span<const std::string_view> columns,
                           std::span<const std::optional<std::string_view>> cells,
                           std::string_view source, LoadPolicy policy = LoadPolicy::all_or_nothing);

  // Corrections (docs/facts.md, "Correcting facts"). A row names a fact as
  // it was added (aliases allowed). An event is matched in every field but
  // its source; a title by title, unit and year; a measure by metric,
  // subject, year and period; a published figure by metric, group,
  // statistic, unit, year and period (their values and dates are not
  // compared). A row that matches no stored fact is rejected (M0026); under
  // all_or_nothing the call then removes nothing. Units stay: names are
  // never taken back. LoadReport::rows_added counts the facts removed.
  LoadReport retract_events(std::span<const EventInput> rows, std::string_view source,
                            LoadPolicy policy = LoadPolicy::all_or_nothing);
  LoadReport retract_titles(std::span<const TitleInput> rows, std::string_view source,
                            LoadPolicy policy = LoadPolicy::all_or_nothing);
  LoadReport retract_measures(std::span<const MeasureInput> rows, std::string_view source,
                              LoadPolicy policy = LoadPolicy::all_or_nothing);
  LoadReport retract_published(std::span<const PublishedInput> rows, std::string_view source,
                               LoadPolicy policy = LoadPolicy::all_or_nothing);
  /// A corrected figure: each row takes the place of the stored measure (or
  /// published figure) with its key, if there is one, and is added as by
  /// add_measures otherwise. Validated as add_measures validates; under
  /// all_or_nothing a bad row leaves the store as it was.
  LoadReport replace_measures(std::span<const MeasureInput> rows, std::string_view source,
                              LoadPolicy policy = LoadPolicy::all_or_nothing);
  LoadReport replace_published(std::span<const PublishedInput> rows, std::string_view source,
                               LoadPolicy policy = LoadPolicy::all_or_nothing);

  // Names.
  [[nodiscard]] NameId find_name(std::string_view name) const noexcept;  // no_name when unknown
  [[nodiscard]] std::string_view name(NameId id) const noexcept;
  [[nodiscard]] const std::string& source_name(std::uint32_t file) const;

  // Units: the plan's bodies and the units of the facts, one namespace.
  // Aliases resolve to the canonical name.
  [[nodiscard]] NameId resolve_unit(std::string_view name) const noexcept;
  [[nodiscard]] NameId resolve_unit(NameId name) const noexcept;
  /// resolve_unit() of each name, units[i] for names[i] (sizes must match):
  /// many at once, in a fraction of the time of one call each.
  void resolve_units(std::span<const std::string_view> names, std::span<NameId> units) const;
  [[nodiscard]] NameId unit_kind(NameId unit) const noexcept;    // the kind's name
  [[nodiscard]] NameId unit_parent(NameId unit) const noexcept;  // no_name at the top
  /// The body a unit reports to: the plan's first `reports_to`, or the
  /// facts' `reports_to` column; no_name when none is given.
  [[nodiscard]] NameId unit_superior(NameId unit) const noexcept;
  /// Every body the unit reports to: a plan body may report to several
  /// (`reports_to 县政府, 县委`); unit_superior() is the first. The span
  /// lasts as long as the store is not changed.
  [[nodiscard]] std::span<const NameId> unit_superiors(NameId unit) const noexcept;
  /// Units of `kind` (any kind when no_name) strictly under `within`
  /// (transitively; anywhere when no_name), in a stable order: plan bodies in
  /// declaration order, then fact units in load order.
  [[nodiscard]] std::vector<NameId> units_of_kind(NameId kind, NameId within) const;
  /// The members of a plan group as of now: its listed members, the units
  /// its open subgroups bring, and for `all KIND [within BODY]` every unit of
  /// that kind under that body (plan bodies and fact units), minus the
  /// members of its `except` groups. Units
  /// for a group of bodies, programme or metric names otherwise; empty when
  /// `group` is not a group.
  [[nodiscard]] std::vector<NameId> group_members(NameId group) const;

  // Events of one kind about one unit, in date order. Unit arguments of the
  // queries may be aliases.
  [[nodiscard]] std::span<const EventRecord> events(NameId event, NameId unit) const;
  // Titles.
  /// A title held per programme (`title … of GROUP`) is held in one
  /// programme: `programme` asks for that one; no_name for any of them (the
  /// first conferred, an undated one first).
  [[nodiscard]] std::optional<TitleRecord> title_held(NameId title, NameId unit, int year,
                                                      NameId programme = no_name) const;
  // Measures and published figures.
  [[nodiscard]] std::optional<MeasureRecord> measure(NameId metric, NameId subject, int year) const;
  [[nodiscard]] std::optional<MeasureRecord> published(NameId metric, NameId group,
                                                       Statistic statistic, NameId unit,
                                                       int year) const;
  /// The same for a period: a year, or a part of one (2019-Q2).
  [[nodiscard]] std::optional<MeasureRecord> measure(NameId metric, NameId subject,
                                                     const Period& period) const;
  [[nodiscard]] std::optional<MeasureRecord> published(NameId metric, NameId group,
                                                       Statistic statistic, NameId unit,
                                                       const Period& period) const;

  // The holiday calendar. A day the calendar lists (a holiday, a make-up
  // working day), or nothing; whether a day is a working day (the calendar's
  // word, else Monday to Friday); whether the calendar lists any day of a
  // year (a year it does not cover has only weekends).
  [[nodiscard]] std::optional<CalendarRecord> calendar_day(DayNumber day) const;
  [[nodiscard]] bool is_working_day(DayNumber day) const;
  [[nodiscard]] bool calendar_covers(int year) const;
  /// Rows rejected by loads that kept their good rows (LoadPolicy::
  /// keep_good_rows), all loads together: when not 0, the store holds fewer
  /// facts than it was given, and a report on it says so (ReportOrigin).
  [[nodiscard]] std::size_t rows_left_out() const noexcept;

  [[nodiscard]] std::size_t event_count() const noexcept;
  /// Heap bytes held by the store, capacity-based (for the memory
  /// benchmarks); the shared Plan is not counted.
  [[nodiscard]] std::size_t memory_bytes() const noexcept;
  /// SHA-256 of the facts held, as 64 hex digits: the same facts give the
  /// same digest whatever the order, files and sources they came from. The
  /// plan's own bodies are not facts (the plan's digest covers them). For a
  /// report to name what it was made of (report_origin); costs a sort of
  /// every fact.
  [[nodiscard]] std::string digest() const;

 private:
  struct Impl;
  explicit FactStore(std::shared_ptr<Impl> impl) noexcept;
  /// The data, copied first when a snapshot shares it.
  Impl& writable();
  template <typename Row, typename Find>
  MANDATE_HIDDEN LoadReport retract(std::span<const Row> rows, std::string_view source,
                                    LoadPolicy policy, const Find& find);
  std::shared_ptr<Impl> impl_;
};

/// Loads a fact file, or every fact file of a directory (sorted by name).
/// A CSV file's kind is given by its name: units*.csv, events*.csv,
/// titles*.csv, measures*.csv, published*.csv, calendar*.csv; *.jsonl files
/// may mix kinds.
/// Reports from several files are merged.
MANDATE_EXPORT LoadReport load_fact_path(FactStore& store, const std::string& path,
                                         LoadPolicy policy);

}  // namespace mandate
