// The search's evaluations: each batch of designs pagmo asks for runs every (design, state, replicate) in
// parallel and saves each run; robust values, penalties, the population's refresh and its hypervolume. The search is a pure function of the plan (pagmo's generators are seeded, batches are evaluated into
// fixed slots and reduced in a fixed order), so --resume replays it, reading the saved runs instead of
// running them again. docs/optimize.md.
#include "search.hpp"

#include <omp.h>

#include <atomic>
#include <cmath>
#include <cstring>
#include <exception>
#include <limits>
#include <pagmo/utils/hypervolume.hpp>
#include <pagmo/utils/multi_objective.hpp>

#ifdef ZONESIM_MPI
#include "zonesim/sweep_mpi.hpp"
#endif

namespace zonesim::detail {
namespace {

// A constraint's violation pushes every objective of the design behind every feasible one: pagmo's NSGA-II
// has no constraint handling, so violators are penalised (by more the more they violate).
constexpr double kPenalty = 1e12;

std::vector<std::uint64_t> bits_of(const std::vector<double>& x) {
  std::vector<std::uint64_t> b(x.size());
  std::memcpy(b.data(), x.data(), x.size() * sizeof(double));
  return b;
}

}  // namespace

std::vector<double> Search::file_order(const double* pagmo_x) const {
  std::vector<double> x(order_.size());
  for (size_t j = 0; j < order_.size(); ++j) x[static_cast<size_t>(order_[j])] = pagmo_x[j];
  return x;
}

long long Search::id_of(const pagmo::vector_double& pagmo_x) const {
  return index_.at(bits_of(file_order(pagmo_x.data())));
}

std::vector<double> Search::compute(const BatchRun& run) const {
  std::vector<double> values = evaluator_.run(*run.x, run.s, run.r);
  if (values.size() != plan_.measures().size())
    throw std::logic_error("the evaluator gave the wrong number of values");
  return values;
}

bool Search::may_start(std::atomic<long long>& started, long long before) const {
  const bool budget_left = opt_.stop_after_runs < 0 || before + started.fetch_add(1) < opt_.stop_after_runs;
  return budget_left && !(opt_.stop && *opt_.stop);
}

void Search::count_run() {
#pragma omp critical(zonesim_optimize_progress)
  {
    ++out_.runs_now;
    if (opt_.progress)
      opt_.progress(
          {out_.runs_before + out_.runs_now, total_runs_, out_.runs_now, generation_, seconds_now() - t0_});
  }
}

std::exception_ptr Search::run_error(const BatchRun& run, const std::exception& e) const {
  std::string where = "design " + std::to_string(run.id) + ", state of the world " + std::to_string(run.s);
  where += ", replicate " + std::to_string(run.r) + ": " + e.what();
  return dynamic_cast<const InputError*>(&e) ? std::make_exception_ptr(InputError(where))
                                             : std::make_exception_ptr(std::runtime_error(where));
}

// The runs the store does not hold, in parallel, each into its own slot.
void Search::run_local(std::vector<BatchRun>& runs) {
  std::vector<size_t> pending;
  for (size_t k = 0; k < runs.size(); ++k)
    if (!store_->find(runs[k].id, runs[k].s, runs[k].r, *runs[k].x, runs[k].values)) pending.push_back(k);
  std::exception_ptr error;
  std::atomic<bool> failed{false}, skipped{false};
  std::atomic<long long> started{0};
  const int levels = omp_get_max_active_levels();
  omp_set_max_active_levels(1);  // parallel across runs; the loops inside a run then run serially
  const long long before = out_.runs_now;
  const long long n = static_cast<long long>(pending.size());
#pragma omp parallel for schedule(dynamic, 1) num_threads(opt_.threads)
  for (long long i = 0; i < n; ++i) {
    if (failed.load() || !may_start(started, before)) {
      skipped = true;
      continue;
    }
    BatchRun& run = runs[pending[static_cast<size_t>(i)]];
    try {
      run.values = compute(run);
      store_->save(run.id, run.s, run.r, *run.x, run.values);
#pragma omp atomic
      ++runs_here_;
      count_run();
    } catch (const std::exception& e) {
#pragma omp critical(zonesim_optimize_error)
      if (!error) error = run_error(run, e);
      failed = true;
    }
  }
  omp_set_max_active_levels(levels);
  if (error) std::rethrow_exception(error);
  if (skipped) throw Stopped{};
}

// Every (design, state, replicate) of the new designs, read or run; then each design's per-state means,
// reduced in replicate order.
void Search::run_pending(const std::vector<long long>& fresh) {
  const size_t Q = plan_.measures().size();
  const int S = plan_.states, R = plan_.replicates;
  std::vector<BatchRun> runs;
  for (long long id : fresh)
    for (int s = 0; s < S; ++s)
      for (int r = 0; r < R; ++r) runs.push_back({id, s, r, &designs_[static_cast<size_t>(id)].x, {}});
#ifdef ZONESIM_MPI
  if (mpi::ranks() > 1)
    run_distributed(runs);
  else
#endif
    run_local(runs);
  size_t k = 0;
  for (long long id : fresh) {
    Design& d = designs_[static_cast<size_t>(id)];
    d.per_state.assign(Q, std::vector<double>(static_cast<size_t>(S), 0.0));
    for (int s = 0; s < S; ++s)
      for (int r = 0; r < R; ++r, ++k)
        for (size_t q = 0; q < Q; ++q) d.per_state[q][static_cast<size_t>(s)] += runs[k].values[q] / R;
    for (size_t o = 0; o < plan_.objectives.size(); ++o)
      for (int s = 0; s < S; ++s) {
        double& b = best_[o][static_cast<size_t>(s)];
        const double v = d.per_state[o][static_cast<size_t>(s)];
        if (std::isnan(b) || (plan_.objectives[o].maximize ? v > b : v < b)) b = v;
      }
  }
}

pagmo::vector_double Search::evaluate(const pagmo::vector_double& dvs) {
  const size_t nx = order_.size(), n = dvs.size() / nx;
  std::vector<long long> ids, fresh;
  for (size_t k = 0; k < n; ++k) {
    std::vector<double> x = file_order(dvs.data() + k * nx);
    auto [it, added] = index_.emplace(bits_of(x), static_cast<long long>(designs_.size()));
    if (added) {
      designs_.push_back({std::move(x), {}, generation_});
      fresh.push_back(it->second);
    }
    ids.push_back(it->second);
  }
  run_pending(fresh);
  if (generation_ == 0) scored_best_ = best_;  // the initial population has no parents to be fair to
  out_.designs = static_cast<long long>(designs_.size());
  pagmo::vector_double f;
  for (long long id : ids) {
    const pagmo::vector_double one = fitness(id);
    f.insert(f.end(), one.begin(), one.end());
  }
  return f;
}

std::vector<double> Search::robust(const Design& d) const {
  std::vector<double> v;
  for (size_t o = 0; o < plan_.objectives.size(); ++o)
    v.push_back(robust_value(plan_.objectives[o].measure, d.per_state[o], scored_best_[o],
                             plan_.objectives[o].maximize));
  for (size_t c = 0; c < plan_.constraints.size(); ++c)
    v.push_back(
        robust_value(plan_.constraints[c].measure, d.per_state[plan_.objectives.size() + c], {}, false));
  return v;
}

// The sum over constraints of the relative amount by which each is violated (0 when feasible); infinite when a
// value is not a number, so that such a design is never feasible, never in the front nor in the hypervolume.
double Search::violation(const std::vector<double>& robust_values) const {
  for (double x : robust_values)
    if (std::isnan(x)) return std::numeric_limits<double>::infinity();
  double v = 0;
  for (size_t c = 0; c < plan_.constraints.size(); ++c) {
    const OptConstraint& k = plan_.constraints[c];
    const double x = robust_values[plan_.objectives.size() + c];
    const double over = k.at_most ? x - k.bound : k.bound - x;
    if (over > 0) v += over / (k.bound != 0 ? std::fabs(k.bound) : 1.0);
  }
  return v;
}

// Objectives turned to minimisation: a maximised objective's value is negated (a regret is always minimised).
std::vector<double> Search::oriented(const std::vector<double>& robust_values) const {
  std::vector<double> f;
  for (size_t o = 0; o < plan_.objectives.size(); ++o) {
    const OptObjective& obj = plan_.objectives[o];
    const bool negate = obj.maximize && obj.measure.robustness != Robustness::regret;
    f.push_back(negate ? -robust_values[o] : robust_values[o]);
  }
  return f;
}

pagmo::vector_double Search::fitness(long long id) const {
  const std::vector<double> r = robust(designs_[static_cast<size_t>(id)]);
  pagmo::vector_double f = oriented(r);
  const double v = violation(r);
  if (v > 0)
    for (double& x : f) x += kPenalty * (1 + v);
  return f;
}

void Search::refresh(pagmo::population& pop) {
  scored_best_ = best_;
  for (pagmo::population::size_type i = 0; i < pop.size(); ++i) {
    const pagmo::vector_double x = pop.get_x()[i];
    pop.set_xf(i, x, fitness(id_of(x)));
  }
}

double Search::hypervolume(const pagmo::population& pop) {
  std::vector<pagmo::vector_double> points;
  for (const auto& x : pop.get_x()) {
    const std::vector<double> r = robust(designs_[static_cast<size_t>(id_of(x))]);
    if (violation(r) == 0) points.push_back(oriented(r));
  }
  if (points.empty()) return 0;
  if (reference_.empty()) {  // from the first population with feasible designs: worst + 10% of the spread
    for (size_t o = 0; o < objectives(); ++o) {
      const OptObjective& obj = plan_.objectives[o];
      if (obj.has_reference) {
        const bool negate = obj.maximize && obj.measure.robustness != Robustness::regret;
        reference_.push_back(negate ? -obj.reference : obj.reference);
        continue;
      }
      double lo = points[0][o], hi = points[0][o];
      for (const auto& p : points) lo = std::min(lo, p[o]), hi = std::max(hi, p[o]);
      reference_.push_back(hi + (hi > lo ? 0.1 * (hi - lo) : std::max(0.1 * std::fabs(hi), 1e-9)));
    }
  }
  std::vector<pagmo::vector_double> inside;
  for (const auto& p : points) {
    bool in = true;
    for (size_t o = 0; o < p.size(); ++o) in = in && p[o] < reference_[o];
    if (in) inside.push_back(p);
  }
  if (inside.empty()) return 0;
  return pagmo::hypervolume(inside, false).compute(reference_);
}

OptResults Search::results(const pagmo::population& pop) const {
  OptResults r;
  std::vector<pagmo::vector_double> front;
  std::vector<long long> feasible_ids;
  for (size_t id = 0; id < designs_.size(); ++id) {
    const Design& d = designs_[id];
    const std::vector<double> v = robust(d);
    r.decisions.push_back(d.x);
    r.objectives.emplace_back(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(objectives()));
    r.constraints.emplace_back(v.begin() + static_cast<std::ptrdiff_t>(objectives()), v.end());
    std::vector<std::vector<double>> by_state(static_cast<size_t>(plan_.states));
    for (auto& q : d.per_state)
      for (size_t s = 0; s < q.size(); ++s) by_state[s].push_back(q[s]);
    r.state_values.push_back(std::move(by_state));
    r.feasible.push_back(violation(v) == 0);
    r.generation.push_back(d.generation);
    if (violation(v) == 0) front.push_back(oriented(v)), feasible_ids.push_back(static_cast<long long>(id));
  }
  for (size_t i = 0; i < front.size(); ++i) {
    bool dominated = false;
    for (size_t j = 0; j < front.size() && !dominated; ++j)
      dominated = j != i && pagmo::pareto_dominance(front[j], front[i]);
    if (!dominated) r.pareto.push_back(feasible_ids[i]);
  }
  for (const auto& x : pop.get_x()) r.population.push_back(id_of(x));
  r.hypervolume = out_.hypervolume;
  for (size_t o = 0; o < reference_.size(); ++o) {
    const OptObjective& obj = plan_.objectives[o];
    r.reference.push_back(obj.maximize && obj.measure.robustness != Robustness::regret ? -reference_[o]
                                                                                       : reference_[o]);
  }
  return r;
}

}  // namespace zonesim::detail
