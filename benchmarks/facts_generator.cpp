#include "facts_generator.hpp"

#include <array>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <random>
#include <stdexcept>
#include <vector>

namespace mandate::bench {
namespace {

// The plan's eight county-level units (shangluo.plan, "Bodies"), in
// declaration order: they are counties 0..7 of every scale.
constexpr std::array<std::string_view, 8> plan_counties = {
    "商州区", "洛南县", "丹凤县", "商南县", "山阳县", "镇安县", "柞水县", "商洛高新区（商丹园区）",
};
// The nine brands and eight domains of the plan, for the coverage counts (G6, G7).
constexpr std::array<std::string_view, 17> programmes = {
    "平安县（区）",
    "平安镇（办）",
    "平安村（社区）",
    "平安单位",
    "平安小区（楼院）",
    "平安街道",
    "平安家庭",
    "优秀治安中心户长（网格员）",
    "优秀平安志愿者（红袖章）",
    "平安校园",
    "平安医院",
    "平安景区",
    "交通运输",
    "食品药品",
    "工商企业",
    "重点项目",
    "金融",
};

/// Uniform integers from std::mt19937_64 (whose output the standard fixes)
/// by multiply-shift: the same numbers with every standard library.
class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  /// An integer in [0, n), n > 0.
  std::uint64_t below(std::uint64_t n) {
    return static_cast<std::uint64_t>((static_cast<unsigned __int128>(engine_()) * n) >> 64);
  }
  /// True with probability per_mille / 1000.
  bool chance(std::uint32_t per_mille) { return below(1000) < per_mille; }

 private:
  std::mt19937_64 engine_;
};

/// One stream per section, so that a change to one section leaves the
/// others' numbers as they were.
Random stream(const FactsScale& scale, std::uint64_t section) {
  return Random(scale.seed * 0x9E3779B97F4A7C15ULL + section);
}

/// CSV text of one file, handed to the sink in pieces of about 64 KiB.
class Writer {
 public:
  Writer(FactKind kind, const std::function<void(FactKind, std::string_view)>& sink)
      : kind_(kind), sink_(sink) {
    buffer_.reserve(1 << 17);
  }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;
  ~Writer() = default;

  Writer& operator<<(std::string_view text) {
    buffer_.append(text);
    return *this;
  }
  Writer& operator<<(char c) {
    buffer_.push_back(c);
    return *this;
  }
  Writer& number(std::uint64_t value, int width = 0) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    for (auto n = static_cast<int>(end - digits); n < width; ++n) buffer_.push_back('0');
    buffer_.append(digits, end);
    return *this;
  }
  /// A value given in tenths: 883 → "88.3".
  Writer& tenths(std::uint64_t value) {
    return number(value / 10) << '.' << static_cast<char>('0' + value % 10);
  }
  Writer& hundredths(std::uint64_t value) {
    number(value / 100) << '.';
    return number(value % 100, 2);
  }
  Writer& date(DayNumber day) {
    const Date d = to_date(day);
    number(static_cast<std::uint64_t>(d.year), 4) << '-';
    number(d.month, 2) << '-';
    return number(d.day, 2);
  }
  /// Ends a data row.
  void row() {
    buffer_.push_back('\n');
    ++rows_;
    if (buffer_.size() >= (1 << 16)) flush();
  }
  /// Ends the header.
  void header() { buffer_.push_back('\n'); }
  void flush() {
    if (!buffer_.empty()) sink_(kind_, buffer_);
    buffer_.clear();
  }
  [[nodiscard]] std::uint64_t rows() const noexcept { return rows_; }

 private:
  FactKind kind_;
  const std::function<void(FactKind, std::string_view)>& sink_;
  std::string buffer_;
  std::uint64_t rows_ = 0;
};

