// strategic_bureau (docs/specification.md 5.8, seed 000 challenge 4): earmarked money, projects, the whale fall (knowledge
// and talent win or lose), successes that raise a sector's productivity; and the effect on the outcome,
// paired over replicates under common random numbers.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

#include "helpers.hpp"
#include "mechanisms/strategic_bureau/strategic_bureau.hpp"
#include "stepped_run.hpp"
#include "zonesim/model/statistics.hpp"
#include "zonesim/model/world.hpp"

using namespace zonesim;

namespace {

ScenarioSpec spec_of(bool enabled, std::int64_t count = 20000) {
  ScenarioSpec s = default_scenario();
  s.enterprises.count = count;
  s.mechanisms.strategic_bureau.enabled = enabled;
  return s;
}

double discretionary(const ScenarioSpec& s, double gdp_z) {
  const GovernmentSpec& g = s.governments;
  return g.discretionary_share * (1 + g.city_transfer) * g.tax_rate * gdp_z;
}

// The baseline's initial state of `spec` (the bureau switched off), for driving a bureau of `spec` by hand.
struct Small : test::SteppedRun {
  explicit Small(ScenarioSpec s) : SteppedRun(without_bureau(std::move(s))) {}
  static ScenarioSpec without_bureau(ScenarioSpec s) {
    s.mechanisms.strategic_bureau.enabled = false;
    return s;
  }
};

std::vector<int> largest_zones(const World& w, const YearStats& stats, int k) {
  std::vector<int> order(static_cast<std::size_t>(w.zone_count()));
  for (int z = 0; z < w.zone_count(); ++z) order[static_cast<std::size_t>(z)] = z;
  std::sort(order.begin(), order.end(),
            [&](int a, int b) { return stats.zone[gdp][a] > stats.zone[gdp][b]; });
  order.resize(static_cast<std::size_t>(k));
  return order;
}

}  // namespace

TEST_CASE(
    "strategic_bureau: the largest zones earmark budget_share of their discretionary budget each year") {
  ScenarioSpec spec = spec_of(true);
  spec.mechanisms.strategic_bureau.zones = 5;
  test::SteppedRun r(spec);
  const World& w = r.world;
  const YearStats& stats = r.stats;
  const StrategicBureau* bureau = &r.model<StrategicBureau>();
  const std::vector<int> largest = largest_zones(w, stats, 5);
  for (int z : largest) CHECK(bureau->bureau_zones()[static_cast<std::size_t>(z)] == 1);
  double earmarked = 0;
  for (int year = 0; year <= 4; ++year) {
    // The zones' own parts of their cooperation agreements' running costs, recorded last year and paid this
    // year, are earmarked too (models/core/fiscal.cpp); none in the initial state.
    const std::vector<double> agreements =
        year > 0 ? w.zones.agreement_cost : std::vector<double>(w.zones.agreement_cost.size(), 0.0);
    if (year > 0) r.years(1);
    int with_bureau = 0;
    for (int z = 0; z < w.zone_count(); ++z) {
      const double d = discretionary(spec, stats.zone[gdp][z]);
      const bool has = bureau->bureau_zones()[static_cast<std::size_t>(z)];
      with_bureau += has;
      REQUIRE(w.zones.earmarked[z] == Approx((has ? 0.1 * d : 0.0) + agreements[z]).margin(1e-12));
      // Services get what subsidies paid, talent programmes and the earmarked money leave (what the subsidy
      // budget does not pay out is spent on them the same year).
      REQUIRE(w.zones.services_spending[z] ==
              Approx(d - w.zones.subsidy_paid[z] - w.zones.talent_programme[z] - w.zones.earmarked[z]));
      earmarked += w.zones.earmarked[z] - agreements[z];
    }
    CHECK(with_bureau == 5);
  }
  CHECK(bureau->projects().size() == 25);  // five zones, five years, horizon 10: all still under way
  CHECK(bureau->money_spent() == Approx(earmarked));
  CHECK(bureau->outcomes() == 0);
}

