// Running a search: pagmo's NSGA-II (Deb et al. 2002) over a pagmo::problem whose designs are evaluated in
// batches by a pagmo batch fitness evaluator (the Search); pareto.h5 written at the end, through a temporary
// name renamed into place, and the directory of runs removed. Under mpirun every rank runs the same search
// and shares each batch's runs (optimize/mpi.cpp). docs/optimize.md.
#include <filesystem>
#include <pagmo/algorithms/nsga2.hpp>
#include <pagmo/bfe.hpp>
#include <pagmo/problem.hpp>

#include "output/h5.hpp"
#include "search.hpp"
#include "zonesim/isolate.hpp"
#include "zonesim/output.hpp"
#include "zonesim/sweep.hpp"

#ifdef ZONESIM_MPI
#include "zonesim/sweep_mpi.hpp"
#endif

namespace fs = std::filesystem;

namespace zonesim {
namespace detail {
namespace {

// pagmo's user-defined problem and batch evaluator: both hand the work to the search.
struct Problem {
  Search* search = nullptr;
  pagmo::vector_double fitness(const pagmo::vector_double& x) const { return search->evaluate(x); }
  std::pair<pagmo::vector_double, pagmo::vector_double> get_bounds() const { return search->bounds(); }
  pagmo::vector_double::size_type get_nobj() const { return search->objectives(); }
  pagmo::vector_double::size_type get_nix() const { return search->integers(); }
  std::string get_name() const { return "zonesim optimize"; }
};
struct Batch {
  Search* search = nullptr;
  pagmo::vector_double operator()(const pagmo::problem&, const pagmo::vector_double& dvs) const {
    return search->evaluate(dvs);
  }
  std::string get_name() const { return "zonesim runs in parallel"; }
};

// --resume with pareto.h5 complete and no directory of runs: it must be this very optimisation.
void check_finished(const std::string& output, const OptPlan& plan) {
  h5::quiet();
  const h5::Context c{output, true};
  if (H5Fis_hdf5(output.c_str()) <= 0) throw InputError(output + ": not an HDF5 file; cannot resume into it");
  h5::Handle file(H5Fopen(output.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (file.get() < 0) throw InputError(output + ": cannot open as HDF5 (corrupted?)");
  const std::string hash =
      h5::has_attr(file, "optimize_hash") ? h5::get_string_attr(c, file, "optimize_hash") : "";
  if (hash != hash_text(plan.hash))
    throw InputError(
        output + ": holds " +
        (hash.empty() ? std::string("no optimisation") : "another optimisation (hash " + hash + ")") +
        " and there are no finished runs to resume; run without --resume to replace it");
}

}  // namespace

bool search_designs(const OptPlan& plan, const OptEvaluator& evaluator, const EvalStore* store,
                    const OptOptions& opt, OptOutcome& out, OptResults& results) {
  Search search(plan, evaluator, store, opt, out);
  const double t0 = seconds_now();
  const auto seed = static_cast<unsigned>(plan.algorithm.seed);
  try {
    const pagmo::problem problem{Problem{&search}};
    const pagmo::bfe batch{Batch{&search}};
    pagmo::population pop(problem, batch,
                          static_cast<pagmo::population::size_type>(plan.algorithm.population), seed);
    search.refresh(pop);
    out.hypervolume.push_back(search.hypervolume(pop));
    const OptAlgorithm& a = plan.algorithm;
    pagmo::nsga2 nsga2(1u, a.crossover, a.eta_c, a.mutation, a.eta_m, seed);
    nsga2.set_bfe(batch);
    for (int g = 1; g <= a.generations; ++g) {
      search.set_generation(g);
      pop = nsga2.evolve(pop);
      search.refresh(pop);
      out.hypervolume.push_back(search.hypervolume(pop));
    }
    results = search.results(pop);
  } catch (const Stopped&) {
    out.seconds = seconds_now() - t0;
    out.runs_here = search.runs_here();
    return false;
  }
  out.seconds = seconds_now() - t0;
  out.runs_here = search.runs_here();
  for (long long id : results.pareto) {
    out.pareto_objectives.push_back(results.objectives[static_cast<size_t>(id)]);
    out.pareto_decisions.push_back(results.decisions[static_cast<size_t>(id)]);
  }
  return true;
}

void check_finished_optimization(const std::string& output, const OptPlan& plan) {
  check_read_does_not_crash(output, [&] { check_finished(output, plan); });
  check_finished(output, plan);
}

void write_optimization(const OptPlan& plan, const OptResults& results, const OptOptions& opt) {
  AtomicOutput atomic(opt.output);
  write_pareto(atomic.temp_path(), plan, results, opt.command);
  atomic.commit();
}

}  // namespace detail

OptOutcome run_optimization(const OptPlan& plan, const OptEvaluator& evaluator, const OptOptions& opt) {
#ifdef ZONESIM_MPI
  if (mpi::ranks() > 1) return detail::run_optimization_mpi(plan, evaluator, opt);
#endif
  check_output_path(opt.output);
  OptOutcome out;
  std::error_code ec;
  if (opt.resume && !fs::exists(sweep_run_directory(opt.output), ec) && fs::exists(opt.output, ec)) {
    detail::check_finished_optimization(opt.output, plan);
    out.complete = out.already_complete = true;
    return out;
  }
  detail::remove_stale_files(opt.output);
  detail::EvalStore store(opt.output, plan, opt.resume);
  out.runs_before = store.saved();
  detail::OptResults results;
  if (!detail::search_designs(plan, evaluator, &store, opt, out, results)) return out;
  detail::write_optimization(plan, results, opt);
  store.remove();
  out.complete = true;
  return out;
}

}  // namespace zonesim
