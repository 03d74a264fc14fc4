// Every scenario key: type, default, range, unit and help, declared next to where its value goes.
#include "scenario/schema.hpp"

#include <cstdio>
#include <limits>
#include <sstream>

namespace zonesim::detail {
namespace {

constexpr double kMaxSeed = 18446744073709551615.0;

std::vector<FieldDecl> build() {
  std::vector<FieldDecl> f;
  f.push_back(text("title", FieldType::Text, [](ScenarioSpec& s) -> auto& { return s.title; }, "zonesim run",
                   "A label for the run, stored as scenario_label in the output."));
  f.push_back(integer("seed", [](ScenarioSpec& s) -> auto& { return s.seed; }, 1, 0, kMaxSeed, "1",
                      "Seed of every random stream; with the scenario it determines the result bit for bit."));
  f.push_back(integer("time.start", [](ScenarioSpec& s) -> auto& { return s.time.start; }, 2024, 2019, 2100,
                      "year", "Calendar year of the initial state; must equal zones.year."));
  f.push_back(integer("time.end", [](ScenarioSpec& s) -> auto& { return s.time.end; }, 2035, 2019, 2200, "year",
                      "Last simulated year; one step per year."));
  f.push_back(integer("zones.year", [](ScenarioSpec& s) -> auto& { return s.zones.year; }, 2024, 2019, 2024,
                      "year", "Which zone set and initial figures: 2019 (169 zones) or 2024 (all 178).",
                      {2019, 2024}));
  f.push_back(text("zones.table", FieldType::Path, [](ScenarioSpec& s) -> auto& { return s.zones.table; }, "",
                   "Zone table (CSV, columns as data/zones.csv); empty = the table shipped with zonesim. "
                   "A relative path is taken from the directory of the file that sets it."));
  f.push_back(boolean("zones.entry", [](ScenarioSpec& s) -> auto& { return s.zones.entry; }, false,
                      "With zones.year 2019: the zones approved later enter in their approval year (2022, 2023), "
                      "sized against the others as in the 2024 figures; the zone axis then holds all of them."));
  f.push_back(real("zones.max_density", [](ScenarioSpec& s) -> auto& { return s.zones.max_density; }, 3200, 1,
                   1e6, "persons/km2",
                   "Employment per km2 of zone land at full occupancy; land capacity = land_km2 * max_density, "
                   "occupancy = employment / capacity (the densest zone starts near 0.9)."));
  f.push_back(real("zones.initial_patent_stock_years",
                   [](ScenarioSpec& s) -> auto& { return s.zones.initial_patent_stock_years; }, 5, 0, 50, "year",
                   "Initial invention-patent stock as a multiple of the initial yearly grants (perpetual "
                   "inventory: 1 / (growth + depreciation) = 1 / (0.05 + 0.15))."));
  f.push_back(integer("enterprises.count", [](ScenarioSpec& s) -> auto& { return s.enterprises.count; }, 100000,
                      1000, 200000000, "1", "Simulated enterprises, shared out over zones by employment."));
  f.push_back(real("enterprises.size_sigma", [](ScenarioSpec& s) -> auto& { return s.enterprises.size_sigma; },
                   1.2, 0, 4, "1", "Log-s.d. of enterprise employment within a zone (lognormal firm sizes)."));
  f.push_back(real("enterprises.productivity_sigma",
                   [](ScenarioSpec& s) -> auto& { return s.enterprises.productivity_sigma; }, 0.4, 0, 3, "1",
                   "Log-s.d. of total factor productivity within a zone."));
  f.push_back(real("enterprises.rnd_intensity_median",
                   [](ScenarioSpec& s) -> auto& { return s.enterprises.rnd_intensity_median; }, 0.025, 0, 1, "1",
                   "Median R&D spending over output across enterprises."));
  f.push_back(real("enterprises.rnd_intensity_sigma",
                   [](ScenarioSpec& s) -> auto& { return s.enterprises.rnd_intensity_sigma; }, 0.8, 0, 4, "1",
                   "Log-s.d. of R&D intensity across enterprises."));
  f.push_back(real("enterprises.hightech_rnd_threshold",
                   [](ScenarioSpec& s) -> auto& { return s.enterprises.hightech_rnd_threshold; }, 0.03, 0, 1, "1",
                   "R&D intensity at or above which an enterprise is high-tech (the 2016 recognition rules ask "
                   "3-5% of sales by size)."));
  f.push_back(real("enterprises.digital_share",
                   [](ScenarioSpec& s) -> auto& { return s.enterprises.digital_share; }, 0.15, 0, 1, "1",
                   "Share of enterprises in the digital sector (weakly tied to place)."));
  f.push_back(real("enterprises.hightech_min_productivity",
                   [](ScenarioSpec& s) -> auto& { return s.enterprises.hightech_min_productivity; }, 0.5, 0, 10,
                   "1", "High-tech also needs labour productivity at least this times the national mean."));
  // The enterprise economy (docs/model.md gives the equations).
  auto P = [&](const char* key, auto get, double def, double lo, double hi, const char* unit, const char* help) {
    f.push_back(real(key, get, def, lo, hi, unit, help));
  };
  P("production.labour_elasticity", [](ScenarioSpec& s) -> auto& { return s.production.labour_elasticity; }, 0.7,
    0.05, 1, "1", "alpha in y = A * l^alpha * place factor.");
  P("production.own_sector_agglomeration",
    [](ScenarioSpec& s) -> auto& { return s.production.own_sector_agglomeration; }, 0.04, 0, 0.5, "1",
    "Elasticity of output to the zone's employment in the enterprise's own sector (localisation).");
  P("production.all_sector_agglomeration",
    [](ScenarioSpec& s) -> auto& { return s.production.all_sector_agglomeration; }, 0.05, 0, 0.5, "1",
    "Elasticity of output to the zone's total employment (urbanisation).");
  P("production.knowledge_elasticity", [](ScenarioSpec& s) -> auto& { return s.production.knowledge_elasticity; },
    0.05, 0, 0.5, "1", "Elasticity of output to the zone's knowledge (patent) stock.");
  P("production.service_elasticity", [](ScenarioSpec& s) -> auto& { return s.production.service_elasticity; },
    0.05, 0, 0.5, "1", "Elasticity of output to the zone's service capacity (built by its service spending).");
  P("production.digital_place_tie", [](ScenarioSpec& s) -> auto& { return s.production.digital_place_tie; }, 0.3,
    0, 1, "1", "Digital enterprises' place elasticities as a share of the others' (weak place ties).");
  P("production.wage_share", [](ScenarioSpec& s) -> auto& { return s.production.wage_share; }, 0.45, 0, 1, "1",
    "Wage per worker as a share of the zone's value added per worker last year.");
  P("production.rent_scale", [](ScenarioSpec& s) -> auto& { return s.production.rent_scale; }, 0.15, 0, 10, "1",
    "Congestion cost (land rent) per worker at full occupancy, in national value added per worker.");
  P("production.rent_exponent", [](ScenarioSpec& s) -> auto& { return s.production.rent_exponent; }, 4, 0, 20, "1",
    "Rent rises as occupancy^rent_exponent, so crowded zones push enterprises out.");
  P("production.trend_growth", [](ScenarioSpec& s) -> auto& { return s.production.trend_growth; }, 0.02, -0.2,
    0.5, "1/year", "Yearly productivity drift common to all enterprises (prices and economy-wide progress).");
  P("production.trend_growth_slope",
    [](ScenarioSpec& s) -> auto& { return s.production.trend_growth_slope; }, 0, -0.1, 0.1, "1/year^2",
    "Change of the drift per simulated year: drift in step t = trend_growth + slope * (t - 1).");
  P("production.employment_trend", [](ScenarioSpec& s) -> auto& { return s.production.employment_trend; }, 0.03,
    -0.5, 0.5, "1/year",
    "Yearly employment growth of an enterprise at the reference margin (labour drawn into the zones).");
  P("production.employment_response",
    [](ScenarioSpec& s) -> auto& { return s.production.employment_response; }, 0.5, 0, 10, "1",
    "Yearly employment growth per unit of profit margin above the initial mean margin.");
  P("production.max_employment_change",
    [](ScenarioSpec& s) -> auto& { return s.production.max_employment_change; }, 0.2, 0, 1, "1",
    "Cap on an enterprise's yearly employment change (share of its employment).");
  P("innovation.success_probability",
    [](ScenarioSpec& s) -> auto& { return s.innovation.success_probability; }, 0.2, 0, 1, "1",
    "Yearly probability of an innovation at mean R&D intensity and mean knowledge stock.");
  P("innovation.knowledge_elasticity",
    [](ScenarioSpec& s) -> auto& { return s.innovation.knowledge_elasticity; }, 0.3, 0, 2, "1",
    "Elasticity of success and of patenting to the zone's knowledge stock (spillover inside the zone).");
  P("innovation.productivity_step", [](ScenarioSpec& s) -> auto& { return s.innovation.productivity_step; }, 0.1,
    0, 1, "1", "Productivity gain of an innovation.");
  P("innovation.depreciation", [](ScenarioSpec& s) -> auto& { return s.innovation.depreciation; }, 0.15, 0, 1,
    "1/year", "Yearly depreciation of the zones' knowledge stocks.");
  P("innovation.cooperation_spillover",
    [](ScenarioSpec& s) -> auto& { return s.innovation.cooperation_spillover; }, 0.1, 0, 1, "1",
    "Share of a cooperation partner's new patents added to a zone's knowledge stock, per unit edge weight.");
  P("entry.rate", [](ScenarioSpec& s) -> auto& { return s.entry.rate; }, 0.06, 0, 1, "1/year",
    "Births per year as a share of living enterprises.");
  P("entry.talent_elasticity", [](ScenarioSpec& s) -> auto& { return s.entry.talent_elasticity; }, 0.6, 0, 3, "1",
    "Births across zones are proportional to R&D personnel^talent_elasticity ...");
  P("entry.knowledge_elasticity", [](ScenarioSpec& s) -> auto& { return s.entry.knowledge_elasticity; }, 0.4, 0,
    3, "1", "... times knowledge stock^knowledge_elasticity.");
  P("entry.size_factor", [](ScenarioSpec& s) -> auto& { return s.entry.size_factor; }, 0.3, 0.01, 10, "1",
    "Entrant employment relative to the mean enterprise of its zone.");
  P("entry.subsidy_response", [](ScenarioSpec& s) -> auto& { return s.entry.subsidy_response; }, 2, 0, 50, "1",
    "Births in a zone rise as exp(subsidy_response x its mean subsidy offer).");
  P("entry.venture_response", [](ScenarioSpec& s) -> auto& { return s.entry.venture_response; }, 20, 0, 1000, "1",
    "Births in a zone rise by venture_response x venture capital / zone GDP (venture funds, synergy_fund).");
  f.push_back(integer("exit.loss_years", [](ScenarioSpec& s) -> auto& { return s.exit.loss_years; }, 3, 1, 50,
                      "year", "Consecutive loss-making years after which an enterprise exits."));
  P("exit.base_hazard", [](ScenarioSpec& s) -> auto& { return s.exit.base_hazard; }, 0.03, 0, 1, "1/year",
    "Yearly exit probability of any enterprise (closures unrelated to profit).");
  P("relocation.hazard", [](ScenarioSpec& s) -> auto& { return s.relocation.hazard; }, 0.02, 0, 1, "1/year",
    "Yearly probability that an enterprise considers moving.");
  P("relocation.congestion_hazard", [](ScenarioSpec& s) -> auto& { return s.relocation.congestion_hazard; }, 0.05,
    0, 1, "1/year", "Added consideration probability per 0.2 of occupancy above 0.8.");
  P("relocation.loss_hazard", [](ScenarioSpec& s) -> auto& { return s.relocation.loss_hazard; }, 0.1, 0, 1,
    "1/year", "Added consideration probability for an enterprise that made a loss last year.");
  P("relocation.profit_weight", [](ScenarioSpec& s) -> auto& { return s.relocation.profit_weight; }, 10, 0, 1000,
    "1", "Utility per unit of profit gain relative to the enterprise's output (logit scale).");
  P("relocation.fixed_cost", [](ScenarioSpec& s) -> auto& { return s.relocation.fixed_cost; }, 3, 0, 100, "1",
    "Utility cost of any move (search, disruption).");
  P("relocation.distance_cost", [](ScenarioSpec& s) -> auto& { return s.relocation.distance_cost; }, 1, 0, 100,
    "1/(1000 km)", "Utility cost per 1000 km between the host cities.");
  P("relocation.province_cost", [](ScenarioSpec& s) -> auto& { return s.relocation.province_cost; }, 1, 0, 100,
    "1", "Utility cost of leaving the province (administrative segmentation).");
  // Governments (docs/model.md: budgets, tournament, subsidy competition).
  P("governments.tax_rate", [](ScenarioSpec& s) -> auto& { return s.governments.tax_rate; }, 0.07, 0, 1, "1",
    "A zone's fiscal revenue as a share of its value added.");
  P("governments.city_transfer", [](ScenarioSpec& s) -> auto& { return s.governments.city_transfer; }, 0.1, 0, 5,
    "1", "The host city's transfer to its zone, as a share of the zone's own revenue.");
  P("governments.discretionary_share",
    [](ScenarioSpec& s) -> auto& { return s.governments.discretionary_share; }, 0.5, 0, 1, "1",
    "Share of a zone's budget free for subsidies and services (the rest runs the zone).");
  P("governments.subsidy_share", [](ScenarioSpec& s) -> auto& { return s.governments.subsidy_share; }, 0.3, 0, 1,
    "1", "Share of the discretionary budget spent on subsidies under GDP-only evaluation and no pressure.");
  P("governments.escalation", [](ScenarioSpec& s) -> auto& { return s.governments.escalation; }, 1, 0, 20, "1",
    "Relative rise of the subsidy share at full tournament pressure (every rival ranked above).");
  P("governments.max_offer", [](ScenarioSpec& s) -> auto& { return s.governments.max_offer; }, 0.3, 0, 1, "1",
    "Cap on a subsidy offer, as a share of the enterprise's value added.");
  P("governments.offer_adjustment", [](ScenarioSpec& s) -> auto& { return s.governments.offer_adjustment; }, 0.5,
    0, 1, "1", "Share of the gap between this year's and the target offer closed each year.");
  P("governments.herding", [](ScenarioSpec& s) -> auto& { return s.governments.herding; }, 0.7, 0, 1, "1",
    "Cut of the offer for sectors that are not hot: every zone bids for the same hot sectors "
    "(semiconductors, new energy, biomedicine).");
  f.push_back(integer("governments.subsidy_years", [](ScenarioSpec& s) -> auto& { return s.governments.subsidy_years; },
                      3, 0, 30, "year", "Years a mover or an entrant receives the offer it came with."));
  P("governments.service_depreciation",
    [](ScenarioSpec& s) -> auto& { return s.governments.service_depreciation; }, 0.2, 0.01, 1, "1/year",
    "Yearly depreciation of a zone's service capacity.");
  P("governments.national_orientation",
    [](ScenarioSpec& s) -> auto& { return s.governments.national_orientation; }, 0.2, 0, 1, "1",
    "Dual leadership: weight of the national orientation (innovation, high tech) against the city's local one.");
  P("governments.provincial_rivalry",
    [](ScenarioSpec& s) -> auto& { return s.governments.provincial_rivalry; }, 0.7, 0, 1, "1",
    "Weight of the rank among the province's zones in tournament pressure (the rest: national rank).");
  P("governments.evaluation.gdp", [](ScenarioSpec& s) -> auto& { return s.governments.evaluation.gdp; }, 1, 0, 100,
    "1", "Evaluation weight of attributed GDP growth.");
  P("governments.evaluation.tax", [](ScenarioSpec& s) -> auto& { return s.governments.evaluation.tax; }, 0, 0, 100,
    "1", "Evaluation weight of fiscal revenue growth.");
  P("governments.evaluation.innovation",
    [](ScenarioSpec& s) -> auto& { return s.governments.evaluation.innovation; }, 0, 0, 100, "1",
    "Evaluation weight of invention patent growth.");
  P("governments.evaluation.cooperation",
    [](ScenarioSpec& s) -> auto& { return s.governments.evaluation.cooperation; }, 0, 0, 100, "1",
    "Evaluation weight of cooperation ties (cooperation edges of the zone).");
  P("governments.evaluation.radiation",
    [](ScenarioSpec& s) -> auto& { return s.governments.evaluation.radiation; }, 0, 0, 100, "1",
    "Evaluation weight of radiation: enterprises moved out and knowledge diffused to partners.");
  P("governments.evaluation.national",
    [](ScenarioSpec& s) -> auto& { return s.governments.evaluation.national; }, 0, 0, 100, "1",
    "Evaluation weight of the ministry's national evaluation (share of high-tech enterprises).");
  f.push_back(integer("metrics.top_k", [](ScenarioSpec& s) -> auto& { return s.metrics.top_k; }, 10, 1, 178, "1",
                      "k of the top-k share (the top10_share_* outputs)."));
  f.push_back(real("metrics.esteban_ray_alpha",
                   [](ScenarioSpec& s) -> auto& { return s.metrics.esteban_ray_alpha; }, 1.6, 0, 1.6, "1",
                   "Polarization sensitivity alpha of Esteban-Ray (1994)."));
  f.push_back(integer("output.compression", [](ScenarioSpec& s) -> auto& { return s.output.compression; }, 4, 0,
                      9, "1", "Deflate level of the HDF5 datasets (0 = none)."));
  add_mechanism_fields(f);
  return f;
}

}  // namespace

const std::vector<FieldDecl>& field_decls() {
  static const std::vector<FieldDecl> decls = build();
  return decls;
}

const char* type_name(FieldType t) {
  switch (t) {
    case FieldType::Integer: return "integer";
    case FieldType::Real: return "number";
    case FieldType::Boolean: return "boolean";
    case FieldType::Text: return "string";
    case FieldType::Path: return "path";
  }
  return "?";
}

}  // namespace zonesim::detail
