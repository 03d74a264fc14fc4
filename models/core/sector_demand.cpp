// Sector demand (seed 000 challenge 3: 67 semiconductor parks chasing the same firms; the fallacy of
// composition, 合成谬误: what pays for one zone overbuilds a sector when every zone does it). Each sector's
// national demand grows with the zones' aggregate output, the hot sectors' faster by hot_demand_growth:
//   demand share_s(t) = b_s (1 + g_s)^(t-1) / sum_r b_r (1 + g_r)^(t-1),   b_s = initial output share,
// and the sector's price clears it against last year's real output:
//   price_s = (supply share_s / demand share_s)^(-1 / demand_elasticity),
//   supply share_s = (output_s / price_s) / sum_r (output_r / price_r)   (last year).
// The price multiplies the value added of every enterprise of the sector (production's place factor), so
// when the zones together build more of a sector than its demand, its margins fall, losses and exits follow.
#include "core/sector_demand.hpp"

#include <cmath>

#include "zonesim/model/statistics.hpp"

namespace zonesim {

namespace {
constexpr Phase kPhases[] = {Phase::production};
}

std::span<const Phase> SectorDemand::phases() const { return kPhases; }

void SectorDemand::run(Phase, World& w, const YearStats& last) {
  Markets& m = w.markets;
  std::array<double, kSectorCount> real{};
  double total = 0;
  for (int s = 0; s < kSectorCount; ++s) {
    real[s] = last.sector[SectorVar::sector_gdp][s] / m.sector_price[s];
    total += real[s];
  }
  if (total <= 0) return;
  if (!set_) {
    for (int s = 0; s < kSectorCount; ++s) base_share_[s] = real[s] / total;
    set_ = true;
  }
  std::array<double, kSectorCount> demand{};
  double norm = 0;
  for (int s = 0; s < kSectorCount; ++s) {
    const double growth = is_hot_sector(static_cast<Sector>(s)) ? p_.hot_demand_growth : 0.0;
    demand[s] = base_share_[s] * std::pow(1 + growth, w.step - 1);
    norm += demand[s];
  }
  for (int s = 0; s < kSectorCount; ++s) {
    const double supply = real[s] / total, wanted = demand[s] / norm;
    m.sector_price[s] =
        supply > 0 && wanted > 0 ? std::pow(supply / wanted, -1.0 / p_.demand_elasticity) : 1.0;
  }
}

}  // namespace zonesim
