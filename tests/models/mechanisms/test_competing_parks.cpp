// competing_parks (docs/specification.md 5.9, seed 000 challenge 3): non-national parks near every zone drain movers;
// direct channel on small worlds and the effect on the outcome under common random numbers.
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>

#include "core/production.hpp"
#include "core/relocation.hpp"
#include "helpers.hpp"
#include "mechanisms/competing_parks/competing_parks.hpp"
#include "stepped_run.hpp"
#include "zonesim/model/statistics.hpp"
#include "zonesim/model/world.hpp"

using namespace zonesim;

namespace {

ScenarioSpec spec_of(bool enabled, std::int64_t count = 20000) {
  ScenarioSpec s = default_scenario();
  s.enterprises.count = count;
  s.mechanisms.competing_parks.enabled = enabled;
  return s;
}

double sum(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

struct Drain {
  double out = 0, in = 0, gone = 0, free_slots = 0;
};

// One year's production, parks' offer and relocation on the observed initial state.
Drain one_year(const ScenarioSpec& spec) {
  test::SteppedRun r(spec);
  World& w = r.world;
  YearStats& stats = r.stats;
  w.step = 1;
  w.year = spec.time.start + 1;
  Production production(spec);
  Relocation relocation(spec);
  production.run(Phase::production, w, stats);
  if (auto parks = make_competing_parks(spec)) parks->run(Phase::production, w, stats);
  const auto alive = static_cast<double>(w.enterprises.alive_count());
  relocation.run(Phase::relocation, w, stats);
  return {sum(w.zones.relocations_out), sum(w.zones.relocations_in),
          alive - static_cast<double>(w.enterprises.alive_count()),
          static_cast<double>(w.enterprises.free_slots.size())};
}

}  // namespace

TEST_CASE("competing_parks: the offer grows by offer_growth a year, within [0, 1]") {
  ScenarioSpec s = spec_of(true);
  const CompetingParks parks(s);
  CHECK(parks.offer_in(1) == Approx(0.3));
  CHECK(parks.offer_in(11) == Approx(0.3 * std::pow(1.02, 10)));
  s.mechanisms.competing_parks.offer_growth = 0.5;
  CHECK(CompetingParks(s).offer_in(10) == 1);
  CHECK(make_competing_parks(spec_of(false)) == nullptr);
  CHECK(build_world(s, zone_table_for(s), {1, 0}).outside_option.offer <
        0);  // no parks until the model says so
}

TEST_CASE("competing_parks: enterprises that go to a park leave the zones and count only as moved out") {
  const Drain none = one_year(spec_of(false));
  CHECK(none.out == none.in);
  CHECK(none.gone == 0);
  const Drain drain = one_year(spec_of(true));
  CHECK(drain.gone > 0);
  CHECK(drain.out - drain.in == drain.gone);  // the drain: out of a zone, into none
  CHECK(drain.free_slots == drain.gone);      // their slots are free for births
}

TEST_CASE("competing_parks: a richer offer or a more attractive park drains more") {
  ScenarioSpec low = spec_of(true), high = spec_of(true), attractive = spec_of(true);
  low.mechanisms.competing_parks.offer = 0.1;
  high.mechanisms.competing_parks.offer = 0.5;
  attractive.mechanisms.competing_parks.offer = 0.1;
  attractive.mechanisms.competing_parks.attractiveness = 1;
  const double g_low = one_year(low).gone, g_high = one_year(high).gone, g_attr = one_year(attractive).gone;
  CHECK(g_high > 2 * g_low);
  CHECK(g_attr > 2 * g_low);
}

TEST_CASE("competing_parks: less GDP, fewer moves and subsidies, more concentration (8 replicates, CRN)",
          "[statistical]") {
  constexpr int kReplicates = 8;
  std::vector<double> gdp_total[2], subsidy[2], theil[2], moves[2];
  for (std::uint64_t rep = 0; rep < kReplicates; ++rep) {
    test::SteppedRun base(spec_of(false), 1, rep), parks(spec_of(true), 1, rep);
    base.to_end();
    parks.to_end();
    for (const test::SteppedRun* r : {&base, &parks}) {
      const auto i = static_cast<std::size_t>(r == &parks);
      gdp_total[i].push_back(r->stats.total[total_gdp]);
      subsidy[i].push_back(r->stats.total[total_subsidy]);
      theil[i].push_back(test::gdp_metrics(r->stats).theil_t);
      moves[i].push_back(r->stats.total[relocations]);
    }
  }
  const test::Paired d_gdp = test::paired(gdp_total[1], gdp_total[0]),
                     d_subsidy = test::paired(subsidy[1], subsidy[0]),
                     d_theil = test::paired(theil[1], theil[0]), d_moves = test::paired(moves[1], moves[0]);
  CAPTURE(d_gdp, d_subsidy, d_theil, d_moves);
  // Moves between zones are fewer (some movers go to the parks instead: measured -46 +- 5 of about 390 in
  // 2035).
  CHECK(d_moves.mean + 3 * d_moves.se < 0);
  // The subsidies the zones pay barely fall (measured over 32 replicates -13 +- 7 of 355 billion CNY in 2035,
  // -69 +- 22 of 2,162 over 2025-2035), which 8 replicates do not resolve: the subsidy budget is now each
  // government's decision, and the posted rate is what that budget pays on the subsidised output and the
  // newcomers it plans for (models/core/governments.cpp), so fewer movers leave a higher rate for the others
  // rather than money unspent; subsidies to movers, targeted offers included, fall by 5% (-61 +- 17 of 1,158
  // over 2025-2035) while moves between zones fall by 11%. Asserted: not more subsidies, and at most 10% fewer.
  CHECK(d_subsidy.mean < 3 * d_subsidy.se);
  CHECK(d_subsidy.mean > -3 * d_subsidy.se - 0.1 * subsidy[0].front());
  // Concentration RISES: on the published zone table, with movers counting on little of a destination's place
  // advantage (docs/calibration.md), moves between zones mostly go from the crowded, dear leading zones to
  // cheaper ones, so the parks drain a flow that spread activity (docs/mechanisms/competing_parks.md; on the
  // synthetic table, where movers went to the leaders, it fell): +0.019 +- 0.002 in Theil T (+0.0186 +-
  // 0.0016 over 32 replicates with governments that decide). Total GDP falls, by about 0.9% (the firms that
  // leave for the parks no longer count, but their workers go to the zones' other firms while the labour pool
  // binds): -448 +- 32 of about 49,800 over 32 replicates (-345 +- 40 of 49,000 before governments decided,
  // -910 +- 36 of 39,000 before the pool).
  CHECK(d_theil.mean - 3 * d_theil.se > 0);
  CHECK(d_gdp.mean + 3 * d_gdp.se < -0.003 * gdp_total[0].front());
  CHECK(d_gdp.mean > -0.1 * gdp_total[0].front());
}