struct Names {
  const FactsScale& scale;
  void county(Writer& out, std::uint64_t c) const {
    if (c < plan_counties.size())
      out << plan_counties[c];
    else
      out.number(c + 1, 4) << "县";
  }
  void town(Writer& out, std::uint64_t t) const { out.number(t + 1, 5) << "镇"; }
  void village(Writer& out, std::uint64_t v) const { out.number(v + 1, 6) << "村"; }
  [[nodiscard]] std::uint64_t county_of_town(std::uint64_t t) const {
    return t * scale.counties / scale.towns;
  }
  [[nodiscard]] std::uint64_t town_of_village(std::uint64_t v) const {
    return v * scale.towns / scale.villages;
  }
};

DayNumber day_of(int year, unsigned month, unsigned day) {
  return to_day_number(Date{year, month, day});
}

/// A dated delivery: missing (per mille), late (per mille, within `late_days`
/// after `late_from`), or on time (within `on_time_days` from `on_time_from`).
struct Delivery {
  std::uint32_t missing = 50;
  std::uint32_t late = 100;
  DayNumber on_time_from = 0;
  std::uint64_t on_time_days = 0;
  DayNumber late_from = 0;
  std::uint64_t late_days = 0;
};

/// The day a delivery was made, or nothing when it was not made.
std::optional<DayNumber> deliver(Random& random, const Delivery& delivery) {
  const std::uint64_t roll = random.below(1000);
  if (roll < delivery.missing) return std::nullopt;
  if (roll < delivery.missing + delivery.late)
    return delivery.late_from + static_cast<DayNumber>(random.below(delivery.late_days));
  return delivery.on_time_from + static_cast<DayNumber>(random.below(delivery.on_time_days));
}

}  // namespace

std::string_view facts_file_name(FactKind kind) noexcept {
  switch (kind) {
    case FactKind::unit:
      return "units.csv";
    case FactKind::event:
      return "events.csv";
    case FactKind::title:
      return "titles.csv";
    case FactKind::measure:
      return "measures.csv";
    case FactKind::published:
      return "published.csv";
    case FactKind::calendar:
      return "calendar.csv";
  }
  return "facts.csv";
}

