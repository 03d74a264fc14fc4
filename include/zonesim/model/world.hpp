#pragma once
// The world: governments and zones as vertices of a Boost.Graph with typed edges, enterprises as a dense
// structure of arrays. Enterprise e is graph vertex `enterprise_vertex(e)` in `full_graph()`; its one
// located_in edge is the column `enterprises.zone[e]` (docs/architecture.md says why it is not stored twice).
#include <algorithm>
#include <array>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <cstdint>
#include <vector>

#include "zonesim/model/rng.hpp"
#include "zonesim/scenario.hpp"
#include "zonesim/zones.hpp"

namespace zonesim {

enum class VertexKind : std::uint8_t { central, province, city, zone, enterprise };
enum class EdgeType : std::uint8_t { governs, located_in, equity, cooperation };
enum class CooperationType : std::uint8_t { none, tech_enabling, chain_extension, cross_fusion };

struct VertexProps {
  VertexKind kind = VertexKind::central;
  int index = 0;  // index among vertices of its kind (zone index, province index ...)
};
struct EdgeProps {
  EdgeType type = EdgeType::governs;
  CooperationType cooperation = CooperationType::none;
  double weight = 1.0;  // equity share, cooperation intensity
};

// Institutions and their relations: small and mutable (mechanisms add equity and cooperation edges).
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, VertexProps, EdgeProps>;
using Vertex = Graph::vertex_descriptor;
// Everything, enterprises included, as one compact read-only graph (for analysis and export).
using FullGraph = boost::compressed_sparse_row_graph<boost::directedS, VertexProps, EdgeProps,
                                                     boost::no_property, std::uint32_t, std::uint64_t>;

enum class Sector : std::uint8_t {
  electronics,
  semiconductors,
  biomedicine,
  advanced_manufacturing,
  new_materials,
  new_energy,
  digital_services,
  other,
};
inline constexpr int kSectorCount = 8;
const char* sector_name(Sector s);

// Per-enterprise hot state, one array per attribute, indexed by enterprise id.
struct Enterprises {
  // fresh: generated with a target output; production sets its productivity on first sight.
  enum Flag : std::uint8_t {
    alive = 1,
    hightech = 2,
    digital = 4,
    fresh = 8,
    little_giant = 16,
    unicorn = 32
  };
  std::vector<std::uint16_t> zone;  // index into World::zones (the located_in edge)
  std::vector<Sector> sector;
  std::vector<std::uint8_t> flags;
  std::vector<float> employment;           // persons
  std::vector<float> rnd_intensity;        // R&D spending / output
  std::vector<double> productivity;        // total factor productivity (relative to the zone mean)
  std::vector<double> output;              // value added, billion CNY per year
  std::vector<float> profit;               // last year's profit, billion CNY
  std::vector<float> subsidy_rate;         // subsidy promised on arrival (share of value added), 0 = none
  std::vector<std::uint8_t> loss_years;    // consecutive loss-making years
  std::vector<std::uint16_t> origin_zone;  // zone before the last move (== zone if never moved)
  std::vector<std::int16_t> move_year;     // calendar year of the last move, 0 = never
  std::vector<std::uint16_t> age;          // years

  // Slots of exited enterprises, reused by births (lowest first, so the result is deterministic).
  std::vector<std::uint32_t> free_slots;

