// strategic_bureau (MODEL.md 5.8, seed 000 challenge 4): earmarked money, projects, the whale fall (knowledge
// and talent win or lose), successes that raise a sector's productivity; and the effect on the outcome under
// common random numbers.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

#include "helpers.hpp"
#include "mechanisms/strategic_bureau/strategic_bureau.hpp"
#include "zonesim/run.hpp"
#include "zonesim/model/statistics.hpp"
#include "zonesim/model/step.hpp"
#include "zonesim/model/world.hpp"

using namespace zonesim;

namespace {

ScenarioSpec spec_of(bool enabled, std::int64_t count = 20000) {
  ScenarioSpec s = default_scenario();
  s.enterprises.count = count;
  s.mechanisms.strategic_bureau.enabled = enabled;
  return s;
}

double discretionary(const ScenarioSpec& s, double gdp_z) {
  const GovernmentSpec& g = s.governments;
  return g.discretionary_share * (1 + g.city_transfer) * g.tax_rate * gdp_z;
}

// A world in its initial state with its statistics, for driving the model by hand.
struct Small {
  ScenarioSpec spec;
  World world;
  YearStats stats;
  explicit Small(ScenarioSpec s)
      : spec(std::move(s)),
        world(build_world(spec, zone_table_for(spec), {1, 0})),
        stats(world.zone_count()) {
    collect_statistics(world, stats);
  }
};

std::vector<int> largest_zones(const World& w, const YearStats& stats, int k) {
  std::vector<int> order(static_cast<std::size_t>(w.zone_count()));
  for (int z = 0; z < w.zone_count(); ++z) order[static_cast<std::size_t>(z)] = z;
  std::sort(order.begin(), order.end(),
            [&](int a, int b) { return stats.zone[gdp][a] > stats.zone[gdp][b]; });
  order.resize(static_cast<std::size_t>(k));
  return order;
}

}  // namespace

TEST_CASE(
    "strategic_bureau: the largest zones earmark budget_share of their discretionary budget each year") {
  ScenarioSpec spec = spec_of(true);
  spec.mechanisms.strategic_bureau.zones = 5;
  World w = build_world(spec, zone_table_for(spec), {1, 0});
  const ModelList models = make_models(spec);
  const StrategicBureau* bureau = nullptr;
  for (const auto& m : models)
    if (auto* b = dynamic_cast<const StrategicBureau*>(m.get())) bureau = b;
  REQUIRE(bureau != nullptr);
  YearStats stats(w.zone_count());
  observe(w, models, stats);
  const std::vector<int> largest = largest_zones(w, stats, 5);
  for (int z : largest) CHECK(bureau->bureau_zones()[static_cast<std::size_t>(z)] == 1);
  double earmarked = 0;
  for (int year = 0; year <= 4; ++year) {
    if (year > 0) step(w, models, stats);
    int with_bureau = 0;
    for (int z = 0; z < w.zone_count(); ++z) {
      const double d = discretionary(spec, stats.zone[gdp][z]);
      const bool has = bureau->bureau_zones()[static_cast<std::size_t>(z)];
      with_bureau += has;
      REQUIRE(w.zones.earmarked[z] == Approx(has ? 0.1 * d : 0.0).margin(1e-12));
      // Services get what subsidies and the bureau leave.
      REQUIRE(w.zones.services_spending[z] == Approx(d - w.zones.subsidy_budget[z] - w.zones.earmarked[z]));
      earmarked += w.zones.earmarked[z];
    }
    CHECK(with_bureau == 5);
  }
  CHECK(bureau->projects().size() == 25);  // five zones, five years, horizon 10: all still under way
  CHECK(bureau->money_spent() == Approx(earmarked));
  CHECK(bureau->outcomes() == 0);
}

TEST_CASE("strategic_bureau: win or lose, the money leaves knowledge and talent (whale fall)") {
  ScenarioSpec spec = spec_of(true);
  spec.mechanisms.strategic_bureau.success_probability = 0;
  Small s(spec);
  StrategicBureau bureau(spec);
  const std::vector<double> stock = s.world.zones.patent_stock, personnel = s.world.zones.rnd_personnel;
  bureau.run(Phase::governments, s.world, s.stats);
  REQUIRE(bureau.projects().size() == 20);
  for (const auto& p : bureau.projects()) {
    const auto z = static_cast<std::size_t>(p.zone);
    CHECK(p.money == Approx(0.1 * discretionary(spec, s.stats.zone[gdp][z])));
    CHECK(s.world.zones.patent_stock[z] - stock[z] == Approx(50 * p.money));
    CHECK(bureau.talent()[z] == Approx(300 * p.money));
  }
  // The talent stays on top of the R&D personnel that the innovation model sets each year.
  bureau.run(Phase::innovation, s.world, s.stats);
  for (std::size_t z = 0; z < personnel.size(); ++z)
    CHECK(s.world.zones.rnd_personnel[z] == Approx(personnel[z] + bureau.talent()[z]));
  // Every project fails, and the knowledge stays.
  for (int t = 1; t <= 12; ++t) {
    s.world.step = t;
    std::fill(s.world.zones.earmarked.begin(), s.world.zones.earmarked.end(), 0.0);  // as the step does
    bureau.run(Phase::governments, s.world, s.stats);
  }
  CHECK(bureau.outcomes() == 3 * 20);
  CHECK(bureau.successes() == 0);
}

