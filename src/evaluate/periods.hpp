// The periods of a stage and the deliveries that answer them: one model for
// yearly deadlines, several deadlines a year, and duties that recur every
// week, month, quarter or half-year (docs/evaluation.md, "Periods").
#pragma once

#include "evaluate/context.hpp"

#include <mandate/period.hpp>

#include <span>
#include <vector>

namespace mandate::detail {

/// One period of a stage: what it is called, which assessment year reports
/// it, and the days that decide it.
struct StagePeriod {
  Period period;
  int year = 0;            // the assessment year of its verdict (a week's ISO week-year)
  DayNumber opens = 0;     // the first day a delivery answers it on time
  DayNumber last = 0;      // its last day (the last day of the period itself)
  DayNumber deadline = 0;  // the last day on time, policies applied
  /// A period of the plan's years. The ones before and after only absorb
  /// the deliveries that answer them, so that no delivery is counted twice.
  bool in_plan = false;
  /// One of several deadlines of a year (`due by 06-30, 12-31`): the
  /// verdict's detail names its deadline.
  bool one_of_several = false;
  /// `due within N days after EVENT`: the event the deadline counts from. A
  /// delivery whose `id` is the event's id answers this period first.
  const EventRecord* trigger = nullptr;
  /// When explained: how its own deadline was reached (a day off it moved
  /// from), for its verdict alone.
  std::vector<Explanation> deadline_steps;
};

/// The stage's periods in order: from the one before the plan's first to the
/// plan's last and, after it, those that have opened by the evaluation date
/// (within a year). `why` receives the parameters and policies used for the
/// periods of `explained_year`.
[[nodiscard]] std::vector<StagePeriod> stage_periods(const EvaluationContext& context,
                                                     const Stage& stage, int explained_year,
                                                     Explanation& why);

/// The periods of a stage due within N days after each EVENT
/// (`Stage::due_trigger`) for one obliged body: one per such event about
/// it, up to the evaluation date, of any year (so that a delivery answers
/// one of them only), each reported with its event's year.
[[nodiscard]] std::vector<StagePeriod> triggered_periods(const EvaluationContext& context,
                                                         const Stage& stage, NameId body,
                                                         int explained_year, Explanation& why);

/// How a delivery answers a period.
enum class Answer : std::uint8_t {
  none,
  on_time,  // delivered by the deadline
  late,     // delivered after it
};

/// The deliveries of one deliverable by one obligation, attributed to the
/// stage's periods. Each delivery answers one period at most
/// (docs/evaluation.md, "Which period a delivery answers"):
/// 1. a delivery whose facts name its period (`for`) answers that period;
/// 2. the others answer periods through two windows: on time from a period's
///    opening to its deadline, late after it until the next period's
///    deadline. The attribution answers as many periods on time as it can,
///    then as many at all, then with the least lateness;
/// 3. a delivery that answers none, made before a period opened, makes that
///    period `early` if nothing answers it.
/// With `at_least`, every delivery counts for the period its date (or its
/// `for`) falls in.
struct Attribution {
  struct Slot {
    std::vector<const EventRecord*> delivered;  // in date order; one unless counted
    const EventRecord* early = nullptr;         // an unattributed delivery before it opened
  };
  std::vector<Slot> slots;  // by period
  /// Deliveries whose `for` names no period of the stage, or whose `id`
  /// names none of the events its deadlines count from.
  std::vector<const EventRecord*> elsewhere;
  /// Scratch storage of attribute(), kept from one obligation to the next.
  std::vector<const EventRecord*> unnamed;
  std::vector<bool> used;
  std::vector<std::optional<std::size_t>> taken_by;
};

/// The period that contains `day`, for periods that tile time in order (a
/// recurring stage's); none outside them.
[[nodiscard]] std::optional<std::size_t> period_containing(std::span<const StagePeriod> periods,
                                                           DayNumber day);

/// Written into `result`, whose storage is reused: a recurring stage
/// attributes the deliveries of millions of obligations, one by one.
void attribute(std::span<const StagePeriod> periods, std::span<const EventRecord* const> deliveries,
               bool counted, Attribution& result);

}  // namespace mandate::detail
