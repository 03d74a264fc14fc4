// zonesim info OUT.h5
#include <cstdio>

#include "cli.hpp"
#include "zonesim/isolate.hpp"
#include "zonesim/output.hpp"

namespace zonesim::cli {

int cmd_info(const std::vector<std::string>& argv) {
  const Args a = parse(argv, {{"help", 'h'}});
  if (a.has("help")) {
    std::fputs(
        "usage: zonesim info OUT.h5\n\nDescribe a result file: provenance, dimensions, runs completed.\n",
        stdout);
    return kExitOk;
  }
  if (a.positional.size() != 1) throw UsageError{"info: expected one result file (see --help)"};
  check_read_does_not_crash(a.positional[0], [&] { describe_result_file(a.positional[0]); });
  std::fputs(describe_result_file(a.positional[0]).c_str(), stdout);
  return kExitOk;
}

}  // namespace zonesim::cli
