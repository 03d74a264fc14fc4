// Cross-holding (docs/specification.md 5.1): equity edges from advanced to lagging zones, capital in and dividends back,
// no poaching from held zones, the investor's stake in the tournament, and the effect against the baseline,
// paired over replicates under common random numbers.
#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>

#include "core/production.hpp"
#include "core/relocation.hpp"
#include "core/tournament.hpp"
#include "helpers.hpp"
#include "mechanisms/cross_holding/cross_holding.hpp"
#include "stepped_run.hpp"
#include "zonesim/model/statistics.hpp"
#include "zonesim/model/world.hpp"

using namespace zonesim;

namespace {

ScenarioSpec spec_of(bool enabled, std::int64_t count = 5000) {
  ScenarioSpec s = default_scenario();
  s.enterprises.count = count;
  s.mechanisms.cross_holding.enabled = enabled;
  return s;
}

struct Run : test::SteppedRun {
  using SteppedRun::SteppedRun;
  // Active zones by GDP of the year, largest first.
  std::vector<int> ranking() const {
    std::vector<int> order;
    for (int z = 0; z < world.zone_count(); ++z)
      if (world.is_active(z)) order.push_back(z);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return stats.zone[ZoneVar::gdp][a] > stats.zone[ZoneVar::gdp][b]; });
    return order;
  }
};

double sum(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

}  // namespace

TEST_CASE("cross-holding: equity runs from advanced to lagging zones, capital flows in, dividends back") {
  Run r(spec_of(true));
  const CrossHoldingSpec& p = r.spec.mechanisms.cross_holding;
  CHECK(sum(r.world.equity) == 0);                            // the initial state is the zone table's
  const std::vector<double> revenue = r.world.zones.revenue;  // the budget the investors spend from in year 1
  r.years(1);
  const std::vector<int> order = r.ranking();
  const auto n = static_cast<double>(order.size());
  const auto investors = static_cast<std::size_t>(std::lround(p.investor_share * n));
  const auto laggards = static_cast<std::size_t>(std::lround(p.investee_share * n));
  const int Z = r.world.zone_count();
  double planned = 0;
  for (std::size_t i = 0; i < investors; ++i) planned += p.investment_rate * revenue[order[i]];
  const double invested = sum(r.world.equity);
  CHECK(invested == Approx(planned));
  CHECK(sum(r.world.zones.equity_out) == Approx(invested));
  CHECK(sum(r.stats.zone[ZoneVar::equity_in]) == Approx(invested));
  CHECK(r.stats.total[total_external_funds] == Approx(invested));  // no dividends yet
  int edges = 0;
  for (auto [it, end] = boost::edges(r.world.graph); it != end; ++it) {
    const EdgeProps& e = r.world.graph[*it];
    if (e.type != EdgeType::equity) continue;
    ++edges;
    const int a = r.world.graph[boost::source(*it, r.world.graph)].index;
    const int b = r.world.graph[boost::target(*it, r.world.graph)].index;
    const auto rank = [&](int z) {
      return static_cast<std::size_t>(std::find(order.begin(), order.end(), z) - order.begin());
    };
    CHECK(rank(a) < investors);
    CHECK(rank(b) >= order.size() - laggards);
    CHECK(e.weight == Approx(std::min(1.0, r.world.equity[a * Z + b] / r.stats.zone[ZoneVar::gdp][b])));
  }
  CHECK(edges >= static_cast<int>(investors));

  // Year 2: the held equity, depreciated like the capacity it built, pays dividend_rate to the investors.
  const double held = invested * (1 - r.spec.governments.service_depreciation);
  std::vector<std::uint8_t> was_investor(static_cast<std::size_t>(Z), 0);
  for (int z = 0; z < Z; ++z) was_investor[z] = r.world.zones.equity_out[z] > 0;
  r.years(1);
  double dividends = 0;
  for (int z = 0; z < Z; ++z)
    if (was_investor[z]) dividends += r.world.zones.external_funds[z];
  CHECK(dividends == Approx(p.dividend_rate * held));
  CHECK(sum(r.world.equity) > held);  // and new investment came in
}

TEST_CASE("cross-holding moves service capacity from investors to investees; dividends move some back") {
  for (double capital_to_services : {1.0, 2.0}) {
    ScenarioSpec spec = spec_of(false);
    Run r(spec);  // the baseline's initial state, the mechanism called by hand
    spec.mechanisms.cross_holding.enabled = true;
    spec.mechanisms.cross_holding.capital_to_services = capital_to_services;
    CrossHolding m(spec);
    r.world.step = 1;
    const double before = sum(r.world.zones.service_capacity);
    m.run(Phase::governments, r.world, r.stats);
    const double invested = sum(r.world.equity);
    REQUIRE(invested > 0);
    CHECK(sum(r.world.zones.service_capacity) - before ==
          Approx((capital_to_services - 1) * invested).margin(1e-12 * before));
    for (int z = 0; z < r.world.zone_count(); ++z)
      if (r.world.zones.equity_in[z] > 0) CHECK(m.partner(z) == -1);  // investees are not investors
  }
}

