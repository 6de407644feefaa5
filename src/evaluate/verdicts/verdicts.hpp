// The kinds of verdict, each decided in a file of its own: one function per
// kind, called by the driver's tasks (engine.cpp) for a stage, rule or quota,
// one year and a slice of its subjects.
#pragma once

#include "evaluate/context.hpp"

#include <span>

namespace mandate::detail {

// Stages (deadlines.cpp, campaigns.cpp, prerequisites.cpp).
void deadline_verdicts(const EvaluationContext& context, const Stage& stage, int year,
                       std::span<const Obligation> obliged, TaskOutput& out);
void campaign_verdicts(const EvaluationContext& context, const Stage& stage, int year,
                       std::span<const Obligation> obliged, TaskOutput& out);
/// B3c: a recommended candidate must already hold the titles the stage names.
void candidate_verdicts(const EvaluationContext& context, const Stage& stage, int year,
                        std::span<const Obligation> obliged, TaskOutput& out);
/// D1: what a stage delivers must not precede the completion of the stages
/// it requires.
void prerequisite_verdicts(const EvaluationContext& context, const Stage& stage, int year,
                           std::span<const Obligation> obliged, TaskOutput& out);

// Rules about the interpreter's subject (targets.cpp, sanctions.cpp, awards.cpp).
void target_verdicts(const EvaluationContext& context, const Rule& rule, Interpreter& interpreter,
                     TaskOutput& out);
void sanction_verdict(const EvaluationContext& context, const Rule& rule, Interpreter& interpreter,
                      TaskOutput& out);
/// An award's detail: what is granted, and by whom (the same for every
/// subject, so a task computes it once).
[[nodiscard]] std::string award_detail(const EvaluationContext& context, const Rule& rule,
                                       Interpreter& interpreter);
/// `sanctions` holds the sanctions that apply or are unknown, which can
/// withhold an award; `detail` is award_detail's.
void award_verdict(const EvaluationContext& context, const Rule& rule, Interpreter& interpreter,
                   const SanctionIndex& sanctions, const std::string& detail, TaskOutput& out);

// Quotas (quotas.cpp).
void quota_verdicts(const EvaluationContext& context, const Quota& quota, int year,
                    TaskOutput& out);

/// Whether an event record counts for an obligation: made to one of the
/// recipients (when the fact names one), for the obligation's programme
/// (when both name one), for a programme the stage covers (when the fact
/// names one: EvaluationContext::stage_scope). An empty list of recipients
/// takes any.
[[nodiscard]] bool counts_for(const EventRecord& record, const Obligation& obligation,
                              std::span<const NameId> recipients, std::span<const NameId> scope);

/// Why a record does not count for an obligation (counts_for), to explain it.
enum class NotCounted : std::uint8_t { counts, other_recipient, other_programme };
[[nodiscard]] NotCounted why_not_counted(const EventRecord& record, const Obligation& obligation,
                                         std::span<const NameId> recipients,
                                         std::span<const NameId> scope);

}  // namespace mandate::detail
