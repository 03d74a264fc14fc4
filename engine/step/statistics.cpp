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
    {{"fiscal_balance",
      "subsidy budget the zone set aside but did not pay out in the year (spent on services)", "billion CNY",
      false},
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
    {{"public_cost",
      "public money spent in the zone on incentives in the year: subsidies, talent programmes, scheme money "
      "(whoever pays)",
      "billion CNY", false},
     &Z::public_cost,
     governed,
     false},
    {{"wage", "wage per worker (the zone's value added per worker times the national wage index)", "CNY/year",
      false},
     &Z::wage,
     observed,
     false},
    {{"talent_wage", "pay of the zone's R&D personnel relative to the initial pay (talent market)", "1",
      false},
     &Z::talent_wage,
     observed,
     false},
    {{"infrastructure", "land development and infrastructure stock", "billion CNY", false},
     &Z::infrastructure,
     governed,
     false},
    {{"industrial_gdp", "industrial value added (the six industrial sectors)", "billion CNY", false},
     &Z::industrial_gdp,
     governed,
     false},
    {{"energy_use", "energy use", "tce", false}, &Z::energy_use, governed, false},
    {{"co2_emissions", "CO2 emissions from energy use", "t", false}, &Z::co2_emissions, governed, false},
    {{"energy_intensity", "energy use per 10^4 CNY of industrial value added", "tce/(10^4 CNY)", false},
     &Z::energy_intensity,
     governed,
     false},
    {{"co2_intensity", "CO2 emissions per 10^4 CNY of industrial value added", "t/(10^4 CNY)", false},
     &Z::co2_intensity,
     governed,
     false},
    {{"little_giants", "simulated specialised 'little giant' SMEs located in the zone", "1", true},
     kSummed,
     observed,
     false},
    {{"unicorns", "simulated unicorns located in the zone", "1", true}, kSummed, observed, false},
    {{"poaching_offers", "targeted offers the zone made to enterprises of other zones in the year", "1",
      true},
     &Z::poaching_offers,
     governed,
     false},
    {{"poaching_moves", "enterprises that moved into the zone on one of its targeted offers in the year", "1",
      true},
     &Z::poaching_moves,
     governed,
     false},
    {{"retention_offers",
      "retention offers the zone made to its enterprises courted by other zones in the year", "1", true},
     &Z::retention_offers,
     governed,
     false},
    {{"cooperation_proposals", "cooperation agreements the zone proposed in the year", "1", true},
     &Z::cooperation_proposals,
     governed,
     false},
    {{"cooperation_agreements", "cooperation agreements of the zone in force at the end of the year", "1",
      true},
     &Z::cooperation_agreements,
     governed,
     false},
    {{"cooperation_refusals", "cooperation proposals the zone refused in the year", "1", true},
     &Z::cooperation_refusals,
     governed,
     false},
    {{"budget_subsidies", "discretionary budget set aside for subsidies and offers", "billion CNY", false},
     &Z::budget_subsidies,
     governed,
     false},
    {{"budget_services", "discretionary budget spent on service capacity", "billion CNY", false},
     &Z::budget_services,
     governed,
     false},
    {{"budget_land", "discretionary budget spent on land development and infrastructure", "billion CNY",
      false},
     &Z::budget_land,
     governed,
     false},
    {{"budget_talent", "discretionary budget spent on talent programmes", "billion CNY", false},
     &Z::budget_talent,
     governed,
     false},
    {{"budget_cooperation",
      "discretionary budget committed to cooperation agreements and co-built projects (schemes)",
      "billion CNY", false},
     &Z::budget_cooperation,
     governed,
     false},
}};

namespace {
// A ratio of two totals of this year's record (they come earlier in kTotalVars, so they are summed already),
// per 10^4 CNY of a total in billion CNY.
double per_10k_cny(const YearStats& s, TotalVar numerator, TotalVar denominator) {
  return s.total[denominator] > 0 ? s.total[numerator] / (1e5 * s.total[denominator]) : 0.0;
}
}  // namespace

