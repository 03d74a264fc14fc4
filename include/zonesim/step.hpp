#pragma once
#include "zonesim/model.hpp"
#include "zonesim/statistics.hpp"
#include "zonesim/world.hpp"

namespace zonesim {

// Advance the world by one year and record that year's statistics in `stats` (which holds last year's on entry).
void step(World& world, const ModelList& models, YearStats& stats);
// The statistics of the world as it stands, without stepping (the initial state). The attribution and
// governments phases run on it, so the first simulated year starts with a policy in place.
void observe(World& world, const ModelList& models, YearStats& stats);

}  // namespace zonesim
