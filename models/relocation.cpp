// Relocation (seed 001 section 1: leading zones siphon firms from laggards; seed 000 challenge 3: subsidies
// to attract movers). An enterprise considers moving with a hazard that rises with its zone's congestion and
// with its own losses; it then picks a zone d (or stays) with logit probabilities over
//   v_d = profit_weight * (profit there - profit here) / output - moving cost(here, d),   v_here = 0,
// where profit there uses d's place factor, labour cost and subsidy offer, and the moving cost has a fixed
// part, a part per 1000 km and a part for leaving the province. Origin zone and year of the move are
// recorded; the mover gives up any subsidy it had and takes the destination's offer for its sector. With
// competing parks (MODEL.md 5.9; World::outside_offer >= 0) the choice has one more option, a non-national
// park near the zone (models/competing_parks.cpp): a mover that takes it leaves the national zones.
#include "relocation.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "zonesim/economy.hpp"
#include "zonesim/rng.hpp"

namespace zonesim {

namespace {
constexpr Phase kPhases[] = {Phase::relocation};
}

std::span<const Phase> Relocation::phases() const { return kPhases; }

// Utility of leaving for a park near the zone: output there keeps place_share (in logs) of the zone's place
// factor, labour costs as at home, the park's offer paid in full, its attractiveness, the fixed moving cost.
double Relocation::park_utility(const World& w, std::size_t e, double here_factor, double profit_here) const {
  const CompetingParksSpec& parks = w.spec->mechanisms.competing_parks;
  const Enterprises& f = w.firms;
  const double y = f.output[e];
  const double y_park = y * std::pow(here_factor, parks.place_share - 1.0);
  const double profit_park = enterprise_profit(y_park, f.rnd_intensity[e], f.employment[e],
                                               w.zones.labour_cost[f.zone[e]], w.outside_offer);
  return p_.profit_weight * (profit_park - profit_here) / y + parks.attractiveness - p_.fixed_cost;
}

void Relocation::run(Phase, World& w, YearStats&) {
  Enterprises& f = w.firms;
  const int Z = w.zone_count();
  const std::size_t n = f.size();
  const auto year = static_cast<std::int16_t>(w.year);
  const bool parks = w.outside_offer >= 0;
  const int options = parks ? Z + 1 : Z;  // option Z: a park (the enterprise leaves the national zones)
  std::vector<std::uint8_t> to_park(parks ? n : 0, 0);
#pragma omp parallel
  {
    std::vector<double> utility(static_cast<std::size_t>(options));
#pragma omp for schedule(dynamic, 4096)
    for (std::size_t e = 0; e < n; ++e) {
      if (!(f.flags[e] & Enterprises::alive)) continue;
      const int here = f.zone[e];
      const double crowding = std::max(0.0, (w.zones.occupancy[here] - 0.8) / 0.2);
      const double hazard =
          p_.hazard + p_.congestion_hazard * crowding + (f.profit[e] < 0 ? p_.loss_hazard : 0.0);
      Stream consider(w.key, static_cast<std::uint64_t>(w.step), e, Purpose::relocation_consider);
      if (consider.uniform() >= hazard) continue;

      const Sector s = f.sector[e];
      const double y = f.output[e], l = f.employment[e], rho = f.rnd_intensity[e];
      const double here_factor = place_factor(w, here, s);
      const double profit_here =
          enterprise_profit(y, rho, l, w.zones.labour_cost[here], received_subsidy_share(w, e));
      const int province = w.table.zones[here].province;
      double best = 0;  // staying has utility 0
      for (int d = 0; d < Z; ++d) {
        if (d == here) {
          utility[d] = 0;
          continue;
        }
        if (!w.is_active(d)) {
          utility[d] = -HUGE_VAL;  // not a national zone yet: probability 0
          continue;
        }
        const double y_there = y * place_factor(w, d, s) / here_factor;
        // As far as d could pay; an investor does not bid for firms of a zone it holds equity in (5.1).
        const double subsidy =
            w.equity[w.pair(d, here)] > 0 ? 0.0 : subsidy_offer(w, d, s) * w.zones.payout_ratio[d];
        const double profit_there = enterprise_profit(y_there, rho, l, w.zones.labour_cost[d], subsidy);
        const double cost = w.move_cost_factor[w.pair(here, d)] *
                            (p_.fixed_cost + p_.distance_cost * w.distance(here, d) / 1000.0 +
                             (w.table.zones[d].province != province ? p_.province_cost : 0.0));
        utility[d] = p_.profit_weight * (profit_there - profit_here) / y - cost;
        best = std::max(best, utility[d]);
      }
      if (parks) best = std::max(best, utility[Z] = park_utility(w, e, here_factor, profit_here));
      double total = 0;
      for (int d = 0; d < options; ++d) total += (utility[d] = std::exp(utility[d] - best));
      Stream choose(w.key, static_cast<std::uint64_t>(w.step), e, Purpose::relocation_choice);
      double u = choose.uniform() * total;
      int chosen = options - 1;
      for (int d = 0; d < options; ++d) {
        if (u < utility[d]) {
          chosen = d;
          break;
        }
        u -= utility[d];
      }
      if (chosen == here) continue;
      if (chosen == Z) {
        to_park[e] = 1;
        continue;
      }
      f.origin_zone[e] = static_cast<std::uint16_t>(here);
      f.zone[e] = static_cast<std::uint16_t>(chosen);
      f.move_year[e] = year;
      f.subsidy_rate[e] =
          w.equity[w.pair(chosen, here)] > 0 ? 0.0F : static_cast<float>(subsidy_offer(w, chosen, s));
    }
  }
  // Moves of the year per zone (an enterprise moves at most once a year).
  auto& in = w.zones.relocations_in;
  auto& out = w.zones.relocations_out;
  std::fill(in.begin(), in.end(), 0.0);
  std::fill(out.begin(), out.end(), 0.0);
  std::fill(w.moved_output.begin(), w.moved_output.end(), 0.0);
  // Enterprises gone to a park count as moved out of their zone (not as moves between zones) and free their
  // slot.
  if (parks) {
    for (std::size_t e = 0; e < n; ++e)
      if (to_park[e]) {
        out[f.zone[e]] += 1;
        f.release(static_cast<std::uint32_t>(e));
      }
    f.release_done();
  }
  for (std::size_t e = 0; e < n; ++e)
    if ((f.flags[e] & Enterprises::alive) && f.move_year[e] == year) {
      in[f.zone[e]] += 1;
      out[f.origin_zone[e]] += 1;
      w.moved_output[w.pair(f.origin_zone[e], f.zone[e])] += f.output[e];
    }
}

}  // namespace zonesim
