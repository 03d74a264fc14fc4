// A sweep across the ranks of an MPI job (-DZONESIM_MPI=ON; docs/cluster.md). Rank 0 opens and locks the
// directory of finished runs, hands out the missing runs one at a time to whichever rank asks (runs differ in
// cost: dynamic load balancing), runs some itself, and assembles OUT.h5 with the code of the one-process
// sweep. Every rank saves its runs in that directory (shared storage), so a job that dies keeps them and
// --resume continues. A run's random streams are keyed by (seed, replicate), never by rank or thread.
//
// Messages: a thread of rank k > 0 sends ASK {finished, want, failed} to rank 0 (finished: it has just saved
// a run; want: 1 for another run, 0 when it stops, -1 when the whole rank is done) and, when it wants one,
// receives GIVE {scenario, replicate} or {-1, -1} for "no more". On rank 0, the main thread (the one that
// initialised MPI) serves the requests while the other threads of its team run runs. Collective steps agree
// on failures so that no rank waits for one that has given up.
#include "zonesim/sweep_mpi.hpp"

// The C API only: without these, <mpi.h> in C++ pulls in the deprecated C++ bindings (another library).
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>
#include <omp.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include "mpi_internal.hpp"
#include "sweep_run.hpp"
#include "zonesim/errors.hpp"
#include "zonesim/isolate.hpp"

namespace fs = std::filesystem;