  std::size_t size() const { return zone.size(); }  // slots, living or not
  std::size_t alive_count() const { return zone.size() - free_slots.size(); }
  void resize(std::size_t n);
  bool is(std::size_t e, Flag f) const { return flags[e] & f; }
  // Marks a slot free (the enterprise exits). Call release_done() after a batch.
  void release(std::uint32_t e) {
    flags[e] = 0;
    free_slots.push_back(e);
  }
  // Sorts the free slots so that take_slot() hands out the lowest first.
  void release_done();
  // A slot for a new enterprise: the lowest free one, or a new one at the end.
  std::uint32_t take_slot();
  static constexpr std::size_t bytes_per_enterprise() {
    return sizeof(std::uint16_t) * 3 + sizeof(Sector) + 2 + sizeof(float) * 4 + sizeof(double) * 2 +
           sizeof(std::int16_t);
  }
};

// Per-zone state that is not a sum over enterprises.
struct ZoneState {
  std::vector<std::uint8_t> active;   // 0 until a later zone's entry year (zones.entry)
  std::vector<double> land_capacity;  // persons the zone's land can host at full occupancy
  std::vector<double> patents;        // invention patents granted this year
  std::vector<double> patent_stock;   // knowledge stock: invention patents, depreciated (perpetual inventory)
  std::vector<double> rnd_personnel;  // persons
  // Market conditions set by production each year and read by other phases.
  std::vector<double> place_factor;      // [zone * kSectorCount + sector]: output per unit of A * l^alpha
  std::vector<double> labour_cost;       // [zone]: wage + congestion rent per worker, billion CNY per year
  std::vector<double> occupancy;         // [zone]: employment / land capacity at the start of the year
  std::vector<double> service_capacity;  // built by service spending, raises the place factor
  std::vector<double> infrastructure;    // land development and infrastructure stock, billion CNY
  std::vector<double> wage;              // [zone]: wage per worker this year, CNY per person-year
  // The talent market (models/core/talent.cpp): R&D spending, talent pay and the R&D input it buys.
  std::vector<double> rnd_spending;      // [zone]: enterprises' R&D spending this year, billion CNY
  std::vector<double> talent_wage;       // [zone]: pay of R&D personnel relative to the initial pay
  std::vector<double> rnd_input_ratio;   // [zone]: R&D input over R&D spending (1 with the initial staff)
  std::vector<double> talent_programme;  // [zone]: talent programme money this year, billion CNY
  // Policy: share of value added paid as subsidy to enterprises that move in or start up (governments set
  // it).
  std::vector<double> subsidy_offer;  // [zone * kSectorCount + sector]
  std::vector<double> payout_ratio;   // [zone]: share of promised subsidies the zone could pay last year
  std::vector<double> subsidy_share;  // [zone]: share of the discretionary budget set aside for subsidies
  // Budgets of the year (billion CNY).
  std::vector<double> revenue, transfers_in, subsidy_budget, services_spending, development_spending;
  std::vector<double> subsidy_paid, subsidy_waste, fiscal_balance;
  // Public money spent in the zone on incentives this year: subsidies, talent programmes, scheme money
  // (public_spending: what mechanisms pay in, whoever pays), billion CNY.
  std::vector<double> public_spending, public_cost;
  // Energy and carbon (models/core/energy.cpp).
  std::vector<double> industrial_gdp, energy_use, co2_emissions, energy_intensity, co2_intensity;
  // GDP as attributed for evaluation: each year's GDP, unless the attribution phase (output-sharing rules)
  // changes it; the tournament scores it.
  std::vector<double> attributed_gdp;
  // The tournament: this year's score and pressure (share of rivals ranked above, provincial and national).
  std::vector<double> tournament_score, tournament_pressure;
  // Each zone's evaluation weights and national orientation (from governments.*; mechanisms may change them).
  std::vector<EvaluationSpec> evaluation;
  std::vector<double> national_orientation;
  // Hooks through which mechanisms act (models/ for the mechanisms; docs/mechanisms.md). Each is neutral at
  // its default, so the core models read them unconditionally.
  std::vector<double> equity_out, equity_in;  // equity held in other zones / held by others here, billion CNY
  std::vector<double> service_import;  // service capacity used from partners (1+N), added to own capacity
  std::vector<double> earmarked;  // next year's discretionary budget committed to mechanisms, billion CNY
  std::vector<double> venture_capital;  // venture funds available this year, billion CNY (raises births)
  std::vector<double> external_funds;   // money received this year from provinces, centre or other zones
  std::vector<double> service_export;   // service capacity lent to partners and lost at home (rival part)
  // Bookkeeping of the year.
  std::vector<double> relocations_in, relocations_out;
  // Governments' decisions (models/core/governments.cpp, cooperation.cpp; docs/decisions.md).
  std::vector<double> talent_share;       // [zone]: share of the discretionary budget for talent programmes
  std::vector<double> development_share;  // [zone]: share of the service budget for land development
  std::vector<double> offer_payments;     // [zone]: targeted and retention offers due this year, billion CNY
  std::vector<double> offer_waste;        // [zone]: ... of which paid only to move or keep output
  // [zone]: yearly running cost of the zone's agreements, its own part and the province's (paid next year)
  std::vector<double> agreement_cost, agreement_support;
  // The channels, per zone and year: targeted offers made, enterprises that moved on one, retention offers
  // made, cooperation proposals made, agreements in force, proposals refused (by the zone), and the split of
  // the discretionary budget (billion CNY).
  std::vector<double> poaching_offers, poaching_moves, retention_offers;
  std::vector<double> cooperation_proposals, cooperation_agreements, cooperation_refusals;
  std::vector<double> budget_subsidies, budget_services, budget_land, budget_talent, budget_cooperation;
};

inline constexpr bool is_industrial_sector(Sector s) {
  return s != Sector::digital_services && s != Sector::other;
}

inline constexpr bool is_hot_sector(Sector s) {
  return s == Sector::semiconductors || s == Sector::new_energy || s == Sector::biomedicine;
}

// Economy-wide markets (models/core/labour.cpp, talent.cpp, sector_demand.cpp).
struct Markets {
  double labour_pool = 0;  // persons the zones can employ this year
  double wage_index = 1;   // national wage level relative to the initial one
  double talent_pool = 0;  // national R&D personnel (zones and outside), persons
  double pay_level = 1;    // national value added per worker relative to the initial one (nominal pay)
  std::array<double, kSectorCount> sector_price{1, 1, 1, 1, 1, 1, 1, 1};  // relative to the initial one
  std::array<double, kSectorCount> sector_exits{};                        // enterprises this year
};

// What the engine's own world code needs from the scenario: building zones and enterprises, zones that enter
// later, the year's metrics. Models read the spec they were made with, never this.
struct WorldParams {
  EnterpriseSpec enterprises;
  ZonesSpec zones;
  GovernmentSpec governments;         // a zone's initial budgets and service capacity
  InfrastructureSpec infrastructure;  // ... and infrastructure stock
  MetricsSpec metrics;
};

// A targeted offer (poaching): zone `bidder` offers `amount` (billion CNY, paid on arrival) to enterprise
// `enterprise` of zone `origin`; the origin may counter with `retention` (paid if it stays). Made in the
// governments phase, answered in the next year's relocation phase.
struct Offer {
  std::uint32_t enterprise = 0;
  std::uint16_t bidder = 0, origin = 0;
  double amount = 0, retention = 0;
};

// What the schemes set for governments' valuations (hooks, neutral by default; docs/decisions.md).
struct AttributionRule {      // output sharing (mechanisms.output_sharing)
  int years = 0;              // K: years a mover's output counts (partly) to its origin
  double origin_share = 0;    // ... the share that does
  double co_built_share = 0;  // share of an equity-held zone's output counted to its investors
};
struct CooperationTerms {        // transfer payments (mechanisms.transfer_payments)
  double project_funding = 0;    // billion CNY a year per agreement from the province, half to each side
  double compensation_rate = 0;  // share of the revenue lost with movers to a partner paid back
};
// A link that a province's 1+N guidance proposes (mechanisms.one_plus_n), with its terms.
struct GuidedLink {
  int leader = 0, member = 0;
  double service_export_share = 0, spillover_weight = 0, chain_link = 0, fusion_link = 0;
  double move_cost_discount = 0;
  bool tech_enabling = true, chain_extension = true, cross_fusion = true;
  double cost_share = 0;  // share of the running cost the province pays
};

// Non-national parks' offer to movers, one more option in relocation's choice (competing_parks sets it).
struct OutsideOption {
  double offer = -1;          // subsidy to movers, share of value added; < 0: there are no parks
  double attractiveness = 0;  // the parks' utility bonus
  double place_share = 1;     // the parks' place factor as a power of the origin zone's
};

struct World {
  WorldParams params;
  ZoneTable table;
  RunKey key;
  int year = 0;  // calendar year of the current state
  int step = 0;  // 0 = initial state

