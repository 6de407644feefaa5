// The names of verdict kinds and outcomes, as reports and scenarios write them.
#include <mandate/evaluate.hpp>

namespace mandate {

std::string_view verdict_kind_name(VerdictKind kind) noexcept {
  switch (kind) {
    case VerdictKind::deadline:
      return "deadline";
    case VerdictKind::campaign:
      return "campaign";
    case VerdictKind::prerequisite:
      return "prerequisite";
    case VerdictKind::target:
      return "target";
    case VerdictKind::goal:
      return "goal";
    case VerdictKind::sanction:
      return "sanction";
    case VerdictKind::award:
      return "award";
    case VerdictKind::quota:
      return "quota";
  }
  return "?";
}

std::string_view outcome_name(Outcome outcome) noexcept {
  switch (outcome) {
    case Outcome::met:
      return "met";
    case Outcome::late:
      return "late";
    case Outcome::missed:
      return "missed";
    case Outcome::pending:
      return "pending";
    case Outcome::early:
      return "early";
    case Outcome::not_applicable:
      return "not_applicable";
    case Outcome::too_short:
      return "too_short";
    case Outcome::started_outside:
      return "started_outside";
    case Outcome::valid:
      return "valid";
    case Outcome::invalid:
      return "invalid";
    case Outcome::not_met:
      return "not_met";
    case Outcome::on_track:
      return "on_track";
    case Outcome::behind:
      return "behind";
    case Outcome::reached:
      return "reached";
    case Outcome::not_reached:
      return "not_reached";
    case Outcome::applies:
      return "applies";
    case Outcome::does_not_apply:
      return "does_not_apply";
    case Outcome::granted:
      return "granted";
    case Outcome::withheld:
      return "withheld";
    case Outcome::not_granted:
      return "not_granted";
    case Outcome::within_quota:
      return "within_quota";
    case Outcome::over_quota:
      return "over_quota";
    case Outcome::unknown:
      return "unknown";
  }
  return "?";
}

bool is_violation(Outcome outcome) noexcept {
  switch (outcome) {
    case Outcome::late:
    case Outcome::missed:
    case Outcome::early:
    case Outcome::too_short:
    case Outcome::started_outside:
    case Outcome::invalid:
    case Outcome::not_met:
    case Outcome::applies:
    case Outcome::over_quota:
      return true;
    default:
      return false;
  }
}

}  // namespace mandate
