#pragma once
#include <functional>
#include <vector>

#include "zonesim/model/model.hpp"
#include "zonesim/model/rng.hpp"
#include "zonesim/model/statistics.hpp"
#include "zonesim/model/step.hpp"
#include "zonesim/scenario.hpp"
#include "zonesim/zones.hpp"

namespace zonesim {

struct RunResult {
  std::vector<YearStats> years;  // the initial state at time.start, then one entry per simulated year
  double sigma_convergence_gdp = 0;
  double beta_convergence_gdp = 0;
};

// Called after each year with (years done, years in all).
using Progress = std::function<void(int, int)>;

// One run of a scenario from start to end with the given models (make_models(spec) in models/registry.cpp).
// Pure: the result depends on (spec, table, key) alone. With `times`, the wall time of world building and of
// each part of the step is added to it.
RunResult simulate(const ScenarioSpec& spec, const ZoneTable& table, RunKey key, const ModelList& models,
                   const Progress& progress = {}, StepTimes* times = nullptr);

}  // namespace zonesim
