#pragma once
// Enterprise classes: "little giants" and unicorns (docs/model.md, "Enterprise classes").
#include <vector>

#include "zonesim/model/model.hpp"

namespace zonesim {

class Classes : public Model {
 public:
  explicit Classes(const ScenarioSpec& spec)
      : p_(spec.classes), e_(spec.enterprises), count_(static_cast<double>(spec.enterprises.count)) {}
  const char* name() const override { return "classes"; }
  std::span<const Phase> phases() const override;
  void run(Phase phase, World& world, const YearStats& stats) override;

 private:
  void calibrate(const World& world, double mean_productivity, double mean_output);
  ClassesSpec p_;
  EnterpriseSpec e_;
  double count_;
  bool calibrated_ = false;
  // Bars relative to the national means: labour productivity for little giants, output for unicorns.
  double giant_bar_ = 0, unicorn_bar_ = 0;
};

}  // namespace zonesim
