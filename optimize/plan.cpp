// From a parsed optimisation file to its plan: command-line adjustments, the base scenario, the years of
// each measure, the ensemble of states of the world (Latin hypercube), validation of the scenarios at the
// corners of the search space, the resolved definition and its hash.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <sstream>

#include "optimize_internal.hpp"
#include "scenario/yaml_read.hpp"
#include "sweep_internal.hpp"
#include "zonesim/compare.hpp"
#include "zonesim/design.hpp"

namespace zonesim {
namespace detail {
namespace {

std::string real_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::string value_text(const OptVariable& v, double x) {
  return v.integer ? std::to_string(std::llround(x)) : real_text(x);
}

// "--set:1:N: key.path: message" -> "FILE:LINE:COL: path: message" for keys the file gave.
std::string map_problem(const std::string& p, const std::map<std::string, SourceMark>& at,
                        const std::string& where) {
  if (p.rfind("--set:1:", 0) != 0) return p + where;
  const size_t a = p.find(": ");
  const size_t b = a == std::string::npos ? a : p.find(": ", a + 2);
  if (b == std::string::npos) return p + where;
  const std::string key = p.substr(a + 2, b - a - 2);
  auto it = at.find(key);
  if (it ==
      at.end())  // a rule over a group of keys (mechanisms.synergy_fund): the first of them the file gave
    it = std::find_if(at.begin(), at.end(), [&](const auto& e) { return e.first.rfind(key + ".", 0) == 0; });
  if (it == at.end() || it->second.file == "--set") return p + where;
  return located(it->second, key, p.substr(b + 2)) + where;
}

void adjust_plan(OptPlan& plan, const OptAdjust& adjust, OptMarks& marks) {
  for (const auto& o : adjust.set) {
    plan.common.push_back(o);
    marks.overrides[o.key_path] = {"--set", 1, static_cast<int>(o.key_path.size()) + 2};
  }
  if (adjust.population > 0) plan.algorithm.population = adjust.population;
  if (adjust.generations > 0) plan.algorithm.generations = adjust.generations;
  if (adjust.states > 0) plan.states = adjust.states;
  if (adjust.replicates > 0) plan.replicates = adjust.replicates;
}

void resolve_years(OptMeasure& m, const std::string& path, const OptMarks& marks, const ScenarioSpec& base,
                   Problems& problems) {
  if (m.variable.empty()) return;
  if (m.to == 0) m.from = m.to = base.time.end;
  const bool range = m.from < m.to;
  std::string key = path + (range ? ".years" : ".year");
  if (!range && !marks.at.count(key) && marks.at.count(path + ".years")) key = path + ".years";  // [Y, Y]
  const auto it = marks.at.find(key);
  const SourceMark mark = it != marks.at.end() ? it->second : SourceMark{};
  if (m.from < base.time.start || m.to > base.time.end) {
    problems.push_back(located(mark, key,
                               "outside the scenario's years (" + std::to_string(base.time.start) + " to " +
                                   std::to_string(base.time.end) + ")"));
    return;
  }
  const OutputVariable* v = find_output_variable(m.variable);
  if (range && !is_flow(v->name, v->units, v->long_name))
    problems.push_back(located(mark, key,
                               m.variable + " is a level, not a flow in the year: it cannot be summed over "
                                            "years (give year)"));
}

void sample_states(OptPlan& plan) {
  plan.state_values.assign(static_cast<size_t>(plan.states), {});
  if (plan.uncertain.empty()) return;
  const int k = static_cast<int>(plan.uncertain.size());
  const auto unit = design::latin_hypercube(plan.states, k, plan.ensemble_seed);
  for (int s = 0; s < plan.states; ++s)
    for (int i = 0; i < k; ++i) {
      const OptVariable& u = plan.uncertain[static_cast<size_t>(i)];
      const double x = unit[s][i];
      plan.state_values[s].push_back(u.integer
                                         ? std::min(u.high, std::floor(u.low + x * (u.high - u.low + 1)))
                                         : u.low + x * (u.high - u.low));
    }
}

// Every decision variable at its lower bound, then at its upper bound, in every state of the world: each
// scenario must load (cross-key rules such as the synergy fund's shares are checked at load).
void check_corners(const OptPlan& plan, const OptMarks& marks, Problems& problems) {
  std::map<std::string, SourceMark> at;  // the searched keys first, then set:
  for (const auto& v : plan.variables) at[v.key_path] = v.mark;
  for (const auto& u : plan.uncertain) at[u.key_path] = u.mark;
  std::set<std::string> seen;
  for (int corner = 0; corner < 2; ++corner) {
    std::vector<double> x;
    for (const auto& v : plan.variables) x.push_back(corner ? v.high : v.low);
    for (int s = 0; s < plan.states; ++s) {
      try {
        load_scenario(plan.base, plan.overrides(x, s));
      } catch (const ScenarioError& e) {
        std::string where =
            corner ? " (every variable at its upper bound" : " (every variable at its lower bound";
        where += ", state of the world " + std::to_string(s) + ")";
        for (const auto& p : e.problems()) {
          if (!seen.insert(p).second) continue;
          const std::string mapped = map_problem(p, at, where);
          problems.push_back(mapped != p + where ? mapped : map_problem(p, marks.overrides, where));
        }
      }
    }
  }
}

void measure_yaml(std::ostringstream& y, const OptMeasure& m) {
  y << "    variable: " << m.variable << "\n";
  if (m.from == m.to)
    y << "    year: " << m.to << "\n";
  else
    y << "    years: [" << m.from << ", " << m.to << "]\n";
  y << "    robustness: " << robustness_name(m.robustness) << "\n";
  if (m.robustness == Robustness::percentile) y << "    percentile: " << real_text(m.percentile) << "\n";
  if (m.robustness == Robustness::regret) y << "    regret: " << (m.regret_mean ? "mean" : "max") << "\n";
}

void variables_yaml(std::ostringstream& y, const char* key, const std::vector<OptVariable>& list) {
  if (list.empty()) return;
  y << key << ":\n";
  for (const auto& v : list)
    y << "  " << v.key_path << ": {range: [" << real_text(v.low) << ", " << real_text(v.high) << "]}\n";
}

std::string definition_yaml(const OptPlan& plan) {
  std::ostringstream y;
  y << "title: " << quoted_yaml(plan.title) << "\nbase: " << quoted_yaml(plan.base) << "\n";
  if (!plan.common.empty()) y << "set:\n";
  for (const auto& o : plan.common) y << "  " << o.key_path << ": " << o.value << "\n";
  variables_yaml(y, "variables", plan.variables);
  variables_yaml(y, "uncertain", plan.uncertain);
  y << "ensemble: {states: " << plan.states << ", seed: " << plan.ensemble_seed << "}\n";
  y << "replicates: " << plan.replicates << "\nobjectives:\n";
  for (const auto& o : plan.objectives) {
    y << "  " << o.name << ":\n    sense: " << (o.maximize ? "max" : "min") << "\n";
    if (o.has_reference) y << "    reference: " << real_text(o.reference) << "\n";
    measure_yaml(y, o.measure);
  }
  if (!plan.constraints.empty()) y << "constraints:\n";
  for (const auto& c : plan.constraints) {
    y << "  " << c.name << ":\n    " << (c.at_most ? "at_most: " : "at_least: ") << real_text(c.bound)
      << "\n";
    measure_yaml(y, c.measure);
  }
  const OptAlgorithm& a = plan.algorithm;
  y << "algorithm: {type: " << a.type << ", population: " << a.population
    << ", generations: " << a.generations << ", seed: " << a.seed << ", crossover: " << real_text(a.crossover)
    << ", eta_c: " << real_text(a.eta_c) << ", mutation: " << real_text(a.mutation)
    << ", eta_m: " << real_text(a.eta_m) << "}\n";
  return y.str();
}

}  // namespace

std::uint64_t fnv1a(std::uint64_t h, const std::string& text) {
  for (unsigned char c : text) h = (h ^ c) * 0x100000001B3ULL;
  return h;
}

std::string hash_text(std::uint64_t h) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

// A searched or uncertain key given a fixed value too (in set: or by --set) would be silently overridden by
// the search: refused, at the fixed value.
void check_not_fixed(const OptPlan& plan, const OptMarks& marks, Problems& problems) {
  auto check = [&](const std::vector<OptVariable>& keys, const char* what) {
    for (const auto& v : keys)
      for (const auto& o : plan.common)
        if (o.key_path == v.key_path) {
          std::string message = "is ";
          message += what;
          message += " (its value comes from the search): remove it from set: and --set";
          problems.push_back(located(marks.overrides.at(o.key_path), o.key_path, message));
          break;
        }
  };
  check(plan.variables, "a decision variable");
  check(plan.uncertain, "an uncertain parameter");
}

void resolve_optimization(OptPlan& plan, OptMarks& marks, const OptAdjust& adjust, Problems& problems) {
  adjust_plan(plan, adjust, marks);
  check_not_fixed(plan, marks, problems);
  if (!problems.empty()) return;
  try {
    plan.first = load_scenario(plan.base, plan.common);
  } catch (const ScenarioError& e) {
    for (const auto& p : e.problems()) problems.push_back(map_problem(p, marks.overrides, ""));
    return;
  }
  plan.seed = plan.first.seed;
  if (plan.title.empty()) plan.title = plan.first.title;
  for (auto& o : plan.objectives)
    resolve_years(o.measure, "objectives." + o.name, marks, plan.first, problems);
  for (auto& c : plan.constraints)
    resolve_years(c.measure, "constraints." + c.name, marks, plan.first, problems);
  if (plan.algorithm.mutation < 0) plan.algorithm.mutation = 1.0 / static_cast<double>(plan.variables.size());
  sample_states(plan);
  if (!problems.empty()) return;
  check_corners(plan, marks, problems);
  plan.definition = definition_yaml(plan);
  plan.hash = fnv1a(fnv1a(0xCBF29CE484222325ULL, plan.definition), plan.first.resolved_yaml);
}

}  // namespace detail

const char* robustness_name(Robustness r) {
  switch (r) {
    case Robustness::mean:
      return "mean";
    case Robustness::percentile:
      return "percentile";
    case Robustness::regret:
      return "regret";
  }
  return "?";
}

std::vector<const OptMeasure*> OptPlan::measures() const {
  std::vector<const OptMeasure*> out;
  for (const auto& o : objectives) out.push_back(&o.measure);
  for (const auto& c : constraints) out.push_back(&c.measure);
  return out;
}

std::vector<Override> OptPlan::overrides(const std::vector<double>& design, int state) const {
  std::vector<Override> out = common;
  for (size_t i = 0; i < variables.size(); ++i)
    out.push_back({variables[i].key_path, detail::value_text(variables[i], design.at(i))});
  for (size_t i = 0; i < uncertain.size(); ++i)
    out.push_back({uncertain[i].key_path, detail::value_text(uncertain[i], state_values.at(state).at(i))});
  return out;
}

OptPlan load_optimization(const std::string& path, const OptAdjust& adjust) {
  detail::Problems problems;
  OptPlan plan;
  detail::OptMarks marks;
  detail::parse_optimization(path, plan, marks, problems);
  if (problems.empty()) detail::resolve_optimization(plan, marks, adjust, problems);
  if (!problems.empty()) throw ScenarioError(problems);
  return plan;
}

bool is_optimization_file(const std::string& path) {
  YAML::Node root;
  std::vector<std::string> ignored;  // a bad file is reported by the loader it goes to
  if (!detail::read_yaml_file(path, "scenario, sweep or optimisation", root, ignored) || !root.IsMap())
    return false;
  const YAML::Node& top = root;
  return top["objectives"] || top["variables"];
}

}  // namespace zonesim
