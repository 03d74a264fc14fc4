// Benchmark: time per metrics::compute_all for one year of zones (the target is well under a millisecond
// for 178 zones in 31 provinces), unweighted and with population weights (zone employment).
// Usage: bench_metrics [n_zones=178] [n_groups=31] [calls_per_batch=2000]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "zonesim/metrics.hpp"

namespace {

int arg_or(int argc, char** argv, int i, int fallback) {
  if (argc <= i) return fallback;
  const int v = std::atoi(argv[i]);
  return v > 0 ? v : fallback;
}

// Median over batches of the time per call of f, in microseconds; the first batch warms up.
template <class F>
double median_us_per_call(F f, int calls, int batches, double& min_us, double& max_us) {
  std::vector<double> ns_per_call;
  for (int b = 0; b < batches + 1; ++b) {
    const auto start = std::chrono::steady_clock::now();
    for (int c = 0; c < calls; ++c) f();
    const auto stop = std::chrono::steady_clock::now();
    if (b > 0) ns_per_call.push_back(std::chrono::duration<double, std::nano>(stop - start).count() / calls);
  }
  std::sort(ns_per_call.begin(), ns_per_call.end());
  min_us = ns_per_call.front() / 1e3;
  max_us = ns_per_call.back() / 1e3;
  return ns_per_call[ns_per_call.size() / 2] / 1e3;
}

}  // namespace

int main(int argc, char** argv) {
  const int n = arg_or(argc, argv, 1, 178);
  const int n_groups = arg_or(argc, argv, 2, 31);
  const int calls = arg_or(argc, argv, 3, 2000);
  const int batches = 21;

  // Rank-size-like zone sizes (lognormal), a few zeros, provinces assigned at random; employment (the
  // weights) lognormal too, a few zones with none.
  std::mt19937_64 rng(20240604);
  std::lognormal_distribution<double> size(4.0, 1.3), employment(3.0, 1.0);
  std::uniform_int_distribution<int> province(0, n_groups - 1);
  std::vector<double> x(static_cast<std::size_t>(n)), weight(static_cast<std::size_t>(n));
  std::vector<int> group(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    const auto z = static_cast<std::size_t>(i);
    x[z] = i % 50 == 7 ? 0.0 : size(rng);
    group[z] = province(rng);
    weight[z] = i % 60 == 11 ? 0.0 : employment(rng);
  }
  const zonesim::metrics::MetricParams params;

  volatile double sink = 0;  // keeps the calls from being optimised away
  double lo = 0, hi = 0;
  std::printf("compute_all: n=%d zones, %d groups, %d batches x %d calls\n", n, n_groups, batches, calls);
  const double plain = median_us_per_call(
      [&] {
        const zonesim::metrics::MetricSet m = zonesim::metrics::compute_all(x, group, n_groups, params);
        sink = sink + m.gini + m.zhang_kanbur + m.esteban_ray;
      },
      calls, batches, lo, hi);
  std::printf("  unweighted: median %.2f us per call (min %.2f us, max %.2f us)\n", plain, lo, hi);
  std::printf("  one simulated year (gdp, patents, firms): %.2f us\n", 3 * plain);
  const double weighted = median_us_per_call(
      [&] {
        const zonesim::metrics::MetricSet m =
            zonesim::metrics::compute_all(x, weight, group, n_groups, params);
        sink = sink + m.gini + m.zhang_kanbur + m.esteban_ray;
      },
      calls, batches, lo, hi);
  std::printf("  weighted:   median %.2f us per call (min %.2f us, max %.2f us)\n", weighted, lo, hi);
  std::printf("  one simulated year (gdp, patents, firms): %.2f us\n", 3 * weighted);
  return sink < 0 ? 1 : 0;  // sink is never negative: every index is >= 0
}