TEST_CASE("an investor offers no subsidy to the movers of a zone it holds equity in") {
  ScenarioSpec spec = spec_of(false, 20000);
  spec.relocation.hazard = 1;              // every enterprise considers moving
  spec.relocation.place_anticipation = 1;  // and counts on the whole place advantage: many go to the largest
  Run free(spec), held(spec);
  const int investor = held.ranking().front(), investee = held.ranking().back();
  const int Z = held.world.zone_count();
  held.world.equity[investor * Z + investee] = 1;
  std::array<int, 2> from_investee{}, subsidised{}, from_others_subsidised{};
  int i = 0;
  for (Run* r : {&free, &held}) {
    for (int s = 0; s < kSectorCount; ++s) r->world.zones.subsidy_offer[investor * kSectorCount + s] = 0.3;
    r->world.step = 1;
    r->world.year += 1;
    Production(spec).run(Phase::production, r->world, r->stats);
    Relocation(spec).run(Phase::relocation, r->world, r->stats);
    const Enterprises& f = r->world.enterprises;
    for (std::size_t e = 0; e < f.size(); ++e) {
      if (!f.is(e, Enterprises::alive) || f.move_year[e] != r->world.year || f.zone[e] != investor) continue;
      if (f.origin_zone[e] == investee) {
        ++from_investee[i];
        subsidised[i] += f.subsidy_rate[e] > 0;
      } else {
        from_others_subsidised[i] += f.subsidy_rate[e] > 0;
      }
    }
    ++i;
  }
  REQUIRE(from_investee[0] > 0);
  CHECK(subsidised[0] == from_investee[0]);  // without equity the investor bids for them
  CHECK(subsidised[1] == 0);                 // with equity it does not
  CHECK(from_investee[1] < from_investee[0]);
  CHECK(from_others_subsidised[1] > 0);  // it still bids for other zones' firms
}

TEST_CASE("the tournament counts the investor's stake in the investee's GDP growth as its own") {
  Run r(spec_of(false));
  const int investor = r.ranking().front(), investee = r.ranking().back();
  Tournament plain(r.spec), holding(r.spec);
  plain.run(Phase::governments, r.world, r.stats);  // both remember this year's figures
  holding.run(Phase::governments, r.world, r.stats);
  YearStats next = r.stats;
  // The investee grows.
  for (ZoneVar v : {ZoneVar::gdp, ZoneVar::gdp_attributed}) next.zone[v][investee] *= 1.5;
  plain.run(Phase::governments, r.world, next);
  const double score_plain = r.world.zones.tournament_score[investor];
  r.world.equity[investor * r.world.zone_count() + investee] = next.zone[ZoneVar::gdp][investee];  // stake 1
  holding.run(Phase::governments, r.world, next);
  CHECK(r.world.zones.tournament_score[investor] > score_plain);
}

TEST_CASE("cross-holding lowers concentration and GDP against the baseline (8 replicates, CRN)",
          "[statistical]") {
  // At 20,000 enterprises the fall of Theil T is 3.9 standard errors over 8 replicates; at 50,000 it is 14.
  constexpr int kReplicates = 8;
  const ScenarioSpec base = spec_of(false, 50000), scheme = spec_of(true, 50000);
  std::vector<double> theil[2], top10[2], gdp_total[2];
  for (std::uint64_t rep = 0; rep < kReplicates; ++rep) {
    Run b(base, 1, rep), s(scheme, 1, rep);
    b.to_end();
    s.to_end();
    INFO("replicate " << rep);
    CHECK(s.stats.total[total_external_funds] > 0);
    for (const Run* r : {&b, &s}) {
      const auto i = static_cast<std::size_t>(r == &s);
      theil[i].push_back(test::gdp_metrics(r->stats).theil_t);
      top10[i].push_back(test::gdp_metrics(r->stats).top10_share);
      gdp_total[i].push_back(r->stats.total[total_gdp]);
    }
  }
  const test::Paired d_theil = test::paired(theil[1], theil[0]), d_top10 = test::paired(top10[1], top10[0]),
                     d_gdp = test::paired(gdp_total[1], gdp_total[0]);
  CAPTURE(d_theil, d_top10, d_gdp);
  // Concentration falls, by less than a point: the capital moves service capacity from the top tenth of the
  // zones to the bottom half, a transfer of 5% of the investors' revenue a year (docs/mechanisms/
  // cross_holding.md: top-10 share -0.0036, Theil T -0.0118; measured here on the published zone
  // table -0.0020 +- 0.0002 and -0.0064 +- 0.0006 before governments decided, -0.0037 +- 0.0007 and
  // -0.0117 +- 0.0020 now). The bounds are three times the documented effect.
  CHECK(d_theil.mean + 3 * d_theil.se < 0);
  CHECK(d_theil.mean > -0.04);
  CHECK(d_top10.mean + 3 * d_top10.se < 0);
  CHECK(d_top10.mean > -0.01);
  // Total GDP barely moves: the capacity leaves the large zones, whose firms make most of the output, for
  // small ones (measured before the labour pool -51 +- 7 billion CNY of about 40,000); with the pool binding,
  // the workers the investees' firms hire come from the investors' firms, and the fall is within noise
  // (measured -17 +- 12 of about 50,000; -12 +- 29 with governments that decide). Asserted: within three
  // standard errors plus 0.5% of total GDP.
  CHECK(std::abs(d_gdp.mean) < 3 * d_gdp.se + 0.005 * gdp_total[0].front());
}
