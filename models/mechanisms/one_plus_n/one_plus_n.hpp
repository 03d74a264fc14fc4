#pragma once
// Provincial "1+N" networks (docs/specification.md 5.2; seed 001 section 3): in each province the first-class zone leads
// the N weakest zones through branch parks, with cooperation edges of three types
// (docs/mechanisms/one_plus_n.md).
#include <memory>
#include <vector>

#include "zonesim/model/model.hpp"
#include "zonesim/model/world.hpp"

namespace zonesim {

struct KeyCatalogue;
class Checks;

class OnePlusN : public Model {
 public:
  explicit OnePlusN(const ScenarioSpec& spec) : p_(spec.mechanisms.one_plus_n) {}
  const char* name() const override { return "one_plus_n"; }
  std::span<const Phase> phases() const override;
  void run(Phase phase, World& world, const YearStats& stats) override;

  // The network of a province: its leader (-1 while it has fewer than two active zones) and members.
  int leader(int province) const {
    return province < static_cast<int>(leader_.size()) ? leader_[province] : -1;
  }
  const std::vector<int>& members(int province) const { return members_[static_cast<std::size_t>(province)]; }

 private:
  void update_networks(World& world, const YearStats& stats);
  void form(World& world, int province, const std::vector<int>& active, const YearStats& stats);
  void propose_links(World& world) const;
  OnePlusNSpec p_;
  std::vector<int> leader_;                // per province
  std::vector<std::vector<int>> members_;  // per province, in the order they joined
  std::vector<std::uint8_t> considered_;   // per zone: was active when its province was last looked at
};

// The leader a province's active zones would have under `rule` ("largest" or "capital"), given each zone's
// GDP.
int choose_leader(const ZoneTable& table, const std::vector<int>& active, const std::vector<double>& gdp,
                  const std::string& rule);

// Null when mechanisms.one_plus_n.enabled is false.
std::unique_ptr<Model> make_one_plus_n(const ScenarioSpec& spec);

// Its keys, mechanisms.one_plus_n.*, declared in the catalogue of scenario keys (models/models.cpp).
void declare_one_plus_n(KeyCatalogue& keys);

}  // namespace zonesim
