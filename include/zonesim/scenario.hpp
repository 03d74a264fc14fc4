#pragma once
// The validated description of one run. YAML is parsed once into these plain structs (engine/scenario_load.cpp);
// the world and the models read only these. Every field's default, range, unit and help text are declared in one
// table (engine/schema.cpp), from which docs/parameters.md is generated (`zonesim params --markdown`).
#include <cstdint>
#include <string>
#include <vector>

namespace zonesim {

struct TimeSpec {
  int start = 0;  // calendar year of the initial state
  int end = 0;    // last simulated year (one step per year)
};

struct ZonesSpec {
  int year = 0;       // 2019 -> the 169 zones of 2019; 2024 -> all 178
  std::string table;  // path of the zone table (CSV), resolved against the file that set it
  bool entry = false;                     // zones approved after zones.year enter in their approval year
  double max_density = 0;                 // persons per km2 of zone land at full occupancy
  double initial_patent_stock_years = 0;  // initial patent stock in years of the initial flow
};

struct EnterpriseSpec {
  std::int64_t count = 0;             // simulated enterprises (agents), shared out over zones
  double size_sigma = 0;              // log-s.d. of enterprise employment within a zone
  double productivity_sigma = 0;      // log-s.d. of enterprise productivity within a zone
  double rnd_intensity_median = 0;    // median R&D spending / output
  double rnd_intensity_sigma = 0;     // log-s.d. of R&D intensity
  double hightech_rnd_threshold = 0;  // R&D intensity at or above which a firm is high-tech
  double hightech_min_productivity = 0;  // ... and labour productivity at least this times the national mean
  double digital_share = 0;           // share of enterprises in the digital sector
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
  double rent_scale = 0;                // congestion cost per worker at occupancy 1, in national VA per worker
  double rent_exponent = 0;             // rent rises as occupancy^rent_exponent
  double trend_growth = 0;              // yearly productivity drift common to all enterprises (nominal)
  double trend_growth_slope = 0;        // change of that drift per simulated year (deceleration < 0)
  double employment_trend = 0;          // yearly employment growth of an enterprise at the reference margin
  double employment_response = 0;       // employment growth per unit of profit margin above its initial mean
  double max_employment_change = 0;     // cap on an enterprise's yearly employment change (share)
};

struct InnovationSpec {
  double success_probability = 0;   // yearly success probability at mean R&D intensity and knowledge
  double knowledge_elasticity = 0;  // elasticity of success and patenting to the zone's knowledge stock
  double productivity_step = 0;     // productivity gain of a success
  double depreciation = 0;          // yearly depreciation of knowledge stocks
  double cooperation_spillover = 0; // share of a partner's new patents added to a zone's stock per edge weight
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
  int loss_years = 0;       // consecutive loss-making years after which an enterprise exits
  double base_hazard = 0;   // yearly exit probability of any enterprise
};

struct RelocationSpec {
  double hazard = 0;             // yearly probability that an enterprise considers moving
  double congestion_hazard = 0;  // added per unit of occupancy above 0.8 (per 0.2)
  double loss_hazard = 0;        // added when the enterprise made a loss last year
  double profit_weight = 0;      // utility per unit of profit gain relative to output
  double fixed_cost = 0;         // utility cost of any move
  double distance_cost = 0;      // utility cost per 1000 km
  double province_cost = 0;      // utility cost of leaving the province
};

// Evaluation weights of the tournament (local orientation; issue 5, MODEL.md 5.0 and 5.7).
struct EvaluationSpec {
  double gdp = 0;          // growth of attributed GDP
  double tax = 0;          // growth of fiscal revenue
  double innovation = 0;   // growth of invention patents
  double cooperation = 0;  // cooperation ties (weight of cooperation edges)
  double radiation = 0;    // enterprises moved out and knowledge diffused, per enterprise
  double national = 0;     // the ministry's evaluation: share of high-tech enterprises
};

// Zone governments: budgets, the GDP tournament and subsidy competition (models/fiscal, tournament, subsidy).
struct GovernmentSpec {
  double tax_rate = 0;             // fiscal revenue of a zone as a share of its value added
  double city_transfer = 0;        // the city's transfer to its zone, as a share of the zone's revenue
  double discretionary_share = 0;  // share of the budget free for subsidies and services
  double subsidy_share = 0;        // share of the discretionary budget for subsidies, GDP-only, no pressure
  double escalation = 0;           // relative rise of that share at full tournament pressure
  double max_offer = 0;            // cap on a subsidy offer (share of value added)
  double offer_adjustment = 0;     // share of the gap to the target offer closed each year
  double herding = 0;              // cut of the offer for sectors that are not hot (homogeneous competition)
  int subsidy_years = 0;           // years a mover or entrant receives the offer it came with
  double service_depreciation = 0; // yearly depreciation of service capacity
  double national_orientation = 0; // weight of the national orientation in the zone's objective
  double provincial_rivalry = 0;   // weight of the provincial ranking in tournament pressure (rest: national)
  EvaluationSpec evaluation;
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
