// mandate._mandate: the module, the conversions every concept uses, and the
// translation of C++ exceptions into the package's exceptions.
#include "common.hpp"

#include <mandate/parse.hpp>

#include <mandate/graph.hpp>

#include <exception>
#include <new>

namespace mandate::python {

py::tuple date_tuple(const Date& date) { return py::make_tuple(date.year, date.month, date.day); }

py::list citations_list(const Citations& citations) {
  py::list out;
  for (const Clause& clause : citations) out.append(py::make_tuple(clause.id, clause.section));
  return out;
}

py::dict diagnostic_dict(const Diagnostic& diagnostic, const std::string& rendered) {
  py::list notes;
  for (const Note& note : diagnostic.notes) notes.append(note.message);
  const char* severity = diagnostic.severity == Severity::error     ? "error"
                         : diagnostic.severity == Severity::warning ? "warning"
                                                                    : "note";
  return py::dict(py::arg("code") = code_name(diagnostic.code), py::arg("severity") = severity,
                  py::arg("file") = diagnostic.file, py::arg("line") = diagnostic.position.line,
                  py::arg("column") = diagnostic.position.column,
                  py::arg("message") = diagnostic.message, py::arg("notes") = notes,
                  py::arg("rendered") = rendered);
}

py::list diagnostics_list(const std::vector<Diagnostic>& diagnostics, const SourceFile* source) {
  py::list out;
  for (const Diagnostic& diagnostic : diagnostics) {
    // Evaluation errors point at no source text: file, code and message.
    const std::string rendered = source
                                     ? render(diagnostic, *source)
                                     : diagnostic.file + ": error[" + code_name(diagnostic.code) +
                                           "]: " + diagnostic.message + "\n";
    out.append(diagnostic_dict(diagnostic, rendered));
  }
  return out;
}

namespace {

py::list rejected_list(const std::vector<RejectedRow>& rows) {
  py::list out;
  for (const RejectedRow& row : rows)
    out.append(py::dict(py::arg("file") = row.file, py::arg("line") = row.line,
                        py::arg("column") = row.column, py::arg("message") = row.message,
                        py::arg("code") = code_name(row.code), py::arg("field") = row.field));
  return out;
}

}  // namespace

py::dict load_report_dict(const LoadReport& report) {
  py::list files;
  for (const FileLoad& file : report.files)
    files.append(py::dict(py::arg("file") = file.file, py::arg("rows_read") = file.rows_read,
                          py::arg("rows_added") = file.rows_added,
                          py::arg("rejected") = file.rejected,
                          py::arg("duplicates") = file.duplicates));
  return py::dict(py::arg("rows_read") = report.rows_read,
                  py::arg("rows_added") = report.rows_added,
                  py::arg("rejected") = rejected_list(report.rejected),
                  py::arg("duplicates") = rejected_list(report.duplicates),
                  py::arg("warnings") = rejected_list(report.warnings), py::arg("files") = files);
}

py::dict explanation_dict(const Explanation& explanation) {
  py::list facts;
  for (const FactCitation& fact : explanation.facts)
    facts.append(py::dict(py::arg("fact") = fact.fact, py::arg("source") = fact.source));
  py::list children;
  for (const Explanation& child : explanation.children) children.append(explanation_dict(child));
  return py::dict(py::arg("text") = explanation.text, py::arg("facts") = facts,
                  py::arg("children") = children);
}

void raise(const char* name, const std::string& message) {
  const py::object type = py::module_::import("mandate._errors").attr(name);
  PyErr_SetObject(type.ptr(), py::str(message).ptr());
  throw py::error_already_set();
}

}  // namespace mandate::python

PYBIND11_MODULE(_mandate, m) {
  using namespace mandate::python;
  m.doc() = "The C++ core of the mandate package (private: use `import mandate`).";
  bind_plan(m);
  bind_facts(m);
  bind_evaluation(m);
  bind_graph(m);
  bind_scenarios(m);
  // The limits the command line applies, so that Python says the same.
  m.attr("max_threads") = mandate::max_threads;
  m.attr("max_plan_bytes") = mandate::ParseLimits{}.max_source_bytes;
  m.def("violation_outcomes", [] {
    std::vector<std::string> names;
    for (int o = 0; o <= static_cast<int>(mandate::Outcome::unknown); ++o)
      if (mandate::is_violation(static_cast<mandate::Outcome>(o)))
        names.emplace_back(mandate::outcome_name(static_cast<mandate::Outcome>(o)));
    return names;
  });

  // A name the graph does not know is the caller's mistake, with a message
  // that suggests a close name. Anything else the library throws is a fault
  // of mandate: it becomes InternalError, never a bare C++ message.
  py::register_exception_translator([](std::exception_ptr thrown) {
    try {
      if (thrown) std::rethrow_exception(thrown);
    } catch (const mandate::GraphLookupError& error) {
      const py::object type = py::module_::import("mandate._errors").attr("GraphLookupError");
      PyErr_SetString(type.ptr(), error.what());
    } catch (const std::bad_alloc&) {
      PyErr_SetString(PyExc_MemoryError, "mandate: out of memory");
    } catch (const py::error_already_set&) {
      throw;
    } catch (const py::builtin_exception&) {
      throw;
    } catch (const std::exception& error) {
      const py::object type = py::module_::import("mandate._errors").attr("InternalError");
      PyErr_SetString(
          type.ptr(),
          (std::string("internal error in mandate, please report it: ") + error.what()).c_str());
    }
  });
}
