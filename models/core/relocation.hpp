#pragma once
// Relocation: a discrete (logit) choice over all zones (docs/specification.md section 4 step 4; docs/model.md). Movers of
// one (origin zone, sector) cell draw their destination from the cell's table in O(log Z).
#include <cstdint>
#include <vector>

#include "zonesim/model/model.hpp"

namespace zonesim {

// What enterprise e weighs in a move from its zone to zone d (or in staying, d = its zone): the utility of
// moving relative to staying before any offer (as a cell table's U_d, for one enterprise: profit gain per
// output less the moving cost; 0 for staying), and the utility per billion CNY of a lump sum paid on arrival
// (or on staying): profit_weight * place ratio * d's payout ratio / (output * subsidy_years), a lump sum
// weighed as the rate that would pay it over subsidy_years.
struct MoveTerms {
  double utility = 0;
  double per_billion = 0;
};
MoveTerms move_terms(const World& world, const RelocationSpec& p, int subsidy_years, std::size_t e, int d);

class Relocation : public Model {
 public:
  explicit Relocation(const ScenarioSpec& spec)
      : p_(spec.relocation), subsidy_years_(spec.governments.subsidy_years) {}
  const char* name() const override { return "relocation"; }
  std::span<const Phase> phases() const override;
  void run(Phase phase, World& world, const YearStats& stats) override;

 private:
  // The choice set of one (origin, sector) cell: options d with weights exp(U_d - top), cumulated.
  struct CellTable {
    double top = 0;                    // largest utility of the cell's options
    double weight = 0;                 // sum of exp(U_d - top) over the options
    std::uint32_t begin = 0, end = 0;  // the cell's options in option_/cumulative_
  };
  void consider(World& world);
  void build_table(const World& world, int here, int sector);
  void answer_offers(World& world);
  void choose(World& world);
  void record_moves(World& world) const;

  RelocationSpec p_;
  int subsidy_years_;
  // Per cell (zone * kSectorCount + sector), over the enterprises that consider moving this year: their
  // count, sum of 1 - R&D intensity, sum of employment per unit of output; the cell's table.
  std::vector<double> cell_sums_;
  std::vector<CellTable> cells_;
  std::vector<std::uint16_t> option_;  // destination zone, or the zone count for a park
  std::vector<double> cumulative_;
  std::vector<double> anticipated_;  // [zone * S + sector]: place factor ^ place_anticipation
  std::vector<double> zone_hazard_;  // [zone]: yearly probability of considering a move, before losses
  std::vector<std::uint8_t> considering_, to_park_;
};

}  // namespace zonesim
