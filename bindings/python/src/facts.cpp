// Facts: a store for one plan, loaded from files, text or Python rows.
#include "common.hpp"

#include <datetime.h>

#include <cmath>
#include <mutex>
#include <optional>
#include <string_view>

namespace mandate::python {
namespace {

constexpr FactKind fact_kinds[] = {FactKind::unit,    FactKind::event,     FactKind::title,
                                   FactKind::measure, FactKind::published, FactKind::calendar};

FactKind fact_kind(std::string_view name) {
  for (const FactKind kind : fact_kinds)
    if (fact_kind_name(kind) == name) return kind;
  throw py::value_error("unknown kind of fact '" + std::string(name) + "'");
}

LoadPolicy policy(bool keep) {
  return keep ? LoadPolicy::keep_good_rows : LoadPolicy::all_or_nothing;
}

/// Runs a load without the GIL, holding the store exclusively, and counts
/// it when it added something.
template <class Load>
py::dict locked_load(FactsHandle& self, Load load) {
  LoadReport report;
  {
    py::gil_scoped_release release;
    const WriteLock lock(self);
    report = load(self.store);
    if (report.rows_added > 0) ++self.generation;
  }
  return load_report_dict(report);
}

/// Python cells as text, the way add_text_rows reads them: copied into one
/// buffer, so that no Python object is read once the GIL is released.
class TextCells {
 public:
  /// Appends a cell; false when its type is not one a fact can hold.
  bool add(const py::handle value) {
    if (value.is_none()) return absent();
    if (PyUnicode_Check(value.ptr())) {
      Py_ssize_t size = 0;
      const char* text = PyUnicode_AsUTF8AndSize(value.ptr(), &size);
      if (!text) throw py::error_already_set();
      return text_(std::string_view(text, static_cast<std::size_t>(size)));
    }
    if (PyFloat_Check(value.ptr())) {
      const double number = PyFloat_AS_DOUBLE(value.ptr());
      if (std::isnan(number)) return absent();  // pandas' missing value
      // An integral float is written as an integer: pandas makes whole
      // numbers floats in a column with a missing value (2018.0 is 2018).
      if (std::trunc(number) == number && std::fabs(number) < 1e15)
        return text_(std::to_string(static_cast<long long>(number)));
      char* repr = PyOS_double_to_string(number, 'r', 0, 0, nullptr);
      if (!repr) throw py::error_already_set();
      const bool added = text_(repr);
      PyMem_Free(repr);
      return added;
    }
    if (PyLong_Check(value.ptr()) || PyIndex_Check(value.ptr()))
      return text_(py::str(value).cast<std::string>());
    if (!PyDateTimeAPI) PyDateTime_IMPORT;
    if (PyDateTime_Check(value.ptr())) {
      // A datetime at midnight is a date (pandas reads dates as Timestamps);
      // any other time is kept, and the load says it is not a date.
      const bool midnight = PyDateTime_DATE_GET_HOUR(value.ptr()) == 0 &&
                            PyDateTime_DATE_GET_MINUTE(value.ptr()) == 0 &&
                            PyDateTime_DATE_GET_SECOND(value.ptr()) == 0 &&
                            PyDateTime_DATE_GET_MICROSECOND(value.ptr()) == 0;
      if (!midnight) return text_(py::str(value.attr("isoformat")()).cast<std::string>());
    }
    if (PyDate_Check(value.ptr())) {
      char text[16];
      std::snprintf(text, sizeof text, "%04d-%02d-%02d", PyDateTime_GET_YEAR(value.ptr()),
                    PyDateTime_GET_MONTH(value.ptr()), PyDateTime_GET_DAY(value.ptr()));
      return text_(text);
    }
    if (PyList_Check(value.ptr()) || PyTuple_Check(value.ptr())) {  // aliases
      std::string joined;
      for (const py::handle item : value) {
        if (!PyUnicode_Check(item.ptr())) return false;
        joined += (joined.empty() ? "" : ";") + item.cast<std::string>();
      }
      return text_(joined);
    }
    return false;
  }

