// Budgets of the zones' management committees (seed 000 challenge 1: the city funds the zone and sets its
// targets; seed 001 section 1: subsidies that only move firms between zones are waste).
//   revenue = tax_rate * GDP;  budget = revenue * (1 + city_transfer);  discretionary = share * budget
//   subsidy budget = discretionary * subsidy_share (decided last year; what it does not pay out goes to the
//   other uses);  talent = discretionary * talent_share;  agreements' and schemes' money (earmarked);
//   services = the rest, of which development_share builds infrastructure (land development) and the rest
//   service capacity. The shares are the zone government's choices (models/core/governments.cpp).
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
  // Per zone: posted-rate subsidies due, of which to movers.
  const std::vector<double> due_rates = chunked_sum(f.size(), 2 * Z, [&](std::size_t e, double* p) {
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
    // Due: posted rates and the lump sums of targeted and retention offers taken this year.
    const double due = due_rates[z] + zs.offer_payments[z];
    const double wasted = due_rates[Z + z] + zs.offer_waste[z];
    const bool short_of_money = due > zs.subsidy_budget[z];
    zs.payout_ratio[z] = short_of_money ? zs.subsidy_budget[z] / due : 1.0;
    zs.subsidy_paid[z] = short_of_money ? zs.subsidy_budget[z] : due;
    zs.subsidy_waste[z] = std::min(zs.subsidy_paid[z], zs.payout_ratio[z] * wasted);
    // Talent programmes and what is committed to agreements and schemes (earmarked) come next; services and
    // land get what is left, split as the government chose (models/core/governments.cpp).
    // What the subsidy budget did not pay out is spent on the rest in the same year.
    zs.talent_programme[z] = std::min(discretionary * zs.talent_share[z], discretionary - zs.subsidy_paid[z]);
    const double free = discretionary - zs.subsidy_paid[z] - zs.talent_programme[z];
    zs.earmarked[z] = std::min(zs.earmarked[z] + zs.agreement_cost[z], free);
    zs.public_spending[z] += zs.agreement_support[z];  // the province's part of the agreements' cost
    zs.services_spending[z] = free - zs.earmarked[z];
    zs.development_spending[z] = zs.development_share[z] * zs.services_spending[z];
    zs.budget_subsidies[z] = zs.subsidy_paid[z];
    zs.budget_talent[z] = zs.talent_programme[z];
    zs.budget_cooperation[z] = zs.earmarked[z];
    zs.budget_land[z] = zs.development_spending[z];
    zs.budget_services[z] = zs.services_spending[z] - zs.development_spending[z];
    zs.service_capacity[z] = (1 - g_.service_depreciation) * zs.service_capacity[z] +
                             zs.services_spending[z] - zs.development_spending[z];
    zs.infrastructure[z] =
        (1 - infrastructure_depreciation_) * zs.infrastructure[z] + zs.development_spending[z];
    zs.public_cost[z] = zs.subsidy_paid[z] + zs.talent_programme[z] + zs.earmarked[z] + zs.public_spending[z];
    // The subsidy budget left unpaid (spent on the other uses above).
    zs.fiscal_balance[z] = zs.subsidy_budget[z] - zs.subsidy_paid[z];
  }
}

}  // namespace zonesim
