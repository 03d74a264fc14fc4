// Governments: budgets never exceeded, subsidy escalation under the GDP tournament, herding on hot sectors,
// and evaluation weights that move spending from subsidies to services.
#include <catch2/catch.hpp>
#include <numeric>

#include "core/tournament.hpp"
#include "helpers.hpp"
#include "zonesim/model/economy.hpp"
#include "zonesim/model/model.hpp"
#include "zonesim/model/step.hpp"

using namespace zonesim;

namespace {

ScenarioSpec spec_of(std::int64_t count = 20000) {
  ScenarioSpec s = default_scenario();
  s.enterprises.count = count;
  return s;
}

// Runs `years` steps and calls check(world, stats) after the initial state and after each year.
template <class Check>
World run_years(const ScenarioSpec& spec, int years, Check&& check) {
  World w = build_world(spec, load_zone_table(spec.zones.table, spec.zones.year), {spec.seed, 0});
  const ModelList models = make_models(spec);
  YearStats stats(w.zone_count());
  observe(w, models, stats);
  check(w, stats);
  for (int t = 0; t < years; ++t) {
    step(w, models, stats);
    check(w, stats);
  }
  return w;
}

double sum(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

double mean_hot_offer(const World& w) {
  double s = 0;
  for (int z = 0; z < w.zone_count(); ++z) s += subsidy_offer(w, z, Sector::semiconductors);
  return s / w.zone_count();
}

}  // namespace

TEST_CASE("dual leadership: effective weights mix the local evaluation with the national orientation") {
  GovernmentSpec g = default_scenario().governments;
  const EvaluationSpec k = effective_weights(g);
  CHECK(k.gdp == Approx(0.8));
  CHECK(k.innovation == Approx(0.1));
  CHECK(k.national == Approx(0.1));
  g.national_orientation = 1;
  CHECK(effective_weights(g).gdp == 0);
}

TEST_CASE("no zone ever pays more subsidy than its budget; waste is part of what is paid") {
  double paid_total = 0;
  run_years(spec_of(), 8, [&](const World& w, const YearStats& s) {
    for (int z = 0; z < w.zone_count(); ++z) {
      REQUIRE(w.zones.subsidy_paid[z] <= w.zones.subsidy_budget[z]);
      REQUIRE(w.zones.subsidy_waste[z] <= w.zones.subsidy_paid[z]);
      REQUIRE(s.zone[fiscal_balance][z] >= 0);
      REQUIRE(w.zones.payout_ratio[z] <= 1);
      paid_total += w.zones.subsidy_paid[z];
    }
  });
  CHECK(paid_total > 0);
}

TEST_CASE("zones herd on the same hot sectors") {
  const ScenarioSpec spec = spec_of();
  const World w = run_years(spec, 3, [](const World&, const YearStats&) {});
  for (int z = 0; z < w.zone_count(); ++z) {
    CHECK(subsidy_offer(w, z, Sector::semiconductors) == subsidy_offer(w, z, Sector::new_energy));
    CHECK(subsidy_offer(w, z, Sector::other) <=
          subsidy_offer(w, z, Sector::semiconductors) * (1 - spec.governments.herding) + 1e-15);
  }
}

TEST_CASE("under GDP-only evaluation, rivals ranked above make subsidies escalate") {
  ScenarioSpec calm = spec_of(), racing = spec_of();
  calm.governments.escalation = 0;
  racing.governments.escalation = 3;
  calm.governments.evaluation = racing.governments.evaluation = EvaluationSpec{1, 0, 0, 0, 0, 0};
  calm.governments.national_orientation = racing.governments.national_orientation = 0;
  double paid_calm = 0, paid_racing = 0;
  const World a =
      run_years(calm, 6, [&](const World& w, const YearStats&) { paid_calm += sum(w.zones.subsidy_paid); });
  const World b = run_years(
      racing, 6, [&](const World& w, const YearStats&) { paid_racing += sum(w.zones.subsidy_paid); });
  CHECK(mean_hot_offer(b) > 1.2 * mean_hot_offer(a));
  CHECK(paid_racing > 1.2 * paid_calm);
  // Within the racing world, the zones under more pressure set aside a larger share for subsidies.
  for (int z = 0; z < b.zone_count(); ++z)
    for (int r = 0; r < b.zone_count(); ++r)
      if (b.zones.tournament_pressure[z] > b.zones.tournament_pressure[r])
        REQUIRE(b.zones.subsidy_share[z] >= b.zones.subsidy_share[r]);
}

TEST_CASE("an evaluation that rewards innovation moves spending from subsidies to services") {
  ScenarioSpec gdp_only = spec_of(), innovation = spec_of();
  innovation.governments.evaluation = EvaluationSpec{0, 0, 1, 0, 0, 0};
  double subsidy_g = 0, services_g = 0, subsidy_i = 0, services_i = 0;
  run_years(gdp_only, 5, [&](const World& w, const YearStats&) {
    subsidy_g += sum(w.zones.subsidy_paid);
    services_g += sum(w.zones.services_spending);
  });
  run_years(innovation, 5, [&](const World& w, const YearStats&) {
    subsidy_i += sum(w.zones.subsidy_paid);
    services_i += sum(w.zones.services_spending);
  });
  CHECK(subsidy_i < 0.5 * subsidy_g);
  CHECK(services_i > services_g * 0.99);
}

TEST_CASE("tournament pressure is the share of rivals ranked above") {
  const ScenarioSpec spec = spec_of();
  World w = run_years(spec, 2, [](const World&, const YearStats&) {});
  int best = 0, worst = 0;
  for (int z = 1; z < w.zone_count(); ++z) {
    if (w.zones.tournament_score[z] > w.zones.tournament_score[best]) best = z;
    if (w.zones.tournament_score[z] < w.zones.tournament_score[worst]) worst = z;
  }
  CHECK(w.zones.tournament_pressure[best] == 0);
  CHECK(w.zones.tournament_pressure[worst] == Approx(1.0));
}
