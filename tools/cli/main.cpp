// zonesim: the command-line interface. One file per subcommand (cmd_*.cpp); errors and exit codes here.
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "cli.hpp"
#include "zonesim/errors.hpp"
#include "zonesim/version.hpp"

namespace zonesim::cli {

static std::string g_command_line;
std::string joined_command_line() { return g_command_line; }

}  // namespace zonesim::cli

namespace {

constexpr const char* kUsage =
    "usage: zonesim <command> [options]\n"
    "\n"
    "Agent-based simulation of China's national high-tech zones under incentive schemes.\n"
    "\n"
    "commands:\n"
    "  run SCENARIO.yaml -o OUT.h5   run one scenario and write its results (HDF5)\n"
    "  sweep SWEEP.yaml -o OUT.h5    run a sweep: schemes x design points x replicates, resumable\n"
    "  compare OUT.h5                compare schemes (paired differences) and sensitivity indices\n"
    "  report OUT.h5 -o REPORT.html  one self-contained HTML page: which scheme, at what cost, for whom\n"
    "  optimize OPT.yaml -o P.h5     search for robust scheme designs (multi-objective), resumable\n"
    "  validate FILE.yaml ...        check scenario and sweep files without running them\n"
    "  export OUT.h5 [-o DIR]        tidy CSV tables of a result file, for R, Stata and Excel\n"
    "  info OUT.h5                   describe a result file\n"
    "  params [--markdown]           list every scenario key with its default, range and meaning\n"
    "  bench [SCENARIO.yaml]         measure speed, memory and bandwidth on this machine\n"
    "\n"
    "Run `zonesim <command> --help` for a command's options. Exit codes: 0 success, 2 bad input,\n"
    "1 any other failure.\n";

void print_error_lines(const std::string& text) {
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = text.find('\n', start);
    std::fprintf(stderr, "zonesim: error: %s\n", text.substr(start, end - start).c_str());
    if (end == std::string::npos) break;
    start = end + 1;
  }
}

// Leaves without the atexit handlers: HDF5 1.10 crashes in its own (H5_term_library) when a file failed to
// flush or close, e.g. on a full disk or past `ulimit -f`. Unwinding has already removed temporary files.
[[noreturn]] void exit_now(int code) {
  std::fflush(stdout);
  std::fflush(stderr);
  std::_Exit(code);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace zonesim::cli;
  // Past `ulimit -f`, write() should fail with EFBIG and be reported (the partial file removed), not kill us.
  signal(SIGXFSZ, SIG_IGN);
  g_command_line = "zonesim";
  for (int i = 1; i < argc; ++i) {
    g_command_line += ' ';
    g_command_line += argv[i];
  }
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return kExitBadInput;
  }
  const std::string cmd = argv[1];
  const std::vector<std::string> args(argv + 2, argv + argc);
  try {
    if (cmd == "-h" || cmd == "--help" || cmd == "help") {
      std::fputs(kUsage, stdout);
      return kExitOk;
    }
    if (cmd == "--version" || cmd == "version") {
      std::printf("zonesim %s (%s)\n", zonesim::kVersion, zonesim::kGitCommit);
      return kExitOk;
    }
    if (cmd == "run") return cmd_run(args);
    if (cmd == "validate") return cmd_validate(args);
    if (cmd == "sweep") return cmd_sweep(args);
    if (cmd == "compare") return cmd_compare(args);
    if (cmd == "report") return cmd_report(args);
    if (cmd == "info") return cmd_info(args);
    if (cmd == "params") return cmd_params(args);
    if (cmd == "bench") return cmd_bench(args);
    if (cmd == "optimize") return cmd_optimize(args);
    if (cmd == "export") return cmd_export(args);
    throw UsageError{
        "unknown command '" + cmd +
        "' (commands: run, sweep, compare, report, optimize, validate, info, params, bench; see --help)"};
  } catch (const UsageError& e) {
    print_error_lines(e.message);
    return kExitBadInput;
  } catch (const zonesim::InputError& e) {
    print_error_lines(e.what());
    exit_now(kExitBadInput);
  } catch (const std::exception& e) {
    print_error_lines(e.what());
    exit_now(kExitFailure);
  }
}
