// From a parsed sweep to its scenarios: design points, the overrides of every (scheme, point), validation of
// each generated scenario through load_scenario (problems mapped back to the sweep file), parameters and
// hash.
#include <omp.h>

#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "scenario/yaml_read.hpp"
#include "sweep_internal.hpp"

namespace zonesim {
namespace detail {
namespace {

// Where an override came from, for messages: its place in the sweep file and its key path there.
struct Origin {
  SourceMark mark;
  std::string path;
};
struct PointValue {
  Override value;
  Origin origin;
};
using Point = std::vector<PointValue>;

std::string real_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::string short_text(const std::string& yaml_text) {
  double v = 0;
  char* end = nullptr;
  v = std::strtod(yaml_text.c_str(), &end);
  if (!yaml_text.empty() && end == yaml_text.c_str() + yaml_text.size()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
  }
  return yaml_text;
}

// The value of factor f at unit coordinate u (sampled designs) or grid position u = j / (L - 1) (grid).
PointValue factor_value(const SweepFactor& f, double u, bool grid) {
  const std::string path = "factors." + f.key_path;
  if (!f.is_range) {
    const auto n = f.levels.size();
    const auto j = std::min(n - 1, static_cast<size_t>(std::floor(u * static_cast<double>(n))));
    return {{f.key_path, f.levels[j]}, {f.level_marks[j], path + ".levels"}};
  }
  double x = f.log_scale ? std::exp(std::log(f.low) + u * (std::log(f.high) - std::log(f.low)))
                         : f.low + u * (f.high - f.low);
  if (f.type == "integer") {
    x = grid ? std::round(x) : std::min(f.high, std::floor(f.low + u * (f.high - f.low + 1)));
    return {{f.key_path, std::to_string(static_cast<long long>(x))}, {f.mark, path}};
  }
  if (u <= 0) x = f.low;  // exact ends, whatever the scale's rounding
  if (u >= 1) x = f.high;
  return {{f.key_path, real_text(x)}, {f.mark, path}};
}

std::vector<Point> grid_points(const SweepPlan& plan) {
  std::vector<int> levels;
  for (const auto& f : plan.factors)
    levels.push_back(f.is_range ? plan.design.levels : static_cast<int>(f.levels.size()));
  std::vector<Point> out;
  for (const auto& index : design::full_grid(levels)) {
    Point p;
    for (size_t i = 0; i < plan.factors.size(); ++i) {
      const auto& f = plan.factors[i];
      const double u = f.is_range ? static_cast<double>(index[i]) / (levels[i] - 1)
                                  : (index[i] + 0.5) / static_cast<double>(levels[i]);
      p.push_back(factor_value(f, u, true));
    }
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<Point> design_points(SweepPlan& plan) {
  if (plan.design.type == DesignType::none) return {Point{}};
  if (plan.design.type == DesignType::grid) return grid_points(plan);
  const int k = static_cast<int>(plan.factors.size());
  const SweepDesign& d = plan.design;
  std::vector<design::Point> unit;
  if (d.type == DesignType::lhs) unit = design::latin_hypercube(d.samples, k, d.seed);
  if (d.type == DesignType::sobol) unit = design::saltelli(d.samples, k, d.seed);
  if (d.type == DesignType::morris) {
    design::MorrisDesign m = design::morris(d.samples, k, d.levels, d.seed);
    unit = std::move(m.points);
    plan.morris_factor = std::move(m.factor);
    plan.morris_step = std::move(m.step);
  }
  std::vector<Point> out;
  for (const auto& u : unit) {
    Point p;
    for (int i = 0; i < k; ++i) p.push_back(factor_value(plan.factors[i], u[i], false));
    out.push_back(std::move(p));
  }
  return out;
}

std::string label_of(const SweepPlan& plan, int scheme, int point, const Point& p) {
  std::string label = plan.named_schemes ? plan.schemes[scheme].name : "";
  if (plan.factors.empty()) return label.empty() ? "base" : label;
  label += (label.empty() ? "p" : " p") + std::to_string(point) + ":";
  for (size_t i = 0; i < p.size(); ++i)
    label += (i ? ", " : " ") + p[i].value.key_path + "=" + short_text(p[i].value.value);
  return label;
}

// "--set:1:N: key.path: message" -> "SWEEP:LINE:COL: schemes.x.key.path: message" for keys the sweep set.
std::string map_problem(const std::string& p, const std::map<std::string, Origin>& origins) {
  if (p.rfind("--set:1:", 0) != 0) return p;
  const size_t a = p.find(": ");
  const size_t b = a == std::string::npos ? a : p.find(": ", a + 2);
  if (b == std::string::npos) return p;
  const auto it = origins.find(p.substr(a + 2, b - a - 2));
  if (it == origins.end() || it->second.mark.file == "--set") return p;
  return located(it->second.mark, it->second.path, p.substr(b + 2));
}

void check_factor_conflicts(const SweepPlan& plan, Problems& problems) {
  std::set<std::string> factor_keys;
  for (const auto& f : plan.factors) factor_keys.insert(f.key_path);
  for (size_t i = 0; i < plan.common.size(); ++i)
    if (factor_keys.count(plan.common[i].key_path))
      problems.push_back(located(
          plan.common_marks[i],
          plan.common_marks[i].file == "--set" ? plan.common[i].key_path : "set." + plan.common[i].key_path,
          "is swept as a factor (factors." + plan.common[i].key_path +
              "); it cannot also be set for every scenario"));
  for (const auto& s : plan.schemes)
    for (size_t i = 0; i < s.overrides.size(); ++i)
      if (factor_keys.count(s.overrides[i].key_path))
        problems.push_back(located(
            s.marks[i], "schemes." + s.name + "." + s.overrides[i].key_path,
            "is swept as a factor (factors." + s.overrides[i].key_path + "); a scheme cannot also set it"));
}

struct Generated {
  std::vector<Override> overrides;
  std::map<std::string, Origin> origins;
};

Generated scenario_overrides(const SweepPlan& plan, int scheme, const Point& p, const std::string& label) {
  Generated g;
  auto add = [&](const Override& o, const SourceMark& mark, const std::string& path) {
    g.overrides.push_back(o);
    Origin& origin = g.origins[o.key_path];
    origin.mark = mark;
    origin.path = path;
  };
  std::string title = plan.title + ": " + label, quoted = "\"";
  for (char c : title) quoted += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
  add({"title", quoted + "\""}, SourceMark{"--set", 0, 0}, "title");
  for (size_t i = 0; i < plan.common.size(); ++i)
    add(plan.common[i], plan.common_marks[i], "set." + plan.common[i].key_path);
  const SweepScheme& s = plan.schemes[scheme];
  for (size_t i = 0; i < s.overrides.size(); ++i)
    add(s.overrides[i], s.marks[i], "schemes." + s.name + "." + s.overrides[i].key_path);
  for (const auto& v : p) add(v.value, v.origin.mark, v.origin.path);
  return g;
}

std::vector<std::string> parameter_keys(const SweepPlan& plan) {
  std::vector<std::string> keys;
  for (const auto& f : plan.factors) keys.push_back(f.key_path);
  for (const auto& s : plan.schemes)
    for (const auto& o : s.overrides)
      if (std::find(keys.begin(), keys.end(), o.key_path) == keys.end()) keys.push_back(o.key_path);
  return keys;
}

std::uint64_t fnv1a(std::uint64_t h, const std::string& text) {
  for (unsigned char c : text) h = (h ^ c) * 0x100000001B3ULL;
  return h;
}

// Every (scheme, point) scenario: its label and overrides, validated by loading it (in parallel); the swept
// values and a hash of each resolved scenario. Problems of scenario s go to found[s].
std::vector<std::uint64_t> generate_scenarios(SweepPlan& plan, const std::vector<Point>& points,
                                              std::vector<Problems>& found) {
  const long long scenarios = static_cast<long long>(plan.schemes.size()) * plan.points;
  plan.scenarios.resize(static_cast<size_t>(scenarios));
  for (const auto& key : parameter_keys(plan)) {
    const FieldDecl* d = find_field(key);
    plan.parameters.push_back(
        {key, type_name(d->type), d->unit, d->help, std::vector<std::string>(plan.scenarios.size())});
  }
  found.assign(plan.scenarios.size(), {});
  std::vector<std::uint64_t> hashes(plan.scenarios.size());
#pragma omp parallel for schedule(dynamic, 4)
  for (long long s = 0; s < scenarios; ++s) {
    SweepScenario& sc = plan.scenarios[s];
    sc.scheme = static_cast<int>(s / plan.points);
    sc.point = static_cast<int>(s % plan.points);
    sc.label = label_of(plan, sc.scheme, sc.point, points[sc.point]);
    Generated g = scenario_overrides(plan, sc.scheme, points[sc.point], sc.label);
    try {
      const ScenarioSpec spec = load_scenario(plan.base, g.overrides);
      hashes[s] = fnv1a(fnv1a(0xCBF29CE484222325ULL, sc.label + "\n"), spec.resolved_yaml);
      for (auto& p : plan.parameters) p.values[s] = find_field(p.key_path)->canonical(spec);
#pragma omp critical(zonesim_sweep_plan)
      {
        plan.max_enterprises = std::max(plan.max_enterprises, spec.enterprises.count);
        if (s == 0) plan.first = spec;
      }
    } catch (const ScenarioError& e) {
      for (const auto& p : e.problems())
        found[s].push_back(map_problem(p, g.origins) + " (in scenario " + std::to_string(s) + ", " +
                           sc.label + ")");
    }
    sc.overrides = std::move(g.overrides);
  }
  return hashes;
}

}  // namespace

double planned_points(const SweepPlan& plan) {
  const auto k = static_cast<double>(plan.factors.size());
  const auto n = static_cast<double>(plan.design.samples);
  switch (plan.design.type) {
    case DesignType::none:
      return 1;
    case DesignType::grid: {
      double points = 1;
      for (const auto& f : plan.factors)
        points *= f.is_range ? plan.design.levels : static_cast<double>(f.levels.size());
      return points;
    }
    case DesignType::lhs:
      return n;
    case DesignType::sobol:
      return n * (k + 2);
    case DesignType::morris:
      return n * (k + 1);
  }
  return 0;
}

void add_command_line_overrides(const std::vector<Override>& overrides, SweepPlan& plan, Problems& problems) {
  for (const auto& o : overrides) {
    if (!find_field(o.key_path)) {
      std::vector<std::string> all;
      for (const auto& d : scenario_keys().fields) all.push_back(d.path);
      problems.push_back(located({"--set", 1, 1}, o.key_path, unknown_key(o.key_path, all)));
      continue;
    }
    plan.common.push_back(o);
    plan.common_marks.push_back({"--set", 1, static_cast<int>(o.key_path.size()) + 2});
  }
}

void build_scenarios(SweepPlan& plan, Problems& problems) {
  check_factor_conflicts(plan, problems);
  if (!problems.empty()) return;
  std::map<std::string, Origin> common_origins;
  for (size_t i = 0; i < plan.common.size(); ++i)
    common_origins[plan.common[i].key_path] = {plan.common_marks[i], "set." + plan.common[i].key_path};
  try {
    const ScenarioSpec base = load_scenario(plan.base, plan.common);
    plan.seed = base.seed;
    if (plan.title.empty()) plan.title = base.title;
  } catch (const ScenarioError& e) {
    for (const auto& p : e.problems()) problems.push_back(map_problem(p, common_origins));
    return;
  }
  constexpr long long kMaxRuns = 10000000;
  const double planned = planned_points(plan) * static_cast<double>(plan.schemes.size()) * plan.replicates;
  if (planned > static_cast<double>(kMaxRuns)) {
    char runs[32];
    std::snprintf(runs, sizeof runs, "%.0f", planned);
    problems.push_back(plan.source + ": the sweep has " + (planned >= 1e15 ? "more than 10^15" : runs) +
                       " runs, more than the 10,000,000 one file holds (fewer factors, levels, samples or "
                       "replicates)");
    return;
  }
  const std::vector<Point> points = design_points(plan);
  plan.points = static_cast<int>(points.size());
  std::vector<Problems> found;
  const std::vector<std::uint64_t> hashes = generate_scenarios(plan, points, found);
  std::set<std::string> seen;  // one line per problem, however many scenarios share it
  for (const auto& list : found)
    for (const auto& p : list)
      if (seen.insert(p.substr(0, p.rfind(" (in scenario "))).second) problems.push_back(p);
  if (!problems.empty()) return;
  plan.definition = definition_yaml(plan);
  std::uint64_t h = fnv1a(0xCBF29CE484222325ULL, plan.definition);
  for (std::uint64_t piece : hashes)
    for (int b = 0; b < 8; ++b) h = (h ^ ((piece >> (8 * b)) & 0xFF)) * 0x100000001B3ULL;
  plan.hash = h;
}

}  // namespace detail

const char* design_name(DesignType t) {
  switch (t) {
    case DesignType::none:
      return "none";
    case DesignType::grid:
      return "grid";
    case DesignType::lhs:
      return "lhs";
    case DesignType::sobol:
      return "sobol";
    case DesignType::morris:
      return "morris";
  }
  return "?";
}

bool is_sweep_file(const std::string& path) {
  YAML::Node root;
  std::vector<std::string> ignored;  // a bad file is reported by the loader it goes to
  if (!detail::read_yaml_file(path, "scenario or sweep", root, ignored) || !root.IsMap()) return false;
  for (auto it = root.begin(); it != root.end(); ++it)
    if (it->first.IsScalar() && detail::is_sweep_key(it->first.Scalar())) return true;
  return false;
}

SweepPlan load_sweep(const std::string& path, const std::vector<Override>& overrides) {
  detail::Problems problems;
  SweepPlan plan;
  detail::parse_sweep(path, plan, problems);
  detail::add_command_line_overrides(overrides, plan, problems);
  if (problems.empty()) detail::build_scenarios(plan, problems);
  if (!problems.empty()) throw ScenarioError(problems);
  return plan;
}

}  // namespace zonesim
