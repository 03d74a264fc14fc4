#pragma once
// Evaluation reform (docs/specification.md 5.7; seed 000 challenges 1 and 3, seed 001 incentive 1): cooperation,
// radiation, innovation and the ministry's evaluation enter the tournament, and the national orientation
// weighs more in promotions. Every zone's evaluation weights and orientation are replaced
// (docs/mechanisms/evaluation_reform.md).
#include <memory>

#include "zonesim/model/model.hpp"

namespace zonesim {

struct KeyCatalogue;
class Checks;

class EvaluationReform : public Model {
 public:
  explicit EvaluationReform(const EvaluationReformSpec& spec) : spec_(spec) {}
  const char* name() const override { return "evaluation_reform"; }
  std::span<const Phase> phases() const override;
  void run(Phase phase, World& world, const YearStats& stats) override;

 private:
  EvaluationReformSpec spec_;
};

// Null when mechanisms.evaluation_reform.enabled is false.
std::unique_ptr<Model> make_evaluation_reform(const ScenarioSpec& spec);

// Its keys, mechanisms.evaluation_reform.*, declared in the catalogue of scenario keys (models/models.cpp).
void declare_evaluation_reform(KeyCatalogue& keys);

}  // namespace zonesim
