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
// Levenshtein distance, for "did you mean" in scenario and sweep files.
inline size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

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
