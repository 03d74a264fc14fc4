// Running sweeps: common random numbers, thread-count independence, stopping and resuming without losing or
// repeating runs, refusing runs of another definition, and compare's numbers on the result.
#include <omp.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>

#include "helpers.hpp"
#include "output/h5.hpp"
#include "zonesim/compare.hpp"
#include "zonesim/errors.hpp"
#include "zonesim/model/model.hpp"
#include "zonesim/model/statistics.hpp"
#include "zonesim/model/world.hpp"
#include "zonesim/sweep.hpp"

using namespace zonesim;
using zonesim::test::TempDir;
namespace fs = std::filesystem;

namespace {

SweepPlan small_plan(const TempDir& dir, const std::string& extra = "") {
  dir.file("base.yaml", "seed: 9\ntime:\n  end: 2026\nenterprises:\n  count: 2000\n");
  return load_sweep(dir.file("sweep.yaml",
                             "base: base.yaml\nschemes:\n  ref: {}\n  still: {relocation.hazard: 0.0}\n"
                             "replicates: 3\n" +
                                 extra));
}

SweepOutcome run(const SweepPlan& plan, const std::string& out, int threads, bool resume,
                 const volatile std::sig_atomic_t* stop = nullptr,
                 std::function<void(const SweepProgress&)> cb = {}) {
  SweepOptions o;
  o.output = out;
  o.threads = threads;
  o.resume = resume;
  o.stop = stop;
  o.progress = std::move(cb);
  return run_sweep(plan, zone_table_for(plan.first), o);
}

// The metric's mean per row of compare: equal vectors mean equal data (bit for bit is
// tests/cli/test_sweep.sh).
std::vector<double> metric_of(const std::string& path, const std::string& metric, int year) {
  CompareOptions o;
  o.metric = metric;
  o.year = year;
  o.bootstrap = 0;
  std::vector<double> out;
  for (const auto& r : compare_results(path, o).rows) out.push_back(r.mean.value);
  return out;
}

}  // namespace

