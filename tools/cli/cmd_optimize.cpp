// zonesim optimize OPT.yaml -o pareto.h5 [--threads N] [--resume] [--set key.path=VALUE ...] [budget options]
#include <omp.h>

#include <cstdio>

#include "cli.hpp"
#include "zonesim/errors.hpp"
#include "zonesim/guards.hpp"
#include "zonesim/model/world.hpp"
#include "zonesim/optimize.hpp"
#include "zonesim/sweep.hpp"
#include "zonesim/zones.hpp"

#ifdef ZONESIM_MPI
#include "zonesim/sweep_mpi.hpp"
#endif

namespace zonesim::cli {
namespace {

constexpr const char* kHelp =
    "usage: zonesim optimize OPT.yaml -o pareto.h5 [--threads N] [--resume] [--set key.path=VALUE ...]\n"
    "                        [--population N] [--generations N] [--states N] [--replicates N]\n"
    "\n"
    "Search for scheme designs that trade the objectives of OPT.yaml off robustly over an ensemble of "
    "states\n"
    "of the world (pagmo2's NSGA-II; docs/optimize.md), and write the non-dominated set, every evaluated\n"
    "design and the hypervolume per generation to pareto.h5. Each run (design x state x replicate) is saved "
    "at\n"
    "once in .pareto.h5.runs/ beside the output, which appears only at the end. If the search is "
    "interrupted\n"
    "(Ctrl-C, kill, a crash), the same command with --resume replays it over the saved runs: the same "
    "result\n"
    "as an uninterrupted search. In a build with MPI, `mpirun -np K zonesim optimize ...` shares each\n"
    "generation's runs across K ranks, with the same result (docs/cluster.md).\n"
    "\n"
    "options:\n"
    "  -o, --output pareto.h5  output file (required)\n"
    "  --threads N             runs in parallel (default: all cores; results do not depend on it)\n"
    "  --resume                finish an interrupted search into pareto.h5 (refused if anything changed)\n"
    "  --set key.path=VALUE    override a scenario key in every run (repeatable), like the file's set:\n"
    "  --population N          override algorithm.population (a multiple of 4, at least 8)\n"
    "  --generations N         override algorithm.generations\n"
    "  --states N              override ensemble.states\n"
    "  --replicates N          override replicates\n"
    "  -q, --quiet             print nothing but errors\n"
    "  -h, --help              show this help\n"
    "\n"
    "The budget options reduce a search for trials and tests; they count as part of the definition "
    "(--resume\n"
    "needs the same). Ctrl-C once: finish the runs in progress, keep them, and stop.\n";

void print_summary(const std::string& out, const OptOutcome& o, int threads) {
  const double per_minute = o.seconds > 0 ? 60.0 * static_cast<double>(o.runs_now) / o.seconds : 0;
  std::printf(
      "{\"output\": \"%s\", \"designs\": %lld, \"pareto_designs\": %zu, \"runs_done_before\": %lld, "
      "\"runs_done_now\": %lld, \"seconds\": %.3f, \"runs_per_minute\": %.2f, \"threads\": %d, "
      "\"hypervolume_first\": %.9g, \"hypervolume_last\": %.9g, \"peak_rss_mib\": %.1f}\n",
      out.c_str(), o.designs, o.pareto_objectives.size(), o.runs_before, o.runs_now, o.seconds, per_minute,
      threads, o.hypervolume.empty() ? 0.0 : o.hypervolume.front(),
      o.hypervolume.empty() ? 0.0 : o.hypervolume.back(), peak_rss_kib() / 1024.0);
}

int optimize_command(const std::vector<std::string>& argv) {
  const Args a = parse(argv, {{"output", 'o', true},
                              {"threads", 0, true},
                              {"resume", 0},
                              {"set", 0, true, true},
                              {"population", 0, true},
                              {"generations", 0, true},
                              {"states", 0, true},
                              {"replicates", 0, true},
                              {"quiet", 'q'},
                              {"help", 'h'}});
  if (a.has("help")) {
    std::fputs(kHelp, stdout);
    return kExitOk;
  }
  if (a.positional.size() != 1)
    throw UsageError{"optimize: expected one optimisation file (see zonesim optimize --help)"};
  if (!a.has("output")) throw UsageError{"optimize: missing -o pareto.h5"};
  OptOptions opt;
  opt.output = a.get("output");
  check_output_path(opt.output);
  OptAdjust adjust;
  for (const auto& s : a.options.count("set") ? a.options.at("set") : std::vector<std::string>{})
    adjust.set.push_back(parse_override(s));
  adjust.population = static_cast<int>(a.get_int("population", 0, 8, 100000));
  if (adjust.population % 4) throw UsageError{"--population: must be a multiple of 4 (NSGA-II)"};
  adjust.generations = static_cast<int>(a.get_int("generations", 0, 1, 100000));
  adjust.states = static_cast<int>(a.get_int("states", 0, 1, 100000));
  adjust.replicates = static_cast<int>(a.get_int("replicates", 0, 1, 10000));
  opt.threads = static_cast<int>(a.get_int("threads", omp_get_max_threads(), 1, 1024));
  opt.resume = a.has("resume");
  opt.command = joined_command_line();

  const OptPlan plan = load_optimization(a.positional[0], adjust);
  check_memory(plan.source, std::to_string(opt.threads) + " parallel runs",
               opt.threads * estimate_run_bytes(plan.first), "use fewer --threads or enterprises");
  const ZoneTable table = zone_table_for(plan.first);
  bool quiet = a.has("quiet"), err_terminal = stderr_is_terminal();
  std::string workers = std::to_string(opt.threads) + (opt.threads == 1 ? " thread" : " threads");
#ifdef ZONESIM_MPI
  quiet = quiet || mpi::rank() != 0;          // rank 0 speaks for an MPI job
  if (mpi::launched()) err_terminal = false;  // mpirun's pseudo-terminal: the batch format
  if (mpi::ranks() > 1) workers = std::to_string(mpi::ranks()) + " MPI ranks x " + workers;
#endif
  if (!quiet)
    std::fprintf(stderr,
                 "zonesim optimize: %zu variables, %zu objectives, %d states x %d replicates per design, "
                 "population %d, %d generations, %s -> %s\n",
                 plan.variables.size(), plan.objectives.size(), plan.states, plan.replicates,
                 plan.algorithm.population, plan.algorithm.generations, workers.c_str(), opt.output.c_str());
  RunProgress progress("optimize", err_terminal, !quiet);
  opt.progress = [&](const OptProgress& p) { progress.update(p.done, p.total, p.done_now, p.seconds); };
  opt.stop = install_stop_handlers();
  const ModelEvaluator evaluator(plan, table);
  const OptOutcome o = run_optimization(plan, evaluator, opt);
  progress.finish();
  if (o.already_complete) {
    if (!quiet)
      std::fprintf(stderr, "zonesim optimize: %s is already complete; nothing to do\n", opt.output.c_str());
    return kExitOk;
  }
  if (!o.complete) {
    std::fprintf(stderr,
                 "zonesim: error: interrupted: %lld runs are finished and kept in %s; finish with the same "
                 "command and --resume\n",
                 o.runs_before + o.runs_now, sweep_run_directory(opt.output).c_str());
    return kExitFailure;
  }
  if (!quiet) print_summary(opt.output, o, opt.threads);
  if (!quiet && !o.runs_by_rank.empty()) {
    std::fputs("zonesim optimize: runs done per MPI rank:", stderr);
    for (long long n : o.runs_by_rank) std::fprintf(stderr, " %lld", n);
    std::fputs("\n", stderr);
  }
  return kExitOk;
}

}  // namespace

int cmd_optimize(const std::vector<std::string>& argv) {
#ifdef ZONESIM_MPI
  if (mpi::launched()) return mpi::run_command([&] { return optimize_command(argv); });
#endif
  return optimize_command(argv);
}

}  // namespace zonesim::cli
