// The search apart from the model: the same driver (pagmo's NSGA-II, batches of runs saved to run files,
// pareto.h5) on ZDT1 (Zitzler, Deb & Thiele 2000), whose Pareto front f2 = 1 - sqrt(f1) is known; an
// interrupted search resumed gives the uninterrupted result bit for bit, whatever the thread count.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <filesystem>

#include "helpers.hpp"
#include "zonesim/optimize.hpp"
#include "zonesim/sweep.hpp"

using namespace zonesim;
using zonesim::test::TempDir;

namespace {

constexpr int kVariables = 10;

// ZDT1 with kVariables variables in [0, 1]: f1 = x1, g = 1 + 9 mean(x2..xn), f2 = g (1 - sqrt(f1 / g)).
// With `constrained`, a third quantity (f1 again) for a constraint.
class Zdt1 : public OptEvaluator {
 public:
  explicit Zdt1(bool constrained = false) : constrained_(constrained) {}
  std::vector<double> run(const std::vector<double>& x, int, int) const override {
    double sum = 0;
    for (size_t i = 1; i < x.size(); ++i) sum += x[i];
    const double g = 1 + 9 * sum / static_cast<double>(x.size() - 1);
    std::vector<double> f = {x[0], g * (1 - std::sqrt(x[0] / g))};
    if (constrained_) f.push_back(x[0]);
    return f;
  }

 private:
  bool constrained_;
};

OptPlan zdt1_plan(int population, int generations) {
  OptPlan p;
  p.source = "zdt1 (test)";
  p.title = "ZDT1";
  for (int i = 0; i < kVariables; ++i) {
    std::string name = "x";  // appended: GCC 12 warns falsely on "x" + std::string
    name += std::to_string(i + 1);
    p.variables.push_back({name, false, 0, 1, "1", {}});
  }
  for (const std::string& name : {std::string("f1"), std::string("f2")}) {
    OptObjective o;
    o.name = name;
    o.measure = OptMeasure{name, 0, 0, std::string("1")};
    o.has_reference = true;
    o.reference = 1.1;
    p.objectives.push_back(o);
  }
  p.state_values.assign(1, {});
  p.algorithm.population = population;
  p.algorithm.generations = generations;
  p.algorithm.seed = 11;
  p.algorithm.eta_m = 20;
  p.algorithm.mutation = 1.0 / kVariables;
  p.definition = "zdt1 ";
  p.definition += std::to_string(population * 1000 + generations);
  p.hash = 0x5eed + static_cast<std::uint64_t>(population * 1000 + generations);
  return p;
}

OptOutcome search(const OptPlan& plan, const std::string& output, int threads, long long stop_after = -1,
                  bool resume = false) {
  OptOptions opt;
  opt.output = output;
  opt.threads = threads;
  opt.resume = resume;
  opt.command = "test_optimize_search";
  opt.stop_after_runs = stop_after;
  return run_optimization(plan, Zdt1(!plan.constraints.empty()), opt);
}

bool same_bits(const std::vector<std::vector<double>>& a, const std::vector<std::vector<double>>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].size() != b[i].size() ||
        std::memcmp(a[i].data(), b[i].data(), a[i].size() * sizeof(double)) != 0)
      return false;
  return true;
}

}  // namespace

// The true front's hypervolume against (1.1, 1.1): the integral of 1.1 - (1 - sqrt(f1)) over f1 in [0, 1],
// plus the strip 1 < f1 < 1.1 of height 1.1: 0.1 + 2/3 + 0.11.
TEST_CASE("ZDT1: NSGA-II through the driver reaches 95% of the true front's hypervolume") {
  TempDir dir;
  const OptOutcome o = search(zdt1_plan(40, 100), dir.path("zdt1.h5"), 2);
  REQUIRE(o.complete);
  CHECK(std::filesystem::exists(dir.path("zdt1.h5")));
  CHECK_FALSE(std::filesystem::exists(sweep_run_directory(dir.path("zdt1.h5"))));
  const double true_hv = 0.1 + 2.0 / 3.0 + 0.11;
  REQUIRE(o.hypervolume.size() == 101);
  const double ratio = o.hypervolume.back() / true_hv;
  INFO("hypervolume ratio " << ratio << " after " << o.designs << " designs");
  CHECK(ratio >= 0.95);
  CHECK(ratio <= 1.0 + 1e-9);
  CHECK(o.hypervolume.back() > o.hypervolume.front());  // not monotone: NSGA-II's truncation may lose some
  // Every design of the non-dominated set lies close to the front.
  REQUIRE(o.pareto_objectives.size() >= 20);
  for (const auto& f : o.pareto_objectives) CHECK(f[1] - (1 - std::sqrt(f[0])) < 0.1);
}

