#pragma once
// The talent market: R&D personnel choose among the zones and the outside (docs/model.md, "Talent market").
#include <vector>

#include "zonesim/model/model.hpp"

namespace zonesim {

class TalentMarket : public Model {
 public:
  explicit TalentMarket(const ScenarioSpec& spec) : p_(spec.talent) {}
  const char* name() const override { return "talent"; }
  std::span<const Phase> phases() const override;
  void run(Phase phase, World& world, const YearStats& stats) override;

 private:
  void calibrate(World& world, const std::vector<double>& spend);
  TalentSpec p_;
  // Per zone, fixed when it is first active: persons demanded per billion CNY of R&D spending at pay 1,
  // the zone's attractiveness (log of its initial staff over the initial outside staff), and whether set.
  std::vector<double> per_billion_, appeal_;
  std::vector<std::uint8_t> calibrated_;
  double outside_initial_ = 0;
  double initial_productivity_ = 0;  // national value added per worker in the first year
};

}  // namespace zonesim
