// Building the world: the institutional graph (central -> provinces -> cities -> zones) and the zone state.
#include "zonesim/model/world.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>

namespace zonesim {

const char* sector_name(Sector s) {
  static constexpr const char* kNames[kSectorCount] = {
      "electronics",   "semiconductors", "biomedicine",      "advanced_manufacturing",
      "new_materials", "new_energy",     "digital_services", "other"};
  return kNames[static_cast<int>(s)];
}

void Enterprises::resize(std::size_t n) {
  zone.resize(n);
  sector.resize(n);
  flags.resize(n);
  employment.resize(n);
  rnd_intensity.resize(n);
  productivity.resize(n);
  output.resize(n);
  profit.resize(n);
  subsidy_rate.resize(n);
  loss_years.resize(n);
  origin_zone.resize(n);
  move_year.resize(n);
  age.resize(n);
}

// The free slots are kept sorted descending. A batch of releases usually appends ascending slots (loops run in
// slot order) after the sorted ones left from before: reversing the batch and merging is linear, where sorting
// everything was the largest serial part of the step at 10^7 enterprises. Any other order is sorted.
void Enterprises::release_done() {
  const auto sorted_end = std::is_sorted_until(free_slots.begin(), free_slots.end(), std::greater<>());
  if (sorted_end == free_slots.end()) return;
  if (std::is_sorted(sorted_end, free_slots.end())) {
    std::reverse(sorted_end, free_slots.end());
    std::inplace_merge(free_slots.begin(), sorted_end, free_slots.end(), std::greater<>());
  } else {
    std::sort(free_slots.begin(), free_slots.end(), std::greater<>());
  }
}

std::uint32_t Enterprises::take_slot() {
  if (!free_slots.empty()) {
    const std::uint32_t e = free_slots.back();  // sorted descending: the back is the lowest
    free_slots.pop_back();
    return e;
  }
  resize(size() + 1);
  return static_cast<std::uint32_t>(size() - 1);
}

std::vector<std::int64_t> apportion(std::int64_t total, const std::vector<double>& weights,
                                    std::int64_t minimum) {
  const auto n = static_cast<std::int64_t>(weights.size());
  std::vector<std::int64_t> out(weights.size(), minimum);
  const std::int64_t free = total - minimum * n;
  if (n == 0 || free <= 0) return out;
  const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<double> remainder(weights.size());
  std::int64_t given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const double exact = static_cast<double>(free) * weights[i] / sum;
    const auto whole = static_cast<std::int64_t>(exact);
    out[i] += whole;
    given += whole;
    remainder[i] = exact - static_cast<double>(whole);
  }
  std::vector<std::size_t> order(weights.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return remainder[a] > remainder[b]; });
  for (std::size_t k = 0; given < free; ++k, ++given) ++out[order[k % order.size()]];
  return out;
}

static void build_graph(World& w) {
  const ZoneTable& t = w.table;
  w.central = boost::add_vertex({VertexKind::central, 0}, w.graph);
  for (std::size_t p = 0; p < t.provinces.size(); ++p) {
    w.province_vertex.push_back(boost::add_vertex({VertexKind::province, static_cast<int>(p)}, w.graph));
    boost::add_edge(w.central, w.province_vertex.back(), {EdgeType::governs}, w.graph);
  }
  for (std::size_t c = 0; c < t.cities.size(); ++c) {
    w.city_vertex.push_back(boost::add_vertex({VertexKind::city, static_cast<int>(c)}, w.graph));
    boost::add_edge(w.province_vertex[t.city_province[c]], w.city_vertex.back(), {EdgeType::governs},
                    w.graph);
  }
  for (int z = 0; z < t.size(); ++z) {
    w.zone_vertex.push_back(boost::add_vertex({VertexKind::zone, z}, w.graph));
    boost::add_edge(w.city_vertex[t.zones[z].city], w.zone_vertex.back(), {EdgeType::governs}, w.graph);
  }
}

void set_zone_figures(World& w, int z, double gdp, double patents, double rnd_personnel) {
  ZoneState& s = w.zones;
  const GovernmentSpec& g = w.params.governments;
  s.active[z] = 1;
  s.patents[z] = patents;
  s.patent_stock[z] = patents * w.params.zones.initial_patent_stock_years;
  s.rnd_personnel[z] = rnd_personnel;
  // Services and infrastructure start at the steady state of the spending that built them: the share
  // zones.initial_service_share of the discretionary budget, split by zones.initial_development_share, with
  // their depreciation (docs/model.md). Traits of the observed initial state: they do not move with
  // governments.subsidy_share or governments.development_share (production compares each stock with its
  // initial mean, so a split that built the stocks and the flows alike would cancel out).
  const ZonesSpec& zp = w.params.zones;
  const double built =
      g.tax_rate * (1 + g.city_transfer) * gdp * g.discretionary_share * zp.initial_service_share;
  s.service_capacity[z] = built * (1 - zp.initial_development_share) / g.service_depreciation;
  s.infrastructure[z] = built * zp.initial_development_share / w.params.infrastructure.depreciation;
}

