// An optimisation across the ranks of an MPI job (-DZONESIM_MPI=ON; docs/cluster.md). Every rank runs the
// same search: pagmo's generators are seeded and a batch's values are reduced in a fixed order, so the ranks
// ask for the same designs in the same order without talking about them. Only the runs are shared: for each
// batch, rank 0 reads the saved runs, hands out the missing ones one at a time to whichever rank asks (its
// own threads take from the same list), saves each finished run in the directory beside pareto.h5 as it
// arrives, and then sends every rank the batch's values. Only rank 0 touches the directory, so unlike a
// sweep's it need not be on storage the other ranks share. A run's random streams are keyed by (seed,
// state, replicate), never by rank or thread: pareto.h5 does not depend on the number of ranks.
//
// Messages within a batch: a thread of rank k > 0 sends ASK {slot, want, failed, values...} (slot: the run
// it has just finished, -1 for none; want: 1 for another run, 0 when it stops, -1 when the whole rank is
// done) and, when it wants one, receives GIVE {slot} or {-1} for "no more". Slots index the batch, which
// every rank has built the same way. After the batch, the ranks agree on failures and on a stop, and rank 0
// broadcasts the values.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>
#include <omp.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <thread>

#include "mpi_internal.hpp"
#include "search.hpp"
#include "zonesim/isolate.hpp"
#include "zonesim/sweep.hpp"

namespace fs = std::filesystem;

