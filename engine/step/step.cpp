// One year of the simulation: the economy's phases, then the close of the year (the record, attribution,
// governments). The phases and their order are kEconomyPhases and kClosingPhases (zonesim/model/model.hpp).
#include "zonesim/model/step.hpp"

#include <algorithm>
#include <chrono>

#include "zonesim/guards.hpp"

namespace zonesim {

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

// The part of the step's time a phase is charged to (zonesim bench).
StepTimes::Part part_of(Phase phase) {
  switch (phase) {
    case Phase::production:
      return StepTimes::production;
    case Phase::innovation:
      return StepTimes::innovation;
    case Phase::entry_exit:
      return StepTimes::entry_exit;
    case Phase::relocation:
      return StepTimes::relocation;
    case Phase::attribution:
    case Phase::governments:
      return StepTimes::governments;
  }
  return StepTimes::other;
}

void run_phase(Phase phase, World& world, const ModelList& models, const YearStats& stats, PartClock& clock) {
  for (const auto& m : models)
    for (Phase p : m->phases())
      if (p == phase) m->run(phase, world, stats);
  clock.charge(part_of(phase));
}

// A new year: enterprises age, what is counted per year starts at zero, zones approved this year enter.
void begin_year(World& world) {
  ++world.step;
  ++world.year;
  auto& age = world.enterprises.age;
  const std::size_t n = age.size();
#pragma omp parallel for schedule(static)
  for (std::size_t e = 0; e < n; ++e)
    if (age[e] < 0xFFFF) ++age[e];
  std::fill(world.zones.external_funds.begin(), world.zones.external_funds.end(), 0.0);
  std::fill(world.zones.public_spending.begin(), world.zones.public_spending.end(), 0.0);
  std::fill(world.zones.earmarked.begin(), world.zones.earmarked.end(), 0.0);  // mechanisms set it each year
  for (auto* v : {&world.zones.offer_payments, &world.zones.offer_waste, &world.zones.poaching_moves})
    std::fill(v->begin(), v->end(), 0.0);
  activate_entering_zones(world);
}

// The year's record is started from the economy as it stands; attribution (which starts from real GDP) and
// the governments act; the record is completed and checked.
void close_year(World& world, const ModelList& models, YearStats& stats, PartClock& clock) {
  collect_statistics(world, stats);
  world.zones.attributed_gdp = stats.zone[gdp];
  clock.charge(StepTimes::statistics);
  for (Phase phase : kClosingPhases) run_phase(phase, world, models, stats, clock);
  finish_statistics(world, stats);
  check_zone_state(world);
  clock.charge(StepTimes::statistics);
}

}  // namespace

// The initial state: governments act on it too (budgets of the initial year and the first year's policy).
void observe(World& world, const ModelList& models, YearStats& stats) {
  PartClock clock(nullptr);
  close_year(world, models, stats, clock);
}

void step(World& world, const ModelList& models, YearStats& stats, StepTimes* times) {
  PartClock clock(times);
  begin_year(world);
  clock.charge(StepTimes::other);
  for (Phase phase : kEconomyPhases) run_phase(phase, world, models, stats, clock);
  close_year(world, models, stats, clock);
}

}  // namespace zonesim