FactsSummary generate_facts(const FactsScale& scale,
                            const std::function<void(FactKind, std::string_view)>& sink) {
  if (scale.counties < plan_counties.size())
    throw std::invalid_argument("a scale needs at least the plan's 8 county-level units");
  if (scale.towns < scale.counties || scale.villages < scale.towns)
    throw std::invalid_argument(
        "a scale needs at least one town per county and one village per town");
  const Names names{scale};
  const std::uint64_t counties = scale.counties;
  const std::uint64_t towns = scale.towns;
  const std::uint64_t villages = scale.villages;
  FactsSummary summary;
  const int year = facts_year;
  const DayNumber jan1 = day_of(year, 1, 1);

  // Units: the synthetic counties under 商洛市, towns under counties,
  // villages under towns (parents first).
  {
    Writer out(FactKind::unit, sink);
    out << "name,unit_kind,parent,aliases";
    out.header();
    for (std::uint64_t c = plan_counties.size(); c < counties; ++c) {
      names.county(out, c);
      out << ",县区,商洛市,";
      out.row();
    }
    for (std::uint64_t t = 0; t < towns; ++t) {
      names.town(out, t);
      out << ",镇办,";
      names.county(out, names.county_of_town(t));
      out << ',';
      out.row();
    }
    for (std::uint64_t v = 0; v < villages; ++v) {
      names.village(out, v);
      out << ",村社区,";
      names.town(out, names.town_of_village(v));
      out << ',';
      out.row();
    }
    out.flush();
    summary.units = out.rows();
  }

  // Events.
  {
    Writer out(FactKind::event, sink);
    out << "date,event,unit,by,to,programme,candidate,until";
    out.header();
    Random random = stream(scale, 1);
    const auto filing = [&](DayNumber day, std::string_view event, std::uint64_t county,
                            std::string_view to, std::string_view programme) {
      out.date(day) << ',' << event << ',';
      names.county(out, county);
      out << ",," << to << ',' << programme << ",,";
      out.row();
    };
    const auto notice = [&](DayNumber day, std::string_view event, auto&& unit,
                            std::string_view by) {
      out.date(day) << ',' << event << ',';
      unit();
      out << ',' << by << ",,,,";
      out.row();
    };
    for (std::uint64_t c = 0; c < counties; ++c) {
      // B3a (县区方案备案): four documents with 市综治办 by 03-20.
      const Delivery b3a{50, 100, jan1, 79, day_of(year, 3, 21), 60};
      for (const std::string_view event : {"创建方案", "创建标准", "部署会议", "示范点名单"})
        if (const auto day = deliver(random, b3a)) filing(*day, event, c, "市综治办", "九大品牌");
      // B3c (县区评定推荐): four deliveries by the end of November.
      const Delivery b3c{50, 100, day_of(year, 10, 1), 61, day_of(year, 12, 1), 25};
      for (const std::string_view event : {"评定命名", "推荐申报", "推荐名单", "年度总结"})
        if (const auto day = deliver(random, b3c))
          filing(*day, event, c, "市综治办", "县区推荐品牌");
      // O3 (半年工作汇报): a report to 市综治委 each half-year; the second
      // half's late reports come in January.
      const Delivery first_half{50, 0, day_of(year, 4, 1), 91, 0, 0};
      const Delivery second_half{50, 100, day_of(year, 10, 1), 92, day_of(year + 1, 1, 1), 31};
      for (const Delivery& half : {first_half, second_half})
        if (const auto day = deliver(random, half)) filing(*day, "工作汇报", c, "市综治委", "");
      // S5: notices and summons by 市综治委, on distinct days of the year.
      const std::uint64_t roll = random.below(100);
      const std::uint64_t received = roll < 55   ? 0
                                     : roll < 80 ? 1
                                     : roll < 92 ? 2
                                     : roll < 98 ? 3
                                                 : 4;
      const std::uint64_t start = random.below(365);
      for (std::uint64_t j = 0; j < received; ++j) {
        const auto day = jan1 + static_cast<DayNumber>((start + 29 * j) % 365);
        notice(
            day, random.chance(500) ? "通报" : "约谈", [&] { names.county(out, c); }, "市综治委");
      }
      // S4: now and then a notice from the province.
      if (random.chance(20))
        notice(
            jan1 + static_cast<DayNumber>(random.below(365)), "中省通报",
            [&] { names.county(out, c); }, "陕西省");
    }
    // Notices and summons by 市综治委 to one town in ten.
    for (std::uint64_t t = 0; t < towns; ++t)
      if (random.chance(100))
        notice(
            jan1 + static_cast<DayNumber>(random.below(365)), random.chance(500) ? "通报" : "约谈",
            [&] { names.town(out, t); }, "市综治委");
    summary.rule_events = out.rows();
    if (summary.rule_events > scale.events)
      throw std::invalid_argument("the scale has fewer events than the county rules need");

    // Filler: the towns' and villages' own filings with, and notices from,
    // the unit above them, spread over the year, to reach the event count.
    // Unit u gets n_u events on distinct days (a stride of 23 days from a
    // random start, 23 being prime to 365), so that no two rows are the
    // same; the rows go round-robin over the units, so that a unit's events
    // are spread over the file.
    const std::uint64_t filler = scale.events - summary.rule_events;
    const std::uint64_t units = towns + villages;
    const std::uint64_t base = filler / units;
    const std::uint64_t extra = filler % units;
    if (base + (extra ? 1 : 0) > 365)
      throw std::invalid_argument(
          "more than 365 events per town or village: add units or remove events");
    Random filler_random = stream(scale, 2);
    std::vector<std::uint16_t> start(units);
    for (std::uint16_t& s : start) s = static_cast<std::uint16_t>(filler_random.below(365));
    static constexpr std::array<std::pair<std::string_view, bool>, 6> town_events = {{
        {"部署会议", false},
        {"工作汇报", false},
        {"年度总结", false},
        {"通报", true},
        {"约谈", true},
        {"创建方案", false},
    }};
    static constexpr std::array<std::pair<std::string_view, bool>, 5> village_events = {{
        {"工作汇报", false},
        {"创建方案", false},
        {"部署会议", false},
        {"通报", true},
        {"年度总结", false},
    }};
    const std::uint64_t rounds = base + (extra ? 1 : 0);
    for (std::uint64_t k = 0; k < rounds; ++k) {
      const std::uint64_t last = k < base ? units : extra;
      for (std::uint64_t u = 0; u < last; ++u) {
        const auto day = jan1 + static_cast<DayNumber>((start[u] + 23 * k) % 365);
        const bool is_town = u < towns;
        const auto [event, issued] =
            is_town ? town_events[filler_random.below(town_events.size())]
                    : village_events[filler_random.below(village_events.size())];
        out.date(day) << ',' << event << ',';
        if (is_town)
          names.town(out, u);
        else
          names.village(out, u - towns);
        out << ',';
        const auto parent = [&] {
          if (is_town)
            names.county(out, names.county_of_town(u));
          else
            names.town(out, names.town_of_village(u - towns));
        };
        if (issued) parent();  // by the unit above
        out << ',';
        if (!issued) parent();  // to the unit above
        out << ",,,";
        out.row();
      }
    }
    out.flush();
    summary.events = out.rows();
    summary.filler_events = summary.events - summary.rule_events;
  }

  // Titles of 2018: the city's, and some counties'.
  {
    Writer out(FactKind::title, sink);
    Random random = stream(scale, 3);
    out << "year,title,unit,date";
    out.header();
    out.number(year) << ",全省社会治安综合治理工作优秀市,商洛市,";
    out.row();
    for (std::uint64_t c = 0; c < counties; ++c) {
      for (const auto& [title, per_mille] :
           std::array<std::pair<std::string_view, std::uint32_t>, 3>{
               {{"全省平安建设先进县（区）", 80},
                {"全省平安建设示范县（区）", 20},
                {"全市平安建设先进县（区）", 30}}}) {
        if (!random.chance(per_mille)) continue;
        out.number(year) << ',' << title << ',';
        names.county(out, c);
        out << ',';
        out.row();
      }
    }
    out.flush();
    summary.titles = out.rows();
  }

  // Measures of 2018: 两率一度 of every county and town (in tenths of a
  // percent, kept for the published ranks), the counties' 城镇社区未见天数,
  // the programmes' counts, the city's video coverage.
  std::vector<std::uint16_t> county_score(counties);
  std::vector<std::uint16_t> town_score(towns);
  {
    Writer out(FactKind::measure, sink);
    Random random = stream(scale, 4);
    out << "year,metric,subject,value";
    out.header();
    for (std::uint64_t c = 0; c < counties; ++c) {
      county_score[c] = static_cast<std::uint16_t>(800 + random.below(190));
      out.number(year) << ",两率一度,";
      names.county(out, c);
      out << ',';
      out.tenths(county_score[c]);
      out.row();
      out.number(year) << ",城镇社区未见天数,";
      names.county(out, c);
      out << ',';
      out.number(random.chance(800) ? 0 : 1 + random.below(10));
      out.row();
    }
    for (std::uint64_t t = 0; t < towns; ++t) {
      town_score[t] = static_cast<std::uint16_t>(780 + random.below(200));
      out.number(year) << ",两率一度,";
      names.town(out, t);
      out << ',';
      out.tenths(town_score[t]);
      out.row();
    }
    for (const std::string_view programme : programmes) {
      const std::uint64_t eligible = 100 + random.below(400);
      const std::uint64_t taking_part = eligible - random.below(eligible / 20 + 1);
      const std::uint64_t passed = taking_part - random.below(taking_part / 8 + 1);
      for (const auto& [metric, value] : std::array<std::pair<std::string_view, std::uint64_t>, 3>{
               {{"应参与数", eligible}, {"参与数", taking_part}, {"达标数", passed}}}) {
        out.number(year) << ',' << metric << ',' << programme << ',';
        out.number(value);
        out.row();
      }
    }
    out.number(year) << ",公共安全视频监控覆盖率,商洛市,";
    out.tenths(850 + random.below(150));
    out.row();
    out.flush();
    summary.measures = out.rows();
  }

  // Published figures of 2018: the average and every rank of 两率一度 over
  // 全省县区 (out of the number of counties) and over 全市镇办; the city's
  // ranks among the province's 11 cities.
  {
    Writer out(FactKind::published, sink);
    Random random = stream(scale, 5);
    out << "year,metric,group,statistic,unit,value,out_of";
    out.header();
    const auto publish = [&](std::string_view group, const std::vector<std::uint16_t>& scores,
                             auto&& unit_name) {
      std::uint64_t sum = 0;
      std::array<std::uint64_t, 1001> at_least{};  // at_least[s]: how many scores are >= s (tenths)
      for (const std::uint16_t s : scores) {
        sum += s;
        ++at_least[s];
      }
      for (std::size_t s = at_least.size() - 1; s > 0; --s) at_least[s - 1] += at_least[s];
      const std::uint64_t n = scores.size();
      out.number(year) << ",两率一度," << group << ",average,,";
      out.hundredths((sum * 10 + n / 2) / n);  // the mean, rounded to hundredths
      out << ',';
      out.row();
      for (std::uint64_t i = 0; i < n; ++i) {
        // Descending, ties share the better rank: 1 + how many score higher.
        const std::uint64_t rank = 1 + at_least[scores[i] + 1];
        out.number(year) << ",两率一度," << group << ",rank,";
        unit_name(i);
        out << ',';
        out.number(rank) << ',';
        out.number(n);
        out.row();
      }
    };
    publish("全省县区", county_score, [&](std::uint64_t c) { names.county(out, c); });
    publish("全市镇办", town_score, [&](std::uint64_t t) { names.town(out, t); });
    for (const std::string_view metric :
         {"两率一度", "公众安全感", "平安创建知晓率", "政法队伍满意度", "平安建设主要指标"}) {
      out.number(year) << ',' << metric << ",全省地市,rank,商洛市,";
      out.number(1 + random.below(11)) << ",11";
      out.row();
    }
    out.flush();
    summary.published = out.rows();
  }
  return summary;
}

