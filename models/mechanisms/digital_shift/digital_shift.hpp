#pragma once
// Digital shift (docs/specification.md 5.9; seed 000 challenge 5): a growing share of digital entrants, ever more weakly
// tied to place (docs/mechanisms/digital_shift.md).
#include <memory>

#include "zonesim/model/model.hpp"

namespace zonesim {

struct KeyCatalogue;
class Checks;

struct World;

class DigitalShift : public Model {
 public:
  explicit DigitalShift(const ScenarioSpec& spec);
  const char* name() const override { return "digital_shift"; }
  std::span<const Phase> phases() const override;
  void run(Phase phase, World& world, const YearStats& stats) override;

  // The entrants' digital share and the digital place tie in effect `years` years after the start.
  double share_after(int years) const;
  double place_tie_after(int years) const;

 private:
  DigitalShiftSpec p_;
  double base_share_, base_tie_;
};

// Null when mechanisms.digital_shift.enabled is false.
std::unique_ptr<Model> make_digital_shift(const ScenarioSpec& spec);

// Its keys, mechanisms.digital_shift.*, declared in the catalogue of scenario keys (models/models.cpp).
void declare_digital_shift(KeyCatalogue& keys);

}  // namespace zonesim