TEST_CASE("strategic_bureau: win or lose, the money leaves knowledge and talent (whale fall)") {
  ScenarioSpec spec = spec_of(true);
  spec.mechanisms.strategic_bureau.success_probability = 0;
  Small s(spec);
  StrategicBureau bureau(spec);
  const std::vector<double> stock = s.world.zones.patent_stock, personnel = s.world.zones.rnd_personnel;
  bureau.run(Phase::governments, s.world, s.stats);
  REQUIRE(bureau.projects().size() == 20);
  for (const auto& p : bureau.projects()) {
    const auto z = static_cast<std::size_t>(p.zone);
    CHECK(p.money == Approx(0.1 * discretionary(spec, s.stats.zone[gdp][z])));
    CHECK(s.world.zones.patent_stock[z] - stock[z] == Approx(50 * p.money));
    CHECK(bureau.talent()[z] == Approx(300 * p.money));
  }
  // The talent stays on top of the R&D personnel that the innovation model sets each year.
  bureau.run(Phase::innovation, s.world, s.stats);
  for (std::size_t z = 0; z < personnel.size(); ++z)
    CHECK(s.world.zones.rnd_personnel[z] == Approx(personnel[z] + bureau.talent()[z]));
  // Every project fails, and the knowledge stays.
  for (int t = 1; t <= 12; ++t) {
    s.world.step = t;
    std::fill(s.world.zones.earmarked.begin(), s.world.zones.earmarked.end(), 0.0);  // as the step does
    bureau.run(Phase::governments, s.world, s.stats);
  }
  CHECK(bureau.outcomes() == 3 * 20);
  CHECK(bureau.successes() == 0);
}

TEST_CASE(
    "strategic_bureau: a success raises the productivity of the zone's enterprises in the project's sector") {
  ScenarioSpec spec = spec_of(true);
  auto& p = spec.mechanisms.strategic_bureau;
  p.zones = 3;
  p.horizon = 1;
  p.success_probability = 1;
  Small s(spec);
  StrategicBureau bureau(spec);
  bureau.run(Phase::governments, s.world, s.stats);
  const std::vector<StrategicBureau::Project> launched = bureau.projects();
  const std::vector<double> before = s.world.enterprises.productivity;
  s.world.step = 1;
  bureau.run(Phase::governments, s.world, s.stats);
  CHECK(bureau.successes() == 3);
  const Enterprises& f = s.world.enterprises;
  int raised = 0;
  for (std::size_t e = 0; e < f.size(); ++e) {
    bool in_project = false;
    for (const auto& q : launched) in_project |= f.zone[e] == q.zone && f.sector[e] == q.sector;
    REQUIRE(f.productivity[e] == Approx(before[e] * (in_project ? 1.3 : 1.0)).epsilon(1e-12));
    raised += in_project;
  }
  CHECK(raised > 0);
  for (const auto& q : launched) CHECK(is_hot_sector(q.sector));
}

TEST_CASE("strategic_bureau: projects succeed at success_probability") {
  ScenarioSpec spec = spec_of(true, 2000);
  auto& p = spec.mechanisms.strategic_bureau;
  p.zones = 0;  // every zone
  p.horizon = 1;
  Small s(spec);
  StrategicBureau bureau(spec);
  for (int t = 0; t <= 20; ++t) {
    s.world.step = t;
    std::fill(s.world.zones.earmarked.begin(), s.world.zones.earmarked.end(), 0.0);  // as the step does
    bureau.run(Phase::governments, s.world, s.stats);
  }
  const double n = bureau.outcomes();
  CHECK(n == 20 * s.world.zone_count());
  CHECK(bureau.successes() / n == Approx(0.15).margin(4 * std::sqrt(0.15 * 0.85 / n)));
}

