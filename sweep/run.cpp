// Running a sweep: every (scenario, replicate) run in parallel across runs (each run single-threaded), each
// finished run saved at once in the directory beside OUT.h5, then OUT.h5 assembled from them and renamed into
// place. All HDF5 calls happen on the calling thread, after the parallel part (Debian's HDF5 is not
// thread-safe). docs/sweeps.md.
#include <omp.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <exception>
#include <filesystem>

#include "output/h5.hpp"
#include "sweep_run.hpp"
#include "sweep_store.hpp"
#include "zonesim/isolate.hpp"
#ifdef ZONESIM_MPI
#include "zonesim/sweep_mpi.hpp"
#endif
#include "zonesim/model/model.hpp"
#include "zonesim/zones.hpp"

namespace fs = std::filesystem;

namespace zonesim {
namespace {

// ".NAME" + suffix, built by appending (GCC 12 warns falsely on "." + std::string).
std::string hidden_name(const fs::path& p, const char* suffix) {
  std::string name = ".";
  name += p.filename().string();
  name += suffix;
  return name;
}

}  // namespace

namespace detail {

double seconds_now() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

// --resume with OUT.h5 complete and no directory of runs: OUT.h5 must be this very sweep.
void check_finished_output(const std::string& output, const SweepPlan& plan) {
  h5::quiet();
  const h5::Context c{output, true};
  if (H5Fis_hdf5(output.c_str()) <= 0) throw InputError(output + ": not an HDF5 file; cannot resume into it");
  h5::Handle file(H5Fopen(output.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (file.get() < 0) throw InputError(output + ": cannot open as HDF5 (corrupted?)");
  const std::string hash = h5::has_attr(file, "sweep_hash") ? h5::get_string_attr(c, file, "sweep_hash") : "";
  const std::string want = sweep_hash_hex(plan);
  if (hash != want)
    throw InputError(output + ": holds " +
                     (hash.empty() ? "no sweep" : "a different sweep (hash " + hash + ")") +
                     " and there are no finished runs to resume (this sweep's hash is " + want +
                     "); run without --resume to replace it");
}

// Leftovers of processes killed with SIGKILL: OUT.h5's temporary files and removed run directories.
void remove_stale_files(const std::string& output) {
  const fs::path p(output);
  const fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
  const std::string partial = hidden_name(p, ".partial-"), trash = hidden_name(p, ".runs.done-");
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    for (const std::string& prefix : {partial, trash}) {
      if (name.rfind(prefix, 0) != 0) continue;
      const long pid = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
      if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) fs::remove_all(e.path(), ec);
    }
  }
}

void run_one(const SweepPlan& plan, const ZoneTable& table, const RunStore& store, int s, int r) {
  omp_set_num_threads(1);  // the loops inside a run run serially (one thread per inner team)
  const ScenarioSpec spec = plan.spec(static_cast<std::size_t>(s));
  const RunResult result =
      simulate(spec, table, RunKey{plan.seed, static_cast<std::uint64_t>(r)}, make_models(spec));
  store.save(s, r, result);
}

std::exception_ptr run_error(const SweepPlan& plan, int s, int r, const std::exception& e) {
  const std::string where = "scenario " + std::to_string(s) + " (" + plan.scenarios[s].label +
                            "), replicate " + std::to_string(r) + ": " + e.what();
  return dynamic_cast<const InputError*>(&e) ? std::make_exception_ptr(InputError(where))
                                             : std::make_exception_ptr(std::runtime_error(where));
}

void assemble(const SweepPlan& plan, const ZoneTable& table, const RunStore& store, const SweepOptions& opt) {
  AtomicOutput atomic(opt.output);
  ResultFile file = ResultFile::create(atomic.temp_path(), sweep_layout(plan, table, opt.command));
  for (int s = 0; s < static_cast<int>(plan.scenarios.size()); ++s)
    for (int r = 0; r < plan.replicates; ++r) file.write_run(s, r, store.load(s, r), false);
  file.close();
  atomic.commit();
}

}  // namespace detail

namespace {

using detail::seconds_now;

struct Pending {
  int scenario, replicate;
};

void run_pending(const SweepPlan& plan, const ZoneTable& table, const detail::RunStore& store,
                 const SweepOptions& opt, SweepOutcome& out) {
  std::vector<Pending> pending;
  for (int s = 0; s < static_cast<int>(plan.scenarios.size()); ++s)
    for (int r = 0; r < plan.replicates; ++r)
      if (!store.done(s, r)) pending.push_back({s, r});
  const double t0 = seconds_now();
  long long done = store.done_count();
  std::exception_ptr error;
  std::atomic<bool> failed{false};
  const int levels = omp_get_max_active_levels();
  omp_set_max_active_levels(1);  // parallel across runs; the loops inside a run then run serially
  const long long n = static_cast<long long>(pending.size());
#pragma omp parallel for schedule(dynamic, 1) num_threads(opt.threads)
  for (long long i = 0; i < n; ++i) {
    if (failed.load() || (opt.stop && *opt.stop)) continue;
    const auto [s, r] = pending[static_cast<size_t>(i)];
    try {
      detail::run_one(plan, table, store, s, r);
#pragma omp critical(zonesim_sweep_progress)
      {
        ++done, ++out.done_now;
        if (opt.progress) opt.progress({done, plan.runs(), out.done_now, seconds_now() - t0});
      }
    } catch (const std::exception& e) {
#pragma omp critical(zonesim_sweep_error)
      if (!error) error = detail::run_error(plan, s, r, e);
      failed = true;
    }
  }
  omp_set_max_active_levels(levels);
  out.seconds = seconds_now() - t0;
  if (error) std::rethrow_exception(error);
}

}  // namespace

std::string sweep_run_directory(const std::string& output) {
  const fs::path p(output);
  return (p.parent_path() / hidden_name(p, ".runs")).string();
}

SweepOutcome run_sweep(const SweepPlan& plan, const ZoneTable& table, const SweepOptions& opt) {
#ifdef ZONESIM_MPI
  if (mpi::ranks() > 1) return detail::run_sweep_mpi(plan, table, opt);
#endif
  check_output_path(opt.output);
  SweepOutcome out;
  out.runs = plan.runs();
  std::error_code ec;
  if (opt.resume && !fs::exists(sweep_run_directory(opt.output), ec) && fs::exists(opt.output, ec)) {
    check_read_does_not_crash(opt.output, [&] { detail::check_finished_output(opt.output, plan); });
    detail::check_finished_output(opt.output, plan);
    out.already_complete = out.complete = true;
    out.done_before = out.runs;
    return out;
  }
  detail::remove_stale_files(opt.output);
  detail::RunStore store(opt.output, plan, table.size(), opt.resume);
  out.done_before = store.done_count();
  run_pending(plan, table, store, opt, out);
  if (out.done_before + out.done_now < out.runs) return out;  // stopped: the finished runs are kept
  detail::assemble(plan, table, store, opt);
  store.remove();
  out.complete = true;
  return out;
}

}  // namespace zonesim
