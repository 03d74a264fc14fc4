#pragma once
// Competing parks (docs/specification.md 5.9; seed 000 challenge 3): new science cities and other non-national parks near
// every zone drain movers with generous subsidies (docs/mechanisms/competing_parks.md).
#include <memory>

#include "zonesim/model/model.hpp"

namespace zonesim {

struct KeyCatalogue;
class Checks;

class CompetingParks : public Model {
 public:
  explicit CompetingParks(const ScenarioSpec& spec) : p_(spec.mechanisms.competing_parks) {}
  const char* name() const override { return "competing_parks"; }
  std::span<const Phase> phases() const override;
  void run(Phase phase, World& world, const YearStats& stats) override;

  // The parks' offer (share of value added) in simulated year `step` (1 = the first), at most 1.
  double offer_in(int step) const;

 private:
  CompetingParksSpec p_;
};

// Null when mechanisms.competing_parks.enabled is false.
std::unique_ptr<Model> make_competing_parks(const ScenarioSpec& spec);

// Its keys, mechanisms.competing_parks.*, declared in the catalogue of scenario keys (models/models.cpp).
void declare_competing_parks(KeyCatalogue& keys);

}  // namespace zonesim
