// Scenario files: YAML -> (extends, --set) -> validated ScenarioSpec. Every problem is collected with its
// FILE:LINE:COL and key path before failing, so one run of `zonesim validate` shows them all.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "scenario/schema.hpp"
#include "scenario/yaml_read.hpp"
#include "zonesim/errors.hpp"
#include "zonesim/scenario.hpp"
#include "zonesim/version.hpp"

namespace fs = std::filesystem;

namespace zonesim {
namespace {

using detail::FieldDecl;
using detail::FieldType;
using detail::FieldValue;

constexpr int kMaxExtendsDepth = 16;

struct Entry {
  YAML::Node node;
  SourceMark mark;
};
using Flat = std::map<std::string, Entry>;
using Problems = std::vector<std::string>;

SourceMark mark_of(const YAML::Node& n, const std::string& file) {
  const YAML::Mark m = n.Mark();
  if (m.is_null()) return {file, 0, 0};
  return {file, m.line + 1, m.column + 1};
}

// Keys valid directly under `prefix` ("" = top level): leaves and groups.
std::vector<std::string> children_of(const KeyCatalogue& keys, const std::string& prefix) {
  std::set<std::string> out;
  for (const auto& d : keys.fields) {
    if (!prefix.empty() && d.path.compare(0, prefix.size() + 1, prefix + ".") != 0) continue;
    const std::string rest = prefix.empty() ? d.path : d.path.substr(prefix.size() + 1);
    out.insert(rest.substr(0, rest.find('.')));
  }
  if (prefix.empty()) out.insert("extends");
  return {out.begin(), out.end()};
}

std::string unknown_key_message(const std::string& key, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_d = std::max<size_t>(2, key.size() / 3) + 1;
  for (const auto& c : candidates) {
    const size_t d = detail::edit_distance(key, c);
    if (d < best_d) best_d = d, best = c;
  }
  std::string msg = "unknown key";
  if (!best.empty()) msg += " (did you mean '" + best + "'?)";
  std::string list;
  for (const auto& c : candidates) list += (list.empty() ? "" : ", ") + c;
  return msg + "; valid keys here: " + list;
}

bool is_group(const KeyCatalogue& keys, const std::string& path) {
  for (const auto& d : keys.fields)
    if (d.path.compare(0, path.size() + 1, path + ".") == 0) return true;
  return false;
}

void flatten(const KeyCatalogue& keys, const YAML::Node& map, const std::string& prefix,
             const std::string& file, Flat& out, Problems& problems) {
  std::map<std::string, SourceMark> seen;
  for (auto it = map.begin(); it != map.end(); ++it) {
    const SourceMark km = mark_of(it->first, file);
    if (!it->first.IsScalar()) {
      problems.push_back(located(km, prefix, "a key must be a plain name"));
      continue;
    }
    const std::string key = it->first.Scalar();
    const std::string path = prefix.empty() ? key : prefix + "." + key;
    if (auto [pos, fresh] = seen.emplace(key, km); !fresh) {
      problems.push_back(
          located(km, path, "duplicate key (first given at line " + std::to_string(pos->second.line) + ")"));
      continue;
    }
    if (prefix.empty() && key == "extends") continue;  // handled by load_file
    if (keys.find(path)) {
      out[path] = {it->second, mark_of(it->second, file)};
      if (out[path].mark.line == 0) out[path].mark = km;
    } else if (is_group(keys, path)) {
      if (it->second.IsNull()) continue;
      if (!it->second.IsMap()) {
        problems.push_back(located(km, path,
                                   "expected a mapping of keys (" +
                                       unknown_key_message("", children_of(keys, path)).substr(14) + ")"));
        continue;
      }
      flatten(keys, it->second, path, file, out, problems);
    } else {
      problems.push_back(located(km, path, unknown_key_message(key, children_of(keys, prefix))));
    }
  }
}

void load_file(const KeyCatalogue& keys, const std::string& path, std::vector<std::string>& stack, Flat& out,
               Problems& problems) {
  std::error_code ec;
  const std::string from = stack.empty() ? "" : stack.back();
  if (!fs::exists(path, ec)) {
    problems.push_back(from.empty() ? path + ": no such file"
                                    : from + ": extends: " + path + ": no such file");
    return;
  }
  if (fs::is_directory(path, ec)) {
    problems.push_back(path + ": is a directory (expected a YAML scenario file)");
    return;
  }
  const std::string canon = fs::weakly_canonical(path, ec).string();
  if (std::find(stack.begin(), stack.end(), canon) != stack.end()) {
    problems.push_back(from + ": extends: " + path + ": cycle (the file extends itself through the chain)");
    return;
  }
  if (stack.size() >= kMaxExtendsDepth) {
    problems.push_back(path + ": extends: chain deeper than " + std::to_string(kMaxExtendsDepth) + " files");
    return;
  }
  YAML::Node root;
  if (!detail::read_yaml_file(path, "scenario", root, problems)) return;
  if (root.IsNull()) {
    problems.push_back(path + ": empty scenario (write `{}` to take every default)");
    return;
  }
  if (!root.IsMap()) {
    problems.push_back(
        located(mark_of(root, path), "", "expected a mapping of scenario keys at the top level"));
    return;
  }
  stack.push_back(canon);
  if (const YAML::Node ext = root["extends"]) {
    if (!ext.IsScalar() || ext.Scalar().empty()) {
      problems.push_back(located(mark_of(ext, path), "extends", "expected the path of a scenario file"));
    } else {
      const fs::path parent = fs::path(ext.Scalar()).is_absolute()
                                  ? fs::path(ext.Scalar())
                                  : fs::path(path).parent_path() / ext.Scalar();
      load_file(keys, parent.string(), stack, out, problems);
    }
  }
  flatten(keys, root, "", path, out, problems);
  stack.pop_back();
}

bool parse_real(const std::string& s, double& v) {
  if (s == ".inf" || s == ".Inf" || s == ".INF" || s == "+.inf") return v = INFINITY, true;
  if (s == "-.inf" || s == "-.Inf" || s == "-.INF") return v = -INFINITY, true;
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return v = NAN, true;
  if (s.empty() || std::isspace(static_cast<unsigned char>(s[0]))) return false;
  char* end = nullptr;
  errno = 0;
  v = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() && errno != ERANGE;
}

std::string range_text(const FieldDecl& d) {
  if (!d.text_choices.empty()) {
    std::string s;
    for (const auto& c : d.text_choices) s += (s.empty() ? "" : " or ") + c;
    return s;
  }
  if (!d.choices.empty()) {
    std::string s;
    for (auto c : d.choices) s += (s.empty() ? "" : " or ") + std::to_string(c);
    return s;
  }
  auto num = [&](double v) {
    if (d.type == FieldType::Integer) return std::to_string(static_cast<long long>(v));
    char b[32];
    std::snprintf(b, sizeof b, "%g", v);
    return std::string(b);
  };
  if (d.max >= 1.8e19) return ">= " + num(d.min);
  return num(d.min) + " to " + num(d.max);
}

// Convert one YAML value to the field's type; returns false after recording a problem.
bool convert(const FieldDecl& d, const Entry& e, FieldValue& out, Problems& problems) {
  std::string expected = detail::type_name(d.type);
  if (d.type == FieldType::Integer || d.type == FieldType::Real) expected += " in " + range_text(d);
  if (!d.text_choices.empty()) expected += ": " + range_text(d);
  auto fail = [&](const std::string& what) {
    problems.push_back(located(e.mark, d.path, what + " (expected " + expected + ")"));
    return false;
  };
  if (!e.node.IsScalar()) return fail(e.node.IsNull() ? "has no value" : "not a single value");
  const std::string s = e.node.Scalar();
  const bool quoted = e.node.Tag() == "!";
  switch (d.type) {
    case FieldType::Text:
    case FieldType::Path:
      if (!d.text_choices.empty() &&
          std::find(d.text_choices.begin(), d.text_choices.end(), s) == d.text_choices.end())
        return fail("'" + s + "' is not an allowed value");
      out = s;
      return true;
    case FieldType::Boolean:
      if (!quoted && (s == "true" || s == "false")) return out = (s == "true"), true;
      return fail("'" + s + "' is not true or false");
    case FieldType::Integer:
    case FieldType::Real: {
      double v = 0;
      if (quoted || !parse_real(s, v)) return fail("'" + s + "' is not a number");
      if (!std::isfinite(v)) return fail("'" + s + "' is not finite");
      if (v < d.min || v > d.max) return fail("'" + s + "' is out of range");
      if (d.type == FieldType::Real) return out = v, true;
      if (v != std::floor(v)) return fail("'" + s + "' is not a whole number");
      // The seed's range reaches 2^64: values from 2^63 travel as their two's-complement long long.
      if (v >= 18446744073709551616.0) return fail("'" + s + "' is out of range");
      const auto i = v >= 9223372036854775808.0 ? static_cast<long long>(static_cast<unsigned long long>(v))
                                                : static_cast<long long>(v);
      if (!d.choices.empty() && std::find(d.choices.begin(), d.choices.end(), i) == d.choices.end())
        return fail("'" + s + "' is not an allowed value");
      return out = i, true;
    }
  }
  return false;
}

std::string resolve_path(const std::string& value, const SourceMark& mark) {
  if (value.empty() || fs::path(value).is_absolute() || mark.line == 0 || mark.file == "--set") return value;
  return (fs::path(mark.file).parent_path() / value).lexically_normal().string();
}

std::string emit_resolved(const KeyCatalogue& keys, const ScenarioSpec& spec) {
  std::string out = "# zonesim " + std::string(kVersion) + ": resolved scenario (defaults, extends, --set)\n";
  std::vector<std::string> open;  // currently open groups
  for (const auto& d : keys.fields) {
    std::vector<std::string> parts;
    for (size_t a = 0, b; a <= d.path.size(); a = b + 1) {
      b = d.path.find('.', a);
      if (b == std::string::npos) b = d.path.size();
      parts.push_back(d.path.substr(a, b - a));
    }
    size_t common = 0;
    while (common < open.size() && common + 1 < parts.size() && open[common] == parts[common]) ++common;
    open.resize(common);
    for (size_t i = common; i + 1 < parts.size(); ++i) {
      out += std::string(2 * i, ' ') + parts[i] + ":\n";
      open.push_back(parts[i]);
    }
    out += std::string(2 * (parts.size() - 1), ' ') + parts.back() + ": " + d.canonical(spec) + "\n";
  }
  return out;
}

// A rule's problems, located at the key they name.
class RuleChecks : public Checks {
 public:
  RuleChecks(const std::map<std::string, SourceMark>& marks, Problems& problems)
      : marks_(marks), problems_(problems) {}
  void fail_at(const std::string& at_key, const std::string& key_path, const std::string& message) override {
    const auto it = marks_.find(at_key);
    problems_.push_back(
        located(it != marks_.end() ? it->second : SourceMark{"(default)", 0, 0}, key_path, message));
  }

