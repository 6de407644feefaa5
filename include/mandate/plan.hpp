// Stage 3 output: a checked plan. Immutable once built; a `Plan` is shared
// read-only (std::shared_ptr<const Plan>) and safe to use from many threads.
#pragma once

#include <mandate/date.hpp>
#include <mandate/export.hpp>
#include <mandate/period.hpp>
#include <mandate/source.hpp>
#include <mandate/syntax.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace mandate {

using Index = std::uint32_t;

/// A citation of the plan clause a statement implements.
struct Clause {
  std::string id;       // B3a
  std::string section;  // 三(一)3
};
using Citations = std::vector<Clause>;

enum class RoleKind : std::uint8_t {
  lead,
  cooperate,
  responsible,
  sets_standard,
  approves,
  inspects,
  supervises,
  names_winners,
  decides_sanctions,
  hears_reports,
};
[[nodiscard]] MANDATE_EXPORT std::string_view role_keyword(RoleKind role) noexcept;
[[nodiscard]] MANDATE_EXPORT std::optional<RoleKind> role_from_keyword(
    std::string_view keyword) noexcept;

/// A reference to a body, or to a group meaning each of its members.
struct BodyRef {
  enum class Sort : std::uint8_t { body, group, parameter };
  Sort sort = Sort::body;
  Index index = 0;
};

struct Role {
  RoleKind kind = RoleKind::lead;
  std::vector<BodyRef> bodies;
  /// `using EVENT, …`: the instruments the bodies act by in this role (督查室
  /// “综合运用通报、约谈、督办等手段”); events of the plan. Escalation shows them.
  std::vector<Index> instruments;
  Citations citations;
};

struct Kind {
  std::string name;
  std::string label;
  std::optional<Index> within;  // kind one level up
};

struct Body {
  std::string name;
  std::string label;
  Index kind = 0;
  std::optional<Index> parent;  // administrative parent
  std::vector<std::string> aliases;
  std::vector<Index> reports_to;
  Citations citations;  // optional on a declaration: the clause of its reporting line or parent
};

enum class GroupSort : std::uint8_t { bodies, programmes, metrics };

/// A named set. Either explicit members, or `all KIND [within BODY]`, which
/// facts may extend at evaluation time; `except` removes other groups.
struct Group {
  std::string name;
  GroupSort sort = GroupSort::bodies;
  std::vector<Index> members;
  std::optional<Index> all_of_kind;
  std::optional<Index> within;
  std::vector<Index> except;
  /// `members N` of an open group (`all KIND`): how many members the
  /// population has (a count, or a count parameter), whatever the facts
  /// happen to declare. Averages and ranks computed over it need them all.
  std::optional<syntax::Node> declared_size;
  /// Groups named among the members (their declared members are in
  /// `members` already); an open one (`all KIND`) also brings the units the
  /// facts supply.
  std::vector<Index> subgroups;
};

/// A declared type of a parameter or a metric: `count`, `percent`,
/// `list(annual_date)`, …
struct TypeName {
  std::string name;
  bool is_list = false;
  std::vector<std::string> choices;  // for `choice(a, b, …)`
};

struct ParameterVersion {
  int first_year = 0;
  int last_year = 0;
  std::vector<syntax::Node> value;
};

/// A point the plan leaves open: overridable at evaluation time.
struct Parameter {
  std::string name;
  TypeName type;
  std::vector<syntax::Node> default_value;
  std::vector<ParameterVersion> versions;
  std::string doc;
  Citations citations;
};

/// A reading (解读): a place where the encoding chose how to read the
/// original text — the phrase it interprets, what it chose, the other
/// readings a reasonable official could take, and why. The choice is a
/// parameter (`parameter NAME`: its default is the choice, and a user can
/// take another) or fixed in the rules (`chosen "…"`). `mandate summary
/// --readings` prints them all (the 解读清单).
struct Reading {
  std::string name;
  std::string phrase;              // `says "…"`: the words of the original
  std::optional<Index> parameter;  // `parameter NAME`
  std::string chosen;              // `chosen "…"`: the reading taken (with a parameter, optional)
  std::vector<std::string> alternatives;  // `alternatives "…", …`
  std::string reason;                     // `because "…"`
  Citations citations;
};

/// One line of a points ledger (`score`): `deduct AMOUNT [for …] [cap N]`
/// or `add AMOUNT [for …] [cap N]`.
struct LedgerLine {
  bool deduct = true;  // or add
  syntax::Node amount;
  /// `for missed(STAGE)` (or late, early, too_short, started_outside,
  /// invalid): the amount for each such verdict of the subject in the year,
  /// with `days` its days late; the stage and the outcome's name.
  std::optional<Index> stage;
  std::string outcome;
  /// `for CONDITION`: the amount once, when the condition holds.
  std::optional<syntax::Node> condition;
  std::optional<syntax::Node> cap;  // at most this much from the line
  Citations citations;
};

