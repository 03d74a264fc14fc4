#pragma once
// Relocation: a discrete (logit) choice over all zones (MODEL.md section 4 step 4; docs/model.md).
#include "zonesim/model.hpp"

namespace zonesim {

class Relocation : public Model {
 public:
  explicit Relocation(const ScenarioSpec& spec) : p_(spec.relocation) {}
  const char* name() const override { return "relocation"; }
  std::span<const Phase> phases() const override;
  void run(Phase phase, World& world, YearStats& stats) override;

 private:
  double park_utility(const World& world, std::size_t e, double here_factor, double profit_here) const;
  RelocationSpec p_;
};

}  // namespace zonesim