 private:
  const std::map<std::string, SourceMark>& marks_;
  Problems& problems_;
};

ScenarioSpec build_spec(const KeyCatalogue& keys, const Flat& flat, Problems& problems) {
  ScenarioSpec spec;
  std::map<std::string, SourceMark> marks;
  for (const auto& d : keys.fields) {
    Entry e;
    if (auto it = flat.find(d.path); it != flat.end()) {
      e = it->second;
    } else {
      e = {YAML::Load(d.default_text), {"(default)", 0, 0}};
    }
    marks[d.path] = e.mark;
    FieldValue v;
    if (!convert(d, e, v, problems)) continue;
    if (d.type == FieldType::Path) v = resolve_path(std::get<std::string>(v), e.mark);
    d.assign(spec, v);
  }
  if (spec.zones.table.empty()) spec.zones.table = default_zone_table();
  // Rules over several keys, once every key has its value; each reports at the key it names.
  if (problems.empty()) {
    RuleChecks checks(marks, problems);
    for (const Rule& rule : keys.rules) rule(spec, checks);
  }
  return spec;
}

}  // namespace

Override parse_override(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0) throw InputError("--set: '" + text + "': expected key.path=value");
  return {text.substr(0, eq), text.substr(eq + 1)};
}

std::string default_zone_table() {
  if (const char* dir = std::getenv("ZONESIM_DATA_DIR"); dir && *dir) return std::string(dir) + "/zones.csv";
  return std::string(ZONESIM_SOURCE_DIR) + "/data/zones.csv";
}

}  // namespace zonesim

