// Tests of the fast reader of plain JSON Lines facts (src/facts/json_scan.hpp,
// decision 0059): what it reads, what it leaves to the full parser, and, over
// random lines, that whatever it reads the full parser reads the same way.
#include "facts/json_scan.hpp"
#include "facts/json_scan_oracle.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

using mandate::detail::JsonMember;
using mandate::detail::JsonObject;
using mandate::detail::JsonType;
using mandate::detail::scan_flat_object;

namespace {

/// The members as "key=type:text@key_offset/value_offset", for short checks.
std::vector<std::string> described(const JsonObject& object) {
  std::vector<std::string> out;
  for (const JsonMember& member : object.members) {
    std::string text(member.text);
    if (member.type == JsonType::strings) {
      text = "[";
      for (std::uint32_t i = 0; i < member.string_count; ++i)
        text += (i ? "," : "") + std::string(object.strings[member.first_string + i]);
      text += "]";
    }
    const char* type = member.type == JsonType::string   ? "s"
                       : member.type == JsonType::number ? "n"
                       : member.type == JsonType::null   ? "null"
                                                         : "list";
    out.push_back(std::string(member.key) + "=" + type + ":" + text + "@" +
                  std::to_string(member.key_offset) + "/" + std::to_string(member.value_offset));
  }
  return out;
}

bool plain(std::string_view line) {
  JsonObject object;
  return scan_flat_object(line, object);
}

}  // namespace

TEST_CASE("json scan: a plain line, its members and their places") {
  JsonObject object;
  REQUIRE(scan_flat_object(
      R"({"kind":"event", "date" : "2018-03-10","unit":"商州区","n":-12,"to":null,"aliases":["a","乙"]})",
      object));
  CHECK(described(object) == std::vector<std::string>{"kind=s:event@1/8", "date=s:2018-03-10@17/26",
                                                      "unit=s:商州区@39/46", "n=n:-12@58/62",
                                                      "to=null:@66/71",
                                                      "aliases=list:[a,乙]@76/86"});
  REQUIRE(scan_flat_object("  {}\t", object));
  CHECK(object.members.empty());
  REQUIRE(scan_flat_object(R"({"aliases":[]})", object));
  CHECK(described(object) == std::vector<std::string>{"aliases=list:[]@1/11"});
  // The scratch object is reused: nothing of the line before is left.
  REQUIRE(scan_flat_object(R"({"kind":"unit"})", object));
  CHECK(described(object) == std::vector<std::string>{"kind=s:unit@1/8"});
}

