// The formats: CSV files, JSON Lines files, and host calls. Each turns its
// rows into text or typed rows for a Load (load.hpp), which checks and
// stages them.
#include <mandate/facts.hpp>

#include "check/suggest.hpp"
#include "facts/csv.hpp"
#include "facts/json_scan.hpp"
#include "facts/load.hpp"
#include "facts/names.hpp"
#include "facts/store_impl.hpp"
#include "facts/text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <optional>
#include <span>
#include <unordered_map>
#include <unordered_set>

namespace mandate {
namespace {

using detail::ColumnSpec;
using detail::Load;
using detail::TextRow;
using detail::Where;

std::string column_list(FactKind kind) {
  std::string out;
  for (const ColumnSpec& column : detail::columns_of(kind)) {
    if (!out.empty()) out += ", ";
    out += column.name;
    if (!column.required) out += " (optional)";
  }
  return out;
}

// Names are compared with detail::same_name (facts/names.hpp), inlined for
// short names: a JSON Lines loader compares every member's name of every line.
using detail::same_name;

int find_column(FactKind kind, std::string_view name) {
  const auto columns = detail::columns_of(kind);
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (same_name(columns[i].name, name)) return static_cast<int>(i);
  return -1;
}

std::string column_suggestion(FactKind kind, std::string_view name) {
  // A unit's kind is `unit_kind`: in JSON Lines "kind" names the fact's kind.
  if (kind == FactKind::unit && name == "kind") return "; did you mean 'unit_kind'?";
  std::vector<std::string_view> names;
  for (const ColumnSpec& column : detail::columns_of(kind)) names.push_back(column.name);
  if (detail::find_invalid_utf8_from(name, 0) != detail::not_found) return {};
  return detail::did_you_mean(detail::closest(name, names));
}

constexpr std::size_t no_column = SIZE_MAX;

/// The field of each column a caller names (a CSV header, a host's columns):
/// every column known, none twice, every required one there. Each problem
/// goes to `reject` with its column (no_column for a missing one), its code
/// and the field it is about; then nothing, since no row can be read safely
/// against wrong columns.
template <class Reject>
std::optional<std::vector<int>> map_columns(FactKind kind, std::span<const std::string_view> names,
                                            Reject reject) {
  const auto columns = detail::columns_of(kind);
  std::vector<int> field_of_column(names.size(), -1);
  std::array<bool, detail::max_fields> seen{};
  bool ok = true;
  for (std::size_t c = 0; c < names.size(); ++c) {
    const int field = find_column(kind, names[c]);
    if (field < 0) {
      reject(
          c,
          fmt::format("unknown column {} for {} facts{} (columns: {})", detail::quote(names[c]),
                      fact_kind_name(kind), column_suggestion(kind, names[c]), column_list(kind)),
          Code::unknown_name, std::string_view{});
      ok = false;
    } else if (seen[static_cast<std::size_t>(field)]) {
      reject(c, fmt::format("column {} appears twice", detail::quote(names[c])),
             Code::duplicate_name, columns[static_cast<std::size_t>(field)].name);
      ok = false;
    } else {
      seen[static_cast<std::size_t>(field)] = true;
      field_of_column[c] = field;
    }
  }
  for (std::size_t f = 0; f < columns.size(); ++f) {
    if (columns[f].required && !seen[f]) {
      reject(no_column,
             fmt::format("missing required column '{}' ({} facts: {})", columns[f].name,
                         fact_kind_name(kind), column_list(kind)),
             Code::missing_field, columns[f].name);
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return field_of_column;
}

/// A file's bytes, read in one go (the CSV reader works on one buffer) into
/// memory that is not zero-filled first.
struct FileText {
  std::unique_ptr<char[]> bytes;
  std::size_t size = 0;
  [[nodiscard]] std::string_view view() const noexcept { return {bytes.get(), size}; }
};

/// Reads a fact file whole. Its size is taken from the file system first: a
/// file over max_fact_file_bytes is refused before anything is read.
std::optional<RejectedRow> read_file(const std::string& path, FileText& out) {
  const auto failure = [&](std::string message, Code code = Code::io) {
    return RejectedRow{path, 0, 0, std::move(message), code, {}};
  };
  const auto os_error = [&](int error) {
    return failure(fmt::format("cannot read the file: {}", std::strerror(error ? error : EIO)));
  };
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return os_error(errno);
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> closer(file, std::fclose);
  struct stat info {};
  if (::fstat(::fileno(file), &info) != 0) return os_error(errno);
  if (S_ISDIR(info.st_mode)) return failure("cannot read the file: it is a directory");
  if (!S_ISREG(info.st_mode)) return failure("cannot read the file: it is not a regular file");
  const auto size = static_cast<std::uint64_t>(info.st_size);
  if (size > max_fact_file_bytes)
    return failure(fmt::format("the file is {} bytes; fact files are limited to {} bytes "
                               "(docs/reliability.md): split it",
                               size, max_fact_file_bytes),
                   Code::input_limit);
  out.size = static_cast<std::size_t>(size);
  out.bytes.reset(new char[std::max<std::size_t>(out.size, 1)]);
  if (std::fread(out.bytes.get(), 1, out.size, file) != out.size) return os_error(errno);
  return std::nullopt;
}

LoadReport unreadable(RejectedRow row) {
  LoadReport report;
  report.files.push_back(FileLoad{row.file, 0, 0, 1, 0});
  report.rejected.push_back(std::move(row));
  return report;
}

/// A text that is not UTF-8 and looks like GBK or UTF-16 is rejected whole,
/// with the command that converts it, rather than row by row.
bool reject_other_encoding(Load& load, std::string_view text, std::size_t first_invalid) {
  if (first_invalid == detail::not_found &&
      std::memchr(text.data(), 0, std::min<std::size_t>(text.size(), 64 << 10)) == nullptr)
    return false;
  const auto encoding = detail::guess_encoding(text);
  if (!encoding) return false;
  load.reject_at(0, 0, detail::convert_hint(*encoding, load.source()), Code::invalid_utf8);
  return true;
}

bool too_large(Load& load, std::string_view text) {
  if (text.size() <= max_fact_file_bytes) return false;
  load.reject_at(0, 0,
                 fmt::format("the text is {} bytes; fact files are limited to {} bytes "
                             "(docs/reliability.md): split it",
                             text.size(), max_fact_file_bytes),
                 Code::input_limit);
  return true;
}

/// Rows staged in small batches: the names' table slot of each event's
/// unit is fetched from memory while the rows before it are staged, since
/// at national scale the unit changes from row to row and its slot is a
/// cache miss. Rows are staged in order; a row whose texts do not outlive
/// the reading of the next one is staged at once, after those before it.
class StagingBatch {
 public:
  struct Row {
    TextRow row;
    Where where;
  };

  StagingBatch(Load& load, bool events) : load_(load), events_(events) {}
  StagingBatch(const StagingBatch&) = delete;
  StagingBatch& operator=(const StagingBatch&) = delete;
  ~StagingBatch() = default;

  /// Where the next row is written, then add()ed.
  Row& next() { return rows_[pending_]; }
  /// Stages next(): later when it is an event whose texts last (`lasting`),
  /// else now.
  void add(bool lasting) {
    Row& row = rows_[pending_];
    if (!events_ || !lasting) {
      flush();
      load_.stage_text(row.where.kind, row.row, row.where);
      return;
    }
    load_.prefetch_name(row.row.text[detail::field::event_unit]);
    if (++pending_ == rows_.size()) flush();
  }
  void flush() {
    for (std::size_t i = 0; i < pending_; ++i)
      load_.stage_text(rows_[i].where.kind, rows_[i].row, rows_[i].where);
    pending_ = 0;
  }

 private:
  Load& load_;
  bool events_;
  std::array<Row, 16> rows_;
  std::size_t pending_ = 0;
};

// ---------------------------------------------------------------------------
// CSV

void load_csv_rows(Load& load, FactKind kind, std::string_view text) {
  if (too_large(load, text)) return;
  detail::CsvReader reader(text);
  detail::CsvRecord record;
  std::size_t bad = detail::find_invalid_utf8_from(text, reader.start());
  if (reject_other_encoding(load, text, bad)) return;
  const auto invalid_in = [&](const detail::CsvRecord& r) {
    if (bad != detail::not_found && bad < r.begin)
      bad = detail::find_invalid_utf8_from(text, r.begin);
    return bad != detail::not_found && bad < r.end;
  };
  const auto reject_invalid = [&](const detail::CsvRecord& r) {
    const Position at = detail::position_at(text, r.begin, r.line, bad);
    load.reject_at(at.line, at.column,
                   fmt::format("invalid UTF-8 (byte 0x{:02X}): the file must be UTF-8",
                               static_cast<unsigned char>(text[bad])),
                   Code::invalid_utf8);
    bad = detail::find_invalid_utf8_from(text, r.end);
  };

  // The header: every column known, none twice, every required one there.
  if (!reader.next(record)) {
    load.reject_at(1, 0,
                   fmt::format("empty file: a header row is required ({} facts: {})",
                               fact_kind_name(kind), column_list(kind)),
                   Code::no_facts);
    return;
  }
  if (record.malformed) {
    const Position at = detail::position_at(text, record.begin, record.line, record.error_offset);
    load.reject_at(at.line, at.column, fmt::format("header: {}", record.error), Code::syntax);
    return;
  }
  if (invalid_in(record)) {
    reject_invalid(record);
    return;
  }
  std::vector<std::string_view> names;
  for (const detail::CsvField& cell : record.fields()) names.push_back(cell.text);
  const auto field_of_column = map_columns(
      kind, names, [&](std::size_t column, std::string message, Code code, std::string_view field) {
        if (column == no_column)
          return load.reject_at(record.line, 0, std::move(message), code, field);
        const Position at =
            detail::position_at(text, record.begin, record.line, record.fields()[column].offset);
        load.reject_at(at.line, at.column, std::move(message), code, field);
      });
  if (!field_of_column) return;  // no row can be read safely against a wrong header

  load.reserve(kind, reader.line_count_estimate());
  StagingBatch batch(load, kind == FactKind::event);
  const std::size_t width = record.fields().size();
  std::size_t rows = 0;
  while (reader.next(record)) {
    load.count_rows(1);
    ++rows;
    if (record.malformed) {
      const Position at = detail::position_at(text, record.begin, record.line, record.error_offset);
      load.reject_at(at.line, at.column, record.error, Code::syntax);
      continue;
    }
    if (invalid_in(record)) {
      reject_invalid(record);
      continue;
    }
    if (record.fields().size() != width) {
      const std::uint32_t offset =
          record.fields().size() > width ? record.fields()[width].offset : record.end;
      const Position at = detail::position_at(text, record.begin, record.line, offset);
      load.reject_at(
          at.line, at.column,
          fmt::format("this row has {} field{}; the header has {}", record.fields().size(),
                      record.fields().size() == 1 ? "" : "s", width),
          Code::syntax);
      continue;
    }
    StagingBatch::Row& next = batch.next();
    next.where.text = text;
    next.where.kind = kind;
    next.where.line = record.line;
    next.where.begin = record.begin;
    for (std::size_t c = 0; c < width; ++c) {
      const auto field = static_cast<std::size_t>((*field_of_column)[c]);
      next.row.text[field] = record.fields()[c].text;
      next.row.present[field] = true;
      next.where.offsets[field] = record.fields()[c].offset;
    }
    batch.add(/*lasting=*/!record.scratch);
  }
  batch.flush();
  load.resolve_units();
  if (rows == 0 && !load.any_rejected())
    load.warn(record.line, "no facts: the file has a header and no rows");
}

// ---------------------------------------------------------------------------
// JSON Lines

/// Byte offset (in `line`) of the value of the first `"key":` anywhere in
/// the line, or npos: a cheap search, before the line is parsed. `needle` is
/// the key with its quotes.
std::size_t member_value_offset(std::string_view line, std::string_view needle) {
  for (std::size_t at = line.find(needle); at != std::string_view::npos;
       at = line.find(needle, at + 1)) {
    std::size_t p = at + needle.size();
    while (p < line.size() && (line[p] == ' ' || line[p] == '\t')) ++p;
    if (p < line.size() && line[p] == ':') {
      ++p;
      while (p < line.size() && (line[p] == ' ' || line[p] == '\t')) ++p;
      return p;
    }
  }
  return std::string_view::npos;
}

/// Where a top-level member of a line is: its key's offset and its value's.
struct MemberPlace {
  std::string_view key;                // as written between the quotes
  std::optional<std::string> decoded;  // the key, when written with escapes
  std::size_t key_offset = 0;
  std::size_t value_offset = 0;

  [[nodiscard]] bool named(std::string_view name) const {
    return decoded ? *decoded == name : key == name;
  }
};

/// The places of the top-level members of a line that parsed as a JSON
/// object, in the line's order: one pass, for the positions of messages
/// (nlohmann/json's parser reports none but for errors).
std::vector<MemberPlace> member_places(std::string_view line) {
  std::vector<MemberPlace> places;
  const auto skip_blanks = [&](std::size_t p) {
    while (p < line.size() && (line[p] == ' ' || line[p] == '\t')) ++p;
    return p;
  };
  int depth = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '{' || line[i] == '[') {
      ++depth;
    } else if (line[i] == '}' || line[i] == ']') {
      --depth;
    } else if (line[i] == '"') {
      const std::size_t open = i;
      for (++i; i < line.size() && line[i] != '"'; ++i)
        if (line[i] == '\\') ++i;
      const std::size_t colon = skip_blanks(i + 1);
      if (depth != 1 || colon >= line.size() || line[colon] != ':') continue;
      MemberPlace place{line.substr(open + 1, i - open - 1), std::nullopt, open,
                        skip_blanks(colon + 1)};
      if (place.key.find('\\') != std::string_view::npos) {  // the line parsed: so does its key
        const auto key = nlohmann::json::parse(line.substr(open, i - open + 1), nullptr,
                                               /*allow_exceptions=*/false);
        if (key.is_string()) place.decoded = key.get<std::string>();
      }
      places.push_back(std::move(place));
    }
  }
  return places;
}

/// The offset of member `key` (its value's, or its key's), `skip` members
/// of that name passed; npos when there is none.
std::size_t member_offset(std::span<const MemberPlace> places, std::string_view key,
                          bool want_key = false, int skip = 0) {
  for (const MemberPlace& place : places)
    if (place.named(key) && skip-- == 0) return want_key ? place.key_offset : place.value_offset;
  return std::string_view::npos;
}

/// Lines with more members than this look members up through a hash table:
/// a fact has a handful, but a line of 80,000 must not cost 80,000² compares.
constexpr std::size_t many_members = 16;

/// member_offset for every member of a line: a scan for a few members, an
/// index for many.
class MemberIndex {
 public:
  explicit MemberIndex(std::span<const MemberPlace> places) : places_(places) {
    if (places.size() <= many_members) return;
    first_.reserve(places.size());
    for (std::size_t i = 0; i < places.size(); ++i)
      first_.try_emplace(places[i].decoded ? std::string_view(*places[i].decoded) : places[i].key,
                         i);
  }
  [[nodiscard]] std::size_t offset(std::string_view key, bool want_key = false) const {
    if (first_.empty()) return member_offset(places_, key, want_key);
    const auto it = first_.find(key);
    if (it == first_.end()) return std::string_view::npos;
    const MemberPlace& place = places_[it->second];
    return want_key ? place.key_offset : place.value_offset;
  }

