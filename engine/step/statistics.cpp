#include "zonesim/model/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "zonesim/errors.hpp"
#include "zonesim/model/reduce.hpp"
#include "zonesim/model/world.hpp"

namespace zonesim {

namespace {
using Z = ZoneState;
constexpr Stage observed = Stage::observed, governed = Stage::governed;
constexpr std::vector<double> ZoneState::*kSummed = nullptr;  // over enterprises, or a ratio
}  // namespace

const std::array<ZoneVarInfo, kZoneVarCount> kZoneVars = {{
    {{"gdp", "zone GDP (value added of the enterprises located in the zone)", "billion CNY", false},
     kSummed,
     observed,
     false},
    {{"gdp_attributed", "zone GDP as attributed for evaluation (output-sharing rules)", "billion CNY", false},
     &Z::attributed_gdp,
     governed,
     false},
    {{"employment", "employees of the zone's enterprises", "persons", false}, kSummed, observed, false},
    {{"firms", "simulated enterprises located in the zone", "1", true}, kSummed, observed, false},
    {{"hightech_firms", "simulated high-tech enterprises located in the zone", "1", true},
     kSummed,
     observed,
     false},
    {{"patents", "invention patents granted in the year", "1", false}, &Z::patents, observed, false},
    {{"patent_stock", "invention patents in force (depreciated stock)", "1", false},
     &Z::patent_stock,
     observed,
     false},
    {{"rnd_personnel", "R&D personnel (full-time equivalent)", "persons", false},
     &Z::rnd_personnel,
     observed,
     false},
    {{"subsidy", "subsidies paid by the zone to enterprises in the year", "billion CNY", false},
     &Z::subsidy_paid,
     governed,
     false},
    {{"fiscal_balance", "zone budget balance: revenue minus spending in the year", "billion CNY", false},
     &Z::fiscal_balance,
     governed,
     true},
    {{"occupancy", "employment over land capacity", "1", false}, kSummed, observed, false},
    {{"equity_out", "equity held by the zone's asset company in other zones", "billion CNY", false},
     &Z::equity_out,
     governed,
     false},
    {{"equity_in", "equity held in the zone by other zones' asset companies", "billion CNY", false},
     &Z::equity_in,
     governed,
     false},
    {{"relocations_in", "enterprises that moved into the zone in the year", "1", true},
     &Z::relocations_in,
     observed,
     false},
    {{"relocations_out", "enterprises that moved out of the zone in the year", "1", true},
     &Z::relocations_out,
     observed,
     false},
    {{"external_funds", "money received under incentive schemes (province, centre, other zones) in the year",
      "billion CNY", false},
     &Z::external_funds,
     governed,
     false},
}};

const std::array<TotalVarInfo, kTotalVarCount> kTotalVars = {{
    {{"total_gdp", "GDP of all zones", "billion CNY", false}, gdp, nullptr},
    {{"total_subsidy", "subsidies paid by all zones", "billion CNY", false}, subsidy, nullptr},
    {{"subsidy_waste", "subsidies paid for relocations that only moved output between zones", "billion CNY",
      false},
     -1,
     &Z::subsidy_waste},
    {{"relocations", "enterprises that moved between zones in the year", "1", true}, relocations_in, nullptr},
    {{"total_external_funds", "money paid to zones under incentive schemes in the year", "billion CNY",
      false},
     external_funds,
     nullptr},
}};

namespace {

// Copies the zone state recorded at `stage` into the record.
void copy_zone_state(const World& w, YearStats& s, Stage stage) {
  for (int v = 0; v < kZoneVarCount; ++v)
    if (kZoneVars[v].state && kZoneVars[v].stage == stage) s.zone[v] = w.zones.*kZoneVars[v].state;
}

}  // namespace

YearStats::YearStats(int zones) {
  for (auto& v : zone) v.assign(static_cast<std::size_t>(zones), 0.0);
}

void collect_statistics(const World& w, YearStats& s) {
  const Enterprises& f = w.enterprises;
  const auto zones = static_cast<std::size_t>(w.zone_count());
  // Per zone: gdp, employment, firms, hightech_firms.
  const std::vector<double> sums = chunked_sum(f.size(), 4 * zones, [&](std::size_t e, double* p) {
    if (!(f.flags[e] & Enterprises::alive)) return;
    const std::size_t z = f.zone[e];
    p[z] += f.output[e];
    p[zones + z] += f.employment[e];
    p[2 * zones + z] += 1;
    p[3 * zones + z] += (f.flags[e] & Enterprises::hightech) ? 1 : 0;
  });
  s = YearStats(static_cast<int>(zones));
  s.year = w.year;
  const ZoneVar summed[4] = {gdp, employment, firms, hightech_firms};
  for (int v = 0; v < 4; ++v)
    std::copy_n(sums.begin() + static_cast<long>(v * zones), zones, s.zone[summed[v]].begin());
  for (std::size_t z = 0; z < zones; ++z)
    s.zone[occupancy][z] = s.zone[employment][z] / w.zones.land_capacity[z];
  copy_zone_state(w, s, Stage::observed);
}

void finish_statistics(const World& w, YearStats& s) {
  const auto zones = static_cast<std::size_t>(w.zone_count());
  copy_zone_state(w, s, Stage::governed);
  for (int t = 0; t < kTotalVarCount; ++t) {
    const TotalVarInfo& row = kTotalVars[t];
    const std::vector<double>& of = row.state ? w.zones.*row.state : s.zone[row.zone_var];
    double sum = 0;
    for (std::size_t z = 0; z < zones; ++z) sum += of[z];
    s.total[t] = sum;
  }
  check_statistics(w, s);  // first: the metrics refuse non-finite values without saying where they came from
  // Metrics describe the zones that exist (are active) in the year.
  std::vector<int> province;
  std::vector<std::size_t> members;
  for (std::size_t z = 0; z < zones; ++z)
    if (w.zones.active[z]) members.push_back(z), province.push_back(w.table.zones[z].province);
  const metrics::MetricParams params{w.params.metrics.top_k, w.params.metrics.esteban_ray_alpha};
  std::vector<double> values(members.size());
  for (std::size_t m = 0; m < kMetricVars.size(); ++m) {
    for (std::size_t i = 0; i < members.size(); ++i) values[i] = s.zone[kMetricVars[m]][members[i]];
    s.metric[m] = metrics::compute_all(values, province, static_cast<int>(w.table.provinces.size()), params);
  }
}

void check_statistics(const World& w, const YearStats& s) {
  for (int v = 0; v < kZoneVarCount; ++v) {
    const bool may_be_negative = kZoneVars[v].may_be_negative;
    for (std::size_t z = 0; z < s.zone[v].size(); ++z) {
      const double x = s.zone[v][z];
      if (std::isfinite(x) && (may_be_negative || x >= 0)) continue;
      throw NumericalError("variable " + std::string(kZoneVars[v].name) + " is " + std::to_string(x) +
                           " in zone " + std::to_string(z) + " (" + w.table.zones[z].name_en + ") in year " +
                           std::to_string(s.year));
    }
  }
  for (int v = 0; v < kTotalVarCount; ++v)
    if (!std::isfinite(s.total[v]) || s.total[v] < 0)
      throw NumericalError("total " + std::string(kTotalVars[v].name) + " is " + std::to_string(s.total[v]) +
                           " in year " + std::to_string(s.year));
}

}  // namespace zonesim
