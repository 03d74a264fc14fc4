// zonesim validate FILE.yaml ...
#include <cstdio>

#include "cli.hpp"
#include "zonesim/errors.hpp"
#include "zonesim/optimize.hpp"
#include "zonesim/scenario.hpp"
#include "zonesim/sweep.hpp"

namespace zonesim::cli {

int cmd_validate(const std::vector<std::string>& argv) {
  const Args a = parse(argv, {{"set", 0, true, true}, {"quiet", 'q'}, {"help", 'h'}});
  if (a.has("help")) {
    std::fputs(
        "usage: zonesim validate FILE.yaml ... [--set key.path=VALUE ...]\n\n"
        "Check scenario, sweep and optimisation files (keys, types, ranges, extends; for a sweep, every\n"
        "scenario it generates) without running them. A file is an optimisation when its top level has\n"
        "variables or objectives, else a sweep when it has base, schemes, factors, design or replicates.\n"
        "Prints FILE: ok for each valid file; every problem goes to stderr as\n"
        "FILE:LINE:COL: key.path: message. Exit 2 if any is bad.\n",
        stdout);
    return kExitOk;
  }
  if (a.positional.empty()) throw UsageError{"validate: expected at least one file (see --help)"};
  std::vector<Override> overrides;
  for (const auto& s : a.options.count("set") ? a.options.at("set") : std::vector<std::string>{})
    overrides.push_back(parse_override(s));
  int status = kExitOk;
  for (const auto& file : a.positional) {
    try {
      if (is_optimization_file(file)) {
        OptAdjust adjust;
        adjust.set = overrides;
        const OptPlan plan = load_optimization(file, adjust);
        if (!a.has("quiet"))
          std::printf("%s: ok (optimisation: %zu variables, %zu objectives, %d states x %d replicates)\n",
                      file.c_str(), plan.variables.size(), plan.objectives.size(), plan.states,
                      plan.replicates);
      } else if (is_sweep_file(file)) {
        const SweepPlan plan = load_sweep(file, overrides);
        if (!a.has("quiet"))
          std::printf(
              "%s: ok (sweep: %zu scenarios = %zu schemes x %d design points, %d replicates, %lld runs)\n",
              file.c_str(), plan.scenarios.size(), plan.schemes.size(), plan.points, plan.replicates,
              plan.runs());
      } else {
        load_scenario(file, overrides);
        if (!a.has("quiet")) std::printf("%s: ok\n", file.c_str());
      }
    } catch (const ScenarioError& e) {
      for (const auto& p : e.problems()) std::fprintf(stderr, "zonesim: error: %s\n", p.c_str());
      status = kExitBadInput;
    }
  }
  return status;
}

}  // namespace zonesim::cli
