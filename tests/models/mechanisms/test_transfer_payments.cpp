// Transfer payments (docs/specification.md 5.4): the province compensates the zone that loses enterprises to a partner and
// funds each co-built project; without partners (no 1+N, no cross-holding) nothing is paid and nothing
// changes; on top of 1+N, the effect on the outcome paired over replicates under common random numbers.
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>

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

}  // namespace

TEST_CASE("transfer payments alone pay nothing and change nothing: there are no partners") {
  Run alone(spec_of(5000, true, false)), base(spec_of(5000, false, false));
  alone.years(3);
  base.years(3);
  CHECK(partner_pairs(alone.world).empty());
  CHECK(alone.stats.total[total_external_funds] == 0);
  CHECK(alone.stats.total[total_gdp] == base.stats.total[total_gdp]);
  CHECK(test::gdp_metrics(alone.stats).theil_t == test::gdp_metrics(base.stats).theil_t);
}

TEST_CASE("the province funds each linked pair and compensates the revenue lost to a partner") {
  ScenarioSpec spec = spec_of(20000, true, true);
  spec.mechanisms.transfer_payments.compensation_years = 1;  // this year's movers: World::moved_output
  spec.relocation.hazard = 0.1;                              // enough movers between partners
  Run r(spec);
  const std::size_t pairs = partner_pairs(r.world).size();
  CHECK(pairs > 50);  // the 1+N links, each pair once (three cooperation edges per link)
  r.years(2);
  const TransferPaymentsSpec& p = spec.mechanisms.transfer_payments;
  const int Z = r.world.zone_count();
  double lost = 0;
  for (const auto& [a, b] : partner_pairs(r.world))
    lost += r.world.moved_output[a * Z + b] + r.world.moved_output[b * Z + a];
  REQUIRE(lost > 0);
  CHECK(r.transfers().compensation_paid() == Approx(p.compensation_rate * spec.governments.tax_rate * lost));
  CHECK(r.transfers().project_funding_paid() == Approx(p.project_funding * static_cast<double>(pairs)));
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
  r.years(1);
  const std::size_t pairs = partner_pairs(r.world).size();
  CHECK(pairs > 10);
  CHECK(r.transfers().project_funding_paid() ==
        Approx(r.spec.mechanisms.transfer_payments.project_funding * pairs));
}

TEST_CASE("transfer payments on top of 1+N against 1+N alone: less inequality, more GDP (8 replicates, CRN)",
          "[statistical]") {
  // Over 8 replicates the fall of the top-10 share is 2.2 s.e. at 20,000 enterprises, 5.6 at 50,000.
  constexpr int kReplicates = 8;
  const ScenarioSpec alone = spec_of(50000, false, true), on_top = spec_of(50000, true, true);
  std::vector<double> between[2], top10[2], gdp_total[2];
  for (std::uint64_t rep = 0; rep < kReplicates; ++rep) {
    Run a(alone, 1, rep), t(on_top, 1, rep);
    a.to_end();
    t.to_end();
    INFO("replicate " << rep);
    CHECK(t.stats.total[total_external_funds] > 60);  // 66 linked pairs at 1 billion each, compensation
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
  // Inequality falls, most between provinces: every network gets the same project funding per link, whatever
  // its province's size, and it builds services in leaders and members alike; compensation (about 5 billion a
  // year) does next to nothing (docs/mechanisms/transfer_payments.md: theil_between -0.0043, top-10 share
  // -0.0011 on the synthetic table; measured here on the published one -0.0032 +- 0.0004 and
  // -0.0009 +- 0.0004). The top-10 share no longer falls by three standard errors: it must not rise.
  CHECK(d_between.mean + 3 * d_between.se < 0);
  CHECK(d_between.mean > -0.02);
  CHECK(d_top10.mean + 3 * d_top10.se < 0.001);
  CHECK(d_top10.mean > -0.006);
  // Total GDP RISES: the 71 billion a year of services the province adds raise its firms' output through the
  // place factor, whose references are fixed at the first year (models/core/production.cpp), so services
  // added anywhere are a real gain. docs/mechanisms/transfer_payments.md reports a fall (-27 billion) and
  // explains it by references that move with the mean over zones; that table was measured on an older
  // baseline (total GDP 43,160). With the current model and the published zone table: +133 +- 8 here. The
  // bound is 1% of total GDP.
  CHECK(d_gdp.mean - 3 * d_gdp.se > 0);
  CHECK(d_gdp.mean < 0.01 * gdp_total[0].front());
}