static void init_zone_state(World& w) {
  const auto n = static_cast<std::size_t>(w.zone_count());
  ZoneState& s = w.zones;
  s.land_capacity.resize(n);
  s.patents.resize(n);
  s.patent_stock.resize(n);
  s.rnd_personnel.resize(n);
  s.place_factor.assign(n * kSectorCount, 1.0);
  s.labour_cost.assign(n, 0.0);
  s.occupancy.assign(n, 0.0);
  s.subsidy_offer.assign(n * kSectorCount, 0.0);
  s.payout_ratio.assign(n, 1.0);
  s.subsidy_share.assign(n, w.params.governments.subsidy_share);
  for (auto* v : {&s.attributed_gdp,
                  &s.revenue,
                  &s.transfers_in,
                  &s.subsidy_budget,
                  &s.services_spending,
                  &s.development_spending,
                  &s.subsidy_paid,
                  &s.subsidy_waste,
                  &s.fiscal_balance,
                  &s.tournament_score,
                  &s.tournament_pressure,
                  &s.public_spending,
                  &s.public_cost,
                  &s.industrial_gdp,
                  &s.energy_use,
                  &s.co2_emissions,
                  &s.energy_intensity,
                  &s.co2_intensity,
                  &s.wage,
                  &s.rnd_spending,
                  &s.talent_programme})
    v->assign(n, 0.0);
  s.service_capacity.assign(n, 0.0);
  s.infrastructure.assign(n, 0.0);
  s.talent_wage.assign(n, 1.0);
  s.rnd_input_ratio.assign(n, 1.0);
  s.evaluation.assign(n, w.params.governments.evaluation);
  s.national_orientation.assign(n, w.params.governments.national_orientation);
  for (auto* v :
       {&s.equity_out,           &s.equity_in,         &s.service_import,        &s.earmarked,
        &s.venture_capital,      &s.external_funds,    &s.service_export,        &s.offer_payments,
        &s.offer_waste,          &s.agreement_cost,    &s.agreement_support,     &s.poaching_offers,
        &s.poaching_moves,       &s.retention_offers,  &s.cooperation_proposals, &s.cooperation_agreements,
        &s.cooperation_refusals, &s.budget_subsidies,  &s.budget_services,       &s.budget_land,
        &s.budget_talent,        &s.budget_cooperation})
    v->assign(n, 0.0);
  s.talent_share.assign(n, w.params.governments.talent_share);
  s.development_share.assign(n, w.params.governments.development_share);
  w.equity.assign(n * n, 0.0);
  w.move_cost_factor.assign(n * n, 1.0);
  w.chain_links.assign(n * n, 0.0);
  w.fusion_links.assign(n * n, 0.0);
  w.moved_output.assign(n * n, 0.0);
  s.active.assign(n, 0);
  s.relocations_in.assign(n, 0.0);
  s.relocations_out.assign(n, 0.0);
  for (std::size_t z = 0; z < n; ++z) {
    const Zone& zone = w.table.zones[z];
    s.land_capacity[z] = std::max(zone.land_km2 * w.params.zones.max_density,
                                  zone.employment / w.params.zones.max_initial_occupancy);
    if (zone.entry_year == 0 || zone.entry_year <= w.year)
      set_zone_figures(w, static_cast<int>(z), zone.gdp, zone.patents, zone.rnd_personnel);
  }
}

static void compute_distances(World& w) {
  const int n = w.zone_count();
  w.distance_km.assign(static_cast<std::size_t>(n * n), 0.0);
  constexpr double kEarthRadiusKm = 6371.0, kRad = 3.14159265358979323846 / 180.0;
  for (int a = 0; a < n; ++a)
    for (int b = 0; b < n; ++b) {
      const Zone &za = w.table.zones[a], &zb = w.table.zones[b];
      const double dlat = (zb.lat - za.lat) * kRad, dlon = (zb.lon - za.lon) * kRad;
      const double h = std::sin(dlat / 2) * std::sin(dlat / 2) + std::cos(za.lat * kRad) *
                                                                     std::cos(zb.lat * kRad) *
                                                                     std::sin(dlon / 2) * std::sin(dlon / 2);
      w.distance_km[static_cast<std::size_t>(a * n + b)] =
          2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
    }
}

ZoneTable zone_table_for(const ScenarioSpec& spec) {
  return load_zone_table(spec.zones.table, spec.zones.year, spec.zones.entry);
}

World build_world(const ScenarioSpec& spec, ZoneTable table, RunKey key) {
  World w;
  w.params = {spec.enterprises, spec.zones, spec.governments, spec.infrastructure, spec.metrics};
  w.digital_share = spec.enterprises.digital_share;
  w.digital_place_tie = spec.production.digital_place_tie;
  w.table = std::move(table);
  w.key = key;
  w.year = spec.time.start;
  build_graph(w);
  init_zone_state(w);
  compute_distances(w);
  generate_enterprises(w);
  return w;
}

FullGraph World::full_graph() const {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
  std::vector<EdgeProps> props;
  edges.reserve(boost::num_edges(graph) + enterprises.size());
  for (auto [it, end] = boost::edges(graph); it != end; ++it) {
    edges.emplace_back(static_cast<std::uint32_t>(boost::source(*it, graph)),
                       static_cast<std::uint32_t>(boost::target(*it, graph)));
    props.push_back(graph[*it]);
  }
  for (std::size_t e = 0; e < enterprises.size(); ++e) {
    if (!enterprises.is(e, Enterprises::alive)) continue;
    edges.emplace_back(static_cast<std::uint32_t>(enterprise_vertex(e)),
                       static_cast<std::uint32_t>(zone_vertex[enterprises.zone[e]]));
    props.push_back({EdgeType::located_in});
  }
  const std::size_t n = boost::num_vertices(graph) + enterprises.size();
  FullGraph g(boost::edges_are_unsorted_multi_pass, edges.begin(), edges.end(), props.begin(), n);
  for (std::size_t v = 0; v < boost::num_vertices(graph); ++v) g[v] = graph[v];
  for (std::size_t e = 0; e < enterprises.size(); ++e)
    g[enterprise_vertex(e)] = {VertexKind::enterprise, static_cast<int>(e)};
  return g;
}

}  // namespace zonesim
