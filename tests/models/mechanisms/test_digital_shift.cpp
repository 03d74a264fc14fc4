// digital_shift (docs/specification.md 5.9, seed 000 challenge 5): the entrants' digital share rises, the digital place
// tie weakens; direct channel on small worlds and the effect on the outcome under common random numbers.
#include <catch2/catch.hpp>

#include "core/production.hpp"
#include "helpers.hpp"
#include "mechanisms/digital_shift/digital_shift.hpp"
#include "stepped_run.hpp"
#include "zonesim/model/economy.hpp"

using namespace zonesim;

namespace {

ScenarioSpec spec_of(bool enabled, std::int64_t count = 20000) {
  ScenarioSpec s = default_scenario();
  s.enterprises.count = count;
  s.mechanisms.digital_shift.enabled = enabled;
  return s;
}

// Share of digital enterprises among those born in the last `years` years.
double entrant_digital_share(const World& w, int years) {
  double born = 0, digital = 0;
  for (std::size_t e = 0; e < w.enterprises.size(); ++e)
    if (w.enterprises.is(e, Enterprises::alive) && w.enterprises.age[e] < years) {
      born += 1;
      digital += w.enterprises.is(e, Enterprises::digital);
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
  test::SteppedRun off(spec_of(false)), on(spec_of(true));
  off.years(k);
  on.years(k);
  const World &base = off.world, &shifted = on.world;
  const auto& d = on.spec.mechanisms.digital_shift;
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
  test::SteppedRun r(s);  // observing the initial state sets the tie of the first year: 0.1 - 0.1 = 0
  const World& w = r.world;
  REQUIRE(w.digital_place_tie == 0);
  r.years(1);
  bool other_sectors_vary = false;
  for (int z = 0; z < w.zone_count(); ++z) {
    CHECK(place_factor(w, z, Sector::digital_services) == 1.0);
    other_sectors_vary |= place_factor(w, z, Sector::semiconductors) != 1.0;
  }
  CHECK(other_sectors_vary);
}

TEST_CASE("digital_shift: less concentration and less GDP in 2035 than the baseline (3 seeds, CRN)",
          "[statistical]") {
  for (std::uint64_t seed : {1, 2, 3}) {
    test::SteppedRun base(spec_of(false), seed), shifted(spec_of(true), seed);
    base.to_end();
    shifted.to_end();
    const YearStats &b = base.stats, &s = shifted.stats;
    INFO("seed " << seed);
    CHECK(test::gdp_metrics(s).top10_share < test::gdp_metrics(b).top10_share - 0.002);
    CHECK(test::gdp_metrics(s).theil_t < test::gdp_metrics(b).theil_t - 0.01);
    CHECK(s.total[total_gdp] < b.total[total_gdp]);
  }
}
