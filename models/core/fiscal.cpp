// Budgets of the zones' management committees (seed 000 challenge 1: the city funds the zone and sets its
// targets; seed 001 section 1: subsidies that only move firms between zones are waste).
//   revenue = tax_rate * GDP;  budget = revenue * (1 + city_transfer);  discretionary = share * budget
//   subsidy budget = discretionary * subsidy_share (decided last year);  talent = discretionary * talent_share
//   scheme money committed by mechanisms (earmarked);  services = the rest, of which development_share
//   builds infrastructure (land development) and the rest service capacity.
// So every yuan of subsidy, talent programme or scheme is a yuan less of services and infrastructure: public
// money has its opportunity cost. Subsidies due = sum over eligible enterprises of promised rate * value
// added; the zone pays at most its subsidy budget (pro rata), so no budget is ever exceeded. Waste = the part
// paid to enterprises that came by moving. Public cost = subsidies paid + talent programme + earmarked scheme
// money + the scheme money others paid into the zone (public_spending: provinces' funds, the centre's pilot
// money, transfers, other zones' equity).
#include "core/fiscal.hpp"

#include <algorithm>

#include "zonesim/model/reduce.hpp"
#include "zonesim/model/statistics.hpp"
#include "zonesim/model/world.hpp"

namespace zonesim {

namespace {
constexpr Phase kPhases[] = {Phase::governments};
}

std::span<const Phase> Fiscal::phases() const { return kPhases; }

// An enterprise receives its promised rate for subsidy_years after it arrived (moved in, or was born).
void Fiscal::expire_subsidies(World& w) const {
  Enterprises& f = w.enterprises;
  const std::size_t n = f.size();
  const int year = w.year, years = g_.subsidy_years;
#pragma omp parallel for schedule(static)
  for (std::size_t e = 0; e < n; ++e) {
    if (f.subsidy_rate[e] <= 0) continue;
    const int arrived = f.move_year[e] != 0 ? f.move_year[e] : year - f.age[e];
    if (!(f.flags[e] & Enterprises::alive) || year - arrived >= years) f.subsidy_rate[e] = 0;
  }
}

void Fiscal::run(Phase, World& w, const YearStats& stats) {
  expire_subsidies(w);
  const Enterprises& f = w.enterprises;
  const auto Z = static_cast<std::size_t>(w.zone_count());
  // Per zone: subsidies due, of which to movers.
  const std::vector<double> due = chunked_sum(f.size(), 2 * Z, [&](std::size_t e, double* p) {
    if (!(f.flags[e] & Enterprises::alive) || f.subsidy_rate[e] <= 0) return;
    const double d = f.subsidy_rate[e] * f.output[e];
    p[f.zone[e]] += d;
    if (f.move_year[e] != 0) p[Z + f.zone[e]] += d;
  });
  ZoneState& zs = w.zones;
  for (std::size_t z = 0; z < Z; ++z) {
    zs.revenue[z] = g_.tax_rate * stats.zone[gdp][z];
    zs.transfers_in[z] = g_.city_transfer * zs.revenue[z];
    const double discretionary = g_.discretionary_share * (zs.revenue[z] + zs.transfers_in[z]);
    zs.subsidy_budget[z] = discretionary * zs.subsidy_share[z];
    const bool short_of_money = due[z] > zs.subsidy_budget[z];
    zs.payout_ratio[z] = short_of_money ? zs.subsidy_budget[z] / due[z] : 1.0;
    zs.subsidy_paid[z] = short_of_money ? zs.subsidy_budget[z] : due[z];
    zs.subsidy_waste[z] = std::min(zs.subsidy_paid[z], zs.payout_ratio[z] * due[Z + z]);
    // Talent programmes and what mechanisms committed (earmarked) come next; services get what is left.
    zs.talent_programme[z] = std::min(discretionary * g_.talent_share, discretionary - zs.subsidy_budget[z]);
    const double free = discretionary - zs.subsidy_budget[z] - zs.talent_programme[z];
    zs.earmarked[z] = std::min(zs.earmarked[z], free);
    zs.services_spending[z] = free - zs.earmarked[z];
    zs.development_spending[z] = g_.development_share * zs.services_spending[z];
    zs.service_capacity[z] = (1 - g_.service_depreciation) * zs.service_capacity[z] +
                             zs.services_spending[z] - zs.development_spending[z];
    zs.infrastructure[z] =
        (1 - infrastructure_depreciation_) * zs.infrastructure[z] + zs.development_spending[z];
    zs.public_cost[z] = zs.subsidy_paid[z] + zs.talent_programme[z] + zs.earmarked[z] + zs.public_spending[z];
    // Revenue and transfers, less running costs, subsidies paid, services and earmarked spending: the unspent
    // subsidy budget.
    zs.fiscal_balance[z] = zs.subsidy_budget[z] - zs.subsidy_paid[z];
  }
}

}  // namespace zonesim
