// Provincial synergy funds (MODEL.md 5.5): the whole fund is paid each year, shared over provinces by GDP and
// to their lagging zones only; its three parts land as land capacity, services and venture capital; and the
// scheme changes the outcome under common random numbers.
#include <catch2/catch.hpp>
#include <map>
#include <numeric>

#include "helpers.hpp"
#include "mechanisms/synergy_fund/synergy_fund.hpp"
#include "zonesim/model/model.hpp"
#include "zonesim/model/statistics.hpp"
#include "zonesim/model/step.hpp"
#include "zonesim/model/world.hpp"

using namespace zonesim;

namespace {

ScenarioSpec spec_of(bool enabled, std::uint64_t seed = 1, std::int64_t count = 20000) {
  ScenarioSpec s = default_scenario();
  s.enterprises.count = count;
  s.seed = seed;
  s.mechanisms.synergy_fund.enabled = enabled;
  return s;
}

double sum(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

}  // namespace

TEST_CASE("synergy fund: the whole fund goes each year to provinces by GDP and, within them, to laggards") {
  const ScenarioSpec spec = spec_of(true, 1, 5000);
  World w = build_world(spec, zone_table_for(spec), {1, 0});
  const ModelList models = make_models(spec);
  YearStats stats(w.zone_count());
  observe(w, models, stats);
  for (int t = 0; t < 3; ++t) {
    const std::vector<double> gdp_before = stats.zone[gdp];  // the fund is shared on last year's GDP
    const std::vector<double> money = synergy_allocation(w, gdp_before, 100, 0.5);
    step(w, models, stats);
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
  const ScenarioSpec spec = spec_of(true, 1, 5000);
  const SynergyFundSpec& fund = spec.mechanisms.synergy_fund;
  World w = build_world(spec, zone_table_for(spec), {1, 0});
  const ModelList models = make_models(spec);
  YearStats stats(w.zone_count());
  observe(w, models, stats);
  step(w, models, stats);
  const std::vector<double> land = w.zones.land_capacity;
  const std::vector<double> money = synergy_allocation(w, stats.zone[gdp], fund.size, fund.lagging_share);
  YearStats last = stats;
  for (auto& m : models)  // the production phase of the next year, the fund alone
    if (std::string(m->name()) == "synergy_fund") m->run(Phase::production, w, last);
  for (int z = 0; z < w.zone_count(); ++z) {
    const double km2 = fund.development_share * money[z] / fund.land_cost;
    CHECK(w.zones.land_capacity[z] == Approx(land[z] + km2 * spec.zones.max_density));
    CHECK(w.zones.venture_capital[z] == Approx(fund.venture_share * money[z]).margin(1e-12));
  }
  CHECK(sum(w.zones.venture_capital) == Approx(fund.venture_share * fund.size));
}

TEST_CASE("synergy fund changes the outcome under common random numbers (3 seeds)") {
  for (std::uint64_t seed : {1, 2, 3}) {
    std::vector<double> share(2, 0.0), top10(2, 0.0), theil(2, 0.0);
    std::vector<double> recipients;
    for (bool enabled : {false, true}) {
      const ScenarioSpec spec = spec_of(enabled, seed);
      World w = build_world(spec, zone_table_for(spec), {seed, 0});
      const ModelList models = make_models(spec);
      YearStats stats(w.zone_count());
      observe(w, models, stats);
      // The zones the fund supports in its first year (the same under both, by common random numbers).
      if (recipients.empty()) recipients = synergy_allocation(w, stats.zone[gdp], 100, 0.5);
      for (int t = 0; t < spec.years(); ++t) step(w, models, stats);
      double supported = 0;
      for (int z = 0; z < w.zone_count(); ++z)
        if (recipients[z] > 0) supported += stats.zone[gdp][z];
      const auto i = static_cast<std::size_t>(enabled);
      share[i] = supported / stats.total[total_gdp];
      top10[i] = stats.metric[0].top10_share;
      theil[i] = stats.metric[0].theil_t;
    }
    CHECK(share[1] > share[0]);  // the lagging zones' share of GDP rises
    CHECK(top10[1] != top10[0]);
    CHECK(theil[1] != theil[0]);
  }
}
