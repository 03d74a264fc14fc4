// One year of the simulation. The order of the phases is fixed here and nowhere else (docs/model.md).
#include "zonesim/model/step.hpp"

#include <algorithm>
#include <chrono>

#include "zonesim/guards.hpp"

namespace zonesim {

const char* phase_name(Phase p) {
  switch (p) {
    case Phase::production:
      return "production";
    case Phase::innovation:
      return "innovation";
    case Phase::entry_exit:
      return "entry_exit";
    case Phase::relocation:
      return "relocation";
    case Phase::attribution:
      return "attribution";
    case Phase::governments:
      return "governments";
  }
  return "?";
}

const char* StepTimes::name(int part) {
  static constexpr const char* kNames[] = {"setup",      "production", "innovation",  "entry_exit",
                                           "relocation", "statistics", "governments", "other"};
  return part >= 0 && part < kParts ? kNames[part] : "?";
}

namespace {

// Adds the time since the last call to one part (when timing is on).
class PartClock {
 public:
  explicit PartClock(StepTimes* times) : times_(times), last_(now()) {}
  void charge(StepTimes::Part part) {
    if (!times_) return;
    const auto t = now();
    times_->seconds[part] += std::chrono::duration<double>(t - last_).count();
    last_ = t;
  }

 private:
  static std::chrono::steady_clock::time_point now() { return std::chrono::steady_clock::now(); }
  StepTimes* times_;
  std::chrono::steady_clock::time_point last_;
};

void run_phase(Phase phase, World& world, const ModelList& models, YearStats& stats) {
  for (const auto& m : models)
    for (Phase p : m->phases())
      if (p == phase) m->run(phase, world, stats);
}

// What is counted per year starts at zero.
void reset_year(World& world) {
  std::fill(world.zones.external_funds.begin(), world.zones.external_funds.end(), 0.0);
  std::fill(world.zones.earmarked.begin(), world.zones.earmarked.end(), 0.0);  // mechanisms set it each year
}

void age_enterprises(World& world) {
  auto& age = world.firms.age;
  const std::size_t n = age.size();
#pragma omp parallel for schedule(static)
  for (std::size_t e = 0; e < n; ++e)
    if (age[e] < 0xFFFF) ++age[e];
}

}  // namespace

void observe(World& world, const ModelList& models, YearStats& stats) {
  collect_statistics(world, stats);
  run_phase(Phase::attribution, world, models, stats);
  // Governments act on the initial state too: budgets of the initial year and the first year's policy.
  run_phase(Phase::governments, world, models, stats);
  finish_statistics(world, stats);
  check_statistics(world, stats);
  check_zone_state(world);
}

void step(World& world, const ModelList& models, YearStats& stats, StepTimes* times) {
  PartClock clock(times);
  ++world.step;
  ++world.year;
  age_enterprises(world);
  reset_year(world);
  activate_entering_zones(world);
  clock.charge(StepTimes::other);
  run_phase(Phase::production, world, models, stats);
  clock.charge(StepTimes::production);
  run_phase(Phase::innovation, world, models, stats);
  clock.charge(StepTimes::innovation);
  run_phase(Phase::entry_exit, world, models, stats);
  clock.charge(StepTimes::entry_exit);
  run_phase(Phase::relocation, world, models, stats);
  clock.charge(StepTimes::relocation);
  collect_statistics(world, stats);
  clock.charge(StepTimes::statistics);
  run_phase(Phase::attribution, world, models, stats);
  run_phase(Phase::governments, world, models, stats);
  clock.charge(StepTimes::governments);
  finish_statistics(world, stats);
  check_statistics(world, stats);
  check_zone_state(world);
  clock.charge(StepTimes::statistics);
}

}  // namespace zonesim
