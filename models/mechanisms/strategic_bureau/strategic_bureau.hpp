#pragma once
// Strategic innovation bureau (docs/specification.md 5.8; seed 000 challenge 4): zones fund long-horizon disruptive
// projects that mostly fail; failures still leave knowledge and talent, the "whale fall"
// (docs/mechanisms/strategic_bureau.md).
#include <cstdint>
#include <memory>
#include <vector>

#include "zonesim/model/model.hpp"
#include "zonesim/model/world.hpp"

namespace zonesim {

struct KeyCatalogue;
class Checks;

class StrategicBureau : public Model {
 public:
  struct Project {
    int zone = 0;
    int launch_step = 0;
    double money = 0;  // billion CNY, spent in the launch year
    Sector sector{};
  };
  explicit StrategicBureau(const ScenarioSpec& spec);
  const char* name() const override { return "strategic_bureau"; }
  std::span<const Phase> phases() const override;
  void run(Phase phase, World& world, const YearStats& stats) override;

  // For tests and reports: projects under way, and totals since the start.
  const std::vector<Project>& projects() const { return projects_; }
  const std::vector<std::uint8_t>& bureau_zones() const { return has_bureau_; }
  const std::vector<double>& talent() const { return talent_; }
  double money_spent() const { return spent_; }
  int outcomes() const { return outcomes_; }
  int successes() const { return successes_; }

 private:
  void select_zones(const World& world, const YearStats& stats);
  void resolve_projects(World& world);
  void fund_projects(World& world, const YearStats& stats);

  StrategicBureauSpec p_;
  GovernmentSpec g_;
  double talent_depreciation_;
  bool selected_ = false;
  std::vector<std::uint8_t> has_bureau_;  // [zone]
  std::vector<double> talent_;            // [zone]: R&D personnel the projects left, persons
  std::vector<Project> projects_;         // under way, in launch order
  double spent_ = 0;
  int outcomes_ = 0, successes_ = 0;
};

// Null when mechanisms.strategic_bureau.enabled is false.
std::unique_ptr<Model> make_strategic_bureau(const ScenarioSpec& spec);

// Its keys, mechanisms.strategic_bureau.*, declared in the catalogue of scenario keys (models/models.cpp).
void declare_strategic_bureau(KeyCatalogue& keys);

}  // namespace zonesim
