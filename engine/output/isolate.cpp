// Crash containment for reading untrusted files (include/zonesim/isolate.hpp).
#include "zonesim/isolate.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "zonesim/errors.hpp"

namespace zonesim {

int crash_signal_of(const std::function<void()>& body, double seconds) {
  std::fflush(nullptr);
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) return 0;  // cannot isolate: the caller reads in-process, as it would without this
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive zonesim (a hang inside HDF5 would spin on)
    if (getppid() != parent) _exit(0);
    for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) signal(sig, SIG_DFL);
    if (const int null = ::open("/dev/null", O_WRONLY); null >= 0) dup2(null, 1), dup2(null, 2);
    try {
      body();
    } catch (...) {
    }
    _exit(0);  // no atexit handlers, no leak check: the parent does the real work
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  long pause_ns = 100000;
  for (int status = 0;;) {
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    if (done < 0 && errno != EINTR) return 0;
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      return kTrialTimedOut;
    }
    const timespec pause{0, pause_ns};
    nanosleep(&pause, nullptr);
    pause_ns = std::min(pause_ns * 2, 50000000L);
  }
}

void check_read_does_not_crash(const std::string& path, const std::function<void()>& read) {
  double seconds = kTrialSeconds;
  if (const char* s = std::getenv("ZONESIM_TRIAL_SECONDS"); s && std::atof(s) > 0) seconds = std::atof(s);
  const int sig = crash_signal_of(read, seconds);
  if (sig == kTrialTimedOut)
    throw InputError(path + ": damaged: the HDF5 library did not finish reading it in " +
                     std::to_string(static_cast<int>(seconds)) + " s");
  if (sig != 0)
    throw InputError(path + ": damaged: the HDF5 library crashed reading it (signal " + std::to_string(sig) +
                     ", " + strsignal(sig) + ")");
}

}  // namespace zonesim
