// zonesim sweep SWEEP.yaml -o OUT.h5 [--threads N] [--resume] [--set key.path=value ...]
#include <omp.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include "cli.hpp"
#include "zonesim/errors.hpp"
#include "zonesim/guards.hpp"
#include "zonesim/sweep.hpp"
#ifdef ZONESIM_MPI
#include "zonesim/sweep_mpi.hpp"
#endif
#include "zonesim/model/world.hpp"
#include "zonesim/zones.hpp"

namespace zonesim::cli {
namespace {

constexpr const char* kHelp =
    "usage: zonesim sweep SWEEP.yaml -o OUT.h5 [--threads N] [--resume] [--set key.path=VALUE ...]\n"
    "\n"
    "Run every scenario of a sweep (schemes x design points) for every replicate and write them to one\n"
    "result file (docs/sweeps.md). Runs go in parallel, one per thread; each finished run is saved at once "
    "in\n"
    ".OUT.h5.runs/ beside OUT.h5, and OUT.h5 appears only when every run is done. If the sweep is "
    "interrupted\n"
    "(Ctrl-C, kill, a crash), the same command with --resume runs only what is missing.\n"
    "\n"
    "options:\n"
    "  -o, --output OUT.h5    result file (required)\n"
    "  --threads N            runs in parallel (default: all cores; results do not depend on it)\n"
    "  --resume               finish an interrupted sweep into OUT.h5 (refused if the sweep changed)\n"
    "  --set key.path=VALUE   override a scenario key in every scenario (repeatable), like the sweep's set:\n"
    "  -q, --quiet            print nothing but errors\n"
    "  -h, --help             show this help\n"
    "\n"
    "Ctrl-C once: finish the runs in progress, keep them, and stop; twice: stop at once (finished runs are "
    "kept).\n";

// Refuses a sweep whose parallel runs would not fit in memory: `threads` runs of the largest scenario at
// once.
void check_sweep_memory(const SweepPlan& plan, int threads) {
  ScenarioSpec largest = plan.first;
  largest.enterprises.count = plan.max_enterprises;
  const int parallel = static_cast<int>(std::min<long long>(threads, plan.runs()));
  check_memory(plan.source,
               std::to_string(parallel) + " parallel runs of up to " + std::to_string(plan.max_enterprises) +
                   " enterprises",
               parallel * estimate_run_bytes(largest), "use fewer --threads or enterprises");
}

void print_summary(const std::string& out, const SweepPlan& plan, const SweepOutcome& o, int threads,
                   bool terminal) {
  const double per_minute = o.seconds > 0 ? 60.0 * static_cast<double>(o.done_now) / o.seconds : 0;
  if (terminal)
    std::printf(
        "wrote %s: %zu scenarios x %d replicates = %lld runs (%lld done earlier, %lld now in %s, %.1f "
        "runs/min on %d threads), peak memory %.1f MiB\n",
        out.c_str(), plan.scenarios.size(), plan.replicates, o.runs, o.done_before, o.done_now,
        format_duration(o.seconds).c_str(), per_minute, threads, peak_rss_kib() / 1024.0);
  else
    std::printf(
        "{\"output\": \"%s\", \"scenarios\": %zu, \"replicates\": %d, \"runs\": %lld, \"runs_done_before\": "
        "%lld, \"runs_done_now\": %lld, \"seconds\": %.3f, \"runs_per_minute\": %.2f, \"threads\": %d, "
        "\"peak_rss_mib\": %.1f}\n",
        out.c_str(), plan.scenarios.size(), plan.replicates, o.runs, o.done_before, o.done_now, o.seconds,
        per_minute, threads, peak_rss_kib() / 1024.0);
}

int sweep_command(const std::vector<std::string>& argv) {
  const Args a = parse(argv, {{"output", 'o', true},
                              {"threads", 0, true},
                              {"resume", 0},
                              {"set", 0, true, true},
                              {"quiet", 'q'},
                              {"help", 'h'}});
  if (a.has("help")) {
    std::fputs(kHelp, stdout);
    return kExitOk;
  }
  if (a.positional.size() != 1) throw UsageError{"sweep: expected one sweep file (see zonesim sweep --help)"};
  if (!a.has("output")) throw UsageError{"sweep: missing -o OUT.h5"};
  SweepOptions opt;
  opt.output = a.get("output");
  check_output_path(opt.output);
  std::vector<Override> overrides;
  for (const auto& s : a.options.count("set") ? a.options.at("set") : std::vector<std::string>{})
    overrides.push_back(parse_override(s));
  opt.threads = static_cast<int>(a.get_int("threads", omp_get_max_threads(), 1, 1024));
  opt.resume = a.has("resume");
  opt.command = joined_command_line();

  const SweepPlan plan = load_sweep(a.positional[0], overrides);
  check_sweep_memory(plan, opt.threads);
  const ZoneTable table = zone_table_for(plan.first);
  bool quiet = a.has("quiet"), out_terminal = stdout_is_terminal(), err_terminal = stderr_is_terminal();
  std::string workers = std::to_string(opt.threads) + " threads";
#ifdef ZONESIM_MPI
  quiet = quiet || mpi::rank() != 0;  // rank 0 speaks for an MPI job
  // mpirun gives the ranks a pseudo-terminal as stdout whatever its own output is: always the batch format.
  if (mpi::launched()) out_terminal = err_terminal = false;
  if (mpi::ranks() > 1) workers = std::to_string(mpi::ranks()) + " MPI ranks x " + workers;
#endif
  if (!quiet)
    std::fprintf(stderr, "zonesim sweep: %zu scenarios x %d replicates = %lld runs on %s -> %s\n",
                 plan.scenarios.size(), plan.replicates, plan.runs(), workers.c_str(), opt.output.c_str());
  RunProgress progress("sweep", err_terminal, !quiet);
  opt.progress = [&](const SweepProgress& p) { progress.update(p.done, p.total, p.done_now, p.seconds); };
  opt.stop = install_stop_handlers();
  SweepOutcome o;
  try {
    o = run_sweep(plan, table, opt);
  } catch (const OutputError& e) {
    throw OutputError(opt.output + ": not written (finished runs are kept in " +
                      sweep_run_directory(opt.output) +
                      "; finish with the same command and --resume): " + e.what());
  }
  progress.finish();
  if (o.already_complete) {
    if (!quiet)
      std::fprintf(stderr, "zonesim sweep: %s is already complete; nothing to do\n", opt.output.c_str());
    return kExitOk;
  }
  if (!o.complete) {
    std::fprintf(stderr,
                 "zonesim: error: interrupted: %lld of %lld runs are finished and kept in %s; finish with "
                 "the same command and --resume\n",
                 o.done_before + o.done_now, o.runs, sweep_run_directory(opt.output).c_str());
    return kExitFailure;
  }
  if (!quiet) print_summary(opt.output, plan, o, opt.threads, out_terminal);
#ifdef ZONESIM_MPI
  if (!quiet && !o.runs_by_rank.empty()) {
    std::fputs("zonesim sweep: runs done per MPI rank:", stderr);
    for (long long n : o.runs_by_rank) std::fprintf(stderr, " %lld", n);
    std::fputs("\n", stderr);
  }
#endif
  return kExitOk;
}

}  // namespace

int cmd_sweep(const std::vector<std::string>& argv) {
#ifdef ZONESIM_MPI
  if (mpi::launched()) return mpi::run_command([&] { return sweep_command(argv); });
#endif
  return sweep_command(argv);
}

}  // namespace zonesim::cli
