// Evaluation reform (seed 000 challenge 1: "在干部晋升和任免中充分参考和引用科技部对国家高新区的评价结果";
// challenge 3 and seed 001 incentive 1: cooperation and radiation performance count to the zone).
// In the governments phase, before the tournament and the governments' decisions read them, every zone's evaluation
// weights become mechanisms.evaluation_reform.weights and its national orientation
// mechanisms.evaluation_reform.national_orientation. It runs from the initial state (observe) on, so the
// first year's decisions are already the reformed ones, and it covers zones that enter later.
#include "mechanisms/evaluation_reform/evaluation_reform.hpp"

#include <algorithm>

#include "zonesim/model/keys.hpp"
#include "zonesim/model/world.hpp"

namespace zonesim {

namespace {
constexpr Phase kPhases[] = {Phase::governments};
}

std::span<const Phase> EvaluationReform::phases() const { return kPhases; }

void EvaluationReform::run(Phase, World& w, const YearStats&) {
  std::fill(w.zones.evaluation.begin(), w.zones.evaluation.end(), spec_.weights);
  std::fill(w.zones.national_orientation.begin(), w.zones.national_orientation.end(),
            spec_.national_orientation);
}

std::unique_ptr<Model> make_evaluation_reform(const ScenarioSpec& spec) {
  if (!spec.mechanisms.evaluation_reform.enabled) return nullptr;
  return std::make_unique<EvaluationReform>(spec.mechanisms.evaluation_reform);
}

// Its keys, mechanisms.evaluation_reform.* (docs/parameters.md).
void declare_evaluation_reform(KeyCatalogue& keys) {
  using T = EvaluationReformSpec;
  Rows<T> r(
      keys, "mechanisms.evaluation_reform",
      [](ScenarioSpec & s) -> auto& { return s.mechanisms.evaluation_reform; });
  using E = EvaluationSpec;
  r.on(&T::enabled,
       "Cooperation, radiation and the national evaluation enter the tournament (seed 000, seed 001).");
  Rows<E> weights(
      keys, "mechanisms.evaluation_reform.weights",
      [](ScenarioSpec & s) -> auto& { return s.mechanisms.evaluation_reform.weights; });
  auto w = [&](const char* key, double E::*member, double def, const char* help) {
    weights.num(key, member, def, 0, 100, "1", help);
  };
  w("gdp", &E::gdp, 0.4, "Reformed weight of attributed GDP growth.");
  w("tax", &E::tax, 0, "Reformed weight of fiscal revenue growth.");
  w("innovation", &E::innovation, 0.2, "Reformed weight of invention patent growth.");
  w("cooperation", &E::cooperation, 0.15, "Reformed weight of cooperation ties.");
  w("radiation", &E::radiation, 0.15,
    "Reformed weight of radiation (enterprises moved out, knowledge diffused).");
  w("national", &E::national, 0.1, "Reformed weight of the ministry's national evaluation.");
  w("green", &E::green, 0,
    "Reformed weight of the green criterion (fall of energy use per industrial value added; seed 004).");
  r.num("national_orientation", &T::national_orientation, 0.4, 0, 1, "1",
        "Reformed weight of the national orientation (the ministry's evaluation counts in promotions).");
}

}  // namespace zonesim
