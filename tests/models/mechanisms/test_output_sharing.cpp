// Output sharing (docs/specification.md 5.3): attribution moves credit, never output; movers' origins and co-builders are
// credited; the origin's resistance falls; and the scheme's effect on the outcome, paired over replicates
// under common random numbers.
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>

#include "helpers.hpp"
#include "mechanisms/output_sharing/output_sharing.hpp"
#include "stepped_run.hpp"
#include "zonesim/model/reduce.hpp"
#include "zonesim/model/statistics.hpp"
#include "zonesim/model/world.hpp"

using namespace zonesim;

namespace {

ScenarioSpec spec_of(bool enabled, std::int64_t count = 20000) {
  ScenarioSpec s = default_scenario();
  s.enterprises.count = count;
  s.mechanisms.output_sharing.enabled = enabled;
  return s;
}

double sum(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

}  // namespace

TEST_CASE("output sharing: attributed GDP sums to real GDP, and real GDP is the enterprises' output") {
  test::SteppedRun r(spec_of(true));
  double shifted = 0;
  // After the initial state and after each year.
  const auto check = [&] {
    const World& w = r.world;
    const YearStats& s = r.stats;
    const Enterprises& f = w.enterprises;
    const auto Z = static_cast<std::size_t>(w.zone_count());
    const std::vector<double> real = chunked_sum(f.size(), Z, [&](std::size_t e, double* p) {
      if (f.flags[e] & Enterprises::alive) p[f.zone[e]] += f.output[e];
    });
    REQUIRE(s.zone[gdp] == real);  // bit for bit: attribution never touches real output
    REQUIRE(sum(s.zone[gdp_attributed]) == Approx(sum(s.zone[gdp])).epsilon(1e-9));
    for (std::size_t z = 0; z < Z; ++z) {
      REQUIRE(s.zone[gdp_attributed][z] >= 0);
      shifted += std::abs(s.zone[gdp_attributed][z] - s.zone[gdp][z]);
    }
  };
  check();
  r.years(5, check);
  CHECK(shifted > 0);  // movers exist, so some credit moved
}

TEST_CASE("output sharing: a recent mover's origin gets origin_share of its output for K years") {
  test::SteppedRun r(spec_of(true, 2000));
  World& w = r.world;
  const auto Z = static_cast<std::size_t>(w.zone_count());
  std::vector<double> real(Z, 0.0);
  for (std::size_t e = 0; e < w.enterprises.size(); ++e) {
    w.enterprises.move_year[e] = 0;
    real[w.enterprises.zone[e]] += w.enterprises.output[e];
  }
  const std::size_t e = 0;
  const int here = w.enterprises.zone[e], origin = here == 0 ? 1 : 0;
  w.enterprises.origin_zone[e] = static_cast<std::uint16_t>(origin);
  const double y = w.enterprises.output[e];
  for (int age : {0, 1, 2}) {  // moved this year, last year, two years ago (K = 2: no longer counts)
    w.enterprises.move_year[e] = static_cast<std::int16_t>(w.year - age);
    const std::vector<double> a = attribute_movers(w, real, 2, 0.3);
    const double expected = age < 2 ? 0.3 * y : 0.0;
    CHECK(a[origin] == Approx(real[origin] + expected));
    CHECK(a[here] == Approx(real[here] - expected));
    CHECK(sum(a) == Approx(sum(real)).epsilon(1e-12));
  }
}

TEST_CASE("output sharing: co-built projects count to the investors by their stakes, capped at the whole") {
  test::SteppedRun r(spec_of(true, 2000));
  World& w = r.world;
  const auto Z = static_cast<std::size_t>(w.zone_count());
  std::vector<double> gdp_real(Z, 10.0);
  std::vector<double> attributed = gdp_real;
  w.equity[0 * Z + 5] = 2.0;  // zone 0 holds 2 in zone 5, whose GDP is 10: a stake of 0.2
  attribute_co_built(w, gdp_real, 0.5, attributed);
  CHECK(attributed[0] == Approx(10 + 0.5 * 0.2 * 10));
  CHECK(attributed[5] == Approx(10 - 0.5 * 0.2 * 10));
  // Stakes above the whole are scaled down: two investors of 15 each in zone 7 share all of it.
  attributed = gdp_real;
  w.equity[1 * Z + 7] = 15.0;
  w.equity[2 * Z + 7] = 15.0;
  attribute_co_built(w, gdp_real, 1.0, attributed);
  CHECK(attributed[7] == Approx(0).margin(1e-12));
  CHECK(attributed[1] == Approx(15.0));
  CHECK(sum(attributed) == Approx(sum(gdp_real)).epsilon(1e-12));
}

TEST_CASE(
    "output sharing: the origin's resistance falls, composed with other mechanisms' moving-cost factors") {
  test::SteppedRun r(spec_of(true, 2000));
  const double factor = resistance_factor(r.spec.mechanisms.output_sharing);
  CHECK(factor == Approx(1 - 0.3 * 0.5 * 2 / 5.0));  // the defaults: resistance 0.3, 50:50, K = 2, horizon 5
  World& w = r.world;
  CHECK(w.move_cost_factor[w.pair(3, 4)] == Approx(factor));
  w.move_cost_factor[w.pair(3, 4)] = 0.5;  // as a 1+N link would set it
  r.years(3);
  CHECK(w.move_cost_factor[w.pair(3, 4)] == Approx(0.5 * factor));  // applied once, not compounded
  CHECK(w.move_cost_factor[w.pair(4, 3)] == Approx(factor));
}

TEST_CASE(
    "output sharing: more moves and less inequality; attribution alone does little (16 replicates, CRN)",
    "[statistical]") {
  // At 8 replicates the fall of Theil T is 5.5 standard errors with seed 1, 2.7 with seed 2.
  constexpr int kReplicates = 16;
  const ScenarioSpec base = spec_of(false, 50000), sharing = spec_of(true, 50000);
  ScenarioSpec tournament_only = sharing;  // attribution alone: what the tournament sees
  tournament_only.mechanisms.output_sharing.origin_resistance = 0;
  std::vector<double> theil[2], between[2], top10[2], subsidy[2];
  for (std::uint64_t rep = 0; rep < kReplicates; ++rep) {
    test::SteppedRun b(base, 1, rep), s(sharing, 1, rep), judged(tournament_only, 1, rep);
    double moves_b = 0, moves_s = 0;  // relocations between zones over all years
    b.to_end([&] { moves_b += b.stats.total[relocations]; });
    s.to_end([&] { moves_s += s.stats.total[relocations]; });
    judged.to_end();
    INFO("replicate " << rep);
    // Lower resistance: more enterprises move between zones.
    CHECK(moves_s > moves_b);
    for (const test::SteppedRun* r : {&b, &s}) {
      const auto i = static_cast<std::size_t>(r == &s);
      theil[i].push_back(test::gdp_metrics(r->stats).theil_t);
      between[i].push_back(test::gdp_metrics(r->stats).theil_between);
      top10[i].push_back(test::gdp_metrics(r->stats).top10_share);
    }
    subsidy[0].push_back(b.stats.total[total_subsidy]);
    subsidy[1].push_back(judged.stats.total[total_subsidy]);
  }
  const test::Paired d_theil = test::paired(theil[1], theil[0]),
                     d_between = test::paired(between[1], between[0]),
                     d_top10 = test::paired(top10[1], top10[0]),
                     d_subsidy = test::paired(subsidy[1], subsidy[0]);
  CAPTURE(d_theil, d_between, d_top10, d_subsidy);
  // Inequality falls: with the origin's resistance down by 6%, more firms leave the congested leaders for
  // cheaper zones (docs/mechanisms/output_sharing.md: Theil T -0.0084, theil_between -0.0041; measured here
  // on the published zone table -0.0058 +- 0.0005 and -0.0041 +- 0.0004). The bounds are five times the documented effect.
  CHECK(d_theil.mean + 3 * d_theil.se < 0);
  CHECK(d_theil.mean > -0.04);
  CHECK(d_between.mean + 3 * d_between.se < 0);
  CHECK(d_between.mean > -0.02);
  // No robust effect on the top-10 share at this size: the docs give -0.0024 at 100,000 enterprises; the
  // current model measures -0.0016 +- 0.0004 here, but -0.0006 +- 0.0004 with seed 2 instead of 1 and
  // -0.0009 +- 0.0004 at 100,000 (8 replicates). Only its smallness is asserted.
  CHECK(std::abs(d_top10.mean) < 3 * d_top10.se + 0.001);
  // Attribution alone has no measurable effect on the subsidy race: movers (about 1.6% of firms a year) shift
  // half of 2 years of their output, which rarely changes a zone's rank in the tournament (docs: -2.4 billion
  // CNY [-3.7, -1.0] at 100,000 enterprises; measured here +1.1 +- 0.5), so the difference is asserted to be
  // within three standard errors plus 1% of the baseline's subsidies.
  CHECK(std::abs(d_subsidy.mean) < 3 * d_subsidy.se + 0.01 * subsidy[0].front());
}
