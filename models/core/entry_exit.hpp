#pragma once
// Entry and exit of enterprises (docs/specification.md section 4 step 3; docs/model.md).
#include <cstdint>
#include <vector>

#include "zonesim/model/model.hpp"

namespace zonesim {

class EntryExit : public Model {
 public:
  explicit EntryExit(const ScenarioSpec& spec) : spec_(spec) {}
  const char* name() const override { return "entry_exit"; }
  std::span<const Phase> phases() const override;
  void run(Phase phase, World& world, const YearStats& stats) override;

 private:
  void exits(World& world);
  void births(World& world);
  void make_entrant(World& world, std::uint32_t e, std::size_t zone, double mean_size, double mean_tfp,
                    double mean_productivity) const;
  const ScenarioSpec& spec_;
  std::vector<std::uint8_t> leaving_;       // [enterprise]: exits this year
  std::vector<std::uint32_t> birth_slots_;  // this year's entrants' slots, in order of birth
  std::vector<std::uint16_t> birth_zones_;  // ... and their zones
  std::vector<double> sector_weights_;      // [zone * kSectorCount + sector]: entrants' choice, cumulative
};

}  // namespace zonesim
