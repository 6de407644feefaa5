// Plain C++20 reference implementation (no engine). usage: ref units.tsv out.txt
// Prints: TIMING load=<s> prep=- eval=<s> out=<s>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

struct Notice {
  int day;
  bool province;
};
struct Unit {
  int id, region;
  bool county;
  double a, p, s;
  int submitted;  // -1 = missing
  std::vector<Notice> notices;
};
static constexpr int DUE = 17610;  // 2018-03-20 as days since 1970-01-01
static double now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: ref units.tsv out.txt\n");
    return 2;
  }
  double t0 = now();
  std::FILE* f = std::fopen(argv[1], "rb");
  if (!f) {
    std::perror(argv[1]);
    return 1;
  }
  std::fseek(f, 0, SEEK_END);
  long sz = std::ftell(f);
  std::fseek(f, 0, SEEK_SET);
  std::string buf(sz, '\0');
  if (std::fread(buf.data(), 1, sz, f) != (size_t)sz) return 1;
  std::fclose(f);
  std::vector<Unit> units;
  char* c = buf.data();
  char* end = c + sz;
  while (c < end) {
    char* eol = (char*)std::memchr(c, '\n', end - c);
    if (!eol) eol = end;
    *eol = 0;
    if (*c != '#' && c < eol) {
      Unit u;
      char* q;
      u.id = std::strtol(c, &q, 10);
      c = q + 1;
      u.county = (*c == 'c');
      c = std::strchr(c, '\t') + 1;
      u.region = std::strtol(c, &q, 10);
      c = q + 1;
      u.a = std::strtod(c, &q);
      c = q + 1;
      u.p = std::strtod(c, &q);
      c = q + 1;
      u.s = std::strtod(c, &q);
      c = q + 1;
      if (*c == '\t') {
        u.submitted = -1;
      } else {
        u.submitted = std::strtol(c, &q, 10);
        c = q;
      }
      c++;  // past tab
      while (c < eol) {
        Notice n;
        n.day = std::strtol(c, &q, 10);
        c = q + 1;
        n.province = (*c == 'p');
        char* semi = std::strchr(c, ';');
        c = semi ? semi + 1 : eol;
        u.notices.push_back(n);
      }
      units.push_back(std::move(u));
    }
    c = eol + 1;
  }
  double t1 = now();
  // ---- evaluation ----
  int maxr = 0;
  for (auto& u : units) maxr = std::max(maxr, u.region);
  std::vector<double> total(maxr + 1, 0.0);
  std::vector<std::vector<int>> members(maxr + 1);
  std::vector<double> mean(units.size());
  for (size_t i = 0; i < units.size(); ++i) {
    auto& u = units[i];
    double sum = u.a + u.p + u.s;
    mean[i] = sum / 3;
    total[u.region] += sum;
    members[u.region].push_back((int)i);
  }
  std::vector<unsigned char> branch(units.size(), 0);  // bit0 rank, bit1 cc, bit2 province
  for (int r = 1; r <= maxr; ++r) {
    auto& m = members[r];
    if (m.empty()) continue;
    double rmean = total[r] / (3.0 * m.size());
    size_t k = std::min<size_t>(10, m.size());
    auto less = [&](int x, int y) {
      return mean[x] < mean[y] || (mean[x] == mean[y] && units[x].id < units[y].id);
    };
    std::partial_sort(m.begin(), m.begin() + k, m.end(), less);
    for (size_t j = 0; j < k; ++j)
      if (mean[m[j]] < rmean) branch[m[j]] |= 1;
  }
  std::vector<int> status(units.size());  // 0 on_time, 1 late, 2 missing
  for (size_t i = 0; i < units.size(); ++i) {
    auto& ns = units[i].notices;
    for (size_t x = 0; x < ns.size(); ++x) {
      if (ns[x].province)
        branch[i] |= 4;
      else
        for (size_t y = x + 1; y < ns.size(); ++y)
          if (!ns[y].province && std::abs(ns[y].day - ns[x].day) <= 364) branch[i] |= 2;
    }
    int sub = units[i].submitted;
    status[i] = sub < 0 ? 2 : (sub <= DUE ? 0 : 1);
  }
  double t2 = now();
  std::FILE* o = std::fopen(argv[2], "w");
  static const char* bn[3] = {"rank", "cc", "province"};
  static const char* sn[3] = {"on_time", "late", "missing"};
  for (size_t i = 0; i < units.size(); ++i) {
    for (int b = 0; b < 3; ++b)
      if (branch[i] & (1 << b)) std::fprintf(o, "A %d %s\n", units[i].id, bn[b]);
    std::fprintf(o, "B %d %s %d\n", units[i].id, sn[status[i]],
                 status[i] == 1 ? units[i].submitted - DUE : 0);
  }
  std::fclose(o);
  double t3 = now();
  std::printf("TIMING load=%.4f prep=- eval=%.4f out=%.4f\n", t1 - t0, t2 - t1, t3 - t2);
}