 private:
  std::span<const MemberPlace> places_;
  std::unordered_map<std::string_view, std::size_t> first_;
};

/// A cheap look for `"kind": "unit"`, so that units can be read first.
bool looks_like_unit(std::string_view line) {
  const std::size_t at = member_value_offset(line, "\"kind\"");
  return at != std::string_view::npos && line.substr(at).starts_with("\"unit\"");
}

/// "[json.exception.parse_error.101] parse error at line 1, column 5: syntax
/// error …" → "syntax error …".
std::string json_reason(const char* what) {
  std::string_view text(what);
  if (const std::size_t at = text.find("]: "); at != std::string_view::npos)
    text.remove_prefix(at + 3);
  if (const std::size_t at = text.find(": ");
      at != std::string_view::npos && text.substr(0, at).find("column") != std::string_view::npos)
    text.remove_prefix(at + 2);
  else if (const std::size_t bracket = text.find("] "); bracket != std::string_view::npos)
    text.remove_prefix(bracket + 2);
  return std::string(text);
}

struct JsonLine {
  std::string_view text;
  std::uint32_t number = 0;
  std::uint32_t begin = 0;  // byte offset of the line in the whole text
  bool utf8 = true;         // valid UTF-8: the fast reader may read it (json_scan.hpp)
};

/// A line's top-level members as nlohmann/json's SAX parser reports them,
/// without building a document: the fact rows need their members' texts
/// only, and a document costs a map and a string per member.
class LineMembers final : public nlohmann::json_sax<nlohmann::json> {
 public:
  using Type = detail::JsonType;
  struct Member {
    std::string key;
    Type type = Type::other;
    std::string text;  // a string's or a number's (as json::dump() writes a float)
    std::vector<std::string> strings;
  };

