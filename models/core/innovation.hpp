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
  void calibrate(const World& world, const std::vector<double>& rnd_input, const std::vector<double>& kterm);
  std::vector<double> knowledge_terms(const World& world);
  InnovationSpec p_;
  EnterpriseSpec e_;
  bool calibrated_ = false;
  double mean_rnd_intensity_ = 0;
  double reference_knowledge_ = -1;   // the initial state's mean knowledge stock over active zones
  std::vector<double> patent_yield_;  // patents per billion CNY of R&D input at the zone's knowledge
};

}  // namespace zonesim
