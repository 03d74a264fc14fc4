// Cooperation agreements (seed 001 section 3 and incentives 1-3: branch parks and co-built parks, of three
// types — tech-enabling, chain-extension, cross-fusion — that fail when one side cannot book its gains).
// Each year, in the governments phase after the tournament, for every candidate pair (each zone's
// cooperation.candidates nearest zones, and the links 1+N guidance proposes), with L the larger partner by
// GDP and M the smaller:
//   an agreement L -> M lends M a share of L's services (L loses export_rivalry of what it lends), counts
//   each side's employment in the other's agglomeration (chain and fusion links, both ways), lets knowledge
//   spill from L to M, cuts the moving cost from L into M, and costs `cost` a year, split equally (1+N: the
//   province pays cost_share of it).
//   Each side's gain over the horizon H' = min(horizon, term), in billion CNY:
//     gain = H' * (score per year / price of money + transfers per year - own cost per year)
//     score per year = G * d log output (services, agglomeration) + w_coop / s_coop * edge weight
//                      (+ L: w_rad / s_rad * knowledge diffused / stock; + an investor's stake in the
//                      partner's growth, and its co-built share of the partner's output)
//   A side proposes (or accepts) with probability 1 / (1 + exp(-precision * gain / discretionary budget)).
//   Free pairs: the side that gains more (per budget) proposes and the other accepts or refuses. Guided
//   pairs: the province proposes and both must accept. Agreements in force: at the end of the term both
//   decide again; before it, a side that loses ends it with probability (1 - P(accept)) / term a year.
#include "core/cooperation.hpp"

#include <algorithm>
#include <cmath>

#include "zonesim/model/rng.hpp"
#include "zonesim/model/statistics.hpp"

