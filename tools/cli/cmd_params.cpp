// zonesim params [--markdown]: every scenario key, from the key declarations (engine/scenario/schema.cpp and each mechanism's file).
#include <cstdio>

#include "cli.hpp"
#include "zonesim/scenario.hpp"

namespace zonesim::cli {

int cmd_params(const std::vector<std::string>& argv) {
  const Args a = parse(argv, {{"markdown", 0}, {"help", 'h'}});
  if (a.has("help")) {
    std::fputs(
        "usage: zonesim params [--markdown]\n\nList every scenario key: type, default, range, unit and "
        "meaning.\n--markdown prints the table of docs/parameters.md.\n",
        stdout);
    return kExitOk;
  }
  if (!a.positional.empty()) throw UsageError{"params: takes no arguments"};
  if (a.has("markdown")) {
    std::fputs(parameters_markdown().c_str(), stdout);
    return kExitOk;
  }
  for (const auto& f : scenario_fields())
    std::printf("%-38s %-8s default %-12s %s%s%s\n", f.path.c_str(), f.type.c_str(), f.default_text.c_str(),
                f.range.empty() ? "" : ("range " + f.range).c_str(), f.unit.empty() ? "" : " ",
                f.unit.empty() ? "" : f.unit.c_str());
  return kExitOk;
}

}  // namespace zonesim::cli