namespace zonesim::detail {

ScenarioSpec load_scenario(const KeyCatalogue& keys, const std::string& path,
                           const std::vector<Override>& overrides) {
  Problems problems;
  Flat flat;
  std::vector<std::string> stack;
  load_file(keys, path, stack, flat, problems);
  for (const auto& o : overrides) {
    const SourceMark m{"--set", 1, static_cast<int>(o.key_path.size()) + 2};
    if (!keys.find(o.key_path)) {
      std::vector<std::string> all;
      for (const auto& d : keys.fields) all.push_back(d.path);
      problems.push_back(located({"--set", 1, 1}, o.key_path, unknown_key_message(o.key_path, all)));
      continue;
    }
    YAML::Node value;
    Problems found;  // encoding, malformed YAML, aliases: as in a file, reported at the key
    if (detail::parse_yaml_text(o.value, "", value, found))
      flat[o.key_path] = {value, m};
    else
      for (const auto& f : found)  // drop the location within the value
        problems.push_back(located(m, o.key_path, "bad value: " + f.substr(f.find(": ") + 2)));
  }
  ScenarioSpec spec = build_spec(keys, flat, problems);
  if (!problems.empty()) throw ScenarioError(problems);
  spec.source = path;
  spec.resolved_yaml = emit_resolved(keys, spec);
  return spec;
}

ScenarioSpec default_scenario(const KeyCatalogue& keys) {
  Problems problems;
  ScenarioSpec spec = build_spec(keys, {}, problems);
  if (!problems.empty()) throw ScenarioError(problems);
  spec.resolved_yaml = emit_resolved(keys, spec);
  return spec;
}

std::vector<FieldInfo> scenario_fields(const KeyCatalogue& keys) {
  std::vector<FieldInfo> out;
  for (const auto& d : keys.fields)
    out.push_back({d.path, detail::type_name(d.type), d.default_text,
                   d.type == FieldType::Integer || d.type == FieldType::Real || !d.text_choices.empty()
                       ? range_text(d)
                       : "",
                   d.unit, d.help});
  return out;
}

std::string parameters_markdown(const KeyCatalogue& keys) {
  std::string md =
      "# Scenario parameters\n\n"
      "Generated by `zonesim params --markdown` from the key declarations (engine/scenario/schema.cpp and "
      "each mechanism's own file); do not edit.\n"
      "A scenario file gives only what differs from these defaults; `extends: FILE` inherits another file;\n"
      "`--set key.path=value` overrides any key. Unknown keys, wrong types and out-of-range values are "
      "errors.\n\n"
      "| key | type | default | range | unit | meaning |\n|---|---|---|---|---|---|\n";
  for (const auto& f : scenario_fields(keys))
    md += "| `" + f.path + "` | " + f.type + " | `" + f.default_text + "` | " + f.range + " | " + f.unit +
          " | " + f.help + " |\n";
  return md;
}

}  // namespace zonesim::detail