TEST_CASE("json scan: what is left to the full parser") {
  CHECK_FALSE(plain(R"({"kind":"un\u0069t"})"));            // an escape
  CHECK_FALSE(plain(R"({"ki\"nd":"unit"})"));               // an escape in a key
  CHECK_FALSE(plain("{\"kind\":\"a\tb\"}"));                // a control character
  CHECK_FALSE(plain(R"({"value":87.5})"));                  // a fraction
  CHECK_FALSE(plain(R"({"value":1e3})"));                   // an exponent
  CHECK_FALSE(plain(R"({"value":-0})"));                    // written back as 0
  CHECK_FALSE(plain(R"({"value":007})"));                   // not JSON
  CHECK_FALSE(plain(R"({"value":1234567890123456789})"));   // 19 digits
  CHECK(plain(R"({"value":123456789012345678})"));          // 18 digits
  CHECK_FALSE(plain(R"({"ok":true})"));                     // a boolean
  CHECK_FALSE(plain(R"({"o":{"a":"b"}})"));                 // an object inside
  CHECK_FALSE(plain(R"({"l":["a",1]})"));                   // a list of something else
  CHECK_FALSE(plain(R"({"kind":"unit","kind":"event"})"));  // a member twice
  CHECK_FALSE(plain(R"({"kind":"unit"} x)"));               // something after the object
  CHECK_FALSE(plain(R"({"kind":"unit",})"));                // a trailing comma
  CHECK_FALSE(plain(R"({"kind":"unit")"));                  // no end
  CHECK_FALSE(plain(R"({"kind":"unit)"));                   // a string without end
  CHECK_FALSE(plain(R"(["kind"])"));                        // not an object
  CHECK_FALSE(plain("{\"kind\":\r\"unit\"}"));              // a carriage return inside
  CHECK_FALSE(plain(R"({"kind":nul})"));
  std::string many = "{";
  for (int i = 0; i < 17; ++i) many += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":\"v\"";
  CHECK_FALSE(plain(many + "}"));  // more members than a fact has
}

namespace {

/// Random lines, mostly plain, some with each thing the fast reader leaves
/// to the full parser, some broken.
class LineMaker {
 public:
  explicit LineMaker(std::uint32_t seed) : random_(seed) {}

  std::string line() {
    std::string out = blanks() + "{" + blanks();
    const int members = pick(7);
    for (int i = 0; i < members; ++i) {
      if (i) out += blanks() + "," + blanks();
      out += string(pick(4) == 0 ? "kind" : key()) + blanks() + ":" + blanks() + value();
    }
    out += blanks() + "}" + blanks();
    // A byte taken out, or one put in (never inside a character: the loader
    // gives the reader valid UTF-8 only).
    if (const int at = pick(static_cast<int>(out.size()));
        pick(15) == 0 && static_cast<unsigned char>(out[at]) < 0x80)
      out.erase(at, 1);
    if (const int at = pick(static_cast<int>(out.size()));
        pick(15) == 0 && static_cast<unsigned char>(out[at]) < 0x80)
      out.insert(at, 1, "\"{}[],:\\ \t\r0"[pick(12)]);
    return out;
  }

 private:
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(random_); }
  std::string blanks() { return pick(4) ? "" : std::string(1 + pick(2), pick(2) ? ' ' : '\t'); }
  std::string key() {
    static const char* const keys[] = {"date",  "unit", "to",   "by", "event",
                                       "value", "a",    "名称", ""};
    return keys[pick(9)];
  }
  std::string string(const std::string& text) {
    std::string out = "\"" + text;
    if (pick(12) == 0) out += "\\n";
    if (pick(20) == 0) out += "\\u0041";
    return out + "\"";
  }
  std::string value() {
    static const char* const texts[] = {"2018-03-10", "商州区", "", "a b", "x/y", "0009县000001村"};
    static const char* const numbers[] = {"0",
                                          "-1",
                                          "17",
                                          "2018",
                                          "87.5",
                                          "-0",
                                          "1e3",
                                          "1E-2",
                                          "0.25",
                                          "-12.0",
                                          "123456789012345678",
                                          "1234567890123456789"};
    switch (pick(8)) {
      case 0:
        return numbers[pick(12)];
      case 1:
        return "null";
      case 2:
        return pick(2) ? "true" : "false";
      case 3: {
        std::string list = "[";
        const int items = pick(4);
        for (int i = 0; i < items; ++i)
          list += (i ? "," : "") + (pick(10) ? string(texts[pick(6)]) : std::string("1"));
        return list + "]";
      }
      case 4:
        return pick(3) ? string(texts[pick(6)]) : R"({"a":"b"})";
      default:
        return string(texts[pick(6)]);
    }
  }

  std::mt19937 random_;
};

}  // namespace

TEST_CASE("json scan: whatever it reads, the full parser reads the same way") {
  LineMaker maker(20261207);
  JsonObject object;  // reused, as the loader does
  int read = 0;
  int left = 0;
  for (int i = 0; i < 20000; ++i) {
    const std::string line = maker.line();
    CAPTURE(line);
    const bool fast = scan_flat_object(line, object);
    if (!fast) {
      ++left;
      continue;
    }
    ++read;
    // Read: the full parser reads the same members, types, texts and places.
    const auto difference = mandate::detail::differs_from_full_parser(line, object);
    CHECK_MESSAGE(!difference, difference.value_or(""));
  }
  // Both kinds of line were met, many times.
  CHECK(read > 2000);
  CHECK(left > 2000);
}
