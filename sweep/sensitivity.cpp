// Sobol' indices from Saltelli's design and Morris elementary effects, with percentile bootstrap intervals.
#include "zonesim/sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <tuple>

#include "zonesim/design.hpp"

namespace zonesim::stats {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// S1 and ST of every factor from the base rows listed in `rows` (indices into 0..n-1, repeats allowed).
void sobol_estimate(std::span<const double> f, int k, const std::vector<int>& rows,
                    std::vector<double>& first, std::vector<double>& total) {
  const std::size_t stride = static_cast<std::size_t>(k) + 2;
  double sum = 0, sum2 = 0;
  for (int j : rows)
    for (int m = 0; m < 2; ++m) {
      const double y = f[j * stride + m];
      sum += y, sum2 += y * y;
    }
  const double count = 2.0 * static_cast<double>(rows.size());
  const double mean = sum / count, variance = sum2 / count - mean * mean;
  first.assign(static_cast<std::size_t>(k), kNaN);
  total.assign(static_cast<std::size_t>(k), kNaN);
  if (!(variance > 0)) return;
  for (int i = 0; i < k; ++i) {
    double s1 = 0, st = 0;
    for (int j : rows) {
      const double fa = f[j * stride], fb = f[j * stride + 1], fab = f[j * stride + 2 + i];
      s1 += (fb - mean) * (fab - fa);  // centred: same expectation, far less noise when the mean is large
      st += (fa - fab) * (fa - fab);
    }
    first[i] = s1 / static_cast<double>(rows.size()) / variance;
    total[i] = st / (2.0 * static_cast<double>(rows.size())) / variance;
  }
}

}  // namespace

std::pair<double, double> percentile_interval(std::vector<double> v) {
  v.erase(std::remove_if(v.begin(), v.end(), [](double x) { return !std::isfinite(x); }), v.end());
  if (v.empty()) return {kNaN, kNaN};
  std::sort(v.begin(), v.end());
  const double last = static_cast<double>(v.size() - 1);
  return {v[static_cast<std::size_t>(std::floor(0.025 * last))],
          v[static_cast<std::size_t>(std::ceil(0.975 * last))]};
}

std::vector<int> resample(int n, design::SplitMix64& rng) {
  std::vector<int> rows(static_cast<std::size_t>(n));
  for (int& j : rows) j = static_cast<int>(rng.below(static_cast<std::uint64_t>(n)));
  return rows;
}

std::vector<SobolIndices> sobol_indices(std::span<const double> f, int n, int k, int bootstrap,
                                        std::uint64_t seed) {
  if (n < 1 || k < 1 || f.size() != static_cast<std::size_t>(n) * (k + 2))
    throw std::invalid_argument("sobol_indices: expected n * (k + 2) outputs");
  std::vector<int> all(static_cast<std::size_t>(n));
  for (int j = 0; j < n; ++j) all[j] = j;
  std::vector<double> first, total;
  sobol_estimate(f, k, all, first, total);
  std::vector<std::vector<double>> boot_first(static_cast<std::size_t>(k)),
      boot_total(static_cast<std::size_t>(k));
  design::SplitMix64 rng(seed);
  std::vector<double> bf, bt;
  for (int b = 0; b < bootstrap; ++b) {
    sobol_estimate(f, k, resample(n, rng), bf, bt);
    for (int i = 0; i < k; ++i) boot_first[i].push_back(bf[i]), boot_total[i].push_back(bt[i]);
  }
  std::vector<SobolIndices> out(static_cast<std::size_t>(k));
  for (int i = 0; i < k; ++i) {
    out[i].first = {first[i], kNaN, kNaN, kNaN, n};
    out[i].total = {total[i], kNaN, kNaN, kNaN, n};
    if (bootstrap > 0) {
      std::tie(out[i].first.low, out[i].first.high) = percentile_interval(boot_first[i]);
      std::tie(out[i].total.low, out[i].total.high) = percentile_interval(boot_total[i]);
    }
  }
  return out;
}

std::vector<MorrisIndices> morris_indices(std::span<const double> f, std::span<const int> factor,
                                          std::span<const double> step, int r, int k, int bootstrap,
                                          std::uint64_t seed) {
  const std::size_t points = static_cast<std::size_t>(r) * static_cast<std::size_t>(k + 1);
  if (r < 1 || k < 1 || f.size() != points || factor.size() != points || step.size() != points)
    throw std::invalid_argument("morris_indices: expected r * (k + 1) outputs, factors and steps");
  // effect[i][t]: the elementary effect of factor i in trajectory t.
  std::vector<std::vector<double>> effect(static_cast<std::size_t>(k), std::vector<double>(r, kNaN));
  for (std::size_t p = 0; p < points; ++p)
    if (p % (k + 1) != 0 && factor[p] >= 0 && factor[p] < k && step[p] != 0)  // a start has no effect
      effect[factor[p]][p / (k + 1)] = (f[p] - f[p - 1]) / step[p];
  std::vector<MorrisIndices> out(static_cast<std::size_t>(k));
  design::SplitMix64 rng(seed);
  for (int i = 0; i < k; ++i) {
    std::vector<double> abs_effect(effect[i]);
    for (double& e : abs_effect) e = std::fabs(e);
    const Estimate plain = mean_interval(effect[i]);
    out[i].mu = plain.value;
    out[i].sigma = plain.sd;
    out[i].mu_star = mean_interval(abs_effect);
    out[i].mu_star.low = out[i].mu_star.high = kNaN;
    out[i].mu_star.sd = kNaN;
    if (bootstrap <= 0) continue;
    std::vector<double> boot;
    for (int b = 0; b < bootstrap; ++b) {
      double sum = 0;
      for (int t : resample(r, rng)) sum += abs_effect[t];
      boot.push_back(sum / r);
    }
    std::tie(out[i].mu_star.low, out[i].mu_star.high) = percentile_interval(boot);
  }
  return out;
}

}  // namespace zonesim::stats
