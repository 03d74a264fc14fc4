// Optimisation files: what a good one resolves to (variables, states of the world, years, definition), every
// bad one refused with FILE:LINE:COL: key.path: message, and the robustness measures on known numbers.
#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "optimize_internal.hpp"
#include "zonesim/errors.hpp"
#include "zonesim/optimize.hpp"

using namespace zonesim;
using zonesim::test::TempDir;

namespace {

const std::string kBase = "seed: 5\ntime:\n  end: 2027\nenterprises:\n  count: 2000\n";

const std::string kGood =
    "base: base.yaml\n"
    "set:\n  mechanisms.output_sharing.enabled: true\n"
    "variables:\n"
    "  mechanisms.output_sharing.years: {range: [1, 8]}\n"
    "  mechanisms.output_sharing.origin_share: [0.2, 0.8]\n"
    "uncertain:\n  governments.precision: {range: [50, 800]}\n"
    "ensemble: {states: 5, seed: 3}\n"
    "replicates: 2\n"
    "objectives:\n"
    "  theil:\n    variable: theil_t_gdp\n    year: 2027\n    sense: min\n    robustness: regret\n"
    "  cost:\n    variable: total_public_cost\n    years: [2025, 2027]\n    sense: min\n"
    "    robustness: percentile\n    percentile: 90\n"
    "  gdp:\n    variable: total_gdp\n    sense: max\n"
    "constraints:\n  cap:\n    variable: total_public_cost\n    years: [2025, 2027]\n    at_most: 5000\n"
    "algorithm: {population: 8, generations: 2, seed: 4}\n";

std::string opt_file(const TempDir& dir, const std::string& text) {
  dir.file("base.yaml", kBase);
  return dir.file("opt.yaml", text);
}

std::vector<std::string> problems_of(const std::string& path) {
  try {
    load_optimization(path);
  } catch (const ScenarioError& e) {
    return e.problems();
  }
  return {};
}

// The single problem of the file whose text is kGood with `from` replaced by `to`.
std::string problem_with(const std::string& from, const std::string& to) {
  TempDir dir;
  std::string text = kGood;
  const size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  const auto problems = problems_of(opt_file(dir, text));
  REQUIRE(problems.size() == 1);
  return problems[0];
}

}  // namespace

TEST_CASE("a good optimisation file resolves its variables, states, years and robustness") {
  TempDir dir;
  const OptPlan p = load_optimization(opt_file(dir, kGood));
  REQUIRE(p.variables.size() == 2);
  CHECK(p.variables[0].integer);
  CHECK(p.variables[0].low == 1);
  CHECK(p.variables[0].high == 8);
  CHECK_FALSE(p.variables[1].integer);
  CHECK(p.seed == 5);
  REQUIRE(p.state_values.size() == 5);
  for (const auto& s : p.state_values) CHECK((s.at(0) >= 50 && s.at(0) <= 800));
  REQUIRE(p.objectives.size() == 3);
  CHECK(p.objectives[0].measure.robustness == Robustness::regret);
  CHECK(p.objectives[1].measure.from == 2025);
  CHECK(p.objectives[1].measure.to == 2027);
  CHECK(p.objectives[1].measure.percentile == 90);
  CHECK(p.objectives[2].measure.from == 2027);  // no year: the last
  CHECK(p.objectives[2].maximize);
  CHECK(p.constraints.at(0).at_most);
  CHECK(p.algorithm.mutation == 0.5);  // 1 / variables
  CHECK(p.measures().size() == 4);
  const auto o = p.overrides({3, 0.25}, 1);
  CHECK(o.back().key_path == "governments.precision");
  CHECK(o[o.size() - 3].value == "3");
  // The same file, the same plan; a different budget, a different hash.
  CHECK(load_optimization(dir.path("opt.yaml")).hash == p.hash);
  OptAdjust fewer;
  fewer.generations = 1;
  CHECK(load_optimization(dir.path("opt.yaml"), fewer).hash != p.hash);
  // The stored definition is YAML whatever the title holds.
  const OptPlan quoted = load_optimization(opt_file(dir, "title: 'a \"quoted\" \\ title'\n" + kGood));
  CHECK(YAML::Load(quoted.definition)["title"].as<std::string>() == "a \"quoted\" \\ title");
}

