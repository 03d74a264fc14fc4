// Relocation (seed 001 section 1: leading zones siphon firms from laggards; seed 000 challenge 3: subsidies
// to attract movers). An enterprise considers moving with a hazard that rises with its zone's congestion and
// with its own losses; it then picks a zone d (or stays) with logit probabilities over
//   v_d = profit_weight * (profit there - profit here) / output - moving cost(here, d),   v_here = 0,
// where profit there uses d's place factor relative to here, raised to place_anticipation (the part of the
// advantage a newcomer counts on), d's labour cost and subsidy offer, and the moving cost has a fixed
// part, a part per 1000 km and a part for leaving the province. Origin zone and year of the move are
// recorded; the mover gives up any subsidy it had and takes the destination's offer for its sector. With
// competing parks (docs/specification.md 5.9; World::outside_option.offer >= 0) the choice has one more
// option, a non-national park near the zone (models/mechanisms/competing_parks/): a mover that takes it leaves
// the national zones.
//
// Movers compare destinations as the typical mover of their (origin zone, sector) cell would: v_d is
// evaluated at the means of 1 - R&D intensity and of employment per unit of output over the cell's
// enterprises that consider moving this year, so that it is the same for all of them and they draw from one
// table per cell (O(Z) per cell, O(log Z) per mover instead of O(Z) per mover; exact when a cell has one
// mover). What the mover loses by leaving, its own subsidy, enters every option's utility alike.
// docs/model.md.
#include "core/relocation.hpp"

#include <algorithm>
#include <cmath>

#include "zonesim/model/economy.hpp"
#include "zonesim/model/reduce.hpp"
#include "zonesim/model/rng.hpp"

