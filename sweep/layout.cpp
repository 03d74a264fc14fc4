// What a sweep stores besides the runs: the resolved sweep definition, the design and param_* variables.
#include <cinttypes>
#include <cstdio>

#include "sweep_internal.hpp"

namespace zonesim {
namespace detail {

std::string definition_yaml(const SweepPlan& plan) {
  std::string y = "# zonesim sweep, resolved: base seed, schemes, factors, design\n";
  auto quote = [](const std::string& s) {
    std::string q = "\"";
    for (char c : s) q += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
    return q + "\"";
  };
  y += "title: " + quote(plan.title) + "\nbase: " + quote(plan.base) +
       "\nseed: " + std::to_string(plan.seed) + "\n";
  y += "set:" + std::string(plan.common.empty() ? " {}" : "") + "\n";
  for (const auto& o : plan.common) y += "  " + o.key_path + ": " + o.value + "\n";
  y += "schemes:\n";
  for (const auto& s : plan.schemes) {
    y += "  " + s.name + ":" + (s.overrides.empty() ? " {}" : "") + "\n";
    for (const auto& o : s.overrides) y += "    " + o.key_path + ": " + o.value + "\n";
  }
  y += "factors:" + std::string(plan.factors.empty() ? " {}" : "") + "\n";
  for (const auto& f : plan.factors) {
    y += "  " + f.key_path + ":\n";
    if (f.is_range) {
      char buf[96];
      std::snprintf(buf, sizeof buf, "    range: [%.17g, %.17g]\n    scale: %s\n", f.low, f.high,
                    f.log_scale ? "log" : "linear");
      y += buf;
    } else {
      y += "    levels: [";
      for (size_t i = 0; i < f.levels.size(); ++i) y += (i ? ", " : "") + f.levels[i];
      y += "]\n";
    }
  }
  const SweepDesign& d = plan.design;
  y += "design:\n  type: " + std::string(design_name(d.type)) + "\n  samples: " + std::to_string(d.samples) +
       "\n  levels: " + std::to_string(d.levels) + "\n  seed: " + std::to_string(d.seed) + "\n";
  y += "points: " + std::to_string(plan.points) + "\nreplicates: " + std::to_string(plan.replicates) + "\n";
  return y;
}

}  // namespace detail

namespace {

ScenarioVariable parameter_variable(const SweepParameter& p) {
  std::string name = "param_" + p.key_path;
  for (char& c : name)
    if (c == '.') c = '_';
  ScenarioVariable v{name, p.unit.empty() ? "1" : p.unit, p.key_path + ": " + p.help, {}, {}, {}};
  for (const auto& text : p.values) {
    if (p.type == "number") {
      v.reals.push_back(std::strtod(text.c_str(), nullptr));
    } else if (p.type == "integer") {
      v.integers.push_back(std::strtoll(text.c_str(), nullptr, 10));
    } else if (p.type == "boolean") {
      v.integers.push_back(text == "true" ? 1 : 0);
    } else {
      std::string s;  // canonical text is a double-quoted YAML string
      for (size_t i = 1; i + 1 < text.size(); ++i) s += text[i] == '\\' ? text[++i] : text[i];
      v.texts.push_back(s);
    }
  }
  return v;
}

std::vector<ScenarioVariable> design_variables(const SweepPlan& plan) {
  ScenarioVariable scheme{"scheme", "1", "index of the scheme (0 = the reference scheme)", {}, {}, {}};
  ScenarioVariable scheme_name{"scheme_name", "1", "name of the scheme", {}, {}, {}};
  ScenarioVariable point{"design_point", "1", "index of the design point within the scheme", {}, {}, {}};
  for (const auto& s : plan.scenarios) {
    scheme.integers.push_back(s.scheme);
    scheme_name.texts.push_back(plan.schemes[s.scheme].name);
    point.integers.push_back(s.point);
  }
  std::vector<ScenarioVariable> out = {scheme, scheme_name, point};
  if (plan.design.type == DesignType::morris) {
    ScenarioVariable factor{
        "morris_factor", "1", "index of the factor this point moved (-1: start of a trajectory)", {}, {}, {}};
    ScenarioVariable step{
        "morris_step", "1", "signed step of the moved factor, in unit-cube coordinates", {}, {}, {}};
    for (const auto& s : plan.scenarios) {
      factor.integers.push_back(plan.morris_factor[s.point]);
      step.reals.push_back(plan.morris_step[s.point]);
    }
    out.push_back(factor);
    out.push_back(step);
  }
  for (const auto& p : plan.parameters) out.push_back(parameter_variable(p));
  return out;
}

}  // namespace

std::string sweep_hash_hex(const SweepPlan& plan) {
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016" PRIx64, plan.hash);
  return hash;
}

OutputLayout sweep_layout(const SweepPlan& plan, const ZoneTable& table, const std::string& command) {
  OutputLayout layout;
  layout.table = &table;
  const ScenarioSpec& first = plan.first;
  for (int y = first.time.start; y <= first.time.end; ++y) layout.years.push_back(y);
  for (const auto& s : plan.scenarios) layout.scenario_labels.push_back(s.label);
  layout.scenario_yaml_at = [&plan](std::size_t s) { return plan.spec(s).resolved_yaml; };
  layout.seeds.assign(static_cast<size_t>(plan.replicates), plan.seed);
  layout.compression = first.output.compression;
  layout.title = "zonesim sweep: " + plan.title;
  layout.command = command;
  layout.scenario_variables = design_variables(plan);
  std::string factors, schemes;
  for (const auto& f : plan.factors) factors += (factors.empty() ? "" : " ") + f.key_path;
  for (const auto& s : plan.schemes) schemes += (schemes.empty() ? "" : " ") + s.name;
  layout.attributes = {{"sweep_definition", plan.definition},
                       {"sweep_hash", sweep_hash_hex(plan)},
                       {"sweep_design", design_name(plan.design.type)},
                       {"sweep_factors", factors},
                       {"sweep_schemes", schemes},
                       {"sweep_points", std::to_string(plan.points)},
                       {"sweep_samples", std::to_string(plan.design.samples)},
                       {"sweep_design_seed", std::to_string(plan.design.seed)}};
  return layout;
}

}  // namespace zonesim
