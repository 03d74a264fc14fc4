// The list of models, in the order they run within a phase. The enterprise economy and the governments are
// always on; the incentive schemes register here as they are implemented (each its own file pair in models/).
#include "entry_exit.hpp"
#include "fiscal.hpp"
#include "innovation.hpp"
#include "production.hpp"
#include "relocation.hpp"
#include "subsidy.hpp"
#include "tournament.hpp"
#include "zonesim/model.hpp"

namespace zonesim {

ModelList make_models(const ScenarioSpec& spec) {
  ModelList models;
  models.push_back(std::make_unique<Production>(spec));
  models.push_back(std::make_unique<Innovation>(spec));
  models.push_back(std::make_unique<EntryExit>(spec));
  models.push_back(std::make_unique<Relocation>(spec));
  // Governments, in order: pay this year's subsidies and build services, score the tournament, set next
  // year's subsidy policy.
  models.push_back(std::make_unique<Fiscal>(spec));
  models.push_back(std::make_unique<Tournament>(spec));
  models.push_back(std::make_unique<SubsidyPolicy>(spec));
  return models;
}

}  // namespace zonesim
