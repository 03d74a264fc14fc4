// Governments: budgets never exceeded, subsidy escalation under the GDP tournament, herding on hot sectors,
// and evaluation weights that move spending from subsidies to lasting uses.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>

#include "core/governments.hpp"
#include "core/tournament.hpp"
#include "helpers.hpp"
#include "stepped_run.hpp"
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
  // Posted rates are one rate per zone times the zone's courting weight of each sector relative to its most
  // courted sector (models/core/governments.cpp, post_rates); with herding every zone courts the three hot
  // sectors most, and the more so the more the others court them.
  test::SteppedRun r(spec_of());
  r.years(3);
  const std::vector<double>& courting = r.model<Governments>().courting();
  const auto weight = [&](int z, int s) {
    return courting[static_cast<std::size_t>(z) * kSectorCount + static_cast<std::size_t>(s)];
  };
  double hot_courting = 0;
  for (int z = 0; z < r.world.zone_count(); ++z) {
    double top = 0, rate = 0;
    for (int s = 0; s < kSectorCount; ++s) {
      top = std::max(top, weight(z, s));
      rate = std::max(rate, subsidy_offer(r.world, z, static_cast<Sector>(s)));
    }
    double min_hot = 1, max_other = 0;
    for (int s = 0; s < kSectorCount; ++s) {
      const auto sector = static_cast<Sector>(s);
      CHECK(subsidy_offer(r.world, z, sector) == Approx(rate * weight(z, s) / top).epsilon(1e-12));
      if (is_hot_sector(sector)) {
        min_hot = std::min(min_hot, weight(z, s));
        hot_courting += weight(z, s) / r.world.zone_count();
      } else {
        max_other = std::max(max_other, weight(z, s));
      }
    }
    CHECK(min_hot > 10 * max_other);  // measured: 0.32 against 0.003
    CHECK(subsidy_offer(r.world, z, Sector::other) <=
          0.1 * subsidy_offer(r.world, z, Sector::semiconductors));
  }
  ScenarioSpec alone = spec_of();
  alone.governments.herding = 0;  // what other zones court does not count
  test::SteppedRun a(alone);
  a.years(3);
  double hot_alone = 0;
  for (int z = 0; z < a.world.zone_count(); ++z)
    for (int s = 0; s < kSectorCount; ++s)
      if (is_hot_sector(static_cast<Sector>(s)))
        hot_alone +=
            a.model<Governments>()
                .courting()[static_cast<std::size_t>(z) * kSectorCount + static_cast<std::size_t>(s)] /
            a.world.zone_count();
  CAPTURE(hot_courting, hot_alone);
  CHECK(hot_courting > hot_alone);
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
  CAPTURE(paid_calm, paid_racing, mean_hot_offer(a), mean_hot_offer(b));
  // Measured: 44% more paid; posted rates for the hot sectors 13-18% higher as the calibration moved (the
  // rates are what the subsidy budget leaves after the targeted offers, which escalate too).
  CHECK(mean_hot_offer(b) > 1.05 * mean_hot_offer(a));
  CHECK(paid_racing > 1.2 * paid_calm);
  // The channel, from one state: a government under pressure p values output booked at once (1 + escalation
  // p) times more (models/core/valuation.cpp, urgency), so it budgets (1 + escalation p)^budget_adjustment
  // times the subsidy share it would budget without escalation, within the share's bounds.
  test::SteppedRun r(calm);
  r.years(6);
  World calm_world = r.world, racing_world = r.world;
  Governments(calm).run(Phase::governments, calm_world, r.stats);
  Governments(racing).run(Phase::governments, racing_world, r.stats);
  int exact = 0, active = 0;
  for (int z = 0; z < r.world.zone_count(); ++z) {
    if (!r.world.is_active(z)) continue;
    ++active;
    const double factor =
        std::pow(1 + 3 * r.world.zones.tournament_pressure[z], racing.governments.budget_adjustment);
    const double share = calm_world.zones.subsidy_share[z], raised = racing_world.zones.subsidy_share[z];
    REQUIRE(raised >= share);
    REQUIRE(raised <= share * factor * (1 + 1e-12));
    exact += raised == Approx(share * factor).epsilon(1e-12);
  }
  CAPTURE(exact, active);
  CHECK(exact > active / 2);  // the others are held at the share's bounds
}

TEST_CASE("an evaluation that rewards innovation moves spending from subsidies to talent programmes") {
  ScenarioSpec gdp_only = spec_of(), innovation = spec_of();
  innovation.governments.evaluation = EvaluationSpec{0, 0, 1, 0, 0, 0};
  double subsidy_g = 0, talent_g = 0, lasting_g = 0, subsidy_i = 0, talent_i = 0, lasting_i = 0;
  const auto add = [](const World& w, double& subsidy, double& talent, double& lasting) {
    subsidy += sum(w.zones.subsidy_paid);
    talent += sum(w.zones.budget_talent);
    lasting += sum(w.zones.budget_talent) + sum(w.zones.services_spending);
    // The discretionary budget is used exactly: subsidies, services, land, talent and committed money.
    for (int z = 0; z < w.zone_count(); ++z) {
      const double used = w.zones.budget_subsidies[z] + w.zones.budget_services[z] + w.zones.budget_land[z] +
                          w.zones.budget_talent[z] + w.zones.budget_cooperation[z];
      const GovernmentSpec& g = w.params.governments;
      REQUIRE(used ==
              Approx(g.discretionary_share * (w.zones.revenue[z] + w.zones.transfers_in[z])).epsilon(1e-12));
    }
  };
  run_years(gdp_only, 5, [&](const World& w, const YearStats&) { add(w, subsidy_g, talent_g, lasting_g); });
  run_years(innovation, 5, [&](const World& w, const YearStats&) { add(w, subsidy_i, talent_i, lasting_i); });
  CAPTURE(subsidy_g, subsidy_i, talent_g, talent_i, lasting_g, lasting_i);
  // Governments value talent programmes by the innovation they bring (models/core/valuation.cpp), services
  // and land by the output: under an innovation-only evaluation the budget leaves subsidies for talent
  // programmes (measured over 2024-2029: subsidies 528 -> 66, talent 625 -> 2059, services and land
  // 3951 -> 2992 billion CNY).
  CHECK(subsidy_i < 0.5 * subsidy_g);
  CHECK(talent_i > 2 * talent_g);
  CHECK(lasting_i > lasting_g);
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