  std::vector<Member> members;  // in the line's order
  bool object = false;          // the line is an object
  std::string twice;            // the first member given twice
  std::size_t error_byte = 0;   // of a parse error, with its message
  std::string error;

  bool null() override { return value(Type::null, {}); }
  bool boolean(bool) override { return value(Type::other, {}); }
  bool number_integer(number_integer_t number) override {
    return value(Type::number, std::to_string(number));
  }
  bool number_unsigned(number_unsigned_t number) override {
    // As the document read it: as a signed 64-bit number.
    return value(Type::number, std::to_string(static_cast<std::int64_t>(number)));
  }
  bool number_float(number_float_t number, const string_t&) override {
    return value(Type::number, nlohmann::json(number).dump());
  }
  bool string(string_t& text) override {
    if (depth_ == 2 && in_list_) {
      members.back().strings.push_back(std::move(text));
      return true;
    }
    return value(Type::string, std::move(text));
  }
  bool binary(binary_t&) override { return value(Type::other, {}); }
  bool start_object(std::size_t) override {
    if (depth_ == 0) object = true;
    if (depth_ >= 1) value(Type::other, {});
    ++depth_;
    return true;
  }
  bool key(string_t& name) override {
    if (depth_ != 1) return true;
    if (twice.empty() && seen(name)) twice = name;
    members.push_back({std::move(name), Type::other, {}, {}});
    return true;
  }
  bool end_object() override {
    --depth_;
    return true;
  }
  bool start_array(std::size_t) override {
    if (depth_ == 1 && !members.empty()) {
      members.back().type = Type::strings;
      in_list_ = true;
    } else if (depth_ >= 1) {
      value(Type::other, {});
    }
    ++depth_;
    return true;
  }
  bool end_array() override {
    if (--depth_ == 1) in_list_ = false;
    return true;
  }
  bool parse_error(std::size_t byte, const std::string&,
                   const nlohmann::detail::exception& exception) override {
    error_byte = byte;
    error = exception.what();
    return false;
  }

