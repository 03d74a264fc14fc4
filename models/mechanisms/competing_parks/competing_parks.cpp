// Competing parks (seed 000, challenge 3: new science cities and innovation corridors built beside the
// national zones divert their innovation resources and high-tech firms). Each year the parks near every zone
// offer movers
//   offer_t = min(1, offer * (1 + offer_growth)^(t - 1))      (t = 1 in the first simulated year)
// as a share of value added, paid in full. The offer reaches the relocation model through
// World::outside_offer (negative, the default, means no parks); relocation adds the park as one more option
// of the mover's logit choice (models/relocation.cpp: park_utility) and frees the slot of an enterprise that
// takes it. docs/mechanisms/competing_parks.md.
#include "mechanisms/competing_parks/competing_parks.hpp"

#include <algorithm>
#include <cmath>

#include "zonesim/model/world.hpp"

namespace zonesim {

namespace {
constexpr Phase kPhases[] = {Phase::production};  // before relocation within the year
}

std::span<const Phase> CompetingParks::phases() const { return kPhases; }

double CompetingParks::offer_in(int step) const {
  return std::clamp(p_.offer * std::pow(1.0 + p_.offer_growth, step - 1), 0.0, 1.0);
}

void CompetingParks::run(Phase, World& w, YearStats&) { w.outside_offer = offer_in(w.step); }

std::unique_ptr<Model> make_competing_parks(const ScenarioSpec& spec) {
  if (!spec.mechanisms.competing_parks.enabled) return nullptr;
  return std::make_unique<CompetingParks>(spec);
}

}  // namespace zonesim
