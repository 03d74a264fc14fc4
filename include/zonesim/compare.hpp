#pragma once
// `zonesim compare`: metrics at a year (or summed over a range of years), read from a result file, compared
// across schemes (paired by replicate: common random numbers); optionally per unit of another variable's
// difference (cost-effectiveness), ranked with the probability that each scheme is best, broken down by
// province, and, for sobol and morris designs, sensitivity indices of the design's factors. docs/sweeps.md
// describes what each number is.
#include <string>
#include <vector>

#include "zonesim/sensitivity.hpp"

namespace zonesim {

struct CompareOptions {
  std::string metric = "top10_share_gdp";
  int year = 0;                 // 0: the last year of the file (or `to` when a range is given)
  int from = 0, to = 0;         // --cumulative FROM:TO (0: none): flows summed, levels taken at TO
  std::string per;              // --per VAR: a ratio of paired differences (empty: none)
  double per_scale = 100;       // the ratio is per `per_scale` units of VAR
  std::string reference;        // a scheme name or a scenario label (empty: the first scheme or point)
  bool rank = false;            // order by effect, with the probability of being best
  std::string better = "auto";  // auto, lower or higher: which direction --rank calls better
  std::string by;               // "province": the breakdown of `by_variable`
  std::string by_variable = "gdp";
  int bootstrap = 1000;
};

// The ratio of a row's paired mean difference in the metric to its paired mean difference in the --per
// variable, times per_scale, with a 95% percentile bootstrap interval over replicates (resampled in pairs).
struct PerRow {
  stats::Estimate difference;  // the --per variable's paired difference
  stats::Estimate ratio;
};

// One scenario (grid designs and plain scheme sweeps) or one scheme pooled over its design points (lhs,
// sobol, morris): the metric's mean across replicates and the paired difference from the reference.
struct ComparisonRow {
  int scenario = -1;  // -1 when pooled over design points
  int scheme = 0;
  std::string scheme_name, label;
  stats::Estimate mean;
  stats::Estimate difference;  // n = 0 for the reference
  PerRow per;                  // ratio.n = 0 without --per or for the reference
  int rank = 0;                // 1 = best; 0 without --rank
  double p_best = 0;           // share of replicates in which this row is best
};

struct SobolRow {
  std::string scheme, factor;
  stats::SobolIndices indices;
};

struct MorrisRow {
  std::string scheme, factor;
  stats::MorrisIndices indices;
};

// One province under one scenario (or pooled scheme): the variable's value, its share of all zones, and
// both as paired differences from the reference.
struct ProvinceRow {
  std::string province, province_zh, scheme_name, label;
  int scenario = -1;
  stats::Estimate value, share, difference, share_difference;
};

struct Comparison {
  std::string file, metric, units, long_name, design, reference;
  int year = 0;         // 0 for variables without a time axis; the range's last year for --cumulative
  int from = 0;         // first year summed (0: a value at `year`)
  bool summed = false;  // a flow summed over from..year
  bool percentage_points = false;  // a share: tables show it x100 in percentage points
  std::string better;              // lower or higher; empty when --better auto cannot tell (and no --rank)
  int replicates = 0, points = 1, samples = 0, bootstrap = 0;
  bool pooled = false;  // rows are schemes pooled over design points
  std::string per, per_units;
  bool per_summed = false;
  int per_from = 0;  // first year summed for the --per variable (0: a value at `year`)
  double per_scale = 0;
  std::vector<ComparisonRow> rows;
  std::vector<SobolRow> sobol;
  std::vector<MorrisRow> morris;
  std::string by_variable, by_units;  // --by province
  int by_from = 0;                    // first year summed for by_variable (0: a value at `year`)
  std::vector<ProvinceRow> provinces;
  std::vector<std::string> warnings;
};

// Throws InputError when the file is not a zonesim result, the metric, the year range, the --per variable
// or the reference is not in it (with the valid choices), when --rank has no direction (--better auto on a
// variable it cannot tell), or when --rank, --per or --reference is asked of a file of one scenario.
Comparison compare_results(const std::string& path, const CompareOptions& options);

// Whether a variable is a flow in the year (summed by --cumulative) rather than a level (taken at its end).
bool is_flow(const std::string& name, const std::string& units, const std::string& long_name);

// Which direction `--better auto` calls better, from a variable's name, units and long name: "lower" for
// inequality and polarization indices and convergence slopes and for costs (public money spent, energy,
// emissions), "higher" for output (GDP, value added) and growth, and "" for anything else (offers,
// agreements, budget lines, ...), whose better direction depends on what it is for. docs/sweeps.md, "rank".
std::string better_direction(const std::string& name, const std::string& units, const std::string& long_name);

}  // namespace zonesim
