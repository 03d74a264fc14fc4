#pragma once
// What a run records each year: per-zone variables, totals and the inequality metrics. The names, long names
// and units below are the HDF5 contract (INTERFACE.md); output and docs read them from here.
#include <array>
#include <vector>

#include "zonesim/metrics.hpp"

namespace zonesim {

struct World;

struct VarInfo {
  const char* name;
  const char* long_name;
  const char* units;
  bool integer;  // stored as int64
};

enum ZoneVar {
  gdp,
  gdp_attributed,
  employment,
  firms,
  hightech_firms,
  patents,
  patent_stock,
  rnd_personnel,
  subsidy,
  fiscal_balance,
  occupancy,
  equity_out,
  equity_in,
  relocations_in,
  relocations_out,
  external_funds,
  kZoneVarCount
};
enum TotalVar { total_gdp, total_subsidy, subsidy_waste, relocations, total_external_funds, kTotalVarCount };
// The variables whose distribution across zones the metrics describe, in output order.
inline constexpr std::array<ZoneVar, 3> kMetricVars = {ZoneVar::gdp, ZoneVar::patents, ZoneVar::firms};
inline constexpr std::array<const char*, 3> kMetricVarNames = {"gdp", "patents", "firms"};

extern const std::array<VarInfo, kZoneVarCount> kZoneVars;
extern const std::array<VarInfo, kTotalVarCount> kTotalVars;

struct YearStats {
  int year = 0;
  std::array<std::vector<double>, kZoneVarCount> zone;  // [variable][zone]
  std::array<double, kTotalVarCount> total{};
  std::array<metrics::MetricSet, kMetricVars.size()> metric;

  explicit YearStats(int zones = 0);
};

// Sums over enterprises and zone state for the world as it stands. Deterministic whatever the thread count:
// enterprises are reduced in fixed-size chunks whose partial sums are added in chunk order.
void collect_statistics(const World& world, YearStats& stats);
// Totals and metrics from the per-zone variables (after attribution and governments have filled theirs).
void finish_statistics(const World& world, YearStats& stats);
// Stops the run with NumericalError naming variable, zone and year if anything is non-finite or negative
// where it cannot be.
void check_statistics(const World& world, const YearStats& stats);

}  // namespace zonesim
