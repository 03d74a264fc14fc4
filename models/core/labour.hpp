#pragma once
// The national labour pool and the wage index (docs/model.md, "Labour market").
#include <vector>

#include "zonesim/model/model.hpp"

namespace zonesim {

class LabourMarket : public Model {
 public:
  explicit LabourMarket(const ScenarioSpec& spec) : p_(spec.labour), rnd_max_share_(spec.talent.max_share) {}
  const char* name() const override { return "labour"; }
  std::span<const Phase> phases() const override;
  void run(Phase phase, World& world, const YearStats& stats) override;

 private:
  LabourSpec p_;
  double rnd_max_share_;
  std::vector<std::uint8_t> counted_;  // [zone]: its workers are in the pool
};

}  // namespace zonesim
