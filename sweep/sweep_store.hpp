#pragma once
// Private to the sweep code: the directory of finished runs beside OUT.h5 (".OUT.h5.runs"). Each finished run
// is one small binary file, written to a temporary name, synced and renamed: after a crash a run file is
// either complete or absent. A manifest names the sweep (hash of its resolved definition) so that --resume
// never mixes runs of two definitions; a lock keeps two processes from writing the same directory.
// docs/sweeps.md.
#include <cstdint>
#include <string>
#include <vector>

#include "zonesim/run.hpp"
#include "zonesim/sweep.hpp"

namespace zonesim::detail {

// An open file descriptor, closed on destruction (so a lock taken in a constructor that throws is released).
struct FileDescriptor {
  int fd = -1;
  FileDescriptor() = default;
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() { reset(); }
  void reset();
};

// Writes the bytes a then b to path atomically: a temporary file beside it renamed into place. With `sync`,
// the data and the rename are on disk before it returns. Throws OutputError. (Also the optimizer's run files.)
// The value of "key: value" in a run directory's manifest, "" when the key is not there.
std::string manifest_field(const std::string& text, const std::string& key);

void write_atomically(const std::string& path, const void* a, size_t na, const void* b, size_t nb, bool sync);

class RunStore {
 public:
  // Opens or creates the directory for `output`. Without `resume` an existing directory of finished runs is
  // an error (it holds work); with `resume` its manifest must match the plan. Throws InputError otherwise.
  RunStore(const std::string& output, const SweepPlan& plan, int zones, bool resume);
  // Only to save runs into the directory another process opened (MPI rank 0 holds the lock and has scanned
  // it): no lock, no manifest written, no scan. OutputError when the manifest of this sweep is not there.
  struct Attach {};
  RunStore(const std::string& output, const SweepPlan& plan, int zones, Attach);
  RunStore(const RunStore&) = delete;
  RunStore& operator=(const RunStore&) = delete;

  bool done(int scenario, int replicate) const;
  long long done_count() const { return done_count_; }
  // Saves a finished run (safe to call from several threads for different runs).
  void save(int scenario, int replicate, const RunResult& result) const;
  RunResult load(int scenario, int replicate) const;
  // Removes the directory (once OUT.h5 holds everything).
  void remove();
  const std::string& directory() const { return dir_; }

 private:
  struct Layout {};
  RunStore(const std::string& output, const SweepPlan& plan, int zones, Layout);
  std::string run_path(int scenario, int replicate) const;
  void create_or_check_manifest(bool resume);
  void scan();

  std::string output_, dir_;
  std::uint64_t hash_;
  std::string hash_hex_;
  int scenarios_, replicates_, years_, zones_;
  std::vector<std::uint8_t> done_;
  long long done_count_ = 0;
  FileDescriptor lock_;
};

}  // namespace zonesim::detail