  Graph graph;
  Vertex central = 0;
  std::vector<Vertex> province_vertex, city_vertex, zone_vertex;

  ZoneState zones;
  Enterprises enterprises;
  std::vector<double> distance_km;  // [a * zones + b]: great-circle distance between host cities
  // Zone-pair hooks ([a * zones + b]) for mechanisms, neutral by default:
  std::vector<double> equity;            // equity that zone a's asset company holds in zone b, billion CNY
  std::vector<double> move_cost_factor;  // multiplies the moving cost from a to b (1; < 1 along 1+N links)
  std::vector<double> chain_links;       // b's own-sector employment counted in a's agglomeration, per unit
  std::vector<double> fusion_links;      // b's total employment counted in a's agglomeration, per unit
  std::vector<double> moved_output;  // output of enterprises that moved from a to b this year, billion CNY
  // Economy-wide conditions that mechanisms may shift (initialised from the scenario).
  double digital_share = 0;      // probability that an entrant is digital
  double digital_place_tie = 0;  // digital enterprises' place elasticities relative to the others'
  OutsideOption outside_option;
  Markets markets;
  // Governments' decisions: pending targeted offers (sorted by enterprise), the schemes' terms, the links
  // 1+N guidance proposes, and the tournament's spread of each criterion across zones (its s.d., the scale on
  // which a government values a change of it).
  std::vector<Offer> offers;
  AttributionRule attribution;
  CooperationTerms cooperation_terms;
  std::vector<GuidedLink> guided_links;
  std::array<double, 7> criterion_scale{};

