#pragma once
// Polarization and inequality indices over the zones of one year (docs/metrics.md gives each formula,
// its reference and the edge-case rules). Plain functions over a span of values; groups are provinces.
//
// Rules shared by every function (docs/metrics.md, "Edge cases"):
// - a negative or non-finite value throws std::invalid_argument naming the index and the position;
// - empty input, a single value and all-zero input give 0, except that the concentration measures hhi and
//   top_k_share give 1 for a single positive value (that zone holds everything);
// - no function returns NaN or infinity: a ratio whose denominator is zero uses kRatioFloor (see below).
#include <span>
#include <vector>

namespace zonesim::metrics {

// Smallest denominator used by the ratio indices zhang_kanbur (within-group Theil T) and wolfson
// (median / mean). Parts of a Theil index below it are rounding noise for sums of a few hundred terms.
inline constexpr double kRatioFloor = 1e-12;

struct MetricParams {
  int top_k = 10;                  // top-k share counts the k largest values; must be >= 1
  double esteban_ray_alpha = 1.6;  // Esteban-Ray (1994) polarization sensitivity, in [0, 1.6]
};

// Every index of one variable (gdp, patents or firms) across zones in one year.
struct MetricSet {
  double gini = 0;
  double theil_t = 0;
  double theil_l = 0;        // over the strictly positive values only
  double theil_between = 0;  // between-province part of Theil T
  double theil_within = 0;   // within-province part of Theil T
  double top10_share = 0;    // top-k share with k = MetricParams::top_k
  double cv = 0;             // population standard deviation / mean
  double hhi = 0;
  double esteban_ray = 0;   // provinces as groups (esteban_ray_grouped)  // zones as units (ties pooled), incomes / mean, K = 1
  double wolfson = 0;
  double zhang_kanbur = 0;  // theil_between / theil_within
};

double gini(std::span<const double> x);
// Population standard deviation (divisor n) over the mean.
double coefficient_of_variation(std::span<const double> x);
// Sum of squared shares x_i / sum(x), in [1/n, 1].
double hhi(std::span<const double> x);
// Share of the total held by the k largest values; k >= 1 (throws otherwise), k >= n gives 1.
double top_k_share(std::span<const double> x, int k);
// GE(1); zeros contribute 0 (the limit of s log s).
double theil_t(std::span<const double> x);
// GE(0) over the strictly positive values (log 0 is undefined: zeros are excluded).
double theil_l(std::span<const double> x);

struct TheilDecomposition {
  double total = 0, between = 0, within = 0;
};
// Theil T split over groups: group[i] in [0, n_groups); empty groups are skipped.
TheilDecomposition theil_t_decomposition(std::span<const double> x, std::span<const int> group, int n_groups);
// Theil L split over groups, over the strictly positive values (groups with none are skipped).
TheilDecomposition theil_l_decomposition(std::span<const double> x, std::span<const int> group, int n_groups);
// Esteban-Ray (1994) on the distribution of the values: each distinct value is an income level whose
// population share is the fraction of zones at it; incomes are divided by the mean; K = 1.
// alpha in [0, 1.6] (throws otherwise).
double esteban_ray(std::span<const double> x, double alpha);
// Esteban-Ray (1994) with the groups as the units: pi_g = n_g / n, income = group mean / overall mean.
double esteban_ray_grouped(std::span<const double> x, std::span<const int> group, int n_groups, double alpha);
// Wolfson (1994): 2 (2 (0.5 - L(0.5)) - Gini) mean / median; the median / mean ratio is floored at
// kRatioFloor.
double wolfson(std::span<const double> x);
// Zhang-Kanbur (2001): between-group Theil T / within-group Theil T. A between part below kRatioFloor gives
// 0; otherwise the within part is floored at kRatioFloor.
double zhang_kanbur(std::span<const double> x, std::span<const int> group, int n_groups);

// All indices at once (sorts once). group.size() == x.size().
MetricSet compute_all(std::span<const double> x, std::span<const int> group, int n_groups,
                      const MetricParams& params);

// Over the horizon. values[t][z] is the level (not the log) of zone z in years[t]; the functions take logs.
// A negative or non-finite value throws; zones with a zero value are skipped in that year (sigma) or dropped
// (beta), since log 0 is undefined.
// sigma: OLS slope on year of the cross-zone population standard deviation of log values (per year; < 0 means
// sigma-convergence). Years with no positive value are skipped; fewer than two usable years gives 0.
// beta: OLS slope of mean yearly log growth from the first to the last year, ln(x_T / x_0) / (year_T -
// year_0), on the initial log level ln x_0 (< 0 means beta-convergence). Uses values.front() and
// values.back(), which must have the same length; years must increase from first to last. Fewer than two
// zones, fewer than two years, or no spread in initial levels gives 0.
double sigma_convergence(std::span<const int> years, const std::vector<std::vector<double>>& values);
double beta_convergence(std::span<const int> years, const std::vector<std::vector<double>>& values);

}  // namespace zonesim::metrics
