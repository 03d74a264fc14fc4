// Sweep files: YAML -> SweepPlan (base, set, schemes, factors, design, replicates). The same rules as
// scenario files: unknown keys with "did you mean", every problem as FILE:LINE:COL: key.path: message, all
// collected.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include "scenario/yaml_read.hpp"
#include "sweep_internal.hpp"

namespace fs = std::filesystem;

namespace zonesim::detail {

std::string quoted_yaml(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

namespace {

const std::vector<std::string> kTopKeys = {"base",    "design", "factors", "replicates",
                                           "schemes", "set",    "title"};
const std::vector<std::string> kSweepOnlyKeys = {"base", "design", "factors", "replicates", "schemes"};
const std::vector<std::string> kDesignKeys = {"levels", "samples", "seed", "type"};
const std::vector<std::string> kFactorKeys = {"levels", "range", "scale"};
// Every scenario of a sweep shares the time axis, the zone table and the output settings.
const std::set<std::string> kSharedKeys = {"time.start",  "time.end",    "zones.year",
                                           "zones.table", "zones.entry", "output.compression"};

// The YAML text of a scalar for load_scenario's overrides: quoted values stay strings.
std::string value_text(const YAML::Node& n) { return n.Tag() == "!" ? quoted_yaml(n.Scalar()) : n.Scalar(); }

// A prefix of scenario keys ("relocation" of "relocation.fixed_cost").
bool is_group_path(const std::string& path) {
  return std::any_of(scenario_keys().fields.begin(), scenario_keys().fields.end(),
                     [&](const FieldDecl& d) { return d.path.compare(0, path.size() + 1, path + ".") == 0; });
}

struct Parser {
  const std::string& file;
  SweepPlan& plan;
  Problems& problems;

  void problem(const YAML::Node& n, const std::string& path, const std::string& message) {
    problems.push_back(located(mark_of(n, file), path, message));
  }

  // Iterates a mapping, reporting non-scalar and duplicate keys; calls f(key, value, key node).
  template <class F>
  void each_key(const YAML::Node& map, const std::string& path, F&& f) {
    std::map<std::string, int> seen;
    for (auto it = map.begin(); it != map.end(); ++it) {
      if (!it->first.IsScalar()) {
        problem(it->first, path, "a key must be a plain name");
        continue;
      }
      const std::string key = it->first.Scalar();
      const std::string full = path.empty() ? key : path + "." + key;
      if (auto [pos, fresh] = seen.emplace(key, mark_of(it->first, file).line); !fresh) {
        problem(it->first, full, "duplicate key (first given at line " + std::to_string(pos->second) + ")");
        continue;
      }
      f(key, it->second, it->first);
    }
  }

  bool expect_map(const YAML::Node& n, const YAML::Node& key, const std::string& path,
                  const std::string& what) {
    if (n.IsMap()) return true;
    problem(n.IsNull() ? key : n, path,
            (n.IsNull() ? "has no value" : "not a mapping") + (" (expected " + what + ")"));
    return false;
  }

  bool read_int(const YAML::Node& n, const std::string& path, long long lo, long long hi, long long& out) {
    const std::string expected =
        " (expected integer in " + std::to_string(lo) + " to " + std::to_string(hi) + ")";
    if (!n.IsScalar() || n.Tag() == "!") return problem(n, path, "not a whole number" + expected), false;
    try {
      size_t used = 0;
      const long double v = std::stold(n.Scalar(), &used);
      if (used != n.Scalar().size() || v != std::floor(v)) throw std::invalid_argument("");
      if (v < lo || v > hi) return problem(n, path, "'" + n.Scalar() + "' is out of range" + expected), false;
      out = static_cast<long long>(v);
      return true;
    } catch (const std::exception&) {
      return problem(n, path, "'" + n.Scalar() + "' is not a whole number" + expected), false;
    }
  }

  bool known_key(const std::string& key, const YAML::Node& at, const std::string& path) {
    if (find_field(key)) return true;
    std::vector<std::string> all;
    for (const auto& d : scenario_keys().fields) all.push_back(d.path);
    const std::string message = unknown_key(key, all);
    problem(at, path,
            message.substr(0, message.find(';')) + " (expected a scenario key; `zonesim params` lists them)");
    return false;
  }

  // A scenario key that a scheme or factor may vary: known, and not one every scenario must share.
  bool check_swept_key(const std::string& key, const YAML::Node& at, const std::string& path) {
    if (!known_key(key, at, path)) return false;
    if (key == "seed") {
      problem(at, path,
              "cannot vary between scenarios: replicates set the random streams (common random numbers); "
              "set the base seed under set:");
      return false;
    }
    if (kSharedKeys.count(key)) {
      problem(at, path,
              "cannot vary between scenarios: every scenario of a sweep shares time.start, time.end, "
              "zones.year, zones.table, zones.entry and output.compression (set it under set:)");
      return false;
    }
    return true;
  }

  // key.path: value pairs, nested mappings allowed (relocation: {fixed_cost: 1} is relocation.fixed_cost).
  void read_overrides(const YAML::Node& map, const std::string& prefix, const std::string& path, bool swept,
                      std::vector<Override>& out, std::vector<SourceMark>& marks) {
    each_key(map, path, [&](const std::string& key, const YAML::Node& value, const YAML::Node& key_node) {
      const std::string key_path = prefix.empty() ? key : prefix + "." + key;
      const std::string full = path + "." + key;
      // Only a group of scenario keys nests (which also bounds the walk of an alias-heavy document).
      if (value.IsMap() && is_group_path(key_path))
        return read_overrides(value, key_path, full, swept, out, marks);
      if (!(swept ? check_swept_key(key_path, key_node, full) : known_key(key_path, key_node, full))) return;
      if (!value.IsScalar()) return problem(value.IsNull() ? key_node : value, full, "not a single value");
      out.push_back({key_path, value_text(value)});
      marks.push_back(mark_of(value, file));
    });
  }

  void read_schemes(const YAML::Node& n, const YAML::Node& key) {
    if (!expect_map(n, key, "schemes", "named sets of key.path: value overrides; the first is the reference"))
      return;
    each_key(n, "schemes",
             [&](const std::string& name, const YAML::Node& value, const YAML::Node& name_node) {
               const std::string path = "schemes." + name;
               const bool plain = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
                 return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' ||
                        c == '+';
               });
               if (!plain)
                 problem(name_node, path, "a scheme name may hold letters, digits and _ - . + only");
               SweepScheme s{name, {}, {}, mark_of(name_node, file)};
               if (value.IsMap()) {
                 read_overrides(value, "", path, true, s.overrides, s.marks);
               } else if (!value.IsNull()) {
                 problem(value, path, "not a mapping (expected key.path: value overrides, or {} for none)");
               }
               plan.schemes.push_back(std::move(s));
             });
    if (n.size() == 0)
      problem(n, "schemes", "empty (expected at least one scheme; the first is the reference)");
    plan.named_schemes = true;
  }

  void read_range(const YAML::Node& n, const std::string& path, SweepFactor& f);
  void read_factor(const std::string& key, const YAML::Node& value, const YAML::Node& key_node);
  void read_design(const YAML::Node& n, const YAML::Node& key);
  void read_top(const YAML::Node& root);
};

void Parser::read_range(const YAML::Node& n, const std::string& path, SweepFactor& f) {
  const FieldDecl* d = find_field(f.key_path);
  if (f.type != "integer" && f.type != "number")
    return problem(n, path,
                   "a range needs a numeric key; " + f.key_path + " is a " + f.type + " (use levels)");
  if (!n.IsSequence() || n.size() != 2 || !n[0].IsScalar() || !n[1].IsScalar())
    return problem(n, path, "expected [low, high]");
  double v[2];
  for (int i = 0; i < 2; ++i) {
    char* end = nullptr;
    const std::string s = n[i].Scalar();
    v[i] = std::strtod(s.c_str(), &end);
    if (s.empty() || end != s.c_str() + s.size() || !std::isfinite(v[i]) || n[i].Tag() == "!")
      return problem(n[i], path, "'" + s + "' is not a number");
    if (v[i] < d->min || v[i] > d->max)
      return problem(n[i], path, "'" + s + "' is out of range for " + f.key_path);
  }
  if (!(v[0] < v[1])) return problem(n, path, "low must be below high");
  f.is_range = true, f.low = v[0], f.high = v[1];
}

void Parser::read_factor(const std::string& key, const YAML::Node& value, const YAML::Node& key_node) {
  const std::string path = "factors." + key;
  if (!check_swept_key(key, key_node, path)) return;
  SweepFactor f;
  f.key_path = key;
  f.type = type_name(find_field(key)->type);
  f.mark = mark_of(key_node, file);
  std::map<std::string, YAML::Node> given;  // levels, range, scale
  if (value.IsSequence()) {
    given["levels"] = value;
  } else if (expect_map(value, key_node, path, "levels: [..] or range: [low, high]")) {
    each_key(value, path, [&](const std::string& k, const YAML::Node& v, const YAML::Node& kn) {
      if (std::find(kFactorKeys.begin(), kFactorKeys.end(), k) != kFactorKeys.end())
        given[k] = v;
      else
        problem(kn, path + "." + k, unknown_key(k, kFactorKeys));
    });
    if (given.count("levels") == given.count("range"))
      return problem(value, path, "give either levels or range");
  } else {
    return;
  }
  const bool has_scale = given.count("scale") > 0;
  const YAML::Node levels = given.count("levels") ? given["levels"] : YAML::Node();
  const YAML::Node range = given.count("range") ? given["range"] : YAML::Node();
  const YAML::Node scale = has_scale ? given["scale"] : YAML::Node();
  if (given.count("levels")) {
    if (!levels.IsSequence() || levels.size() == 0)
      return problem(levels, path + ".levels", "expected a list of values");
    for (const auto& l : levels) {
      if (!l.IsScalar()) return problem(l, path + ".levels", "not a single value");
      f.levels.push_back(value_text(l));
      f.level_marks.push_back(mark_of(l, file));
    }
    if (has_scale) problem(scale, path + ".scale", "only a range has a scale");
  } else {
    read_range(range, path + ".range", f);
    if (has_scale && (!scale.IsScalar() || (scale.Scalar() != "linear" && scale.Scalar() != "log")))
      problem(scale, path + ".scale", "expected linear or log");
    f.log_scale = has_scale && scale.IsScalar() && scale.Scalar() == "log";
    if (f.log_scale && f.low <= 0) problem(range, path + ".range", "a log scale needs low > 0");
  }
  plan.factors.push_back(std::move(f));
}

void Parser::read_design(const YAML::Node& n, const YAML::Node& key) {
  if (!expect_map(n, key, "design", "type, samples, levels, seed")) return;
  std::map<std::string, YAML::Node> given;
  each_key(n, "design", [&](const std::string& k, const YAML::Node& v, const YAML::Node& kn) {
    if (std::find(kDesignKeys.begin(), kDesignKeys.end(), k) != kDesignKeys.end())
      given[k] = v;
    else
      problem(kn, "design." + k, unknown_key(k, kDesignKeys));
  });
  const bool has_type = given.count("type"), has_samples = given.count("samples"),
             has_levels = given.count("levels"), has_seed = given.count("seed");
  const YAML::Node type = has_type ? given["type"] : n, samples = has_samples ? given["samples"] : n,
                   levels = has_levels ? given["levels"] : n, seed = has_seed ? given["seed"] : n;
  SweepDesign& d = plan.design;
  const std::map<std::string, DesignType> types = {{"grid", DesignType::grid},
                                                   {"lhs", DesignType::lhs},
                                                   {"sobol", DesignType::sobol},
                                                   {"morris", DesignType::morris}};
  d.type = DesignType::grid;
  if (has_type && (!type.IsScalar() || !types.count(type.Scalar())))
    problem(type, "design.type", "expected grid, lhs, sobol or morris");
  else if (has_type)
    d.type = types.at(type.Scalar());
  long long v = 0;
  const bool sampled =
      d.type == DesignType::lhs || d.type == DesignType::sobol || d.type == DesignType::morris;
  if (has_samples && !sampled)
    problem(samples, "design.samples", "a grid design has no samples (its levels set its size)");
  else if (has_samples && read_int(samples, "design.samples", 1, 10000000, v))
    d.samples = static_cast<int>(v);
  else if (!has_samples && sampled)
    problem(type, "design.samples",
            std::string("missing: a ") + design_name(d.type) + " design needs samples");
  const bool leveled = d.type == DesignType::grid || d.type == DesignType::morris;
  d.levels = d.type == DesignType::morris ? 4 : 3;
  if (has_levels && !leveled)
    problem(levels, "design.levels", std::string("a ") + design_name(d.type) + " design has no levels");
  else if (has_levels && read_int(levels, "design.levels", 2, 1000, v))
    d.levels = static_cast<int>(v);
  if (d.type == DesignType::morris && d.levels % 2)
    problem(levels, "design.levels", "a morris design needs an even number of levels");
  if (has_seed && d.type == DesignType::grid)
    problem(seed, "design.seed", "a grid design has no randomness");
  else if (has_seed && read_int(seed, "design.seed", 0, 9007199254740992LL, v))
    d.seed = static_cast<std::uint64_t>(v);
}

void Parser::read_top(const YAML::Node& root) {
  bool has_base = false;
  each_key(root, "", [&](const std::string& k, const YAML::Node& v, const YAML::Node& kn) {
    if (k == "base") {
      has_base = true;
      if (!v.IsScalar() || v.Scalar().empty())
        return problem(v.IsNull() ? kn : v, "base", "expected the path of a scenario file");
      const fs::path p = fs::path(v.Scalar()).is_absolute() ? fs::path(v.Scalar())
                                                            : fs::path(file).parent_path() / v.Scalar();
      plan.base = fs::absolute(p).lexically_normal().string();
      std::error_code ec;
      if (!fs::is_regular_file(plan.base, ec))
        problem(v, "base", v.Scalar() + ": no such file (" + plan.base + ")");
    } else if (k == "title") {
      if (!v.IsScalar())
        problem(v.IsNull() ? kn : v, "title", "expected a text");
      else
        plan.title = v.Scalar();
    } else if (k == "set") {
      if (expect_map(v, kn, "set", "key.path: value overrides applied to every scenario"))
        read_overrides(v, "", "set", false, plan.common, plan.common_marks);
    } else if (k == "schemes") {
      read_schemes(v, kn);
    } else if (k == "factors") {
      if (expect_map(v, kn, "factors", "key.path: {levels: [..]} or {range: [low, high]}"))
        each_key(v, "factors",
                 [&](const std::string& key, const YAML::Node& val, const YAML::Node& key_node) {
                   read_factor(key, val, key_node);
                 });
    } else if (k == "design") {
      read_design(v, kn);
    } else if (k == "replicates") {
      long long r = 1;
      if (read_int(v.IsNull() ? kn : v, "replicates", 1, 1000000, r)) plan.replicates = static_cast<int>(r);
    } else {
      const bool scenario_key =
          find_field(k) || std::any_of(scenario_keys().fields.begin(), scenario_keys().fields.end(),
                                       [&](const FieldDecl& d) { return d.path.rfind(k + ".", 0) == 0; });
      problem(kn, k,
              unknown_key(k, kTopKeys) +
                  (scenario_key ? " (a sweep file: scenario keys go under set:, schemes or factors)" : ""));
    }
  });
  if (!has_base) problems.push_back(file + ": base: missing (expected the path of the base scenario file)");
}

}  // namespace