  double distance(int a, int b) const { return distance_km[pair(a, b)]; }
  std::size_t pair(int a, int b) const { return static_cast<std::size_t>(a * zone_count() + b); }

  int zone_count() const { return table.size(); }
  bool is_active(int z) const { return zones.active[static_cast<std::size_t>(z)] != 0; }
  std::size_t enterprise_vertex(std::size_t e) const { return boost::num_vertices(graph) + e; }
  FullGraph full_graph() const;
};

// The zone table a scenario asks for (zones.table, zones.year, zones.entry).
ZoneTable zone_table_for(const ScenarioSpec& spec);
// Build the initial world of a run (graph, zone state, enterprises) from the scenario and the zone table.
World build_world(const ScenarioSpec& spec, ZoneTable table, RunKey key);

struct ZoneTarget {
  double gdp = 0;         // billion CNY
  double employment = 0;  // persons
};
// Generate the enterprises of the initial state, in the active zones (engine/world/enterprise_gen.cpp).
void generate_enterprises(World& world);
// Append `count` enterprises to `zone` that sum to `target` (a zone entering; engine/world/zone_entry.cpp).
void add_zone_enterprises(World& world, int zone, std::size_t count, const ZoneTarget& target,
                          double mean_productivity);
// Sets an active zone's figures: patents, knowledge stock, R&D personnel, service capacity (for its GDP).
void set_zone_figures(World& world, int zone, double gdp, double patents, double rnd_personnel);
// Activates the zones whose entry year is the world's current year (called at the start of each step).
void activate_entering_zones(World& world);
// Whether an enterprise is high-tech: R&D intensity and labour productivity (relative to `mean_productivity`,
// the national value added per worker) both reach the scenario's bars.
inline bool qualifies_hightech(const EnterpriseSpec& spec, double rnd_intensity, double output,
                               double employment, double mean_productivity) {
  return rnd_intensity >= spec.hightech_rnd_threshold &&
         output >= spec.hightech_min_productivity * mean_productivity * employment;
}
// The share of sector s among generated enterprises (and the base of entrants' choice): digital_share in the
// digital sector, industrial_share spread evenly over the six industrial ones, the rest in `other`.
inline double base_sector_share(const EnterpriseSpec& spec, Sector s) {
  if (s == Sector::digital_services) return spec.digital_share;
  if (s == Sector::other) return std::max(0.0, 1.0 - spec.digital_share - spec.industrial_share);
  return spec.industrial_share / 6.0;
}
// The sector of a generated enterprise from one uniform draw u in [0, 1), with the base shares.
inline Sector draw_base_sector(const EnterpriseSpec& spec, double u) {
  if (u < spec.digital_share) return Sector::digital_services;
  const double industrial = (u - spec.digital_share) / std::max(spec.industrial_share, 1e-300);
  return industrial < 1.0 ? static_cast<Sector>(std::min(5, static_cast<int>(6.0 * industrial)))
                          : Sector::other;
}

// Largest-remainder apportionment of `total` items over `weights`, at least `minimum` each (deterministic).
std::vector<std::int64_t> apportion(std::int64_t total, const std::vector<double>& weights,
                                    std::int64_t minimum);

}  // namespace zonesim
