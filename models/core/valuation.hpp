#pragma once
// What an action is worth to a zone government (docs/decisions.md, "Valuation"). A government's objective is
// its evaluation score: the tournament's criteria, each standardised across zones, weighted by the zone's
// effective weights (its evaluation mixed with the national orientation by dual leadership). It values a
// change of a criterion by weight / spread of that criterion across zones, and forecasts myopically: what an
// action brings this year is taken to last over its horizon (the rest of a term of office).
#include <vector>

#include "zonesim/model/world.hpp"

namespace zonesim {

struct YearStats;

struct ZoneValues {
  // Score per billion CNY of GDP booked (attributed) to the zone for one year: (w_gdp / s_gdp + w_tax /
  // s_tax) / GDP (GDP growth and revenue growth both rise by the booked share of the zone's GDP).
  std::vector<double> booked;
  // 1 + escalation * tournament pressure: the weight a government under pressure puts on output booked at
  // once (a mover, an entrant) against output that builds up (services, land, talent).
  std::vector<double> urgency;
  // Marginal score per billion CNY of the discretionary budget, over the horizon, in each lasting use:
  // services, land development, talent programmes; `money` is the best of them (the shadow price of money,
  // what a yuan spent elsewhere must beat).
  std::vector<double> services, land, talent, money;
  std::vector<double> discretionary;  // this year's discretionary budget, billion CNY
  // Score per unit of a criterion's change: cooperation (edge weight), radiation (per enterprise and per
  // share of the knowledge stock diffused), national (share of high-tech enterprises), innovation (log).
  std::vector<double> cooperation, radiation, national, innovation, own_gdp_growth;
};

// The zones' values this year, from the state after Fiscal and Tournament (the stats are this year's).
ZoneValues value_zones(const World& world, const YearStats& stats, const ScenarioSpec& spec);

// Years of the horizon during which output moved from its origin counts to its new zone under the
// attribution rule (output sharing), and to the origin: the mover's booked years, destination and origin.
double booked_years_at_destination(const AttributionRule& rule, int horizon);
double booked_years_kept_by_origin(const AttributionRule& rule, int horizon);

// Sum over the horizon of what survives of a stock built this year: sum_{t < horizon} (1 - depreciation)^t.
double persistence(double depreciation, int horizon);

}  // namespace zonesim
