// zonesim bench [SCENARIO.yaml] [--sizes LIST] [--threads LIST] [--sweep-runs N] [--format table|json]
// Measures the engine on this machine (docs/performance.md): enterprise-steps per second by size and thread
// count, the time of each part of the step, peak memory, sweep throughput and memory bandwidth. Each case
// runs in a fresh process (this executable with --case) so that its peak memory is its own.
#include <omp.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "cli.hpp"
#include "zonesim/errors.hpp"
#include "zonesim/model/world.hpp"
#include "zonesim/output.hpp"
#include "zonesim/run.hpp"
#include "zonesim/sweep.hpp"
#include "zonesim/version.hpp"

namespace zonesim::cli {
namespace {

constexpr const char* kHelp =
    "usage: zonesim bench [SCENARIO.yaml] [options]\n"
    "\n"
    "Measure the engine on this machine with SCENARIO (default scenarios/baseline.yaml): enterprise-steps\n"
    "per second for each size and thread count, the time of each part of the yearly step, peak memory and\n"
    "bytes per enterprise, sweep throughput (runs per minute of SCENARIO as it is) and the memory bandwidth\n"
    "(a STREAM triad). Every case runs in a fresh process. Prints a table on a terminal, JSON otherwise.\n"
    "Nothing here is a test: times depend on the machine and its load (docs/performance.md).\n"
    "\n"
    "options:\n"
    "  --sizes LIST        enterprise counts (default 100000,1000000,10000000)\n"
    "  --threads LIST      OpenMP thread counts (default 1,2)\n"
    "  --repeat N          runs of each case; the fastest counts (default 3)\n"
    "  --sweep-runs N      runs per sweep measurement (default 60; 0 skips it)\n"
    "  --no-stream         skip the memory-bandwidth kernel\n"
    "  --format FMT        table or json (default: table on a terminal, json otherwise)\n"
    "  -o, --output FILE   also write the JSON to FILE\n"
    "  -h, --help          show this help\n";

using Fields = std::map<std::string, double>;

std::string json_object(const Fields& f) {
  std::ostringstream s;
  s.precision(6);
  s << '{';
  bool first = true;
  for (const auto& [k, v] : f) {
    s << (first ? "" : ", ") << '"' << k << "\": " << v;
    first = false;
  }
  s << '}';
  return s.str();
}

// Reads back what json_object wrote (flat, numbers only).
Fields parse_fields(const std::string& text) {
  Fields f;
  std::size_t pos = 0;
  while ((pos = text.find('"', pos)) != std::string::npos) {
    const std::size_t end = text.find('"', pos + 1);
    const std::size_t colon = text.find(':', end);
    if (end == std::string::npos || colon == std::string::npos) break;
    f[text.substr(pos + 1, end - pos - 1)] = std::strtod(text.c_str() + colon + 1, nullptr);
    pos = colon;
  }
  return f;
}

std::vector<long long> parse_list(const std::string& text, const char* option, long long lo, long long hi) {
  std::vector<long long> out;
  std::stringstream s(text);
  for (std::string item; std::getline(s, item, ',');) {
    char* end = nullptr;
    const long long v = std::strtoll(item.c_str(), &end, 10);
    if (item.empty() || *end != '\0' || v < lo || v > hi)
      throw UsageError{std::string("bench: --") + option + ": '" + item + "' is not an integer in [" +
                       std::to_string(lo) + ", " + std::to_string(hi) + "]"};
    out.push_back(v);
  }
  return out;
}

long current_rss_kib() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * (sysconf(_SC_PAGE_SIZE) / 1024);
}

// Living enterprises at the start of each simulated year, summed: the enterprise-steps of the run.
double enterprise_steps(const RunResult& r) {
  double sum = 0;
  for (std::size_t t = 0; t + 1 < r.years.size(); ++t)
    for (double firms : r.years[t].zone[ZoneVar::firms]) sum += firms;
  return sum;
}

double write_seconds(const ScenarioSpec& spec, const ZoneTable& table, const RunResult& result) {
  const std::string path =
      std::filesystem::temp_directory_path() / ("zonesim-bench-" + std::to_string(getpid()) + ".h5");
  const double t0 = now_seconds();
  write_run_file(path, spec, table, result, 0);  // what zonesim run writes
  const double seconds = now_seconds() - t0;
  std::filesystem::remove(path);
  return seconds;
}

// One run of one size and thread count: what --case prints.
Fields measure_run(const std::string& scenario, long long size, int threads) {
  omp_set_num_threads(threads);
  const ScenarioSpec spec = load_scenario(scenario, {{"enterprises.count", std::to_string(size)}});
  const ZoneTable table = zone_table_for(spec);
  const long rss_before = current_rss_kib();
  StepTimes times;
  const double t0 = now_seconds();
  const RunResult result = simulate(spec, table, {spec.seed, 0}, make_models(spec), {}, &times);
  const double run_seconds = now_seconds() - t0;
  const double output = write_seconds(spec, table, result);
  double step_seconds = 0;
  for (int p = StepTimes::production; p < StepTimes::kParts; ++p) step_seconds += times.seconds[p];
  const double esteps = enterprise_steps(result);
  Fields best = {{"enterprises", static_cast<double>(size)},
                 {"threads", static_cast<double>(threads)},
                 {"enterprise_steps", esteps},
                 {"step_seconds", step_seconds},
                 {"run_seconds", run_seconds + output},
                 {"esteps_per_second", esteps / step_seconds},
                 {"ns_per_estep", 1e9 * step_seconds / esteps},
                 {"t_output", output}};
  for (int p = 0; p < StepTimes::kParts; ++p) best[std::string("t_") + StepTimes::name(p)] = times.seconds[p];
  const long peak = peak_rss_kib();
  best["peak_rss_mib"] = peak / 1024.0;
  best["rss_bytes_per_enterprise"] =
      1024.0 * static_cast<double>(peak - rss_before) / static_cast<double>(size);
  best["state_bytes_per_enterprise"] = static_cast<double>(Enterprises::bytes_per_enterprise());
  return best;
}

// Runs per minute of `runs` replicates of the scenario as a sweep (files written, as a user would).
Fields measure_sweep(const std::string& scenario, int threads, int runs) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("zonesim-bench-sweep-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const std::string sweep_file = dir / "sweep.yaml";
  std::ofstream(sweep_file) << "base: " << std::filesystem::absolute(scenario).string()
                            << "\nreplicates: " << runs << "\n";
  const SweepPlan plan = load_sweep(sweep_file);
  const ZoneTable table = zone_table_for(plan.first);
  SweepOptions options;
  options.output = dir / "sweep.h5";
  options.threads = threads;
  const double t0 = now_seconds();
  const SweepOutcome outcome = run_sweep(plan, table, options);
  const double seconds = now_seconds() - t0;
  std::filesystem::remove_all(dir);
  return {{"threads", static_cast<double>(threads)},
          {"runs", static_cast<double>(outcome.done_now)},
          {"enterprises", static_cast<double>(plan.first.enterprises.count)},
          {"seconds", seconds},
          {"runs_per_minute", 60.0 * static_cast<double>(outcome.done_now) / seconds},
          {"peak_rss_mib", peak_rss_kib() / 1024.0}};
}

// STREAM triad a = b + s * c over arrays far larger than the caches; best of 5; 24 bytes moved per element
// (32 with the write-allocate of a, which STREAM does not count).
Fields measure_bandwidth(int threads) {
  omp_set_num_threads(threads);
  const std::size_t n = std::size_t{1} << 25;  // 256 MiB per array
  std::unique_ptr<double[]> a(new double[n]), b(new double[n]), c(new double[n]);
#pragma omp parallel for schedule(static)
  for (std::size_t i = 0; i < n; ++i) a[i] = 0, b[i] = 1, c[i] = 2;
  double best = 1e30;
  for (int rep = 0; rep < 5; ++rep) {
    const double t0 = now_seconds();
#pragma omp parallel for schedule(static)
    for (std::size_t i = 0; i < n; ++i) a[i] = b[i] + 3.0 * c[i];
    best = std::min(best, now_seconds() - t0);
  }
  if (a[n / 2] != 7.0) throw std::runtime_error("bench: the bandwidth kernel computed a wrong result");
  return {{"threads", static_cast<double>(threads)},
          {"triad_gb_per_s", 24.0 * static_cast<double>(n) / best / 1e9}};
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs this executable with `args` and returns what it printed (one JSON object).
Fields run_child(const std::string& args) {
  const std::string exe = std::filesystem::read_symlink("/proc/self/exe");
  const std::string command = shell_quote(exe) + " bench " + args;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) throw std::runtime_error("bench: cannot start " + command);
  std::string text;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe.get())) text += buffer;
  const int status = pclose(pipe.release());
  if (status != 0) throw std::runtime_error("bench: the measurement `" + command + "` failed");
  return parse_fields(text);
}

