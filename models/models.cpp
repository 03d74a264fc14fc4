// The models of a run and the keys of a scenario: the core economy and governments (core/) around the
// registered mechanisms (registry.cpp).
#include <algorithm>

#include "core/classes.hpp"
#include "core/cooperation.hpp"
#include "core/energy.hpp"
#include "core/entry_exit.hpp"
#include "core/fiscal.hpp"
#include "core/governments.hpp"
#include "core/innovation.hpp"
#include "core/labour.hpp"
#include "core/production.hpp"
#include "core/relocation.hpp"
#include "core/sector_demand.hpp"
#include "core/talent.hpp"
#include "core/tournament.hpp"
#include "scenario/schema.hpp"
#include "zonesim/model/model.hpp"

namespace zonesim {

ModelList make_models(const ScenarioSpec& spec) {
  ModelList models;
  // The enterprise economy and its markets, in their order within each phase: sector prices before
  // production; the talent market before innovation, classes after it; the labour market clears after entry,
  // exit and moves; energy use is measured first in the governments phase (the tournament's green criterion).
  models.push_back(std::make_unique<SectorDemand>(spec));
  models.push_back(std::make_unique<Production>(spec));
  models.push_back(std::make_unique<TalentMarket>(spec));
  models.push_back(std::make_unique<Innovation>(spec));
  models.push_back(std::make_unique<Classes>(spec));
  models.push_back(std::make_unique<EntryExit>(spec));
  models.push_back(std::make_unique<Relocation>(spec));
  models.push_back(std::make_unique<LabourMarket>(spec));
  models.push_back(std::make_unique<Energy>(spec));
  // The mechanisms that are switched on, in their running order.
  std::vector<const Mechanism*> order;
  for (const Mechanism& m : mechanisms()) order.push_back(&m);
  std::sort(order.begin(), order.end(),
            [](const Mechanism* a, const Mechanism* b) { return a->runs < b->runs; });
  for (const Mechanism* m : order)
    if (auto model = m->make(spec)) models.push_back(std::move(model));
  // Governments, in order: pay this year's subsidies and build services, score the tournament, agree on
  // cooperation, decide next year's budget, courting and offers (docs/decisions.md).
  models.push_back(std::make_unique<Fiscal>(spec));
  models.push_back(std::make_unique<Tournament>(spec));
  models.push_back(std::make_unique<Cooperation>(spec));
  models.push_back(std::make_unique<Governments>(spec));
  return models;
}

const KeyCatalogue& scenario_keys() {
  static const KeyCatalogue keys = [] {
    KeyCatalogue k;
    detail::add_core_keys(k);
    for (const Mechanism& m : mechanisms()) {
      m.declare(k);
      if (m.validate) k.rules.emplace_back(m.validate);
    }
    return k;
  }();
  return keys;
}

ScenarioSpec load_scenario(const std::string& path, const std::vector<Override>& overrides) {
  return detail::load_scenario(scenario_keys(), path, overrides);
}
ScenarioSpec default_scenario() { return detail::default_scenario(scenario_keys()); }
std::vector<FieldInfo> scenario_fields() { return detail::scenario_fields(scenario_keys()); }
std::string parameters_markdown() { return detail::parameters_markdown(scenario_keys()); }

}  // namespace zonesim
