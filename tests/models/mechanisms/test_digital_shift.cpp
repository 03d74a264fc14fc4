// digital_shift (MODEL.md 5.9, seed 000 challenge 5): the entrants' digital share rises, the digital place
// tie weakens; direct channel on small worlds and the effect on the outcome under common random numbers.
#include <catch2/catch.hpp>

#include "mechanisms/digital_shift/digital_shift.hpp"
#include "helpers.hpp"
#include "core/production.hpp"
#include "zonesim/model/economy.hpp"
#include "zonesim/run.hpp"
#include "zonesim/model/step.hpp"

using namespace zonesim;

namespace {

ScenarioSpec spec_of(bool enabled, std::int64_t count = 20000) {
  ScenarioSpec s = default_scenario();
  s.enterprises.count = count;
  s.mechanisms.digital_shift.enabled = enabled;
  return s;
}

// Runs observe and `years` steps with the scenario's models.
World run_years(const ScenarioSpec& spec, int years, std::uint64_t seed = 1) {
  World w = build_world(spec, zone_table_for(spec), {seed, 0});
  const ModelList models = make_models(spec);
  YearStats stats(w.zone_count());
  observe(w, models, stats);
  for (int t = 0; t < years; ++t) step(w, models, stats);
  return w;
}

// Share of digital enterprises among those born in the last `years` years.
double entrant_digital_share(const World& w, int years) {
  double born = 0, digital = 0;
  for (std::size_t e = 0; e < w.firms.size(); ++e)
    if (w.firms.is(e, Enterprises::alive) && w.firms.age[e] < years) {
      born += 1;
      digital += w.firms.is(e, Enterprises::digital);
    }
  return digital / born;
}

}  // namespace

TEST_CASE("digital_shift: the share rises linearly to its cap, the place tie stays within [0, 1]") {
  ScenarioSpec s = spec_of(true);
  s.enterprises.digital_share = 0.15;
  s.production.digital_place_tie = 0.3;
  s.mechanisms.digital_shift = {true, 0.05, 0.4, -0.1};
  const DigitalShift m(s);
  CHECK(m.share_after(0) == Approx(0.15));
  CHECK(m.share_after(2) == Approx(0.25));
  CHECK(m.share_after(10) == Approx(0.4));
  CHECK(m.place_tie_after(1) == Approx(0.2));
  CHECK(m.place_tie_after(5) == 0);
  s.mechanisms.digital_shift = {true, 0.05, 0.1, 0.5};  // a cap below the initial share never lowers it
  const DigitalShift up(s);
  CHECK(up.share_after(3) == Approx(0.15));
  CHECK(up.place_tie_after(3) == 1);
  CHECK(make_digital_shift(spec_of(false)) == nullptr);
}

TEST_CASE("digital_shift: after k years the world's and the entrants' digital shares are higher") {
  const int k = 8;
  const ScenarioSpec off = spec_of(false), on = spec_of(true);
  const World base = run_years(off, k);
  const World shifted = run_years(on, k);
  const auto& d = on.mechanisms.digital_shift;
  CHECK(base.digital_share == Approx(0.15));
  CHECK(shifted.digital_share == Approx(0.15 + (k + 1) * d.entrant_share_growth));  // set for year k + 1
  CHECK(shifted.digital_place_tie == Approx(0.3 + (k + 1) * d.place_tie_change));
  // Entrants of the last three years (years k-2..k): expected shares 0.15 against about 0.15 + 0.02 * 7.
  const double b = entrant_digital_share(base, 3), s = entrant_digital_share(shifted, 3);
  CHECK(b == Approx(0.15).margin(0.03));
  CHECK(s > b + 0.08);
}

TEST_CASE("digital_shift: with place tie 0 the digital place factor is 1 in every zone") {
  ScenarioSpec s = spec_of(true);
  s.production.digital_place_tie = 0.1;
  s.mechanisms.digital_shift.place_tie_change = -0.1;
  World w = build_world(s, zone_table_for(s), {1, 0});
  const ModelList models = make_models(s);
  YearStats stats(w.zone_count());
  observe(w, models, stats);  // sets the tie of the first year: 0.1 - 0.1 = 0
  REQUIRE(w.digital_place_tie == 0);
  step(w, models, stats);
  bool other_sectors_vary = false;
  for (int z = 0; z < w.zone_count(); ++z) {
    CHECK(place_factor(w, z, Sector::digital_services) == 1.0);
    other_sectors_vary |= place_factor(w, z, Sector::semiconductors) != 1.0;
  }
  CHECK(other_sectors_vary);
}

TEST_CASE("digital_shift: less concentration and less GDP in 2035 than the baseline (3 seeds, CRN)") {
  const ScenarioSpec base = spec_of(false), shifted = spec_of(true);
  const ZoneTable t = zone_table_for(base);
  for (std::uint64_t seed : {1, 2, 3}) {
    const YearStats b = simulate(base, t, {seed, 0}, make_models(base)).years.back();
    const YearStats s = simulate(shifted, t, {seed, 0}, make_models(shifted)).years.back();
    CHECK(s.metric[0].top10_share < b.metric[0].top10_share - 0.002);
    CHECK(s.metric[0].theil_t < b.metric[0].theil_t - 0.01);
    CHECK(s.total[total_gdp] < b.total[total_gdp]);
  }
}
