// Hostile input at the library level (docs/robustness.md): YAML that is not text, not UTF-8, an
// alias bomb or cycle; numbers past what their types hold; sweeps too large to plan; HDF5 files that are
// foreign or damaged in ways a fuzzer would not reach quickly; and the numerical guards of the step.
#include <hdf5.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <csignal>
#include <limits>
#include <string>

#include "helpers.hpp"
#include "zonesim/compare.hpp"
#include "zonesim/errors.hpp"
#include "zonesim/guards.hpp"
#include "zonesim/isolate.hpp"
#include "zonesim/model/model.hpp"
#include "zonesim/model/statistics.hpp"
#include "zonesim/model/step.hpp"
#include "zonesim/model/world.hpp"
#include "zonesim/output.hpp"
#include "zonesim/run.hpp"
#include "zonesim/sweep.hpp"

using namespace zonesim;
using Catch::Matchers::Contains;

namespace {

// The message of the InputError that loading `path` as a scenario throws ("" if it loads).
std::string scenario_error(const std::string& path) {
  try {
    load_scenario(path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

std::string sweep_error(const std::string& path) {
  try {
    load_sweep(path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

// "a: &a [x x x x x x x x x x]", "b: &b [*a *a ...]", ...: 10^levels leaves once aliases are expanded.
std::string alias_bomb(const std::string& under, int levels) {
  std::string text = under + ":\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int l = 1; l < levels; ++l) {
    const std::string prev = "*a" + std::to_string(l - 1);
    text += "  a" + std::to_string(l) + ": &a" + std::to_string(l) + " [";
    for (int i = 0; i < 10; ++i) text += (i ? ", " : "") + prev;
    text += "]\n";
  }
  return text;
}

ScenarioSpec small_spec() {
  ScenarioSpec s = default_scenario();
  s.enterprises.count = 2000;
  s.time.end = 2026;
  return s;
}

// Writes a HDF5 file with root attribute zonesim_version and the given 1-D int64 datasets.
void write_h5(const std::string& path,
              const std::vector<std::pair<std::string, std::vector<hsize_t>>>& datasets,
              bool version_attr = true) {
  const hid_t f = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  REQUIRE(f >= 0);
  if (version_attr) {
    const hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, 5);
    const hid_t space = H5Screate(H5S_SCALAR);
    const hid_t a = H5Acreate2(f, "zonesim_version", type, space, H5P_DEFAULT, H5P_DEFAULT);
    H5Awrite(a, type, "0.1.0");
    H5Aclose(a), H5Sclose(space), H5Tclose(type);
  }
  for (const auto& [name, dims] : datasets) {
    const hid_t space = H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr);
    const hid_t ds = H5Dcreate2(f, name.c_str(), H5T_STD_I64LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    hsize_t n = 1;
    for (hsize_t d : dims) n *= d;
    std::vector<long long> values(n, 1);
    H5Dwrite(ds, H5T_NATIVE_LLONG, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
    H5Dclose(ds), H5Sclose(space);
  }
  H5Fclose(f);
}

std::string info_error(const std::string& path) {
  try {
    describe_result_file(path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

std::string compare_error(const std::string& path, const std::string& metric = "completed") {
  try {
    CompareOptions o;
    o.metric = metric;
    compare_results(path, o);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("scenario files that are not UTF-8 YAML text are refused with the file and place") {
  test::TempDir dir;
  const auto utf16 = dir.file("utf16.yaml", std::string("\xFF\xFEs\0e\0e\0d\0:\0 \0"
                                                        "1\0\n\0",
                                                        16));
  CHECK_THAT(scenario_error(utf16), Contains("utf16.yaml: encoded as UTF-16"));
  const auto utf16_nobom = dir.file("nobom.yaml", std::string("s\0e\0e\0d\0:\0 \0"
                                                              "1\0\n\0",
                                                              14));
  CHECK_THAT(scenario_error(utf16_nobom), Contains("nobom.yaml:1:2: a NUL byte: the file looks like UTF-16"));
  const auto latin1 = dir.file("latin1.yaml", "seed: 1\ntitle: caf\xE9\n");
  CHECK_THAT(scenario_error(latin1), Contains("latin1.yaml:2:11: byte 0xE9 is not valid UTF-8"));
  const auto binary = dir.file("binary.yaml", std::string("ab\0\0\0\0", 6));
  CHECK_THAT(scenario_error(binary), Contains("binary.yaml:1:3: a NUL byte: binary data"));
  const auto control = dir.file("control.yaml", "seed: 1\x1B[0m\n");
  CHECK_THAT(scenario_error(control), Contains("control.yaml:1:8: control character 0x1B"));
  // Valid UTF-8 (with a byte-order mark) is text: the title keeps its characters.
  const auto chinese = dir.file("chinese.yaml", "\xEF\xBB\xBFtitle: \xE9\xAB\x98\xE6\x96\xB0\xE5\x8C\xBA\n");
  CHECK(load_scenario(chinese).title == "\xE9\xAB\x98\xE6\x96\xB0\xE5\x8C\xBA");
}

TEST_CASE("an alias bomb or an alias cycle is refused, not expanded") {
  test::TempDir dir;
  // 10^9 leaves under an unknown key and under a group the loader walks.
  CHECK_THAT(scenario_error(dir.file("bomb.yaml", alias_bomb("lol", 9))),
             Contains("more than 1000000 YAML nodes"));
  CHECK_THAT(scenario_error(dir.file("bomb2.yaml", alias_bomb("enterprises", 9))),
             Contains("more than 1000000 YAML nodes"));
  CHECK_THAT(sweep_error(dir.file("bomb3.yaml", "base: x.yaml\n" + alias_bomb("set", 9))),
             Contains("more than 1000000 YAML nodes"));
  CHECK_THAT(scenario_error(dir.file("cycle.yaml", "seed: &a [1, *a]\n")),
             Contains("an alias that contains itself"));
  CHECK_THAT(scenario_error(dir.file("cycle2.yaml", "time: &t {end: *t}\n")), Contains("contains itself"));
  // A few aliases are fine.
  CHECK(
      scenario_error(dir.file("ok.yaml", "time: {start: &y 2024, end: 2030}\nzones: {year: *y}\n")).empty());
}

TEST_CASE("numbers past what a key's type holds are range errors, not undefined conversions") {
  test::TempDir dir;
  CHECK_THAT(scenario_error(dir.file("a.yaml", "seed: 1e19\n")), !Contains("seed"));  // in range (< 2^64)
  CHECK(load_scenario(dir.file("b.yaml", "seed: 10000000000000000000\n")).seed == 10000000000000000000ULL);
  CHECK_THAT(scenario_error(dir.file("c.yaml", "seed: 1e300\n")), Contains("seed: '1e300' is out of range"));
  CHECK_THAT(scenario_error(dir.file("d.yaml", "seed: 18446744073709551616\n")), Contains("is out of range"));
  CHECK_THAT(scenario_error(dir.file("e.yaml", "enterprises:\n  count: .nan\n")),
             Contains("e.yaml:2:10: enterprises.count: '.nan' is not finite"));
  CHECK_THAT(scenario_error(dir.file("f.yaml", "enterprises:\n  count: -5\n")), Contains("is out of range"));
  CHECK_THAT(scenario_error(dir.file("g.yaml", "enterprises:\n  count: 1e400\n")),
             Contains("is not a number"));
}

TEST_CASE("a sweep too large to plan is refused before its points are generated") {
  test::TempDir dir;
  dir.file("base.yaml", "enterprises: {count: 1000}\n");
  const auto sweep = dir.file("huge.yaml",
                              "base: base.yaml\ndesign: {type: grid, levels: 1000}\nfactors:\n"
                              "  production.labour_elasticity: {range: [0.1, 0.9]}\n"
                              "  production.own_sector_agglomeration: {range: [0, 0.5]}\n"
                              "  production.all_sector_agglomeration: {range: [0, 0.5]}\n"
                              "  production.knowledge_elasticity: {range: [0, 0.5]}\n"
                              "  production.service_elasticity: {range: [0, 0.5]}\n");
  CHECK_THAT(sweep_error(sweep), Contains("the sweep has more than 10^15 runs, more than the 10,000,000"));
  const auto sobol =
      dir.file("sobol.yaml",
               "base: base.yaml\nreplicates: 1000000\ndesign: {type: sobol, samples: 10000000}\n"
               "factors:\n  production.labour_elasticity: {range: [0.1, 0.9]}\n");
  CHECK_THAT(sweep_error(sobol), Contains("the sweep has 30000000000000 runs"));
}

TEST_CASE("the memory estimate grows with enterprises and refuses what cannot fit") {
  ScenarioSpec s = small_spec();
  const double small = estimate_run_bytes(s);
  s.enterprises.count = 200000000;
  const double large = estimate_run_bytes(s);
  CHECK(large > small);
  CHECK(large >= 200000000.0 * Enterprises::bytes_per_enterprise());
  CHECK_NOTHROW(check_memory("x.yaml", "one run", small, "fewer"));
  CHECK_THROWS_WITH(
      check_memory("x.yaml", "1024 runs", 1024 * large, "use fewer --threads"),
      Contains("x.yaml: enterprises.count: 1024 runs need about") && Contains("(use fewer --threads)"));
}

TEST_CASE("result files that are foreign or damaged are bad input for info and compare") {
  test::TempDir dir;
  const auto text = dir.file("text.h5", "not hdf5\n");
  CHECK_THAT(info_error(text), Contains("text.h5: not an HDF5 file"));
  CHECK_THAT(compare_error(text), Contains("text.h5: not an HDF5 file"));

  const auto foreign = dir.path("foreign.h5");
  write_h5(foreign, {{"x", {3}}}, false);
  CHECK_THAT(info_error(foreign), Contains("not a zonesim result file"));
  CHECK_THAT(compare_error(foreign), Contains("not a zonesim result file"));

  // completed holds 5 values where the axes say 2 x 1: reading it must not overflow.
  const auto wrong = dir.path("wrong.h5");
  write_h5(wrong, {{"scenario", {2}},
                   {"replicate", {1}},
                   {"time", {3}},
                   {"zone", {4}},
                   {"province", {2}},
                   {"completed", {5}},
                   {"total_gdp", {2, 1}}});
  CHECK_THAT(info_error(wrong), Contains("wrong.h5: damaged: completed does not have the shape"));
  CHECK_THAT(compare_error(wrong, "total_gdp"),
             Contains("wrong.h5: damaged: completed or total_gdp does not fit"));

  // A time axis that is not one-dimensional.
  const auto time2d = dir.path("time2d.h5");
  write_h5(time2d, {{"scenario", {1}},
                    {"replicate", {1}},
                    {"time", {3, 40}},
                    {"zone", {4}},
                    {"province", {2}},
                    {"completed", {1, 1}}});
  CHECK_THAT(info_error(time2d), Contains("time is not an axis"));

  // A zonesim_version that is a number, not a text: a read error of a file given as input (exit 2).
  const auto numeric = dir.path("numeric.h5");
  {
    const hid_t f = H5Fcreate(numeric.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    const hid_t space = H5Screate(H5S_SCALAR);
    const hid_t a = H5Acreate2(f, "title", H5T_STD_I32LE, space, H5P_DEFAULT, H5P_DEFAULT);
    const int one = 1;
    H5Awrite(a, H5T_NATIVE_INT, &one);
    H5Aclose(a);
    const hid_t b = H5Acreate2(f, "zonesim_version", H5T_STD_I32LE, space, H5P_DEFAULT, H5P_DEFAULT);
    H5Awrite(b, H5T_NATIVE_INT, &one);
    H5Aclose(b), H5Sclose(space), H5Fclose(f);
  }
  CHECK_THAT(info_error(numeric), Contains("numeric.h5: HDF5: cannot read attribute title (not a string)"));
}

TEST_CASE("the zone-state guard names the variable, zone and year") {
  const ScenarioSpec spec = small_spec();
  const ZoneTable table = load_zone_table(spec.zones.table, spec.zones.year);
  World w = build_world(spec, table, {spec.seed, 0});
  CHECK_NOTHROW(check_zone_state(w));
  w.zones.fiscal_balance[2] = -1.0;  // a deficit is a state, not an error
  CHECK_NOTHROW(check_zone_state(w));
  w.zones.land_capacity[3] = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_AS(check_zone_state(w), NumericalError);
  CHECK_THROWS_WITH(check_zone_state(w),
                    Contains("zone state land_capacity is nan in zone 3 (") && Contains(") in year 2024"));
  w.zones.land_capacity[3] = 1e6;
  w.zones.subsidy_paid[7] = -0.5;
  CHECK_THROWS_WITH(check_zone_state(w), Contains("zone state subsidy_paid is -0.5 in zone 7"));
  w.zones.subsidy_paid[7] = 0;
  w.zones.place_factor[5 * (w.zones.place_factor.size() / table.size()) + 1] = INFINITY;
  CHECK_THROWS_WITH(check_zone_state(w),
                    Contains("place_factor is inf in zone 5") && Contains("(entry 1 of"));
}

TEST_CASE("a NaN that reaches the state stops the step with the variable, zone and year") {
  ScenarioSpec spec = small_spec();
  spec.production.labour_elasticity = std::numeric_limits<double>::quiet_NaN();  // injected past validation
  const ZoneTable table = load_zone_table(spec.zones.table, spec.zones.year);
  const ModelList models = make_models(spec);
  World w = build_world(spec, table, {spec.seed, 0});
  YearStats stats;
  try {
    observe(w, models, stats);
    step(w, models, stats);
    FAIL("no NumericalError");
  } catch (const NumericalError& e) {
    const std::string m = e.what();
    CHECK_THAT(m, Contains(" is nan in ") || Contains(" is -nan in "));
    CHECK_THAT(m, Contains("in year 202"));
  }
}

TEST_CASE("a trial read that crashes, hangs or throws is told apart from one that ends") {
  CHECK(crash_signal_of([] {}, 30) == 0);
  CHECK(crash_signal_of([] { throw InputError("bad"); }, 30) == 0);
  CHECK(crash_signal_of([] { raise(SIGSEGV); }, 30) == SIGSEGV);
  CHECK(crash_signal_of(
            [] {
              for (volatile bool spin = true; spin;) {
              }
            },
            0.2) == kTrialTimedOut);
  CHECK_THROWS_WITH(check_read_does_not_crash("x.h5", [] { raise(SIGBUS); }),
                    Contains("x.h5: damaged: the HDF5 library crashed reading it (signal 7"));
}
