// Optimisation files: YAML -> OptPlan (base, set, variables, uncertain, ensemble, replicates, objectives,
// constraints, algorithm). The rules of sweep files: unknown keys with "did you mean", every problem as
// FILE:LINE:COL: key.path: message, all collected. docs/optimize.md.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

#include "optimize_internal.hpp"
#include "scenario/yaml_read.hpp"
#include "sweep_internal.hpp"

namespace fs = std::filesystem;

namespace zonesim::detail {
namespace {

const std::vector<std::string> kTopKeys = {"algorithm",  "base", "constraints", "ensemble",  "objectives",
                                           "replicates", "set",  "title",       "uncertain", "variables"};
const std::vector<std::string> kVariableKeys = {"range"};
const std::vector<std::string> kEnsembleKeys = {"seed", "states"};
const std::vector<std::string> kObjectiveKeys = {"percentile", "reference", "regret", "robustness",
                                                 "sense",      "variable",  "year",   "years"};
const std::vector<std::string> kConstraintKeys = {"at_least", "at_most", "percentile", "robustness",
                                                  "variable", "year",    "years"};
const std::vector<std::string> kAlgorithmKeys = {"crossover", "eta_c",      "eta_m", "generations",
                                                 "mutation",  "population", "seed",  "type"};
// Keys every run of one optimisation shares (as in a sweep): they may be set under set:, never searched.
const std::set<std::string> kSharedKeys = {"seed",        "time.start",  "time.end",          "zones.year",
                                           "zones.table", "zones.entry", "output.compression"};

struct Parser {
  const std::string& file;
  OptPlan& plan;
  OptMarks& marks;
  Problems& problems;

  void problem(const YAML::Node& n, const std::string& path, const std::string& message) {
    problems.push_back(located(mark_of(n, file), path, message));
  }

  // Iterates a mapping, reporting non-scalar and duplicate keys and keys not in `valid` (when given).
  template <class F>
  void each_key(const YAML::Node& map, const std::string& path, const std::vector<std::string>* valid,
                F&& f) {
    std::set<std::string> seen;
    for (auto it = map.begin(); it != map.end(); ++it) {
      if (!it->first.IsScalar()) {
        problem(it->first, path, "a key must be a plain name");
        continue;
      }
      const std::string key = it->first.Scalar();
      std::string full = path;
      if (!full.empty()) full += '.';
      full += key;
      if (!seen.insert(key).second) {
        problem(it->first, full, "duplicate key");
        continue;
      }
      if (valid && std::find(valid->begin(), valid->end(), key) == valid->end()) {
        problem(it->first, full, unknown_key(key, *valid));
        continue;
      }
      f(key, it->second, it->first, full);
    }
  }

  bool expect_map(const YAML::Node& n, const YAML::Node& key, const std::string& path,
                  const std::string& what) {
    if (n.IsMap()) return true;
    std::string message = n.IsNull() ? "has no value" : "not a mapping";
    message += " (expected ";
    message += what;
    message += ")";
    problem(n.IsNull() ? key : n, path, message);
    return false;
  }

  bool read_number(const YAML::Node& n, const std::string& path, double lo, double hi, double& out) {
    char* end = nullptr;
    const std::string s = n.IsScalar() ? n.Scalar() : "";
    const double v = std::strtod(s.c_str(), &end);
    if (!n.IsScalar() || s.empty() || end != s.c_str() + s.size() || !std::isfinite(v) || n.Tag() == "!") {
      problem(n, path, "'" + s + "' is not a number");
      return false;
    }
    if (v < lo || v > hi) {
      char range[96];
      std::snprintf(range, sizeof range, " (expected number in %g to %g)", lo, hi);
      problem(n, path, "'" + s + "' is out of range" + range);
      return false;
    }
    out = v;
    return true;
  }

  bool read_int(const YAML::Node& n, const std::string& path, long long lo, long long hi, long long& out) {
    double v = 0;
    if (!read_number(n, path, static_cast<double>(lo), static_cast<double>(hi), v)) return false;
    if (v != std::floor(v)) {
      problem(n, path, "'" + n.Scalar() + "' is not a whole number");
      return false;
    }
    out = static_cast<long long>(v);
    return true;
  }

