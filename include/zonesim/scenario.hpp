#pragma once
// The validated description of one run. YAML is parsed once into these plain structs
// (engine/scenario/scenario_load.cpp); the world and the models read only these. Every field's default, range,
// unit and help text are declared in one row each (engine/scenario/schema.cpp for the core, each mechanism's own
// file for its keys), from which docs/parameters.md is generated (`zonesim params --markdown`).
#include <cstdint>
#include <string>
#include <vector>

namespace zonesim {

struct TimeSpec {
  int start = 0;  // calendar year of the initial state
  int end = 0;    // last simulated year (one step per year)
};

struct ZonesSpec {
  int year = 0;                      // 2019 -> the 169 zones of 2019; 2024 -> all 178
  std::string table;                 // path of the zone table (CSV), resolved against the file that set it
  bool entry = false;                // zones approved after zones.year enter in their approval year
  double max_density = 0;            // persons per km2 of zone land at full occupancy
  double max_initial_occupancy = 0;  // no zone starts above this occupancy
  double initial_service_share = 0;  // share of the discretionary budget that built the initial services
  double initial_development_share = 0;   // ... and the part of it that built the initial infrastructure
  double initial_patent_stock_years = 0;  // initial patent stock in years of the initial flow
};

struct EnterpriseSpec {
  std::int64_t count = 0;                // simulated enterprises (agents), shared out over zones
  double size_sigma = 0;                 // log-s.d. of enterprise employment within a zone
  double productivity_sigma = 0;         // log-s.d. of enterprise productivity within a zone
  double rnd_intensity_median = 0;       // median R&D spending / output
  double rnd_intensity_sigma = 0;        // log-s.d. of R&D intensity
  double hightech_rnd_threshold = 0;     // R&D intensity at or above which a firm is high-tech
  double hightech_min_productivity = 0;  // ... and labour productivity at least this times the national mean
  double digital_share = 0;              // share of enterprises in the digital sector
  double industrial_share = 0;           // share of enterprises in the six industrial sectors
};

// The enterprise economy (models/production, innovation, entry_exit, relocation; docs/model.md).
struct ProductionSpec {
  double labour_elasticity = 0;         // alpha in y = A * l^alpha * place factor
  double own_sector_agglomeration = 0;  // elasticity of output to the zone's own-sector employment
  double all_sector_agglomeration = 0;  // ... to the zone's total employment
  double knowledge_elasticity = 0;      // ... to the zone's knowledge (patent) stock
  double service_elasticity = 0;        // ... to the zone's service capacity
  double digital_place_tie = 0;         // multiplier on the three place elasticities for digital firms
  double wage_share = 0;                // wage = wage_share * zone value added per worker (last year)
  double rent_scale = 0;             // congestion cost per worker at occupancy 1, in national VA per worker
  double rent_exponent = 0;          // rent rises as occupancy^rent_exponent
  double trend_growth = 0;           // yearly productivity drift common to all enterprises (nominal)
  double trend_growth_slope = 0;     // change of that drift per simulated year (deceleration < 0)
  double employment_trend = 0;       // yearly employment growth of an enterprise at the reference margin
  double employment_response = 0;    // employment growth per unit of profit margin above its initial mean
  double max_employment_change = 0;  // cap on an enterprise's yearly employment change (share)
};

struct InnovationSpec {
  double success_probability = 0;   // yearly success probability at mean R&D intensity and knowledge
  double knowledge_elasticity = 0;  // elasticity of success and patenting to the zone's knowledge stock
  double productivity_step = 0;     // productivity gain of a success
  double depreciation = 0;          // yearly depreciation of knowledge stocks
  // share of a partner's new patents added to a zone's stock per edge weight
  double cooperation_spillover = 0;
};

struct EntrySpec {
  double rate = 0;                  // births per year as a share of living enterprises
  double talent_elasticity = 0;     // births across zones ~ R&D personnel^this
  double knowledge_elasticity = 0;  // ... * knowledge stock^this
  double size_factor = 0;           // entrant employment relative to the zone's mean enterprise
  double subsidy_response = 0;      // births rise as exp(subsidy_response * the zone's mean offer)
  double venture_response = 0;      // births rise by venture_response * venture capital / zone GDP
};

struct ExitSpec {
  int loss_years = 0;      // consecutive loss-making years after which an enterprise exits
  double base_hazard = 0;  // yearly exit probability of any enterprise
};

struct RelocationSpec {
  double hazard = 0;              // yearly probability that an enterprise considers moving
  double congestion_hazard = 0;   // added per unit of occupancy above 0.8 (per 0.2)
  double loss_hazard = 0;         // added when the enterprise made a loss last year
  double profit_weight = 0;       // utility per unit of profit gain relative to output
  double place_anticipation = 0;  // exponent on the destination's place advantage as a mover expects it
  double fixed_cost = 0;          // utility cost of any move
  double distance_cost = 0;       // utility cost per 1000 km
  double province_cost = 0;       // utility cost of leaving the province
};

// Evaluation weights of the tournament (local orientation; docs/specification.md 5.0 and 5.7).
struct EvaluationSpec {
  double gdp = 0;          // growth of attributed GDP
  double tax = 0;          // growth of fiscal revenue
  double innovation = 0;   // growth of invention patents
  double cooperation = 0;  // cooperation ties (weight of cooperation edges)
  double radiation = 0;    // enterprises moved out and knowledge diffused, per enterprise
  double national = 0;     // the ministry's evaluation: share of high-tech enterprises
  double green = 0;        // fall of energy use per industrial value added
};

// Zone governments: budgets, the GDP tournament and subsidy competition (models/fiscal, tournament, subsidy).
struct GovernmentSpec {
  double tax_rate = 0;              // fiscal revenue of a zone as a share of its value added
  double city_transfer = 0;         // the city's transfer to its zone, as a share of the zone's revenue
  double discretionary_share = 0;   // share of the budget free for subsidies and services
  double subsidy_share = 0;         // share of the discretionary budget for subsidies, GDP-only, no pressure
  double escalation = 0;            // relative rise of that share at full tournament pressure
  double max_offer = 0;             // cap on a subsidy offer (share of value added)
  double offer_adjustment = 0;      // share of the gap to the target offer closed each year
  double herding = 0;               // cut of the offer for sectors that are not hot (homogeneous competition)
  int subsidy_years = 0;            // years a mover or entrant receives the offer it came with
  double service_depreciation = 0;  // yearly depreciation of service capacity
  double national_orientation = 0;  // weight of the national orientation in the zone's objective
  double provincial_rivalry = 0;  // weight of the provincial ranking in tournament pressure (rest: national)
  double talent_share = 0;        // share of the discretionary budget spent on talent programmes
  double development_share = 0;   // share of the service budget spent on land development (infrastructure)
  EvaluationSpec evaluation;
  // Decisions (models/core/governments.cpp, cooperation.cpp; docs/decisions.md).
  int horizon = 0;               // years over which a government counts what an action brings
  double precision = 0;          // logit weight of an action's net value, per share of the budget
  double budget_precision = 0;   // exponent of the marginal-value rule that splits the budget
  double budget_adjustment = 0;  // share of the gap to the target split closed each year
  double poaching_targets = 0;   // share of enterprises courted with targeted offers each year
  double offer_cost = 0;         // administrative cost of making one targeted offer, billion CNY
  double commitment_cost = 0;    // value lost per yuan promised and held in reserve for a year
  double sector_precision = 0;   // logit weight in the choice of sectors to court
};

// Cooperation agreements between zones (models/core/cooperation.cpp; docs/decisions.md).
struct CooperationSpec {
  int candidates = 0;               // nearest zones each zone considers as partners
  int term = 0;                     // years an agreement lasts before it is renewed or ends
  double cost = 0;                  // yearly running cost of an agreement, billion CNY, split equally
  double service_export_share = 0;  // share of the larger partner's service capacity the smaller uses
  double export_rivalry = 0;        // share of exported services lost to the exporter (rival, not free)
  double spillover_weight = 0;      // weight of the tech-enabling cooperation edge
  double chain_link = 0;            // a partner's own-sector employment counted in the other's, per unit
  double fusion_link = 0;           // a partner's total employment counted in the other's, per unit
  double move_cost_discount = 0;    // cut of the moving cost from the larger partner into the smaller
};

// ---- The economy's markets and limits (models/core/labour, talent, sector_demand, energy, classes).

struct LabourSpec {
  double pool_growth = 0;        // yearly growth of the labour available to the zones, in the first year
  double pool_growth_slope = 0;  // change of that growth per simulated year
  double wage_response = 0;      // elasticity of the wage index to the pool's excess demand
};

struct TalentSpec {
  double zone_share = 0;        // the zones' share of the national R&D personnel in the initial year
  double pool_growth = 0;       // yearly growth of the national R&D personnel
  double wage_weight = 0;       // logit weight of log pay in researchers' choice of a zone
  double max_share = 0;         // cap on R&D personnel as a share of a zone's employment
  double rnd_weight = 0;        // weight of personnel (against spending) in the zone's R&D input
  double salary = 0;            // pay of one R&D person-year at talent wage 1, billion CNY
  double programme_weight = 0;  // a programme's pay top-up as a share of the salary, per unit
};

struct SectorsSpec {
  double demand_elasticity = 0;     // price elasticity of a sector's national demand
  double hot_demand_growth = 0;     // yearly growth of hot sectors' demand relative to the aggregate
  double entry_price_response = 0;  // entrants choose a sector as price^this
};

struct InfrastructureSpec {
  double elasticity = 0;    // elasticity of output to the zone's infrastructure stock
  double depreciation = 0;  // yearly depreciation of the stock
};

struct EnergySpec {
  double target_intensity = 0;  // mean energy use per 10^4 CNY of industrial value added in target_year
  int target_year = 0;
  double efficiency_gain = 0;   // yearly fall of every sector's energy intensity
  double median_intensity = 0;  // the median zone's intensity in target_year
  double emission_factor = 0;   // t CO2 per tce in the initial year
  double emission_decline = 0;  // yearly fall of the emission factor
};

struct ClassesSpec {
  double represented = 0;         // real enterprises the simulated ones stand for (zones' statistics)
  double little_giants = 0;       // real "little giants" in the zones in the initial year
  double unicorns = 0;            // real unicorns in the zones in the initial year
  double sme_max_employment = 0;  // an SME employs fewer persons
  int unicorn_max_age = 0;        // a unicorn is at most this old
};

// ---- The incentive schemes of the articles: mechanisms.<name> (docs/specification.md section 5; docs/mechanisms.md).
// ---- Each is off by default; its model in models/<name>.cpp acts only when enabled.

struct CrossHoldingSpec {  // 5.1, seed 001 incentive 2
  bool enabled = false;
  double investor_share = 0;            // the most advanced zones (share of active zones, by GDP) invest
  double investee_share = 0;            // in the lagging zones (share of active zones, by GDP)
  double investment_rate = 0;           // yearly investment as a share of the investor's fiscal revenue
  double dividend_rate = 0;             // yearly dividend as a share of the equity held
  double same_province_preference = 0;  // share of investment that stays in the investor's province
  double capital_to_services = 0;       // service capacity built per unit of capital received
};

struct OnePlusNSpec {  // 5.2, seed 001 section 3
  bool enabled = false;
  std::string leader_rule;          // "largest" (GDP) or "capital" (the provincial capital's main zone)
  int members = 0;                  // N weaker zones led (0 = every other zone of the province)
  bool tech_enabling = false;       // knowledge spills from leader to members along the edge
  bool chain_extension = false;     // members share the leader's own-sector agglomeration (up/downstream)
  bool cross_fusion = false;        // members share the leader's all-sector agglomeration
  double service_export_share = 0;  // share of the leader's service capacity members use
  double spillover_weight = 0;      // weight of the tech_enabling cooperation edge
  double chain_link = 0;            // leader's own-sector employment counted in a member's, per unit
  double fusion_link = 0;           // leader's total employment counted in a member's, per unit
  double move_cost_discount = 0;    // cut of the moving cost from a saturated leader into its members
  double cost_share = 0;            // share of an agreement's running cost the province pays
};

struct OutputSharingSpec {  // 5.3, seed 001 incentive 1
  bool enabled = false;
  int years = 0;              // K: years a moved enterprise's output still counts (partly) to its origin
  double origin_share = 0;    // share counted to the origin: 1 (wholly), 0.5 (50:50), 0.3 (30:70)
  double co_built_share = 0;  // share of a co-built project's output counted to its builders by their stakes
  // share of the moving cost that is the origin's resistance to losing the firm
  double origin_resistance = 0;
  int official_horizon = 0;  // years over which the origin's officials weigh the loss (a term of office)
};

struct TransferPaymentsSpec {  // 5.4, seed 001 incentive 3
  bool enabled = false;
  // share of the revenue lost with enterprises moving to a partner, compensated
  double compensation_rate = 0;
  double project_funding = 0;  // billion CNY a year per co-built project (cooperation or equity link)
  int compensation_years = 0;  // years after a move during which the loser's lost revenue is compensated
};

struct SynergyFundSpec {  // 5.5, seed 001 enabling 1
  bool enabled = false;
  double size = 0;               // billion CNY a year, all provinces, shared by province GDP
  double development_share = 0;  // part for land and infrastructure (capacity)
  double industry_share = 0;     // part for industrial chains (services of the zone)
  double venture_share = 0;      // part for start-ups (venture capital)
  double lagging_share = 0;      // the lagging zones of each province that receive it (share, by GDP)
  double land_cost = 0;          // billion CNY per km2 of zone land developed
};

struct CentralPilotSpec {  // 5.6, seed 000 challenge 1
  bool enabled = false;
  std::string selection;            // "largest", "lagging" or "list"
  std::string list;                 // zone names (name_en) separated by ';' when selection is "list"
  int zones = 0;                    // number of pilot zones (selection largest/lagging)
  double amount = 0;                // billion CNY a year per pilot zone
  double national_orientation = 0;  // pilot zones' weight of the national orientation
  double rnd_share = 0;             // share of the money that funds enterprises' R&D (rest: services)
};

struct EvaluationReformSpec {  // 5.7, seed 000 challenges 1 and 3; seed 001 incentive 1
  bool enabled = false;
  EvaluationSpec weights;           // the reformed evaluation weights (replace governments.evaluation)
  double national_orientation = 0;  // the reformed weight of the ministry's evaluation in promotions
};

struct StrategicBureauSpec {  // 5.8, seed 000 challenge 4
  bool enabled = false;
  int zones = 0;                    // the largest zones that set one up (0 = all)
  double budget_share = 0;          // share of the discretionary budget committed to projects
  int horizon = 0;                  // years from launch to outcome
  double success_probability = 0;   // a project's chance of success (<= 0.2: "80%+ failure")
  double success_productivity = 0;  // productivity gain of the zone's enterprises in the sector on success
  // patent-equivalents added to knowledge per billion CNY spent, win or lose
  double knowledge_per_billion = 0;
  double talent_per_billion = 0;  // R&D personnel (persons) kept per billion CNY spent, win or lose
};

struct CompetingParksSpec {  // 5.9, seed 000 challenges 3 and 5
  bool enabled = false;
  double offer = 0;           // subsidy offered by non-national parks (share of value added)
  double offer_growth = 0;    // yearly growth of that offer (new science cities keep coming)
  double attractiveness = 0;  // utility of a park apart from the offer (negative: weaker ecosystems)
  double place_share = 0;     // share (in logs) of the zone's place factor a mover keeps in a park nearby
};

struct DigitalShiftSpec {  // 5.9, seed 000 challenge 5
  bool enabled = false;
  double entrant_share_growth = 0;  // yearly rise of the digital share among entrants
  double max_share = 0;             // cap on that share
  double place_tie_change = 0;      // yearly change of the digital place tie (negative: weaker ties)
};

struct MechanismsSpec {
  CrossHoldingSpec cross_holding;
  OnePlusNSpec one_plus_n;
  OutputSharingSpec output_sharing;
  TransferPaymentsSpec transfer_payments;
  SynergyFundSpec synergy_fund;
  CentralPilotSpec central_pilot;
  EvaluationReformSpec evaluation_reform;
  StrategicBureauSpec strategic_bureau;
  CompetingParksSpec competing_parks;
  DigitalShiftSpec digital_shift;
};

struct MetricsSpec {
  int top_k = 0;
  double esteban_ray_alpha = 0;
};

struct OutputSpec {
  int compression = 0;  // deflate level 0-9
};

struct ScenarioSpec {
  std::string title;
  std::uint64_t seed = 0;
  TimeSpec time;
  ZonesSpec zones;
  EnterpriseSpec enterprises;
  ProductionSpec production;
  InnovationSpec innovation;
  EntrySpec entry;
  ExitSpec exit;
  RelocationSpec relocation;
  GovernmentSpec governments;
  CooperationSpec cooperation;
  LabourSpec labour;
  TalentSpec talent;
  SectorsSpec sectors;
  InfrastructureSpec infrastructure;
  EnergySpec energy;
  ClassesSpec classes;
  MechanismsSpec mechanisms;
  MetricsSpec metrics;
  OutputSpec output;

  std::string source;         // the scenario file ("" when built in code)
  std::string resolved_yaml;  // defaults + extends + --set, every key, as stored in the output
  int years() const { return time.end - time.start; }
};

// One `--set key.path=value` from the command line.
struct Override {
  std::string key_path;
  std::string value;  // YAML text
};

// Load, merge (`extends:`), override and validate. Throws ScenarioError listing every problem found.
ScenarioSpec load_scenario(const std::string& path, const std::vector<Override>& overrides = {});
// Parse "a.b.c=value" as given to --set; throws InputError when there is no '='.
Override parse_override(const std::string& text);
// The defaults alone (as if from an empty file), for tests and tools.
ScenarioSpec default_scenario();

// Field declarations, for documentation and "did you mean".
struct FieldInfo {
  std::string path, type, default_text, range, unit, help;
};
std::vector<FieldInfo> scenario_fields();
std::string parameters_markdown();

// The zone table shipped with zonesim (data/zones.csv): $ZONESIM_DATA_DIR, else the source tree's data/.
std::string default_zone_table();

}  // namespace zonesim
