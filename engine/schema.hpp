#pragma once
// Private to the engine: the declaration of every scenario key (type, default, range, unit, help) and how its
// validated value lands in ScenarioSpec. One row per key, in engine/schema.cpp.
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "zonesim/scenario.hpp"

namespace zonesim::detail {

enum class FieldType { Integer, Real, Boolean, Text, Path };

using FieldValue = std::variant<long long, double, bool, std::string>;

struct FieldDecl {
  std::string path;
  FieldType type;
  std::string default_text;  // YAML text of the default
  double min = 0, max = 0;   // inclusive range for numbers
  std::vector<long long> choices;  // when non-empty, the only valid integers
  std::string unit;
  std::string help;
  std::function<void(ScenarioSpec&, const FieldValue&)> assign;
  std::function<std::string(const ScenarioSpec&)> canonical;  // the value as YAML text
};

const std::vector<FieldDecl>& field_decls();
const char* type_name(FieldType t);

}  // namespace zonesim::detail