/// `score NAME per KIND { base 100  deduct …  add …  at_least 0  at_most 100 }`:
/// a metric whose value is a base, less deductions, plus additions, within
/// bounds, for each subject and year.
struct Ledger {
  syntax::Node base;
  std::vector<LedgerLine> lines;
  std::optional<syntax::Node> at_least;
  std::optional<syntax::Node> at_most;
};

struct Metric {
  std::string name;
  TypeName type;
  std::vector<Index> per_kinds;  // the kinds of subject it is measured for
  bool per_programme = false;    // or per programme
  /// `for year`: one value a year, which a rule judged in a half-year,
  /// quarter, month or week reads as its year's (a yearly target read each
  /// quarter). Without it a value is of the period judged.
  bool yearly = false;
  std::optional<syntax::Node> formula;
  std::optional<Ledger> ledger;  // a score: computed from the verdicts and facts
  std::string doc;
  Citations citations;
};

enum class TitleLevel : std::uint8_t { national, provincial, city, county };

struct Title {
  std::string name;
  TitleLevel level = TitleLevel::city;
  std::vector<Index> for_kinds;
  std::optional<BodyRef> conferred_by;
  /// `of P` or `of GROUP`: the title is held per programme — one naming in
  /// each (the county-level naming of a brand); title_programmes() lists them.
  std::optional<Index> programme;
  std::optional<Index> programme_group;
  /// `named by MM-DD [after]` (in the title's block): the last day the titles
  /// of a year are conferred, `after` in the following year. Before that
  /// day, a title not held yet may still be conferred; without it, the
  /// year's last day (decision 0067).
  std::optional<syntax::Node> named_by;
  bool named_after = false;
};

struct Event {
  std::string name;
  std::string kind;  // document, meeting, notice, …
};

enum class ProgrammeKind : std::uint8_t { campaign, brand, domain, action };
[[nodiscard]] MANDATE_EXPORT std::string_view programme_kind_name(ProgrammeKind kind) noexcept;

struct Programme {
  std::string name;
  ProgrammeKind kind = ProgrammeKind::campaign;
  std::optional<Index> parent_group;      // `of 九大品牌` (a programme group)
  std::optional<Index> parent_programme;  // `of 平安商洛` (a programme)
  std::vector<Role> roles;
  Citations citations;
};

/// Dates, windows and durations are kept as checked expressions: they may
/// name parameters, which an evaluation can override.
struct Stage {
  std::string name;
  std::optional<Index> programme;
  std::optional<Index> programme_group;
  std::vector<BodyRef> obligated;
  /// `obligated leads`: the lead bodies of each programme the stage covers,
  /// each for its own programme only.
  bool obligates_leads = false;
  std::vector<Index> deliverables;  // events
  std::vector<BodyRef> deliver_to;
  std::vector<syntax::Node> due;  // `due by …`: annual dates or dates, inclusive
  /// `every week|month|quarter|half_year|year`: the stage recurs, one
  /// verdict per period (docs/evaluation.md, "Periods").
  std::optional<PeriodKind> every;
  /// `due within DURATION`: counted from the first day of each period; with
  /// `after`, from the day after its last.
  std::optional<syntax::Node> due_within;
  /// `after`: `due by MM-DD after` is the first such day after the period
  /// (次年1月15日前 for a year), `due within N days after` the N days after it.
  bool due_after = false;
  /// `due within N days after EVENT`: one deadline for each such event about
  /// the obliged body (a finding, a notice), N days after its date.
  std::optional<Index> due_trigger;
  /// `at_least N`: N deliveries of each deliverable within each period.
  std::optional<syntax::Node> at_least;
  std::optional<syntax::Node> during;
  std::optional<syntax::Node> start_window;
  std::optional<syntax::Node> duration;
  std::vector<Index> prerequisites;  // stages
  /// By prerequisite: the deliverables it must have delivered (`requires S
  /// for E, …`); empty for all of S's.
  std::vector<std::vector<Index>> prerequisite_deliverables;
  std::vector<Index> candidate_titles;
  std::vector<Role> roles;
  Citations citations;
  /// The first day the stage concerns, for ordering: the earliest of its
  /// deadlines and windows, an annual date taken in the plan's first year.
  std::optional<Date> first_day;
};

/// `refer to BODY` (a case referred, with its reasons, to the body that
/// decides) or `notice by BODY` (a 通报 issued by the body: a consequence of
/// its own). The body is one of the plan's (a body, group or parameter), or
/// an expression of the subject (`superior(self)`, `parent(self)`).
struct Referral {
  enum class Kind : std::uint8_t { refer, notice };
  Kind kind = Kind::refer;
  std::optional<BodyRef> body;
  std::optional<syntax::Node> of_subject;
};

struct Consequence {
  std::string name;
  bool disqualify = false;
  std::optional<syntax::Node> deduction;
  std::vector<Referral> referrals;  // in the plan's order
  Citations citations;
};

