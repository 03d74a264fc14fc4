#pragma once
// Production with agglomeration, knowledge and congestion (docs/specification.md sections 3-4; docs/model.md).
#include <vector>

#include "zonesim/model/model.hpp"

namespace zonesim {

class Production : public Model {
 public:
  explicit Production(const ScenarioSpec& spec)
      : p_(spec.production), infrastructure_elasticity_(spec.infrastructure.elasticity) {}
  const char* name() const override { return "production"; }
  std::span<const Phase> phases() const override;
  void run(Phase phase, World& world, const YearStats& stats) override;

  // Sets the zone state's place factors, labour costs and occupancy from the world as it stands. The first
  // call fixes the reference levels (means over the active zones of the initial state) that place factors
  // compare to.
  void update_market(World& world) const;

 private:
  void calibrate(World& world);
  void calibrate_fresh(World& world) const;
  // Reference levels of agglomeration, knowledge, services and infrastructure: the initial state's means over
  // active zones. They stay fixed, so a zone's gain in knowledge or services is a real gain, not taken from
  // the others (innovation uses the same convention for knowledge).
  struct Reference {
    bool set = false;
    std::vector<double> sector_employment;  // per sector
    double employment = 0, knowledge = 0, services = 0, infrastructure = 0;
  };
  ProductionSpec p_;
  double infrastructure_elasticity_;
  mutable Reference ref_;
  bool calibrated_ = false;
  double reference_margin_ = 0;  // output-weighted mean profit margin of the initial state
};

}  // namespace zonesim
