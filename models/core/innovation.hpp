#pragma once
// Innovation: R&D, stochastic success raising productivity, patents, knowledge stocks and their spillovers
// (docs/specification.md section 4 step 2; docs/model.md).
#include <vector>

#include "zonesim/model/model.hpp"

namespace zonesim {

class Innovation : public Model {
 public:
  explicit Innovation(const ScenarioSpec& spec) : p_(spec.innovation), e_(spec.enterprises) {}
  const char* name() const override { return "innovation"; }
  std::span<const Phase> phases() const override;
  void run(Phase phase, World& world, const YearStats& stats) override;

 private:
  void calibrate(const World& world, const std::vector<double>& rnd_spend, const std::vector<double>& kterm);
  InnovationSpec p_;
  EnterpriseSpec e_;
  bool calibrated_ = false;
  double mean_rnd_intensity_ = 0;
  std::vector<double> patent_yield_;   // patents per billion CNY of R&D at the zone's knowledge, calibrated
  std::vector<double> initial_spend_;  // R&D spending of the initial state, per zone
  std::vector<double> initial_rnd_personnel_;
};

}  // namespace zonesim
