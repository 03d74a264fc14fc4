#pragma once
// A run that a test steps year by year: its scenario, world, models and the statistics of the last year.
#include <cstdint>
#include <utility>

#include "zonesim/model/model.hpp"
#include "zonesim/model/statistics.hpp"
#include "zonesim/model/step.hpp"
#include "zonesim/model/world.hpp"
#include "zonesim/scenario.hpp"

namespace zonesim::test {

struct SteppedRun {
  ScenarioSpec spec;
  World world;  // points to `spec`: the run is neither copied nor moved
  ModelList models;
  YearStats stats;

  // Builds the world of `s` for `seed` (replicate 0) and observes its initial state.
  explicit SteppedRun(ScenarioSpec s, std::uint64_t seed = 1)
      : spec(std::move(s)),
        world(build_world(spec, zone_table_for(spec), {seed, 0})),
        models(make_models(spec)) {
    observe(world, models, stats);
  }
  SteppedRun(const SteppedRun&) = delete;
  SteppedRun& operator=(const SteppedRun&) = delete;

  void years(int n) {
    for (int t = 0; t < n; ++t) step(world, models, stats);
  }
};

}  // namespace zonesim::test
