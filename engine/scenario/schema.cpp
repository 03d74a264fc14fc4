// Every scenario key: type, default, range, unit and help, declared next to where its value goes.
#include "scenario/schema.hpp"

#include <string>

namespace zonesim::detail {
namespace {

constexpr double kMaxSeed = 18446744073709551615.0;

void run_keys(KeyCatalogue& keys) {
  Rows<ScenarioSpec> r(keys, "", [](ScenarioSpec& s) -> ScenarioSpec& { return s; });
  r.word("title", &ScenarioSpec::title, "zonesim run", {},
         "A label for the run, stored as scenario_label in the output.");
  r.whole("seed", &ScenarioSpec::seed, 1, 0, kMaxSeed, "1",
          "Seed of every random stream; with the scenario it determines the result bit for bit.");
}

void time_keys(KeyCatalogue& keys) {
  Rows<TimeSpec> r(keys, "time", [](ScenarioSpec& s) -> TimeSpec& { return s.time; });
  r.whole("start", &TimeSpec::start, 2024, 2019, 2100, "year",
          "Calendar year of the initial state; must equal zones.year.");
  r.whole("end", &TimeSpec::end, 2035, 2019, 2200, "year", "Last simulated year; one step per year.");
}

void zones_keys(KeyCatalogue& keys) {
  Rows<ZonesSpec> r(keys, "zones", [](ScenarioSpec& s) -> ZonesSpec& { return s.zones; });
  r.whole("year", &ZonesSpec::year, 2024, 2019, 2024, "year",
          "Which zone set and initial figures: 2019 (169 zones) or 2024 (all 178).", {2019, 2024});
  r.file("table", &ZonesSpec::table, "",
         "Zone table (CSV, columns as data/zones.csv); empty = the table shipped with zonesim. "
         "A relative path is taken from the directory of the file that sets it.");
  r.flag("entry", &ZonesSpec::entry, false,
         "With zones.year 2019: the zones approved later enter in their approval year (2022, 2023), "
         "sized against the others as in the 2024 figures; the zone axis then holds all of them.");
  r.num("max_density", &ZonesSpec::max_density, 3200, 1, 1e6, "persons/km2",
        "Employment per km2 of zone land at full occupancy; land capacity = land_km2 * max_density "
        "(at least the initial employment / max_initial_occupancy), occupancy = employment / capacity.");
  r.num(
      "max_initial_occupancy", &ZonesSpec::max_initial_occupancy, 0.9, 0.05, 1, "1",
      "The initial state is observed, so no zone starts more crowded than this: a zone whose published land "
      "would hold its initial employment above it has the land that does (built-up area beyond the "
      "approved one; assumed).");
  r.num("initial_service_share", &ZonesSpec::initial_service_share, 0.7, 0, 1, "1",
        "Share of the discretionary budget that built the service capacity of the initial state (its steady "
        "state); a fixed trait of the observed initial state, independent of governments.subsidy_share "
        "(assumed: 1 - the default subsidy share).");
  r.num("initial_development_share", &ZonesSpec::initial_development_share, 0.4, 0, 1, "1",
        "Part of that spending which built the initial infrastructure (the rest: service capacity); a trait "
        "of the initial state like initial_service_share, so that governments.development_share changes the "
        "split from the one that built the stocks (assumed: the default development share).");
  r.num("initial_patent_stock_years", &ZonesSpec::initial_patent_stock_years, 5, 0, 50, "year",
        "Initial invention-patent stock as a multiple of the initial yearly grants (perpetual "
        "inventory: 1 / (growth + depreciation) = 1 / (0.05 + 0.15)).");
}

void enterprise_keys(KeyCatalogue& keys) {
  using E = EnterpriseSpec;
  Rows<E> r(keys, "enterprises", [](ScenarioSpec& s) -> E& { return s.enterprises; });
  r.whole("count", &E::count, 100000, 1000, 200000000, "1",
          "Simulated enterprises, shared out over zones by employment.");
  r.num("size_sigma", &E::size_sigma, 1.2, 0, 4, "1",
        "Log-s.d. of enterprise employment within a zone (lognormal firm sizes).");
  r.num("productivity_sigma", &E::productivity_sigma, 0.4, 0, 3, "1",
        "Log-s.d. of total factor productivity within a zone.");
  r.num("rnd_intensity_median", &E::rnd_intensity_median, 0.025, 0, 1, "1",
        "Median R&D spending over output across enterprises.");
  r.num("rnd_intensity_sigma", &E::rnd_intensity_sigma, 0.8, 0, 4, "1",
        "Log-s.d. of R&D intensity across enterprises.");
  r.num("hightech_rnd_threshold", &E::hightech_rnd_threshold, 0.03, 0, 1, "1",
        "R&D intensity at or above which an enterprise is high-tech (the 2016 recognition rules ask "
        "3-5% of sales by size).");
  r.num("digital_share", &E::digital_share, 0.15, 0, 1, "1",
        "Share of enterprises in the digital sector (weakly tied to place).");
  r.num("industrial_share", &E::industrial_share, 0.508, 0, 1, "1",
        "Share of enterprises in the six industrial sectors (electronics ... new energy); the rest of the "
        "non-digital ones are 'other' (services). 0.508 = 9.8 of 19.3 trillion CNY: the zones' industrial "
        "value added over their GDP in 2024 (MIIT, 2025).");
  r.num("hightech_min_productivity", &E::hightech_min_productivity, 0.5, 0, 10, "1",
        "High-tech also needs labour productivity at least this times the national mean.");
}

// The enterprise economy (docs/model.md gives the equations).
void production_keys(KeyCatalogue& keys) {
  using P = ProductionSpec;
  Rows<P> r(keys, "production", [](ScenarioSpec& s) -> P& { return s.production; });
  r.num("labour_elasticity", &P::labour_elasticity, 0.7, 0.05, 1, "1",
        "alpha in y = A * l^alpha * place factor.");
  r.num("own_sector_agglomeration", &P::own_sector_agglomeration, 0.04, 0, 0.5, "1",
        "Elasticity of output to the zone's employment in the enterprise's own sector (localisation).");
  r.num("all_sector_agglomeration", &P::all_sector_agglomeration, 0.05, 0, 0.5, "1",
        "Elasticity of output to the zone's total employment (urbanisation).");
  r.num("knowledge_elasticity", &P::knowledge_elasticity, 0.05, 0, 0.5, "1",
        "Elasticity of output to the zone's knowledge (patent) stock.");
  r.num("service_elasticity", &P::service_elasticity, 0.05, 0, 0.5, "1",
        "Elasticity of output to the zone's service capacity (built by its service spending).");
  r.num("digital_place_tie", &P::digital_place_tie, 0.3, 0, 1, "1",
        "Digital enterprises' place elasticities as a share of the others' (weak place ties).");
  r.num("wage_share", &P::wage_share, 0.45, 0, 1, "1",
        "Wage per worker as a share of the zone's value added per worker last year.");
  r.num("rent_scale", &P::rent_scale, 0.15, 0, 10, "1",
        "Congestion cost (land rent) per worker at full occupancy, in national value added per worker.");
  r.num("rent_exponent", &P::rent_exponent, 4, 0, 20, "1",
        "Rent rises as occupancy^rent_exponent, so crowded zones push enterprises out.");
  r.num("trend_growth", &P::trend_growth, 0.02, -0.2, 0.5, "1/year",
        "Yearly productivity drift common to all enterprises (prices and economy-wide progress).");
  r.num("trend_growth_slope", &P::trend_growth_slope, 0, -0.1, 0.1, "1/year^2",
        "Change of the drift per simulated year: drift in step t = trend_growth + slope * (t - 1).");
  r.num("employment_trend", &P::employment_trend, 0.03, -0.5, 0.5, "1/year",
        "Yearly employment growth of an enterprise at the reference margin (labour drawn into the zones).");
  r.num("employment_response", &P::employment_response, 0.5, 0, 10, "1",
        "Yearly employment growth per unit of profit margin above the initial mean margin.");
  r.num("max_employment_change", &P::max_employment_change, 0.2, 0, 1, "1",
        "Cap on an enterprise's yearly employment change (share of its employment).");
}

void innovation_keys(KeyCatalogue& keys) {
  using I = InnovationSpec;
  Rows<I> r(keys, "innovation", [](ScenarioSpec& s) -> I& { return s.innovation; });
  r.num("success_probability", &I::success_probability, 0.2, 0, 1, "1",
        "Yearly probability of an innovation at mean R&D intensity and mean knowledge stock.");
  r.num("knowledge_elasticity", &I::knowledge_elasticity, 0.3, 0, 2, "1",
        "Elasticity of success and of patenting to the zone's knowledge stock (spillover inside the zone).");
  r.num("productivity_step", &I::productivity_step, 0.1, 0, 1, "1", "Productivity gain of an innovation.");
  r.num("depreciation", &I::depreciation, 0.15, 0, 1, "1/year",
        "Yearly depreciation of the zones' knowledge stocks.");
  r.num("cooperation_spillover", &I::cooperation_spillover, 0.1, 0, 1, "1",
        "Share of a cooperation partner's new patents added to a zone's knowledge stock, per unit edge "
        "weight.");
}

void entry_keys(KeyCatalogue& keys) {
  Rows<EntrySpec> r(keys, "entry", [](ScenarioSpec& s) -> EntrySpec& { return s.entry; });
  r.num("rate", &EntrySpec::rate, 0.06, 0, 1, "1/year", "Births per year as a share of living enterprises.");
  r.num("talent_elasticity", &EntrySpec::talent_elasticity, 0.6, 0, 3, "1",
        "Births across zones are proportional to R&D personnel^talent_elasticity ...");
  r.num("knowledge_elasticity", &EntrySpec::knowledge_elasticity, 0.4, 0, 3, "1",
        "... times knowledge stock^knowledge_elasticity.");
  r.num("size_factor", &EntrySpec::size_factor, 0.3, 0.01, 10, "1",
        "Entrant employment relative to the mean enterprise of its zone.");
  r.num("subsidy_response", &EntrySpec::subsidy_response, 2, 0, 50, "1",
        "Births in a zone rise as exp(subsidy_response x its mean subsidy offer).");
  r.num("venture_response", &EntrySpec::venture_response, 20, 0, 1000, "1",
        "Births in a zone rise by venture_response x venture capital / zone GDP (venture funds, "
        "synergy_fund).");
}

void exit_keys(KeyCatalogue& keys) {
  Rows<ExitSpec> r(keys, "exit", [](ScenarioSpec& s) -> ExitSpec& { return s.exit; });
  r.whole("loss_years", &ExitSpec::loss_years, 3, 1, 50, "year",
          "Consecutive loss-making years after which an enterprise exits.");
  r.num("base_hazard", &ExitSpec::base_hazard, 0.03, 0, 1, "1/year",
        "Yearly exit probability of any enterprise (closures unrelated to profit).");
}

void relocation_keys(KeyCatalogue& keys) {
  using R = RelocationSpec;
  Rows<R> r(keys, "relocation", [](ScenarioSpec& s) -> R& { return s.relocation; });
  r.num("hazard", &R::hazard, 0.02, 0, 1, "1/year",
        "Yearly probability that an enterprise considers moving.");
  r.num("congestion_hazard", &R::congestion_hazard, 0.05, 0, 1, "1/year",
        "Added consideration probability per 0.2 of occupancy above 0.8.");
  r.num("loss_hazard", &R::loss_hazard, 0.1, 0, 1, "1/year",
        "Added consideration probability for an enterprise that made a loss last year.");
  r.num("profit_weight", &R::profit_weight, 10, 0, 1000, "1",
        "Utility per unit of profit gain relative to the enterprise's output (logit scale).");
  r.num("place_anticipation", &R::place_anticipation, 0.069, 0, 1, "1",
        "How much of a destination's place advantage (agglomeration, knowledge, services relative to here) a "
        "mover counts on: it expects output y * (place there / place here)^place_anticipation; 1 = all of "
        "it. Fitted to the 2019-2024 change of the top-10 GDP share (docs/calibration.md).");
  r.num("fixed_cost", &R::fixed_cost, 3, 0, 100, "1", "Utility cost of any move (search, disruption).");
  r.num("distance_cost", &R::distance_cost, 1, 0, 100, "1/(1000 km)",
        "Utility cost per 1000 km between the host cities.");
  r.num("province_cost", &R::province_cost, 1, 0, 100, "1",
        "Utility cost of leaving the province (administrative segmentation).");
}

// Governments (docs/model.md: budgets, tournament, subsidy competition).
void government_keys(KeyCatalogue& keys) {
  using G = GovernmentSpec;
  Rows<G> r(keys, "governments", [](ScenarioSpec& s) -> G& { return s.governments; });
  r.num("tax_rate", &G::tax_rate, 0.07, 0, 1, "1", "A zone's fiscal revenue as a share of its value added.");
  r.num("city_transfer", &G::city_transfer, 0.1, 0, 5, "1",
        "The host city's transfer to its zone, as a share of the zone's own revenue.");
  r.num("discretionary_share", &G::discretionary_share, 0.5, 0, 1, "1",
        "Share of a zone's budget free for subsidies and services (the rest runs the zone).");
  r.num("subsidy_share", &G::subsidy_share, 0.3, 0, 1, "1",
        "Initial share of the discretionary budget set aside for subsidies and offers; governments then "
        "move it each year towards where money is worth most (docs/decisions.md; assumed).");
  r.num("escalation", &G::escalation, 1, 0, 20, "1",
        "Relative rise, at full tournament pressure (every rival ranked above), of the value a government "
        "puts on output booked at once (a mover, an entrant) against output that builds up (services, land, "
        "talent): the subsidy race (assumed).");
  r.num("max_offer", &G::max_offer, 0.3, 0, 1, "1",
        "Cap on a subsidy offer, as a share of the enterprise's value added.");
  r.num("offer_adjustment", &G::offer_adjustment, 0.5, 0, 1, "1",
        "Share of the gap between this year's and the target offer closed each year.");
  r.num("herding", &G::herding, 0.7, 0, 1, "1",
        "Weight of what other zones court in a zone's choice of sectors to court (log of the sector's share "
        "of all courting, against an even spread): homogeneous competition, 67 semiconductor parks (seed "
        "000; assumed).");
  r.whole("subsidy_years", &G::subsidy_years, 3, 0, 30, "year",
          "Years a mover or an entrant receives the offer it came with.");
  r.num("service_depreciation", &G::service_depreciation, 0.2, 0.01, 1, "1/year",
        "Yearly depreciation of a zone's service capacity.");
  r.num("national_orientation", &G::national_orientation, 0.2, 0, 1, "1",
        "Dual leadership: weight of the national orientation (innovation, high tech) against the city's "
        "local one.");
  r.num("talent_share", &G::talent_share, 0, 0, 1, "1",
        "Share of the discretionary budget spent on talent programmes (pay top-ups for R&D personnel who "
        "work in the zone; talent.programme_weight) in the initial year; governments then choose it "
        "(docs/decisions.md). 0: none (assumed).");
  r.num("development_share", &G::development_share, 0.4, 0, 1, "1",
        "Initial share of a zone's service budget (what subsidies, talent and schemes leave) spent on land "
        "development and infrastructure, the rest building service capacity; governments then choose it "
        "(docs/decisions.md; assumed).");
  r.whole("horizon", &G::horizon, 3, 1, 20, "year",
          "Years over which a government counts what an action brings: booked output, services, land (about "
          "the rest of a term of office; assumed).");
  r.num("precision", &G::precision, 200, 0, 10000, "1",
        "Bounded rationality: logit weight of an action's net value, as a share of the zone's discretionary "
        "budget, in the choice to make an offer or to propose, accept or end an agreement (0: a coin toss; "
        "large: strict optimisation; assumed).");
  r.num("budget_precision", &G::budget_precision, 2, 0, 20, "1",
        "Exponent of the marginal-value rule that splits the budget among services, land and talent: "
        "shares proportional to marginal value^this (0: equal shares; large: all to the best use; assumed).");
  r.num("budget_adjustment", &G::budget_adjustment, 0.3, 0, 1, "1",
        "Share of the gap between this year's budget split and the target split closed each year (assumed).");
  r.num("poaching_targets", &G::poaching_targets, 0.002, 0, 0.05, "1",
        "Share of all enterprises (the largest and high-tech ones first) that zones court each year with "
        "targeted offers (assumed).");
  r.num("offer_cost", &G::offer_cost, 0.002, 0, 10, "billion CNY",
        "Administrative cost of preparing one targeted offer or retention offer (assumed).");
  r.num("commitment_cost", &G::commitment_cost, 0.2, 0, 10, "1",
        "Value lost per yuan promised in a targeted or retention offer, for holding it in reserve until the "
        "enterprise answers (the money cannot go to services meanwhile; assumed).");
  r.num("sector_precision", &G::sector_precision, 2, 0, 100, "1",
        "Logit weight in a zone's choice of the sectors it courts (assumed).");
  r.num("provincial_rivalry", &G::provincial_rivalry, 0.7, 0, 1, "1",
        "Weight of the rank among the province's zones in tournament pressure (the rest: national rank).");
}

void evaluation_keys(KeyCatalogue& keys) {
  using V = EvaluationSpec;
  Rows<V> r(keys, "governments.evaluation", [](ScenarioSpec& s) -> V& { return s.governments.evaluation; });
  r.num("gdp", &V::gdp, 1, 0, 100, "1", "Evaluation weight of attributed GDP growth.");
  r.num("tax", &V::tax, 0, 0, 100, "1", "Evaluation weight of fiscal revenue growth.");
  r.num("innovation", &V::innovation, 0, 0, 100, "1", "Evaluation weight of invention patent growth.");
  r.num("cooperation", &V::cooperation, 0, 0, 100, "1",
        "Evaluation weight of cooperation ties (cooperation edges of the zone).");
  r.num("radiation", &V::radiation, 0, 0, 100, "1",
        "Evaluation weight of radiation: enterprises moved out and knowledge diffused to partners.");
  r.num("national", &V::national, 0, 0, 100, "1",
        "Evaluation weight of the ministry's national evaluation (share of high-tech enterprises).");
  r.num("green", &V::green, 0, 0, 100, "1",
        "Evaluation weight of the green criterion: the fall of energy use per 10^4 CNY of industrial value "
        "added (seed 004: the 2021 green development plan).");
}

// Cooperation agreements between zones (docs/decisions.md).
void cooperation_keys(KeyCatalogue& keys) {
  using C = CooperationSpec;
  Rows<C> r(keys, "cooperation", [](ScenarioSpec& s) -> C& { return s.cooperation; });
  r.whole("candidates", &C::candidates, 3, 0, 50, "1",
          "Nearest zones (by distance between host cities) each zone considers as partners (assumed).");
  r.whole("term", &C::term, 5, 1, 50, "year",
          "Years an agreement lasts; then both sides decide again whether to renew it (assumed: a five-year "
          "plan).");
  r.num("cost", &C::cost, 0.2, 0, 100, "billion CNY/year",
        "Yearly running cost of an agreement (the co-built park's management, platforms), split equally "
        "(assumed).");
  r.num("service_export_share", &C::service_export_share, 0.1, 0, 1, "1",
        "Share of the larger partner's service capacity (brand, platforms, operators) that the smaller one "
        "uses (assumed; the 1+N networks set their own).");
  r.num("export_rivalry", &C::export_rivalry, 0.2, 0, 1, "1",
        "Share of the exported services that the exporter loses (services are partly rival: staff and "
        "platforms sent to a partner are not at home; assumed).");
  r.num("spillover_weight", &C::spillover_weight, 0.5, 0, 10, "1",
        "Weight of an agreement's tech-enabling cooperation edge (knowledge spills along it; assumed).");
  r.num("chain_link", &C::chain_link, 0.05, 0, 1, "1",
        "A partner's own-sector employment counted in the other's agglomeration, both ways (assumed).");
  r.num("fusion_link", &C::fusion_link, 0.02, 0, 1, "1",
        "A partner's total employment counted in the other's agglomeration, both ways (assumed).");
  r.num("move_cost_discount", &C::move_cost_discount, 0.3, 0, 1, "1",
        "Cut of the moving cost from the larger partner into the smaller (a branch park takes its "
        "overflow; assumed).");
}

// The economy's markets and limits (docs/model.md, section "Markets and limits").
void market_keys(KeyCatalogue& keys) {
  {
    using L = LabourSpec;
    Rows<L> r(keys, "labour", [](ScenarioSpec& s) -> L& { return s.labour; });
    r.num("pool_growth", &L::pool_growth, 0.047, -0.2, 0.5, "1/year",
          "Yearly growth of the labour available to the zones (the national pool) in the first simulated "
          "year: 4.7%, the zone table's growth of employment from 2019 (22.1 million, seed 003) to 2024 "
          "(27.8 million; assumed there from half the GDP growth, data/README.md).");
    r.num("pool_growth_slope", &L::pool_growth_slope, -0.001, -0.1, 0.1, "1/year^2",
          "Change of the pool's growth per simulated year: growth in step t = pool_growth + slope * (t - 1) "
          "(assumed: the zones keep drawing workers from the rest of the economy, ever less as the labour "
          "force shrinks; 3.6% in 2035, 1.1% in 2060).");
    r.num("wage_response", &L::wage_response, 1, 0, 10, "1",
          "Elasticity of the national wage index to the pool's excess demand: wage index *= (demand / "
          "pool)^wage_response each year (assumed).");
  }
  {
    using T = TalentSpec;
    Rows<T> r(keys, "talent", [](ScenarioSpec& s) -> T& { return s.talent; });
    r.num("zone_share", &T::zone_share, 0.25, 0.01, 0.95, "1",
          "The zones' share of the national R&D personnel in the initial year; the rest works outside the "
          "zones (universities, institutes, other firms) and is the outside option of researchers' choice "
          "(seed 002: 25%).");
    r.num("pool_growth", &T::pool_growth, 0.05, -0.2, 0.5, "1/year",
          "Yearly growth of the national R&D personnel (NBS: 4.80 million FTE in 2019, 6.35 million in "
          "2022, 9.8% a year; halved for the years ahead as the labour force shrinks, assumed).");
    r.num("wage_weight", &T::wage_weight, 3, 0, 100, "1",
          "Logit weight of log pay in researchers' choice of a zone: a zone paying 1% more draws about "
          "wage_weight % more of them (assumed).");
    r.num("max_share", &T::max_share, 0.25, 0.01, 1, "1",
          "Cap on R&D personnel as a share of a zone's employment (2019: 8.2% on average, seed 003; the "
          "most research-intensive zones about 20%, assumed).");
    r.num("rnd_weight", &T::rnd_weight, 0.5, 0, 1, "1",
          "Weight of R&D personnel in a zone's R&D input: input = spending^(1-w) * (personnel * initial "
          "spending per person)^w, so patents and innovation need people as well as money (assumed).");
    r.num("salary", &T::salary, 0.0002, 1e-6, 0.01, "billion CNY/person-year",
          "Pay of one R&D person-year at talent wage 1 (about 200,000 CNY; assumed from the NBS average "
          "wage of scientific research and technical services, 2023: about 170,000 CNY).");
    r.num("programme_weight", &T::programme_weight, 1, 0, 10, "1",
          "A talent programme's money counts as pay: a zone that spends P on N researchers offers them "
          "pay * (1 + programme_weight * P / (N * salary)) (assumed 1: a yuan of programme is a yuan of "
          "pay).");
  }
  {
    using S = SectorsSpec;
    Rows<S> r(keys, "sectors", [](ScenarioSpec& s) -> S& { return s.sectors; });
    r.num("demand_elasticity", &S::demand_elasticity, 2, 0.1, 100, "1",
          "Price elasticity of a sector's national demand: price = (supply / demand)^(-1/elasticity), so "
          "an overbuilt sector's price and margins fall (assumed; sector-level elasticities of "
          "substitution are mostly 1-4, Broda and Weinstein 2006).");
    r.num("hot_demand_growth", &S::hot_demand_growth, 0.05, -0.5, 0.5, "1/year",
          "Yearly growth of the hot sectors' demand (semiconductors, new energy, biomedicine) relative to "
          "the aggregate: the strategic emerging industries' share of GDP rose from 11.7% (2020) to about "
          "13% (2022), NBS; the plan aims at 17% in 2025 (about 5% a year; assumed for later years).");
    r.num("entry_price_response", &S::entry_price_response, 1, 0, 20, "1",
          "Entrants choose a sector with weight (sector's share) * price^entry_price_response * "
          "exp(entry.subsidy_response * the zone's offer in it) (assumed).");
  }
  {
    using I = InfrastructureSpec;
    Rows<I> r(keys, "infrastructure", [](ScenarioSpec& s) -> I& { return s.infrastructure; });
    r.num("elasticity", &I::elasticity, 0.08, 0, 0.5, "1",
          "Elasticity of output to the zone's infrastructure stock (land development): 0.08, the mean "
          "output elasticity of public capital in the meta-analysis of Bom and Ligthart (2014).");
    r.num("depreciation", &I::depreciation, 0.06, 0.001, 1, "1/year",
          "Yearly depreciation of infrastructure (assumed; public capital is usually depreciated at 5-10%).");
  }
  {
    using N = EnergySpec;
    Rows<N> r(keys, "energy", [](ScenarioSpec& s) -> N& { return s.energy; });
    r.num("target_intensity", &N::target_intensity, 0.4, 0.01, 10, "tce/(10^4 CNY)",
          "Mean energy use per 10^4 CNY of industrial value added in target_year (industrial value added "
          "weighted): the 2021 green development plan's bound for 2025 (seed 004), taken as met.");
    r.whole("target_year", &N::target_year, 2025, 2000, 2100, "year", "Year of target_intensity.");
    r.num("efficiency_gain", &N::efficiency_gain, 0.029, -0.5, 0.5, "1/year",
          "Yearly fall of every sector's energy intensity: the 14th five-year plan's 13.5% cut of energy "
          "per unit of GDP over 2021-2025 (2.9% a year).");
    r.num("median_intensity", &N::median_intensity, 0.3, 0.001, 10, "tce/(10^4 CNY)",
          "The median zone's energy use per 10^4 CNY of industrial value added in target_year: the plan has "
          "half of the zones below 0.3 in 2025 (seed 004), taken as met. Sets the spread of the zones' "
          "energy efficiency.");
    r.num("emission_factor", &N::emission_factor, 2.2, 0, 5, "t/tce",
          "CO2 per tce in the initial year (China 2023: about 12.6 Gt CO2 from 5.72 Gtce of energy; NBS "
          "and IEA).");
    r.num("emission_decline", &N::emission_decline, 0.011, -0.5, 0.5, "1/year",
          "Yearly fall of the emission factor, so that CO2 per industrial value added falls about 4% a "
          "year with efficiency_gain (the plan's 4% a year, seed 004).");
  }
  {
    using C = ClassesSpec;
    Rows<C> r(keys, "classes", [](ScenarioSpec& s) -> C& { return s.classes; });
    r.num("represented", &C::represented, 182000, 1, 1e8, "1",
          "Real enterprises that the simulated ones stand for: the zones' enterprises in the Torch "
          "statistics, 182,000 in 2021 (data/README.md). A class's target count in the sample is its real "
          "count * enterprises.count / represented.");
    r.num("little_giants", &C::little_giants, 6700, 0, 1e7, "1",
          "Specialised 'little giant' SMEs in the zones: 46% (seed 002) of the about 14,600 national ones "
          "(MIIT, 2024).");
    r.num("unicorns", &C::unicorns, 250, 0, 1e6, "1",
          "Unicorns in the zones: 67% (seed 002) of the about 375 Chinese unicorns (Great Wall Strategy "
          "Consultants, 2023 list).");
    r.num("sme_max_employment", &C::sme_max_employment, 1000, 1, 1e7, "persons",
          "An industrial SME employs fewer persons (the 2011 SME size classification for industry).");
    r.whole("unicorn_max_age", &C::unicorn_max_age, 10, 1, 100, "year",
            "A unicorn is at most this old (founded within ten years).");
  }
}

void metrics_keys(KeyCatalogue& keys) {
  Rows<MetricsSpec> r(keys, "metrics", [](ScenarioSpec& s) -> MetricsSpec& { return s.metrics; });
  // Only 10: the outputs are named top10_share_*, and another k would make the name false.
  r.whole("top_k", &MetricsSpec::top_k, 10, 10, 10, "1",
          "k of the top10_share_* outputs: 10 (another top-k share is computed from the per-zone variables).",
          {10});
  r.num("esteban_ray_alpha", &MetricsSpec::esteban_ray_alpha, 1.6, 0, 1.6, "1",
        "Polarization sensitivity alpha of Esteban-Ray (1994).");
}

void output_keys(KeyCatalogue& keys) {
  Rows<OutputSpec> r(keys, "output", [](ScenarioSpec& s) -> OutputSpec& { return s.output; });
  r.whole("compression", &OutputSpec::compression, 4, 0, 9, "1",
          "Deflate level of the HDF5 datasets (0 = none).");
}

// The rules over several core keys.
void time_rules(KeyCatalogue& keys) {
  keys.rules.push_back([](const ScenarioSpec& spec, Checks& checks) {
    if (spec.time.end <= spec.time.start)
      checks.fail("time.end", std::to_string(spec.time.end) + " is not after time.start (" +
                                  std::to_string(spec.time.start) + ")");
  });
  keys.rules.push_back([](const ScenarioSpec& spec, Checks& checks) {
    const EnterpriseSpec& e = spec.enterprises;
    if (e.digital_share + e.industrial_share > 1 + 1e-12)
      checks.fail("enterprises.industrial_share", std::to_string(e.industrial_share) +
                                                      " plus enterprises.digital_share (" +
                                                      std::to_string(e.digital_share) + ") exceeds 1");
  });
  keys.rules.push_back([](const ScenarioSpec& spec, Checks& checks) {
    if (spec.time.start != spec.zones.year)
      checks.fail("time.start", std::to_string(spec.time.start) + " differs from zones.year (" +
                                    std::to_string(spec.zones.year) +
                                    "): the initial state is that of zones.year; set both");
  });
}

}  // namespace

void add_core_keys(KeyCatalogue& keys) {
  run_keys(keys);
  time_keys(keys);
  zones_keys(keys);
  enterprise_keys(keys);
  production_keys(keys);
  innovation_keys(keys);
  entry_keys(keys);
  exit_keys(keys);
  relocation_keys(keys);
  government_keys(keys);
  evaluation_keys(keys);
  cooperation_keys(keys);
  market_keys(keys);
  metrics_keys(keys);
  output_keys(keys);
  time_rules(keys);
}

const char* type_name(FieldType t) {
  switch (t) {
    case FieldType::Integer:
      return "integer";
    case FieldType::Real:
      return "number";
    case FieldType::Boolean:
      return "boolean";
    case FieldType::Text:
      return "string";
    case FieldType::Path:
      return "path";
  }
  return "?";
}

}  // namespace zonesim::detail
