#pragma once
// Private to the engine: the declaration of every scenario key (type, default, range, unit, help) and how its
// validated value lands in ScenarioSpec. One row per key, in engine/schema.cpp.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
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
  std::vector<std::string> text_choices;                      // when non-empty, the only valid strings
};

const std::vector<FieldDecl>& field_decls();
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

// The mechanisms' keys (engine/schema_mechanisms.cpp).
void add_mechanism_fields(std::vector<FieldDecl>& fields);

// Builders of declarations, used by the schema files.

// The shortest text that reads back as exactly v.
inline std::string real_text(double v) {
  char buf[64];
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  std::string s = buf;
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

inline std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

template <class Get>
FieldDecl integer(std::string path, Get get, long long def, double lo, double hi, std::string unit,
                  std::string help, std::vector<long long> choices = {}) {
  using T = std::remove_reference_t<decltype(get(std::declval<ScenarioSpec&>()))>;
  return {std::move(path), FieldType::Integer, std::to_string(def), lo, hi, std::move(choices), std::move(unit),
          std::move(help),
          [get](ScenarioSpec& s, const FieldValue& v) { get(s) = static_cast<T>(std::get<long long>(v)); },
          [get](const ScenarioSpec& s) {
            return std::to_string(get(const_cast<ScenarioSpec&>(s)));
          },
          {}};
}

template <class Get>
FieldDecl real(std::string path, Get get, double def, double lo, double hi, std::string unit, std::string help) {
  return {std::move(path), FieldType::Real, real_text(def), lo, hi, {}, std::move(unit), std::move(help),
          [get](ScenarioSpec& s, const FieldValue& v) { get(s) = std::get<double>(v); },
          [get](const ScenarioSpec& s) { return real_text(get(const_cast<ScenarioSpec&>(s))); },
          {}};
}

template <class Get>
FieldDecl text(std::string path, FieldType type, Get get, std::string def, std::string help,
               std::vector<std::string> choices = {}) {
  return {std::move(path), type, quoted(def), 0, 0, {}, "", std::move(help),
          [get](ScenarioSpec& s, const FieldValue& v) { get(s) = std::get<std::string>(v); },
          [get](const ScenarioSpec& s) { return quoted(get(const_cast<ScenarioSpec&>(s))); }, std::move(choices)};
}

template <class Get>
FieldDecl boolean(std::string path, Get get, bool def, std::string help) {
  return {std::move(path), FieldType::Boolean, def ? "true" : "false", 0, 0, {}, "", std::move(help),
          [get](ScenarioSpec& s, const FieldValue& v) { get(s) = std::get<bool>(v); },
          [get](const ScenarioSpec& s) { return std::string(get(const_cast<ScenarioSpec&>(s)) ? "true" : "false"); },
          {}};
}


const char* type_name(FieldType t);

}  // namespace zonesim::detail