FactsSummary write_facts(const FactsScale& scale, const std::filesystem::path& directory) {
  std::filesystem::create_directories(directory);
  std::filesystem::remove(directory / "generator.txt");  // incomplete until written again
  struct Close {
    void operator()(std::FILE* file) const { std::fclose(file); }
  };
  std::array<std::unique_ptr<std::FILE, Close>, 5> files;
  for (const FactKind kind :
       {FactKind::unit, FactKind::event, FactKind::title, FactKind::measure, FactKind::published}) {
    const std::filesystem::path path = directory / facts_file_name(kind);
    files[static_cast<std::size_t>(kind)].reset(std::fopen(path.c_str(), "wb"));
    if (!files[static_cast<std::size_t>(kind)])
      throw std::runtime_error("cannot write " + path.string());
  }
  const FactsSummary summary = generate_facts(scale, [&](FactKind kind, std::string_view text) {
    std::FILE* file = files[static_cast<std::size_t>(kind)].get();
    if (std::fwrite(text.data(), 1, text.size(), file) != text.size())
      throw std::runtime_error("cannot write " + std::string(facts_file_name(kind)));
  });
  for (auto& file : files)
    if (std::fclose(file.release()) != 0)
      throw std::runtime_error("cannot finish writing the facts");
  std::ofstream stamp(directory / "generator.txt", std::ios::binary | std::ios::trunc);
  stamp << facts_stamp(scale);
  if (!stamp.flush())
    throw std::runtime_error("cannot write " + (directory / "generator.txt").string());
  return summary;
}

std::string facts_stamp(const FactsScale& scale) {
  constexpr int version = 1;
  return "mandate facts generator " + std::to_string(version) + ": " +
         std::to_string(scale.counties) + " county-level units, " + std::to_string(scale.towns) +
         " towns, " + std::to_string(scale.villages) + " villages, " +
         std::to_string(scale.events) + " events, seed " + std::to_string(scale.seed) + "\n";
}

bool has_facts(const FactsScale& scale, const std::filesystem::path& directory) {
  std::ifstream in(directory / "generator.txt", std::ios::binary);
  if (!in) return false;
  const std::string stamp((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return stamp == facts_stamp(scale);
}

}  // namespace mandate::bench
