#pragma once
// The interface every mechanism implements. A model names itself, says which phases of the yearly step it
// takes part in, and acts on the world in those phases. Models are listed in models/registry.cpp; adding one
// touches its own files, that list, a scenario and the docs.
#include <memory>
#include <span>
#include <vector>

#include "zonesim/scenario.hpp"

namespace zonesim {

struct World;
struct YearStats;

// The phases of one year, in the order the step runs them (docs/specification.md section 4; docs/model.md).
enum class Phase {
  production,   // output, wages, rents, profits
  innovation,   // R&D, patents, knowledge stocks and spillovers
  entry_exit,   // births and deaths of enterprises
  relocation,   // movers choose a zone
  attribution,  // after the statistics: attributed GDP under output-sharing rules
  governments,  // tournaments, subsidies, budgets, transfers, funds, equity
};
// The economy's phases, in order; then the year's statistics are collected and the closing phases run.
inline constexpr Phase kEconomyPhases[] = {Phase::production, Phase::innovation, Phase::entry_exit,
                                           Phase::relocation};
inline constexpr Phase kClosingPhases[] = {Phase::attribution, Phase::governments};

class Model {
 public:
  virtual ~Model() = default;
  virtual const char* name() const = 0;
  virtual std::span<const Phase> phases() const = 0;
  // `stats` holds this year's statistics in the attribution and governments phases, last year's before.
  virtual void run(Phase phase, World& world, const YearStats& stats) = 0;
};

using ModelList = std::vector<std::unique_ptr<Model>>;

struct KeyCatalogue;
class Checks;

// An incentive scheme: one line of models/registry.cpp.
struct Mechanism {
  const char* name;  // mechanisms.<name>, its folder models/mechanisms/<name>/, its scenario and doc page
  int runs;          // its place among the mechanisms within a phase (1 runs first)
  void (*declare)(KeyCatalogue& keys);                         // its keys, mechanisms.<name>.*
  void (*validate)(const ScenarioSpec& spec, Checks& checks);  // its rule when a scenario is loaded, or null
  std::unique_ptr<Model> (*make)(const ScenarioSpec& spec);    // its model, null when it is switched off
};

// The registered mechanisms, in the order of docs/specification.md section 5 (models/registry.cpp).
std::span<const Mechanism> mechanisms();

// The models a scenario switches on: the enterprise economy, the mechanisms that are on (by `runs`), then the
// governments (models/models.cpp).
ModelList make_models(const ScenarioSpec& spec);

// Every key a scenario may set: the core's and each mechanism's, with their rules (models/models.cpp).
const KeyCatalogue& scenario_keys();

}  // namespace zonesim