TEST_CASE("a sweep's replicate r is the run with RunKey{seed, r}, in every scheme (common random numbers)") {
  TempDir dir;
  const SweepPlan plan = small_plan(dir);
  const std::string out = dir.path("out.h5");
  const SweepOutcome o = run(plan, out, 2, false);
  CHECK(o.complete);
  CHECK(o.done_now == 6);
  CHECK(fs::exists(out));
  CHECK_FALSE(fs::exists(sweep_run_directory(out)));  // the finished runs are removed once OUT.h5 holds them
  // Replicate 1 of both schemes equals a direct run of that scenario with key {9, 1}: no seed noise between
  // them.
  h5::quiet();
  h5::Handle file(H5Fopen(out.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  const std::vector<double> gdp = h5::read_doubles({out}, file, "total_gdp");  // [scenario][replicate][time]
  const size_t T = 3;
  REQUIRE(gdp.size() == 2 * 3 * T);
  for (int s = 0; s < 2; ++s) {
    const ScenarioSpec spec = plan.spec(s);
    const RunResult direct = simulate(spec, zone_table_for(spec), {9, 1}, make_models(spec));
    for (size_t t = 0; t < T; ++t)
      CHECK(gdp[(s * 3 + 1) * T + t] == direct.years[t].total[TotalVar::total_gdp]);
  }
  CHECK(gdp[0] == gdp[3 * T]);  // the same initial state in both schemes
  CHECK(h5::read_strings({out}, file, "scheme_name") == std::vector<std::string>{"ref", "still"});
  CHECK(h5::read_doubles({out}, file, "param_relocation_hazard") == std::vector<double>{0.02, 0.0});
  CompareOptions c;
  c.metric = "total_gdp";
  c.bootstrap = 0;
  const Comparison cmp = compare_results(out, c);
  REQUIRE(cmp.rows.size() == 2);
  CHECK(cmp.year == 2026);
  CHECK(cmp.reference == "ref");
  CHECK(cmp.rows[0].mean.n == 3);
  CHECK(cmp.rows[1].difference.n == 3);
  CHECK(std::isnan(cmp.rows[0].difference.value));
}

TEST_CASE("the result does not depend on the number of threads") {
  TempDir dir;
  const SweepPlan plan = small_plan(dir);
  run(plan, dir.path("t1.h5"), 1, false);
  run(plan, dir.path("t2.h5"), 2, false);
  for (const char* m : {"top10_share_gdp", "gini_gdp", "total_gdp", "relocations"})
    CHECK(metric_of(dir.path("t1.h5"), m, 2026) == metric_of(dir.path("t2.h5"), m, 2026));
}

TEST_CASE("a stopped sweep keeps its finished runs and --resume runs only the rest") {
  TempDir dir;
  const SweepPlan plan = small_plan(dir);
  const std::string out = dir.path("out.h5");
  volatile std::sig_atomic_t stop = 0;
  const SweepOutcome first = run(plan, out, 1, false, &stop, [&](const SweepProgress& p) {
    if (p.done_now == 2) stop = 1;  // as the SIGINT handler does
  });
  CHECK_FALSE(first.complete);
  CHECK(first.done_now == 2);
  CHECK_FALSE(fs::exists(out));
  CHECK(fs::exists(sweep_run_directory(out)));
  // Without --resume the finished runs are not thrown away.
  CHECK_THROWS_WITH(run(plan, out, 1, false), Catch::Contains("add --resume to finish it"));
  // Another definition is refused.
  const SweepPlan other = small_plan(dir, "title: other\n");
  CHECK_THROWS_WITH(run(other, out, 1, true), Catch::Contains("belong to a different sweep definition"));
  const SweepOutcome second = run(plan, out, 2, true);
  CHECK(second.complete);
  CHECK(second.done_before == 2);
  CHECK(second.done_now == 4);
  run(plan, dir.path("whole.h5"), 2, false);
  for (const char* m : {"top10_share_gdp", "theil_t_patents", "total_gdp"})
    CHECK(metric_of(out, m, 2025) == metric_of(dir.path("whole.h5"), m, 2025));
  // Resuming a complete file: nothing to do; with another definition: refused.
  CHECK(run(plan, out, 1, true).already_complete);
  CHECK_THROWS_WITH(run(other, out, 1, true), Catch::Contains("holds a different sweep"));
}

TEST_CASE("leftovers of a killed process are cleaned up and a damaged run file is redone") {
  TempDir dir;
  const SweepPlan plan = small_plan(dir);
  const std::string out = dir.path("out.h5");
  volatile std::sig_atomic_t stop = 0;
  run(plan, out, 1, false, &stop, [&](const SweepProgress& p) { stop = p.done_now == 3; });
  const std::string runs = sweep_run_directory(out);
  dir.file(fs::path(runs).filename().string() + "/.tmp-run-1-1.bin-999999", "partial");
  dir.file(fs::path(runs).filename().string() + "/run-1-2.bin", "truncated");
  dir.file(".out.h5.partial-999999", "half an HDF5 file");
  const SweepOutcome o = run(plan, out, 2, true);
  CHECK(o.done_before == 3);
  CHECK(o.done_now == 3);
  CHECK(o.complete);
  CHECK_FALSE(fs::exists(dir.path(".out.h5.partial-999999")));
}

TEST_CASE("two sweeps cannot write the same output at once") {
  TempDir dir;
  const SweepPlan plan = small_plan(dir);
  const std::string out = dir.path("out.h5");
  bool refused = false;
  run(plan, out, 1, false, nullptr, [&](const SweepProgress& p) {
    if (p.done_now != 1) return;
    try {
      run(plan, out, 1, true);
    } catch (const InputError& e) {
      refused = std::string(e.what()).find("another zonesim sweep is writing it") != std::string::npos;
    }
  });
  CHECK(refused);
}

TEST_CASE("compare pools sampled designs over design points and reports sensitivity indices") {
  TempDir dir;
  dir.file("base.yaml", "seed: 2\ntime:\n  end: 2025\nenterprises:\n  count: 1500\n");
  const SweepPlan plan = load_sweep(dir.file("s.yaml",
                                             "base: base.yaml\nschemes:\n  a: {}\n  b: {entry.rate: 0.12}\n"
                                             "factors:\n  relocation.hazard: {range: [0, 0.2]}\n"
                                             "  production.rent_scale: {range: [0.05, 0.45]}\n"
                                             "design: {type: sobol, samples: 4}\nreplicates: 2\n"));
  REQUIRE(plan.scenarios.size() == 2 * 4 * 4);
  run(plan, dir.path("s.h5"), 2, false);
  CompareOptions o;
  o.bootstrap = 50;
  const Comparison c = compare_results(dir.path("s.h5"), o);
  CHECK(c.design == "sobol");
  CHECK(c.pooled);
  REQUIRE(c.rows.size() == 2);
  CHECK(c.rows[0].scenario == -1);
  CHECK(c.rows[1].difference.n == 2);
  REQUIRE(c.sobol.size() == 4);  // 2 schemes x 2 factors
  CHECK(c.sobol[0].factor == "relocation.hazard");
  CHECK(c.sobol[3].scheme == "b");
  o.metric = "gdp";
  CHECK_THROWS_WITH(compare_results(dir.path("s.h5"), o), Catch::Contains("has axes other than"));
  o.metric = "gini_gpd";
  CHECK_THROWS_WITH(compare_results(dir.path("s.h5"), o), Catch::Contains("did you mean 'gini_gdp'"));
  o.metric = "gini_gdp";
  o.year = 2040;
  CHECK_THROWS_WITH(compare_results(dir.path("s.h5"), o),
                    Catch::Contains("not on the file's time axis (2024 to 2025)"));
}

TEST_CASE(
    "compare sums flows over years, divides by another variable's difference, ranks and breaks down "
    "by province") {
  TempDir dir;
  dir.file("base.yaml", "seed: 4\ntime:\n  end: 2027\nenterprises:\n  count: 2000\n");
  const SweepPlan plan = load_sweep(
      dir.file("s.yaml",
               "base: base.yaml\nschemes:\n  ref: {}\n  fund: {mechanisms.synergy_fund.enabled: true}\n"
               "  pilot: {mechanisms.central_pilot.enabled: true}\nreplicates: 4\n"));
  const std::string out = dir.path("s.h5");
  run(plan, out, 2, false);
  h5::Handle file(H5Fopen(out.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  const h5::Context ctx{out, true};
  const std::vector<double> cost = h5::read_doubles(ctx, file, "total_public_cost");  // [s][r][t], 4 years
  const std::vector<double> gdp = h5::read_doubles(ctx, file, "gdp");                 // [s][r][t][z]
  const std::vector<long long> province = h5::read_integers(ctx, file, "zone_province_index");
  const size_t T = 4, Z = province.size();

  CompareOptions o;
  o.metric = "total_public_cost";
  o.from = 2025, o.to = 2027;
  o.per = "total_public_cost";
  o.rank = true;
  o.by = "province";
  o.bootstrap = 200;
  const Comparison c = compare_results(out, o);
  CHECK(c.summed);
  CHECK(c.from == 2025);
  CHECK(c.year == 2027);
  CHECK(c.better == "lower");
  REQUIRE(c.rows.size() == 3);
  // The sum of 2025-2027 (time indices 1-3), averaged over replicates.
  for (size_t s = 0; s < 3; ++s) {
    double sum = 0;
    for (size_t r = 0; r < 4; ++r)
      for (size_t t = 1; t < T; ++t) sum += cost[(s * 4 + r) * T + t];
    CHECK(c.rows[s].mean.value == Approx(sum / 4).epsilon(1e-12));
  }
  // A variable divided by itself: the ratio is the scale, exactly, in every resample.
  for (size_t s = 1; s < 3; ++s) {
    CHECK(c.rows[s].per.ratio.value == Approx(100).epsilon(1e-12));
    CHECK(c.rows[s].per.ratio.low == Approx(100).epsilon(1e-12));
    CHECK(c.rows[s].per.difference.value == Approx(c.rows[s].difference.value).epsilon(1e-12));
  }
  // Schemes that spend more rank below the reference, and the P(best) add up to 1.
  double p = 0;
  for (const auto& r : c.rows) p += r.p_best;
  CHECK(p == Approx(1.0));
  CHECK(c.rows[0].rank == 1);
  CHECK(c.rows[0].p_best == Approx(1.0));
  // Provinces: the reference's province GDP summed over 2025-2027 from the zones; shares add up to 1.
  REQUIRE(c.provinces.size() == 3 * 31);
  CHECK(c.by_from == 2025);
  double total = 0, share = 0, diff = 0;
  for (size_t k = 0; k < 31; ++k) {
    const ProvinceRow& row = c.provinces[k];
    double expected = 0;
    for (size_t r = 0; r < 4; ++r)
      for (size_t t = 1; t < T; ++t)
        for (size_t z = 0; z < Z; ++z)
          if (province[z] == static_cast<long long>(k)) expected += gdp[((0 * 4 + r) * T + t) * Z + z];
    CHECK(row.value.value == Approx(expected / 4).epsilon(1e-12));
    CHECK(row.difference.n == 0);
    total += row.value.value, share += row.share.value;
    diff += c.provinces[31 + k].share_difference.value;
  }
  CHECK(share == Approx(1.0));
  CHECK(diff == Approx(0.0).margin(1e-12));  // shares move between provinces, their sum stays 1
  CHECK(total > 0);

  // Another reference: rows are compared with 'pilot'.
  o.reference = "pilot";
  const Comparison by_pilot = compare_results(out, o);
  CHECK(by_pilot.reference == "pilot");
  CHECK(by_pilot.rows[2].difference.n == 0);
  CHECK(by_pilot.rows[0].difference.value == Approx(-c.rows[2].difference.value).epsilon(1e-9));
  o.reference = "pilt";
  CHECK_THROWS_WITH(compare_results(out, o), Catch::Contains("did you mean 'pilot'"));
  o.reference.clear();
  o.from = 2020;
  CHECK_THROWS_WITH(compare_results(out, o), Catch::Contains("not on the file's time axis (2024 to 2027)"));
  o.from = 2025;
  o.per = "total_publc_cost";
  CHECK_THROWS_WITH(compare_results(out, o), Catch::Contains("did you mean 'total_public_cost'"));
  // A level is taken at the range's last year, not summed.
  o.per.clear();
  o.metric = "top10_share_gdp";
  const Comparison level = compare_results(out, o);
  CHECK_FALSE(level.summed);
  CHECK(level.percentage_points);
  o.from = o.to = 0;
  o.year = 2027;
  CHECK(compare_results(out, o).rows[1].mean.value == level.rows[1].mean.value);
  // --rank of a channel: auto does not guess which way is better, --better says it.
  o.metric = "total_poaching_offers";
  CHECK_THROWS_WITH(compare_results(out, o),
                    Catch::Contains("give --better lower or --better higher for total_poaching_offers"));
  o.better = "higher";
  CHECK(compare_results(out, o).better == "higher");
  o.rank = false;
  o.better = "auto";
  CHECK(compare_results(out, o).better.empty());
}

TEST_CASE(
    "compare: a grid of one scheme is compared with its first point; a mechanism's key while it is off "
    "draws a warning") {
  TempDir dir;
  dir.file("base.yaml", "seed: 3\ntime:\n  end: 2025\nenterprises:\n  count: 1500\n");
  const SweepPlan plan = load_sweep(dir.file("g.yaml",
                                             "base: base.yaml\nfactors:\n  mechanisms.synergy_fund.size: "
                                             "[20, 60]\n  relocation.hazard: [0.05, 0.1]\n"
                                             "replicates: 2\n"));
  run(plan, dir.path("g.h5"), 2, false);
  CompareOptions o;
  o.bootstrap = 0;
  const Comparison c = compare_results(dir.path("g.h5"), o);
  REQUIRE(c.rows.size() == 4);
  CHECK(c.reference == c.rows[0].label);
  CHECK(c.rows[0].difference.n == 0);
  for (size_t s = 1; s < 4; ++s) CHECK(c.rows[s].difference.n == 2);
  REQUIRE(c.warnings.size() == 1);
  CHECK_THAT(c.warnings[0], Catch::Contains("mechanisms.synergy_fund.size cannot change the results") &&
                                Catch::Contains("synergy_fund is off"));
  o.reference = c.rows[3].label;
  const Comparison last = compare_results(dir.path("g.h5"), o);
  CHECK(last.rows[3].difference.n == 0);
  CHECK(last.rows[0].difference.n == 2);
}

TEST_CASE(
    "compare's --better auto decides for polarization, costs and output, and does not guess otherwise") {
  auto auto_of = [](const char* name) {
    for (const auto& v : kTotalVars)
      if (std::string(v.name) == name) return better_direction(v.name, v.units, v.long_name);
    FAIL("no total " << name);
    return std::string();
  };
  for (const char* lower : {"total_public_cost", "total_subsidy", "subsidy_waste", "total_energy_use",
                            "total_co2_emissions", "mean_co2_intensity"})
    CHECK(auto_of(lower) == "lower");
  for (const char* higher : {"total_gdp", "total_industrial_gdp"}) CHECK(auto_of(higher) == "higher");
  // Channels and budget lines: more offers or a bigger talent budget is neither good nor bad in itself.
  for (const char* unclear :
       {"total_poaching_offers", "total_retention_offers", "total_cooperation_agreements",
        "total_cooperation_refusals", "total_budget_subsidies", "total_budget_talent", "total_external_funds",
        "relocations", "total_rnd_personnel"})
    CHECK(auto_of(unclear).empty());
  // The indices as the result file describes them, and the convergence slopes (negative = convergence).
  CHECK(better_direction("top10_share_gdp", "1", "share of the ten largest zones of gdp across zones") ==
        "lower");
  CHECK(better_direction("theil_between_patents", "1", "between-province part of Theil T of patents") ==
        "lower");
  CHECK(better_direction("beta_convergence_gdp", "year-1",
                         "slope of mean yearly log GDP growth on initial log GDP per zone (negative = "
                         "convergence)") == "lower");
}

TEST_CASE("compare: a sampled design of one scheme is compared point by point; one scenario is refused") {
  TempDir dir;
  dir.file("base.yaml", "seed: 5\ntime:\n  end: 2025\nenterprises:\n  count: 1500\n");
  const SweepPlan plan =
      load_sweep(dir.file("m.yaml",
                          "base: base.yaml\nfactors:\n  relocation.hazard: {range: [0, 0.2]}\n"
                          "  entry.rate: {range: [0.02, 0.12]}\n"
                          "design: {type: morris, samples: 2, levels: 4}\nreplicates: 2\n"));
  REQUIRE(plan.scenarios.size() == 6);  // 2 trajectories x (2 factors + 1)
  run(plan, dir.path("m.h5"), 2, false);
  CompareOptions o;
  o.bootstrap = 0;
  const Comparison summary = compare_results(dir.path("m.h5"), o);
  CHECK(summary.pooled);  // without a question of comparison: the scheme over its points, and its indices
  CHECK(summary.rows.size() == 1);
  CHECK(summary.morris.size() == 2);
  // --rank (as --per and --reference): the design points against the first one, as in a grid.
  o.rank = true;
  const Comparison c = compare_results(dir.path("m.h5"), o);
  CHECK_FALSE(c.pooled);
  REQUIRE(c.rows.size() == 6);
  CHECK(c.reference == c.rows[0].label);
  CHECK(c.rows[0].difference.n == 0);
  for (size_t s = 1; s < 6; ++s) CHECK(c.rows[s].difference.n == 2);
  o.rank = false;
  o.reference = c.rows[4].label;
  const Comparison by_point = compare_results(dir.path("m.h5"), o);
  CHECK(by_point.rows[4].difference.n == 0);
  CHECK(by_point.rows[0].difference.value == -c.rows[4].difference.value);
  // A file of one scenario has nothing to compare with; described alone it is fine.
  const SweepPlan one = load_sweep(dir.file("one.yaml", "base: base.yaml\nreplicates: 2\n"));
  run(one, dir.path("one.h5"), 2, false);
  o.reference.clear();
  o.rank = true;
  CHECK_THROWS_WITH(compare_results(dir.path("one.h5"), o),
                    Catch::Contains("holds one scenario") && Catch::Contains("--rank"));
  o.rank = false;
  CHECK(compare_results(dir.path("one.h5"), o).rows.size() == 1);
}
