// Full factorial grids and Latin hypercubes (docs/sweeps.md).
#include <numeric>
#include <stdexcept>

#include "zonesim/design.hpp"

namespace zonesim::design {

std::vector<std::vector<int>> full_grid(const std::vector<int>& levels) {
  std::size_t total = 1;
  for (int l : levels) {
    if (l < 1) throw std::invalid_argument("full_grid: every factor needs at least one level");
    total *= static_cast<std::size_t>(l);
  }
  std::vector<std::vector<int>> out;
  out.reserve(total);
  std::vector<int> index(levels.size(), 0);
  for (std::size_t n = 0; n < total; ++n) {
    out.push_back(index);
    for (std::size_t i = levels.size(); i-- > 0;) {  // odometer: the last factor turns fastest
      if (++index[i] < levels[i]) break;
      index[i] = 0;
    }
  }
  return out;
}

std::vector<Point> latin_hypercube(int n, int k, std::uint64_t seed) {
  if (n < 1 || k < 0) throw std::invalid_argument("latin_hypercube: needs n >= 1 and k >= 0");
  SplitMix64 rng(seed);
  std::vector<Point> out(static_cast<std::size_t>(n), Point(static_cast<std::size_t>(k)));
  std::vector<int> strata(static_cast<std::size_t>(n));
  for (int c = 0; c < k; ++c) {
    std::iota(strata.begin(), strata.end(), 0);
    for (std::size_t i = strata.size(); i > 1; --i)  // Fisher-Yates
      std::swap(strata[i - 1], strata[rng.below(i)]);
    for (int j = 0; j < n; ++j)
      out[static_cast<std::size_t>(j)][static_cast<std::size_t>(c)] =
          (strata[static_cast<std::size_t>(j)] + rng.uniform()) / n;
  }
  return out;
}

}  // namespace zonesim::design
