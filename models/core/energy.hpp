#pragma once
// Energy use and CO2 emissions of the zones (docs/model.md, "Energy and carbon").
#include <vector>

#include "zonesim/model/model.hpp"

namespace zonesim {

class Energy : public Model {
 public:
  explicit Energy(const ScenarioSpec& spec) : p_(spec.energy), start_(spec.time.start) {}
  const char* name() const override { return "energy"; }
  std::span<const Phase> phases() const override;
  void run(Phase phase, World& world, const YearStats& stats) override;

 private:
  void calibrate(const World& world, const std::vector<double>& sums);
  EnergySpec p_;
  double sigma_ = 0;  // log-s.d. of the zones' efficiency, set in the initial year
  int start_;
  double scale_ = 0;                // tce per 10^4 CNY of output at relative intensity 1, in the initial year
  std::vector<double> efficiency_;  // [zone]: lognormal, mean 1
};

// Energy use per unit of output of each sector relative to advanced manufacturing (assumed; the order of
// China's industrial energy statistics: materials and the polysilicon-heavy new-energy chain use most, services
// least). Industrial value added and the targets are about the six industrial sectors.
inline constexpr double kSectorEnergyIntensity[] = {0.6, 1.2, 0.6, 1.0, 3.0, 1.5, 0.3, 0.3};

}  // namespace zonesim
