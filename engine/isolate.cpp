// Crash containment for reading untrusted files (include/zonesim/isolate.hpp).
#include "zonesim/isolate.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "zonesim/errors.hpp"

namespace zonesim {

int crash_signal_of(const std::function<void()>& body) {
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid < 0) return 0;  // cannot isolate: the caller reads in-process, as it would without this
  if (pid == 0) {
    for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) signal(sig, SIG_DFL);
    if (const int null = ::open("/dev/null", O_WRONLY); null >= 0) dup2(null, 1), dup2(null, 2);
    try {
      body();
    } catch (...) {
    }
    _exit(0);  // no atexit handlers, no leak check: the parent does the real work
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return 0;
  return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

void check_read_does_not_crash(const std::string& path, const std::function<void()>& read) {
  if (const int sig = crash_signal_of(read))
    throw InputError(path + ": damaged: the HDF5 library crashed reading it (signal " + std::to_string(sig) +
                     ", " + strsignal(sig) + ")");
}

}  // namespace zonesim
