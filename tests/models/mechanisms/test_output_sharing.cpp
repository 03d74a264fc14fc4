// Output sharing (MODEL.md 5.3): attribution moves credit, never output; movers' origins and co-builders are
// credited; the origin's resistance falls; and the scheme changes the outcome under common random numbers.
#include <catch2/catch.hpp>
#include <numeric>

#include "helpers.hpp"
#include "mechanisms/output_sharing/output_sharing.hpp"
#include "zonesim/model/model.hpp"
#include "zonesim/model/reduce.hpp"
#include "zonesim/model/statistics.hpp"
#include "zonesim/model/step.hpp"
#include "zonesim/model/world.hpp"

using namespace zonesim;

namespace {

ScenarioSpec spec_of(bool enabled, std::uint64_t seed = 1, std::int64_t count = 20000) {
  ScenarioSpec s = default_scenario();
  s.enterprises.count = count;
  s.seed = seed;
  s.mechanisms.output_sharing.enabled = enabled;
  return s;
}

struct Run {
  World world;
  YearStats stats;
  double relocations = 0;  // over all years
};

// Runs `years` steps and calls check(world, stats) after the initial state and after each year.
template <class Check>
Run run_years(const ScenarioSpec& spec, int years, Check&& check) {
  Run r{build_world(spec, zone_table_for(spec), {spec.seed, 0}), YearStats(0)};
  const ModelList models = make_models(spec);
  r.stats = YearStats(r.world.zone_count());
  observe(r.world, models, r.stats);
  check(r.world, r.stats);
  for (int t = 0; t < years; ++t) {
    step(r.world, models, r.stats);
    r.relocations += r.stats.total[relocations];
    check(r.world, r.stats);
  }
  return r;
}

double sum(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

}  // namespace

TEST_CASE("output sharing: attributed GDP sums to real GDP, and real GDP is the enterprises' output") {
  double shifted = 0;
  run_years(spec_of(true), 5, [&](const World& w, const YearStats& s) {
    const Enterprises& f = w.firms;
    const auto Z = static_cast<std::size_t>(w.zone_count());
    const std::vector<double> real = chunked_sum(f.size(), Z, [&](std::size_t e, double* p) {
      if (f.flags[e] & Enterprises::alive) p[f.zone[e]] += f.output[e];
    });
    REQUIRE(s.zone[gdp] == real);  // bit for bit: attribution never touches real output
    REQUIRE(sum(s.zone[gdp_attributed]) == Approx(sum(s.zone[gdp])).epsilon(1e-9));
    for (std::size_t z = 0; z < Z; ++z) {
      REQUIRE(s.zone[gdp_attributed][z] >= 0);
      shifted += std::abs(s.zone[gdp_attributed][z] - s.zone[gdp][z]);
    }
  });
  CHECK(shifted > 0);  // movers exist, so some credit moved
}

TEST_CASE("output sharing: a recent mover's origin gets origin_share of its output for K years") {
  ScenarioSpec spec = spec_of(true, 1, 2000);
  World w = build_world(spec, zone_table_for(spec), {1, 0});
  const auto Z = static_cast<std::size_t>(w.zone_count());
  std::vector<double> real(Z, 0.0);
  for (std::size_t e = 0; e < w.firms.size(); ++e) {
    w.firms.move_year[e] = 0;
    real[w.firms.zone[e]] += w.firms.output[e];
  }
  const std::size_t e = 0;
  const int here = w.firms.zone[e], origin = here == 0 ? 1 : 0;
  w.firms.origin_zone[e] = static_cast<std::uint16_t>(origin);
  const double y = w.firms.output[e];
  for (int age : {0, 1, 2}) {  // moved this year, last year, two years ago (K = 2: no longer counts)
    w.firms.move_year[e] = static_cast<std::int16_t>(w.year - age);
    const std::vector<double> a = attribute_movers(w, real, 2, 0.3);
    const double expected = age < 2 ? 0.3 * y : 0.0;
    CHECK(a[origin] == Approx(real[origin] + expected));
    CHECK(a[here] == Approx(real[here] - expected));
    CHECK(sum(a) == Approx(sum(real)).epsilon(1e-12));
  }
}

TEST_CASE("output sharing: co-built projects count to the investors by their stakes, capped at the whole") {
  ScenarioSpec spec = spec_of(true, 1, 2000);
  World w = build_world(spec, zone_table_for(spec), {1, 0});
  const auto Z = static_cast<std::size_t>(w.zone_count());
  std::vector<double> gdp_real(Z, 10.0);
  std::vector<double> attributed = gdp_real;
  w.equity[0 * Z + 5] = 2.0;  // zone 0 holds 2 in zone 5, whose GDP is 10: a stake of 0.2
  attribute_co_built(w, gdp_real, 0.5, attributed);
  CHECK(attributed[0] == Approx(10 + 0.5 * 0.2 * 10));
  CHECK(attributed[5] == Approx(10 - 0.5 * 0.2 * 10));
  // Stakes above the whole are scaled down: two investors of 15 each in zone 7 share all of it.
  attributed = gdp_real;
  w.equity[1 * Z + 7] = 15.0;
  w.equity[2 * Z + 7] = 15.0;
  attribute_co_built(w, gdp_real, 1.0, attributed);
  CHECK(attributed[7] == Approx(0).margin(1e-12));
  CHECK(attributed[1] == Approx(15.0));
  CHECK(sum(attributed) == Approx(sum(gdp_real)).epsilon(1e-12));
}

TEST_CASE(
    "output sharing: the origin's resistance falls, composed with other mechanisms' moving-cost factors") {
  ScenarioSpec spec = spec_of(true, 1, 2000);
  const double factor = resistance_factor(spec.mechanisms.output_sharing);
  CHECK(factor == Approx(1 - 0.3 * 0.5 * 2 / 5.0));  // the defaults: resistance 0.3, 50:50, K = 2, horizon 5
  World w = build_world(spec, zone_table_for(spec), {1, 0});
  const ModelList models = make_models(spec);
  YearStats stats(w.zone_count());
  observe(w, models, stats);
  CHECK(w.move_cost_factor[w.pair(3, 4)] == Approx(factor));
  w.move_cost_factor[w.pair(3, 4)] = 0.5;  // as a 1+N link would set it
  for (int t = 0; t < 3; ++t) step(w, models, stats);
  CHECK(w.move_cost_factor[w.pair(3, 4)] == Approx(0.5 * factor));  // applied once, not compounded
  CHECK(w.move_cost_factor[w.pair(4, 3)] == Approx(factor));
}

TEST_CASE("output sharing changes the outcome under common random numbers (3 seeds)") {
  for (std::uint64_t seed : {1, 2, 3}) {
    const Run base = run_years(spec_of(false, seed), 11, [](const World&, const YearStats&) {});
    const Run sharing = run_years(spec_of(true, seed), 11, [](const World&, const YearStats&) {});
    ScenarioSpec tournament_only = spec_of(true, seed);
    tournament_only.mechanisms.output_sharing.origin_resistance = 0;
    const Run judged = run_years(tournament_only, 11, [](const World&, const YearStats&) {});
    // Lower resistance: more enterprises move between zones.
    CHECK(sharing.relocations > base.relocations);
    CHECK(sharing.stats.metric[0].top10_share != base.stats.metric[0].top10_share);
    // Attribution alone changes what the tournament sees and so the subsidy race.
    CHECK(judged.stats.total[total_subsidy] != base.stats.total[total_subsidy]);
  }
}
