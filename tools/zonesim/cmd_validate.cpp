// zonesim validate FILE.yaml ...
#include <cstdio>

#include "cli.hpp"
#include "zonesim/errors.hpp"
#include "zonesim/scenario.hpp"

namespace zonesim::cli {

int cmd_validate(const std::vector<std::string>& argv) {
  const Args a = parse(argv, {{"set", 0, true, true}, {"quiet", 'q'}, {"help", 'h'}});
  if (a.has("help")) {
    std::fputs(
        "usage: zonesim validate FILE.yaml ... [--set key.path=VALUE ...]\n\n"
        "Check scenario files (keys, types, ranges, extends) without running them. Prints FILE: ok for each\n"
        "valid file; every problem goes to stderr as FILE:LINE:COL: key.path: message. Exit 2 if any is bad.\n",
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
      load_scenario(file, overrides);
      if (!a.has("quiet")) std::printf("%s: ok\n", file.c_str());
    } catch (const ScenarioError& e) {
      for (const auto& p : e.problems()) std::fprintf(stderr, "zonesim: error: %s\n", p.c_str());
      status = kExitBadInput;
    }
  }
  return status;
}

}  // namespace zonesim::cli
