#pragma once
// What a run records each year: per-zone variables, totals and the inequality metrics. The names, long names
// and units below are the HDF5 contract (docs/contract.md); output and docs read them from here.
#include <array>
#include <vector>

#include "zonesim/metrics.hpp"

namespace zonesim {

struct World;
struct ZoneState;
struct YearStats;

struct VarInfo {
  const char* name;
  const char* long_name;
  const char* units;
  bool integer;  // stored as int64
};

// When a variable is recorded: after the economy's phases (observed), or after the governments phase
// (governed: what the attribution and governments phases set).
enum class Stage { observed, governed };

// A per-zone variable and where it comes from: a member of ZoneState, copied at its stage, or (state null) a
// sum over the enterprises or a ratio, computed by collect_statistics.
struct ZoneVarInfo : VarInfo {
  std::vector<double> ZoneState::*state;
  Stage stage;
  bool may_be_negative;
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
  public_cost,
  wage,
  talent_wage,
  infrastructure,
  industrial_gdp,
  energy_use,
  co2_emissions,
  energy_intensity,
  co2_intensity,
  little_giants,
  unicorns,
  poaching_offers,
  poaching_moves,
  retention_offers,
  cooperation_proposals,
  cooperation_agreements,
  cooperation_refusals,
  budget_subsidies,
  budget_services,
  budget_land,
  budget_talent,
  budget_cooperation,
  kZoneVarCount
};
enum TotalVar {
  total_gdp,
  total_subsidy,
  subsidy_waste,
  relocations,
  total_external_funds,
  total_public_cost,
  total_industrial_gdp,
  total_energy_use,
  total_co2_emissions,
  mean_energy_intensity,
  mean_co2_intensity,
  labour_pool,
  wage_index,
  talent_pool,
  total_rnd_personnel,
  total_poaching_offers,
  total_poaching_moves,
  total_retention_offers,
  total_cooperation_proposals,
  total_cooperation_agreements,
  total_cooperation_refusals,
  total_budget_subsidies,
  total_budget_services,
  total_budget_land,
  total_budget_talent,
  total_budget_cooperation,
  kTotalVarCount
};
// National variables per sector (a sector dimension in the output, with the names of sector_name()).
enum SectorVar { sector_gdp, sector_firms, sector_price, sector_exits, kSectorVarCount };
// The variables whose distribution across zones the metrics describe, in output order.
inline constexpr std::array<ZoneVar, 3> kMetricVars = {ZoneVar::gdp, ZoneVar::patents, ZoneVar::firms};
inline constexpr std::array<const char*, 3> kMetricVarNames = {"gdp", "patents", "firms"};

// A total over zones: the sum of a per-zone variable, or (zone_var < 0) of a member of ZoneState, or (both
// unset) what `compute` makes of the world and the record's zone variables (a ratio, a market's level).
struct TotalVarInfo : VarInfo {
  int zone_var;
  std::vector<double> ZoneState::*state;
  double (*compute)(const World& world, const YearStats& stats);
};

// The record's rows: name, long name, units and source of every per-zone variable and total, in output order.
extern const std::array<ZoneVarInfo, kZoneVarCount> kZoneVars;
extern const std::array<TotalVarInfo, kTotalVarCount> kTotalVars;
extern const std::array<VarInfo, kSectorVarCount> kSectorVars;

struct YearStats {
  int year = 0;
  std::array<std::vector<double>, kZoneVarCount> zone;  // [variable][zone]
  std::array<double, kTotalVarCount> total{};
  std::array<std::array<double, 8>, kSectorVarCount> sector{};  // [variable][sector]
  std::array<metrics::MetricSet, kMetricVars.size()> metric;

  explicit YearStats(int zones = 0);
};

// The statistics stage is the record's only writer; models write world and zone state only.
// Starts this year's record from the world as it stands after the economy's phases: sums over enterprises
// and the observed zone state. Deterministic whatever the thread count: enterprises are reduced in fixed-size
// chunks whose partial sums are added in chunk order.
void collect_statistics(const World& world, YearStats& stats);
// Completes it after the governments phase: the governed zone state, the totals, a check, and the metrics of
// the zones that exist in the year.
void finish_statistics(const World& world, YearStats& stats);
// Stops the run with NumericalError naming variable, zone and year if anything is non-finite or negative
// where it cannot be.
void check_statistics(const World& world, const YearStats& stats);

}  // namespace zonesim
