#pragma once
// Containing crashes of a library we cannot fix: HDF5 1.10 (Debian 12) can crash on a damaged file (e.g. a
// corrupt global heap under a variable-length string, found by fuzzing; docs/robustness.md). Reading a file
// given by the user is first tried in a child process; if the child dies of a signal, the file is refused as
// damaged instead of taking zonesim down.
#include <functional>
#include <string>

namespace zonesim {

// Runs `body` in a forked child with stdout and stderr discarded and default handlers for crash signals.
// Returns the signal that killed the child, or 0 if it ended normally (whatever `body` threw).
int crash_signal_of(const std::function<void()>& body);

// Throws InputError ("FILE: damaged: the HDF5 library crashed reading it (signal N)") if `read` crashes.
void check_read_does_not_crash(const std::string& path, const std::function<void()>& read);

}  // namespace zonesim
