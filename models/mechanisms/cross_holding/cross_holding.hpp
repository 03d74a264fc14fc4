#pragma once
// Cross-holding between zones' asset companies (docs/specification.md 5.1; seed 001 incentive 2): the most advanced zones
// buy equity in lagging zones' projects; capital flows in, dividends flow back
// (docs/mechanisms/cross_holding.md).
#include <memory>
#include <vector>

#include "zonesim/model/model.hpp"
#include "zonesim/model/world.hpp"

namespace zonesim {

struct KeyCatalogue;
class Checks;

class CrossHolding : public Model {
 public:
  explicit CrossHolding(const ScenarioSpec& spec)
      : p_(spec.mechanisms.cross_holding), depreciation_(spec.governments.service_depreciation) {}
  const char* name() const override { return "cross_holding"; }
  std::span<const Phase> phases() const override;
  void run(Phase phase, World& world, const YearStats& stats) override;

  // The lagging zone outside its province that an investor backs year after year (-1: none).
  int partner(int investor) const {
    return investor < static_cast<int>(partner_.size()) ? partner_[static_cast<std::size_t>(investor)] : -1;
  }

 private:
  void depreciate(World& world) const;
  void pay_dividends(World& world) const;
  void invest(World& world, const YearStats& stats);
  void invest_away(World& world, int investor, double amount, const std::vector<std::uint8_t>& lagging,
                   const std::vector<double>& gdp);
  static double room(const World& world, const std::vector<double>& gdp, int investee);
  void buy(World& world, int investor, int investee, double amount) const;
  void update_edges(World& world, const YearStats& stats);
  CrossHoldingSpec p_;
  double depreciation_;
  std::vector<int> partner_;            // per zone
  std::vector<std::uint8_t> has_edge_;  // per zone pair: an equity edge exists
};

// Null when mechanisms.cross_holding.enabled is false.
std::unique_ptr<Model> make_cross_holding(const ScenarioSpec& spec);

// Its keys, mechanisms.cross_holding.*, declared in the catalogue of scenario keys (models/models.cpp).
void declare_cross_holding(KeyCatalogue& keys);

}  // namespace zonesim
