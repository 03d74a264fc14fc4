// Governments that decide (seed 001 section 1: the GDP tournament makes zones rivals that poach firms with
// subsidies, "拼财力" — the rich outbid the poor, "争也是白争"; seed 000 challenge 3: 67 parks court the same
// hot sectors). docs/decisions.md gives the equations; in short, each year and each zone government:
// 1. courts sectors: weights c_s = softmax(sector_precision * appeal_s), appeal_s = gdp-like weight *
//    (log price_s + horizon * demand growth_s) + national-like weight * [s hot] + herding * log(8 * share of
//    all courting that goes to s last year); posted rates and targeted offers go to the sectors it courts;
// 2. sets next year's subsidy share by comparing the marginal value of subsidy money (the booked output of
//    this year's arrivals, at the urgency of the tournament, per yuan of a higher posted rate) with the
//    price of money (its best lasting use): share *= (value / price)^budget_adjustment, within the budget and
//    up to the share that pays the capped rate;
// 3. splits the rest of the budget among services, land and talent in proportion to marginal value^
//    budget_precision, closing budget_adjustment of the gap each year;
// 4. makes targeted offers to the largest and high-tech enterprises of other zones: an offer is worth the
//    output the bidder books over its horizon (less what the sharing rule leaves to the origin, less its
//    equity stake in the origin's loss), at its price of money; the amount maximises P(take) * (worth -
//    amount) under the enterprise's relocation logit, within the bidder's budget; it is made with probability
//    logistic(precision * expected net value / budget);
// 5. answers offers to its own enterprises with retention offers, chosen the same way against the best rival
//    offer, from what is left of its budget.
#include "core/governments.hpp"

#include <algorithm>
#include <cmath>

#include "core/relocation.hpp"
#include "core/tournament.hpp"
#include "zonesim/model/economy.hpp"
#include "zonesim/model/reduce.hpp"
#include "zonesim/model/rng.hpp"
#include "zonesim/model/statistics.hpp"

