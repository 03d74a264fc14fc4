// Scenario loading: defaults, extends, --set, and every kind of bad input with its FILE:LINE:COL: key message.
#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "zonesim/errors.hpp"
#include "zonesim/scenario.hpp"

using namespace zonesim;
using zonesim::test::TempDir;

namespace {

// The problems reported for a scenario text, or an empty list when it loads.
std::vector<std::string> problems_of(const TempDir& dir, const std::string& text,
                                     const std::vector<Override>& overrides = {}) {
  const std::string path = dir.file("s.yaml", text);
  try {
    load_scenario(path, overrides);
  } catch (const ScenarioError& e) {
    return e.problems();
  }
  return {};
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("defaults fill every key and the fixed keys have their documented values") {
  const ScenarioSpec s = default_scenario();
  CHECK(s.seed == 1);
  CHECK(s.time.start == 2024);
  CHECK(s.time.end == 2035);
  CHECK(s.zones.year == 2024);
  CHECK(s.enterprises.count == 100000);
  CHECK(s.metrics.top_k == 10);
  CHECK(s.metrics.esteban_ray_alpha == 1.6);
  CHECK(contains(s.zones.table, "data/zones.csv"));
  for (const auto& f : scenario_fields()) {
    INFO(f.path);
    CHECK(contains(s.resolved_yaml, f.path.substr(f.path.rfind('.') + 1) + ":"));
    CHECK_FALSE(f.help.empty());
  }
}

TEST_CASE("a file gives only what differs; --set overrides it") {
  TempDir dir;
  const auto path = dir.file("s.yaml", "seed: 7\nenterprises:\n  count: 5000\n");
  ScenarioSpec s = load_scenario(path);
  CHECK(s.seed == 7);
  CHECK(s.enterprises.count == 5000);
  CHECK(s.time.end == 2035);
  s = load_scenario(path, {parse_override("enterprises.count=1e4"), parse_override("time.end=2030")});
  CHECK(s.enterprises.count == 10000);
  CHECK(s.time.end == 2030);
  CHECK(contains(s.resolved_yaml, "count: 10000"));
}

TEST_CASE("extends inherits, the child wins, and relative paths follow the file that sets them") {
  TempDir dir;
  std::filesystem::create_directories(dir.path("sub"));
  dir.file("base.yaml", "seed: 3\nzones:\n  table: tables/z.csv\nenterprises:\n  count: 2000\n");
  const auto child = dir.file("sub/child.yaml", "extends: ../base.yaml\nenterprises:\n  count: 3000\n");
  const ScenarioSpec s = load_scenario(child);
  CHECK(s.seed == 3);
  CHECK(s.enterprises.count == 3000);
  CHECK(s.zones.table == dir.path("tables/z.csv"));
}

TEST_CASE("unknown keys are errors with the place and a suggestion") {
  TempDir dir;
  auto p = problems_of(dir, "seed: 1\nenterprises:\n  cuont: 10\n");
  REQUIRE(p.size() == 1);
  CHECK(contains(p[0], "s.yaml:3:3: enterprises.cuont: unknown key (did you mean 'count'?)"));
  p = problems_of(dir, "sede: 1\n");
  REQUIRE(p.size() == 1);
  CHECK(contains(p[0], ":1:1: sede: unknown key (did you mean 'seed'?)"));
  p = problems_of(dir, "mechanisms:\n  cross_holdin:\n    enabled: true\n");
  REQUIRE(p.size() == 1);
  CHECK(contains(p[0], ":2:3: mechanisms.cross_holdin: unknown key (did you mean 'cross_holding'?)"));
  p = problems_of(dir, "mechanisms:\n  one_plus_n:\n    leader_rule: biggest\n");
  REQUIRE(p.size() == 1);
  CHECK(contains(p[0],
                 "mechanisms.one_plus_n.leader_rule: 'biggest' is not an allowed value (expected string: "
                 "largest or capital)"));
}

TEST_CASE("wrong types and out-of-range values name the key, the value and what was expected") {
  TempDir dir;
  auto p = problems_of(dir, "seed: abc\n");
  REQUIRE(p.size() == 1);
  CHECK(contains(p[0], "s.yaml:1:7: seed: 'abc' is not a number (expected integer"));
  p = problems_of(dir, "enterprises:\n  count: 1000.5\n");
  REQUIRE(p.size() == 1);
  CHECK(contains(p[0], "enterprises.count: '1000.5' is not a whole number"));
  p = problems_of(dir, "enterprises:\n  digital_share: 1.5\n");
  REQUIRE(p.size() == 1);
  CHECK(contains(
      p[0], "s.yaml:2:18: enterprises.digital_share: '1.5' is out of range (expected number in 0 to 1)"));
  p = problems_of(dir, "enterprises:\n  size_sigma: .nan\n");
  REQUIRE(p.size() == 1);
  CHECK(contains(p[0], "is not finite"));
  p = problems_of(dir, "enterprises:\n  count: -5\n");
  REQUIRE(p.size() == 1);
  CHECK(contains(p[0], "out of range"));
  p = problems_of(dir, "seed: \"12\"\n");
  REQUIRE(p.size() == 1);
  CHECK(contains(p[0], "seed: '12' is not a number"));
  p = problems_of(dir, "zones:\n  year: 2020\n");
  REQUIRE(p.size() == 1);
  CHECK(contains(p[0], "zones.year: '2020' is not an allowed value (expected integer in 2019 or 2024)"));
  p = problems_of(dir, "time: 2024\n");
  REQUIRE(p.size() == 1);
  CHECK(contains(p[0], "time: expected a mapping"));
  p = problems_of(dir, "seed: [1, 2]\n");
  REQUIRE(p.size() == 1);
  CHECK(contains(p[0], "seed: not a single value"));
}

TEST_CASE("every problem is reported at once") {
  TempDir dir;
  const auto p = problems_of(dir, "sede: 1\nenterprises:\n  count: x\n  size_sigma: 9\n");
  CHECK(p.size() == 3);
}

TEST_CASE("cross-key rules") {
  TempDir dir;
  auto p = problems_of(dir, "time:\n  end: 2024\n");
  REQUIRE(p.size() == 1);
  CHECK(contains(p[0], "time.end: 2024 is not after time.start (2024)"));
  p = problems_of(dir, "zones:\n  year: 2019\n");
  REQUIRE(p.size() == 1);
  CHECK(contains(p[0], "time.start: 2024 differs from zones.year (2019)"));
  CHECK(problems_of(dir, "zones:\n  year: 2019\ntime:\n  start: 2019\n").empty());
}

TEST_CASE("shares that must sum to 1") {
  TempDir dir;
  auto p = problems_of(dir, "mechanisms:\n  synergy_fund:\n    enabled: true\n    venture_share: 0.5\n");
  REQUIRE(p.size() == 1);
  CHECK(contains(p[0],
                 "s.yaml:4:20: mechanisms.synergy_fund: development_share + industry_share + venture_share "
                 "= 1.2 (expected 1)"));
  CHECK(problems_of(dir,
                    "mechanisms:\n  synergy_fund:\n    enabled: true\n    venture_share: 0.5\n"
                    "    industry_share: 0.1\n")
            .empty());
}

TEST_CASE("a central pilot's zone names are checked when the scenario is loaded, with FILE:LINE:COL") {
  TempDir dir;
  const std::string head = "mechanisms:\n  central_pilot:\n    enabled: true\n    selection: list\n";
  auto p = problems_of(dir, head + "    list: \"Zhongguancun Sceince Park; Atlantis High-tech Zone\"\n");
  REQUIRE(p.size() == 2);
  CHECK(contains(p[0],
                 "s.yaml:5:11: mechanisms.central_pilot.list: unknown zone 'Zhongguancun Sceince Park' "
                 "(did you mean 'Zhongguancun Science Park'?)"));
  CHECK(contains(p[1], "s.yaml:5:11: mechanisms.central_pilot.list: unknown zone 'Atlantis High-tech Zone'"));
  p = problems_of(dir, head);
  REQUIRE(p.size() == 1);
  CHECK(contains(p[0], "mechanisms.central_pilot.list: selection is 'list' but no zone is named"));
  CHECK(
      problems_of(dir, head + "    list: \"zhongguancun science park\"\n").empty());  // case does not matter
  // Switched off, or another selection: the list is not read.
  CHECK(problems_of(dir, "mechanisms:\n  central_pilot:\n    selection: list\n    list: Atlantis\n").empty());
}

TEST_CASE("metrics.top_k is 10, the k that the top10_share_* outputs are named for") {
  TempDir dir;
  const auto p = problems_of(dir, "metrics:\n  top_k: 5\n");
  REQUIRE(p.size() == 1);
  CHECK(contains(p[0], "s.yaml:2:10: metrics.top_k: '5' is out of range"));
  CHECK(problems_of(dir, "metrics:\n  top_k: 10\n").empty());
}

TEST_CASE("malformed YAML, duplicate keys, empty and missing files") {
  TempDir dir;
  auto p = problems_of(dir, "seed: 1\nenterprises:\n  count: [1, 2\n");
  REQUIRE(p.size() == 1);
  CHECK(contains(p[0], "s.yaml:"));
  CHECK(contains(p[0], "malformed YAML"));
  p = problems_of(dir, "seed: 1\nseed: 2\n");
  REQUIRE(p.size() == 1);
  CHECK(contains(p[0], "s.yaml:2:1: seed: duplicate key (first given at line 1)"));
  p = problems_of(dir, "");
  REQUIRE(p.size() == 1);
  CHECK(contains(p[0], "empty scenario"));
  p = problems_of(dir, "- 1\n- 2\n");
  REQUIRE(p.size() == 1);
  CHECK(contains(p[0], "expected a mapping"));
  CHECK_THROWS_WITH(load_scenario(dir.path("nope.yaml")), Catch::Contains("nope.yaml: no such file"));
  CHECK_THROWS_WITH(load_scenario(dir.path()), Catch::Contains("is a directory"));
}

TEST_CASE("extends: missing parent and cycles") {
  TempDir dir;
  auto p = problems_of(dir, "extends: missing.yaml\n");
  REQUIRE(p.size() == 1);
  CHECK(contains(p[0], "extends: "));
  CHECK(contains(p[0], "missing.yaml: no such file"));
  dir.file("a.yaml", "extends: b.yaml\n");
  dir.file("b.yaml", "extends: a.yaml\n");
  CHECK_THROWS_WITH(load_scenario(dir.path("a.yaml")), Catch::Contains("cycle"));
}

TEST_CASE("--set is validated like the file") {
  TempDir dir;
  auto p = problems_of(dir, "{}\n", {parse_override("enterprises.cont=5")});
  REQUIRE(p.size() == 1);
  CHECK(contains(p[0], "--set:1:1: enterprises.cont: unknown key (did you mean 'enterprises.count'?)"));
  p = problems_of(dir, "{}\n", {parse_override("seed=x")});
  REQUIRE(p.size() == 1);
  CHECK(contains(p[0], "--set:1:6: seed: 'x' is not a number"));
  CHECK_THROWS_AS(parse_override("seed"), InputError);
}

TEST_CASE("docs/parameters.md is generated from the declarations") {
  std::ifstream in(zonesim::test::repo("docs/parameters.md"));
  const std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(doc ==
        parameters_markdown());  // regenerate with: build/zonesim params --markdown > docs/parameters.md
}
