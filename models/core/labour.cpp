// The labour market (seed 001 section 1 on zones competing for the same resources; seed 000 challenge 3 on
// subsidies that only move firms). The zones draw on one national pool of workers,
//   pool_t = pool_{t-1} * (1 + pool_growth + pool_growth_slope * (t - 1)) + the workers of zones entering,
//   pool_0 = the zones' initial employment (the table's figures).
// After production has set each enterprise's wanted employment and entry, exit and moves have run, demand
// meets the pool: where the enterprises want more workers than the pool holds, the wage rises within the year
// and every enterprise's employment is scaled by pool / demand (a common wage elasticity of labour demand),
// so the zones never employ more than the pool; where they want fewer, the rest stay outside the zones. The
// national wage index that enters every zone's wage moves with the pressure, so demand is drawn to the pool:
//   wage_index_{t+1} = wage_index_t * (demand / pool)^wage_response.
// So where the pool binds, a subsidy that makes one enterprise hire takes workers from the others: it moves
// output, it does not create it from an idle reserve. R&D personnel are employees: where the scaling leaves a zone's R&D staff
// above talent.max_share of its employment, the excess returns to the outside of the talent market.
#include "core/labour.hpp"

#include <algorithm>
#include <cmath>

#include "zonesim/model/reduce.hpp"
#include "zonesim/model/world.hpp"

namespace zonesim {

namespace {
constexpr Phase kPhases[] = {Phase::relocation};
}

std::span<const Phase> LabourMarket::phases() const { return kPhases; }

void LabourMarket::run(Phase, World& w, const YearStats&) {
  Enterprises& f = w.enterprises;
  const auto Z = static_cast<std::size_t>(w.zone_count());
  const std::vector<double> employment = chunked_sum(f.size(), Z, [&](std::size_t e, double* p) {
    if (f.flags[e] & Enterprises::alive) p[f.zone[e]] += f.employment[e];
  });
  Markets& m = w.markets;
  const bool first = counted_.empty();
  if (first) counted_.assign(Z, 0);
  m.labour_pool *= 1 + p_.pool_growth + p_.pool_growth_slope * (w.step - 1);
  double demand = 0;
  for (std::size_t z = 0; z < Z; ++z) {
    demand += employment[z];
    if (!w.zones.active[z] || counted_[z]) continue;
    counted_[z] = 1;  // the zone's initial workers (table figures) join the pool, as in its first year
    const double initial = first ? w.table.zones[z].employment : employment[z];
    m.labour_pool += initial * (first ? 1 + p_.pool_growth : 1.0);
  }
  if (demand <= 0) return;
  const auto scale = static_cast<float>(std::min(1.0, m.labour_pool / demand));
  const std::size_t n = f.size();
  if (scale < 1.0F) {
#pragma omp parallel for schedule(static)
    for (std::size_t e = 0; e < n; ++e)
      if (f.flags[e] & Enterprises::alive) f.employment[e] *= scale;
  }
  m.wage_index *= std::pow(demand / m.labour_pool, p_.wage_response);
  for (std::size_t z = 0; z < Z; ++z)
    w.zones.rnd_personnel[z] =
        std::min(w.zones.rnd_personnel[z], rnd_max_share_ * static_cast<double>(scale) * employment[z]);
}

}  // namespace zonesim
