// The economy's markets and limits (docs/model.md, "Markets and limits"): each channel on a small world, and
// the effects that need replicates ([statistical]).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>

#include "core/innovation.hpp"
#include "core/talent.hpp"
#include "helpers.hpp"
#include "stepped_run.hpp"
#include "zonesim/model/statistics.hpp"
#include "zonesim/model/world.hpp"
#include "zonesim/run.hpp"

using namespace zonesim;

namespace {

ScenarioSpec spec_of(std::int64_t count, int end = 2030) {
  ScenarioSpec s = default_scenario();
  s.enterprises.count = count;
  s.time.end = end;
  return s;
}

double sum(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

// The zone with the smallest GDP among the active ones.
int smallest_zone(const World& w) {
  int best = -1;
  for (int z = 0; z < w.zone_count(); ++z)
    if (w.is_active(z) && (best < 0 || w.table.zones[z].gdp < w.table.zones[best].gdp)) best = z;
  return best;
}

}  // namespace

TEST_CASE("labour: the zones never employ more than the pool, which grows at its documented rate") {
  test::SteppedRun r(spec_of(20000));
  double last_pool = 0;
  r.to_end([&] {
    const double employed = sum(r.stats.zone[employment]), pool = r.stats.total[labour_pool];
    CHECK(employed <= pool * (1 + 1e-6));
    if (last_pool > 0) {
      const double growth = r.spec.labour.pool_growth + r.spec.labour.pool_growth_slope * (r.world.step - 1);
      CHECK(pool / last_pool - 1 == Approx(growth).margin(1e-9));
    }
    last_pool = pool;
  });
}

TEST_CASE("labour: when enterprises want more workers than the pool holds, the wage index rises") {
  ScenarioSpec s = spec_of(20000, 2027);
  s.production.employment_trend = 0.15;  // every enterprise wants 15% more workers a year
  test::SteppedRun r(s);
  r.to_end([&] { CHECK(sum(r.stats.zone[employment]) == Approx(r.stats.total[labour_pool]).epsilon(1e-5)); });
  CHECK(r.stats.total[wage_index] > 1.1);
}

TEST_CASE("talent: a talent programme draws R&D personnel from other zones; the national pool is conserved") {
  ScenarioSpec s = spec_of(20000, 2027);
  // The governments hold the initial split of their budgets (no talent programmes of their own,
  // governments.talent_share 0), so that this top-up is the only programme anywhere; with their own
  // programmes on, the zone has one in the baseline too (a fifth of this one, measured) and the rise is 18%.
  s.governments.budget_adjustment = 0;
  test::SteppedRun base(s), programme(s);
  const int z = smallest_zone(base.world);
  // The smallest zone tops up its researchers' pay by as much as their pay (salary * staff), every year.
  const double money = base.world.zones.rnd_personnel[z] * s.talent.salary;
  base.to_end();
  programme.to_end([&] { programme.world.zones.talent_programme[z] = money; });
  const auto& here = programme.stats.zone[rnd_personnel];
  const auto& there = base.stats.zone[rnd_personnel];
  // Pay topped up by up to 100% (less as the staff grows) with a logit weight of 3, against demand falling as
  // 1 / wage: at most 2^(3/4) = 1.68 times the researchers (measured 1.35).
  CHECK(here[z] > 1.25 * there[z]);
  CHECK(here[z] < 1.7 * there[z]);
  double others_with = 0, others_without = 0;
  for (int k = 0; k < base.world.zone_count(); ++k)
    if (k != z) others_with += here[k], others_without += there[k];
  CHECK(others_with < others_without);  // drawn from the other zones (and the outside)
  CHECK(programme.stats.total[talent_pool] == base.stats.total[talent_pool]);
  CHECK(sum(here) <= programme.stats.total[talent_pool]);
  CHECK(programme.world.zones.talent_wage[z] <
        base.world.zones.talent_wage[z]);  // the zone's market is looser
}

TEST_CASE("talent: R&D personnel never exceed the cap of a zone's employment, and scarce talent costs more") {
  ScenarioSpec steady = spec_of(20000, 2030), s = steady;
  s.talent.pool_growth = -0.05;  // a shrinking national pool
  test::SteppedRun r(s), base(steady);
  r.to_end([&] {
    for (int z = 0; z < r.world.zone_count(); ++z)
      CHECK(r.stats.zone[rnd_personnel][z] <= s.talent.max_share * r.stats.zone[employment][z] * (1 + 1e-6));
  });
  base.to_end();
  const auto mean = [](const World& w, const std::vector<double>& v) {
    double m = 0;
    for (int z = 0; z < w.zone_count(); ++z) m += v[static_cast<std::size_t>(z)] / w.zone_count();
    return m;
  };
  const double wage = mean(r.world, r.world.zones.talent_wage),
               input = mean(r.world, r.world.zones.rnd_input_ratio),
               wage_steady = mean(base.world, base.world.zones.talent_wage),
               input_steady = mean(base.world, base.world.zones.rnd_input_ratio);
  CAPTURE(wage, input, wage_steady, input_steady);
  // Against the same run with the default pool: talent pay rises (measured 1.042 against 0.895) and each
  // yuan of R&D buys less research (0.981 against 1.059). Against the economy's pay the talent wage is no
  // longer far above 1 (it was 1.20 before governments decided): the zones' own talent programmes top up the
  // researchers' pay, which lowers the wage the firms pay (models/core/talent.cpp).
  CHECK(wage > 1.1 * wage_steady);
  CHECK(input < 0.95 * input_steady);
}

TEST_CASE("sector demand: an overbuilt sector's price and margins fall and its exits rise") {
  ScenarioSpec s = spec_of(20000, 2028), shrinking = s;
  shrinking.sectors.hot_demand_growth = -0.15;  // the hot sectors' demand shrinks against the rest
  test::SteppedRun base(s), over(shrinking);
  auto hot = [](int k) { return is_hot_sector(static_cast<Sector>(k)); };
  // The hot sectors' mean profit margin (profit / output over their enterprises).
  auto margin = [&](const World& w) {
    double profit = 0, output = 0;
    const Enterprises& f = w.enterprises;
    for (std::size_t e = 0; e < f.size(); ++e)
      if (f.is(e, Enterprises::alive) && hot(static_cast<int>(f.sector[e])))
        profit += f.profit[e], output += f.output[e];
    return profit / output;
  };
  // The hot sectors' exits per living enterprise, summed over the years; their margin in the second year
  // (the first with a price below 1, before losses have thinned them out).
  auto follow = [&](test::SteppedRun& r, double& rate, double& second_year_margin) {
    rate = 0;
    r.to_end([&] {
      double exits = 0, firms = 0;
      for (int k = 0; k < kSectorCount; ++k)
        if (hot(k)) exits += r.stats.sector[sector_exits][k], firms += r.stats.sector[sector_firms][k];
      rate += exits / firms;
      if (r.world.step == 2) second_year_margin = margin(r.world);
    });
  };
  double rate_base = 0, rate_over = 0, margin_base = 0, margin_over = 0;
  follow(base, rate_base, margin_base);
  follow(over, rate_over, margin_over);
  CAPTURE(rate_base, rate_over, margin_base, margin_over);
  for (int k = 0; k < kSectorCount; ++k)
    if (hot(k)) {  // supply share about (1/0.85)^3 of the demand share: price about 0.85^(3/2) = 0.78
      CHECK(over.stats.sector[sector_price][k] < 0.9);
      CHECK(over.stats.sector[sector_price][k] < base.stats.sector[sector_price][k] - 0.1);
    }
  CHECK(margin_over < margin_base - 0.03);  // price 8% lower in the second year, margin about 0.07 lower
  CHECK(rate_over > 1.05 * rate_base);      // losses: more of the hot sectors' enterprises exit
  // The hot sectors' share of output falls.
  auto hot_share = [&](const YearStats& y) {
    double h = 0, all = 0;
    for (int k = 0; k < kSectorCount; ++k) (hot(k) ? h : all) += y.sector[sector_gdp][k];
    return h / (h + all);
  };
  CHECK(hot_share(over.stats) < hot_share(base.stats) - 0.02);
}

TEST_CASE("public money: total public cost adds subsidies and every scheme's money") {
  ScenarioSpec s = spec_of(20000, 2027);
  s.mechanisms.synergy_fund.enabled = true;
  s.mechanisms.central_pilot.enabled = true;
  test::SteppedRun r(s);
  while (r.years_left() > 0) {
    // The agreements' running costs that Fiscal pays this year are those recorded last year (Cooperation
    // runs after Fiscal): each zone's own part, and the province's part (0 here: no 1+N guidance).
    const double own_cost = sum(r.world.zones.agreement_cost), support = sum(r.world.zones.agreement_support);
    r.years(1);
    const double schemes = r.stats.total[total_public_cost] - r.stats.total[total_subsidy];
    // The fund's size and the pilots' money, a year each (both spend all of it) ...
    const double expected =
        s.mechanisms.synergy_fund.size + s.mechanisms.central_pilot.amount * s.mechanisms.central_pilot.zones;
    // ... and what the governments decided besides subsidies: talent programmes and the zones' own parts of
    // their agreements' costs (earmarked: budget_cooperation).
    const double talent = sum(r.stats.zone[budget_talent]),
                 cooperation = sum(r.stats.zone[budget_cooperation]);
    CAPTURE(r.world.year, schemes, expected, talent, cooperation, support);
    CHECK(cooperation == Approx(own_cost).epsilon(1e-9));
    CHECK(support == 0);
    CHECK(schemes == Approx(expected + talent + cooperation + support).epsilon(1e-9));
    CHECK(r.stats.total[total_public_cost] == Approx(sum(r.stats.zone[public_cost])).epsilon(1e-12));
  }
}

TEST_CASE("public money: a subsidy that only draws firms into one zone leaves national output unchanged") {
  const ScenarioSpec s = spec_of(20000, 2028);
  test::SteppedRun base(s), bidder(s);
  const int z = smallest_zone(base.world);
  // The smallest zone offers every sector the highest offer, every year, and can pay it.
  auto bid = [&] {
    for (int k = 0; k < kSectorCount; ++k)
      bidder.world.zones
          .subsidy_offer[static_cast<std::size_t>(z) * kSectorCount + static_cast<std::size_t>(k)] =
          s.governments.max_offer;
    bidder.world.zones.subsidy_share[static_cast<std::size_t>(z)] = 1;
  };
  bid();
  double moved_base = 0, moved_bid = 0;
  base.to_end([&] { moved_base += base.stats.zone[relocations_in][z]; });
  bidder.to_end([&] {
    moved_bid += bidder.stats.zone[relocations_in][z];
    bid();
  });
  CAPTURE(moved_base, moved_bid);
  CHECK(moved_bid > moved_base + 20);                                // it draws movers ...
  CHECK(bidder.stats.zone[gdp][z] > 1.2 * base.stats.zone[gdp][z]);  // ... and grows on them
  // ... which the pool's workers and the other zones' output pay for: national output is unchanged within
  // 0.3% (measured: 32 movers in against 6, the zone's GDP 3.4 times its baseline, national GDP -0.06%).
  CHECK(bidder.stats.total[total_gdp] == Approx(base.stats.total[total_gdp]).epsilon(0.003));
}

TEST_CASE("infrastructure: development spending in a small zone raises its output") {
  const ScenarioSpec s = spec_of(20000, 2027);
  test::SteppedRun base(s), developed(s);
  const int z = smallest_zone(base.world);
  // Doubling the zone's infrastructure stock once (after the first year, in which production calibrates the
  // initial enterprises to their observed output): output rises by about 2^0.08 - 1 = 5.7% at once for the
  // enterprises tied to place, 1.7% for the digital ones (tie 0.3); measured 3.8% for the zone.
  base.years(1);
  developed.years(1);
  developed.world.zones.infrastructure[static_cast<std::size_t>(z)] *= 2;
  base.years(1);
  developed.years(1);
  const double gain = developed.stats.zone[gdp][z] / base.stats.zone[gdp][z] - 1;
  CHECK(gain > 0.03);
  CHECK(gain < 0.06);
}

TEST_CASE("energy: the initial year is calibrated to the 2025 targets; CO2 intensity falls about 4% a year") {
  test::SteppedRun r(spec_of(50000, 2030));
  r.years(1);  // 2025
  CHECK(r.stats.total[mean_energy_intensity] == Approx(0.4).epsilon(0.03));
  std::vector<double> zones;
  for (int z = 0; z < r.world.zone_count(); ++z)
    if (r.stats.zone[industrial_gdp][z] > 0) zones.push_back(r.stats.zone[energy_intensity][z]);
  std::nth_element(zones.begin(), zones.begin() + static_cast<long>(zones.size() / 2), zones.end());
  CHECK(zones[zones.size() / 2] == Approx(0.3).epsilon(0.05));
  const double co2_2025 = r.stats.total[mean_co2_intensity];
  r.to_end();
  const double yearly = std::pow(r.stats.total[mean_co2_intensity] / co2_2025, 1.0 / 5) - 1;
  CHECK(yearly < -0.03);
  CHECK(yearly > -0.05);
  // Industrial value added is about half of the zones' GDP (9.8 of 19.3 trillion in 2024).
  CHECK(r.stats.total[total_industrial_gdp] / r.stats.total[total_gdp] == Approx(0.508).margin(0.05));
}

TEST_CASE("classes: the sample holds the zones' little giants and unicorns scaled to it, by their rules") {
  const ScenarioSpec s = spec_of(50000, 2025);
  test::SteppedRun r(s);
  r.years(1);
  const double sample = static_cast<double>(s.enterprises.count) / s.classes.represented;
  // Exact when the classes are set (innovation phase); the year's record comes after exits, so a few less.
  CHECK(sum(r.stats.zone[little_giants]) == Approx(s.classes.little_giants * sample).epsilon(0.05));
  CHECK(sum(r.stats.zone[unicorns]) == Approx(s.classes.unicorns * sample).epsilon(0.1));
  const Enterprises& f = r.world.enterprises;
  for (std::size_t e = 0; e < f.size(); ++e) {
    if (!f.is(e, Enterprises::alive)) continue;
    if (f.is(e, Enterprises::little_giant)) {
      CHECK(is_industrial_sector(f.sector[e]));
      CHECK(f.employment[e] < s.classes.sme_max_employment);
      CHECK(f.rnd_intensity[e] >= s.enterprises.hightech_rnd_threshold);
    }
    if (f.is(e, Enterprises::unicorn)) CHECK(f.age[e] <= s.classes.unicorn_max_age);
  }
}

TEST_CASE("one knowledge convention: knowledge given to one zone takes nothing from another's innovation") {
  const ScenarioSpec s = spec_of(20000);
  test::SteppedRun r(s);
  r.years(1);
  World a = r.world, b = r.world;
  const int z = smallest_zone(a);
  b.zones.patent_stock[static_cast<std::size_t>(z)] *= 10;
  Innovation ia(s), ib(s);
  ia.run(Phase::innovation, a, r.stats);
  ib.run(Phase::innovation, b, r.stats);
  CHECK(b.zones.patents[z] >= a.zones.patents[z]);
  for (int k = 0; k < a.zone_count(); ++k)
    if (k != z) REQUIRE(b.zones.patents[k] == a.zones.patents[k]);
}

TEST_CASE("no discontinuity: the 2035 top-10 share moves smoothly with governments.subsidy_share") {
  ScenarioSpec s = spec_of(20000, 2035);
  std::vector<double> top10;
  for (int i = 90; i <= 100; ++i) {
    s.governments.subsidy_share = i / 100.0;
    const RunResult r = simulate(s, zone_table_for(s), {1, 0}, make_models(s));
    top10.push_back(r.years.back().metric[0].top10_share);
  }
  CAPTURE(top10);
  for (std::size_t i = 1; i < top10.size(); ++i) CHECK(std::abs(top10[i] - top10[i - 1]) <= 0.01);
}

TEST_CASE("the long run stays sane: a 2024-2060 baseline keeps every market in its band") {
  ScenarioSpec s = spec_of(20000, 2060);
  test::SteppedRun r(s);
  double last_gdp = sum(r.stats.zone[gdp]), last_emp = sum(r.stats.zone[employment]);
  r.to_end([&] {
    const YearStats& y = r.stats;
    const double g = sum(y.zone[gdp]), e = sum(y.zone[employment]);
    INFO("year " << y.year);
    CHECK(e <= y.total[labour_pool] * (1 + 1e-6));
    CHECK(std::log(e / last_emp) > -0.05);  // employment: -5% .. +8% a year (docs/model.md)
    CHECK(std::log(e / last_emp) < 0.08);
    CHECK(std::log(g / last_gdp) > -0.05);  // nominal GDP: -5% .. +20% a year
    CHECK(std::log(g / last_gdp) < 0.20);
    CHECK(y.total[wage_index] > 0.5);
    CHECK(y.total[wage_index] < 2.0);
    std::vector<double> wages;
    for (int z = 0; z < r.world.zone_count(); ++z) {
      if (!r.world.is_active(z)) continue;
      CHECK(y.zone[rnd_personnel][z] <= s.talent.max_share * y.zone[employment][z] * (1 + 1e-6));
      CHECK(y.zone[talent_wage][z] > 0.2);
      CHECK(y.zone[talent_wage][z] < 5.0);
      CHECK(y.zone[occupancy][z] < 5.0);
      wages.push_back(y.zone[wage][z]);
    }
    std::sort(wages.begin(), wages.end());
    CHECK(wages.back() < 10 * wages[wages.size() / 2]);
    for (int k = 0; k < kSectorCount; ++k) {
      CHECK(y.sector[sector_price][k] > 0.5);
      CHECK(y.sector[sector_price][k] < 2.0);
    }
    last_gdp = g, last_emp = e;
  });
}

namespace {

// Replicate pairs under common random numbers: `outcome` of arm b minus arm a, at the end of each run.
template <class Outcome>
test::Paired paired_runs(const ScenarioSpec& a, const ScenarioSpec& b, int replicates, Outcome&& outcome) {
  std::vector<double> base, scheme;
  for (int rep = 0; rep < replicates; ++rep) {
    test::SteppedRun ra(a, 1, static_cast<std::uint64_t>(rep)), rb(b, 1, static_cast<std::uint64_t>(rep));
    ra.to_end();
    rb.to_end();
    base.push_back(outcome(ra.stats));
    scheme.push_back(outcome(rb.stats));
  }
  return test::paired(scheme, base);
}

double hot_price(const YearStats& y) {
  double sum = 0;
  for (int k = 0; k < kSectorCount; ++k)
    if (is_hot_sector(static_cast<Sector>(k))) sum += y.sector[sector_price][k] / 3;
  return sum;
}

}  // namespace

TEST_CASE("public money: subsidies move output, they do not create it (8 replicates, CRN)", "[statistical]") {
  ScenarioSpec with = spec_of(20000, 2035), without = with;
  without.governments.subsidy_share = 0;
  without.governments.max_offer = 0;
  const test::Paired d =
      paired_runs(without, with, 8, [](const YearStats& y) { return std::log(y.total[total_gdp]); });
  CAPTURE(d);
  // Subsidies pay firms to move or start where they would not; with the labour pool binding they take workers
  // from other firms, and their money is missing from services and infrastructure (30% of the discretionary
  // budget: both stocks 0.7 of what they would be, output 0.7^(0.05 + 0.08) = 0.955 of it). So they lower
  // national output (before the markets they raised it by 1.6%); measured -3.6% +- 0.06% in log GDP, 2035,
  // before governments decided. Now about half that, -1.9% +- 0.12%: what the subsidy budget does not pay out
  // is spent on services, land and talent the same year, and each government moves its subsidy share towards
  // where its money is worth most (models/core/fiscal.cpp, governments.cpp).
  CHECK(d.mean + 3 * d.se < -0.01);
  CHECK(d.mean > -0.07);
}

TEST_CASE("sector demand: zones that all court the hot sectors overbuild them (8 replicates, CRN)",
          "[statistical]") {
  ScenarioSpec herding = spec_of(20000, 2035), spread = herding;
  spread.governments.herding = 0;  // what other zones court does not count in a zone's choice of sectors
  const test::Paired price = paired_runs(spread, herding, 8, hot_price);
  const test::Paired gdp_change =
      paired_runs(spread, herding, 8, [](const YearStats& y) { return std::log(y.total[total_gdp]); });
  CAPTURE(price, gdp_change);
  // With herding every zone courts the hot sectors (their share of the courting 0.98 against 0.55 without,
  // test_governments.cpp), so entrants crowd into them and subsidised movers stay in them: their supply runs
  // ahead of their demand and their price is lower (measured -0.0144 +- 0.0005 in 2035 before governments
  // decided; now -0.0084 +- 0.0011). Total GDP is not lower (+0.24% +- 0.04% then, now +1.6% +- 0.08%): the
  // posted rates of the sectors a zone courts little are cut, so less of the budget goes to subsidies and
  // more to services and land; the overbuilding costs the hot sectors' margins, not the total.
  CHECK(price.mean + 3 * price.se < 0);
  CHECK(price.mean > -0.2);
}
