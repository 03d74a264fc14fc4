#pragma once
// Production with agglomeration, knowledge and congestion (MODEL.md sections 3-4; docs/model.md).
#include "zonesim/model.hpp"

namespace zonesim {

class Production : public Model {
 public:
  explicit Production(const ScenarioSpec& spec) : p_(spec.production) {}
  const char* name() const override { return "production"; }
  std::span<const Phase> phases() const override;
  void run(Phase phase, World& world, YearStats& stats) override;

  // Sets the zone state's place factors, labour costs and occupancy from the world as it stands.
  void update_market(World& world) const;

 private:
  void calibrate(World& world);
  void calibrate_fresh(World& world) const;
  ProductionSpec p_;
  bool calibrated_ = false;
  double reference_margin_ = 0;  // output-weighted mean profit margin of the initial state
};

}  // namespace zonesim
