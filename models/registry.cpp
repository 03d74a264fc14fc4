// The list of models, in the order they run within a phase. The enterprise economy is always on; governments
// and the incentive schemes register here as they are implemented (each its own file pair in models/).
#include "entry_exit.hpp"
#include "innovation.hpp"
#include "production.hpp"
#include "relocation.hpp"
#include "zonesim/model.hpp"

namespace zonesim {

ModelList make_models(const ScenarioSpec& spec) {
  ModelList models;
  models.push_back(std::make_unique<Production>(spec));
  models.push_back(std::make_unique<Innovation>(spec));
  models.push_back(std::make_unique<EntryExit>(spec));
  models.push_back(std::make_unique<Relocation>(spec));
  return models;
}

}  // namespace zonesim
