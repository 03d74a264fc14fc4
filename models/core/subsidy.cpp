// Subsidy competition (seed 000 challenge 3: 67 semiconductor parks by May 2020 — zones chase the same hot
// sectors; seed 001 section 1: a race to the bottom bounded by the fiscal budget).
//   share_z  = clamp(subsidy_share * gdp_like * (1 + escalation * pressure_z), 0, 1)
//              gdp_like = (w_gdp + w_tax) / sum of effective weights: only GDP-type goals are served by
//              subsidies
//   target_z = min(max_offer, discretionary budget * share_z / (output of subsidised firms + 5% of GDP))
//   offer_z <- offer_z + offer_adjustment * (target_z - offer_z);  non-hot sectors get (1 - herding) of it
#include "core/subsidy.hpp"

#include <algorithm>

#include "core/tournament.hpp"
#include "zonesim/model/reduce.hpp"
#include "zonesim/model/statistics.hpp"
#include "zonesim/model/world.hpp"

namespace zonesim {

namespace {
constexpr Phase kPhases[] = {Phase::governments};
constexpr double kExpectedNewcomers = 0.05;  // newcomers' output a zone plans for, as a share of its GDP
}  // namespace

std::span<const Phase> SubsidyPolicy::phases() const { return kPhases; }

void SubsidyPolicy::run(Phase, World& w, const YearStats& stats) {
  const Enterprises& f = w.enterprises;
  const auto Z = static_cast<std::size_t>(w.zone_count());
  const std::vector<double> subsidised = chunked_sum(f.size(), Z, [&](std::size_t e, double* p) {
    if ((f.flags[e] & Enterprises::alive) && f.subsidy_rate[e] > 0) p[f.zone[e]] += f.output[e];
  });
  ZoneState& zs = w.zones;
  for (std::size_t z = 0; z < Z; ++z) {
    const EvaluationSpec k = effective_weights(w, static_cast<int>(z));
    const double total = k.gdp + k.tax + k.innovation + k.cooperation + k.radiation + k.national + k.green;
    const double gdp_like = total > 0 ? (k.gdp + k.tax) / total : 0.0;
    zs.subsidy_share[z] =
        std::clamp(g_.subsidy_share * gdp_like * (1 + g_.escalation * zs.tournament_pressure[z]), 0.0, 1.0);
    const double discretionary = g_.discretionary_share * (zs.revenue[z] + zs.transfers_in[z]);
    const double base = subsidised[z] + kExpectedNewcomers * stats.zone[gdp][z];
    const double target =
        base > 0 && zs.active[z] ? std::min(g_.max_offer, discretionary * zs.subsidy_share[z] / base) : 0.0;
    double& hot = zs.subsidy_offer[z * kSectorCount + static_cast<std::size_t>(Sector::semiconductors)];
    const double offer = hot + g_.offer_adjustment * (target - hot);
    for (int s = 0; s < kSectorCount; ++s)
      zs.subsidy_offer[z * kSectorCount + static_cast<std::size_t>(s)] =
          is_hot_sector(static_cast<Sector>(s)) ? offer : offer * (1 - g_.herding);
  }
}

}  // namespace zonesim
