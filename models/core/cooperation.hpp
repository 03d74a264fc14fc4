#pragma once
// Cooperation agreements between zones (docs/decisions.md, "Cooperation"): co-built and branch parks with the
// three cooperation types of the articles. Zones propose them to their nearest neighbours, a province's 1+N
// guidance proposes its links every year; an agreement forms only if both sides accept, lasts
// cooperation.term years, is renewed only if both accept again, and either side may end it early when it
// loses by it.
#include <cstdint>
#include <vector>

#include "core/valuation.hpp"
#include "zonesim/model/model.hpp"
#include "zonesim/model/world.hpp"

namespace zonesim {

class Cooperation : public Model {
 public:
  explicit Cooperation(const ScenarioSpec& spec) : spec_(spec) {}
  const char* name() const override { return "cooperation"; }
  std::span<const Phase> phases() const override;
  void run(Phase phase, World& world, const YearStats& stats) override;

  struct Agreement {
    int leader = 0, member = 0;  // the larger partner by GDP when it formed (the exporter), the smaller
    int end = 0;                 // the last calendar year of its term
    GuidedLink terms;            // what it links (leader and member repeated)
  };
  const std::vector<Agreement>& agreements() const { return agreements_; }

  // What an agreement between the two zones with these terms is worth to each over the horizon, billion CNY
  // (score gains at the zone's price of money, plus money flows); `in_force` if it already acts.
  struct Gains {
    double leader = 0, member = 0;
  };
  Gains gains(const World& world, const YearStats& stats, const ZoneValues& values, const GuidedLink& terms,
              bool in_force) const;

 private:
  void find_candidates(const World& world);
  GuidedLink default_terms(int leader, int member) const;
  GuidedLink oriented(const World& world, const YearStats& stats, int a, int b) const;
  bool accepts(const World& world, const ZoneValues& values, int zone, double gain, Stream& draws) const;
  void review(World& world, const YearStats& stats, const ZoneValues& values);
  void propose(World& world, const YearStats& stats, const ZoneValues& values);
  static std::size_t pair_key(const World& world, int a, int b);
  void link(World& world, const Agreement& agreement);
  void unlink(World& world, const Agreement& agreement);
  void record(World& world) const;

  ScenarioSpec spec_;
  std::vector<std::pair<int, int>> candidates_;  // pairs (lower index first), each zone's nearest
  std::vector<Agreement> agreements_;            // in force, in the order they formed
  std::vector<std::uint8_t> linked_;             // [a * zones + b], a < b: an agreement is in force
};

}  // namespace zonesim
