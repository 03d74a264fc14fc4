// Provincial synergy funds (docs/specification.md 5.5): the whole fund is paid each year, shared over provinces by GDP and
// to their lagging zones only; its three parts land as land capacity, services and venture capital; and the
// scheme's effect on the outcome, paired over replicates under common random numbers.
#include <catch2/catch.hpp>
#include <map>
#include <numeric>

#include "helpers.hpp"
#include "mechanisms/synergy_fund/synergy_fund.hpp"
#include "stepped_run.hpp"
#include "zonesim/model/statistics.hpp"
#include "zonesim/model/world.hpp"

using namespace zonesim;

namespace {

ScenarioSpec spec_of(bool enabled, std::int64_t count = 5000) {
  ScenarioSpec s = default_scenario();
  s.enterprises.count = count;
  s.mechanisms.synergy_fund.enabled = enabled;
  return s;
}

double sum(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

}  // namespace

TEST_CASE("synergy fund: the whole fund goes each year to provinces by GDP and, within them, to laggards") {
  test::SteppedRun r(spec_of(true));
  const World& w = r.world;
  const YearStats& stats = r.stats;
  for (int t = 0; t < 3; ++t) {
    const std::vector<double> gdp_before = stats.zone[gdp];  // the fund is shared on last year's GDP
    const std::vector<double> money = synergy_allocation(w, gdp_before, 100, 0.5);
    r.years(1);
    REQUIRE(stats.total[total_external_funds] == Approx(100.0).epsilon(1e-12));
    REQUIRE(stats.zone[external_funds] == money);
    // Per province: money proportional to GDP; equal among recipients; recipients are smaller than the rest.
    std::map<int, std::vector<int>> members;
    for (int z = 0; z < w.zone_count(); ++z)
      if (w.is_active(z)) members[w.table.zones[z].province].push_back(z);
    double province_gdp_total = 0;
    for (auto& [p, zones] : members)
      if (zones.size() > 1)
        for (int z : zones) province_gdp_total += gdp_before[z];
    for (auto& [p, zones] : members) {
      double paid = 0, province_gdp = 0, smallest_other = 1e300, largest_recipient = 0, share = -1;
      for (int z : zones) {
        paid += money[z];
        province_gdp += gdp_before[z];
        if (money[z] > 0) {
          largest_recipient = std::max(largest_recipient, gdp_before[z]);
          if (share >= 0) CHECK(money[z] == Approx(share));
          share = money[z];
        } else {
          smallest_other = std::min(smallest_other, gdp_before[z]);
        }
      }
      if (zones.size() == 1) CHECK(paid == 0);  // no lagging partner in a one-zone province
      if (zones.size() > 1) {
        CHECK(paid == Approx(100 * province_gdp / province_gdp_total));
        CHECK(largest_recipient <= smallest_other);
        CHECK(smallest_other < 1e300);  // the province's largest zone never receives
      }
    }
  }
}

TEST_CASE("synergy fund: development builds land, industry services, venture the year's venture capital") {
  test::SteppedRun r(spec_of(true));
  const ScenarioSpec& spec = r.spec;
  const SynergyFundSpec& fund = spec.mechanisms.synergy_fund;
  World& w = r.world;
  r.years(1);
  const std::vector<double> land = w.zones.land_capacity;
  const std::vector<double> money = synergy_allocation(w, r.stats.zone[gdp], fund.size, fund.lagging_share);
  YearStats last = r.stats;
  r.model<SynergyFund>().run(Phase::production, w,
                             last);  // the production phase of the next year, the fund alone
  for (int z = 0; z < w.zone_count(); ++z) {
    const double km2 = fund.development_share * money[z] / fund.land_cost;
    CHECK(w.zones.land_capacity[z] == Approx(land[z] + km2 * spec.zones.max_density));
    CHECK(w.zones.venture_capital[z] == Approx(fund.venture_share * money[z]).margin(1e-12));
  }
  CHECK(sum(w.zones.venture_capital) == Approx(fund.venture_share * fund.size));
}

TEST_CASE("synergy fund: the laggards' share of GDP rises, concentration falls (8 replicates, CRN)",
          "[statistical]") {
  // Over 8 replicates the fall of the top-10 share is within 2 s.e. at 5,000 or 20,000 enterprises.
  constexpr int kReplicates = 8;
  const ScenarioSpec base = spec_of(false, 50000), fund = spec_of(true, 50000);
  std::vector<double> top10[2], theil[2], share[2];
  for (std::uint64_t rep = 0; rep < kReplicates; ++rep) {
    std::vector<double> recipients;
    for (bool enabled : {false, true}) {
      test::SteppedRun r(enabled ? fund : base, 1, rep);
      // The zones the fund supports in its first year (the same under both, by common random numbers).
      if (recipients.empty()) recipients = synergy_allocation(r.world, r.stats.zone[gdp], 100, 0.5);
      r.to_end();
      double supported = 0;
      for (int z = 0; z < r.world.zone_count(); ++z)
        if (recipients[z] > 0) supported += r.stats.zone[gdp][z];
      const auto i = static_cast<std::size_t>(enabled);
      share[i].push_back(supported / r.stats.total[total_gdp]);
      top10[i].push_back(test::gdp_metrics(r.stats).top10_share);
      theil[i].push_back(test::gdp_metrics(r.stats).theil_t);
    }
  }
  const test::Paired d_top10 = test::paired(top10[1], top10[0]), d_theil = test::paired(theil[1], theil[0]),
                     d_share = test::paired(share[1], share[0]);
  CAPTURE(d_top10, d_theil, d_share);
  // The lagging zones' share of GDP rises (measured on the published zone table: +0.0027 +- 0.0009; it does
  // not rise in every replicate).
  CHECK(d_share.mean - 3 * d_share.se > 0);
  // Lower, and by a few tenths of a point: all of the money goes to the smaller half of each province's
  // zones, where its services raise every firm's output through the place factor and its venture capital
  // raises births (docs/mechanisms/synergy_fund.md: top-10 share -0.0022, Theil T -0.0084 at 100,000
  // enterprises on the synthetic table; measured here on the published one -0.0022 +- 0.0003 and
  // -0.0075 +- 0.0007). The bounds are five times the documented effect.
  CHECK(d_top10.mean + 3 * d_top10.se < 0);
  CHECK(d_top10.mean > -0.01);
  CHECK(d_theil.mean + 3 * d_theil.se < 0);
  CHECK(d_theil.mean > -0.04);
}
