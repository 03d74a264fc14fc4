// Production: y = A * l^alpha * place factor, the place factor holding agglomeration (own-sector and
// all-sector employment), the zone's knowledge stock, services and infrastructure, and the sector's price
// (models/core/sector_demand.cpp); wages (the zone's value added per worker times the national wage index of
// the labour market, models/core/labour.cpp) and a congestion rent rising with occupancy make crowded zones
// costly. Seed 000 (challenge 5) on digital firms' weak place ties; seed 001 section 1 on
// siphoning.
#include "core/production.hpp"

#include <algorithm>
#include <cmath>

#include "zonesim/model/economy.hpp"
#include "zonesim/model/reduce.hpp"
#include "zonesim/model/statistics.hpp"

namespace zonesim {

namespace {
constexpr Phase kPhases[] = {Phase::production};
constexpr auto S = static_cast<std::size_t>(kSectorCount);

// Employment that counts for agglomeration: the zone's own plus what 1+N links share in (chain links: the
// partner's employment in the same sector; fusion links: the partner's total employment). Identity without
// links.
void add_linked_employment(const World& w, std::vector<double>& sector_emp, std::vector<double>& zone_emp) {
  const auto Z = static_cast<std::size_t>(w.zone_count());
  const std::vector<double> own_sector = sector_emp, own_total = zone_emp;
  for (std::size_t a = 0; a < Z; ++a)
    for (std::size_t b = 0; b < Z; ++b) {
      const double chain = w.chain_links[a * Z + b], fusion = w.fusion_links[a * Z + b];
      if (chain > 0)
        for (std::size_t s = 0; s < S; ++s) sector_emp[a * S + s] += chain * own_sector[b * S + s];
      if (fusion > 0) zone_emp[a] += fusion * own_total[b];
    }
}

}  // namespace

std::span<const Phase> Production::phases() const { return kPhases; }

void Production::update_market(World& w) const {
  const auto Z = static_cast<std::size_t>(w.zone_count());
  const Enterprises& f = w.enterprises;
  // Per zone and sector: employment; per zone: employment, output.
  const std::vector<double> sums = chunked_sum(f.size(), Z * S + 2 * Z, [&](std::size_t e, double* p) {
    if (!(f.flags[e] & Enterprises::alive)) return;
    const std::size_t z = f.zone[e];
    p[z * S + static_cast<std::size_t>(f.sector[e])] += f.employment[e];
    p[Z * S + z] += f.employment[e];
    p[Z * S + Z + z] += f.output[e];
  });
  const std::vector<double> sector_own(sums.begin(), sums.begin() + static_cast<long>(Z * S));
  const double* zone_emp = sums.data() + Z * S;
  const double* zone_out = sums.data() + Z * S + Z;
  double total_emp = 0, total_out = 0, total_knowledge = 0, total_services = 0, total_infra = 0, active = 0;
  std::vector<double> mean_sector_emp(S, 0.0);
  for (std::size_t z = 0; z < Z; ++z) active += w.zones.active[z];
  for (std::size_t z = 0; z < Z; ++z) {
    if (!w.zones.active[z]) continue;
    total_emp += zone_emp[z];
    total_out += zone_out[z];
    total_knowledge += w.zones.patent_stock[z];
    total_services += w.zones.service_capacity[z];
    total_infra += w.zones.infrastructure[z];
    for (std::size_t s = 0; s < S; ++s) mean_sector_emp[s] += sector_own[z * S + s] / active;
  }
  std::vector<double> sector_emp = sector_own, linked_emp(zone_emp, zone_emp + Z);
  add_linked_employment(w, sector_emp, linked_emp);
  if (!ref_.set)
    ref_ = {true,
            mean_sector_emp,
            total_emp / active,
            total_knowledge / active,
            total_services / active,
            total_infra / active};
  const double mean_emp = ref_.employment, mean_knowledge = ref_.knowledge, mean_services = ref_.services;
  const double mean_infra = ref_.infrastructure;
  const double national_productivity = total_out / std::max(total_emp, 1.0);
  for (std::size_t z = 0; z < Z; ++z) {
    const double all = std::log(std::max(linked_emp[z], 1.0) / std::max(mean_emp, 1.0));
    const double know = std::log(std::max(w.zones.patent_stock[z], 1.0) / std::max(mean_knowledge, 1.0));
    const double own_services =
        std::max(w.zones.service_capacity[z] + w.zones.service_import[z] - w.zones.service_export[z], 0.0);
    const double services =
        mean_services > 0 ? std::log(std::max(own_services, 1e-9 * mean_services) / mean_services) : 0;
    const double infra =
        mean_infra > 0 ? std::log(std::max(w.zones.infrastructure[z], 1e-9 * mean_infra) / mean_infra) : 0;
    for (std::size_t s = 0; s < S; ++s) {
      const double own =
          std::log(std::max(sector_emp[z * S + s], 1.0) / std::max(ref_.sector_employment[s], 1.0));
      const double tie = s == static_cast<std::size_t>(Sector::digital_services) ? w.digital_place_tie : 1.0;
      w.zones.place_factor[z * S + s] =
          w.markets.sector_price[s] *
          std::exp(tie * (p_.own_sector_agglomeration * own + p_.all_sector_agglomeration * all +
                          p_.knowledge_elasticity * know + p_.service_elasticity * services +
                          infrastructure_elasticity_ * infra));
    }
    const double occupancy = zone_emp[z] / w.zones.land_capacity[z];
    const double wage = w.markets.wage_index * p_.wage_share * zone_out[z] / std::max(zone_emp[z], 1.0);
    w.zones.wage[z] = zone_emp[z] > 0 ? wage * 1e9 : 0.0;  // CNY per person-year
    const double rent = p_.rent_scale * national_productivity * std::pow(occupancy, p_.rent_exponent);
    w.zones.occupancy[z] = occupancy;
    w.zones.labour_cost[z] = wage + rent;
  }
}

// Generated enterprises (the initial ones, those of an entering zone) get the productivity that makes
// y = A * l^alpha * place factor reproduce their generated output.
void Production::calibrate_fresh(World& w) const {
  Enterprises& f = w.enterprises;
  const std::size_t n = f.size();
#pragma omp parallel for schedule(static)
  for (std::size_t e = 0; e < n; ++e) {
    if ((f.flags[e] & (Enterprises::alive | Enterprises::fresh)) != (Enterprises::alive | Enterprises::fresh))
      continue;
    f.productivity[e] = f.output[e] / (employment_power(f.employment[e], p_.labour_elasticity) *
                                       place_factor(w, f.zone[e], f.sector[e]));
    f.flags[e] = static_cast<std::uint8_t>(f.flags[e] & ~Enterprises::fresh);
  }
}

// At the first step, the reference margin is the initial output-weighted mean margin (so employment does not
// drift on average).
void Production::calibrate(World& w) {
  const Enterprises& f = w.enterprises;
  const std::size_t n = f.size();
  const std::vector<double> sums = chunked_sum(n, 2, [&](std::size_t e, double* p) {
    if (!(f.flags[e] & Enterprises::alive)) return;
    p[0] +=
        enterprise_profit(f.output[e], f.rnd_intensity[e], f.employment[e], w.zones.labour_cost[f.zone[e]]);
    p[1] += f.output[e];
  });
  reference_margin_ = sums[0] / sums[1];
  calibrated_ = true;
}

void Production::run(Phase, World& w, const YearStats&) {
  update_market(w);
  calibrate_fresh(w);
  if (!calibrated_) calibrate(w);
  Enterprises& f = w.enterprises;
  const std::size_t n = f.size();
  const double drift = 1.0 + p_.trend_growth + p_.trend_growth_slope * (w.step - 1);
  const double cap = p_.max_employment_change;
#pragma omp parallel for schedule(static)
  for (std::size_t e = 0; e < n; ++e) {
    if (!(f.flags[e] & Enterprises::alive)) continue;
    f.productivity[e] *= drift;
    const double y = enterprise_output(w, e, p_.labour_elasticity);
    const double profit = enterprise_profit(y, f.rnd_intensity[e], f.employment[e],
                                            w.zones.labour_cost[f.zone[e]], received_subsidy_share(w, e));
    f.output[e] = y;
    f.profit[e] = static_cast<float>(profit);
    f.loss_years[e] = profit < 0 ? static_cast<std::uint8_t>(std::min(f.loss_years[e] + 1, 255)) : 0;
    // Employment follows profitability: firms above the reference margin hire, those below shed jobs.
    const double change = std::clamp(
        p_.employment_trend + p_.employment_response * ((y > 0 ? profit / y : 0.0) - reference_margin_), -cap,
        cap);
    f.employment[e] *= std::exp(static_cast<float>(change));  // float, as employment is stored
  }
}

}  // namespace zonesim
