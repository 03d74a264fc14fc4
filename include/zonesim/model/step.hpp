#pragma once
#include <array>

#include "zonesim/model/model.hpp"
#include "zonesim/model/statistics.hpp"
#include "zonesim/model/world.hpp"

namespace zonesim {

// Wall time per part of the yearly step, accumulated when step() is given one (zonesim bench;
// docs/performance.md).
struct StepTimes {
  enum Part { setup, production, innovation, entry_exit, relocation, statistics, governments, other, kParts };
  std::array<double, kParts> seconds{};  // setup: building the world (generation), set by simulate()
  static const char* name(int part);
};

// Advance the world by one year and record that year's statistics in `stats` (which holds last year's on
// entry). With `times`, the wall time of each part is added to it.
void step(World& world, const ModelList& models, YearStats& stats, StepTimes* times = nullptr);
// The statistics of the world as it stands, without stepping (the initial state). The attribution and
// governments phases run on it, so the first simulated year starts with a policy in place.
void observe(World& world, const ModelList& models, YearStats& stats);

}  // namespace zonesim
