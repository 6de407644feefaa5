#include "check/suggest.hpp"

#include "source/utf8.hpp"

#include <algorithm>
#include <numeric>

namespace mandate::detail {
namespace {

std::u32string decode_all(std::string_view text) {
  std::u32string out;
  const char* it = text.data();
  const char* end = text.data() + text.size();
  while (it != end) out.push_back(decode_utf8(it, end));
  return out;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::u32string x = decode_all(a);
  const std::u32string y = decode_all(b);
  std::vector<std::size_t> row(y.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= x.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x[i - 1] == y[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[y.size()];
}

std::optional<std::string> closest(std::string_view word,
                                   const std::vector<std::string_view>& candidates) {
  const std::size_t length = count_code_points(word);
  const std::size_t limit = std::max<std::size_t>(1, length / 3);
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (const std::string_view candidate : candidates) {
    const std::size_t distance = edit_distance(word, candidate);
    if (distance < best_distance || (distance == best_distance && best && candidate < *best)) {
      best_distance = distance;
      best = std::string(candidate);
    }
  }
  return best_distance <= limit ? best : std::nullopt;
}

}  // namespace mandate::detail
