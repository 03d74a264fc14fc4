// Benchmark: time per metrics::compute_all for one year of zones (issue 4 asks for well under a millisecond
// for 178 zones in 31 provinces). Usage: bench_metrics [n_zones=178] [n_groups=31] [calls_per_batch=2000]
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

}  // namespace

int main(int argc, char** argv) {
  const int n = arg_or(argc, argv, 1, 178);
  const int n_groups = arg_or(argc, argv, 2, 31);
  const int calls = arg_or(argc, argv, 3, 2000);
  const int batches = 21;

  // Rank-size-like zone sizes (lognormal), a few zeros, provinces assigned at random.
  std::mt19937_64 rng(20240604);
  std::lognormal_distribution<double> size(4.0, 1.3);
  std::uniform_int_distribution<int> province(0, n_groups - 1);
  std::vector<double> x(static_cast<std::size_t>(n));
  std::vector<int> group(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    x[static_cast<std::size_t>(i)] = i % 50 == 7 ? 0.0 : size(rng);
    group[static_cast<std::size_t>(i)] = province(rng);
  }
  const zonesim::metrics::MetricParams params;

  volatile double sink = 0;  // keeps the calls from being optimised away
  std::vector<double> ns_per_call;
  for (int b = 0; b < batches + 1; ++b) {  // the first batch warms up and is not counted
    const auto start = std::chrono::steady_clock::now();
    for (int c = 0; c < calls; ++c) {
      const zonesim::metrics::MetricSet m = zonesim::metrics::compute_all(x, group, n_groups, params);
      sink = sink + m.gini + m.zhang_kanbur + m.esteban_ray;
    }
    const auto stop = std::chrono::steady_clock::now();
    if (b > 0) ns_per_call.push_back(std::chrono::duration<double, std::nano>(stop - start).count() / calls);
  }
  std::sort(ns_per_call.begin(), ns_per_call.end());
  const double median = ns_per_call[ns_per_call.size() / 2];
  std::printf("compute_all: n=%d zones, %d groups, %d batches x %d calls\n", n, n_groups, batches, calls);
  std::printf("  median %.2f us per call (min %.2f us, max %.2f us)\n", median / 1e3,
              ns_per_call.front() / 1e3, ns_per_call.back() / 1e3);
  std::printf("  one simulated year (gdp, patents, firms): %.2f us\n", 3 * median / 1e3);
  return sink < 0 ? 1 : 0;  // sink is never negative: every index is >= 0
}
