#pragma once
// Private to the engine and the sweep: reading scenario keys against their declarations (the declarations
// and their builders are the mechanism author's kit, include/zonesim/model/keys.hpp).
#include <algorithm>
#include <string>
#include <vector>

#include "zonesim/model/keys.hpp"

namespace zonesim::detail {

// The core keys (time, zones, enterprises, the economy, governments, metrics, output): engine/scenario/schema.cpp.
void add_core_keys(KeyCatalogue& keys);

const char* type_name(FieldType t);

// Reading a scenario against a catalogue of keys (engine/scenario/scenario_load.cpp). The public
// load_scenario() and friends (include/zonesim/scenario.hpp) call these with every key: the core's and the
// registered mechanisms' (models/registry.cpp).
ScenarioSpec load_scenario(const KeyCatalogue& keys, const std::string& path,
                           const std::vector<Override>& overrides);
ScenarioSpec default_scenario(const KeyCatalogue& keys);
std::vector<FieldInfo> scenario_fields(const KeyCatalogue& keys);
std::string parameters_markdown(const KeyCatalogue& keys);

}  // namespace zonesim::detail
