// Digital shift (seed 000, challenge 5: for "cloud-dwelling" digital firms physical distance matters least).
// Each year the probability that an entrant is digital rises by entrant_share_growth up to max_share (never
// below the scenario's enterprises.digital_share), and the digital sector's place tie
// (production.digital_place_tie, the multiplier on its place elasticities) moves by place_tie_change within
// [0, 1]. Both are functions of the years elapsed, set in the governments phase for the next year; year
// start + t sees
//   digital_share     = max(s0, min(max_share, s0 + t * entrant_share_growth))
//   digital_place_tie = clamp(tie0 + t * place_tie_change, 0, 1)
// Entry reads World::digital_share, production World::digital_place_tie. docs/mechanisms/digital_shift.md.
#include "mechanisms/digital_shift/digital_shift.hpp"

#include <algorithm>

#include "zonesim/model/keys.hpp"
#include "zonesim/model/world.hpp"

namespace zonesim {

namespace {
constexpr Phase kPhases[] = {Phase::governments};
}

DigitalShift::DigitalShift(const ScenarioSpec& spec)
    : p_(spec.mechanisms.digital_shift),
      base_share_(spec.enterprises.digital_share),
      base_tie_(spec.production.digital_place_tie) {}

std::span<const Phase> DigitalShift::phases() const { return kPhases; }

double DigitalShift::share_after(int years) const {
  return std::max(base_share_, std::min(p_.max_share, base_share_ + years * p_.entrant_share_growth));
}

double DigitalShift::place_tie_after(int years) const {
  return std::clamp(base_tie_ + years * p_.place_tie_change, 0.0, 1.0);
}

// Runs at the end of year `step` (step 0: the initial state) and sets the conditions of the next year.
void DigitalShift::run(Phase, World& w, const YearStats&) {
  w.digital_share = share_after(w.step + 1);
  w.digital_place_tie = place_tie_after(w.step + 1);
}

std::unique_ptr<Model> make_digital_shift(const ScenarioSpec& spec) {
  if (!spec.mechanisms.digital_shift.enabled) return nullptr;
  return std::make_unique<DigitalShift>(spec);
}

// Its keys, mechanisms.digital_shift.* (docs/parameters.md).
void declare_digital_shift(KeyCatalogue& keys) {
  using T = DigitalShiftSpec;
  Rows<T> r(
      keys, "mechanisms.digital_shift", [](ScenarioSpec & s) -> auto& { return s.mechanisms.digital_shift; });
  r.on(&T::enabled, "A growing share of digital enterprises, weakly tied to place (seed 000, challenge 5).");
  r.num("entrant_share_growth", &T::entrant_share_growth, 0.02, 0, 1, "1/year",
        "Yearly rise of the digital share of entrants.");
  r.num("max_share", &T::max_share, 0.5, 0, 1, "1", "Cap on the digital share of entrants.");
  r.num("place_tie_change", &T::place_tie_change, -0.02, -1, 1, "1/year",
        "Yearly change of the digital place tie (production.digital_place_tie), kept in [0, 1].");
}

}  // namespace zonesim