 private:
  /// A value: a member's (depth 1), an item of a member's list (depth 2).
  bool value(Type type, std::string text) {
    if (depth_ == 1 && !members.empty()) {
      members.back().type = type;
      members.back().text = std::move(text);
    } else if (depth_ == 2 && in_list_) {
      members.back().type = Type::mixed_list;
    }
    return true;
  }

  /// Whether a member of this name came before: a scan over a few, a hash
  /// set of the names once there are many.
  bool seen(const std::string& name) {
    if (members.size() < many_members)
      return std::any_of(members.begin(), members.end(),
                         [&](const Member& member) { return member.key == name; });
    if (names_.empty())
      for (const Member& member : members) names_.insert(member.key);
    return !names_.insert(name).second;
  }

  int depth_ = 0;
  bool in_list_ = false;  // inside a member's array
  std::unordered_set<std::string> names_;
};

/// Reads a line that is not plain (json_scan.hpp) with the full parser into
/// `object`, whose texts then point into `parsed`. Returns false when the
/// line is rejected: not JSON, not an object, a member given twice.
template <typename Reject>
bool read_with_parser(std::string_view line, LineMembers& parsed, detail::JsonObject& object,
                      const Reject& reject_at_offset) {
  // nlohmann/json takes a NUL for the end of its input: what follows one
  // would be dropped without a word (found by fuzzing).
  if (const std::size_t nul = line.find('\0'); nul != std::string_view::npos) {
    reject_at_offset(nul, "not valid JSON: a NUL byte; fact files are UTF-8 text");
    return false;
  }
  if (!nlohmann::json::sax_parse(line, &parsed)) {
    const std::size_t offset =
        parsed.error_byte == 0 ? 0 : std::min<std::size_t>(parsed.error_byte - 1, line.size());
    reject_at_offset(offset, fmt::format("not valid JSON: {}", json_reason(parsed.error.c_str())));
    return false;
  }
  if (!parsed.object) {
    reject_at_offset(0, "each line is a JSON object with a \"kind\" member");
    return false;
  }
  const std::vector<MemberPlace> places = member_places(line);
  // JSON allows a member twice and keeps the last: a fact file must not.
  if (!parsed.twice.empty()) {
    reject_at_offset(member_offset(places, parsed.twice, /*want_key=*/true, /*skip=*/1),
                     fmt::format("member {} appears twice", detail::quote(parsed.twice)),
                     Code::duplicate_name, parsed.twice);
    return false;
  }
  const MemberIndex index(places);
  object.clear();
  for (const LineMembers::Member& member : parsed.members) {
    detail::JsonMember& view = object.members.emplace_back();
    view.key = member.key;
    view.type = member.type;
    view.text = member.text;
    view.first_string = static_cast<std::uint32_t>(object.strings.size());
    view.string_count = static_cast<std::uint32_t>(member.strings.size());
    object.strings.insert(object.strings.end(), member.strings.begin(), member.strings.end());
    view.key_offset = index.offset(member.key, /*want_key=*/true);
    view.value_offset = index.offset(member.key);
  }
  return true;
}

/// What one line leaves to the next: the lines of a file mostly name the same
/// kind of fact and the same members in the same order, and a name found
/// where the previous plain line had it needs no search. The names are views
/// into the file's text, which outlives the load.
struct JsonScratch {
  explicit JsonScratch(Load& load) : batch(load, /*events=*/true) {}