void print_table(const std::vector<Fields>& runs, const std::vector<Fields>& sweeps,
                 const std::vector<Fields>& bandwidth) {
  std::printf("%12s %7s %12s %8s %9s %9s  %s\n", "enterprises", "threads", "Msteps/s", "ns/step", "run s",
              "peak MiB",
              "step parts (s): production innovation entry_exit relocation statistics governments other"
              " | setup output");
  for (const auto& r : runs) {
    std::printf("%12.0f %7.0f %12.2f %8.1f %9.3f %9.1f  ", r.at("enterprises"), r.at("threads"),
                r.at("esteps_per_second") / 1e6, r.at("ns_per_estep"), r.at("run_seconds"),
                r.at("peak_rss_mib"));
    for (int p = StepTimes::production; p < StepTimes::kParts; ++p)
      std::printf("%.3f ", r.at(std::string("t_") + StepTimes::name(p)));
    std::printf("| %.3f %.3f\n", r.at("t_setup"), r.at("t_output"));
  }
  for (const auto& s : sweeps)
    std::printf("sweep: %.0f runs of %.0f enterprises on %.0f thread(s): %.1f runs/min\n", s.at("runs"),
                s.at("enterprises"), s.at("threads"), s.at("runs_per_minute"));
  for (const auto& b : bandwidth)
    std::printf("memory bandwidth (STREAM triad), %.0f thread(s): %.1f GB/s\n", b.at("threads"),
                b.at("triad_gb_per_s"));
}

