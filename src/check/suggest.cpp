#include "check/suggest.hpp"

#include "source/utf8.hpp"

#include <algorithm>
#include <cstdint>
#include <numeric>

namespace mandate::detail {
namespace {

thread_local SuggestionBudget* current_budget = nullptr;

void decode_into(std::string_view text, std::u32string& out) {
  out.clear();
  const char* it = text.data();
  const char* end = text.data() + text.size();
  while (it != end) out.push_back(decode_utf8(it, end));
}

/// The edit distance of x and y when it is at most `limit`, else limit + 1;
/// only the cells within `limit` of the diagonal are computed (Ukkonen).
std::size_t bounded_distance(const std::u32string& x, const std::u32string& y, std::size_t limit,
                             std::vector<std::size_t>& previous, std::vector<std::size_t>& current,
                             std::size_t& work) {
  const std::size_t n = x.size();
  const std::size_t m = y.size();
  const std::size_t far = limit + 1;
  if ((n > m ? n - m : m - n) > limit) return far;
  previous.assign(m + 1, far);
  current.assign(m + 1, far);
  for (std::size_t j = 0; j <= std::min(m, limit); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    const std::size_t low = i > limit ? i - limit : 0;
    const std::size_t high = std::min(m, i + limit);
    std::size_t j = low;
    if (low == 0) {
      current[0] = i;
      j = 1;
    } else {
      current[low - 1] = far;
    }
    std::size_t row_best = low == 0 ? i : far;
    for (; j <= high; ++j) {
      const std::size_t above = j + 1 <= i + limit ? previous[j] : far;  // outside the last band
      const std::size_t value = std::min(
          {above + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)});
      current[j] = std::min(value, far);
      row_best = std::min(row_best, current[j]);
    }
    work += high - low + 1;
    if (row_best > limit) return far;
    std::swap(previous, current);
  }
  return std::min(previous[m], far);
}

}  // namespace

SuggestionScope::SuggestionScope(SuggestionBudget& budget) noexcept : outer_(current_budget) {
  current_budget = &budget;
}

SuggestionScope::~SuggestionScope() { current_budget = outer_; }

bool may_suggest() noexcept { return current_budget == nullptr || current_budget->left > 0; }

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::u32string x;
  std::u32string y;
  decode_into(a, x);
  decode_into(b, y);
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
  if (!may_suggest()) return std::nullopt;
  const std::size_t length = count_code_points(word);
  if (length > max_suggested_length) return std::nullopt;
  const std::size_t limit = std::max<std::size_t>(1, length / 3);
  std::u32string x;
  std::u32string y;
  decode_into(word, x);
  std::vector<std::size_t> previous;
  std::vector<std::size_t> current;
  std::size_t work = 0;
  std::optional<std::string_view> best;
  std::size_t best_distance = limit + 1;
  const std::size_t allowed = current_budget != nullptr ? current_budget->left : SIZE_MAX;
  for (const std::string_view candidate : candidates) {
    if (++work > allowed) break;
    // A candidate whose length is out of reach is passed over on its byte
    // count alone: a code point takes 1 to 4 bytes.
    if (candidate.size() + limit < length || candidate.size() > 4 * (length + limit)) continue;
    const std::size_t candidate_length = count_code_points(candidate);
    if ((candidate_length > length ? candidate_length - length : length - candidate_length) > limit)
      continue;
    decode_into(candidate, y);
    const std::size_t distance = bounded_distance(x, y, limit, previous, current, work);
    if (distance < best_distance || (distance == best_distance && best && candidate < *best)) {
      best_distance = distance;
      best = candidate;
    }
  }
  if (current_budget != nullptr) {
    if (work > current_budget->left) {
      current_budget->left = 0;  // overspent: this one and the rest go without
      return std::nullopt;
    }
    current_budget->left -= work;
  }
  if (best_distance > limit || !best) return std::nullopt;
  return std::string(*best);
}

std::string did_you_mean(const std::optional<std::string>& suggestion) {
  return suggestion ? "; did you mean '" + *suggestion + "'?" : std::string();
}

}  // namespace mandate::detail
