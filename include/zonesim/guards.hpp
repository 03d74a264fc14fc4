#pragma once
// Guards against runs that must not go on: a state that is not finite or negative where it cannot be
// (NumericalError naming variable, zone and year), and runs that would not fit in memory (InputError, before
// anything is allocated). docs/robustness.md.
#include <cstdint>
#include <string>

#include "zonesim/scenario.hpp"

namespace zonesim {

struct World;

// Stops the run with NumericalError if a zone's state is non-finite, or negative where it cannot be. Per
// zone, not per enterprise: sums over enterprises are checked by check_statistics.
void check_zone_state(const World& world);

// Bytes one run of `spec` needs at its peak: the enterprise arrays and the scratch the models keep per
// enterprise (measured), plus the per-zone and per-year state.
double estimate_run_bytes(const ScenarioSpec& spec);

// The memory this process may use: 80% of physical memory, or less under `ulimit -v` / `ulimit -d`.
double usable_memory_bytes();

// Throws InputError ("SOURCE: enterprises.count: WHAT needs about N GB, more than ...") when `need` exceeds
// usable_memory_bytes(). `what` describes the run(s).
void check_memory(const std::string& source, const std::string& what, double need, const std::string& advice);

}  // namespace zonesim
