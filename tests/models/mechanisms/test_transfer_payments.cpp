// Transfer payments (docs/specification.md 5.4): the province compensates the zone that loses enterprises to a partner and
// funds each co-built project; alone (no 1+N, no cross-holding) it pays along the agreements the zones make
// themselves, and the funding makes them accept more of them; on top of 1+N, the effect on the outcome
// paired over replicates under common random numbers.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>

#include "core/cooperation.hpp"
#include "core/valuation.hpp"
#include "helpers.hpp"
#include "mechanisms/transfer_payments/transfer_payments.hpp"
#include "stepped_run.hpp"
#include "zonesim/model/statistics.hpp"
#include "zonesim/model/world.hpp"

using namespace zonesim;

namespace {

ScenarioSpec spec_of(std::int64_t count, bool transfers, bool one_plus_n, bool cross_holding = false) {
  ScenarioSpec s = default_scenario();
  s.enterprises.count = count;
  s.mechanisms.transfer_payments.enabled = transfers;
  s.mechanisms.one_plus_n.enabled = one_plus_n;
  s.mechanisms.cross_holding.enabled = cross_holding;
  return s;
}

struct Run : test::SteppedRun {
  using SteppedRun::SteppedRun;
  const TransferPayments& transfers() const { return model<TransferPayments>(); }
};

double sum(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

using Pairs = std::vector<std::pair<int, int>>;

// The pairs of zones (lower index first) linked by edges of one type.
Pairs pairs_of(const World& w, EdgeType type) {
  Pairs pairs;
  for (auto [it, end] = boost::edges(w.graph); it != end; ++it) {
    if (w.graph[*it].type != type) continue;
    const int a = w.graph[boost::source(*it, w.graph)].index, b = w.graph[boost::target(*it, w.graph)].index;
    pairs.emplace_back(std::min(a, b), std::max(a, b));
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  return pairs;
}

// The pairs of the cooperation agreements in force.
Pairs agreed_pairs(const Run& r) {
  Pairs pairs;
  for (const Cooperation::Agreement& a : r.model<Cooperation>().agreements())
    pairs.emplace_back(std::min(a.leader, a.member), std::max(a.leader, a.member));
  std::sort(pairs.begin(), pairs.end());
  return pairs;
}

Pairs merged(Pairs a, const Pairs& b) {
  a.insert(a.end(), b.begin(), b.end());
  std::sort(a.begin(), a.end());
  a.erase(std::unique(a.begin(), a.end()), a.end());
  return a;
}

}  // namespace

TEST_CASE("transfer payments alone pay along the zones' own agreements, and make them accept more") {
  // Zones make cooperation agreements with their nearest neighbours (models/core/cooperation.cpp), so the
  // province has partners to pay even without 1+N or cross-holding. It pays in the governments phase before
  // the zones agree for the next year: along the agreements in force since last year.
  Run alone(spec_of(5000, true, false)), base(spec_of(5000, false, false));
  const TransferPaymentsSpec& p = alone.spec.mechanisms.transfer_payments;
  for (int t = 0; t < 3; ++t) {
    const Pairs pairs = partner_pairs(alone.world);
    CHECK(pairs == agreed_pairs(alone));  // every agreement links its pair with cooperation edges
    REQUIRE_FALSE(pairs.empty());
    alone.years(1);
    base.years(1);
    CHECK(alone.transfers().project_funding_paid() ==
          Approx(p.project_funding * static_cast<double>(pairs.size())));
    CHECK(alone.stats.total[total_external_funds] ==
          Approx(alone.transfers().compensation_paid() + alone.transfers().project_funding_paid()));
    CHECK(base.stats.total[total_external_funds] == 0);
  }
  // The channel: the funding the zones count on (World::cooperation_terms) adds half the project funding a
  // year to each side's gain from an agreement, over min(horizon, term) years.
  const Cooperation& cooperation = base.model<Cooperation>();
  REQUIRE_FALSE(cooperation.agreements().empty());
  const ZoneValues values = value_zones(base.world, base.stats, base.spec);
  World funded = base.world;
  funded.cooperation_terms.project_funding = p.project_funding;
  const double years = std::min(base.spec.governments.horizon, base.spec.cooperation.term);
  for (const Cooperation::Agreement& a : cooperation.agreements()) {
    const Cooperation::Gains without = cooperation.gains(base.world, base.stats, values, a.terms, true),
                             with = cooperation.gains(funded, base.stats, values, a.terms, true);
    CHECK(with.leader - without.leader == Approx(years * 0.5 * p.project_funding));
    CHECK(with.member - without.member == Approx(years * 0.5 * p.project_funding));
  }
  // ... which is five times an agreement's running cost to each side (cooperation.cost 0.2 a year, split
  // equally): nearly every candidate pair agrees at once (measured after three years: 339 agreements against
  // 63 without the payments).
  const std::size_t with_payments = alone.model<Cooperation>().agreements().size(),
                    without_payments = cooperation.agreements().size();
  CAPTURE(with_payments, without_payments);
  CHECK(with_payments > 2 * without_payments);
}

TEST_CASE("the province funds each linked pair and compensates the revenue lost to a partner") {
  ScenarioSpec spec = spec_of(20000, true, true);
  spec.mechanisms.transfer_payments.compensation_years = 1;  // this year's movers: World::moved_output
  spec.relocation.hazard = 0.1;                              // enough movers between partners
  Run r(spec);
  r.years(1);
  // The pairs it pays for in the next year: the agreements in force, 1+N links the zones accepted and their
  // own (each pair once, three cooperation edges per agreement).
  const Pairs pairs = partner_pairs(r.world);
  CHECK(pairs == agreed_pairs(r));
  CHECK(pairs.size() > 200);  // measured 360
  r.years(1);
  const TransferPaymentsSpec& p = spec.mechanisms.transfer_payments;
  const int Z = r.world.zone_count();
  double lost = 0;
  for (const auto& [a, b] : pairs) lost += r.world.moved_output[a * Z + b] + r.world.moved_output[b * Z + a];
  REQUIRE(lost > 0);
  CHECK(r.transfers().compensation_paid() == Approx(p.compensation_rate * spec.governments.tax_rate * lost));
  CHECK(r.transfers().project_funding_paid() ==
        Approx(p.project_funding * static_cast<double>(pairs.size())));
  CHECK(r.stats.total[total_external_funds] ==
        Approx(r.transfers().compensation_paid() + r.transfers().project_funding_paid()));
  CHECK(sum(r.stats.zone[ZoneVar::external_funds]) == Approx(sum(r.world.zones.external_funds)));
}

TEST_CASE("compensation runs for compensation_years after a move") {
  ScenarioSpec one = spec_of(20000, true, true), three = one;
  three.mechanisms.transfer_payments.compensation_years = 3;
  one.mechanisms.transfer_payments.compensation_years = 1;
  Run a(one), b(three);
  a.years(1);
  b.years(1);
  CHECK(b.transfers().compensation_paid() == a.transfers().compensation_paid());  // the same movers in year 1
  a.years(3);
  b.years(3);
  CHECK(b.transfers().compensation_paid() > 1.5 * a.transfers().compensation_paid());
}

TEST_CASE("equity links of cross-holding count as co-built projects") {
  Run r(spec_of(5000, true, false, true));
  // Paid in the year: the agreements in force since last year and the equity links, this year's included
  // (cross-holding invests before the province pays; the zones agree after it).
  const Pairs agreed = pairs_of(r.world, EdgeType::cooperation);
  r.years(1);
  const Pairs equity = pairs_of(r.world, EdgeType::equity);
  CHECK(equity.size() > 10);
  const Pairs paid = merged(agreed, equity);
  CHECK(r.transfers().project_funding_paid() ==
        Approx(r.spec.mechanisms.transfer_payments.project_funding * static_cast<double>(paid.size())));
}

TEST_CASE("transfer payments on top of 1+N against 1+N alone: less inequality, more GDP (8 replicates, CRN)",
          "[statistical]") {
  constexpr int kReplicates = 8;
  const ScenarioSpec alone = spec_of(50000, false, true), on_top = spec_of(50000, true, true);
  std::vector<double> between[2], top10[2], gdp_total[2];
  for (std::uint64_t rep = 0; rep < kReplicates; ++rep) {
    Run a(alone, 1, rep), t(on_top, 1, rep);
    a.to_end();
    t.to_end();
    INFO("replicate " << rep);
    // About 350 agreements in force at 1 billion each, and compensation (measured 366 +- 1 in 2035).
    CHECK(t.stats.total[total_external_funds] > 300);
    for (const Run* r : {&a, &t}) {
      const auto i = static_cast<std::size_t>(r == &t);
      between[i].push_back(test::gdp_metrics(r->stats).theil_between);
      top10[i].push_back(test::gdp_metrics(r->stats).top10_share);
      gdp_total[i].push_back(r->stats.total[total_gdp]);
    }
  }
  const test::Paired d_between = test::paired(between[1], between[0]),
                     d_top10 = test::paired(top10[1], top10[0]),
                     d_gdp = test::paired(gdp_total[1], gdp_total[0]);
  CAPTURE(d_between, d_top10, d_gdp);
  // Inequality falls, most between provinces: every agreement gets the same project funding, whatever its
  // partners' size, and it builds services in leaders and members alike. While the payments went to the 66
  // imposed 1+N links only (71 billion a year), the effect was small (docs/mechanisms/transfer_payments.md:
  // theil_between -0.0043, top-10 share -0.0011 on the synthetic table; -0.0032 +- 0.0004 and
  // -0.0009 +- 0.0004 on the published one). Now the province pays along every agreement in force, the
  // zones' own included, and its funding makes the zones accept more of them (about 350 in 2035 against 230
  // with 1+N alone): measured over 32 replicates -0.0258 +- 0.0013 and -0.0156 +- 0.0005, both well
  // resolved. The bounds are three times that.
  CHECK(d_between.mean + 3 * d_between.se < 0);
  CHECK(d_between.mean > -0.08);
  CHECK(d_top10.mean + 3 * d_top10.se < 0);
  CHECK(d_top10.mean > -0.05);
  // Total GDP RISES: the services the province's money builds raise its firms' output through the place
  // factor, whose references are fixed at the first year (models/core/production.cpp), so services added
  // anywhere are a real gain (+133 +- 8 when it paid the 1+N links only; now +936 +- 17 over 32 replicates,
  // 1.9% of total GDP, for 366 billion a year). The bound is 5% of total GDP.
  CHECK(d_gdp.mean - 3 * d_gdp.se > 0);
  CHECK(d_gdp.mean < 0.05 * gdp_total[0].front());
}