  bool read_choice(const YAML::Node& n, const std::string& path, const std::vector<std::string>& choices,
                   std::string& out) {
    if (n.IsScalar() && std::find(choices.begin(), choices.end(), n.Scalar()) != choices.end()) {
      out = n.Scalar();
      return true;
    }
    std::string list;
    for (const auto& c : choices) {
      if (!list.empty()) list += " or ";
      list += c;
    }
    problem(n, path, "expected " + list);
    return false;
  }

  void read_set(const YAML::Node& map, const std::string& prefix, const std::string& path);
  void read_variable(const std::string& key, const YAML::Node& value, const YAML::Node& key_node,
                     const std::string& path, std::vector<OptVariable>& out);
  void read_measure(const YAML::Node& n, const std::string& path, OptMeasure& m, bool objective);
  void read_objective(const std::string& name, const YAML::Node& n, const YAML::Node& key,
                      const std::string& path);
  void read_constraint(const std::string& name, const YAML::Node& n, const YAML::Node& key,
                       const std::string& path);
  void read_algorithm(const YAML::Node& n, const YAML::Node& key);
  void read_top(const YAML::Node& root);
};

// key.path: value pairs, nested mappings allowed (relocation: {fixed_cost: 1} is relocation.fixed_cost).
void Parser::read_set(const YAML::Node& map, const std::string& prefix, const std::string& path) {
  each_key(map, path, nullptr,
           [&](const std::string& key, const YAML::Node& value, const YAML::Node& key_node,
               const std::string& full) {
             const std::string key_path = prefix.empty() ? key : prefix + "." + key;
             if (value.IsMap() && !find_field(key_path)) return read_set(value, key_path, full);
             if (!find_field(key_path)) {
               std::vector<std::string> all;
               for (const auto& d : scenario_keys().fields) all.push_back(d.path);
               const std::string message = unknown_key(key_path, all);
               return problem(key_node, full,
                              message.substr(0, message.find(';')) + " (expected a scenario key)");
             }
             if (!value.IsScalar())
               return problem(value.IsNull() ? key_node : value, full, "not a single value");
             const std::string text = value.Tag() == "!" ? "\"" + value.Scalar() + "\"" : value.Scalar();
             plan.common.push_back({key_path, text});
             marks.overrides[key_path] = mark_of(value, file);
           });
}

// A searched or uncertain key: {range: [low, high]} or the short form [low, high].
void Parser::read_variable(const std::string& key, const YAML::Node& value, const YAML::Node& key_node,
                           const std::string& path, std::vector<OptVariable>& out) {
  const FieldDecl* d = find_field(key);
  if (!d) {
    std::vector<std::string> all;
    for (const auto& f : scenario_keys().fields) all.push_back(f.path);
    const std::string message = unknown_key(key, all);
    return problem(key_node, path, message.substr(0, message.find(';')) + " (expected a scenario key)");
  }
  if (kSharedKeys.count(key))
    return problem(
        key_node, path,
        "cannot vary: every run shares seed, time.start, time.end, zones.* and output.compression");
  if (d->type != FieldType::Integer && d->type != FieldType::Real)
    return problem(key_node, path, key + " is a " + type_name(d->type) + " key (expected a numeric key)");
  YAML::Node range;  // reset(), never =: assigning to a YAML::Node writes into the node it refers to
  range.reset(value);
  if (value.IsMap()) {
    range.reset();
    each_key(value, path, &kVariableKeys,
             [&](const std::string&, const YAML::Node& v, const YAML::Node&, const std::string&) {
               range.reset(v);
             });
    if (!range.IsDefined() || range.IsNull())
      return problem(value, path + ".range", "missing (expected [low, high])");
  }
  const std::string rpath = value.IsMap() ? path + ".range" : path;
  if (!range.IsSequence() || range.size() != 2)
    return problem(range.IsNull() ? key_node : range, rpath, "expected [low, high]");
  double v[2];
  for (int i = 0; i < 2; ++i)
    if (!read_number(range[i], rpath, d->min, d->max, v[i])) return;
  if (!(v[0] < v[1])) return problem(range, rpath, "inverted or empty bounds: low must be below high");
  const bool integer = d->type == FieldType::Integer;
  if (integer && (v[0] != std::floor(v[0]) || v[1] != std::floor(v[1])))
    return problem(range, rpath, key + " is an integer key (expected whole bounds)");
  for (const auto& other : plan.variables)
    if (other.key_path == key) return problem(key_node, path, "is already a decision variable");
  out.push_back({key, integer, v[0], v[1], d->unit, mark_of(key_node, file)});
  marks.at[path] = mark_of(key_node, file);
}

void Parser::read_measure(const YAML::Node& n, const std::string& path, OptMeasure& m, bool objective) {
  const YAML::Node variable = n["variable"], year = n["year"], years = n["years"];
  if (!variable)
    problem(n, path + ".variable", "missing (expected an output variable, e.g. theil_t_gdp, total_gdp)");
  else if (!variable.IsScalar())
    problem(variable, path + ".variable", "expected the name of an output variable");
  else if (const OutputVariable* v = find_output_variable(variable.Scalar()); !v) {
    std::vector<std::string> names;
    for (const auto& o : output_variables()) names.push_back(o.name);
    const std::string hint = unknown_key(variable.Scalar(), names);  // "unknown key[ (did you mean ..)]; .."
    std::string message = "'" + variable.Scalar() + "' is not an output variable";
    message += hint.substr(11, hint.find(';') - 11);
    message +=
        " (expected a total or a metric INDEX_VARIABLE of docs/output.md, e.g. total_gdp, theil_t_gdp)";
    problem(variable, path + ".variable", message);
  } else {
    m.variable = v->name;
    m.units = v->units;
  }
  marks.at[path + ".variable"] = mark_of(variable ? variable : n, file);
  long long y = 0;
  if (year && years) {
    problem(years, path + ".years", "give either year or years");
  } else if (year) {
    if (read_int(year, path + ".year", 1900, 2200, y)) m.from = m.to = static_cast<int>(y);
    marks.at[path + ".year"] = mark_of(year, file);
  } else if (years) {
    long long a = 0, b = 0;
    if (!years.IsSequence() || years.size() != 2) {
      problem(years, path + ".years", "expected [first, last] (a flow summed over the years, both included)");
    } else if (read_int(years[0], path + ".years", 1900, 2200, a) &&
               read_int(years[1], path + ".years", 1900, 2200, b)) {
      if (a > b) problem(years, path + ".years", "inverted: first must not be after last");
      m.from = static_cast<int>(a), m.to = static_cast<int>(b);
    }
    marks.at[path + ".years"] = mark_of(years, file);
  }  // neither: the last year, set by resolve_optimization
  std::string robustness = "mean";
  if (const YAML::Node r = n["robustness"]) {
    const std::vector<std::string> choices = objective
                                                 ? std::vector<std::string>{"mean", "percentile", "regret"}
                                                 : std::vector<std::string>{"mean", "percentile"};
    read_choice(r, path + ".robustness", choices, robustness);
  }
  m.robustness = robustness == "percentile" ? Robustness::percentile
                 : robustness == "regret"   ? Robustness::regret
                                            : Robustness::mean;
  if (const YAML::Node p = n["percentile"]) {
    if (m.robustness != Robustness::percentile)
      problem(p, path + ".percentile", "only with robustness: percentile");
    else
      read_number(p, path + ".percentile", 0, 100, m.percentile);
  }
  if (const YAML::Node r = n["regret"]) {
    std::string statistic;
    if (m.robustness != Robustness::regret)
      problem(r, path + ".regret", "only with robustness: regret");
    else if (read_choice(r, path + ".regret", {"max", "mean"}, statistic))
      m.regret_mean = statistic == "mean";
  }
}

void Parser::read_objective(const std::string& name, const YAML::Node& n, const YAML::Node& key,
                            const std::string& path) {
  if (!expect_map(n, key, path, "variable, year or years, sense, robustness")) return;
  OptObjective o;
  o.name = name;
  o.mark = mark_of(key, file);
  each_key(n, path, &kObjectiveKeys, [](auto&&...) {});
  read_measure(n, path, o.measure, true);
  std::string sense;
  if (!n["sense"])
    problem(n, path + ".sense", "missing (expected min or max)");
  else if (read_choice(n["sense"], path + ".sense", {"min", "max"}, sense))
    o.maximize = sense == "max";
  if (const YAML::Node r = n["reference"])
    o.has_reference = read_number(r, path + ".reference", -1e300, 1e300, o.reference);
  plan.objectives.push_back(std::move(o));
}

void Parser::read_constraint(const std::string& name, const YAML::Node& n, const YAML::Node& key,
                             const std::string& path) {
  if (!expect_map(n, key, path, "variable, year or years, at_most or at_least")) return;
  OptConstraint c;
  c.name = name;
  c.mark = mark_of(key, file);
  each_key(n, path, &kConstraintKeys, [](auto&&...) {});
  read_measure(n, path, c.measure, false);
  const YAML::Node most = n["at_most"], least = n["at_least"];
  if (!most == !least)
    problem(n, path, "give either at_most or at_least");
  else if (most)
    read_number(most, path + ".at_most", -1e300, 1e300, c.bound);
  else
    c.at_most = false, read_number(least, path + ".at_least", -1e300, 1e300, c.bound);
  plan.constraints.push_back(std::move(c));
}

void Parser::read_algorithm(const YAML::Node& n, const YAML::Node& key) {
  if (!expect_map(n, key, "algorithm", "type, population, generations, seed")) return;
  OptAlgorithm& a = plan.algorithm;
  long long v = 0;
  each_key(n, "algorithm", &kAlgorithmKeys,
           [&](const std::string& k, const YAML::Node& value, const YAML::Node&, const std::string& path) {
             if (k == "type") {
               read_choice(value, path, {"nsga2"}, a.type);
             } else if (k == "population") {
               if (!read_int(value, path, 8, 100000, v)) return;
               if (v % 4 != 0)
                 problem(value, path,
                         "'" + value.Scalar() + "' is not a multiple of 4 (NSGA-II pairs its parents)");
               else
                 a.population = static_cast<int>(v);
             } else if (k == "generations") {
               if (read_int(value, path, 1, 100000, v)) a.generations = static_cast<int>(v);
             } else if (k == "seed") {
               if (read_int(value, path, 0, 4294967295LL, v)) a.seed = static_cast<std::uint64_t>(v);
             } else if (k == "crossover") {
               read_number(value, path, 0, 0.999999, a.crossover);
             } else if (k == "mutation") {
               read_number(value, path, 0, 1, a.mutation);
             } else if (k == "eta_c") {
               read_number(value, path, 1, 99.999, a.eta_c);
             } else if (k == "eta_m") {
               read_number(value, path, 1, 99.999, a.eta_m);
             }
           });
}

void Parser::read_top(const YAML::Node& root) {
  bool has_base = false, has_objectives = false;
  long long v = 0;
  each_key(root, "", nullptr,
           [&](const std::string& k, const YAML::Node& n, const YAML::Node& kn, const std::string&) {
             if (k == "base") {
               has_base = true;
               if (!n.IsScalar() || n.Scalar().empty())
                 return problem(n.IsNull() ? kn : n, "base", "expected the path of a scenario file");
               const fs::path p = fs::path(n.Scalar()).is_absolute()
                                      ? fs::path(n.Scalar())
                                      : fs::path(file).parent_path() / n.Scalar();
               plan.base = fs::absolute(p).lexically_normal().string();
               std::error_code ec;
               if (!fs::is_regular_file(plan.base, ec)) problem(n, "base", n.Scalar() + ": no such file");
             } else if (k == "title") {
               if (n.IsScalar())
                 plan.title = n.Scalar();
               else
                 problem(n.IsNull() ? kn : n, "title", "expected a text");
             } else if (k == "set") {
               if (expect_map(n, kn, "set", "key.path: value overrides applied to every run"))
                 read_set(n, "", "set");
             } else if (k == "variables" || k == "uncertain") {
               if (!expect_map(n, kn, k, "key.path: {range: [low, high]}")) return;
               each_key(n, k, nullptr,
                        [&](const std::string& key, const YAML::Node& value, const YAML::Node& key_node,
                            const std::string& path) {
                          read_variable(key, value, key_node, path,
                                        k == "variables" ? plan.variables : plan.uncertain);
                        });
               if (k == "variables" && n.size() == 0)
                 problem(n, k, "empty (expected at least one decision variable)");
             } else if (k == "ensemble") {
               if (!expect_map(n, kn, "ensemble", "states, seed")) return;
               each_key(n, "ensemble", &kEnsembleKeys,
                        [&](const std::string& e, const YAML::Node& value, const YAML::Node&,
                            const std::string& path) {
                          if (e == "states" && read_int(value, path, 1, 100000, v))
                            plan.states = static_cast<int>(v);
                          if (e == "seed" && read_int(value, path, 0, 9007199254740992LL, v))
                            plan.ensemble_seed = static_cast<std::uint64_t>(v);
                        });
             } else if (k == "replicates") {
               if (read_int(n.IsNull() ? kn : n, "replicates", 1, 10000, v))
                 plan.replicates = static_cast<int>(v);
             } else if (k == "objectives") {
               has_objectives = true;
               if (!expect_map(n, kn, "objectives", "named objectives: {variable, year, sense, robustness}"))
                 return;
               each_key(n, "objectives", nullptr,
                        [&](const std::string& name, const YAML::Node& value, const YAML::Node& key_node,
                            const std::string& path) { read_objective(name, value, key_node, path); });
               if (n.size() == 0) problem(n, "objectives", "empty (expected at least one objective)");
             } else if (k == "constraints") {
               if (!expect_map(n, kn, "constraints", "named constraints: {variable, year, at_most}")) return;
               each_key(n, "constraints", nullptr,
                        [&](const std::string& name, const YAML::Node& value, const YAML::Node& key_node,
                            const std::string& path) { read_constraint(name, value, key_node, path); });
             } else if (k == "algorithm") {
               read_algorithm(n, kn);
             } else {
               const bool scenario_key = find_field(k) != nullptr;
               problem(kn, k,
                       unknown_key(k, kTopKeys) +
                           (scenario_key ? " (an optimisation file: scenario keys go under set:)" : ""));
             }
           });
  if (!has_base) problems.push_back(file + ": base: missing (expected the path of the base scenario file)");
  if (!has_objectives) problems.push_back(file + ": objectives: missing (expected at least one objective)");
  if (plan.variables.empty() && !root["variables"])
    problems.push_back(file + ": variables: missing (expected at least one decision variable)");
}

}  // namespace

void parse_optimization(const std::string& path, OptPlan& plan, OptMarks& marks, Problems& problems) {
  plan.source = path;
  std::error_code ec;
  if (!fs::exists(path, ec)) return problems.push_back(path + ": no such file");
  if (fs::is_directory(path, ec)) return problems.push_back(path + ": is a directory (expected a YAML file)");
  YAML::Node root;
  if (!read_yaml_file(path, "optimisation", root, problems)) return;
  if (!root.IsMap())
    return problems.push_back(located(mark_of(root, path), "", "expected a mapping of keys"));
  Parser{path, plan, marks, problems}.read_top(root);
  if (plan.objectives.size() == 1)
    problems.push_back(located(plan.objectives[0].mark, "objectives",
                               "one objective (expected at least two: NSGA-II searches for a Pareto front)"));
  for (const auto& u : plan.uncertain)
    for (const auto& d : plan.variables)
      if (u.key_path == d.key_path)
        problems.push_back(located(u.mark, "uncertain." + u.key_path, "is also a decision variable"));
}

}  // namespace zonesim::detail
