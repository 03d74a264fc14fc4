#pragma once
// Private to the optimizer: the steps of load_optimization() (optimize/load.cpp reads the file,
// optimize/plan.cpp resolves it), the output variables a measure may name (optimize/measure.cpp), the
// robustness measures, and the store of finished runs (optimize/store.cpp).
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "zonesim/optimize.hpp"
#include "zonesim/run.hpp"

namespace zonesim::detail {

using Problems = std::vector<std::string>;

// Where each part of the file was given, for messages found after parsing (years, scenario problems).
struct OptMarks {
  std::map<std::string, SourceMark> at;         // key path in the file -> its place
  std::map<std::string, SourceMark> overrides;  // scenario key path -> where set: gave it
};

void parse_optimization(const std::string& path, OptPlan& plan, OptMarks& marks, Problems& problems);
void resolve_optimization(OptPlan& plan, OptMarks& marks, const OptAdjust& adjust, Problems& problems);

// The output variables a measure may name: the totals and the metrics (<index>_<variable>) of a run.
struct OutputVariable {
  std::string name, units, long_name;
  int total = -1;   // index in kTotalVars, or
  int metric = -1;  // index in kMetrics, with
  int of = -1;      // index in kMetricVars
};
const std::vector<OutputVariable>& output_variables();
const OutputVariable* find_output_variable(const std::string& name);

// The measure's value in one run: the variable at `to`, or summed over from..to.
double measure_value(const OptMeasure& m, const RunResult& result);

// The robust value of one quantity over the states of the world, from its per-state values (each the mean
// over replicates). `best` holds, per state, the best value found so far (regret only); `maximize` says which
// direction is better. Mean and percentile are of the values themselves; regret is |value - best| per state,
// then the maximum (or mean) over states.
double robust_value(const OptMeasure& m, const std::vector<double>& per_state,
                    const std::vector<double>& best, bool maximize);
// The P-th percentile (0..100) of the values, linear between order statistics (NumPy's default).
double percentile_of(std::vector<double> values, double p);

std::uint64_t fnv1a(std::uint64_t h, const std::string& text);
// A hash as 16 hex digits (optimize_hash, the manifest).
std::string hash_text(std::uint64_t h);

}  // namespace zonesim::detail

namespace zonesim::detail {

// The directory of finished runs beside pareto.h5 (sweep_run_directory: ".OUT.h5.runs"): one small file per
// run (design d, state s, replicate r), "eval-D-S-R.bin": a header with the plan's hash, the design's
// decision values and the run's quantities, with a checksum; written to a temporary name and renamed. A
// manifest names the plan; a lock keeps out a second process. docs/optimize.md, "Resume".
class EvalStore {
 public:
  // Without `resume` a directory holding finished runs is an error (InputError); with it, its manifest must
  // name this plan and build.
  EvalStore(const std::string& output, const OptPlan& plan, bool resume);
  ~EvalStore();
  EvalStore(const EvalStore&) = delete;
  EvalStore& operator=(const EvalStore&) = delete;
  // The saved quantities of a run, when it was saved for this very design (else false).
  bool find(long long design, int state, int replicate, const std::vector<double>& x,
            std::vector<double>& values) const;
  // Safe from several threads for different runs.
  void save(long long design, int state, int replicate, const std::vector<double>& x,
            const std::vector<double>& values) const;
  long long saved() const { return static_cast<long long>(runs_.size()); }
  void remove();

 private:
  struct Saved {
    std::vector<double> x, values;
  };
  std::string run_path(long long design, int state, int replicate) const;
  void scan();

  std::string dir_;
  std::uint64_t hash_;
  std::map<std::tuple<long long, int, int>, Saved> runs_;
  int lock_fd_ = -1;
};

// What the search found, as pareto.h5 holds it (optimize/write.cpp). Designs are every distinct design
// evaluated, numbered in the order the search first asked for them.
struct OptResults {
  std::vector<std::vector<double>> decisions;    // [design][variable]
  std::vector<std::vector<double>> objectives;   // [design][objective]: robust values, final reference
  std::vector<std::vector<double>> constraints;  // [design][constraint]: robust values
  std::vector<std::vector<std::vector<double>>> state_values;  // [design][state][quantity]: replicate means
  std::vector<int> feasible, generation;                       // per design
  std::vector<long long> pareto, population;                   // design numbers
  std::vector<double> hypervolume;                             // per generation (0: initial population)
  std::vector<double> reference;                               // per objective, in its own sense
};
void write_pareto(const std::string& path, const OptPlan& plan, const OptResults& results,
                  const std::string& command);

}  // namespace zonesim::detail
