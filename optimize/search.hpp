#pragma once
// Private to the optimizer: the search's state between pagmo's calls (optimize/search.cpp): the designs
// evaluated so far, their per-state values, the best value per state (regret's reference) and the
// hypervolume's reference point. pagmo's problem and batch evaluator (optimize/run.cpp) hand it their work.
#include <algorithm>
#include <atomic>
#include <exception>
#include <map>
#include <pagmo/population.hpp>
#include <pagmo/types.hpp>

#include "optimize_internal.hpp"
#include "sweep_run.hpp"

namespace zonesim::detail {

// Thrown out of pagmo when the search must stop before its budget (a signal, the test hook): the finished
// runs are kept.
struct Stopped {};

// One run of a batch: a design in a state of the world, one replicate, and (once run or read) its quantities.
struct BatchRun {
  long long id;
  int s, r;
  const std::vector<double>* x;  // the design's decision values
  std::vector<double> values;
};

struct Design {
  std::vector<double> x;                       // decision values, in the file's order
  std::vector<std::vector<double>> per_state;  // [quantity][state]: mean over replicates
  int generation = 0;
};

class Search {
 public:
  // `store` is null on the ranks of an MPI job other than 0: rank 0 reads and saves every run.
  Search(const OptPlan& plan, const OptEvaluator& evaluator, const EvalStore* store, const OptOptions& opt,
         OptOutcome& out)
      : plan_(plan), evaluator_(evaluator), store_(store), opt_(opt), out_(out) {
    for (size_t i = 0; i < plan.variables.size(); ++i)
      if (!plan.variables[i].integer) order_.push_back(static_cast<int>(i));
    for (size_t i = 0; i < plan.variables.size(); ++i)
      if (plan.variables[i].integer) order_.push_back(static_cast<int>(i));
    best_.assign(plan.objectives.size(), std::vector<double>(static_cast<size_t>(plan.states), NAN));
    scored_best_ = best_;
    const long long designs =
        static_cast<long long>(plan.algorithm.population) * (plan.algorithm.generations + 1);
    total_runs_ = designs * plan.states * plan.replicates;
    t0_ = seconds_now();
  }

  size_t variables() const { return order_.size(); }
  size_t integers() const {
    return order_.size() -
           static_cast<size_t>(std::count_if(plan_.variables.begin(), plan_.variables.end(),
                                             [](const OptVariable& v) { return !v.integer; }));
  }
  std::pair<pagmo::vector_double, pagmo::vector_double> bounds() const {
    pagmo::vector_double lo, hi;
    for (int i : order_)
      lo.push_back(plan_.variables[static_cast<size_t>(i)].low),
          hi.push_back(plan_.variables[static_cast<size_t>(i)].high);
    return {lo, hi};
  }
  size_t objectives() const { return plan_.objectives.size(); }
  void set_generation(int g) { generation_ = g; }

  // pagmo's decision vectors (concatenated) -> their fitness vectors (concatenated).
  pagmo::vector_double evaluate(const pagmo::vector_double& dvs);
  // Takes in the best values of the designs evaluated since the last call, then gives the whole population
  // its fitness against them (regret moves as better designs appear). Between two calls every design, parent
  // or offspring, is scored against the same best values, so NSGA-II's selection compares like with like.
  void refresh(pagmo::population& pop);
  // The hypervolume of the population's feasible non-dominated designs.
  double hypervolume(const pagmo::population& pop);
  OptResults results(const pagmo::population& pop) const;
  // Runs done by this process (this rank): for an MPI job's per-rank count.
  long long runs_here() const { return runs_here_; }

 private:
  long long id_of(const pagmo::vector_double& pagmo_x) const;
  std::vector<double> file_order(const double* pagmo_x) const;
  void run_pending(const std::vector<long long>& fresh);
  // Fills every run's values, reading saved runs and running the others: on this process's threads
  // (search.cpp), or across the ranks of an MPI job (optimize/mpi.cpp). Throws the first run's error, or
  // Stopped when runs were left out (a signal, the test hook).
  void run_local(std::vector<BatchRun>& runs);
  void run_distributed(std::vector<BatchRun>& runs);
  // The evaluator's quantities for one run; may it start (no failure, no stop, budget left)?
  std::vector<double> compute(const BatchRun& run) const;
  bool may_start(std::atomic<long long>& started, long long before) const;
  void count_run();  // one more run done in the job: progress (serialised inside)
  std::exception_ptr run_error(const BatchRun& run, const std::exception& e) const;
  std::vector<double> robust(const Design& d) const;  // objectives then constraints, in their own sense
  double violation(const std::vector<double>& robust_values) const;
  pagmo::vector_double fitness(long long id) const;  // minimised by pagmo
  std::vector<double> oriented(const std::vector<double>& robust_values) const;

  const OptPlan& plan_;
  const OptEvaluator& evaluator_;
  const EvalStore* store_;
  const OptOptions& opt_;
  OptOutcome& out_;
  std::vector<int> order_;  // pagmo's position j holds variable order_[j]: reals first, integers last
  std::vector<Design> designs_;
  std::map<std::vector<std::uint64_t>, long long> index_;
  std::vector<std::vector<double>> best_;         // [objective][state]: the best value found so far
  std::vector<std::vector<double>> scored_best_;  // best_ as of the last refresh: what fitness is against
  std::vector<double> reference_;                 // the hypervolume's reference point (minimised orientation)
  int generation_ = 0;
  long long total_runs_ = 0, runs_here_ = 0;
  double t0_ = 0;
};

// The whole search (optimize/run.cpp), the same on every rank of an MPI job: false when stopped before its
// budget (the finished runs are kept), else `results` and out's front.
bool search_designs(const OptPlan& plan, const OptEvaluator& evaluator, const EvalStore* store,
                    const OptOptions& opt, OptOutcome& out, OptResults& results);
// --resume on a complete pareto.h5 with no directory of runs: it must be this very optimisation.
void check_finished_optimization(const std::string& output, const OptPlan& plan);
// pareto.h5, through a temporary name renamed into place.
void write_optimization(const OptPlan& plan, const OptResults& results, const OptOptions& opt);
// run_optimization() under mpirun with more than one rank (optimize/mpi.cpp).
OptOutcome run_optimization_mpi(const OptPlan& plan, const OptEvaluator& evaluator, const OptOptions& opt);

}  // namespace zonesim::detail
