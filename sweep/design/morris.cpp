// Morris trajectories for elementary effects (Morris 1991; Campolongo, Cariboni & Saltelli 2007 for mu*).
#include <numeric>
#include <stdexcept>

#include "zonesim/design.hpp"

namespace zonesim::design {

MorrisDesign morris(int r, int k, int levels, std::uint64_t seed) {
  if (r < 1 || k < 1) throw std::invalid_argument("morris: needs r >= 1 trajectories and k >= 1 factors");
  if (levels < 2 || levels % 2 != 0) throw std::invalid_argument("morris: levels must be even and >= 2");
  const int half = levels / 2;  // delta in grid steps: delta = half / (levels - 1)
  const double grid = 1.0 / (levels - 1);
  SplitMix64 rng(seed);
  MorrisDesign out;
  std::vector<int> order(static_cast<std::size_t>(k)), level(static_cast<std::size_t>(k));
  for (int t = 0; t < r; ++t) {
    // A random start on the lower half of the grid, a random direction per factor, a random factor order.
    std::vector<int> sign(static_cast<std::size_t>(k));
    for (int i = 0; i < k; ++i) {
      const int base = static_cast<int>(rng.below(static_cast<std::uint64_t>(half)));
      sign[i] = rng.below(2) ? 1 : -1;
      level[i] = sign[i] > 0 ? base : base + half;
    }
    std::iota(order.begin(), order.end(), 0);
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
    auto point = [&] {
      Point p(static_cast<std::size_t>(k));
      for (int i = 0; i < k; ++i) p[i] = level[i] * grid;
      return p;
    };
    out.points.push_back(point());
    out.factor.push_back(-1);
    out.step.push_back(0);
    for (int m = 0; m < k; ++m) {
      const int i = order[m];
      level[i] += sign[i] * half;
      out.points.push_back(point());
      out.factor.push_back(i);
      out.step.push_back(sign[i] * half * grid);
    }
  }
  return out;
}

}  // namespace zonesim::design
