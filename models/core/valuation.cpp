// Valuation of actions for zone governments (docs/decisions.md, "Valuation"):
//   booked_z   = (k_gdp / s_gdp + k_tax / s_tax) / GDP_z        score per billion CNY booked for a year
//   services_z = (k_gdp / s_gdp + k_tax / s_tax) * e_s * P(d_s) / (own + imported - exported services)
//   land_z     = (k_gdp / s_gdp + k_tax / s_tax) * e_i * P(d_i) / infrastructure
//   talent_z   = (k_inn / s_inn) * rnd_weight * ww / (ww + 1) * programme_weight / (payroll * (1 + top-up))
//   money_z    = max(services_z, land_z, talent_z)
// where k are the zone's effective weights, s the spread (s.d. across zones, floored) of each criterion last
// scored, e_s and e_i the output elasticities of services and infrastructure, P(d) = sum over the horizon of
// (1 - d)^t. A yuan of services raises every firm's place factor by e_s / services (in logs), hence GDP by
// that share; a yuan of talent programme raises researchers' pay by programme_weight / payroll (payroll =
// staff * salary * pay level), their number by ww / (ww + 1) of that (ww = talent.wage_weight: supply rises,
// the market wage falls) and patents by rnd_weight times the rise of staff.
#include "core/valuation.hpp"

#include <algorithm>
#include <cmath>

#include "core/tournament.hpp"
#include "zonesim/model/statistics.hpp"

namespace zonesim {

namespace {
// Floors of the criteria's spreads, so that a criterion on which all zones are equal (no agreements yet)
// still has a finite value: 1% growth, half an agreement's weight, 1% of enterprises.
constexpr double kScaleFloor[7] = {0.01, 0.01, 0.01, 0.5, 0.01, 0.01, 0.01};
double scale(const World& w, int i) {
  return std::max(w.criterion_scale[static_cast<std::size_t>(i)], kScaleFloor[i]);
}
}  // namespace

double persistence(double depreciation, int horizon) {
  double sum = 0, left = 1;
  for (int t = 0; t < horizon; ++t, left *= 1 - depreciation) sum += left;
  return sum;
}

double booked_years_kept_by_origin(const AttributionRule& rule, int horizon) {
  return rule.origin_share * std::min(rule.years, horizon);
}

double booked_years_at_destination(const AttributionRule& rule, int horizon) {
  return horizon - booked_years_kept_by_origin(rule, horizon);
}

ZoneValues value_zones(const World& w, const YearStats& stats, const ScenarioSpec& spec) {
  const auto Z = static_cast<std::size_t>(w.zone_count());
  const GovernmentSpec& g = spec.governments;
  const double p_services = persistence(g.service_depreciation, g.horizon);
  const double p_land = persistence(spec.infrastructure.depreciation, g.horizon);
  const TalentSpec& t = spec.talent;
  ZoneValues v;
  for (auto* x : {&v.booked, &v.urgency, &v.services, &v.land, &v.talent, &v.money, &v.discretionary,
                  &v.cooperation, &v.radiation, &v.national, &v.innovation, &v.own_gdp_growth})
    x->assign(Z, 0.0);
  const ZoneState& zs = w.zones;
  for (std::size_t z = 0; z < Z; ++z) {
    if (!zs.active[z]) continue;
    const EvaluationSpec k = effective_weights(w, static_cast<int>(z));
    const double growth = k.gdp / scale(w, 0) + k.tax / scale(w, 1);
    const double gdp = std::max(stats.zone[ZoneVar::gdp][z], 1e-6);
    v.booked[z] = growth / gdp;
    v.own_gdp_growth[z] = k.gdp / scale(w, 0);
    v.urgency[z] = 1 + g.escalation * zs.tournament_pressure[z];
    const double services =
        std::max(zs.service_capacity[z] + zs.service_import[z] - zs.service_export[z], 1e-3 * gdp);
    v.services[z] = growth * spec.production.service_elasticity * p_services / services;
    v.land[z] = growth * spec.infrastructure.elasticity * p_land / std::max(zs.infrastructure[z], 1e-3 * gdp);
    v.innovation[z] = k.innovation / scale(w, 2);
    // The talent market clears: a pay top-up raises supply (elasticity wage_weight) and lowers the market
    // wage, so staff rise by wage_weight / (wage_weight + 1) of it (demand elasticity 1); the top-up is
    // log(1 + tau), so a yuan more buys less as the programme grows.
    const double payroll = std::max(zs.rnd_personnel[z], 1.0) * t.salary * w.markets.pay_level;
    const double top_up = t.programme_weight * zs.talent_programme[z] / payroll;
    v.talent[z] = v.innovation[z] * t.rnd_weight * t.wage_weight / (t.wage_weight + 1) * t.programme_weight /
                  (payroll * (1 + top_up));
    v.money[z] = std::max({v.services[z], v.land[z], v.talent[z], 1e-12});
    v.discretionary[z] = g.discretionary_share * (zs.revenue[z] + zs.transfers_in[z]);
    v.cooperation[z] = k.cooperation / scale(w, 3);
    v.radiation[z] = k.radiation / scale(w, 4);
    v.national[z] = k.national / scale(w, 5);
  }
  return v;
}

}  // namespace zonesim
