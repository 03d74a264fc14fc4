#include "zonesim/model/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "zonesim/errors.hpp"
#include "zonesim/model/reduce.hpp"
#include "zonesim/model/world.hpp"

namespace zonesim {

const std::array<VarInfo, kZoneVarCount> kZoneVars = {{
    {"gdp", "zone GDP (value added of the enterprises located in the zone)", "billion CNY", false},
    {"gdp_attributed", "zone GDP as attributed for evaluation (output-sharing rules)", "billion CNY", false},
    {"employment", "employees of the zone's enterprises", "persons", false},
    {"firms", "simulated enterprises located in the zone", "1", true},
    {"hightech_firms", "simulated high-tech enterprises located in the zone", "1", true},
    {"patents", "invention patents granted in the year", "1", false},
    {"patent_stock", "invention patents in force (depreciated stock)", "1", false},
    {"rnd_personnel", "R&D personnel (full-time equivalent)", "persons", false},
    {"subsidy", "subsidies paid by the zone to enterprises in the year", "billion CNY", false},
    {"fiscal_balance", "zone budget balance: revenue minus spending in the year", "billion CNY", false},
    {"occupancy", "employment over land capacity", "1", false},
    {"equity_out", "equity held by the zone's asset company in other zones", "billion CNY", false},
    {"equity_in", "equity held in the zone by other zones' asset companies", "billion CNY", false},
    {"relocations_in", "enterprises that moved into the zone in the year", "1", true},
    {"relocations_out", "enterprises that moved out of the zone in the year", "1", true},
    {"external_funds", "money received under incentive schemes (province, centre, other zones) in the year",
     "billion CNY", false},
}};

const std::array<VarInfo, kTotalVarCount> kTotalVars = {{
    {"total_gdp", "GDP of all zones", "billion CNY", false},
    {"total_subsidy", "subsidies paid by all zones", "billion CNY", false},
    {"subsidy_waste", "subsidies paid for relocations that only moved output between zones", "billion CNY", false},
    {"relocations", "enterprises that moved between zones in the year", "1", true},
    {"total_external_funds", "money paid to zones under incentive schemes in the year", "billion CNY", false},
}};

YearStats::YearStats(int zones) {
  for (auto& v : zone) v.assign(static_cast<std::size_t>(zones), 0.0);
}

void collect_statistics(const World& w, YearStats& s) {
  const Enterprises& f = w.firms;
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
  for (std::size_t z = 0; z < zones; ++z) {
    s.zone[gdp_attributed][z] = s.zone[gdp][z];  // the attribution phase may change it
    s.zone[patents][z] = w.zones.patents[z];
    s.zone[patent_stock][z] = w.zones.patent_stock[z];
    s.zone[rnd_personnel][z] = w.zones.rnd_personnel[z];
    s.zone[occupancy][z] = s.zone[employment][z] / w.zones.land_capacity[z];
    s.zone[relocations_in][z] = w.zones.relocations_in[z];
    s.zone[relocations_out][z] = w.zones.relocations_out[z];
  }
}

void finish_statistics(const World& w, YearStats& s) {
  const auto zones = static_cast<std::size_t>(w.zone_count());
  s.total.fill(0.0);
  // Zone state that the governments phase (and mechanisms acting in it) may have changed after collection.
  for (std::size_t z = 0; z < zones; ++z) {
    s.zone[equity_out][z] = w.zones.equity_out[z];
    s.zone[equity_in][z] = w.zones.equity_in[z];
    s.zone[external_funds][z] = w.zones.external_funds[z];
  }
  for (std::size_t z = 0; z < zones; ++z) {
    s.total[total_gdp] += s.zone[gdp][z];
    s.total[total_subsidy] += s.zone[subsidy][z];
    s.total[relocations] += s.zone[relocations_in][z];
    s.total[subsidy_waste] += w.zones.subsidy_waste[z];
    s.total[total_external_funds] += s.zone[external_funds][z];
  }
  check_statistics(w, s);  // first: the metrics refuse non-finite values without saying where they came from
  // Metrics describe the zones that exist (are active) in the year.
  std::vector<int> province;
  std::vector<std::size_t> members;
  for (std::size_t z = 0; z < zones; ++z)
    if (w.zones.active[z]) members.push_back(z), province.push_back(w.table.zones[z].province);
  const metrics::MetricParams params{w.spec->metrics.top_k, w.spec->metrics.esteban_ray_alpha};
  std::vector<double> values(members.size());
  for (std::size_t m = 0; m < kMetricVars.size(); ++m) {
    for (std::size_t i = 0; i < members.size(); ++i) values[i] = s.zone[kMetricVars[m]][members[i]];
    s.metric[m] = metrics::compute_all(values, province, static_cast<int>(w.table.provinces.size()), params);
  }
}

void check_statistics(const World& w, const YearStats& s) {
  for (int v = 0; v < kZoneVarCount; ++v) {
    const bool may_be_negative = v == fiscal_balance;
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