std::string json_report(const std::vector<Fields>& runs, const std::vector<Fields>& sweeps,
                        const std::vector<Fields>& bandwidth) {
  auto array = [](const std::vector<Fields>& items) {
    std::string s = "[";
    for (std::size_t i = 0; i < items.size(); ++i) s += (i ? ", " : "") + json_object(items[i]);
    return s + "]";
  };
  return std::string("{\"zonesim\": \"") + kVersion + "\", \"commit\": \"" + kGitCommit +
         "\", \"cores\": " + std::to_string(omp_get_num_procs()) + ", \"runs\": " + array(runs) +
         ", \"sweeps\": " + array(sweeps) + ", \"bandwidth\": " + array(bandwidth) + "}\n";
}

}  // namespace

int cmd_bench(const std::vector<std::string>& argv) {
  const Args a = parse(argv, {{"sizes", 0, true},
                              {"threads", 0, true},
                              {"repeat", 0, true},
                              {"sweep-runs", 0, true},
                              {"no-stream", 0},
                              {"format", 0, true},
                              {"output", 'o', true},
                              {"case", 0, true},
                              {"sweep-case", 0, true},
                              {"help", 'h'}});
  if (a.has("help")) {
    std::fputs(kHelp, stdout);
    return kExitOk;
  }
  if (a.positional.size() > 1) throw UsageError{"bench: expected at most one scenario file"};
  const std::string scenario = a.positional.empty() ? "scenarios/baseline.yaml" : a.positional[0];
  const int repeat = static_cast<int>(a.get_int("repeat", 3, 1, 100));
  // Internal: one measurement in this process.
  if (a.has("case") || a.has("sweep-case")) {
    const auto v = parse_list(a.get(a.has("case") ? "case" : "sweep-case"), "case", 1, 1LL << 40);
    if (v.size() != 2) throw UsageError{"bench: --case takes SIZE,THREADS"};
    const Fields f = a.has("case") ? measure_run(scenario, v[0], static_cast<int>(v[1]))
                                   : measure_sweep(scenario, static_cast<int>(v[1]), static_cast<int>(v[0]));
    std::printf("%s\n", json_object(f).c_str());
    return kExitOk;
  }
  load_scenario(scenario);  // a bad scenario fails here, with its message, before any child starts
  const auto sizes = parse_list(a.get("sizes", "100000,1000000,10000000"), "sizes", 1000, 1LL << 32);
  const auto threads = parse_list(a.get("threads", "1,2"), "threads", 1, 1024);
  const long long sweep_runs = a.get_int("sweep-runs", 60, 0, 1000000);
  const std::string format = a.get("format", stdout_is_terminal() ? "table" : "json");
  if (format != "table" && format != "json") throw UsageError{"bench: --format must be table or json"};
  const bool chatty = stderr_is_terminal();

  std::vector<Fields> runs, sweeps, bandwidth;
  const std::string quoted = shell_quote(scenario);
  for (long long n : sizes)
    for (long long t : threads) {
      if (chatty) std::fprintf(stderr, "bench: %lld enterprises, %lld thread(s) ...\n", n, t);
      // Each repetition in its own process; the fastest counts, and the largest peak memory.
      Fields best;
      double peak = 0;
      for (int r = 0; r < (n >= 10000000 ? 1 : repeat); ++r) {
        Fields f = run_child(quoted + " --case " + std::to_string(n) + "," + std::to_string(t));
        peak = std::max(peak, f.at("peak_rss_mib"));
        if (best.empty() || f.at("step_seconds") < best.at("step_seconds")) best = std::move(f);
      }
      best["peak_rss_mib"] = peak;
      runs.push_back(best);
    }
  if (sweep_runs > 0)
    for (long long t : threads) {
      if (chatty) std::fprintf(stderr, "bench: sweep of %lld runs, %lld thread(s) ...\n", sweep_runs, t);
      sweeps.push_back(
          run_child(quoted + " --sweep-case " + std::to_string(sweep_runs) + "," + std::to_string(t)));
    }
  if (!a.has("no-stream"))
    for (long long t : threads) bandwidth.push_back(measure_bandwidth(static_cast<int>(t)));

  const std::string json = json_report(runs, sweeps, bandwidth);
  if (a.has("output")) std::ofstream(a.get("output")) << json;
  if (format == "json")
    std::fputs(json.c_str(), stdout);
  else
    print_table(runs, sweeps, bandwidth);
  return kExitOk;
}

}  // namespace zonesim::cli
