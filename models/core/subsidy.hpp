#pragma once
// Subsidy competition: each zone sets next year's subsidy share of its budget and its offers to movers and
// entrants, escalating under tournament pressure, herding on hot sectors, within its budget (docs/specification.md 5.0).
#include "zonesim/model/model.hpp"

namespace zonesim {

class SubsidyPolicy : public Model {
 public:
  explicit SubsidyPolicy(const ScenarioSpec& spec) : g_(spec.governments) {}
  const char* name() const override { return "subsidy"; }
  std::span<const Phase> phases() const override;
  void run(Phase phase, World& world, const YearStats& stats) override;

 private:
  GovernmentSpec g_;
};

}  // namespace zonesim