TEST_CASE(
    "strategic_bureau: a success raises the productivity of the zone's enterprises in the project's sector") {
  ScenarioSpec spec = spec_of(true);
  auto& p = spec.mechanisms.strategic_bureau;
  p.zones = 3;
  p.horizon = 1;
  p.success_probability = 1;
  Small s(spec);
  StrategicBureau bureau(spec);
  bureau.run(Phase::governments, s.world, s.stats);
  const std::vector<StrategicBureau::Project> launched = bureau.projects();
  const std::vector<double> before = s.world.firms.productivity;
  s.world.step = 1;
  bureau.run(Phase::governments, s.world, s.stats);
  CHECK(bureau.successes() == 3);
  const Enterprises& f = s.world.firms;
  int raised = 0;
  for (std::size_t e = 0; e < f.size(); ++e) {
    bool in_project = false;
    for (const auto& q : launched) in_project |= f.zone[e] == q.zone && f.sector[e] == q.sector;
    REQUIRE(f.productivity[e] == Approx(before[e] * (in_project ? 1.3 : 1.0)).epsilon(1e-12));
    raised += in_project;
  }
  CHECK(raised > 0);
  for (const auto& q : launched) CHECK(is_hot_sector(q.sector));
}

TEST_CASE("strategic_bureau: projects succeed at success_probability") {
  ScenarioSpec spec = spec_of(true, 2000);
  auto& p = spec.mechanisms.strategic_bureau;
  p.zones = 0;  // every zone
  p.horizon = 1;
  Small s(spec);
  StrategicBureau bureau(spec);
  for (int t = 0; t <= 20; ++t) {
    s.world.step = t;
    std::fill(s.world.zones.earmarked.begin(), s.world.zones.earmarked.end(), 0.0);  // as the step does
    bureau.run(Phase::governments, s.world, s.stats);
  }
  const double n = bureau.outcomes();
  CHECK(n == 20 * s.world.zone_count());
  CHECK(bureau.successes() / n == Approx(0.15).margin(4 * std::sqrt(0.15 * 0.85 / n)));
}

TEST_CASE(
    "strategic_bureau: by 2035 a cost that lowers concentration; once projects pay, more GDP and more") {
  // At the baseline's 100,000 enterprises: at 20,000 the effect on Theil is within the noise of some seeds.
  ScenarioSpec base = spec_of(false, 100000), bureau = spec_of(true, 100000), quick = spec_of(true, 100000);
  quick.mechanisms.strategic_bureau.horizon = 3;
  const ZoneTable t = zone_table_for(base);
  for (std::uint64_t seed : {1, 2, 3}) {
    const YearStats b = simulate(base, t, {seed, 0}, make_models(base)).years.back();
    const YearStats s = simulate(bureau, t, {seed, 0}, make_models(bureau)).years.back();
    const YearStats q = simulate(quick, t, {seed, 0}, make_models(quick)).years.back();
    // Default horizon (10 years): two cohorts have an outcome by 2035; the services the largest zones give up
    // lower concentration, and GDP differs (its sign depends on the parameters: services lost against
    // successes).
    // Between provinces in every seed; the whole Theil falls on average (-0.0045 [-0.0081, -0.0010] over 10
    // replicates, docs/mechanisms/strategic_bureau.md) but by less than one seed's noise since movers use their
    // cell's table (docs/model.md), so it is not asserted per seed.
    CHECK(s.metric[0].theil_between < b.metric[0].theil_between);
    CHECK(std::abs(s.total[total_gdp] - b.total[total_gdp]) > 1);
    // Horizon 3: successes accumulate in the largest zones, which had the bureaus.
    CHECK(q.total[total_gdp] > 1.02 * b.total[total_gdp]);
    CHECK(q.metric[0].top10_share > b.metric[0].top10_share);
  }
}
