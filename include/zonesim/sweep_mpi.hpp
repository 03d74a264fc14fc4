#pragma once
// Sweeps across the ranks of an MPI job (only in a build with -DZONESIM_MPI=ON; docs/cluster.md). Every rank
// loads the same sweep; rank 0 hands out the runs one at a time on request (dynamic load balancing), runs
// some itself and assembles OUT.h5 from the run files that every rank saves in the shared directory beside
// it. Results do not depend on the number of ranks: a run's random streams are keyed by (seed, replicate).
#include <functional>

namespace zonesim::mpi {

// True when this process was started by an MPI launcher (mpirun, mpiexec, srun): only then is MPI
// initialised.
bool launched();

// The ranks of MPI_COMM_WORLD (1 when MPI is not initialised) and this process's rank (0 then).
int ranks();
int rank();

// A rank other than 0 leaves the command with this exit code and prints nothing: rank 0 speaks for the job.
struct QuietExit {
  int code;
};

// Initialises MPI, runs `command` on every rank and finalises. Ranks other than 0 write nothing to stdout.
// An exception that `command` throws before run_sweep() reaches its first collective step (a bad file, a bad
// option) is shared with the other ranks so that none of them waits for it: rank 0 rethrows its own or
// reports the first failing rank's, the others return quietly. Returns the exit code of this rank.
int run_command(const std::function<int()>& command);

}  // namespace zonesim::mpi