TEST_CASE(
    "strategic_bureau: by 2035 a cost that lowers concentration and GDP, offset in GDP by the first "
    "successes; once projects pay, more GDP and more concentration (8 replicates, CRN)",
    "[statistical]") {
  constexpr int kReplicates = 8;
  const ScenarioSpec base = spec_of(false, 50000), bureau = spec_of(true, 50000);
  ScenarioSpec cost = bureau, quick = bureau;
  cost.mechanisms.strategic_bureau.success_probability = 0;  // win or lose: every project fails
  quick.mechanisms.strategic_bureau.horizon = 3;
  // baseline, bureau, cost, horizon 3
  std::vector<double> between[4], theil[4], top10[4], gdp_total[4];
  for (std::uint64_t rep = 0; rep < kReplicates; ++rep) {
    test::SteppedRun b(base, 1, rep), s(bureau, 1, rep), c(cost, 1, rep), q(quick, 1, rep);
    int i = 0;
    for (test::SteppedRun* r : {&b, &s, &c, &q}) {
      r->to_end();
      between[i].push_back(test::gdp_metrics(r->stats).theil_between);
      theil[i].push_back(test::gdp_metrics(r->stats).theil_t);
      top10[i].push_back(test::gdp_metrics(r->stats).top10_share);
      gdp_total[i++].push_back(r->stats.total[total_gdp]);
    }
  }
  const test::Paired d_between = test::paired(between[1], between[0]),
                     d_gdp = test::paired(gdp_total[1], gdp_total[0]),
                     c_between = test::paired(between[2], between[0]),
                     c_theil = test::paired(theil[2], theil[0]),
                     c_gdp = test::paired(gdp_total[2], gdp_total[0]),
                     q_gdp = test::paired(gdp_total[3], gdp_total[0]),
                     q_top10 = test::paired(top10[3], top10[0]);
  CAPTURE(d_between, d_gdp, c_between, c_theil, c_gdp, q_gdp, q_top10);
  const double gdp_base = gdp_total[0].front();
  // The cost (every project failing, only knowledge and talent left): the twenty largest zones divert a tenth
  // of their discretionary budget from services, so their place factor falls: less GDP and less
  // concentration, between provinces too (docs/mechanisms/strategic_bureau.md, whale fall only: GDP -193
  // billion CNY, Theil T -0.0091, theil_between -0.0045; measured here on the published zone table -133 +- 6,
  // -0.0031 +- 0.0003, -0.0024 +- 0.0003 before governments decided; now -257 +- 19, -0.0070 +- 0.0012,
  // -0.0058 +- 0.0010). The bounds are five times the documented effect.
  CHECK(c_gdp.mean + 3 * c_gdp.se < 0);
  CHECK(c_gdp.mean > -0.025 * gdp_base);
  CHECK(c_theil.mean + 3 * c_theil.se < 0);
  CHECK(c_theil.mean > -0.05);
  CHECK(c_between.mean + 3 * c_between.se < 0);
  CHECK(c_between.mean > -0.025);
  // Default horizon (10 years): only the projects of the first two years have an outcome by 2035, and their
  // successes (about six, each a 30% productivity jump in a large zone's sector) offset most of the cost in
  // GDP (docs: -22 [-110, +66]; measured here -18 +- 23 before governments decided; now -148 +- 31, against
  // the cost's -257 +- 19), asserted as within three standard errors plus 0.5% of total GDP. Concentration
  // does not rise measurably; the documented fall (theil_between -0.0045 over 10 seeds at 100,000
  // enterprises) is not asserted, since that lottery of successes makes it vary more than 8 replicates
  // resolve (measured here on the published zone table -0.0016 +- 0.0011 and now -0.0054 +- 0.0013; on the
  // first version -0.0041 +- 0.0008, with seed 2 instead of 1 +0.0021 +- 0.0035).
  CHECK(std::abs(d_gdp.mean) < 3 * d_gdp.se + 0.005 * gdp_base);
  CHECK(d_between.mean <= 3 * d_between.se);
  // Horizon 3: successes accumulate in the largest zones, which had the bureaus: more GDP (measured
  // +1,142 +- 114 of about 49,000, +1,876 +- 132 before the labour pool capped the hiring that follows a
  // success, +1,031 +- 113 with governments that decide) and a higher top-10 share (+0.0100 +- 0.0014; now
  // +0.0065 +- 0.0014).
  CHECK(q_gdp.mean - 3 * q_gdp.se > 0.01 * gdp_base);
  CHECK(q_gdp.mean < 0.15 * gdp_base);
  CHECK(q_top10.mean - 3 * q_top10.se > 0);
  CHECK(q_top10.mean < 0.05);
}