namespace zonesim {

namespace {
constexpr Phase kPhases[] = {Phase::governments};
constexpr auto S = static_cast<std::size_t>(kSectorCount);
constexpr double kExpectedNewcomers = 0.05;  // newcomers' output a zone plans for, as a share of its GDP
constexpr double kMinSubsidyShare = 0.01;    // a government never stops budgeting for subsidies entirely

double logistic(double x) { return 1.0 / (1.0 + std::exp(-std::clamp(x, -700.0, 700.0))); }
}  // namespace

BestOffer best_offer(double worth, double utility, double per_billion, double cap, double reserve,
                     double floor) {
  BestOffer best;
  if (worth <= 0 || cap <= 0 || per_billion <= 0) return best;
  // net(A) = P(A) (worth - A) - reserve * A is not concave (P is a logistic in A): a grid, then golden
  // section around its best point.
  const auto net = [&](double a) { return logistic(utility + per_billion * a) * (worth - a) - reserve * a; };
  const double top = std::min(cap, worth);
  // No offer can gain more than (P(top) - P(0)) * worth: targets out of a bidder's reach stop here.
  const double p_top = logistic(utility + per_billion * top), p_zero = logistic(utility);
  if ((p_top - p_zero) * worth <= floor) return best;
  // net has at most one interior maximum (P has one inflection); if net still rises at the top, the best is
  // the top or nothing (the common case: the cap binds).
  if (p_top * (1 - p_top) * per_billion * (worth - top) - p_top - reserve >= 0) {
    const double at_top = p_top * (worth - top) - reserve * top, at_zero = p_zero * worth;
    if (at_top <= at_zero) return best;
    best.amount = top;
    best.probability = p_top;
    best.value = at_top - at_zero;
    return best;
  }
  constexpr int kGrid = 8;
  int at = 0;
  double best_net = net(0);
  for (int i = 1; i <= kGrid; ++i)
    if (const double x = net(top * i / kGrid); x > best_net) best_net = x, at = i;
  double lo = top * std::max(at - 1, 0) / kGrid, hi = top * std::min(at + 1, kGrid) / kGrid;
  constexpr double kRatio = 0.6180339887498949;
  double x1 = hi - kRatio * (hi - lo), x2 = lo + kRatio * (hi - lo), f1 = net(x1), f2 = net(x2);
  for (int i = 0; i < 20; ++i) {
    if (f1 < f2) {
      lo = x1, x1 = x2, f1 = f2, x2 = lo + kRatio * (hi - lo), f2 = net(x2);
    } else {
      hi = x2, x2 = x1, f2 = f1, x1 = hi - kRatio * (hi - lo), f1 = net(x1);
    }
  }
  double amount = top * at / kGrid;  // the grid's best (the cap, often) unless the search found better
  if (std::max(f1, f2) > best_net) amount = f1 > f2 ? x1 : x2, best_net = std::max(f1, f2);
  if (amount <= 0) return best;  // no offer beats none
  best.amount = amount;
  best.probability = logistic(utility + per_billion * amount);
  best.value = best_net - net(0);
  return best;
}

std::span<const Phase> Governments::phases() const { return kPhases; }

void Governments::run(Phase, World& w, const YearStats& stats) {
  const ZoneValues values = value_zones(w, stats, spec_);
  court_sectors(w, values);
  set_subsidy_budget(w, stats, values);
  split_budget(w, values);
  make_offers(w, stats, values);
  make_retention_offers(w, stats, values);
  post_rates(w);
}

void Governments::court_sectors(const World& w, const ZoneValues&) {
  const auto Z = static_cast<std::size_t>(w.zone_count());
  const GovernmentSpec& g = spec_.governments;
  if (courting_.empty()) {
    courting_.assign(Z * S, 1.0 / kSectorCount);
    courted_share_.fill(1.0 / kSectorCount);
  }
  std::array<double, kSectorCount> total{};
  double zones = 0;
  for (std::size_t z = 0; z < Z; ++z) {
    if (!w.zones.active[z]) continue;
    const EvaluationSpec k = effective_weights(w, static_cast<int>(z));
    const double sum = k.gdp + k.tax + k.innovation + k.cooperation + k.radiation + k.national + k.green;
    const double gdp_like = sum > 0 ? (k.gdp + k.tax) / sum : 0.0;
    const double national_like = sum > 0 ? (k.innovation + k.national) / sum : 0.0;
    double appeal[kSectorCount], top = -1e300;
    for (std::size_t s = 0; s < S; ++s) {
      const bool hot = is_hot_sector(static_cast<Sector>(s));
      const double growth = hot ? spec_.sectors.hot_demand_growth : 0.0;
      appeal[s] = spec_.governments.sector_precision *
                  (gdp_like * (std::log(w.markets.sector_price[s]) + g.horizon * growth) +
                   national_like * (hot ? 1.0 : 0.0) +
                   g.herding * std::log(kSectorCount * std::max(courted_share_[s], 1e-6)));
      top = std::max(top, appeal[s]);
    }
    double norm = 0;
    for (std::size_t s = 0; s < S; ++s) norm += appeal[s] = std::exp(appeal[s] - top);
    for (std::size_t s = 0; s < S; ++s) total[s] += courting_[z * S + s] = appeal[s] / norm;
    zones += 1;
  }
  if (zones > 0)
    for (std::size_t s = 0; s < S; ++s) courted_share_[s] = total[s] / zones;
}

// Next year's subsidy share: the marginal value of subsidy money against the price of money.
//   value = urgency * booked * profit_weight * (B * movers + horizon * entrants) / (subsidy_years * base)
// where movers and entrants are the output of this year's newcomers, B the years a mover is booked to the
// zone under the sharing rule (valuation.hpp), and base the output that a
// higher posted rate would be paid on (subsidised enterprises and the newcomers planned for): a rate higher
// by dr raises the newcomers' odds by profit_weight * dr and costs dr * base a year for subsidy_years.
void Governments::set_subsidy_budget(World& w, const YearStats& stats, const ZoneValues& v) {
  const Enterprises& f = w.enterprises;
  const auto Z = static_cast<std::size_t>(w.zone_count());
  const int year = w.year;
  // Per zone: subsidised output; output of this year's movers in; of this year's entrants.
  const std::vector<double> sums = chunked_sum(f.size(), 3 * Z, [&](std::size_t e, double* p) {
    if (!(f.flags[e] & Enterprises::alive)) return;
    if (f.subsidy_rate[e] > 0) p[f.zone[e]] += f.output[e];
    if (f.move_year[e] == year) p[Z + f.zone[e]] += f.output[e];
    if (f.age[e] == 0) p[2 * Z + f.zone[e]] += f.output[e];
  });
  const GovernmentSpec& g = spec_.governments;
  ZoneState& zs = w.zones;
  budget_left_.assign(Z, 0.0);
  expected_.assign(Z, 0.0);
  discretionary_.assign(Z, 0.0);
  base_.assign(Z, 0.0);
  for (std::size_t z = 0; z < Z; ++z) {
    if (!zs.active[z]) continue;
    const double base = base_[z] = sums[z] + kExpectedNewcomers * stats.zone[ZoneVar::gdp][z];
    double share = zs.subsidy_share[z];
    if (w.step > 0 && base > 0) {
      // A mover is booked for the years the sharing rule leaves the zone; an entrant for the whole horizon.
      const double booked =
          booked_years_at_destination(w.attribution, g.horizon) * sums[Z + z] + g.horizon * sums[2 * Z + z];
      const double value = v.urgency[z] * v.booked[z] * spec_.relocation.profit_weight * booked /
                           (std::max(g.subsidy_years, 1) * base);
      share *= std::pow(std::max(value, 1e-12) / v.money[z], g.budget_adjustment);
    }
    // Never more than pays the capped rate on the base, never less than the floor, within the budget.
    const double most = v.discretionary[z] > 0 ? g.max_offer * base / v.discretionary[z] : 0.0;
    const double committed = v.discretionary[z] > 0 ? zs.earmarked[z] / v.discretionary[z] : 0.0;
    // (Where agreements and schemes already commit 90% of the budget, nothing is left: the floor gives way.)
    const double highest = std::max(std::min(most, 0.9 - committed), 0.0);
    share = std::clamp(share, std::min({kMinSubsidyShare, most, highest}), highest);
    zs.subsidy_share[z] = share;
    budget_left_[z] = share * v.discretionary[z];
    discretionary_[z] = v.discretionary[z];
  }
}

// The rest of the budget among services, land and talent: target shares proportional to marginal
// value^budget_precision; budget_adjustment of the gap closed each year.
void Governments::split_budget(World& w, const ZoneValues& v) const {
  if (w.step == 0) return;  // the initial split is the scenario's
  const GovernmentSpec& g = spec_.governments;
  ZoneState& zs = w.zones;
  for (std::size_t z = 0; z < zs.active.size(); ++z) {
    if (!zs.active[z] || v.discretionary[z] <= 0) continue;
    const double m = v.money[z];
    const double services = std::pow(v.services[z] / m, g.budget_precision),
                 land = std::pow(v.land[z] / m, g.budget_precision),
                 talent = std::pow(v.talent[z] / m, g.budget_precision);
    const double sum = services + land + talent;
    if (!(sum > 0)) continue;
    const double committed = std::min(1.0, zs.earmarked[z] / v.discretionary[z]);
    const double lasting = std::max(0.0, 1 - zs.subsidy_share[z] - committed);
    const double talent_target = lasting * talent / sum;
    const double development_target = land + services > 0 ? land / (land + services) : 0.0;
    zs.talent_share[z] += g.budget_adjustment * (talent_target - zs.talent_share[z]);
    zs.development_share[z] += g.budget_adjustment * (development_target - zs.development_share[z]);
  }
}

double Governments::worth_to_bidder(const World& w, const YearStats& stats, const ZoneValues& v, int bidder,
                                    std::size_t e) const {
  const Enterprises& f = w.enterprises;
  const auto d = static_cast<std::size_t>(bidder), o = static_cast<std::size_t>(f.zone[e]);
  const int horizon = spec_.governments.horizon;
  const double booked_years = booked_years_at_destination(w.attribution, horizon);
  const double y = f.output[e];
  double score = v.urgency[d] * v.booked[d] * y * booked_years;
  if (f.flags[e] & Enterprises::hightech)
    score += v.national[d] * horizon / std::max(stats.zone[ZoneVar::firms][d], 1.0);
  // An investor counts its stake in the origin's growth: what the origin stops booking is its loss too.
  const double gdp_o = stats.zone[ZoneVar::gdp][o];
  if (gdp_o > 0) {
    const double stake = std::min(1.0, w.equity[w.pair(bidder, static_cast<int>(o))] / gdp_o);
    score -= stake * v.own_gdp_growth[d] * y * booked_years / gdp_o;
  }
  return score / v.money[d];
}

double Governments::worth_to_origin(const World& w, const YearStats& stats, const ZoneValues& v,
                                    std::size_t e) const {
  const Enterprises& f = w.enterprises;
  const std::size_t o = f.zone[e];
  // What the origin stops booking (the sharing rule leaves it its share for K years), less the radiation
  // credit for an enterprise moved out.
  const double lost_years = booked_years_at_destination(w.attribution, spec_.governments.horizon);
  const double score = v.urgency[o] * v.booked[o] * f.output[e] * lost_years -
                       v.radiation[o] / std::max(stats.zone[ZoneVar::firms][o], 1.0);
  return score / v.money[o];
}

// The courted enterprises: the poaching_targets share of all, by output with high-tech ones counted double.
void Governments::make_offers(World& w, const YearStats& stats, const ZoneValues& v) {
  const Enterprises& f = w.enterprises;
  ZoneState& zs = w.zones;
  std::fill(zs.poaching_offers.begin(), zs.poaching_offers.end(), 0.0);
  w.offers.clear();
  const GovernmentSpec& g = spec_.governments;
  const auto count =
      static_cast<std::size_t>(std::llround(g.poaching_targets * static_cast<double>(f.alive_count())));
  if (count == 0 || g.max_offer <= 0) return;
  // The `count` largest keys (output, high-tech counted double; ties to the lower index) in one pass, kept in
  // a heap whose top is the smallest kept: no array of all enterprises.
  std::vector<std::pair<double, std::uint32_t>> ranked;  // (-key, e): the heap's "largest" is the worst kept
  ranked.reserve(count + 1);
  for (std::size_t e = 0; e < f.size(); ++e) {
    if (!(f.flags[e] & Enterprises::alive) || !zs.active[f.zone[e]]) continue;
    const std::pair<double, std::uint32_t> item{
        -f.output[e] * ((f.flags[e] & Enterprises::hightech) ? 2.0 : 1.0), static_cast<std::uint32_t>(e)};
    if (ranked.size() < count) {
      ranked.push_back(item);
      std::push_heap(ranked.begin(), ranked.end());
    } else if (item < ranked.front()) {
      std::pop_heap(ranked.begin(), ranked.end());
      ranked.back() = item;
      std::push_heap(ranked.begin(), ranked.end());
    }
  }
  std::sort(ranked.begin(), ranked.end());
  const int years = std::max(g.subsidy_years, 1);
  struct Candidate {
    double per_yuan, worth, utility, per_billion, cap;
    std::uint32_t e;
  };
  std::vector<Candidate> candidates;
  for (int d = 0; d < w.zone_count(); ++d) {
    const auto zd = static_cast<std::size_t>(d);
    if (!zs.active[zd] || v.discretionary[zd] <= 0 || budget_left_[zd] <= 0) continue;
    // Every target's best offer within the cap on offers; then the budget goes to the best value per yuan.
    candidates.clear();
    for (const auto& [key, target] : ranked) {
      const std::size_t e = target;
      if (f.zone[e] == d || courting_[zd * S + static_cast<std::size_t>(f.sector[e])] < 1.0 / kSectorCount)
        continue;
      const double worth = worth_to_bidder(w, stats, v, d, e);
      if (worth <= 0) continue;
      const MoveTerms t = move_terms(w, spec_.relocation, g.subsidy_years, e, d);
      const double utility = t.utility - spec_.relocation.profit_weight * received_subsidy_share(w, e);
      const double cap = g.max_offer * years * f.output[e];
      const BestOffer best = best_offer(worth, utility, t.per_billion, cap, g.commitment_cost, g.offer_cost);
      if (best.amount > 0 && best.value > g.offer_cost)
        candidates.push_back(
            {(best.value - g.offer_cost) / best.amount, worth, utility, t.per_billion, cap, target});
    }
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
      return a.per_yuan != b.per_yuan ? a.per_yuan > b.per_yuan : a.e < b.e;
    });
    for (const Candidate& c : candidates) {
      if (budget_left_[zd] <= 0) break;
      // Each promise must be payable from what the budget does not yet expect to pay: a zone short of money
      // offers less.
      const BestOffer best =
          best_offer(c.worth, c.utility, c.per_billion, std::min(c.cap, budget_left_[zd]), g.commitment_cost);
      const double net = best.value - g.offer_cost;
      if (best.amount <= 0) continue;
      Stream draw(w.key, static_cast<std::uint64_t>(w.step), (static_cast<std::uint64_t>(d) << 32) | c.e,
                  Purpose::poaching_offer);
      if (draw.uniform() >= logistic(g.precision * net / v.discretionary[zd])) continue;
      w.offers.push_back(Offer{c.e, static_cast<std::uint16_t>(d), f.zone[c.e], best.amount, 0.0});
      budget_left_[zd] -= best.probability * best.amount;
      expected_[zd] += best.probability * best.amount;  // what the posted rates plan on
      zs.poaching_offers[zd] += 1;
    }
  }
  std::sort(w.offers.begin(), w.offers.end(), [](const Offer& a, const Offer& b) {
    return a.enterprise != b.enterprise ? a.enterprise < b.enterprise : a.bidder < b.bidder;
  });
}

