#pragma once
// Central pilot investment (docs/specification.md 5.6; seed 000 challenge 1): the centre picks pilot zones and pays each a
// fixed sum a year to buy its commitment to national strategy; the money funds enterprises' R&D and the
// zone's services, and the pilot's weight of the national orientation rises
// (docs/mechanisms/central_pilot.md).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "zonesim/model/model.hpp"

namespace zonesim {

struct KeyCatalogue;
class Checks;

struct World;

class CentralPilot : public Model {
 public:
  CentralPilot(const CentralPilotSpec& spec, std::string source) : spec_(spec), source_(std::move(source)) {}
  const char* name() const override { return "central_pilot"; }
  std::span<const Phase> phases() const override;
  void run(Phase phase, World& world, const YearStats& stats) override;
  const std::vector<int>& pilots() const { return pilots_; }

 private:
  void fund(World& world);
  void fund_rnd(World& world, const std::vector<double>& rnd_money, std::vector<double>& spent);
  void restore_rnd(World& world);
  CentralPilotSpec spec_;
  std::string source_;
  bool selected_ = false;
  std::vector<int> pilots_;
  // R&D intensities before this year's funding, restored after the innovation phase.
  std::vector<std::uint32_t> funded_;
  std::vector<float> own_intensity_;
};

// The pilot zones: the `zones` largest or most lagging active zones by GDP at the start, or those named in
// `list` (validate_central_pilot checks the names when the scenario is loaded; a spec built in code that names
// an unknown zone makes this throw ScenarioError).
std::vector<int> select_pilot_zones(const CentralPilotSpec& spec, const World& world,
                                    const std::string& source);

// Null when mechanisms.central_pilot.enabled is false.
std::unique_ptr<Model> make_central_pilot(const ScenarioSpec& spec);

// Its keys, mechanisms.central_pilot.*, declared in the catalogue of scenario keys (models/models.cpp).
void declare_central_pilot(KeyCatalogue& keys);
// Its rule at load time: the zones named in `list` exist in the zone table.
void validate_central_pilot(const ScenarioSpec& spec, Checks& checks);

}  // namespace zonesim