SourceMark mark_of(const YAML::Node& n, const std::string& file) {
  const YAML::Mark m = n.Mark();
  if (m.is_null()) return {file, 0, 0};
  return {file, m.line + 1, m.column + 1};
}

const FieldDecl* find_field(const std::string& key_path) { return scenario_keys().find(key_path); }

std::string unknown_key(const std::string& key, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_d = std::max<size_t>(2, key.size() / 3) + 1;
  for (const auto& c : candidates)
    if (const size_t d = edit_distance(key, c); d < best_d) best_d = d, best = c;
  std::string msg = "unknown key";
  if (!best.empty()) msg += " (did you mean '" + best + "'?)";
  std::string list;
  for (const auto& c : candidates) list += (list.empty() ? "" : ", ") + c;
  return msg + "; valid keys here: " + list;
}

void parse_sweep(const std::string& path, SweepPlan& plan, Problems& problems) {
  plan.source = path;
  std::error_code ec;
  if (!fs::exists(path, ec)) return problems.push_back(path + ": no such file");
  if (fs::is_directory(path, ec))
    return problems.push_back(path + ": is a directory (expected a YAML sweep file)");
  YAML::Node root;
  if (!read_yaml_file(path, "sweep", root, problems)) return;
  if (!root.IsMap())
    return problems.push_back(located(mark_of(root, path), "", "expected a mapping of sweep keys"));
  Parser{path, plan, problems}.read_top(root);
  if (!plan.named_schemes) plan.schemes.push_back({"base", {}, {}, {path, 0, 0}});
  if (plan.factors.empty() && plan.design.type != DesignType::none)
    problems.push_back(path + ": design: no factors to design over (add factors, or remove design)");
  if (!plan.factors.empty() && plan.design.type == DesignType::none)
    plan.design = {DesignType::grid, 0, 3, 1};
  if (plan.design.type == DesignType::sobol && plan.factors.size() > design::kSobolMaxDims / 2)
    problems.push_back(path + ": factors: a sobol design takes at most " +
                       std::to_string(design::kSobolMaxDims / 2) + " factors (the Sobol' sequence has " +
                       std::to_string(design::kSobolMaxDims) + " dimensions)");
}

bool is_sweep_key(const std::string& key) {
  return std::find(kSweepOnlyKeys.begin(), kSweepOnlyKeys.end(), key) != kSweepOnlyKeys.end();
}

}  // namespace zonesim::detail
