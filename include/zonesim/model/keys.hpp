#pragma once
// The mechanism author's kit for scenario keys. Every key is one row: its path, type, default, range, unit and
// help, and the member of ScenarioSpec its validated value lands in. A group of keys is declared with Rows,
// which names each key once:
//
//   Rows<SynergyFundSpec> r(keys, "mechanisms.synergy_fund", [](ScenarioSpec& s) -> auto& { ... });
//   r.num("size", &SynergyFundSpec::size, 0.002, 0, 0.1, "1", "Fund as a share of ...");
//
// Cross-field rules (shares that must sum to 1, zone names that must exist) are Rules: they run when the
// scenario is loaded, after every key has its value, and report at a key, so `zonesim validate` shows them
// with FILE:LINE:COL like any other problem.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "zonesim/scenario.hpp"

namespace zonesim {
namespace detail {

// Levenshtein distance, for "did you mean" in scenario and sweep files and mechanisms' rules.
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

enum class FieldType { Integer, Real, Boolean, Text, Path };

using FieldValue = std::variant<long long, double, bool, std::string>;

struct FieldDecl {
  std::string path;
  FieldType type;
  std::string default_text;        // YAML text of the default
  double min = 0, max = 0;         // inclusive range for numbers
  std::vector<long long> choices;  // when non-empty, the only valid integers
  std::string unit;
  std::string help;
  std::function<void(ScenarioSpec&, const FieldValue&)> assign;
  std::function<std::string(const ScenarioSpec&)> canonical;  // the value as YAML text
  std::vector<std::string> text_choices;                      // when non-empty, the only valid strings
};

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
  return {std::move(path),
          FieldType::Integer,
          std::to_string(def),
          lo,
          hi,
          std::move(choices),
          std::move(unit),
          std::move(help),
          [get](ScenarioSpec& s, const FieldValue& v) { get(s) = static_cast<T>(std::get<long long>(v)); },
          [get](const ScenarioSpec& s) { return std::to_string(get(const_cast<ScenarioSpec&>(s))); },
          {}};
}

template <class Get>
FieldDecl real(std::string path, Get get, double def, double lo, double hi, std::string unit,
               std::string help) {
  return {std::move(path),
          FieldType::Real,
          real_text(def),
          lo,
          hi,
          {},
          std::move(unit),
          std::move(help),
          [get](ScenarioSpec& s, const FieldValue& v) { get(s) = std::get<double>(v); },
          [get](const ScenarioSpec& s) { return real_text(get(const_cast<ScenarioSpec&>(s))); },
          {}};
}

template <class Get>
FieldDecl text(std::string path, FieldType type, Get get, std::string def, std::string help,
               std::vector<std::string> choices = {}) {
  return {std::move(path),
          type,
          quoted(def),
          0,
          0,
          {},
          "",
          std::move(help),
          [get](ScenarioSpec& s, const FieldValue& v) { get(s) = std::get<std::string>(v); },
          [get](const ScenarioSpec& s) { return quoted(get(const_cast<ScenarioSpec&>(s))); },
          std::move(choices)};
}

template <class Get>
FieldDecl boolean(std::string path, Get get, bool def, std::string help) {
  return {std::move(path),
          FieldType::Boolean,
          def ? "true" : "false",
          0,
          0,
          {},
          "",
          std::move(help),
          [get](ScenarioSpec& s, const FieldValue& v) { get(s) = std::get<bool>(v); },
          [get](const ScenarioSpec& s) {
            return std::string(get(const_cast<ScenarioSpec&>(s)) ? "true" : "false");
          },
          {}};
}

}  // namespace detail

// Where a rule reports what it finds: the problem is located at a key (its line and column in the file that
// set it, or "(default)") and named by a key path (the same key, or the group the rule is about).
class Checks {
 public:
  virtual ~Checks() = default;
  virtual void fail_at(const std::string& at_key, const std::string& key_path,
                       const std::string& message) = 0;
  void fail(const std::string& key_path, const std::string& message) { fail_at(key_path, key_path, message); }
};
using Rule = std::function<void(const ScenarioSpec&, Checks&)>;

// Every key a scenario may set, and the rules over several keys.
struct KeyCatalogue {
  std::vector<detail::FieldDecl> fields;
  std::vector<Rule> rules;

  const detail::FieldDecl* find(const std::string& path) const {
    for (const auto& d : fields)
      if (d.path == path) return &d;
    return nullptr;
  }
};

// Declares the keys "<prefix>.<key>" of one group of ScenarioSpec (the struct that `get` selects).
template <class Group>
class Rows {
 public:
  using Get = Group& (*)(ScenarioSpec&);  // a captureless lambda
  Rows(KeyCatalogue& keys, std::string prefix, Get get)
      : f_(keys.fields), prefix_(std::move(prefix)), get_(get) {}

  // The mechanism's switch, key "enabled".
  void on(bool Group::*member, const std::string& help) { flag("enabled", member, false, help); }
  template <class T>
  void num(const std::string& key, T Group::*member, double def, double lo, double hi, const char* unit,
           const std::string& help) {
    f_.push_back(detail::real(path(key), field(member), def, lo, hi, unit, help));
  }
  template <class T>
  void whole(const std::string& key, T Group::*member, long long def, double lo, double hi, const char* unit,
             const std::string& help, std::vector<long long> choices = {}) {
    f_.push_back(detail::integer(path(key), field(member), def, lo, hi, unit, help, std::move(choices)));
  }
  void flag(const std::string& key, bool Group::*member, bool def, const std::string& help) {
    f_.push_back(detail::boolean(path(key), field(member), def, help));
  }
  void word(const std::string& key, std::string Group::*member, const std::string& def,
            std::vector<std::string> choices, const std::string& help) {
    f_.push_back(
        detail::text(path(key), detail::FieldType::Text, field(member), def, help, std::move(choices)));
  }
  // A file path: a relative value is taken from the directory of the file that sets it.
  void file(const std::string& key, std::string Group::*member, const std::string& def,
            const std::string& help) {
    f_.push_back(detail::text(path(key), detail::FieldType::Path, field(member), def, help));
  }

 private:
  std::string path(const std::string& key) const { return prefix_.empty() ? key : prefix_ + "." + key; }
  template <class T>
  auto field(T Group::*member) const {
    Get g = get_;
    return [g, member](ScenarioSpec& s) -> T& { return g(s).*member; };
  }

  std::vector<detail::FieldDecl>& f_;
  std::string prefix_;
  Get get_;
};

}  // namespace zonesim
