#pragma once
// Shared by the subcommands: argument parsing, exit codes, progress display.
#include <csignal>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "zonesim/run.hpp"

namespace zonesim::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;

// Command-line usage error (exit 2).
struct UsageError {
  std::string message;
};

struct OptionSpec {
  std::string long_name;  // "output"
  char short_name = 0;    // 'o'
  bool takes_value = false;
  bool repeatable = false;
};

struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::vector<std::string>> options;  // long name -> values ("" for flags)
  bool has(const std::string& name) const { return options.count(name) > 0; }
  std::string get(const std::string& name, const std::string& fallback = "") const;
  long long get_int(const std::string& name, long long fallback, long long lo, long long hi) const;
};

// Parses argv after the subcommand; throws UsageError on unknown options or missing values.
Args parse(const std::vector<std::string>& argv, const std::vector<OptionSpec>& specs);

// Terminal progress bar on stderr when stderr is a terminal; silent otherwise.
class ProgressBar {
 public:
  ProgressBar(std::string label, bool enabled);
  void update(int done, int total);
  void finish();

 private:
  std::string label_;
  bool enabled_;
  double start_;
  int last_width_ = -1;
};

// Progress of many runs on stderr: on a terminal a bar with runs done, rate and ETA; off a terminal a plain
// line at most every `interval` seconds, and one at the end.
class RunProgress {
 public:
  RunProgress(std::string label, bool terminal, bool enabled, double interval = 10);
  // done and total count all runs; done_now those finished by this process in `seconds`.
  void update(long long done, long long total, long long done_now, double seconds);
  void finish();

 private:
  std::string label_;
  bool terminal_, enabled_;
  double interval_, last_line_ = -1;
  bool drawn_ = false;
};

// "42s", "3m20s", "2h05m".
std::string format_duration(double seconds);

// SIGINT, SIGTERM and SIGHUP set the returned flag (the runs in progress finish and are kept); a second signal
// stops at once. Shared by sweep and optimize.
volatile std::sig_atomic_t* install_stop_handlers();

bool stderr_is_terminal();
bool stdout_is_terminal();
double now_seconds();
long peak_rss_kib();
std::string joined_command_line();

// Writes one run's result file at `path` as `zonesim run` does (the caller makes it atomic).
void write_run_file(const std::string& path, const zonesim::ScenarioSpec& spec,
                    const zonesim::ZoneTable& table, const zonesim::RunResult& result, int replicate);

int cmd_run(const std::vector<std::string>& args);
int cmd_validate(const std::vector<std::string>& args);
int cmd_info(const std::vector<std::string>& args);
int cmd_params(const std::vector<std::string>& args);
int cmd_sweep(const std::vector<std::string>& args);
int cmd_compare(const std::vector<std::string>& args);
int cmd_report(const std::vector<std::string>& args);
int cmd_bench(const std::vector<std::string>& args);
int cmd_optimize(const std::vector<std::string>& args);
int cmd_export(const std::vector<std::string>& args);

}  // namespace zonesim::cli
