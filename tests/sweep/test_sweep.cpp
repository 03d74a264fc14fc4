// Sweep files: the format, the scenarios they generate (order, labels, overrides, parameters), and validation
// with the same rules and message format as scenario files.
#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "zonesim/errors.hpp"
#include "zonesim/sweep.hpp"

using namespace zonesim;
using zonesim::test::TempDir;

namespace {

const std::string kBase = "seed: 5\ntime:\n  end: 2026\nenterprises:\n  count: 2000\n";

// Writes base.yaml and sweep.yaml into dir; returns the sweep's path.
std::string sweep_file(const TempDir& dir, const std::string& text) {
  dir.file("base.yaml", kBase);
  return dir.file("sweep.yaml", text);
}

std::vector<std::string> problems_of(const std::string& path) {
  try {
    load_sweep(path);
  } catch (const ScenarioError& e) {
    return e.problems();
  }
  return {};
}

bool any_contains(const std::vector<std::string>& lines, const std::string& text) {
  for (const auto& l : lines)
    if (l.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("scenarios are scheme-major: scenario = scheme * points + point") {
  TempDir dir;
  const auto path = sweep_file(
      dir,
      "base: base.yaml\n"
      "schemes:\n  ref: {}\n  cheap:\n    relocation.fixed_cost: 1.5\n"
      "factors:\n  relocation.hazard: [0.01, 0.03]\n  entry.rate:\n    levels: [0.05, 0.07, 0.09]\n"
      "replicates: 3\n");
  const SweepPlan p = load_sweep(path);
  REQUIRE(p.scenarios.size() == 12);
  CHECK(p.points == 6);
  CHECK(p.runs() == 36);
  CHECK(p.seed == 5);  // the base scenario's seed: replicate r runs with RunKey{5, r}
  CHECK(p.design.type == DesignType::grid);
  CHECK(p.scenarios[0].label == "ref p0: relocation.hazard=0.01, entry.rate=0.05");
  CHECK(p.scenarios[1].label == "ref p1: relocation.hazard=0.01, entry.rate=0.07");
  CHECK(p.scenarios[3].label == "ref p3: relocation.hazard=0.03, entry.rate=0.05");
  CHECK(p.scenarios[7].label == "cheap p1: relocation.hazard=0.01, entry.rate=0.07");
  CHECK(p.scenarios[7].scheme == 1);
  CHECK(p.scenarios[7].point == 1);
  CHECK(p.spec(7).relocation.fixed_cost == 1.5);
  CHECK(p.spec(1).relocation.fixed_cost == 3.0);  // the default
  CHECK(p.spec(11).relocation.hazard == 0.03);
  CHECK(p.spec(11).entry.rate == 0.09);
  CHECK(p.spec(11).enterprises.count == 2000);  // from the base
  CHECK(p.spec(11).seed == 5);
  CHECK(p.spec(11).title.find("cheap p5") != std::string::npos);
  // param_* variables: the factors, then the keys the schemes set.
  REQUIRE(p.parameters.size() == 3);
  CHECK(p.parameters[0].key_path == "relocation.hazard");
  CHECK(p.parameters[2].key_path == "relocation.fixed_cost");
  CHECK(p.parameters[2].values[0] == "3.0");
  CHECK(p.parameters[2].values[6] == "1.5");
  CHECK(p.definition.find("replicates: 3") != std::string::npos);
}

TEST_CASE("set and --set apply to every scenario; schemes override set") {
  TempDir dir;
  const auto path = sweep_file(dir,
                               "base: base.yaml\nset:\n  entry:\n    rate: 0.1\n  relocation.hazard: 0.05\n"
                               "schemes:\n  a: {}\n  b: {relocation: {hazard: 0.0}}\n");
  const SweepPlan p = load_sweep(path, {{"enterprises.count", "1500"}});
  REQUIRE(p.scenarios.size() == 2);
  CHECK(p.scenarios[0].label == "a");
  CHECK(p.spec(0).entry.rate == 0.1);
  CHECK(p.spec(0).relocation.hazard == 0.05);
  CHECK(p.spec(1).relocation.hazard == 0.0);
  CHECK(p.spec(1).enterprises.count == 1500);
}

TEST_CASE("sampled designs: lhs, sobol and morris sizes; ranges stay in range") {
  TempDir dir;
  const std::string factors =
      "factors:\n  relocation.fixed_cost: {range: [1, 5]}\n  entry.rate: {range: [0.01, 0.1], scale: log}\n"
      "  exit.loss_years: {range: [1, 4]}\n";
  const SweepPlan lhs =
      load_sweep(sweep_file(dir, "base: base.yaml\n" + factors + "design: {type: lhs, samples: 9}\n"));
  CHECK(lhs.points == 9);
  const SweepPlan sobol =
      load_sweep(sweep_file(dir, "base: base.yaml\n" + factors + "design: {type: sobol, samples: 8}\n"));
  CHECK(sobol.points == 8 * 5);
  const SweepPlan morris =
      load_sweep(sweep_file(dir, "base: base.yaml\n" + factors + "design: {type: morris, samples: 4}\n"));
  CHECK(morris.points == 4 * 4);
  CHECK(morris.morris_factor.size() == 16);
  for (const auto* p : {&lhs, &sobol, &morris})
    for (size_t i = 0; i < p->scenarios.size(); ++i) {
      const ScenarioSpec s = p->spec(i);
      CHECK(s.relocation.fixed_cost >= 1.0);
      CHECK(s.relocation.fixed_cost <= 5.0);
      CHECK(s.entry.rate >= 0.01);
      CHECK(s.entry.rate <= 0.1);
      CHECK(s.exit.loss_years >= 1);
      CHECK(s.exit.loss_years <= 4);
    }
  // A grid over ranges: design.levels values each, ends included.
  const SweepPlan grid =
      load_sweep(sweep_file(dir,
                            "base: base.yaml\nfactors:\n  relocation.fixed_cost: {range: [1, 5]}\n"
                            "design: {levels: 5}\n"));
  REQUIRE(grid.points == 5);
  CHECK(grid.spec(0).relocation.fixed_cost == 1.0);
  CHECK(grid.spec(2).relocation.fixed_cost == 3.0);
  CHECK(grid.spec(4).relocation.fixed_cost == 5.0);
}

TEST_CASE("the hash changes with the definition and with the base scenario") {
  TempDir dir;
  const std::string text = "base: base.yaml\nschemes:\n  a: {}\n  b: {entry.rate: 0.1}\nreplicates: 2\n";
  const auto h1 = load_sweep(sweep_file(dir, text)).hash;
  CHECK(load_sweep(sweep_file(dir, text)).hash == h1);
  CHECK(load_sweep(sweep_file(dir, text + "title: x\n")).hash != h1);
  CHECK(load_sweep(sweep_file(dir, text), {{"enterprises.count", "1000"}}).hash != h1);
  dir.file("sweep.yaml", text);
  dir.file("base.yaml", kBase + "exit:\n  loss_years: 2\n");
  CHECK(load_sweep(dir.path("sweep.yaml")).hash != h1);
}

TEST_CASE("a sweep is recognised by its top-level keys") {
  TempDir dir;
  CHECK(is_sweep_file(sweep_file(dir, "base: base.yaml\n")));
  CHECK_FALSE(is_sweep_file(dir.path("base.yaml")));
  CHECK_FALSE(is_sweep_file(dir.file("broken.yaml", "seed: [1\n")));
}

TEST_CASE("sweep errors name file, line, column and key path, all at once") {
  TempDir dir;
  const auto path = sweep_file(dir,
                               "base: base.yaml\n"                 // 1
                               "replicate: 3\n"                    // 2
                               "schemes:\n"                        // 3
                               "  a: {}\n"                         // 4
                               "  b:\n"                            // 5
                               "    relocation.fixed_cots: 1\n"    // 6
                               "    seed: 3\n"                     // 7
                               "factors:\n"                        // 8
                               "  time.end: [2027, 2028]\n"        // 9
                               "  zones.entry: {range: [0, 1]}\n"  // 10
                               "design:\n"                         // 11
                               "  type: sobl\n"                    // 12
                               "  sample: 8\n");                   // 13
  const auto p = problems_of(path);
  const std::string f = path + ":";
  CHECK(any_contains(p, f + "2:1: replicate: unknown key (did you mean 'replicates'?)"));
  CHECK(any_contains(
      p, f + "6:5: schemes.b.relocation.fixed_cots: unknown key (did you mean 'relocation.fixed_cost'?)"));
  CHECK(any_contains(p, f + "7:5: schemes.b.seed: cannot vary between scenarios"));
  CHECK(any_contains(p, f + "9:3: factors.time.end: cannot vary between scenarios"));
  CHECK(any_contains(p, f + "10:3: factors.zones.entry: cannot vary"));
  CHECK(any_contains(p, f + "12:9: design.type: expected grid, lhs, sobol or morris"));
  CHECK(any_contains(p, f + "13:3: design.sample: unknown key (did you mean 'samples'?)"));
}

TEST_CASE("a bad value in a generated scenario points at its place in the sweep file") {
  TempDir dir;
  const auto path = sweep_file(dir,
                               "base: base.yaml\n"
                               "schemes:\n  a: {}\n  b: {entry.rate: 2.5}\n"
                               "factors:\n  relocation.hazard:\n    levels: [0.1, -0.2, yes]\n");
  const auto p = problems_of(path);
  CHECK(any_contains(
      p, path + ":4:19: schemes.b.entry.rate: '2.5' is out of range (expected number in 0 to 1)"));
  CHECK(any_contains(p, path + ":7:19: factors.relocation.hazard.levels: '-0.2' is out of range"));
  CHECK(any_contains(p, path + ":7:25: factors.relocation.hazard.levels: 'yes' is not a number"));
  CHECK(any_contains(p, "(in scenario 1, a p1: relocation.hazard=-0.2)"));
  CHECK(p.size() == 3);  // one line per problem, not one per scenario that has it
}

TEST_CASE("structural sweep errors") {
  TempDir dir;
  auto one = [&](const std::string& text) {
    const auto p = problems_of(sweep_file(dir, text));
    return p.empty() ? std::string() : p.front();
  };
  CHECK_THAT(one("schemes: {a: {}}\n"), Catch::Contains("base: missing"));
  CHECK_THAT(one("base: nope.yaml\n"), Catch::Contains("base: nope.yaml: no such file"));
  CHECK_THAT(one("base: base.yaml\nfactors:\n  relocation.hazard: {range: [0.5, 0.1]}\n"),
             Catch::Contains("low must be below high"));
  CHECK_THAT(one("base: base.yaml\nfactors:\n  relocation.hazard: {range: [0, 2]}\n"),
             Catch::Contains("'2' is out of range for relocation.hazard"));
  CHECK_THAT(one("base: base.yaml\nfactors:\n  zones.entry: [true]\n"), Catch::Contains("cannot vary"));
  CHECK_THAT(one("base: base.yaml\nfactors:\n  title: {range: [0, 1]}\n"),
             Catch::Contains("a range needs a numeric key"));
  CHECK_THAT(one("base: base.yaml\nfactors:\n  entry.rate: {range: [0.01, 0.1]}\ndesign: {type: lhs}\n"),
             Catch::Contains("design.samples: missing"));
  CHECK_THAT(one("base: base.yaml\nfactors:\n  entry.rate: [0.1]\ndesign: {samples: 3}\n"),
             Catch::Contains("a grid design has no samples"));
  CHECK_THAT(one("base: base.yaml\nfactors:\n  entry.rate: {range: [0.01, 0.1]}\ndesign: {type: morris, "
                 "samples: 2, levels: 3}\n"),
             Catch::Contains("even number of levels"));
  CHECK_THAT(one("base: base.yaml\ndesign: {type: lhs, samples: 3}\n"), Catch::Contains("no factors"));
  CHECK_THAT(
      one("base: base.yaml\nschemes:\n  a: {}\n  b: {entry.rate: 0.1}\nfactors:\n  entry.rate: [0.1, 0.2]\n"),
      Catch::Contains("schemes.b.entry.rate: is swept as a factor"));
  CHECK_THAT(one("base: base.yaml\nschemes:\n  \"a b\": {}\n"), Catch::Contains("a scheme name may hold"));
  CHECK_THAT(one("base: base.yaml\nschemes: {}\n"), Catch::Contains("expected at least one scheme"));
  CHECK_THAT(one("base: base.yaml\nseed: 3\n"), Catch::Contains("scenario keys go under set:"));
  CHECK_THAT(one("base: base.yaml\nreplicates: 0\n"), Catch::Contains("replicates: '0' is out of range"));
  CHECK_THAT(one("base: base.yaml\nschemes:\n  a: {}\n  a: {}\n"), Catch::Contains("duplicate key"));
  CHECK_THAT(one("base: [1\n"), Catch::Contains("malformed YAML"));
  const auto cli = [&] {
    try {
      load_sweep(sweep_file(dir, "base: base.yaml\nfactors:\n  entry.rate: [0.1]\n"),
                 {{"entry.rate", "0.2"}});
    } catch (const ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string();
  }();
  CHECK_THAT(cli, Catch::Contains("--set:1:12: entry.rate: is swept as a factor"));
}
