#pragma once
// Sweeps: one base scenario, named schemes (override sets; the first is the reference), factors swept by a
// design (grid, Latin hypercube, Sobol'/Saltelli, Morris) and replicates with common random numbers. A sweep
// file is parsed and validated into a SweepPlan (every generated scenario is validated like a scenario file),
// then run_sweep() runs every (scenario, replicate) in parallel, saving each finished run so that an
// interrupted sweep resumes where it stopped. Format, ordering and guarantees: docs/sweeps.md.
#include <csignal>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "zonesim/design.hpp"
#include "zonesim/errors.hpp"
#include "zonesim/output.hpp"
#include "zonesim/scenario.hpp"

namespace zonesim {

enum class DesignType { none, grid, lhs, sobol, morris };
const char* design_name(DesignType t);

struct SweepFactor {
  std::string key_path;
  std::string type;                 // the scenario key's type: integer, number, boolean, string, path
  std::vector<std::string> levels;  // YAML texts, when the factor lists its levels
  std::vector<SourceMark> level_marks;
  bool is_range = false;  // else levels
  double low = 0, high = 0;
  bool log_scale = false;
  SourceMark mark;  // of the factor's key in the sweep file
};

struct SweepScheme {
  std::string name;
  std::vector<Override> overrides;
  std::vector<SourceMark> marks;  // of each override's value
  SourceMark mark;                // of the scheme's name
};

struct SweepDesign {
  DesignType type = DesignType::none;
  // lhs: points; sobol: base rows N (N * (k + 2) points); morris: trajectories r (r * (k + 1))
  int samples = 0;
  int levels = 0;  // grid: values of each range factor (3); morris: grid levels p, even (4)
  std::uint64_t seed = 1;
};

// A scenario is kept as its overrides of the base (about 1 KB), not as a ScenarioSpec with its resolved YAML
// (10 KB and growing): SweepPlan::spec() loads it again when it runs, so a sweep of 10^5 scenarios stays
// small.
struct SweepScenario {
  int scheme = 0, point = 0;
  std::string label;
  std::vector<Override> overrides;  // of the base scenario: title, set, --set, the scheme's, the point's
};

// One swept key's value in every scenario (param_<key_path_with_underscores> in the output).
struct SweepParameter {
  std::string key_path, type, unit, help;
  std::vector<std::string> values;  // canonical YAML text, one per scenario
};

struct SweepPlan {
  std::string source, base, title;
  std::vector<Override> common;  // the sweep's `set:` then the command line's --set
  std::vector<SourceMark> common_marks;
  std::vector<SweepScheme> schemes;  // at least one (an implicit "base" when the file names none)
  bool named_schemes = false;
  std::vector<SweepFactor> factors;
  SweepDesign design;
  int replicates = 1;
  std::uint64_t seed = 0;  // the base scenario's seed: replicate r runs with RunKey{seed, r} everywhere
  int points = 1;          // design points per scheme
  std::vector<int> morris_factor;  // per point (morris designs)
  std::vector<double> morris_step;
  std::vector<SweepScenario> scenarios;  // scenario s = scheme * points + point
  ScenarioSpec first;                    // scenario 0: what every scenario shares (time axis, zones, output)
  std::int64_t max_enterprises = 0;      // over all scenarios
  std::vector<SweepParameter> parameters;
  std::string definition;  // the resolved sweep (YAML), stored as the sweep_definition attribute
  std::uint64_t hash = 0;  // of the definition and every resolved scenario: what --resume checks

  long long runs() const { return static_cast<long long>(scenarios.size()) * replicates; }
  // Scenario s, loaded and validated (it was validated by load_sweep; this cannot fail unless the base file
  // changed meanwhile).
  ScenarioSpec spec(std::size_t s) const { return load_scenario(base, scenarios.at(s).overrides); }
};

// True when the file's top level has keys only a sweep has (base, schemes, factors, design, replicates).
bool is_sweep_file(const std::string& path);

// Parse, resolve and validate a sweep file; `overrides` (--set) apply to every scenario like its `set:`.
// Throws ScenarioError with every problem as FILE:LINE:COL: key.path: message.
SweepPlan load_sweep(const std::string& path, const std::vector<Override>& overrides = {});

// The plan's hash as 16 hex digits (the sweep_hash attribute and the manifest of finished runs).
std::string sweep_hash_hex(const SweepPlan& plan);

// The output layout of a sweep: labels, resolved scenarios, param_* and design variables, sweep attributes.
OutputLayout sweep_layout(const SweepPlan& plan, const ZoneTable& table, const std::string& command);

struct SweepProgress {
  long long done = 0, total = 0;  // runs finished (including those of earlier, interrupted sweeps)
  long long done_now = 0;         // runs finished by this process
  double seconds = 0;             // since this process started running
};

struct SweepOptions {
  std::string output;
  int threads = 1;
  bool resume = false;
  std::string command;
  std::function<void(const SweepProgress&)> progress;  // called after each run, serialised
  const volatile std::sig_atomic_t* stop = nullptr;    // when set, no new run starts
};

struct SweepOutcome {
  long long runs = 0, done_before = 0, done_now = 0;
  bool complete = false;                // OUT.h5 was written
  bool already_complete = false;        // --resume found OUT.h5 complete: nothing to do
  std::vector<long long> runs_by_rank;  // MPI sweeps (docs/cluster.md): runs done now by each rank
  double seconds = 0;
};

// Runs the sweep into options.output (see docs/sweeps.md for the sidecar directory and --resume).
SweepOutcome run_sweep(const SweepPlan& plan, const ZoneTable& table, const SweepOptions& options);

// The directory beside OUT.h5 that holds finished runs until OUT.h5 is complete: ".OUT.h5.runs".
std::string sweep_run_directory(const std::string& output);

}  // namespace zonesim
