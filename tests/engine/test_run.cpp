// Whole runs: determinism across thread counts, seeds that matter, statistics that add up.
#include <omp.h>

#include <catch2/catch.hpp>
#include <cstring>

#include "helpers.hpp"
#include "zonesim/model/model.hpp"
#include "zonesim/run.hpp"

using namespace zonesim;

namespace {

RunResult run_with(const ScenarioSpec& spec, int threads, std::uint64_t seed) {
  omp_set_num_threads(threads);
  const ZoneTable t = load_zone_table(spec.zones.table, spec.zones.year);
  return simulate(spec, t, {seed, 0}, make_models(spec));
}

ScenarioSpec small() {
  ScenarioSpec s = default_scenario();
  s.enterprises.count = 200000;  // several statistics chunks, so the reduction order is exercised
  s.time.end = 2027;
  return s;
}

bool identical(const RunResult& a, const RunResult& b) {
  if (a.years.size() != b.years.size()) return false;
  for (std::size_t t = 0; t < a.years.size(); ++t) {
    if (a.years[t].zone != b.years[t].zone || a.years[t].total != b.years[t].total) return false;
    for (std::size_t m = 0; m < a.years[t].metric.size(); ++m)
      if (std::memcmp(&a.years[t].metric[m], &b.years[t].metric[m], sizeof(metrics::MetricSet)) != 0)
        return false;
  }
  return a.sigma_convergence_gdp == b.sigma_convergence_gdp &&
         a.beta_convergence_gdp == b.beta_convergence_gdp;
}

}  // namespace

TEST_CASE("the same scenario and seed give bit-identical results on 1 and 2 threads") {
  const ScenarioSpec spec = small();
  CHECK(identical(run_with(spec, 1, 11), run_with(spec, 2, 11)));
}

TEST_CASE("different seeds give different enterprises") {
  const ScenarioSpec spec = small();
  const RunResult a = run_with(spec, 2, 1), b = run_with(spec, 2, 2);
  CHECK(a.years[0].zone[hightech_firms] != b.years[0].zone[hightech_firms]);
}

TEST_CASE("a run records the initial state and one entry per year; statistics add up") {
  const ScenarioSpec spec = small();
  const RunResult r = run_with(spec, 2, 1);
  REQUIRE(r.years.size() == 4);
  CHECK(r.years.front().year == 2024);
  CHECK(r.years.back().year == 2027);
  const YearStats& y = r.years[0];
  double gdp_sum = 0, firm_sum = 0;
  for (std::size_t z = 0; z < y.zone[gdp].size(); ++z) {
    gdp_sum += y.zone[gdp][z];
    firm_sum += y.zone[firms][z];
    CHECK(y.zone[occupancy][z] > 0);
    CHECK(y.zone[occupancy][z] < 1);
    CHECK(y.zone[hightech_firms][z] <= y.zone[firms][z]);
  }
  CHECK(y.total[total_gdp] == Approx(gdp_sum).epsilon(1e-12));
  CHECK(y.total[total_gdp] == Approx(19300).epsilon(0.01));
  CHECK(firm_sum == 200000);
  CHECK(y.metric[0].top10_share > 0.3);
  CHECK(y.metric[0].theil_between + y.metric[0].theil_within == Approx(y.metric[0].theil_t).epsilon(1e-12));
}

TEST_CASE("the 2019 scenario starts from 169 zones and 12.2 trillion yuan") {
  ScenarioSpec spec = small();
  spec.zones.year = spec.time.start = 2019;
  spec.time.end = 2020;
  const RunResult r = run_with(spec, 2, 1);
  CHECK(r.years[0].zone[gdp].size() == 169);
  CHECK(r.years[0].total[total_gdp] == Approx(12200).epsilon(0.01));
  // The evaluation's top 10 hold 36.5% of GDP and 64.8% of patents (test_zone_table); the ten largest hold more.
  CHECK(r.years[0].metric[0].top10_share >= 0.365 * 0.99);
  CHECK(r.years[0].metric[1].top10_share >= 0.648 * 0.99);
  CHECK(r.years[0].metric[0].top10_share < 0.40);
}