const std::array<TotalVarInfo, kTotalVarCount> kTotalVars = {{
    {{"total_gdp", "GDP of all zones", "billion CNY", false}, gdp, nullptr, nullptr},
    {{"total_subsidy", "subsidies paid by all zones", "billion CNY", false}, subsidy, nullptr, nullptr},
    {{"subsidy_waste", "subsidies paid for relocations that only moved output between zones", "billion CNY",
      false},
     -1,
     &Z::subsidy_waste,
     nullptr},
    {{"relocations", "enterprises that moved between zones in the year", "1", true},
     relocations_in,
     nullptr,
     nullptr},
    {{"total_external_funds", "money paid to zones under incentive schemes in the year", "billion CNY",
      false},
     external_funds,
     nullptr,
     nullptr},
    {{"total_public_cost", "public money spent on incentives in all zones in the year", "billion CNY", false},
     public_cost,
     nullptr,
     nullptr},
    {{"total_industrial_gdp", "industrial value added of all zones", "billion CNY", false},
     industrial_gdp,
     nullptr,
     nullptr},
    {{"total_energy_use", "energy use of all zones", "tce", false}, energy_use, nullptr, nullptr},
    {{"total_co2_emissions", "CO2 emissions of all zones", "t", false}, co2_emissions, nullptr, nullptr},
    {{"mean_energy_intensity", "energy use of all zones per 10^4 CNY of their industrial value added",
      "tce/(10^4 CNY)", false},
     -1,
     nullptr,
     [](const World&, const YearStats& s) { return per_10k_cny(s, total_energy_use, total_industrial_gdp); }},
    {{"mean_co2_intensity", "CO2 emissions of all zones per 10^4 CNY of their industrial value added",
      "t/(10^4 CNY)", false},
     -1,
     nullptr,
     [](const World&, const YearStats& s) {
       return per_10k_cny(s, total_co2_emissions, total_industrial_gdp);
     }},
    {{"labour_pool", "workers available to the zones (the national labour pool)", "persons", false},
     -1,
     nullptr,
     [](const World& w, const YearStats&) { return w.markets.labour_pool; }},
    {{"wage_index", "national wage level relative to the initial one (labour market)", "1", false},
     -1,
     nullptr,
     [](const World& w, const YearStats&) { return w.markets.wage_index; }},
    {{"talent_pool", "national R&D personnel, in the zones and outside (talent market)", "persons", false},
     -1,
     nullptr,
     [](const World& w, const YearStats&) { return w.markets.talent_pool; }},
    {{"total_rnd_personnel", "R&D personnel of all zones", "persons", false},
     rnd_personnel,
     nullptr,
     nullptr},
    {{"total_poaching_offers", "targeted offers made by all zones in the year", "1", true},
     poaching_offers,
     nullptr,
     nullptr},
    {{"total_poaching_moves", "enterprises that moved on a targeted offer in the year (all zones)", "1",
      true},
     poaching_moves,
     nullptr,
     nullptr},
    {{"total_retention_offers", "retention offers made by all zones in the year", "1", true},
     retention_offers,
     nullptr,
     nullptr},
    {{"total_cooperation_proposals", "cooperation agreements proposed in the year (all zones)", "1", true},
     cooperation_proposals,
     nullptr,
     nullptr},
    {{"total_cooperation_agreements",
      "cooperation agreements in force at the end of the year (each between two zones)", "1", true},
     -1,
     nullptr,
     [](const World&, const YearStats& s) {
       double sum = 0;
       for (double x : s.zone[cooperation_agreements]) sum += x;
       return sum / 2;
     }},
    {{"total_cooperation_refusals", "cooperation proposals refused in the year (all zones)", "1", true},
     cooperation_refusals,
     nullptr,
     nullptr},
    {{"total_budget_subsidies", "discretionary budget set aside for subsidies and offers (all zones)",
      "billion CNY", false},
     budget_subsidies,
     nullptr,
     nullptr},
    {{"total_budget_services", "discretionary budget spent on service capacity (all zones)", "billion CNY",
      false},
     budget_services,
     nullptr,
     nullptr},
    {{"total_budget_land", "discretionary budget spent on land development and infrastructure (all zones)",
      "billion CNY", false},
     budget_land,
     nullptr,
     nullptr},
    {{"total_budget_talent", "discretionary budget spent on talent programmes (all zones)", "billion CNY",
      false},
     budget_talent,
     nullptr,
     nullptr},
    {{"total_budget_cooperation",
      "discretionary budget committed to cooperation agreements and co-built projects and schemes (all "
      "zones)",
      "billion CNY", false},
     budget_cooperation,
     nullptr,
     nullptr},
}};

