#pragma once
// The promotion tournament: zones scored on attributed statistics by evaluation weights, ranked in their
// province and nationally; the share of rivals ranked above is the pressure that drives effort
// (docs/specification.md 5.0).
#include <array>
#include <vector>

#include "zonesim/model/model.hpp"
#include "zonesim/model/world.hpp"

namespace zonesim {

// Effective objective weights of a zone: (1 - national_orientation) * evaluation + national_orientation *
// (innovation 0.5, national evaluation 0.5).
EvaluationSpec effective_weights(const EvaluationSpec& evaluation, double national_orientation);
inline EvaluationSpec effective_weights(const GovernmentSpec& g) {
  return effective_weights(g.evaluation, g.national_orientation);
}
// The same for zone z of a world (its own evaluation and orientation, which mechanisms may have changed).
EvaluationSpec effective_weights(const World& world, int z);

class Tournament : public Model {
 public:
  explicit Tournament(const ScenarioSpec& spec)
      : g_(spec.governments), spill_(spec.innovation.cooperation_spillover) {}
  const char* name() const override { return "tournament"; }
  std::span<const Phase> phases() const override;
  void run(Phase phase, World& world, const YearStats& stats) override;

 private:
  std::vector<std::vector<double>> criteria(const World& world, const YearStats& stats);
  GovernmentSpec g_;
  double spill_;
  // Last year's attributed GDP, revenue, patents and energy intensity.
  std::vector<double> last_gdp_, last_revenue_, last_patents_, last_intensity_;
  std::array<double, 7> scale_{};  // this year's s.d. of each criterion across zones
};

}  // namespace zonesim