TEST_CASE("ZDT1: an interrupted search resumed equals the uninterrupted one, on any thread count") {
  TempDir dir;
  const OptPlan plan = zdt1_plan(16, 12);
  const OptOutcome whole = search(plan, dir.path("whole.h5"), 2);
  REQUIRE(whole.complete);
  const OptOutcome one_thread = search(plan, dir.path("one.h5"), 1);
  CHECK(same_bits(whole.pareto_objectives, one_thread.pareto_objectives));
  CHECK(same_bits(whole.pareto_decisions, one_thread.pareto_decisions));

  const OptOutcome cut = search(plan, dir.path("cut.h5"), 2, 70);
  CHECK_FALSE(cut.complete);
  CHECK(cut.runs_now == 70);
  CHECK_FALSE(std::filesystem::exists(dir.path("cut.h5")));
  // Without --resume the saved runs are never overwritten.
  CHECK_THROWS_AS(search(plan, dir.path("cut.h5"), 2), InputError);
  const OptOutcome resumed = search(plan, dir.path("cut.h5"), 1, -1, true);
  REQUIRE(resumed.complete);
  CHECK(resumed.runs_before == 70);
  CHECK(resumed.runs_now + resumed.runs_before == whole.runs_now);
  CHECK(same_bits(whole.pareto_objectives, resumed.pareto_objectives));
  CHECK(same_bits(whole.pareto_decisions, resumed.pareto_decisions));
  CHECK(whole.hypervolume == resumed.hypervolume);
  // Finished: --resume has nothing to do; another plan is refused.
  CHECK(search(plan, dir.path("cut.h5"), 1, -1, true).already_complete);
  CHECK_THROWS_AS(search(zdt1_plan(16, 13), dir.path("cut.h5"), 1, -1, true), InputError);
}

TEST_CASE("a saved run from another plan is refused on resume") {
  TempDir dir;
  const OptOutcome cut = search(zdt1_plan(8, 3), dir.path("p.h5"), 1, 5);
  REQUIRE_FALSE(cut.complete);
  CHECK_THROWS_WITH(search(zdt1_plan(8, 4), dir.path("p.h5"), 1, -1, true),
                    Catch::Contains("belong to a different optimisation"));
}

TEST_CASE("a constraint keeps the designs that violate it out of the non-dominated set") {
  TempDir dir;
  OptPlan plan = zdt1_plan(40, 100);
  OptConstraint c;
  c.name = "f1_at_least_half";
  c.measure = OptMeasure{"f1", 0, 0, std::string("1")};
  c.at_most = false;
  c.bound = 0.5;
  plan.constraints.push_back(c);
  plan.hash += 1;
  const OptOutcome o = search(plan, dir.path("c.h5"), 2);
  REQUIRE(o.complete);
  REQUIRE_FALSE(o.pareto_objectives.empty());
  for (const auto& f : o.pareto_objectives) CHECK(f[0] >= 0.5);
  // The feasible part of the front (f1 in [0.5, 1]) is found: its hypervolume against (1.1, 1.1) is
  // the integral of 1.1 - (1 - sqrt(f1)) over [0.5, 1] plus the strip 1 < f1 < 1.1.
  const double feasible_hv = 0.05 + (2.0 / 3.0) * (1 - std::pow(0.5, 1.5)) + 0.11;
  CHECK(o.hypervolume.back() / feasible_hv >= 0.9);
  CHECK(o.hypervolume.back() <= feasible_hv + 1e-9);
}