namespace zonesim {

namespace {
constexpr Phase kPhases[] = {Phase::relocation};
constexpr auto S = static_cast<std::size_t>(kSectorCount);
}  // namespace

std::span<const Phase> Relocation::phases() const { return kPhases; }

// Which enterprises consider moving, and the cells' sums over them.
void Relocation::consider(World& w) {
  Enterprises& f = w.enterprises;
  const std::size_t n = f.size();
  const auto cells = static_cast<std::size_t>(w.zone_count()) * S;
  considering_.resize(n);
  zone_hazard_.resize(static_cast<std::size_t>(w.zone_count()));
  for (std::size_t z = 0; z < zone_hazard_.size(); ++z)
    zone_hazard_[z] = p_.hazard + p_.congestion_hazard * std::max(0.0, (w.zones.occupancy[z] - 0.8) / 0.2);
  const auto step = static_cast<std::uint64_t>(w.step);
  cell_sums_ = chunked_sum_blocks(n, 3 * cells, [&](std::size_t begin, std::size_t end, double* p) {
    LaneUniforms draws(w.key, step, Purpose::relocation_consider);
    for (std::size_t e = begin; e < end; ++e) {
      considering_[e] = 0;
      if (!(f.flags[e] & Enterprises::alive)) continue;
      const int here = f.zone[e];
      if (draws.uniform(e) >= zone_hazard_[here] + (f.profit[e] < 0 ? p_.loss_hazard : 0.0)) continue;
      considering_[e] = 1;
      const std::size_t cell = static_cast<std::size_t>(here) * S + static_cast<std::size_t>(f.sector[e]);
      p[3 * cell] += 1;
      p[3 * cell + 1] += 1.0 - f.rnd_intensity[e];
      p[3 * cell + 2] += f.employment[e] / f.output[e];
    }
  });
}

// Utilities of the cell's options for its typical mover (means m1 of 1 - R&D intensity and m2 of
// employment per output), relative to staying and before the mover's own subsidy:
//   U_d    = w * (r_d (m1 + subsidy_d) - labour_d m2 - m1 + labour_here m2) - cost(here, d),
//            r_d = (place_d / place_here)^place_anticipation
//   U_park = w * ((g - 1) m1 + g * offer) + attractiveness - fixed cost,
//            g = place_here^(place_share - 1)
void Relocation::build_table(const World& w, int here, int sector) {
  const int Z = w.zone_count();
  const std::size_t cell = static_cast<std::size_t>(here) * S + static_cast<std::size_t>(sector);
  const double count = cell_sums_[3 * cell], m1 = cell_sums_[3 * cell + 1] / count,
               m2 = cell_sums_[3 * cell + 2] / count;
  const auto s = static_cast<Sector>(sector);
  const double here_factor = place_factor(w, here, s), here_labour = w.zones.labour_cost[here];
  const double here_anticipated = anticipated_[cell];
  const int province = w.table.zones[here].province;
  CellTable& table = cells_[cell];
  const std::uint32_t begin = table.begin =
      static_cast<std::uint32_t>(cell * static_cast<std::size_t>(Z + 1));
  std::uint32_t end = begin;
  auto add = [&](int option, double utility) {
    option_[end] = static_cast<std::uint16_t>(option);
    cumulative_[end++] = utility;
  };
  for (int d = 0; d < Z; ++d) {
    if (d == here || !w.is_active(d)) continue;  // a zone not national yet has probability 0
    const double ratio =
        anticipated_[static_cast<std::size_t>(d) * S + static_cast<std::size_t>(sector)] / here_anticipated;
    // As far as d could pay; an investor does not bid for firms of a zone it holds equity in (5.1).
    const double subsidy =
        w.equity[w.pair(d, here)] > 0 ? 0.0 : subsidy_offer(w, d, s) * w.zones.payout_ratio[d];
    const double cost = w.move_cost_factor[w.pair(here, d)] *
                        (p_.fixed_cost + p_.distance_cost * w.distance(here, d) / 1000.0 +
                         (w.table.zones[d].province != province ? p_.province_cost : 0.0));
    add(d, p_.profit_weight * (ratio * (m1 + subsidy) - w.zones.labour_cost[d] * m2 - m1 + here_labour * m2) -
               cost);
  }
  if (const OutsideOption& parks = w.outside_option; parks.offer >= 0) {
    const double g = std::pow(here_factor, parks.place_share - 1.0);
    add(Z, p_.profit_weight * ((g - 1.0) * m1 + g * parks.offer) + parks.attractiveness - p_.fixed_cost);
  }
  table.end = end;
  table.top = begin == end ? 0.0 : *std::max_element(cumulative_.begin() + begin, cumulative_.begin() + end);
  double sum = 0;
  // In float: the weights only need float precision (expf is several times cheaper than exp).
  for (std::uint32_t i = begin; i < end; ++i)
    cumulative_[i] = sum += std::exp(static_cast<float>(cumulative_[i] - table.top));
  table.weight = sum;
}

MoveTerms move_terms(const World& w, const RelocationSpec& p, int subsidy_years, std::size_t e, int d) {
  const Enterprises& f = w.enterprises;
  const int here = f.zone[e];
  const double output = std::max(f.output[e], 1e-12);
  MoveTerms t;
  double ratio = 1;
  if (d != here) {
    const Sector s = f.sector[e];
    ratio = std::pow(place_factor(w, d, s) / place_factor(w, here, s), p.place_anticipation);
    const double m1 = 1.0 - f.rnd_intensity[e], m2 = f.employment[e] / output;
    const double cost = w.move_cost_factor[w.pair(here, d)] *
                        (p.fixed_cost + p.distance_cost * w.distance(here, d) / 1000.0 +
                         (w.table.zones[d].province != w.table.zones[here].province ? p.province_cost : 0.0));
    t.utility =
        p.profit_weight * (ratio * m1 - w.zones.labour_cost[d] * m2 - m1 + w.zones.labour_cost[here] * m2) -
        cost;
  }
  t.per_billion = p.profit_weight * ratio * w.zones.payout_ratio[d] / (output * std::max(subsidy_years, 1));
  return t;
}

// The enterprises courted last year answer: each chooses, with logit probabilities, between staying (with
// its origin's retention offer and the subsidy it has) and each zone's offer. A mover takes the lump sum
// instead of a posted rate; the zone that pays (bidder or origin) owes it this year.
void Relocation::answer_offers(World& w) {
  Enterprises& f = w.enterprises;
  ZoneState& zs = w.zones;
  const auto year = static_cast<std::int16_t>(w.year);
  const std::vector<Offer>& offers = w.offers;
  std::vector<double> u;
  for (std::size_t i = 0, j = 0; i < offers.size(); i = j) {
    const std::uint32_t e = offers[i].enterprise;
    while (j < offers.size() && offers[j].enterprise == e) ++j;
    const int origin = offers[i].origin;
    // Still there: alive, in its zone, and not a newborn that took the slot of one that exited.
    if (!(f.flags[e] & Enterprises::alive) || f.zone[e] != origin || f.age[e] == 0) continue;
    const double retention = offers[i].retention;
    u.assign(1, p_.profit_weight * received_subsidy_share(w, e) +
                    move_terms(w, p_, subsidy_years_, e, origin).per_billion * retention);
    for (std::size_t k = i; k < j; ++k) {
      const MoveTerms t = move_terms(w, p_, subsidy_years_, e, offers[k].bidder);
      u.push_back(t.utility + t.per_billion * offers[k].amount);
    }
    const double top = *std::max_element(u.begin(), u.end());
    double sum = 0;
    for (double& x : u) sum += x = std::exp(x - top);
    Stream choose(w.key, static_cast<std::uint64_t>(w.step), e, Purpose::poaching_choice);
    double draw = choose.uniform() * sum;
    std::size_t chosen = 0;
    while (chosen + 1 < u.size() && draw >= u[chosen]) draw -= u[chosen++];
    considering_[e] = 0;
    if (chosen == 0) {
      zs.offer_payments[origin] += retention;
      zs.offer_waste[origin] += retention;
      continue;
    }
    const Offer& won = offers[i + chosen - 1];
    f.origin_zone[e] = static_cast<std::uint16_t>(origin);
    f.zone[e] = won.bidder;
    f.move_year[e] = year;
    f.subsidy_rate[e] = 0;
    considering_[e] = 2;  // moved on an offer: counted as a move, not drawn again
    zs.offer_payments[won.bidder] += won.amount;
    zs.offer_waste[won.bidder] += won.amount;
    zs.poaching_moves[won.bidder] += 1;
  }
  w.offers.clear();
}

// Each considering enterprise stays with probability 1 / (1 + exp(top - w * subsidy) * weight), else draws an
// option from its cell's table.
void Relocation::choose(World& w) {
  Enterprises& f = w.enterprises;
  const std::size_t n = f.size();
  const int Z = w.zone_count();
  const auto year = static_cast<std::int16_t>(w.year);
  const bool parks = w.outside_option.offer >= 0;
  to_park_.assign(parks ? n : 0, 0);
#pragma omp parallel for schedule(dynamic, 16384)
  for (std::size_t e = 0; e < n; ++e) {
    if (considering_[e] != 1) continue;
    const int here = f.zone[e];
    const CellTable& table =
        cells_[static_cast<std::size_t>(here) * S + static_cast<std::size_t>(f.sector[e])];
    if (table.begin == table.end) continue;
    Stream choose(w.key, static_cast<std::uint64_t>(w.step), e, Purpose::relocation_choice);
    const double leave = std::exp(table.top - p_.profit_weight * received_subsidy_share(w, e)) * table.weight;
    if (choose.uniform() * (1.0 + leave) < 1.0) continue;  // stays
    const double u = choose.uniform() * table.weight;
    const auto first = cumulative_.begin() + table.begin, last = cumulative_.begin() + table.end;
    const auto it = std::min(std::upper_bound(first, last, u), last - 1);
    const int chosen = option_[static_cast<std::size_t>(it - cumulative_.begin())];
    if (chosen == Z) {
      to_park_[e] = 1;
      continue;
    }
    f.origin_zone[e] = static_cast<std::uint16_t>(here);
    f.zone[e] = static_cast<std::uint16_t>(chosen);
    f.move_year[e] = year;
    f.subsidy_rate[e] =
        w.equity[w.pair(chosen, here)] > 0 ? 0.0F : static_cast<float>(subsidy_offer(w, chosen, f.sector[e]));
  }
}

// Moves of the year per zone (an enterprise moves at most once a year). Enterprises gone to a park count as
// moved out of their zone (not as moves between zones) and free their slot.
void Relocation::record_moves(World& w) const {
  Enterprises& f = w.enterprises;
  const std::size_t n = f.size();
  const auto year = static_cast<std::int16_t>(w.year);
  auto& in = w.zones.relocations_in;
  auto& out = w.zones.relocations_out;
  std::fill(in.begin(), in.end(), 0.0);
  std::fill(out.begin(), out.end(), 0.0);
  std::fill(w.moved_output.begin(), w.moved_output.end(), 0.0);
  if (!to_park_.empty()) {
    for (std::size_t e = 0; e < n; ++e)
      if (to_park_[e]) {
        out[f.zone[e]] += 1;
        f.release(static_cast<std::uint32_t>(e));
      }
    f.release_done();
  }
  for (std::size_t e = 0; e < n; ++e)
    if (considering_[e] && (f.flags[e] & Enterprises::alive) && f.move_year[e] == year) {
      in[f.zone[e]] += 1;
      out[f.origin_zone[e]] += 1;
      w.moved_output[w.pair(f.origin_zone[e], f.zone[e])] += f.output[e];
    }
}

void Relocation::run(Phase, World& w, const YearStats&) {
  const int Z = w.zone_count();
  const std::size_t cells = static_cast<std::size_t>(Z) * S;
  cells_.resize(cells);
  option_.resize(cells * static_cast<std::size_t>(Z + 1));
  cumulative_.resize(option_.size());
  consider(w);
  answer_offers(w);
  // The place advantage as movers expect it, once per zone and sector (not per pair of zones).
  anticipated_.resize(cells);
  for (std::size_t c = 0; c < cells; ++c)
    anticipated_[c] = p_.place_anticipation == 1.0 ? w.zones.place_factor[c]
                                                   : std::pow(w.zones.place_factor[c], p_.place_anticipation);
#pragma omp parallel for schedule(dynamic, 8)
  for (std::size_t c = 0; c < cells; ++c) {
    cells_[c] = CellTable{};
    if (cell_sums_[3 * c] > 0) build_table(w, static_cast<int>(c / S), static_cast<int>(c % S));
  }
  choose(w);
  record_moves(w);
}

}  // namespace zonesim
