#pragma once
// Robust multi-objective search over scheme designs (`zonesim optimize`): decision variables (scenario keys
// with bounds), an ensemble of states of the world (uncertain keys sampled by Latin hypercube), replicates with
// common random numbers, objectives and constraints computed over the ensemble by a robustness measure, and
// pagmo2's NSGA-II as the search. Each run (design x state x replicate) is saved as it finishes, so a killed
// search resumes by replaying the same seeded search over the saved runs. Format and guarantees:
// docs/optimize.md.
#include <csignal>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "zonesim/errors.hpp"
#include "zonesim/scenario.hpp"
#include "zonesim/zones.hpp"

namespace zonesim {

// A decision variable or an uncertain parameter: a numeric scenario key and its bounds.
struct OptVariable {
  std::string key_path;
  bool integer = false;  // the key's type is integer: the variable takes whole values
  double low = 0, high = 0;
  std::string unit;
  SourceMark mark;
};

enum class Robustness { mean, percentile, regret };
const char* robustness_name(Robustness r);

// An output variable (a total or a metric of docs/output.md) at a year, or a flow summed over years.
struct OptMeasure {
  std::string variable;
  int from = 0, to = 0;  // from == to: the value at that year
  std::string units;
  Robustness robustness = Robustness::mean;
  double percentile = 50;    // robustness percentile: the P-th percentile over the states of the world
  bool regret_mean = false;  // robustness regret: the mean over states (else the maximum)
};

struct OptObjective {
  std::string name;
  OptMeasure measure;
  bool maximize = false;
  bool has_reference = false;  // the hypervolume's reference value (else from the initial population)
  double reference = 0;
  SourceMark mark;
};

struct OptConstraint {
  std::string name;
  OptMeasure measure;
  bool at_most = true;  // else at least
  double bound = 0;
  SourceMark mark;
};

struct OptAlgorithm {
  std::string type = "nsga2";
  int population = 16;  // a multiple of 4, at least 8 (pagmo's NSGA-II)
  int generations = 10;
  std::uint64_t seed = 1;
  double crossover = 0.95, eta_c = 10, eta_m = 50;
  double mutation = -1;  // -1: 1 / number of variables
};

struct OptPlan {
  std::string source, base, title;
  std::vector<Override> common;  // set:, then --set
  std::vector<OptVariable> variables, uncertain;
  int states = 1;
  std::uint64_t ensemble_seed = 1;
  int replicates = 1;
  std::vector<OptObjective> objectives;
  std::vector<OptConstraint> constraints;
  OptAlgorithm algorithm;
  std::uint64_t seed = 0;  // the base scenario's seed: replicate r runs with RunKey{seed, r}
  std::vector<std::vector<double>> state_values;  // [state][uncertain parameter]
  ScenarioSpec first;                             // the base scenario with set: (time axis, zones)
  std::string definition;                         // the resolved file (YAML), stored as optimize_definition
  std::uint64_t hash = 0;  // of the definition and the resolved base: what --resume checks

  // The quantities every run yields: the objectives' measures, then the constraints'.
  std::vector<const OptMeasure*> measures() const;
  // The overrides of the base scenario for a design (one value per variable) in a state of the world.
  std::vector<Override> overrides(const std::vector<double>& design, int state) const;
};

// Budget reductions from the command line (tests, trials): 0 keeps the file's value.
struct OptAdjust {
  std::vector<Override> set;
  int population = 0, generations = 0, states = 0, replicates = 0;
};

// Parses, resolves and validates an optimisation file. Throws ScenarioError with every problem as
// FILE:LINE:COL: key.path: message.
OptPlan load_optimization(const std::string& path, const OptAdjust& adjust = {});

// True when the file's top level has keys only an optimisation file has (variables, objectives).
bool is_optimization_file(const std::string& path);

// What a run yields: one value per quantity (OptPlan::measures()). The model's evaluator simulates the
// scenario; tests give analytic problems through the same interface.
class OptEvaluator {
 public:
  virtual ~OptEvaluator() = default;
  // Called from several threads at once, for different runs.
  virtual std::vector<double> run(const std::vector<double>& design, int state, int replicate) const = 0;
};
class ModelEvaluator : public OptEvaluator {
 public:
  ModelEvaluator(const OptPlan& plan, const ZoneTable& table) : plan_(plan), table_(table) {}
  std::vector<double> run(const std::vector<double>& design, int state, int replicate) const override;

 private:
  const OptPlan& plan_;
  const ZoneTable& table_;
};

struct OptProgress {
  long long done = 0, total = 0, done_now = 0;  // runs (total: the budget's upper bound)
  int generation = 0;
  double seconds = 0;
};

struct OptOptions {
  std::string output;
  int threads = 1;
  bool resume = false;
  std::string command;
  std::function<void(const OptProgress&)> progress;  // serialised
  const volatile std::sig_atomic_t* stop = nullptr;  // when set, no new run starts
  long long stop_after_runs = -1;                    // tests: stop once this process has done this many
};

struct OptOutcome {
  bool complete = false, already_complete = false;
  long long runs_before = 0, runs_now = 0, designs = 0;
  long long runs_here = 0;              // runs done by this process (this rank)
  std::vector<long long> runs_by_rank;  // an MPI job's (docs/cluster.md): runs done now by each rank
  double seconds = 0;
  std::vector<double> hypervolume;  // per generation (0: the initial population)
  std::vector<std::vector<double>> pareto_objectives, pareto_decisions;  // robust values, in file order
};

// Runs the search into options.output (pareto.h5), saving runs in sweep_run_directory(output).
OptOutcome run_optimization(const OptPlan& plan, const OptEvaluator& evaluator, const OptOptions& options);

}  // namespace zonesim