  /// The cells, once every one is added.
  [[nodiscard]] std::vector<std::optional<std::string_view>> views() const {
    std::vector<std::optional<std::string_view>> out;
    out.reserve(cells_.size());
    for (const Cell& cell : cells_)
      out.push_back(cell.present
                        ? std::optional(std::string_view(bytes_).substr(cell.begin, cell.size))
                        : std::nullopt);
    return out;
  }

 private:
  struct Cell {
    std::size_t begin = 0;
    std::size_t size = 0;
    bool present = false;
  };
  bool absent() {
    cells_.push_back({});
    return true;
  }
  bool text_(std::string_view text) {
    cells_.push_back({bytes_.size(), text.size(), true});
    bytes_ += text;
    return true;
  }
  std::string bytes_;
  std::vector<Cell> cells_;
};

/// add_text_rows from columns of Python values (lists of equal length).
py::dict add_rows(FactsHandle& self, std::string_view kind_name, const std::string& source,
                  const std::vector<std::string>& columns, const std::vector<py::list>& values,
                  bool keep) {
  const FactKind kind = fact_kind(kind_name);
  const std::size_t rows = values.empty() ? 0 : values.front().size();
  TextCells cells;
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const py::handle value = values[c][r];
      if (!cells.add(value))
        throw py::type_error(columns[c] + ", row " + std::to_string(r + 1) +
                             ": expected str, a number, a date or None, not " +
                             std::string(py::str(value.get_type().attr("__name__"))));
    }
  }
  const std::vector<std::string_view> names(columns.begin(), columns.end());
  const auto views = cells.views();
  return locked_load(self, [&](FactStore& store) {
    return store.add_text_rows(kind, names, views, source, policy(keep));
  });
}

py::list units(const FactsHandle& self, const std::string& kind, const std::string& within) {
  std::vector<std::string> names;
  {
    const ReadLock lock(self);
    const NameId kind_id = kind.empty() ? no_name : self.store.find_name(kind);
    const NameId within_id = within.empty() ? no_name : self.store.resolve_unit(within);
    if ((kind.empty() || kind_id != no_name) && (within.empty() || within_id != no_name))
      for (const NameId unit : self.store.units_of_kind(kind_id, within_id))
        names.emplace_back(self.store.name(unit));
  }
  return py::cast(names);
}

}  // namespace

void bind_facts(py::module_& m) {
  py::class_<FactsHandle, std::shared_ptr<FactsHandle>>(m, "FactsCore")
      .def(
          py::init([](const PlanHandle& plan) { return std::make_shared<FactsHandle>(plan.plan); }))
      .def("load_path",
           [](FactsHandle& self, const std::string& path, bool keep) {
             return locked_load(
                 self, [&](FactStore& store) { return load_fact_path(store, path, policy(keep)); });
           })
      .def("load_text",
           [](FactsHandle& self, const std::string& text, const std::string& kind,
              const std::string& name, bool keep) {
             // An empty kind: JSON Lines, whose lines name their kinds.
             const std::optional<FactKind> csv_kind =
                 kind.empty() ? std::nullopt : std::optional(fact_kind(kind));
             return locked_load(self, [&](FactStore& store) {
               return csv_kind ? store.load_csv_text(*csv_kind, text, name, policy(keep))
                               : store.load_json_lines_text(text, name, policy(keep));
             });
           })
      .def("add_rows", &add_rows)
      .def("units", &units)
      .def_property_readonly("event_count",
                             [](const FactsHandle& self) {
                               const ReadLock lock(self);
                               return self.store.event_count();
                             })
      .def_property_readonly("memory_bytes",
                             [](const FactsHandle& self) {
                               const ReadLock lock(self);
                               return self.store.memory_bytes();
                             })
      .def_property_readonly("generation",
                             [](const FactsHandle& self) { return self.generation.load(); });
}

}  // namespace mandate::python