namespace zonesim::detail {

using namespace mpi::collective;

void Search::run_distributed(std::vector<BatchRun>& runs) {
  const size_t Q = plan_.measures().size();
  const int me = mpi::rank(), others = mpi::ranks() - 1;
  const int ask_size = static_cast<int>(3 + Q);
  std::exception_ptr error;
  std::atomic<bool> failed{false}, skipped{false};
  const int levels = omp_get_max_active_levels();
  omp_set_max_active_levels(1);
  if (me == 0) {
    std::vector<size_t> pending;
    try {
      for (size_t k = 0; k < runs.size(); ++k)
        if (!store_->find(runs[k].id, runs[k].s, runs[k].r, *runs[k].x, runs[k].values)) pending.push_back(k);
    } catch (...) {  // a saved run of another design: no run is handed out, the ranks agree below
      error = std::current_exception();
      failed = true;
    }
    const long long n = static_cast<long long>(pending.size()), before = out_.runs_now;
    std::atomic<long long> next{0}, started{0};
    const auto record = [&](const std::exception_ptr& e) {
#pragma omp critical(zonesim_optimize_error)
      if (!error) error = e;
      failed = true;
    };
    // The next slot to run, or -1: none left, a failure, a stop.
    const auto take = [&]() -> long long {
      if (failed.load()) return -1;
      const long long i = next++;
      if (i >= n) return -1;
      if (!may_start(started, before)) {
        skipped = true;
        return -1;
      }
      return static_cast<long long>(pending[static_cast<size_t>(i)]);
    };
#pragma omp parallel num_threads(opt_.threads + 1)
    if (omp_get_thread_num() == 0) {
      std::vector<double> ask(static_cast<size_t>(ask_size));
      for (int ranks_done = 0; ranks_done < others;) {
        int flag = 0;
        MPI_Status st;
        MPI_Iprobe(MPI_ANY_SOURCE, kTagAsk, MPI_COMM_WORLD, &flag, &st);
        if (!flag) {
          std::this_thread::sleep_for(std::chrono::milliseconds(1));  // no busy core for the coordinator
          continue;
        }
        MPI_Recv(ask.data(), ask_size, MPI_DOUBLE, st.MPI_SOURCE, kTagAsk, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        const auto slot = static_cast<long long>(ask[0]);
        if (slot >= 0 && slot < static_cast<long long>(runs.size())) {
          BatchRun& run = runs[static_cast<size_t>(slot)];
          run.values.assign(ask.begin() + 3, ask.end());
          try {
            store_->save(run.id, run.s, run.r, *run.x, run.values);
            count_run();
          } catch (const std::exception& e) {
            record(std::make_exception_ptr(OutputError(e.what())));
          }
        }
        if (ask[2] != 0) failed = true;
        if (ask[1] < 0) ++ranks_done;
        if (ask[1] <= 0) continue;
        long long give = take();
        MPI_Send(&give, 1, MPI_LONG_LONG, st.MPI_SOURCE, kTagGive, MPI_COMM_WORLD);
      }
    } else {
      for (long long slot; (slot = take()) >= 0;) {
        BatchRun& run = runs[static_cast<size_t>(slot)];
        try {
          run.values = compute(run);
          store_->save(run.id, run.s, run.r, *run.x, run.values);
#pragma omp atomic
          ++runs_here_;
          count_run();
        } catch (const std::exception& e) {
          record(run_error(run, e));
        }
      }
    }
  } else {
#pragma omp parallel num_threads(opt_.threads)
    {
      long long finished = -1;
      std::vector<double> ask(static_cast<size_t>(ask_size));
      for (;;) {
        const double want = failed ? 0 : 1;
        ask[0] = static_cast<double>(finished), ask[1] = want, ask[2] = failed ? 1 : 0;
        if (finished >= 0)
          std::copy(runs[static_cast<size_t>(finished)].values.begin(),
                    runs[static_cast<size_t>(finished)].values.end(), ask.begin() + 3);
        long long give = -1;
#pragma omp critical(zonesim_mpi)
        {
          MPI_Send(ask.data(), ask_size, MPI_DOUBLE, 0, kTagAsk, MPI_COMM_WORLD);
          if (want > 0) MPI_Recv(&give, 1, MPI_LONG_LONG, 0, kTagGive, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        }
        if (want <= 0 || give < 0 || give >= static_cast<long long>(runs.size())) break;
        BatchRun& run = runs[static_cast<size_t>(give)];
        finished = -1;
        try {
          run.values = compute(run);
          finished = give;
#pragma omp atomic
          ++runs_here_;
        } catch (const std::exception& e) {
#pragma omp critical(zonesim_optimize_error)
          if (!error) error = run_error(run, e);
          failed = true;
        }
      }
    }
    std::vector<double> last(static_cast<size_t>(ask_size), 0.0);
    last[0] = -1, last[1] = -1;
    MPI_Send(last.data(), ask_size, MPI_DOUBLE, 0, kTagAsk, MPI_COMM_WORLD);
  }
  omp_set_max_active_levels(levels);

  std::string message;
  settle(agree(error ? exit_code_of(error, message) : 0, message), error);
  int stopped = skipped ? 1 : 0;
  MPI_Bcast(&stopped, 1, MPI_INT, 0, MPI_COMM_WORLD);
  if (stopped) throw Stopped{};
  std::vector<double> all(runs.size() * Q);
  if (me == 0)
    for (size_t k = 0; k < runs.size(); ++k)
      std::copy(runs[k].values.begin(), runs[k].values.end(), &all[k * Q]);
  MPI_Bcast(all.data(), static_cast<int>(all.size()), MPI_DOUBLE, 0, MPI_COMM_WORLD);
  if (me != 0)
    for (size_t k = 0; k < runs.size(); ++k)
      runs[k].values.assign(all.begin() + static_cast<std::ptrdiff_t>(k * Q),
                            all.begin() + static_cast<std::ptrdiff_t>((k + 1) * Q));
}

OptOutcome run_optimization_mpi(const OptPlan& plan, const OptEvaluator& evaluator, const OptOptions& opt) {
  enter_collective();
  const int me = mpi::rank();
  settle(agree(0, ""), nullptr);  // every rank has loaded the file (or run_command shares its failure)
  check_same_hash(plan.hash, plan.source, "optimisation", hash_text(plan.hash));

  OptOutcome out;
  std::optional<EvalStore> store;
  int already_complete = 0;
  together([&] {  // rank 0 alone opens (or resumes) the directory of finished runs
    if (me != 0) return;
    check_output_path(opt.output);
    std::error_code ec;
    if (opt.resume && !fs::exists(sweep_run_directory(opt.output), ec) && fs::exists(opt.output, ec)) {
      check_finished_optimization(opt.output, plan);
      already_complete = 1;
      return;
    }
    remove_stale_files(opt.output);
    store.emplace(opt.output, plan, opt.resume);
    out.runs_before = store->saved();
  });
  MPI_Bcast(&already_complete, 1, MPI_INT, 0, MPI_COMM_WORLD);
  if (already_complete) {
    if (me != 0) throw mpi::QuietExit{0};
    out.complete = out.already_complete = true;
    return out;
  }

  install_abort_handlers(opt.output);
  OptResults results;
  const bool finished = search_designs(plan, evaluator, me == 0 ? &*store : nullptr, opt, out, results);
  out.runs_by_rank.resize(static_cast<size_t>(mpi::ranks()));
  MPI_Gather(&out.runs_here, 1, MPI_LONG_LONG, out.runs_by_rank.data(), 1, MPI_LONG_LONG, 0, MPI_COMM_WORLD);
  if (me != 0) restore_signals();  // its part is done: a SIGTERM now is mpirun ending a job rank 0 reports on
  if (!finished) {
    if (me != 0) throw mpi::QuietExit{0};
    return out;  // stopped: rank 0 says so and exits non-zero
  }
  if (me != 0) {  // rank 0 writes pareto.h5; the others wait to leave with its exit code
    together([] {});
    throw mpi::QuietExit{0};
  }
  together([&] {
    write_optimization(plan, results, opt);
    store->remove();
  });
  out.complete = true;
  return out;
}

}  // namespace zonesim::detail
