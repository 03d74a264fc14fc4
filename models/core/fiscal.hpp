#pragma once
// Zone budgets: revenue from the zone's enterprises, the city's transfer, subsidies paid under a hard budget,
// services built, the record of subsidy waste (docs/specification.md 5.0; docs/model.md).
#include "zonesim/model/model.hpp"

namespace zonesim {

class Fiscal : public Model {
 public:
  explicit Fiscal(const ScenarioSpec& spec)
      : g_(spec.governments), infrastructure_depreciation_(spec.infrastructure.depreciation) {}
  const char* name() const override { return "fiscal"; }
  std::span<const Phase> phases() const override;
  void run(Phase phase, World& world, const YearStats& stats) override;

 private:
  void expire_subsidies(World& world) const;
  GovernmentSpec g_;
  double infrastructure_depreciation_;
};

}  // namespace zonesim
