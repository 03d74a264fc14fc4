#pragma once
// Containing crashes of a library we cannot fix: HDF5 1.10 (Debian 12) can crash on a damaged file (e.g. a
// corrupt global heap under a variable-length string, found by fuzzing; docs/robustness.md). Reading a file
// given by the user is first tried in a child process; if the child dies of a signal, the file is refused as
// damaged instead of taking zonesim down (or hanging it: HDF5 can also loop forever on a damaged heap).
#include <functional>
#include <string>

namespace zonesim {

inline constexpr int kTrialTimedOut = -1;
// A trial read of a result file takes well under a second; HDF5 can also loop forever on a damaged heap.
// The environment variable ZONESIM_TRIAL_SECONDS overrides it (the tests use 2).
inline constexpr double kTrialSeconds = 120;

// Runs `body` in a forked child with stdout and stderr discarded and default handlers for crash signals, for
// at most `seconds`. Returns the signal that killed the child, kTrialTimedOut if it was still running (it is
// killed), or 0 if it ended normally (whatever `body` threw).
int crash_signal_of(const std::function<void()>& body, double seconds);

// Throws InputError ("FILE: damaged: the HDF5 library crashed reading it (signal N, ...)" or "did not finish
// reading it in 120 s") if `read` crashes or hangs in a trial run.
void check_read_does_not_crash(const std::string& path, const std::function<void()>& read);

}  // namespace zonesim