TEST_CASE("bad optimisation files are refused at the place of the problem") {
  const std::string unknown = problem_with("replicates: 2", "replicates: 2\nrepliactes: 3");
  CHECK_THAT(unknown, Catch::Contains("opt.yaml:11:1: repliactes: unknown key (did you mean 'replicates'?)"));
  CHECK_THAT(problem_with("[0.2, 0.8]", "[0.8, 0.2]"),
             Catch::Contains("opt.yaml:6:43: variables.mechanisms.output_sharing.origin_share: inverted"));
  CHECK_THAT(problem_with("theil_t_gdp", "theil_tt_gdp"),
             Catch::Contains("opt.yaml:13:15: objectives.theil.variable: 'theil_tt_gdp' is not an output "
                             "variable (did you mean 'theil_t_gdp'?)"));
  CHECK_THAT(problem_with("generations: 2", "generations: 0"),
             Catch::Contains("opt.yaml:31:41: algorithm.generations: '0' is out of range"));
  CHECK_THAT(problem_with("population: 8", "population: 10"),
             Catch::Contains("algorithm.population: '10' is not a multiple of 4"));
  CHECK_THAT(problem_with("states: 5", "states: 0"), Catch::Contains("ensemble.states: '0' is out of range"));
  CHECK_THAT(problem_with("year: 2027\n    sense: min\n    robustness: regret",
                          "year: 2040\n    sense: min\n    robustness: regret"),
             Catch::Contains("opt.yaml:14:11: objectives.theil.year: outside the scenario's years"));
  CHECK_THAT(problem_with("year: 2027\n    sense: min", "years: [2025, 2027]\n    sense: min"),
             Catch::Contains("opt.yaml:14:12: objectives.theil.years: theil_t_gdp is a level"));
  CHECK_THAT(problem_with("sense: max", "sense: up"),
             Catch::Contains("objectives.gdp.sense: expected min or max"));
  CHECK_THAT(problem_with("at_most: 5000", "at_most: 5000\n    at_least: 1"),
             Catch::Contains("constraints.cap: give either at_most or at_least"));
  CHECK_THAT(problem_with("{range: [1, 8]}", "{range: [1, 80]}"),
             Catch::Contains("variables.mechanisms.output_sharing.years.range: '80' is out of range"));
  CHECK_THAT(problem_with("mechanisms.output_sharing.years: {range: [1, 8]}", "seed: {range: [1, 8]}"),
             Catch::Contains("variables.seed: cannot vary"));
  CHECK_THAT(problem_with("robustness: regret", "robustness: regret\n    percentile: 3"),
             Catch::Contains("objectives.theil.percentile: only with robustness: percentile"));
  CHECK_THAT(problem_with("year: 2027\n    sense: min\n    robustness: regret",
                          "years: [2040, 2040]\n    sense: min\n    robustness: regret"),
             Catch::Contains("opt.yaml:14:12: objectives.theil.years: outside the scenario's years"));
  CHECK_THAT(problem_with("enabled: true\n", "enabled: true\n  mechanisms.output_sharing.years: 3\n"),
             Catch::Contains("opt.yaml:4:36: mechanisms.output_sharing.years: is a decision variable"));
  CHECK_THAT(problem_with("enabled: true\n", "enabled: true\n  governments.precision: 100\n"),
             Catch::Contains("governments.precision: is an uncertain parameter"));
}

TEST_CASE("a scenario rule broken at a corner of the search space is reported at the variable") {
  TempDir dir;
  const auto problems = problems_of(opt_file(
      dir,
      "base: base.yaml\nset:\n  mechanisms.synergy_fund.enabled: true\n"
      "variables:\n  mechanisms.synergy_fund.venture_share: [0.1, 0.6]\n"
      "objectives:\n  a: {variable: theil_t_gdp, sense: min}\n  b: {variable: total_gdp, sense: max}\n"));
  REQUIRE_FALSE(problems.empty());
  CHECK_THAT(problems[0], Catch::Contains("opt.yaml:5:3: mechanisms.synergy_fund: development_share"));
  CHECK_THAT(problems[0], Catch::Contains("at its lower bound"));
}

TEST_CASE("missing parts, a single objective and a file that is no mapping are refused") {
  TempDir dir;
  dir.file("base.yaml", kBase);
  CHECK_THAT(
      problems_of(dir.file("a.yaml", "base: base.yaml\nvariables:\n  entry.rate: [0.05, 0.1]\n")).at(0),
      Catch::Contains("objectives: missing"));
  CHECK_THAT(problems_of(dir.file("b.yaml",
                                  "base: base.yaml\nvariables:\n  entry.rate: [0.05, 0.1]\n"
                                  "objectives:\n  a: {variable: total_gdp, sense: max}\n"))
                 .at(0),
             Catch::Contains("expected at least two"));
  CHECK_THAT(problems_of(dir.file("c.yaml", "- 1\n")).at(0), Catch::Contains("c.yaml:1:1"));
  CHECK_THAT(problems_of(dir.path("none.yaml")).at(0), Catch::Contains("no such file"));
}

TEST_CASE("robustness measures: mean, percentile and regret against the best per state") {
  OptMeasure m;
  const std::vector<double> v = {3, 1, 2, 10};
  m.robustness = Robustness::mean;
  CHECK(detail::robust_value(m, v, {}, false) == 4);
  m.robustness = Robustness::percentile;
  m.percentile = 50;
  CHECK(detail::robust_value(m, v, {}, false) == 2.5);
  m.percentile = 100;
  CHECK(detail::robust_value(m, v, {}, false) == 10);
  CHECK(detail::percentile_of({1, 2, 3, 4, 5}, 90) == Approx(4.6));
  m.robustness = Robustness::regret;
  const std::vector<double> best = {1, 1, 2, 4};
  CHECK(detail::robust_value(m, v, best, false) == 6);  // max over states of value - best
  m.regret_mean = true;
  CHECK(detail::robust_value(m, v, best, false) == 2);  // (2 + 0 + 0 + 6) / 4
  m.regret_mean = false;
  const std::vector<double> best_max = {5, 1, 2, 10};  // a maximised quantity: best - value
  CHECK(detail::robust_value(m, v, best_max, true) == 2);
}
