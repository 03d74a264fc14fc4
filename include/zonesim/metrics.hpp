#pragma once
// Polarization and inequality indices over the zones of one year (docs/metrics.md gives each formula,
// its reference and the edge-case rules). Plain functions over a span of values, with optional population
// weights (overloads below) and a group id per value; groups are provinces.
//
// Rules shared by every function (docs/metrics.md, "Edge cases"):
// - a negative or non-finite value throws std::invalid_argument naming the index and the position;
// - empty input, a single value and all-zero input give 0, except that the concentration measures hhi and
//   top_k_share give 1 for a single positive value (that zone holds everything);
// - no function returns NaN or infinity: a ratio whose denominator is zero uses kRatioFloor (see below).
#include <array>
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
  double esteban_ray = 0;  // provinces as groups (esteban_ray_grouped)
  double wolfson = 0;
  double zhang_kanbur = 0;  // theil_between / theil_within
};

// The output rows of the indices: <name>_<variable> in the result file, with its long name (units "1").
struct MetricInfo {
  const char* name;
  const char* long_name;
  double MetricSet::*member;
};
inline constexpr std::array<MetricInfo, 11> kMetrics = {{
    {"gini", "Gini coefficient", &MetricSet::gini},
    {"theil_t", "Theil T index (GE(1))", &MetricSet::theil_t},
    {"theil_l", "Theil L index (GE(0), mean log deviation)", &MetricSet::theil_l},
    {"theil_between", "between-province part of Theil T", &MetricSet::theil_between},
    {"theil_within", "within-province part of Theil T", &MetricSet::theil_within},
    {"top10_share", "share of the ten largest zones", &MetricSet::top10_share},
    {"cv", "coefficient of variation", &MetricSet::cv},
    {"hhi", "Herfindahl-Hirschman index of zone shares", &MetricSet::hhi},
    {"esteban_ray", "Esteban-Ray polarization index (provinces as groups)", &MetricSet::esteban_ray},
    {"wolfson", "Wolfson polarization index", &MetricSet::wolfson},
    {"zhang_kanbur", "Zhang-Kanbur polarization index (provinces as groups)", &MetricSet::zhang_kanbur},
}};

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

// --- Population weights (metrics/metrics_weighted.cpp; docs/metrics.md, "Population weights") ---
// weights[i] is the population of unit i (e.g. zone employment) and x[i] its value PER HEAD (e.g. GDP per
// worker, not zone GDP): the unit counts as weights[i] people at x[i], so with integer weights every index
// equals the unweighted index of the sample in which x[i] is repeated weights[i] times (population
// principle). Rules shared by the weighted overloads:
// - weights.empty() means unweighted: the call returns exactly what the overload without weights returns;
// - otherwise weights.size() == x.size(); a negative or non-finite weight throws std::invalid_argument naming
//   the index and the position (values and group ids are checked as above, zero-weight units included);
// - a unit with weight 0 is outside the population: every index ignores it;
// - all weights 0: the population is empty, so every index is 0 (hhi and top-k share included);
// - results depend on the weights only through the shares w_i / sum(w) (scale invariance in the weights).
// Gini: sum_i sum_j w_i w_j |x_i - x_j| / (2 W^2 mu), mu = sum_i w_i x_i / W, evaluated exactly in O(n log
// n).
double gini(std::span<const double> x, std::span<const double> weights);
// Weighted population standard deviation (divisor W) over the weighted mean.
double coefficient_of_variation(std::span<const double> x, std::span<const double> weights);
// sum_i s_i ln(s_i / p_i), income shares s_i = w_i x_i / sum(w x), population shares p_i = w_i / W.
double theil_t(std::span<const double> x, std::span<const double> weights);
// sum_i p_i ln(p_i / s_i) over the units with x > 0 (shares taken over them).
double theil_l(std::span<const double> x, std::span<const double> weights);
// Between part: groups with population W_g and mean mu_g = Y_g / W_g; within part: shares inside each group.
TheilDecomposition theil_t_decomposition(std::span<const double> x, std::span<const double> weights,
                                         std::span<const int> group, int n_groups);
TheilDecomposition theil_l_decomposition(std::span<const double> x, std::span<const double> weights,
                                         std::span<const int> group, int n_groups);
// Income levels are the distinct values; pi_k = weight at that value / W.
double esteban_ray(std::span<const double> x, std::span<const double> weights, double alpha);
// pi_g = W_g / W (the group's population share), income = mu_g / mu.
double esteban_ray_grouped(std::span<const double> x, std::span<const double> weights,
                           std::span<const int> group, int n_groups, double alpha);
// Weighted Lorenz curve at population share 0.5 and weighted median (where the cumulative weight equals half
// the total, to a relative 1e-12, the mean of the values on both sides, as for an even count).
double wolfson(std::span<const double> x, std::span<const double> weights);
// Weighted Theil T between part / within part, with the same floors as the unweighted version.
double zhang_kanbur(std::span<const double> x, std::span<const double> weights, std::span<const int> group,
                    int n_groups);
// All indices at once, weighted (sorts once). top10_share and hhi keep their unweighted meaning: they are
// computed on the values of the units with a positive weight, weights otherwise ignored (no weighted
// overload exists for top_k_share or hhi).
MetricSet compute_all(std::span<const double> x, std::span<const double> weights, std::span<const int> group,
                      int n_groups, const MetricParams& params);

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
