#pragma once
// The production function shared by the phases that create or move enterprises (docs/model.md):
//   y = productivity * employment^alpha * place_factor(zone, sector)
// where the place factor (agglomeration and knowledge) is set by models/production each year.
#include <cmath>

#include "zonesim/model/world.hpp"

namespace zonesim {

inline double place_factor(const World& w, int zone, Sector s) {
  return w.zones.place_factor[static_cast<std::size_t>(zone) * kSectorCount + static_cast<std::size_t>(s)];
}

// employment^alpha, in float as employment is stored (powf is several times cheaper than pow).
inline double employment_power(float employment, double labour_elasticity) {
  return std::pow(employment, static_cast<float>(labour_elasticity));
}

inline double enterprise_output(const World& w, std::size_t e, double labour_elasticity) {
  const Enterprises& f = w.enterprises;
  return f.productivity[e] * employment_power(f.employment[e], labour_elasticity) *
         place_factor(w, f.zone[e], f.sector[e]);
}

// Profit (billion CNY) of an enterprise with output y in a zone: value added net of its R&D spending and of
// the zone's labour cost (wage and congestion rent) per worker, plus the subsidy it receives (a share of
// output).
inline double enterprise_profit(double output, double rnd_intensity, double employment, double labour_cost,
                                double subsidy_share = 0) {
  return output * (1.0 - rnd_intensity + subsidy_share) - labour_cost * employment;
}

// The subsidy share an enterprise receives where it is: its promised rate times what its zone could pay.
inline double received_subsidy_share(const World& w, std::size_t e) {
  return w.enterprises.subsidy_rate[e] > 0
             ? w.enterprises.subsidy_rate[e] * w.zones.payout_ratio[w.enterprises.zone[e]]
             : 0.0;
}

inline double subsidy_offer(const World& w, int zone, Sector s) {
  return w.zones.subsidy_offer[static_cast<std::size_t>(zone) * kSectorCount + static_cast<std::size_t>(s)];
}

}  // namespace zonesim
