// libFuzzer target: bytes -> a scenario or sweep file -> load and validate it, as `zonesim validate` does.
// Only InputError (exit 2 in the CLI) may come out; anything else, or a crash, is a finding.
// docs/robustness.md.
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "sweep_internal.hpp"
#include "zonesim/errors.hpp"
#include "zonesim/scenario.hpp"
#include "zonesim/sweep.hpp"

namespace fs = std::filesystem;

namespace {

// A private copy of scenarios/ so that `base: ../baseline.yaml` and `extends:` of the seeds resolve; the
// input is written as sweeps/input.yaml in it.
std::string input_path() {
  static const std::string path = [] {
    const fs::path dir = fs::temp_directory_path() / ("zonesim-fuzz-" + std::to_string(getpid()));
    std::error_code ec;
    fs::create_directories(dir / "sweeps", ec);
    const fs::path scenarios = fs::path(ZONESIM_SOURCE_DIR) / "scenarios";
    const auto overwrite = fs::copy_options::overwrite_existing;
    fs::copy(scenarios, dir, fs::copy_options::recursive | overwrite, ec);
    for (const auto& e : fs::directory_iterator(scenarios, ec))  // seeds of both kinds sit in sweeps/
      if (e.is_regular_file()) fs::copy_file(e.path(), dir / "sweeps" / e.path().filename(), overwrite, ec);
    return (dir / "sweeps" / "input.yaml").string();
  }();
  return path;
}

// Sweeps small enough to generate every scenario quickly; larger ones are only parsed.
constexpr double kMaxFuzzedScenarios = 200;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = input_path();
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  try {
    if (zonesim::is_sweep_file(path)) {
      zonesim::SweepPlan plan;
      zonesim::detail::Problems problems;
      zonesim::detail::parse_sweep(path, plan, problems);
      const double scenarios =
          zonesim::detail::planned_points(plan) * static_cast<double>(plan.schemes.size());
      if (problems.empty() && scenarios <= kMaxFuzzedScenarios) zonesim::load_sweep(path);
    } else {
      zonesim::load_scenario(path);
    }
  } catch (const zonesim::InputError&) {
  }
  return 0;
}
