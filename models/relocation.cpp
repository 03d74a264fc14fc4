// Relocation (seed 001 section 1: leading zones siphon firms from laggards; seed 000 challenge 3: subsidies to
// attract movers). An enterprise considers moving with a hazard that rises with its zone's congestion and with
// its own losses; it then picks a zone d (or stays) with logit probabilities over
//   v_d = profit_weight * (profit there - profit here) / output - moving cost(here, d),   v_here = 0,
// where profit there uses d's place factor, labour cost and subsidy offer, and the moving cost has a fixed part,
// a part per 1000 km and a part for leaving the province. Origin zone and year of the move are recorded; the
// mover gives up any subsidy it had and takes the destination's offer for its sector.
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

void Relocation::run(Phase, World& w, YearStats&) {
  Enterprises& f = w.firms;
  const int Z = w.zone_count();
  const std::size_t n = f.size();
  const auto year = static_cast<std::int16_t>(w.year);
#pragma omp parallel
  {
    std::vector<double> utility(static_cast<std::size_t>(Z));
#pragma omp for schedule(dynamic, 4096)
    for (std::size_t e = 0; e < n; ++e) {
      if (!(f.flags[e] & Enterprises::alive)) continue;
      const int here = f.zone[e];
      const double crowding = std::max(0.0, (w.zones.occupancy[here] - 0.8) / 0.2);
      const double hazard = p_.hazard + p_.congestion_hazard * crowding + (f.profit[e] < 0 ? p_.loss_hazard : 0.0);
      Stream consider(w.key, static_cast<std::uint64_t>(w.step), e, Purpose::relocation_consider);
      if (consider.uniform() >= hazard) continue;

      const Sector s = f.sector[e];
      const double y = f.output[e], l = f.employment[e], rho = f.rnd_intensity[e];
      const double here_factor = place_factor(w, here, s);
      const double profit_here = enterprise_profit(y, rho, l, w.zones.labour_cost[here], received_subsidy_share(w, e));
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
        const double subsidy = w.equity[w.pair(d, here)] > 0 ? 0.0 : subsidy_offer(w, d, s) * w.zones.payout_ratio[d];
        const double profit_there = enterprise_profit(y_there, rho, l, w.zones.labour_cost[d], subsidy);
        const double cost = w.move_cost_factor[w.pair(here, d)] *
                            (p_.fixed_cost + p_.distance_cost * w.distance(here, d) / 1000.0 +
                             (w.table.zones[d].province != province ? p_.province_cost : 0.0));
        utility[d] = p_.profit_weight * (profit_there - profit_here) / y - cost;
        best = std::max(best, utility[d]);
      }
      double total = 0;
      for (int d = 0; d < Z; ++d) total += (utility[d] = std::exp(utility[d] - best));
      Stream choose(w.key, static_cast<std::uint64_t>(w.step), e, Purpose::relocation_choice);
      double u = choose.uniform() * total;
      int chosen = Z - 1;
      for (int d = 0; d < Z; ++d) {
        if (u < utility[d]) {
          chosen = d;
          break;
        }
        u -= utility[d];
      }
      if (chosen == here) continue;
      f.origin_zone[e] = static_cast<std::uint16_t>(here);
      f.zone[e] = static_cast<std::uint16_t>(chosen);
      f.move_year[e] = year;
      f.subsidy_rate[e] = w.equity[w.pair(chosen, here)] > 0 ? 0.0F : static_cast<float>(subsidy_offer(w, chosen, s));
    }
  }
  // Moves of the year per zone (an enterprise moves at most once a year).
  auto& in = w.zones.relocations_in;
  auto& out = w.zones.relocations_out;
  std::fill(in.begin(), in.end(), 0.0);
  std::fill(out.begin(), out.end(), 0.0);
  std::fill(w.moved_output.begin(), w.moved_output.end(), 0.0);
  for (std::size_t e = 0; e < n; ++e)
    if ((f.flags[e] & Enterprises::alive) && f.move_year[e] == year) {
      in[f.zone[e]] += 1;
      out[f.origin_zone[e]] += 1;
      w.moved_output[w.pair(f.origin_zone[e], f.zone[e])] += f.output[e];
    }
}

}  // namespace zonesim