namespace zonesim {
namespace mpi {
namespace collective {
namespace {
bool g_collective = false;  // the command has reached its first collective step: it shares its own failures
char g_abort_message[2048];
std::size_t g_abort_length = 0;

extern "C" void abort_on_signal(int) {
  if (g_abort_length > 0 && ::write(STDERR_FILENO, g_abort_message, g_abort_length) < 0) {
  }
  ::_exit(1);
}
}  // namespace

void enter_collective() { g_collective = true; }

int exit_code_of(const std::exception_ptr& e, std::string& message) {
  try {
    std::rethrow_exception(e);
  } catch (const InputError& x) {
    message = x.what();
    return 2;
  } catch (const std::exception& x) {
    message = x.what();
    return 1;
  } catch (...) {  // the CLI's usage errors: every rank has the same command line, rank 0 reports it
    message = "bad command line";
    return 2;
  }
}

Verdict agree(int code, const std::string& message) {
  const int n = ranks(), me = rank();
  std::vector<int> codes(static_cast<size_t>(n));
  MPI_Allgather(&code, 1, MPI_INT, codes.data(), 1, MPI_INT, MPI_COMM_WORLD);
  Verdict v;
  for (int k = 0; k < n && v.rank < 0; ++k)
    if (codes[static_cast<size_t>(k)] != 0) v.code = codes[static_cast<size_t>(k)], v.rank = k;
  if (v.rank < 0) return v;
  if (me == v.rank) v.message = message;
  if (v.rank != 0 && me == v.rank)
    MPI_Send(message.data(), static_cast<int>(message.size()), MPI_CHAR, 0, kTagMessage, MPI_COMM_WORLD);
  if (v.rank != 0 && me == 0) {
    MPI_Status st;
    MPI_Probe(v.rank, kTagMessage, MPI_COMM_WORLD, &st);
    int len = 0;
    MPI_Get_count(&st, MPI_CHAR, &len);
    v.message.resize(static_cast<size_t>(len));
    MPI_Recv(v.message.data(), len, MPI_CHAR, v.rank, kTagMessage, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  }
  return v;
}

void settle(const Verdict& v, const std::exception_ptr& mine) {
  if (v.code == 0) return;
  if (rank() != 0) throw QuietExit{v.code};
  if (v.rank == 0 && mine) std::rethrow_exception(mine);
  const std::string text = v.message + " (on MPI rank " + std::to_string(v.rank) + ")";
  if (v.code == 2) throw InputError(text);
  throw std::runtime_error(text);
}

std::string host_name() {
  char name[256] = {};
  ::gethostname(name, sizeof name - 1);
  return name;
}

void check_same_hash(std::uint64_t hash, const std::string& source, const std::string& what,
                     const std::string& hash_text) {
  std::uint64_t first = hash;
  MPI_Bcast(&first, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
  together([&] {
    if (first != hash) {
      std::string text = source;
      text += ": on ";
      text += host_name();
      text += " this is another ";
      text += what;
      text += " than on rank 0 (hash ";
      text += hash_text;
      text += "): the definition, base and data files must be the same for every rank";
      throw InputError(text);
    }
  });
}

// The run files are complete or absent at any moment; ranks 0 and 1 (in case 0 is the one that died) say so.
void install_abort_handlers(const std::string& output) {
  if (rank() <= 1) {
    const std::string text = std::string("zonesim: error: ") + (rank() == 0 ? "" : "MPI rank 1: ") +
                             "the MPI job was stopped (a signal, or a rank died); the finished runs are "
                             "kept in " +
                             sweep_run_directory(output) + ": run the same command with --resume to finish\n";
    g_abort_length = std::min(text.size(), sizeof g_abort_message);
    std::memcpy(g_abort_message, text.data(), g_abort_length);
  }
  struct sigaction sa {};
  sa.sa_handler = abort_on_signal;
  sigemptyset(&sa.sa_mask);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaction(sig, &sa, nullptr);
}

void restore_signals() {
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) signal(sig, SIG_DFL);
}

}  // namespace collective

namespace {

using namespace collective;

// Rank 0: its main thread serves the other ranks' requests, the rest of its team runs runs; all from one
// list of missing runs and one counter.
void coordinate(const SweepPlan& plan, const ZoneTable& table, const detail::RunStore& store,
                const SweepOptions& opt, SweepOutcome& out, long long& mine, std::exception_ptr& error) {
  std::vector<std::pair<int, int>> pending;
  for (int s = 0; s < static_cast<int>(plan.scenarios.size()); ++s)
    for (int r = 0; r < plan.replicates; ++r)
      if (!store.done(s, r)) pending.emplace_back(s, r);
  const long long n = static_cast<long long>(pending.size());
  std::atomic<long long> next{0};
  std::atomic<bool> failed{false};
  long long done = store.done_count();
  const double t0 = detail::seconds_now();
  const auto count_run = [&] {
#pragma omp critical(zonesim_sweep_progress)
    {
      ++done, ++out.done_now;
      if (opt.progress) opt.progress({done, plan.runs(), out.done_now, detail::seconds_now() - t0});
    }
  };
  const int others = ranks() - 1;
  const int levels = omp_get_max_active_levels();
  omp_set_max_active_levels(1);
#pragma omp parallel num_threads(opt.threads + 1)
  if (omp_get_thread_num() == 0) {
    for (int ranks_done = 0; ranks_done < others;) {
      int flag = 0;
      MPI_Status st;
      MPI_Iprobe(MPI_ANY_SOURCE, kTagAsk, MPI_COMM_WORLD, &flag, &st);
      if (!flag) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));  // no busy core for the coordinator
        continue;
      }
      long long ask[3];
      MPI_Recv(ask, 3, MPI_LONG_LONG, st.MPI_SOURCE, kTagAsk, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      if (ask[0]) count_run();
      if (ask[2]) failed = true;
      if (ask[1] < 0) ++ranks_done;
      if (ask[1] <= 0) continue;
      long long give[2] = {-1, -1};
      const long long i = failed ? n : next++;
      if (i < n)
        give[0] = pending[static_cast<size_t>(i)].first, give[1] = pending[static_cast<size_t>(i)].second;
      MPI_Send(give, 2, MPI_LONG_LONG, st.MPI_SOURCE, kTagGive, MPI_COMM_WORLD);
    }
  } else {
    for (long long i; !failed && (i = next++) < n;) {
      const auto [s, r] = pending[static_cast<size_t>(i)];
      try {
        detail::run_one(plan, table, store, s, r);
        count_run();
#pragma omp atomic
        ++mine;
      } catch (const std::exception& e) {
#pragma omp critical(zonesim_sweep_error)
        if (!error) error = detail::run_error(plan, s, r, e);
        failed = true;
      }
    }
  }
  omp_set_max_active_levels(levels);
  out.seconds = detail::seconds_now() - t0;
}

// Ranks > 0: every thread asks rank 0 for a run, runs and saves it, and asks again until told "no more".
// MPI calls are serialised (MPI_THREAD_SERIALIZED): one request in flight per rank.
void work(const SweepPlan& plan, const ZoneTable& table, const detail::RunStore& store, int threads,
          long long& mine, std::exception_ptr& error) {
  std::atomic<bool> failed{false};
  const int levels = omp_get_max_active_levels();
  omp_set_max_active_levels(1);
#pragma omp parallel num_threads(threads)
  {
    long long finished = 0, fail = 0;
    for (;;) {
      const long long want = failed ? 0 : 1;
      long long ask[3] = {finished, want, fail}, give[2] = {-1, -1};
#pragma omp critical(zonesim_mpi)
      {
        MPI_Send(ask, 3, MPI_LONG_LONG, 0, kTagAsk, MPI_COMM_WORLD);
        if (want) MPI_Recv(give, 2, MPI_LONG_LONG, 0, kTagGive, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      }
      if (!want || give[0] < 0) break;
      const int s = static_cast<int>(give[0]), r = static_cast<int>(give[1]);
      finished = 0;
      try {
        detail::run_one(plan, table, store, s, r);
        finished = 1;
#pragma omp atomic
        ++mine;
      } catch (const std::exception& e) {
#pragma omp critical(zonesim_sweep_error)
        if (!error) error = detail::run_error(plan, s, r, e);
        failed = true, fail = 1;
      }
    }
  }
  omp_set_max_active_levels(levels);
  long long last[3] = {0, -1, 0};
  MPI_Send(last, 3, MPI_LONG_LONG, 0, kTagAsk, MPI_COMM_WORLD);
}

class Session {
 public:
  Session() {
    int provided = 0;
    MPI_Init_thread(nullptr, nullptr, MPI_THREAD_SERIALIZED, &provided);
    if (provided < MPI_THREAD_SERIALIZED) {
      MPI_Finalize();
      throw std::runtime_error("the MPI library does not provide MPI_THREAD_SERIALIZED");
    }
  }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  ~Session() { MPI_Finalize(); }
};

}  // namespace

bool launched() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"})
    if (std::getenv(v)) return true;
  return false;
}

int ranks() {
  int on = 0, off = 0, n = 1;
  MPI_Initialized(&on);
  MPI_Finalized(&off);
  if (on && !off) MPI_Comm_size(MPI_COMM_WORLD, &n);
  return n;
}

int rank() {
  int on = 0, off = 0, me = 0;
  MPI_Initialized(&on);
  MPI_Finalized(&off);
  if (on && !off) MPI_Comm_rank(MPI_COMM_WORLD, &me);
  return me;
}

int run_command(const std::function<int()>& command) {
  Session session;
  if (rank() != 0 && !std::freopen("/dev/null", "w", stdout)) std::fclose(stdout);
  g_collective = false;
  try {
    return command();
  } catch (const QuietExit&) {
    // Rank 0 reports the failure and gives the job its exit code. A non-zero exit here would let mpirun abort
    // the job, rank 0 included, before rank 0 has printed the message.
    return 0;
  } catch (...) {
    if (g_collective || ranks() == 1) throw;
    // Failed before the sweep's first collective step, which the other ranks may be waiting in.
    const std::exception_ptr mine = std::current_exception();
    std::string message;
    const int code = exit_code_of(mine, message);
    try {
      settle(agree(code, message), mine);
    } catch (const QuietExit&) {
      return 0;  // as above: rank 0 speaks and exits non-zero
    }
    return code;
  }
}

}  // namespace mpi

