#include "zonesim/run.hpp"

#include <chrono>
#include <cmath>

#include "zonesim/model/step.hpp"

namespace zonesim {

RunResult simulate(const ScenarioSpec& spec, const ZoneTable& table, RunKey key, const ModelList& models,
                   const Progress& progress, StepTimes* times) {
  const auto t0 = std::chrono::steady_clock::now();
  World world = build_world(spec, table, key);
  RunResult result;
  YearStats stats(world.zone_count());
  observe(world, models, stats);
  result.years.push_back(stats);
  if (times)
    times->seconds[StepTimes::setup] +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const int total = spec.years();
  for (int t = 1; t <= total; ++t) {
    step(world, models, stats, times);
    result.years.push_back(stats);
    if (progress) progress(t, total);
  }
  // Convergence of per-zone GDP (zones are the units: GDP per zone, not per capita; docs/metrics.md).
  std::vector<int> years;
  std::vector<std::vector<double>> gdp;
  for (const auto& y : result.years) {
    years.push_back(y.year);
    gdp.push_back(y.zone[ZoneVar::gdp]);
  }
  result.sigma_convergence_gdp = metrics::sigma_convergence(years, gdp);
  result.beta_convergence_gdp = metrics::beta_convergence(years, gdp);
  return result;
}

}  // namespace zonesim