// The origin of a courted enterprise counters the best rival offer with the retention amount that maximises
// P(stay) * (loss avoided - amount), P(stay) against all the rival offers, if that beats not countering.
void Governments::make_retention_offers(World& w, const YearStats& stats, const ZoneValues& v) {
  const Enterprises& f = w.enterprises;
  ZoneState& zs = w.zones;
  std::fill(zs.retention_offers.begin(), zs.retention_offers.end(), 0.0);
  const GovernmentSpec& g = spec_.governments;
  const RelocationSpec& r = spec_.relocation;
  const int years = std::max(g.subsidy_years, 1);
  for (std::size_t i = 0, j = 0; i < w.offers.size(); i = j) {
    const std::size_t e = w.offers[i].enterprise;
    while (j < w.offers.size() && w.offers[j].enterprise == e) ++j;
    const int o = f.zone[e];
    const auto zo = static_cast<std::size_t>(o);
    const double worth = worth_to_origin(w, stats, v, e);
    // Defence comes first: a retention offer may use the whole subsidy budget, promised or not (promises
    // that come due together are paid pro rata, Fiscal).
    const double cap =
        std::min(g.max_offer * years * f.output[e], zs.subsidy_share[zo] * v.discretionary[zo]);
    if (worth <= 0 || cap <= 0 || v.discretionary[zo] <= 0) continue;
    // The rival offers together, as the enterprise's logit sees them: log sum of exp of their utilities.
    double rival = -1e300, sum = 0;
    std::vector<double> u;
    for (std::size_t k = i; k < j; ++k) {
      const MoveTerms t = move_terms(w, r, g.subsidy_years, e, w.offers[k].bidder);
      u.push_back(t.utility + t.per_billion * w.offers[k].amount);
      rival = std::max(rival, u.back());
    }
    for (double x : u) sum += std::exp(x - rival);
    rival += std::log(sum);
    const double stay = r.profit_weight * received_subsidy_share(w, e) - rival;
    const double per_billion = move_terms(w, r, g.subsidy_years, e, o).per_billion;
    const BestOffer best = best_offer(worth, stay, per_billion, cap, g.commitment_cost);
    if (best.amount <= 0) continue;
    const double gain = best.value - g.offer_cost;
    Stream draw(w.key, static_cast<std::uint64_t>(w.step), (static_cast<std::uint64_t>(o) << 32) | e,
                Purpose::poaching_offer);
    draw.uniform();  // the first draw of this stream is the origin's own offers' (never to itself)
    if (draw.uniform() >= logistic(g.precision * gain / v.discretionary[zo])) continue;
    for (std::size_t k = i; k < j; ++k) w.offers[k].retention = best.amount;
    budget_left_[zo] -= best.probability * best.amount;
    expected_[zo] += best.probability * best.amount;
    zs.retention_offers[zo] += 1;
  }
}

// Posted rates for movers and entrants in the courted sectors: what the budget left after the offers pays on
// the base, capped, approached by offer_adjustment a year; a sector gets the rate times its courting weight
// relative to the most courted one.
void Governments::post_rates(World& w) const {
  const GovernmentSpec& g = spec_.governments;
  const auto Z = static_cast<std::size_t>(w.zone_count());
  ZoneState& zs = w.zones;
  for (std::size_t z = 0; z < Z; ++z) {
    const double budget = zs.subsidy_share[z] * discretionary_[z] - expected_[z];
    const double target =
        base_[z] > 0 && zs.active[z] ? std::min(g.max_offer, std::max(budget, 0.0) / base_[z]) : 0.0;
    double top = 0, current = 0;
    for (std::size_t s = 0; s < S; ++s) {
      top = std::max(top, courting_[z * S + s]);
      current = std::max(current, zs.subsidy_offer[z * S + s]);
    }
    const double next = current + g.offer_adjustment * (target - current);
    for (std::size_t s = 0; s < S; ++s)
      zs.subsidy_offer[z * S + s] = top > 0 ? next * courting_[z * S + s] / top : 0.0;
  }
}

}  // namespace zonesim