SweepOutcome detail::run_sweep_mpi(const SweepPlan& plan, const ZoneTable& table, const SweepOptions& opt) {
  using namespace mpi;
  using namespace mpi::collective;
  enter_collective();
  const int me = rank();
  settle(agree(0, ""), nullptr);  // every rank has loaded the sweep (or run_command shares its failure)
  check_same_hash(plan.hash, plan.source, "sweep", sweep_hash_hex(plan));

  SweepOutcome out;
  out.runs = plan.runs();
  std::optional<RunStore> store;
  int already_complete = 0;
  together([&] {  // rank 0 opens (or resumes) the directory of finished runs, as a one-process sweep does
    if (me != 0) return;
    check_output_path(opt.output);
    std::error_code ec;
    if (opt.resume && !fs::exists(sweep_run_directory(opt.output), ec) && fs::exists(opt.output, ec)) {
      check_read_does_not_crash(opt.output, [&] { check_finished_output(opt.output, plan); });
      check_finished_output(opt.output, plan);
      already_complete = 1;
      return;
    }
    remove_stale_files(opt.output);
    store.emplace(opt.output, plan, table.size(), opt.resume);
  });
  MPI_Bcast(&already_complete, 1, MPI_INT, 0, MPI_COMM_WORLD);
  if (already_complete) {
    if (me != 0) throw QuietExit{0};
    out.already_complete = out.complete = true;
    out.done_before = out.runs;
    return out;
  }
  together([&] {  // the others only save runs into it: it must be on storage they share
    if (me == 0) return;
    try {
      store.emplace(opt.output, plan, table.size(), RunStore::Attach{});
    } catch (const std::exception& e) {
      throw OutputError(
          std::string(e.what()) + " on " + host_name() +
          ": the directory beside OUT.h5 must be on storage every rank shares (docs/cluster.md)");
    }
  });

  install_abort_handlers(opt.output);
  std::exception_ptr error;
  long long mine = 0;
  if (me == 0) {
    out.done_before = store->done_count();
    coordinate(plan, table, *store, opt, out, mine, error);
  } else {
    work(plan, table, *store, opt.threads, mine, error);
  }
  out.runs_by_rank.resize(static_cast<size_t>(ranks()));
  MPI_Gather(&mine, 1, MPI_LONG_LONG, out.runs_by_rank.data(), 1, MPI_LONG_LONG, 0, MPI_COMM_WORLD);
  if (me != 0) restore_signals();  // its part is done: a SIGTERM now is mpirun ending a job rank 0 reports on
  std::string message;
  settle(agree(error ? exit_code_of(error, message) : 0, message), error);
  if (me != 0) {  // rank 0 assembles OUT.h5; the others wait to leave with its exit code
    together([] {});
    throw QuietExit{0};
  }
  together([&] {
    if (out.done_before + out.done_now < out.runs)
      throw std::runtime_error("only " + std::to_string(out.done_before + out.done_now) + " of " +
                               std::to_string(out.runs) + " runs are finished; they are kept in " +
                               store->directory() + ": run the same command with --resume to finish");
    assemble(plan, table, *store, opt);
    store->remove();
  });
  out.complete = true;
  return out;
}

}  // namespace zonesim
