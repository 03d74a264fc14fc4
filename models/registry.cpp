// The list of models. The economy (production, innovation, entry and exit, relocation), the governments and
// the incentive schemes register here as they are implemented; each gets its own file pair in models/.
#include "zonesim/model.hpp"

namespace zonesim {

ModelList make_models(const ScenarioSpec& /*spec*/) {
  ModelList models;
  return models;
}

}  // namespace zonesim