struct Requirement {
  syntax::Node condition;
  std::optional<syntax::Node> by;  // assessed at this date; else every year
};

enum class RuleKind : std::uint8_t { target, goal, sanction, award };
[[nodiscard]] MANDATE_EXPORT std::string_view rule_kind_name(RuleKind kind) noexcept;

/// "[B3a 三(一)3] [SX]": citations as plans write them; empty for none.
[[nodiscard]] MANDATE_EXPORT std::string format_citations(const Citations& citations);

/// A target, goal, sanction or award.
struct Rule {
  std::string name;
  /// `every quarter` (…): judged per period of the year, on the measures,
  /// published figures and events of the period; otherwise per year.
  std::optional<PeriodKind> every;
  RuleKind kind = RuleKind::target;
  std::vector<syntax::Node> subjects;
  std::vector<Requirement> requirements;  // targets and goals
  std::optional<syntax::Node> condition;  // sanctions and awards
  std::vector<Index> consequences;        // named consequence sets
  std::optional<Consequence> inline_consequence;
  std::string grant;  // award: plaque | naming
  std::optional<BodyRef> granted_by;
  bool unless_disqualified = false;
  /// `unless SANCTION, …`: withheld by these sanctions only (those that
  /// apply to the subject in the year), whatever their consequences.
  std::vector<Index> unless_sanctions;  // rules, each a sanction
  std::optional<std::int64_t> tier;
  Citations citations;
};

struct QuotaRow {
  Index body = 0;
  /// By column: the count; nullopt: none allowed (—). A cell that names a
  /// parameter holds the parameter's default here (what the declared total
  /// is checked with; nullopt when it is no whole number).
  std::vector<std::optional<std::int64_t>> cells;
  /// By column: the parameter a cell names (`row 商州区 = 示范点数, 7`), whose
  /// value in the year assessed is the limit (overrides apply).
  std::vector<std::optional<Index>> parameters;
};

struct Quota {
  std::string name;
  std::vector<Index> limits;   // events
  std::vector<Index> columns;  // programmes; empty: a single count column
  std::vector<QuotaRow> rows;
  std::vector<std::optional<std::int64_t>> declared_totals;
  /// Years the table applies to; 0 when it applies for the whole plan.
  int first_year = 0;
  int last_year = 0;
  Citations citations;
};

enum class SymbolKind : std::uint8_t {
  kind,
  body,
  group,
  parameter,
  metric,
  title,
  event,
  programme,
  stage,
  rule,
  consequence,
  quota,
};
[[nodiscard]] MANDATE_EXPORT std::string_view symbol_kind_name(SymbolKind kind) noexcept;

struct Symbol {
  SymbolKind kind = SymbolKind::body;
  Index index = 0;
  Span span{};
};

struct PlanMetadata {
  std::string title;
  std::vector<Index> issued_by;
  std::optional<Date> issued;
  int first_year = 0;
  int last_year = 0;
  bool citations_required = false;
  std::vector<std::string> clauses;
  /// Deadline policies (bool expressions, usually parameters); absent means
  /// inclusive deadlines and no shift for public holidays.
  std::optional<syntax::Node> inclusive_deadlines;
  std::optional<syntax::Node> shift_for_holidays;
  Citations citations;
  /// `source "FILE.txt"`: the original text the plan encodes, relative to
  /// the plan file (its quotes are checked by review.hpp); empty when none.
  std::string source;
  /// `language zh|en`: the language of reports by default; empty when the
  /// plan does not say (reports are then in English).
  std::string language;
};

/// Hashes strings and string_views alike, so lookups by string_view do not
/// allocate.
struct NameHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view name) const noexcept {
    return std::hash<std::string_view>{}(name);
  }
};

struct MANDATE_EXPORT Plan {
  std::string source_name;
  PlanMetadata metadata;
  std::vector<Kind> kinds;
  std::vector<Body> bodies;
  std::vector<Group> groups;
  std::vector<Parameter> parameters;
  std::vector<Metric> metrics;
  std::vector<Title> titles;
  std::vector<Event> events;
  std::vector<Programme> programmes;
  std::vector<Stage> stages;
  std::vector<Consequence> consequences;
  std::vector<Rule> rules;
  std::vector<Quota> quotas;
  /// The readings register (解读清单), in the order of the file.
  std::vector<Reading> readings;
  /// Every declared name and alias.
  std::unordered_map<std::string, Symbol, NameHash, std::equal_to<>> symbols;

  [[nodiscard]] const Symbol* find(std::string_view name) const;
};

/// The programmes a title is held per (`title … of P|GROUP`), in the group's
/// order; empty for a title held as such.
[[nodiscard]] MANDATE_EXPORT std::vector<Index> title_programmes(const Plan& plan,
                                                                 const Title& title);

}  // namespace mandate
