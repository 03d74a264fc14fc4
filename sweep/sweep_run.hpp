#pragma once
// Private to the sweep code: the steps of run_sweep() (sweep/run.cpp) that the MPI sweep
// (sweep/mpi.cpp, -DZONESIM_MPI=ON) shares, so that both write the same files the same way.
#include <exception>
#include <string>

#include "sweep_store.hpp"
#include "zonesim/sweep.hpp"
#include "zonesim/zones.hpp"

namespace zonesim::detail {

double seconds_now();
// --resume with OUT.h5 complete and no directory of runs: OUT.h5 must be this very sweep (InputError if not).
void check_finished_output(const std::string& output, const SweepPlan& plan);
// Leftovers of processes killed with SIGKILL: OUT.h5's temporary files and removed run directories.
void remove_stale_files(const std::string& output);
// Runs (scenario s, replicate r) on the calling thread and saves it in the store.
void run_one(const SweepPlan& plan, const ZoneTable& table, const RunStore& store, int s, int r);
// A run's failure with its place: "scenario S (LABEL), replicate R: what" (InputError kept as such).
std::exception_ptr run_error(const SweepPlan& plan, int s, int r, const std::exception& e);
// Writes OUT.h5 from the finished runs (a temporary file renamed into place).
void assemble(const SweepPlan& plan, const ZoneTable& table, const RunStore& store, const SweepOptions& opt);

#ifdef ZONESIM_MPI
// The sweep across the ranks of MPI_COMM_WORLD (sweep/mpi.cpp; docs/cluster.md).
SweepOutcome run_sweep_mpi(const SweepPlan& plan, const ZoneTable& table, const SweepOptions& opt);
#endif

}  // namespace zonesim::detail
