#pragma once
// Private to the MPI layer (-DZONESIM_MPI=ON): the collective steps shared by an MPI sweep (sweep/mpi.cpp)
// and an MPI optimisation (optimize/mpi.cpp). Every rank runs the same command; these let them agree on
// failures so that no rank waits in a collective call for one that has given up, and let rank 0 speak for
// the job. docs/cluster.md.
#include <cstdint>
#include <exception>
#include <string>

#include "zonesim/sweep_mpi.hpp"

namespace zonesim::mpi::collective {

// Message tags: a worker's request (and its finished run), rank 0's answer, a failing rank's message.
constexpr int kTagAsk = 1, kTagGive = 2, kTagMessage = 3;

// Called by a command when it reaches its first collective step: from then on it shares its own failures,
// and run_command() no longer does.
void enter_collective();

// 2 for an input error (or the CLI's usage errors), 1 otherwise; `message` gets the text.
int exit_code_of(const std::exception_ptr& e, std::string& message);

// The first failing rank (in rank order) and its exit code, known to every rank; its message on rank 0.
struct Verdict {
  int code = 0, rank = -1;
  std::string message;
};
Verdict agree(int code, const std::string& message);

// After an agreement: rank 0 throws its own exception or the failing rank's message, the others throw
// QuietExit.
void settle(const Verdict& v, const std::exception_ptr& mine);

// Runs `step` on every rank, then agrees: if it threw on any rank, every rank leaves (see settle).
template <class Step>
void together(Step&& step) {
  std::exception_ptr mine;
  std::string message;
  int code = 0;
  try {
    step();
  } catch (...) {
    mine = std::current_exception();
    code = exit_code_of(mine, message);
  }
  settle(agree(code, message), mine);
}

// Rank 0's hash of the definition against this rank's: a rank that loaded other files fails the job.
void check_same_hash(std::uint64_t hash, const std::string& source, const std::string& what,
                     const std::string& hash_text);

// A signal (mpirun's SIGTERM when another rank died, or Ctrl-C on mpirun) ends this rank at once; ranks 0
// and 1 say that the finished runs are kept beside `output` and how to resume. restore_signals() gives the
// signals back their default action once this rank's part is done.
void install_abort_handlers(const std::string& output);
void restore_signals();

std::string host_name();

}  // namespace zonesim::mpi::collective
