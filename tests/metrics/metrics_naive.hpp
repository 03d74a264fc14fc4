#pragma once
// Shared by the metrics tests: independent naive formulas and random samples.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <random>
#include <vector>

#include "zonesim/metrics.hpp"

namespace metrics_test {

namespace m = zonesim::metrics;

using Vec = std::vector<double>;
using Ids = std::vector<int>;

// Catch's default Approx tolerance (1e-5 relative) is far too loose for exact formulas.
inline Approx tight(double v, double eps = 1e-12) { return Approx(v).epsilon(eps).margin(1e-14); }

inline double total_of(const Vec& x) {
  double s = 0;
  for (double v : x) s += v;
  return s;
}

// --- independent naive formulas ---

// Gini as the O(n^2) mean absolute difference over twice the mean.
inline double naive_gini(const Vec& x) {
  const double n = static_cast<double>(x.size()), mean = total_of(x) / n;
  double mad = 0;
  for (double a : x)
    for (double b : x) mad += std::abs(a - b);
  return mad / (n * n) / (2 * mean);
}

// Theil T as ln n minus the entropy of the shares.
inline double naive_theil_t(const Vec& x) {
  const double total = total_of(x);
  double entropy = 0;
  for (double v : x)
    if (v > 0) entropy -= v / total * std::log(v / total);
  return std::log(static_cast<double>(x.size())) - entropy;
}

// Theil L as ln(arithmetic mean / geometric mean) of the positive values.
inline double naive_theil_l(const Vec& x) {
  double sum = 0, log_sum = 0, n = 0;
  for (double v : x) {
    if (v <= 0) continue;
    sum += v;
    log_sum += std::log(v);
    n += 1;
  }
  return std::log(sum / n) - log_sum / n;
}

// Esteban-Ray as the plain double sum over the distinct levels.
inline double naive_esteban_ray(const Vec& x, double alpha) {
  const double n = static_cast<double>(x.size()), mean = total_of(x) / n;
  std::map<double, double> share;
  for (double v : x) share[v / mean] += 1 / n;
  double p = 0;
  for (auto [yi, pi] : share)
    for (auto [yj, pj] : share) p += std::pow(pi, 1 + alpha) * pj * std::abs(yi - yj);
  return p;
}

inline Vec members(const Vec& x, const Ids& g, int group) {
  Vec out;
  for (std::size_t i = 0; i < x.size(); ++i)
    if (g[i] == group) out.push_back(x[i]);
  return out;
}

// Between part: Theil T of the values replaced by their group mean.
inline double naive_between(const Vec& x, const Ids& g, int n_groups) {
  Vec smoothed(x.size());
  for (int k = 0; k < n_groups; ++k) {
    const Vec xs = members(x, g, k);
    if (xs.empty()) continue;
    const double mean = total_of(xs) / static_cast<double>(xs.size());
    for (std::size_t i = 0; i < x.size(); ++i)
      if (g[i] == k) smoothed[i] = mean;
  }
  return naive_theil_t(smoothed);
}

// Within part: income-share-weighted Theil T of each group.
inline double naive_within(const Vec& x, const Ids& g, int n_groups) {
  double within = 0;
  for (int k = 0; k < n_groups; ++k) {
    const Vec xs = members(x, g, k);
    if (xs.empty() || total_of(xs) <= 0) continue;
    within += total_of(xs) / total_of(x) * naive_theil_t(xs);
  }
  return within;
}

struct Sample {
  Vec x;
  Ids group;
};

// Lognormal values with some exact zeros and ties; groups leave some ids empty.
inline Sample random_sample(std::mt19937_64& rng, std::size_t n, int n_groups) {
  std::lognormal_distribution<double> size(3.0, 1.2);
  std::uniform_int_distribution<int> pick(0, n_groups - 1);
  std::uniform_real_distribution<double> u(0, 1);
  Sample s;
  for (std::size_t i = 0; i < n; ++i) {
    const double r = u(rng);
    s.x.push_back(r < 0.1 ? 0.0 : (r < 0.2 && i > 0 ? s.x[i - 1] : size(rng)));
    s.group.push_back(pick(rng) / 2 * 2);  // odd ids stay empty
  }
  return s;
}

inline Vec replicate(const Vec& x, int times) {
  Vec out;
  for (int r = 0; r < times; ++r) out.insert(out.end(), x.begin(), x.end());
  return out;
}

inline Ids replicate(const Ids& x, int times) {
  Ids out;
  for (int r = 0; r < times; ++r) out.insert(out.end(), x.begin(), x.end());
  return out;
}

inline void require_finite(const m::MetricSet& s) {
  for (double v : {s.gini, s.theil_t, s.theil_l, s.theil_between, s.theil_within, s.top10_share, s.cv, s.hhi,
                   s.esteban_ray, s.wolfson, s.zhang_kanbur}) {
    REQUIRE(std::isfinite(v));
    REQUIRE(v >= 0);
  }
}

}  // namespace metrics_test
