#pragma once
// Provincial synergy funds (docs/specification.md 5.5; seed 001 enabling 1): a fund of `size` billion CNY a year over all
// provinces, shared by the provinces' zone GDP, given in equal parts to each province's lagging zones as land
// (development), services (industry) and venture capital (docs/mechanisms/synergy_fund.md).
#include <memory>
#include <vector>

#include "zonesim/model/model.hpp"

namespace zonesim {

struct KeyCatalogue;
class Checks;

struct World;

class SynergyFund : public Model {
 public:
  SynergyFund(const SynergyFundSpec& spec, double max_density) : spec_(spec), max_density_(max_density) {}
  const char* name() const override { return "synergy_fund"; }
  std::span<const Phase> phases() const override;
  void run(Phase phase, World& world, const YearStats& stats) override;

 private:
  SynergyFundSpec spec_;
  double max_density_;
  std::vector<double> venture_;  // venture capital this fund put in each zone this year
};

// Money per zone this year (billion CNY): `size` shared over the provinces with at least two active zones by
// their zones' GDP, then equally over each such province's lagging zones (the round(lagging_share x n)
// smallest by GDP, at least one, never the largest).
std::vector<double> synergy_allocation(const World& world, const std::vector<double>& gdp, double size,
                                       double lagging_share);

// Null when mechanisms.synergy_fund.enabled is false.
std::unique_ptr<Model> make_synergy_fund(const ScenarioSpec& spec);

// Its keys, mechanisms.synergy_fund.*, declared in the catalogue of scenario keys (models/models.cpp).
void declare_synergy_fund(KeyCatalogue& keys);
// Its rule at load time: development_share + industry_share + venture_share = 1.
void validate_synergy_fund(const ScenarioSpec& spec, Checks& checks);

}  // namespace zonesim