static_assert(total_industrial_gdp < mean_energy_intensity && total_energy_use < mean_energy_intensity &&
                  total_co2_emissions < mean_co2_intensity,
              "a ratio of totals comes after the totals it divides");
static_assert(kSectorCount == 8, "YearStats::sector holds 8 sectors");
const std::array<VarInfo, kSectorVarCount> kSectorVars = {{
    {"sector_gdp", "value added of the zones' enterprises in the sector", "billion CNY", false},
    {"sector_firms", "simulated enterprises of the sector", "1", true},
    {"sector_price", "the sector's price relative to the initial one (sector demand)", "1", false},
    {"sector_exits", "enterprises of the sector that exited in the year", "1", true},
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
  // Per zone: gdp, employment, firms, hightech_firms, little_giants, unicorns; per sector: gdp, firms.
  constexpr int kSummedVars = 6;
  const std::size_t sectors_at = kSummedVars * zones;
  const std::vector<double> sums =
      chunked_sum(f.size(), sectors_at + 2 * kSectorCount, [&](std::size_t e, double* p) {
        const std::uint8_t flags = f.flags[e];
        if (!(flags & Enterprises::alive)) return;
        const std::size_t z = f.zone[e];
        p[z] += f.output[e];
        p[zones + z] += f.employment[e];
        p[2 * zones + z] += 1;
        p[3 * zones + z] += (flags & Enterprises::hightech) ? 1 : 0;
        p[4 * zones + z] += (flags & Enterprises::little_giant) ? 1 : 0;
        p[5 * zones + z] += (flags & Enterprises::unicorn) ? 1 : 0;
        p[sectors_at + static_cast<std::size_t>(f.sector[e])] += f.output[e];
        p[sectors_at + kSectorCount + static_cast<std::size_t>(f.sector[e])] += 1;
      });
  s = YearStats(static_cast<int>(zones));
  s.year = w.year;
  const ZoneVar summed[kSummedVars] = {gdp, employment, firms, hightech_firms, little_giants, unicorns};
  for (int v = 0; v < kSummedVars; ++v)
    std::copy_n(sums.begin() + static_cast<long>(v * zones), zones, s.zone[summed[v]].begin());
  for (std::size_t k = 0; k < kSectorCount; ++k) {
    s.sector[sector_gdp][k] = sums[sectors_at + k];
    s.sector[sector_firms][k] = sums[sectors_at + kSectorCount + k];
    s.sector[sector_price][k] = w.markets.sector_price[k];
    s.sector[sector_exits][k] = w.markets.sector_exits[k];
  }
  for (std::size_t z = 0; z < zones; ++z)
    s.zone[occupancy][z] = s.zone[employment][z] / w.zones.land_capacity[z];
  copy_zone_state(w, s, Stage::observed);
}

void finish_statistics(const World& w, YearStats& s) {
  const auto zones = static_cast<std::size_t>(w.zone_count());
  copy_zone_state(w, s, Stage::governed);
  for (int t = 0; t < kTotalVarCount; ++t) {
    const TotalVarInfo& row = kTotalVars[t];
    if (row.compute) {
      s.total[t] = row.compute(w, s);
      continue;
    }
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
  for (int v = 0; v < kSectorVarCount; ++v)
    for (int k = 0; k < kSectorCount; ++k)
      if (!std::isfinite(s.sector[v][k]) || s.sector[v][k] < 0)
        throw NumericalError("variable " + std::string(kSectorVars[v].name) + " is " +
                             std::to_string(s.sector[v][k]) + " in sector " +
                             sector_name(static_cast<Sector>(k)) + " in year " + std::to_string(s.year));
}

}  // namespace zonesim
