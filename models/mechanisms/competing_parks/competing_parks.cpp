// Competing parks (seed 000, challenge 3: new science cities and innovation corridors built beside the
// national zones divert their innovation resources and high-tech firms). Each year the parks near every zone
// offer movers
//   offer_t = min(1, offer * (1 + offer_growth)^(t - 1))      (t = 1 in the first simulated year)
// as a share of value added, paid in full. The offer, the parks' attractiveness and place share reach the
// relocation model through World::outside_option (an offer below 0, the default, means no parks); relocation
// adds the park as one more option of the mover's logit choice (models/core/relocation.cpp:
// Relocation::build_table, U_park) and frees the slot of an enterprise that takes it.
// docs/mechanisms/competing_parks.md.
#include "mechanisms/competing_parks/competing_parks.hpp"

#include <algorithm>
#include <cmath>

#include "zonesim/model/keys.hpp"
#include "zonesim/model/world.hpp"

namespace zonesim {

namespace {
constexpr Phase kPhases[] = {Phase::production};  // before relocation within the year
}

std::span<const Phase> CompetingParks::phases() const { return kPhases; }

double CompetingParks::offer_in(int step) const {
  return std::clamp(p_.offer * std::pow(1.0 + p_.offer_growth, step - 1), 0.0, 1.0);
}

void CompetingParks::run(Phase, World& w, const YearStats&) {
  w.outside_option = {offer_in(w.step), p_.attractiveness, p_.place_share};
}

std::unique_ptr<Model> make_competing_parks(const ScenarioSpec& spec) {
  if (!spec.mechanisms.competing_parks.enabled) return nullptr;
  return std::make_unique<CompetingParks>(spec);
}

// Its keys, mechanisms.competing_parks.* (docs/parameters.md).
void declare_competing_parks(KeyCatalogue& keys) {
  using T = CompetingParksSpec;
  Rows<T> r(
      keys, "mechanisms.competing_parks",
      [](ScenarioSpec & s) -> auto& { return s.mechanisms.competing_parks; });
  r.on(&T::enabled,
       "Non-national parks and new science cities drain firms with generous subsidies (seed 000).");
  r.num("offer", &T::offer, 0.3, 0, 1, "1",
        "Subsidy the parks offer, as a share of the mover's value added.");
  r.num("offer_growth", &T::offer_growth, 0.02, -1, 1, "1/year", "Yearly growth of the parks' offer.");
  r.num(
      "attractiveness", &T::attractiveness, -1, -100, 100, "1",
      "Utility of moving to a park apart from its offer (negative: thinner ecosystems than national zones).");
  r.num("place_share", &T::place_share, 1, 0, 1, "1",
        "Share (in logs) of its zone's place factor a mover keeps in a park nearby (1: same city; 0: factor "
        "1).");
}

}  // namespace zonesim
