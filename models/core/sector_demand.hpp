#pragma once
// Sector demand and prices (docs/model.md, "Sector demand").
#include <array>

#include "zonesim/model/model.hpp"
#include "zonesim/model/world.hpp"

namespace zonesim {

class SectorDemand : public Model {
 public:
  explicit SectorDemand(const ScenarioSpec& spec) : p_(spec.sectors) {}
  const char* name() const override { return "sector_demand"; }
  std::span<const Phase> phases() const override;
  void run(Phase phase, World& world, const YearStats& stats) override;

 private:
  SectorsSpec p_;
  bool set_ = false;
  std::array<double, kSectorCount> base_share_{};  // each sector's share of real output in the initial state
};

}  // namespace zonesim
