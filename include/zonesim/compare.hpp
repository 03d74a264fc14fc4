#pragma once
// `zonesim compare`: a metric at a year, read from a result file, compared across schemes (paired by
// replicate: common random numbers) and, for sobol and morris designs, sensitivity indices of the design's
// factors. docs/sweeps.md describes what each number is.
#include <string>
#include <vector>

#include "zonesim/sensitivity.hpp"

namespace zonesim {

struct CompareOptions {
  std::string metric = "top10_share_gdp";
  int year = 0;  // 0: the last year of the file
  int bootstrap = 1000;
};

// One scenario (grid designs and plain scheme sweeps) or one scheme pooled over its design points (lhs,
// sobol, morris): the metric's mean across replicates and the paired difference from the reference scheme.
struct ComparisonRow {
  int scenario = -1;  // -1 when pooled over design points
  int scheme = 0;
  std::string scheme_name, label;
  stats::Estimate mean;
  stats::Estimate difference;  // n = 0 for the reference scheme
};

struct SobolRow {
  std::string scheme, factor;
  stats::SobolIndices indices;
};

struct MorrisRow {
  std::string scheme, factor;
  stats::MorrisIndices indices;
};

struct Comparison {
  std::string file, metric, units, long_name, design, reference;
  int year = 0;  // 0 for variables without a time axis
  int replicates = 0, points = 1, samples = 0, bootstrap = 0;
  bool pooled = false;  // rows are schemes pooled over design points
  std::vector<ComparisonRow> rows;
  std::vector<SobolRow> sobol;
  std::vector<MorrisRow> morris;
};

// Throws InputError when the file is not a zonesim result, the metric or the year is not in it.
Comparison compare_results(const std::string& path, const CompareOptions& options);

}  // namespace zonesim
