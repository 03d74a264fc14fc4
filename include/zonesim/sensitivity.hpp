#pragma once
// Statistics for `zonesim compare`: t confidence intervals of means and paired differences, Sobol' indices
// from a Saltelli design and Morris elementary effects, with bootstrap intervals (docs/sweeps.md).
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "zonesim/design.hpp"

namespace zonesim::stats {

// Quantile of Student's t distribution with df > 0 degrees of freedom, for 0 < p < 1.
double t_quantile(double p, double df);
// Regularized incomplete beta function I_x(a, b), 0 <= x <= 1, a, b > 0.
double incomplete_beta(double x, double a, double b);

struct Estimate {
  double value = 0;  // mean or index
  double low = 0;    // 95% interval (NaN when it cannot be computed)
  double high = 0;
  double sd = 0;  // sample standard deviation (means only)
  int n = 0;      // observations (replicates, base rows or trajectories)
};

// The 2.5% and 97.5% percentiles of the finite values of v (NaN when there are none).
std::pair<double, double> percentile_interval(std::vector<double> v);
// n indices drawn uniformly from 0..n-1 with replacement (a bootstrap resample).
std::vector<int> resample(int n, design::SplitMix64& rng);

// Mean of the finite values of x with its 95% t interval (NaN bounds when fewer than two).
Estimate mean_interval(std::span<const double> x);

// First-order (Saltelli et al. 2010) and total (Jansen 1999) Sobol' indices of each of k factors from the
// outputs f of design::saltelli(n, k, ..) (n * (k + 2) values in its order), with 95% percentile bootstrap
// intervals over the n base rows. The first-order estimator uses outputs centred on their mean, which leaves
// its expectation unchanged and removes its noise's dependence on the output's level.
struct SobolIndices {
  Estimate first, total;
};
std::vector<SobolIndices> sobol_indices(std::span<const double> f, int n, int k, int bootstrap,
                                        std::uint64_t seed);

// Morris elementary effects: mu* (mean absolute effect, with a 95% bootstrap interval over trajectories), mu
// (mean effect) and sigma (standard deviation) per factor, from the outputs f of design::morris(r, k, ..) and
// that design's factor and step lists. Effects are per unit of the factor's unit-cube coordinate.
struct MorrisIndices {
  Estimate mu_star;
  double mu = 0, sigma = 0;
};
std::vector<MorrisIndices> morris_indices(std::span<const double> f, std::span<const int> factor,
                                          std::span<const double> step, int r, int k, int bootstrap,
                                          std::uint64_t seed);

}  // namespace zonesim::stats
