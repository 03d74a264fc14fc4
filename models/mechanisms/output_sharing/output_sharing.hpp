#pragma once
// Output-sharing rules (docs/specification.md 5.3; seed 001 incentive 1): a moved enterprise's output counts partly to its
// origin for K years, and a co-built (equity-held) project's output partly to its investors. Only the
// attributed GDP that officials are judged on changes, never real output (docs/mechanisms/output_sharing.md).
#include <memory>
#include <vector>

#include "zonesim/model/model.hpp"

namespace zonesim {

struct KeyCatalogue;
class Checks;

struct World;
struct YearStats;

class OutputSharing : public Model {
 public:
  explicit OutputSharing(const OutputSharingSpec& spec) : spec_(spec) {}
  const char* name() const override { return "output_sharing"; }
  std::span<const Phase> phases() const override;
  void run(Phase phase, World& world, const YearStats& stats) override;

 private:
  void lower_resistance(World& world);
  OutputSharingSpec spec_;
  // The moving-cost factors this model last wrote and the factors it found before (other mechanisms may set
  // them).
  std::vector<double> written_, found_;
};

// Factor on the moving cost between zones: 1 - origin_resistance * origin_share * min(years, horizon) /
// horizon, the resistance lifted in proportion to the mover's output the origin keeps over its officials'
// horizon.
double resistance_factor(const OutputSharingSpec& spec);

// Attributed GDP per zone after the movers' rule: real GDP, less origin_share of the output of enterprises
// that moved in during the last `years` years, plus that share of those that moved out.
std::vector<double> attribute_movers(const World& world, const std::vector<double>& gdp, int years,
                                     double origin_share);
// Moves co_built_share x stake_ab of zone b's attributed GDP to each investor a, stake_ab = min(1, equity
// held by a in b / b's GDP), the stakes in b scaled down to sum at most 1. Sums are unchanged.
void attribute_co_built(const World& world, const std::vector<double>& gdp, double co_built_share,
                        std::vector<double>& attributed);

// Null when mechanisms.output_sharing.enabled is false.
std::unique_ptr<Model> make_output_sharing(const ScenarioSpec& spec);

// Its keys, mechanisms.output_sharing.*, declared in the catalogue of scenario keys (models/models.cpp).
void declare_output_sharing(KeyCatalogue& keys);

}  // namespace zonesim
