// Evaluation reform (MODEL.md 5.7): every zone, including zones that enter later, is judged by the reformed
// weights and orientation from the first policy on; the subsidy race cools and the outcome changes under
// common random numbers.
#include <algorithm>
#include <catch2/catch.hpp>

#include "mechanisms/evaluation_reform/evaluation_reform.hpp"
#include "helpers.hpp"
#include "core/tournament.hpp"
#include "zonesim/model/model.hpp"
#include "zonesim/model/statistics.hpp"
#include "zonesim/model/step.hpp"
#include "zonesim/model/world.hpp"

using namespace zonesim;

namespace {

ScenarioSpec spec_of(bool enabled, std::uint64_t seed = 1, std::int64_t count = 20000) {
  ScenarioSpec s = default_scenario();
  s.enterprises.count = count;
  s.seed = seed;
  s.mechanisms.evaluation_reform.enabled = enabled;
  return s;
}

bool same(const EvaluationSpec& a, const EvaluationSpec& b) {
  return a.gdp == b.gdp && a.tax == b.tax && a.innovation == b.innovation && a.cooperation == b.cooperation &&
         a.radiation == b.radiation && a.national == b.national;
}

// Last year's statistics and the subsidies paid over the run.
struct Outcome {
  YearStats last{0};
  double subsidies = 0;
};

Outcome run(const ScenarioSpec& spec) {
  World w = build_world(spec, zone_table_for(spec), {spec.seed, 0});
  const ModelList models = make_models(spec);
  Outcome out;
  out.last = YearStats(w.zone_count());
  observe(w, models, out.last);
  for (int t = 0; t < spec.years(); ++t) {
    step(w, models, out.last);
    out.subsidies += out.last.total[total_subsidy];
  }
  return out;
}

}  // namespace

TEST_CASE("evaluation reform: every zone takes the reformed weights before the first policy, entrants too") {
  ScenarioSpec spec = spec_of(true, 1, 5000);
  spec.zones.year = 2019;
  spec.zones.entry = true;
  spec.time.start = 2019;
  spec.time.end = 2024;
  const EvaluationReformSpec& reform = spec.mechanisms.evaluation_reform;
  World w = build_world(spec, zone_table_for(spec), {1, 0});
  const ModelList models = make_models(spec);
  YearStats stats(w.zone_count());
  observe(w, models, stats);
  const auto check = [&] {
    for (int z = 0; z < w.zone_count(); ++z) {
      REQUIRE(same(w.zones.evaluation[z], reform.weights));
      REQUIRE(w.zones.national_orientation[z] == reform.national_orientation);
    }
  };
  check();
  // The first year's subsidy policy already serves the reformed objective: GDP-type goals weigh less.
  const EvaluationSpec k = effective_weights(w, 0);
  CHECK(k.gdp == Approx((1 - reform.national_orientation) * reform.weights.gdp));
  int entered = 0;
  for (int t = 0; t < spec.years(); ++t) {
    const int before = static_cast<int>(std::count(w.zones.active.begin(), w.zones.active.end(), 1));
    step(w, models, stats);
    entered += static_cast<int>(std::count(w.zones.active.begin(), w.zones.active.end(), 1)) - before;
    check();
  }
  CHECK(entered > 0);  // zones approved after 2019 entered and were judged by the reformed weights
}

TEST_CASE("evaluation reform cools the subsidy race and changes the outcome under common random numbers") {
  for (std::uint64_t seed : {1, 2, 3}) {
    const Outcome base = run(spec_of(false, seed));
    const Outcome reform = run(spec_of(true, seed));
    // GDP-type goals weigh 0.24 of the objective instead of 0.8: subsidies fall by more than half.
    CHECK(reform.subsidies < 0.5 * base.subsidies);
    CHECK(reform.last.total[total_subsidy] < 0.5 * base.last.total[total_subsidy]);
    CHECK(reform.last.metric[0].top10_share != base.last.metric[0].top10_share);
    CHECK(reform.last.metric[0].theil_t != base.last.metric[0].theil_t);
  }
}
