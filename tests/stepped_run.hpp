#pragma once
// A run that a test steps year by year: its scenario, world, models and the statistics of the last year.
// Every mechanism test builds its runs with it, the direct-channel tests (a few years, or the models called
// by hand on the observed initial state) and the effect tests (replicate pairs run to the end).
#include <cstdint>
#include <stdexcept>
#include <string>
#include <typeinfo>
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
  YearStats stats;  // of the last year stepped (of the initial state after construction)

  // Builds the world of `s` for RunKey{seed, replicate} and observes its initial state. Runs with the same
  // key draw the same random numbers: a scheme and its baseline built with the same key are a pair under
  // common random numbers; the effect tests run replicate r of both arms with RunKey{1, r}.
  explicit SteppedRun(ScenarioSpec s, std::uint64_t seed = 1, std::uint64_t replicate = 0)
      : spec(std::move(s)),
        world(build_world(spec, zone_table_for(spec), {seed, replicate})),
        models(make_models(spec)) {
    observe(world, models, stats);
  }
  SteppedRun(const SteppedRun&) = delete;
  SteppedRun& operator=(const SteppedRun&) = delete;

  // Steps n years; with after_year, calls after_year() after each of them.
  void years(int n) {
    for (int t = 0; t < n; ++t) step(world, models, stats);
  }
  template <class AfterYear>
  void years(int n, AfterYear&& after_year) {
    for (int t = 0; t < n; ++t) {
      step(world, models, stats);
      after_year();
    }
  }
  // The years left to time.end, and stepping them.
  int years_left() const { return spec.years() - world.step; }
  void to_end() { years(years_left()); }
  template <class AfterYear>
  void to_end(AfterYear&& after_year) {
    years(years_left(), std::forward<AfterYear>(after_year));
  }

  // The running model of type M (the first of that type in registry order); throws if the scenario runs none.
  template <class M>
  M& model() const {
    for (const auto& m : models)
      if (auto* found = dynamic_cast<M*>(m.get())) return *found;
    throw std::logic_error(std::string("no running model of type ") + typeid(M).name());
  }
};

}  // namespace zonesim::test
