// Diagnostics: what every stage reports about a plan, with stable codes.
#pragma once

#include <mandate/export.hpp>
#include <mandate/source.hpp>

#include <gsl/pointers>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mandate {

enum class Severity { error, warning, note };

/// Stable, documented diagnostic codes (docs/diagnostics.md). Values never
/// change meaning; new codes are appended.
enum class Code {
  syntax = 1,                 // M0001 the text does not follow the grammar
  invalid_utf8 = 2,           // M0002 a byte sequence that is not UTF-8
  input_limit = 3,            // M0003 nesting or line length beyond the limits
  unknown_name = 4,           // M0004 a name that is not declared
  duplicate_name = 5,         // M0005 a name declared twice
  undeclared_body = 6,        // M0006 a role or obligation names something that is not a body
  invalid_date = 7,           // M0007 a date that does not exist
  bad_window = 8,             // M0008 an empty or reversed window or period
  cycle = 9,                  // M0009 a cycle among declarations (docs/diagnostics.md)
  quota_total = 10,           // M0010 a declared quota total differs from the sum
  no_consequence = 11,        // M0011 a sanction without consequence
  missing_citation = 12,      // M0012 a normative statement without citation
  type_mismatch = 13,         // M0013 an expression of the wrong type
  unexpected_statement = 14,  // M0014 a statement or segment not allowed here
  missing_statement = 15,     // M0015 a required statement or segment is absent
  unknown_clause = 16,        // M0016 a citation names a clause the plan does not list
  uncited_clause = 17,        // M0017 a listed clause is never cited (warning)
  missing_lead = 18,          // M0018 a programme without lead or responsible body
  bad_value = 19,             // M0019 a literal out of range (month 13, 0 days, …)
  io = 20,                    // M0020 the file cannot be read
  unbound_obligation = 21,    // M0021 an obligation that no body can be held to
  missing_field = 22,         // M0022 a fact row without a required column, member or value
  no_facts = 23,              // M0023 an input that gives no facts
  contradiction = 24,         // M0024 a fact row that contradicts another
  quote_not_found = 25,       // M0025 a quote that the plan's source text does not contain
  no_such_fact = 26,          // M0026 a correction names a fact the store does not hold
};

/// "M0004" for Code::unknown_name.
[[nodiscard]] MANDATE_EXPORT std::string code_name(Code code);

struct Note {
  std::string message;
  Span span{};  // where it points; empty when it does not point anywhere
  bool has_span = false;
};

struct Diagnostic {
  Code code = Code::syntax;
  Severity severity = Severity::error;
  std::string file;
  Span span{};
  Position position{};
  std::string message;
  std::vector<Note> notes;
};

/// file:line:column: error[M0004]: message, then the source line with a
/// caret under the span (or an underline over it), then notes.
[[nodiscard]] MANDATE_EXPORT std::string render(const Diagnostic& diagnostic,
                                                const SourceFile& source);

[[nodiscard]] MANDATE_EXPORT bool has_errors(std::span<const Diagnostic> diagnostics) noexcept;

/// Collects diagnostics for one source file, filling in file and position.
class MANDATE_EXPORT DiagnosticSink {
 public:
  explicit DiagnosticSink(const SourceFile& source) : source_(&source) {}

  Diagnostic& report(Code code, Span span, std::string message,
                     Severity severity = Severity::error);
  [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }
  [[nodiscard]] std::vector<Diagnostic> take() && { return std::move(diagnostics_); }
  [[nodiscard]] bool has_errors() const noexcept { return mandate::has_errors(diagnostics_); }
  [[nodiscard]] const SourceFile& source() const noexcept { return *source_; }

 private:
  gsl::not_null<const SourceFile*> source_;
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace mandate
