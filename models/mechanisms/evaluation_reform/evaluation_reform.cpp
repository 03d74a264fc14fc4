// Evaluation reform (seed 000 challenge 1: "在干部晋升和任免中充分参考和引用科技部对国家高新区的评价结果";
// challenge 3 and seed 001 incentive 1: cooperation and radiation performance count to the zone).
// In the governments phase, before the tournament and the subsidy policy read them, every zone's evaluation
// weights become mechanisms.evaluation_reform.weights and its national orientation
// mechanisms.evaluation_reform.national_orientation. It runs from the initial state (observe) on, so the
// first year's subsidy policy is already the reformed one, and it covers zones that enter later.
#include "mechanisms/evaluation_reform/evaluation_reform.hpp"

#include <algorithm>

#include "zonesim/model/world.hpp"

namespace zonesim {

namespace {
constexpr Phase kPhases[] = {Phase::governments};
}

std::span<const Phase> EvaluationReform::phases() const { return kPhases; }

void EvaluationReform::run(Phase, World& w, YearStats&) {
  std::fill(w.zones.evaluation.begin(), w.zones.evaluation.end(), spec_.weights);
  std::fill(w.zones.national_orientation.begin(), w.zones.national_orientation.end(),
            spec_.national_orientation);
}

std::unique_ptr<Model> make_evaluation_reform(const ScenarioSpec& spec) {
  if (!spec.mechanisms.evaluation_reform.enabled) return nullptr;
  return std::make_unique<EvaluationReform>(spec.mechanisms.evaluation_reform);
}

}  // namespace zonesim
