#pragma once
// Private to the optimizer: the search's state between pagmo's calls (optimize/search.cpp): the designs
// evaluated so far, their per-state values, the best value per state (regret's reference) and the
// hypervolume's reference point. pagmo's problem and batch evaluator (optimize/run.cpp) hand it their work.
#include <algorithm>
#include <map>
#include <pagmo/population.hpp>
#include <pagmo/types.hpp>

#include "optimize_internal.hpp"
#include "sweep_run.hpp"

namespace zonesim::detail {

// Thrown out of pagmo when the search must stop before its budget (a signal, the test hook): the finished
// runs are kept.
struct Stopped {};

struct Design {
  std::vector<double> x;                       // decision values, in the file's order
  std::vector<std::vector<double>> per_state;  // [quantity][state]: mean over replicates
  int generation = 0;
};

class Search {
 public:
  Search(const OptPlan& plan, const OptEvaluator& evaluator, const EvalStore& store, const OptOptions& opt,
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

 private:
  long long id_of(const pagmo::vector_double& pagmo_x) const;
  std::vector<double> file_order(const double* pagmo_x) const;
  void run_pending(const std::vector<long long>& fresh);
  std::vector<double> robust(const Design& d) const;  // objectives then constraints, in their own sense
  double violation(const std::vector<double>& robust_values) const;
  pagmo::vector_double fitness(long long id) const;  // minimised by pagmo
  std::vector<double> oriented(const std::vector<double>& robust_values) const;

  const OptPlan& plan_;
  const OptEvaluator& evaluator_;
  const EvalStore& store_;
  const OptOptions& opt_;
  OptOutcome& out_;
  std::vector<int> order_;  // pagmo's position j holds variable order_[j]: reals first, integers last
  std::vector<Design> designs_;
  std::map<std::vector<std::uint64_t>, long long> index_;
  std::vector<std::vector<double>> best_;         // [objective][state]: the best value found so far
  std::vector<std::vector<double>> scored_best_;  // best_ as of the last refresh: what fitness is against
  std::vector<double> reference_;                 // the hypervolume's reference point (minimised orientation)
  int generation_ = 0;
  long long total_runs_ = 0;
  double t0_ = 0;
};

}  // namespace zonesim::detail
