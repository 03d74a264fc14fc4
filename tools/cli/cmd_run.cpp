// zonesim run SCENARIO.yaml -o OUT.h5 [--seed N] [--threads N] [--set key.path=value ...]
#include <omp.h>
#include <unistd.h>

#include <cstdio>

#include "cli.hpp"
#include "zonesim/errors.hpp"
#include "zonesim/guards.hpp"
#include "zonesim/model/world.hpp"
#include "zonesim/output.hpp"
#include "zonesim/run.hpp"

namespace zonesim::cli {
namespace {

constexpr const char* kHelp =
    "usage: zonesim run SCENARIO.yaml -o OUT.h5 [--seed N] [--threads N] [--set key.path=value ...]\n"
    "\n"
    "Run one scenario from time.start to time.end and write the results to OUT.h5 (HDF5, netCDF-4\n"
    "compatible; docs/output.md). OUT.h5 appears only when the run is complete.\n"
    "\n"
    "options:\n"
    "  -o, --output OUT.h5    result file (required)\n"
    "  --seed N               override the scenario's seed\n"
    "  --replicate R          use replicate R's random streams, as run R of a sweep does (default 0)\n"
    "  --threads N            OpenMP threads (default: all cores; results do not depend on it)\n"
    "  --set key.path=VALUE   override a scenario key (repeatable), validated like the file\n"
    "  -q, --quiet            print nothing on success\n"
    "  -h, --help             show this help\n";

}  // namespace

void write_run_file(const std::string& path, const ScenarioSpec& spec, const ZoneTable& table,
                    const RunResult& result, int replicate) {
  OutputLayout layout;
  layout.table = &table;
  for (const auto& y : result.years) layout.years.push_back(y.year);
  layout.scenario_labels = {spec.title};
  layout.scenario_yamls = {spec.resolved_yaml};
  layout.seeds = {spec.seed};
  layout.first_replicate = replicate;
  layout.compression = spec.output.compression;
  layout.title = "zonesim run: " + spec.title;
  layout.command = joined_command_line();
  ResultFile file = ResultFile::create(path, layout);
  file.write_run(0, 0, result);
  file.close();
}

int cmd_run(const std::vector<std::string>& argv) {
  const Args a = parse(argv, {{"output", 'o', true},
                              {"seed", 0, true},
                              {"replicate", 0, true},
                              {"threads", 0, true},
                              {"set", 0, true, true},
                              {"quiet", 'q'},
                              {"help", 'h'}});
  if (a.has("help")) {
    std::fputs(kHelp, stdout);
    return kExitOk;
  }
  if (a.positional.size() != 1) throw UsageError{"run: expected one scenario file (see zonesim run --help)"};
  if (!a.has("output")) throw UsageError{"run: missing -o OUT.h5"};
  const std::string out = a.get("output");
  check_output_path(out);
  std::vector<Override> overrides;
  for (const auto& s : a.options.count("set") ? a.options.at("set") : std::vector<std::string>{})
    overrides.push_back(parse_override(s));
  if (a.has("seed")) overrides.push_back({"seed", a.get("seed")});
  if (a.has("threads")) omp_set_num_threads(static_cast<int>(a.get_int("threads", 1, 1, 1024)));

  const ScenarioSpec spec = load_scenario(a.positional[0], overrides);
  check_memory(spec.source,
               std::to_string(spec.enterprises.count) + " enterprises over " +
                   std::to_string(spec.time.end - spec.time.start) + " years",
               estimate_run_bytes(spec), "use fewer enterprises");
  const ZoneTable table = zone_table_for(spec);

  const double t0 = now_seconds();
  ProgressBar bar("run", stderr_is_terminal() && !a.has("quiet"));
  const int replicate = static_cast<int>(a.get_int("replicate", 0, 0, 1000000000));
  const RunResult result = simulate(spec, table, {spec.seed, static_cast<std::uint64_t>(replicate)},
                                    make_models(spec), [&](int d, int n) { bar.update(d, n); });
  bar.finish();

  try {
    AtomicOutput atomic(out);
    write_run_file(atomic.temp_path(), spec, table, result, replicate);
    atomic.commit();
  } catch (const OutputError& e) {
    throw OutputError(out + ": not written (nothing left behind): " + e.what());
  }

  const double seconds = now_seconds() - t0;
  if (a.has("quiet")) return kExitOk;
  if (stdout_is_terminal())
    std::printf("wrote %s: %d zones, %lld enterprises, %d to %d, %.2f s, peak memory %.1f MiB\n", out.c_str(),
                table.size(), static_cast<long long>(spec.enterprises.count), spec.time.start, spec.time.end,
                seconds, peak_rss_kib() / 1024.0);
  else
    std::printf(
        "{\"output\": \"%s\", \"zones\": %d, \"enterprises\": %lld, \"start\": %d, \"end\": %d, "
        "\"seconds\": %.3f, \"peak_rss_mib\": %.1f}\n",
        out.c_str(), table.size(), static_cast<long long>(spec.enterprises.count), spec.time.start,
        spec.time.end, seconds, peak_rss_kib() / 1024.0);
  return kExitOk;
}

}  // namespace zonesim::cli
