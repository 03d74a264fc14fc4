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
  // By default origins resist by deciding (retention offers, models/core/governments.cpp), not by this
  // reduced form: origin_resistance 0 leaves the moving costs alone.
  CHECK(resistance_factor(spec_of(true).mechanisms.output_sharing) == 1);
  ScenarioSpec spec = spec_of(true, 2000);
  spec.mechanisms.output_sharing.origin_resistance = 0.3;
  test::SteppedRun r(spec);
  const double factor = resistance_factor(r.spec.mechanisms.output_sharing);
  CHECK(factor == Approx(1 - 0.3 * 0.5 * 2 / 5.0));  // resistance 0.3; the defaults 50:50, K = 2, horizon 5
  World& w = r.world;
  CHECK(w.move_cost_factor[w.pair(3, 4)] == Approx(factor));
  w.move_cost_factor[w.pair(3, 4)] = 0.5;  // as a 1+N link would set it
  r.years(3);
  CHECK(w.move_cost_factor[w.pair(3, 4)] == Approx(0.5 * factor));  // applied once, not compounded
  CHECK(w.move_cost_factor[w.pair(4, 3)] == Approx(factor));
}

TEST_CASE(
    "output sharing: fewer subsidies and poaching moves; with the origins' reduced-form resistance, more "
    "moves and less inequality (16 replicates, CRN)",
    "[statistical]") {
  constexpr int kReplicates = 16;
  const ScenarioSpec base = spec_of(false, 50000), sharing = spec_of(true, 50000);
  ScenarioSpec resisting = sharing;  // the reduced form of the origins' resistance, the default until now
  resisting.mechanisms.output_sharing.origin_resistance = 0.3;
  // baseline, sharing (the default: attribution only), resisting
  std::vector<double> theil[3], between[3], top10[3], subsidy[3], poached[3];
  for (std::uint64_t rep = 0; rep < kReplicates; ++rep) {
    test::SteppedRun b(base, 1, rep), s(sharing, 1, rep), r(resisting, 1, rep);
    double moves_b = 0, moves_r = 0;  // relocations between zones over all years
    double poached_run[3] = {0, 0, 0};
    b.to_end([&] {
      moves_b += b.stats.total[relocations];
      poached_run[0] += b.stats.total[total_poaching_moves];
    });
    s.to_end([&] { poached_run[1] += s.stats.total[total_poaching_moves]; });
    r.to_end([&] {
      moves_r += r.stats.total[relocations];
      poached_run[2] += r.stats.total[total_poaching_moves];
    });
    INFO("replicate " << rep);
    // Lower resistance: more enterprises move between zones (measured +636 +- 10 over 2025-2035).
    CHECK(moves_r > moves_b);
    int i = 0;
    for (const test::SteppedRun* x : {&b, &s, &r}) {
      theil[i].push_back(test::gdp_metrics(x->stats).theil_t);
      between[i].push_back(test::gdp_metrics(x->stats).theil_between);
      top10[i].push_back(test::gdp_metrics(x->stats).top10_share);
      subsidy[i].push_back(x->stats.total[total_subsidy]);
      poached[i].push_back(poached_run[i]);
      ++i;
    }
  }
  const test::Paired d_theil = test::paired(theil[1], theil[0]),
                     d_between = test::paired(between[1], between[0]),
                     d_top10 = test::paired(top10[1], top10[0]),
                     d_subsidy = test::paired(subsidy[1], subsidy[0]),
                     d_poached = test::paired(poached[1], poached[0]),
                     r_theil = test::paired(theil[2], theil[0]),
                     r_between = test::paired(between[2], between[0]);
  CAPTURE(d_theil, d_between, d_top10, d_subsidy, d_poached, r_theil, r_between);
  // By default origins resist by deciding (retention offers), and the scheme acts through the governments'
  // valuations (World::attribution): a bidder books only 2 of the 3 years of its horizon of a mover's output
  // (50:50 for K = 2), so subsidy money and targeted offers are worth less to it. Subsidies fall (measured
  // over 32 replicates -49 +- 6 billion CNY in 2035, 11%; no measurable effect when only the tournament saw
  // the attribution) and so do moves on targeted offers (-12 +- 1 over 2025-2035, 13%).
  CHECK(d_subsidy.mean + 3 * d_subsidy.se < 0);
  CHECK(d_subsidy.mean > -0.5 * subsidy[0].front());
  CHECK(d_poached.mean + 3 * d_poached.se < 0);
  // Inequality no longer falls: without the reduced-form resistance, moves between zones barely change
  // (+15 +- 7 of 10,400), and the fewer poaching moves spread less of the leaders' largest enterprises to
  // other zones (measured over 32 replicates: Theil T +0.0052 +- 0.0017, theil_between +0.0043 +- 0.0017,
  // top-10 share +0.0013 +- 0.0006; not resolved by 16). Only its smallness is asserted.
  CHECK(std::abs(d_theil.mean) < 3 * d_theil.se + 0.01);
  CHECK(std::abs(d_between.mean) < 3 * d_between.se + 0.01);
  CHECK(std::abs(d_top10.mean) < 3 * d_top10.se + 0.002);
  // With the reduced form (origin_resistance 0.3: resistance down by 6%), inequality falls as it did: more
  // firms leave the congested leaders for cheaper zones (docs/mechanisms/output_sharing.md: Theil T -0.0084,
  // theil_between -0.0041; measured over 32 replicates -0.0069 +- 0.0012 and -0.0053 +- 0.0012). The bounds
  // are five times the documented effect. The fall of theil_between is 2.9 standard errors over these 16
  // replicates (the targeted offers, which move single large enterprises, make the pairs noisier than
  // before: s.e. 0.0020 against 0.0004), so only its sign's not being positive is asserted.
  CHECK(r_theil.mean + 3 * r_theil.se < 0);
  CHECK(r_theil.mean > -0.04);
  CHECK(r_between.mean < 3 * r_between.se);
  CHECK(r_between.mean > -0.02);
}