  detail::JsonObject object;  // reused from line to line
  StagingBatch batch;         // of rows whose texts are the file's
  std::string_view kind_name;
  FactKind kind = FactKind::unit;
  std::array<std::string_view, 16> member_names{};
  std::array<int, 16> fields{};

  std::optional<FactKind> kind_of(std::string_view name, bool plain) {
    if (plain && !kind_name.empty() && same_name(name, kind_name)) return kind;
    const auto found = detail::fact_kind_from_name(name);
    if (plain && found) {
      kind_name = name;
      kind = *found;
      member_names.fill({});
    }
    return found;
  }
  int field(FactKind of, std::size_t position, std::string_view name, bool plain) {
    if (!plain || position >= member_names.size()) return find_column(of, name);
    if (!member_names[position].empty() && same_name(name, member_names[position]))
      return fields[position];
    member_names[position] = name;
    return fields[position] = find_column(of, name);
  }
};

/// Reads one line. Returns false when `units_only` and the line is no unit
/// (it is left for the second pass).
bool load_json_line(Load& load, std::string_view whole, const JsonLine& line, bool units_only,
                    JsonScratch& scratch) {
  const auto reject_at_offset = [&](std::size_t offset, std::string message,
                                    Code code = Code::syntax, std::string_view field = {}) {
    if (offset == std::string_view::npos)
      return load.reject_at(line.number, 0, std::move(message), code, field);
    const Position at = detail::position_at(whole, line.begin, line.number, line.begin + offset);
    load.reject_at(at.line, at.column, std::move(message), code, field);
  };
  detail::JsonObject& object = scratch.object;
  std::optional<LineMembers> parsed;  // what `object` points into, for a line that is not plain
  const bool plain = line.utf8 && detail::scan_flat_object(line.text, object);
  if (!plain && !read_with_parser(line.text, parsed.emplace(), object, reject_at_offset))
    return true;
  const std::vector<detail::JsonMember>& members = object.members;
  const auto kind_member = std::find_if(members.begin(), members.end(),
                                        [](const auto& member) { return member.key == "kind"; });
  if (kind_member == members.end() || kind_member->type != detail::JsonType::string) {
    reject_at_offset(
        kind_member == members.end() ? 0 : kind_member->value_offset,
        "\"kind\" must be one of \"unit\", \"event\", \"title\", \"measure\", \"published\", "
        "\"calendar\"",
        kind_member == members.end() ? Code::missing_field : Code::bad_value, "kind");
    return true;
  }
  const std::string_view kind_text = kind_member->text;
  const auto kind = scratch.kind_of(kind_text, plain);
  if (!kind) {
    const std::vector<std::string_view> kinds = {"unit",    "event",     "title",
                                                 "measure", "published", "calendar"};
    const auto best = detail::find_invalid_utf8_from(kind_text, 0) == detail::not_found
                          ? detail::closest(kind_text, kinds)
                          : std::nullopt;
    reject_at_offset(
        kind_member->value_offset,
        fmt::format("kind: unknown kind of fact {}{} (unit, event, title, measure, published or "
                    "calendar)",
                    detail::quote(kind_text), detail::did_you_mean(best)),
        Code::unknown_name, "kind");
    return true;
  }
  if (units_only && *kind != FactKind::unit) return false;

  // Written where the batch stages it; a line that is rejected leaves the
  // slot to the next.
  StagingBatch::Row& slot = scratch.batch.next();
  slot = {};
  TextRow& row = slot.row;
  Where& where = slot.where;
  where.text = whole;
  where.line = line.number;
  where.begin = line.begin;
  where.kind = *kind;
  std::vector<std::string_view> aliases;
  bool aliases_listed = false;
  using Type = detail::JsonType;
  // Of the members at fault, the one with the smallest name is reported, as
  // a JSON document lists them: a line with several faults reports the same
  // one whatever the order of its members.
  const detail::JsonMember* fault = nullptr;
  for (std::size_t position = 0; position < members.size(); ++position) {
    const detail::JsonMember& member = members[position];
    if (&member == &*kind_member) continue;
    const int field = scratch.field(*kind, position, member.key, plain);
    const auto f = static_cast<std::size_t>(field);
    const bool alias_list = *kind == FactKind::unit && f == detail::field::unit_aliases;
    if (field < 0 ||
        (member.type != Type::null && member.type != Type::string && member.type != Type::number &&
         !(alias_list && member.type == Type::strings))) {
      if (!fault || member.key < fault->key) fault = &member;
      continue;
    }
    const std::size_t offset = member.value_offset;
    where.offsets[f] = offset == std::string_view::npos
                           ? detail::no_offset
                           : line.begin + static_cast<std::uint32_t>(offset);
    if (member.type == Type::null) continue;
    if (member.type == Type::strings) {
      aliases_listed = true;
      const auto first = object.strings.begin() + member.first_string;
      aliases.assign(first, first + member.string_count);
    } else {
      row.text[f] = member.text;  // numbers as text, parsed like CSV cells
    }
    row.present[f] = true;
  }
  if (fault) {
    const std::string_view key = fault->key;
    const int field = find_column(*kind, key);
    const bool alias_list =
        *kind == FactKind::unit && static_cast<std::size_t>(field) == detail::field::unit_aliases;
    if (field < 0)
      reject_at_offset(
          fault->key_offset,
          fmt::format("unknown member {} for {} facts{} (members: kind, {})", detail::quote(key),
                      fact_kind_name(*kind), column_suggestion(*kind, key), column_list(*kind)),
          Code::unknown_name, key);
    else if (alias_list && fault->type == Type::mixed_list)
      reject_at_offset(fault->value_offset, "aliases: a list of strings", Code::bad_value, key);
    else
      reject_at_offset(
          fault->value_offset,
          fmt::format("{}: a string{}", key, alias_list ? " or a list of strings" : " or a number"),
          Code::bad_value, key);
    return true;
  }
  const auto columns = detail::columns_of(*kind);
  for (std::size_t f = 0; f < columns.size(); ++f) {
    if (columns[f].required && !row.present[f]) {
      reject_at_offset(std::string_view::npos,
                       fmt::format("missing member \"{}\" ({} facts: {})", columns[f].name,
                                   fact_kind_name(*kind), column_list(*kind)),
                       Code::missing_field, columns[f].name);
      return true;
    }
  }
  if (*kind == FactKind::unit && aliases_listed) {
    using namespace detail::field;
    scratch.batch.flush();
    load.add_unit(UnitInput{row.text[unit_name], row.text[unit_kind], row.text[unit_parent],
                            aliases, row.text[unit_reports_to]},
                  where);
  } else {
    scratch.batch.add(/*lasting=*/plain);  // a line the full parser read has texts of its own
  }
  if (!units_only && *kind == FactKind::unit) load.resolve_units();  // a unit the first pass missed
  return true;
}

/// The lines of a JSON Lines text that are not blank, one after another: read
/// twice (units first), and never held in a list, which for a file of
/// millions of lines would be a list of millions.
class JsonLines {
 public:
  /// `invalid`: the first byte of `text` that is not UTF-8, or not_found.
  JsonLines(std::string_view text, std::size_t invalid) : text_(text), first_invalid_(invalid) {
    rewind();
  }
  void rewind() {
    at_ = text_.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    number_ = 0;
    invalid_ = first_invalid_;
  }
  bool next(JsonLine& line) {
    while (at_ < text_.size()) {
      std::size_t end = text_.find('\n', at_);
      if (end == std::string_view::npos) end = text_.size();
      ++number_;
      std::string_view content = text_.substr(at_, end - at_);
      if (content.ends_with('\r')) content.remove_suffix(1);
      // A line with a byte that is not UTF-8 is left to the full parser,
      // which says where it is.
      const bool utf8 = invalid_ == detail::not_found || invalid_ >= end;
      if (!utf8 && end < text_.size()) invalid_ = detail::find_invalid_utf8_from(text_, end);
      const auto begin = static_cast<std::uint32_t>(at_);
      at_ = end + 1;
      if (content.find_first_not_of(" \t") == std::string_view::npos) continue;
      line = JsonLine{content, number_, begin, utf8};
      return true;
    }
    return false;
  }