namespace zonesim {

namespace {
constexpr Phase kPhases[] = {Phase::governments};

double logistic(double x) { return 1.0 / (1.0 + std::exp(-std::clamp(x, -700.0, 700.0))); }

void zs_count(std::vector<double>& counts, int zone) { counts[static_cast<std::size_t>(zone)] += 1; }

double edge_weight(const GuidedLink& t) {
  return (t.tech_enabling ? t.spillover_weight : 0.0) + (t.chain_extension ? t.chain_link : 0.0) +
         (t.cross_fusion ? t.fusion_link : 0.0);
}
}  // namespace

std::span<const Phase> Cooperation::phases() const { return kPhases; }

// Each zone's nearest zones by distance between host cities (ties by index), as unordered pairs.
void Cooperation::find_candidates(const World& w) {
  const int Z = w.zone_count();
  linked_.assign(static_cast<std::size_t>(Z) * static_cast<std::size_t>(Z), 0);
  std::vector<int> others;
  for (int a = 0; a < Z; ++a) {
    others.clear();
    for (int b = 0; b < Z; ++b)
      if (b != a) others.push_back(b);
    const auto k =
        std::min<std::size_t>(others.size(), static_cast<std::size_t>(spec_.cooperation.candidates));
    std::partial_sort(others.begin(), others.begin() + static_cast<long>(k), others.end(), [&](int x, int y) {
      return w.distance(a, x) < w.distance(a, y) || (w.distance(a, x) == w.distance(a, y) && x < y);
    });
    for (std::size_t i = 0; i < k; ++i)
      candidates_.emplace_back(std::min(a, others[i]), std::max(a, others[i]));
  }
  std::sort(candidates_.begin(), candidates_.end());
  candidates_.erase(std::unique(candidates_.begin(), candidates_.end()), candidates_.end());
}

GuidedLink Cooperation::default_terms(int leader, int member) const {
  const CooperationSpec& c = spec_.cooperation;
  GuidedLink t;
  t.leader = leader;
  t.member = member;
  t.service_export_share = c.service_export_share;
  t.spillover_weight = c.spillover_weight;
  t.chain_link = c.chain_link;
  t.fusion_link = c.fusion_link;
  t.move_cost_discount = c.move_cost_discount;
  t.cost_share = 0;
  return t;
}

GuidedLink Cooperation::oriented(const World&, const YearStats& stats, int a, int b) const {
  const std::vector<double>& gdp = stats.zone[ZoneVar::gdp];
  const bool a_leads = gdp[static_cast<std::size_t>(a)] >= gdp[static_cast<std::size_t>(b)];
  return default_terms(a_leads ? a : b, a_leads ? b : a);
}

Cooperation::Gains Cooperation::gains(const World& w, const YearStats& stats, const ZoneValues& v,
                                      const GuidedLink& t, bool in_force) const {
  const auto L = static_cast<std::size_t>(t.leader), M = static_cast<std::size_t>(t.member);
  const ZoneState& zs = w.zones;
  const CooperationSpec& c = spec_.cooperation;
  const ProductionSpec& p = spec_.production;
  const double horizon = std::min(spec_.governments.horizon, c.term);
  // Services: what L lends, against each side's services without this agreement.
  const double lent = t.service_export_share * zs.service_capacity[L];
  const auto effective = [&](std::size_t z) {
    return zs.service_capacity[z] + zs.service_import[z] - zs.service_export[z];
  };
  const double base_m = std::max(effective(M) - (in_force ? lent : 0.0), 1e-9);
  const double base_l = std::max(effective(L) + (in_force ? c.export_rivalry * lent : 0.0), 1e-9);
  double growth_m = p.service_elasticity * std::log1p(lent / base_m);
  double growth_l =
      -p.service_elasticity * std::log(base_l / std::max(base_l - c.export_rivalry * lent, 1e-9));
  // Agglomeration, both ways (each side's employment counts in the other's).
  const double emp_l = std::max(stats.zone[ZoneVar::employment][L], 1.0),
               emp_m = std::max(stats.zone[ZoneVar::employment][M], 1.0);
  const double chain = t.chain_extension ? t.chain_link : 0.0, fusion = t.cross_fusion ? t.fusion_link : 0.0;
  const auto agglomeration = [&](double ratio) {
    return p.own_sector_agglomeration * std::log1p(chain * ratio) +
           p.all_sector_agglomeration * std::log1p(fusion * ratio);
  };
  growth_m += agglomeration(emp_l / emp_m);
  growth_l += agglomeration(emp_m / emp_l);
  const double weight = edge_weight(t);
  const double gdp_l = stats.zone[ZoneVar::gdp][L], gdp_m = stats.zone[ZoneVar::gdp][M];
  double score_l = v.booked[L] * gdp_l * growth_l + v.cooperation[L] * weight;
  double score_m = v.booked[M] * gdp_m * growth_m + v.cooperation[M] * weight;
  // Radiation: the knowledge L diffuses to M, per L's stock (the tournament's radiation criterion).
  if (t.tech_enabling)
    score_l += v.radiation[L] * spec_.innovation.cooperation_spillover * t.spillover_weight * zs.patents[L] /
               (zs.patent_stock[L] + 1);
  // Equity: an investor counts its stake in the partner's growth (tournament), and its co-built share of the
  // partner's output as booked (output sharing).
  const auto stake = [&](std::size_t a, std::size_t b, double gdp_b) {
    return gdp_b > 0 ? std::min(1.0, w.equity[a * static_cast<std::size_t>(w.zone_count()) + b] / gdp_b)
                     : 0.0;
  };
  const double s_lm = stake(L, M, gdp_m), s_ml = stake(M, L, gdp_l);
  const double co_built = w.attribution.co_built_share;
  score_l += s_lm * (v.own_gdp_growth[L] * growth_m + co_built * v.booked[L] * gdp_m * growth_m);
  score_m += s_ml * (v.own_gdp_growth[M] * growth_l + co_built * v.booked[M] * gdp_l * growth_l);
  const double funding = 0.5 * w.cooperation_terms.project_funding;
  const double own_cost = 0.5 * c.cost * (1 - t.cost_share);
  Gains g;
  g.leader = horizon * (score_l / v.money[L] + funding - own_cost);
  g.member = horizon * (score_m / v.money[M] + funding - own_cost);
  return g;
}

bool Cooperation::accepts(const World&, const ZoneValues& v, int zone, double gain, Stream& draws) const {
  const double budget = std::max(v.discretionary[static_cast<std::size_t>(zone)], 1e-9);
  return draws.uniform() < logistic(spec_.governments.precision * gain / budget);
}

void Cooperation::run(Phase, World& w, const YearStats& stats) {
  if (linked_.empty()) find_candidates(w);
  ZoneState& zs = w.zones;
  for (auto* x : {&zs.cooperation_proposals, &zs.cooperation_refusals}) std::fill(x->begin(), x->end(), 0.0);
  const ZoneValues values = value_zones(w, stats, spec_);
  review(w, stats, values);
  propose(w, stats, values);
  record(w);
}

// Agreements in force: renewed at the end of their term if both accept again; ended early, with probability
// (1 - P(accept)) / term a year, by a side that loses by them.
void Cooperation::review(World& w, const YearStats& stats, const ZoneValues& v) {
  std::vector<Agreement> kept;
  for (const Agreement& a : agreements_) {
    const Gains g = gains(w, stats, v, a.terms, true);
    Stream draws(w.key, static_cast<std::uint64_t>(w.step), pair_key(w, a.leader, a.member),
                 Purpose::cooperation);
    bool keep = w.is_active(a.leader) && w.is_active(a.member);
    if (keep && w.year > a.end) {
      zs_count(w.zones.cooperation_proposals, a.leader);
      const bool l = accepts(w, v, a.leader, g.leader, draws), m = accepts(w, v, a.member, g.member, draws);
      if (!l) zs_count(w.zones.cooperation_refusals, a.leader);
      if (!m) zs_count(w.zones.cooperation_refusals, a.member);
      keep = l && m;
    } else if (keep) {
      const double term = spec_.cooperation.term;
      for (const auto& [zone, gain] : {std::pair{a.leader, g.leader}, std::pair{a.member, g.member}}) {
        const double budget = std::max(v.discretionary[static_cast<std::size_t>(zone)], 1e-9);
        const double quit = (1 - logistic(spec_.governments.precision * gain / budget)) / term;
        if (gain < 0 && draws.uniform() < quit) keep = false;
      }
    }
    if (keep) {
      kept.push_back(a);
      if (w.year > a.end) kept.back().end = w.year + spec_.cooperation.term - 1;
    } else {
      unlink(w, a);
    }
  }
  agreements_ = std::move(kept);
}

// Pairs without an agreement: the province's guided links first, then the free candidates.
void Cooperation::propose(World& w, const YearStats& stats, const ZoneValues& v) {
  const auto key = [&](int a, int b) { return pair_key(w, a, b); };
  std::vector<std::uint8_t> seen(linked_.size(), 0);
  const auto consider = [&](const GuidedLink& t, bool guided) {
    const std::size_t k = key(t.leader, t.member);
    if (t.leader == t.member || linked_[k] || seen[k] || !w.is_active(t.leader) || !w.is_active(t.member))
      return;
    seen[k] = 1;
    const Gains g = gains(w, stats, v, t, false);
    Stream draws(w.key, static_cast<std::uint64_t>(w.step), k, Purpose::cooperation);
    bool formed = false;
    if (guided) {  // the province proposes; both must accept
      zs_count(w.zones.cooperation_proposals, t.leader);
      const bool l = accepts(w, v, t.leader, g.leader, draws), m = accepts(w, v, t.member, g.member, draws);
      if (!l) zs_count(w.zones.cooperation_refusals, t.leader);
      if (!m) zs_count(w.zones.cooperation_refusals, t.member);
      formed = l && m;
    } else {  // the side that gains more, for its budget, proposes; the other accepts or refuses
      const double per_l = g.leader / std::max(v.discretionary[static_cast<std::size_t>(t.leader)], 1e-9);
      const double per_m = g.member / std::max(v.discretionary[static_cast<std::size_t>(t.member)], 1e-9);
      const bool leader_proposes = per_l >= per_m;
      const int proposer = leader_proposes ? t.leader : t.member,
                other = leader_proposes ? t.member : t.leader;
      if (!accepts(w, v, proposer, leader_proposes ? g.leader : g.member, draws)) return;
      zs_count(w.zones.cooperation_proposals, proposer);
      formed = accepts(w, v, other, leader_proposes ? g.member : g.leader, draws);
      if (!formed) zs_count(w.zones.cooperation_refusals, other);
    }
    if (!formed) return;
    Agreement a;
    a.leader = t.leader;
    a.member = t.member;
    a.end = w.year + spec_.cooperation.term - 1;
    a.terms = t;
    agreements_.push_back(a);
    link(w, a);
  };
  for (const GuidedLink& t : w.guided_links) consider(t, true);
  for (const auto& [a, b] : candidates_) consider(oriented(w, stats, a, b), false);
}

std::size_t Cooperation::pair_key(const World& w, int a, int b) {
  return static_cast<std::size_t>(std::min(a, b)) * static_cast<std::size_t>(w.zone_count()) +
         static_cast<std::size_t>(std::max(a, b));
}

void Cooperation::link(World& w, const Agreement& a) {
  const GuidedLink& t = a.terms;
  linked_[pair_key(w, a.leader, a.member)] = 1;
  const Vertex from = w.zone_vertex[static_cast<std::size_t>(a.leader)],
               to = w.zone_vertex[static_cast<std::size_t>(a.member)];
  const auto add = [&](CooperationType type, double weight) {
    boost::add_edge(from, to, EdgeProps{EdgeType::cooperation, type, weight}, w.graph);
  };
  if (t.tech_enabling) add(CooperationType::tech_enabling, t.spillover_weight);
  if (t.chain_extension) {
    add(CooperationType::chain_extension, t.chain_link);
    w.chain_links[w.pair(a.member, a.leader)] = w.chain_links[w.pair(a.leader, a.member)] = t.chain_link;
  }
  if (t.cross_fusion) {
    add(CooperationType::cross_fusion, t.fusion_link);
    w.fusion_links[w.pair(a.member, a.leader)] = w.fusion_links[w.pair(a.leader, a.member)] = t.fusion_link;
  }
  w.move_cost_factor[w.pair(a.leader, a.member)] = 1 - t.move_cost_discount;
}

void Cooperation::unlink(World& w, const Agreement& a) {
  linked_[pair_key(w, a.leader, a.member)] = 0;
  const Vertex from = w.zone_vertex[static_cast<std::size_t>(a.leader)],
               to = w.zone_vertex[static_cast<std::size_t>(a.member)];
  boost::remove_out_edge_if(
      from,
      [&](const Graph::edge_descriptor& e) {
        return boost::target(e, w.graph) == to && w.graph[e].type == EdgeType::cooperation;
      },
      w.graph);
  w.chain_links[w.pair(a.member, a.leader)] = w.chain_links[w.pair(a.leader, a.member)] = 0;
  w.fusion_links[w.pair(a.member, a.leader)] = w.fusion_links[w.pair(a.leader, a.member)] = 0;
  w.move_cost_factor[w.pair(a.leader, a.member)] = 1;
}

// The year's flows of the agreements in force: services lent and lost, running costs due next year, counts.
void Cooperation::record(World& w) const {
  ZoneState& zs = w.zones;
  for (auto* x : {&zs.service_import, &zs.service_export, &zs.agreement_cost, &zs.agreement_support,
                  &zs.cooperation_agreements})
    std::fill(x->begin(), x->end(), 0.0);
  const CooperationSpec& c = spec_.cooperation;
  for (const Agreement& a : agreements_) {
    const auto L = static_cast<std::size_t>(a.leader), M = static_cast<std::size_t>(a.member);
    const double lent = a.terms.service_export_share * zs.service_capacity[L];
    zs.service_import[M] += lent;
    zs.service_export[L] += c.export_rivalry * lent;
    for (std::size_t z : {L, M}) {
      zs.agreement_cost[z] += 0.5 * c.cost * (1 - a.terms.cost_share);
      zs.agreement_support[z] += 0.5 * c.cost * a.terms.cost_share;
      zs.cooperation_agreements[z] += 1;
    }
  }
}

}  // namespace zonesim
