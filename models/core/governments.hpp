#pragma once
// Zone governments decide (docs/decisions.md): each year, after the budgets and the tournament, each zone
// government values its actions under its own objective (models/core/valuation.hpp) and chooses, with
// bounded rationality, which sectors to court, how much of next year's budget to set aside for subsidies and
// offers, how to split the rest among services, land and talent, and which enterprises of other zones to
// court with targeted offers; origins answer with retention offers.
#include <array>
#include <vector>

#include "core/valuation.hpp"
#include "zonesim/model/model.hpp"
#include "zonesim/model/world.hpp"

namespace zonesim {

class Governments : public Model {
 public:
  explicit Governments(const ScenarioSpec& spec) : spec_(spec) {}
  const char* name() const override { return "governments"; }
  std::span<const Phase> phases() const override;
  void run(Phase phase, World& world, const YearStats& stats) override;

  // The zone's weight on courting each sector this year ([zone * kSectorCount + sector], summing to 1).
  const std::vector<double>& courting() const { return courting_; }

 private:
  void court_sectors(const World& world, const ZoneValues& values);
  void set_subsidy_budget(World& world, const YearStats& stats, const ZoneValues& values);
  void split_budget(World& world, const ZoneValues& values) const;
  void make_offers(World& world, const YearStats& stats, const ZoneValues& values);
  void make_retention_offers(World& world, const YearStats& stats, const ZoneValues& values);
  void post_rates(World& world) const;
  // What a zone gains by booking enterprise e's output (bidder) or loses by losing it (origin), billion CNY
  // at its price of money.
  double worth_to_bidder(const World& world, const YearStats& stats, const ZoneValues& values, int bidder,
                         std::size_t e) const;
  double worth_to_origin(const World& world, const YearStats& stats, const ZoneValues& values,
                         std::size_t e) const;

  ScenarioSpec spec_;
  std::vector<double> courting_;                      // [zone * S + sector]
  std::array<double, kSectorCount> courted_share_{};  // mean courting weight over zones, last year
  std::vector<double> budget_left_;                   // [zone]: next year's subsidy budget not yet promised
  std::vector<double> expected_;                      // [zone]: what the promises made are expected to cost
  std::vector<double> discretionary_;                 // [zone]: this year's discretionary budget
  std::vector<double> base_;  // [zone]: output a posted rate is paid on (subsidised and planned newcomers)
};

// The amount A in [0, cap] that maximises the net value P(A) * (worth - A) - reserve * A of an offer that
// the enterprise takes with probability P(A) = 1 / (1 + exp(-(utility + per_billion * A))), `reserve` being
// the cost of holding a promise in the budget per yuan promised; `value` is that net value less the value
// without an offer (P(0) * worth), 0 and no amount when no offer beats none (or none could gain more than
// `floor`).
struct BestOffer {
  double amount = 0, probability = 0, value = 0;
};
BestOffer best_offer(double worth, double utility, double per_billion, double cap, double reserve,
                     double floor = 0);

}  // namespace zonesim