 private:
  std::string_view text_;
  std::size_t first_invalid_;
  std::size_t at_ = 0;
  std::uint32_t number_ = 0;
  std::size_t invalid_ = detail::not_found;
};

void load_json_lines_rows(Load& load, std::string_view text) {
  if (too_large(load, text)) return;
  const std::size_t invalid = detail::find_invalid_utf8_from(text, 0);
  if (reject_other_encoding(load, text, invalid)) return;
  JsonLines lines(text, invalid);
  JsonLine line;
  JsonScratch scratch(load);
  // Units first, so that facts may name units declared further down. A line
  // that looks like a unit and is not one is left for the second pass, which
  // reads every line the first did not.
  std::size_t count = 0;
  std::vector<std::uint32_t> read;  // the numbers of the lines read, in order
  while (lines.next(line)) {
    ++count;
    if (looks_like_unit(line.text) &&
        load_json_line(load, text, line, /*units_only=*/true, scratch))
      read.push_back(line.number);
  }
  load.count_rows(count);
  if (count == 0) load.warn(0, "no facts: the file has no lines");
  scratch.batch.flush();
  load.resolve_units();
  lines.rewind();
  auto next_read = read.begin();
  while (lines.next(line)) {
    if (next_read != read.end() && *next_read == line.number) {
      ++next_read;
      continue;
    }
    load_json_line(load, text, line, /*units_only=*/false, scratch);
  }
  scratch.batch.flush();
}

}  // namespace

// ---------------------------------------------------------------------------

LoadReport FactStore::load_csv(FactKind kind, const std::string& path, LoadPolicy policy) {
  FileText text;
  if (auto error = read_file(path, text)) return unreadable(std::move(*error));
  Load load(writable(), path, policy, /*host=*/false);
  load_csv_rows(load, kind, text.view());
  text = {};  // nothing staged points into the text: freed before the sort
  return load.finish();
}

LoadReport FactStore::load_csv_text(FactKind kind, std::string_view text, const std::string& name,
                                    LoadPolicy policy) {
  Load load(writable(), name, policy, /*host=*/false);
  load_csv_rows(load, kind, text);
  return load.finish();
}

LoadReport FactStore::load_json_lines(const std::string& path, LoadPolicy policy) {
  FileText text;
  if (auto error = read_file(path, text)) return unreadable(std::move(*error));
  Load load(writable(), path, policy, /*host=*/false);
  load_json_lines_rows(load, text.view());
  text = {};
  return load.finish();
}

LoadReport FactStore::load_json_lines_text(std::string_view text, const std::string& name,
                                           LoadPolicy policy) {
  Load load(writable(), name, policy, /*host=*/false);
  load_json_lines_rows(load, text);
  return load.finish();
}

namespace {

/// A host call's rows, staged and checked as a file's would be; row i is
/// "line" i + 1 in the messages.
template <class Row, class Stage>
LoadReport host_load(detail::StoreData& impl, FactKind kind, std::span<const Row> rows,
                     std::string_view source, LoadPolicy policy, Stage stage) {
  Load load(impl, std::string(source), policy, /*host=*/true);
  load.reserve(kind, rows.size());
  load.count_rows(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    Where where;
    where.line = static_cast<std::uint32_t>(i + 1);
    where.kind = kind;
    stage(load, rows[i], where);
  }
  load.resolve_units();
  return load.finish();
}

}  // namespace

LoadReport FactStore::add_units(std::span<const UnitInput> rows, std::string_view source,
                                LoadPolicy policy) {
  return host_load(
      writable(), FactKind::unit, rows, source, policy,
      [](Load& load, const UnitInput& row, const Where& where) { load.add_unit(row, where); });
}

LoadReport FactStore::add_events(std::span<const EventInput> rows, std::string_view source,
                                 LoadPolicy policy) {
  return host_load(
      writable(), FactKind::event, rows, source, policy,
      [](Load& load, const EventInput& row, const Where& where) { load.stage_event(row, where); });
}

LoadReport FactStore::add_titles(std::span<const TitleInput> rows, std::string_view source,
                                 LoadPolicy policy) {
  return host_load(
      writable(), FactKind::title, rows, source, policy,
      [](Load& load, const TitleInput& row, const Where& where) { load.stage_title(row, where); });
}

LoadReport FactStore::add_measures(std::span<const MeasureInput> rows, std::string_view source,
                                   LoadPolicy policy) {
  return host_load(writable(), FactKind::measure, rows, source, policy,
                   [](Load& load, const MeasureInput& row, const Where& where) {
                     load.stage_measure(row, where);
                   });
}

LoadReport FactStore::add_measure_column(const MeasureColumn& column, std::string_view source,
                                         LoadPolicy policy) {
  detail::Load load(writable(), std::string(source), policy, /*host=*/true);
  load.stage_measure_column(column);
  return load.finish();
}

LoadReport FactStore::add_published(std::span<const PublishedInput> rows, std::string_view source,
                                    LoadPolicy policy) {
  return host_load(writable(), FactKind::published, rows, source, policy,
                   [](Load& load, const PublishedInput& row, const Where& where) {
                     load.stage_published(row, where);
                   });
}

LoadReport FactStore::add_calendar(std::span<const CalendarInput> rows, std::string_view source,
                                   LoadPolicy policy) {
  return host_load(writable(), FactKind::calendar, rows, source, policy,
                   [](Load& load, const CalendarInput& row, const Where& where) {
                     load.stage_calendar(row, where);
                   });
}

LoadReport FactStore::add_text_rows(FactKind kind, std::span<const std::string_view> columns,
                                    std::span<const std::optional<std::string_view>> cells,
                                    std::string_view source, LoadPolicy policy) {
  Load load(writable(), std::string(source), policy, /*host=*/true);
  if (columns.empty() || cells.size() % columns.size() != 0) {
    load.reject_at(
        0, 0,
        fmt::format("{} cells do not make rows of the {} columns", cells.size(), columns.size()));
    return load.finish();
  }
  const auto field_of_column = map_columns(
      kind, columns, [&](std::size_t, std::string message, Code code, std::string_view field) {
        load.reject_at(0, 0, std::move(message), code, field);
      });
  if (!field_of_column) return load.finish();
  const std::size_t rows = cells.size() / columns.size();
  load.reserve(kind, rows);
  load.count_rows(rows);
  for (std::size_t r = 0; r < rows; ++r) {
    TextRow row;
    Where where;
    where.line = static_cast<std::uint32_t>(r + 1);
    bool valid = true;
    for (std::size_t c = 0; c < columns.size() && valid; ++c) {
      const std::optional<std::string_view>& cell = cells[r * columns.size() + c];
      if (!cell) continue;
      const auto field = static_cast<std::size_t>((*field_of_column)[c]);
      if (const std::size_t bad = detail::find_invalid_utf8_from(*cell, 0);
          bad != detail::not_found) {
        load.reject(where, static_cast<int>(field),
                    fmt::format("{}: invalid UTF-8 (byte 0x{:02X})", columns[c],
                                static_cast<unsigned char>((*cell)[bad])));
        valid = false;
      }
      row.text[field] = *cell;
      row.present[field] = true;
    }
    if (valid) load.stage_text(kind, row, where);
  }
  load.resolve_units();
  return load.finish();
}

}  // namespace mandate
