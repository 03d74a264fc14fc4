// Central pilot investment (MODEL.md 5.6): the pilots receive exactly the configured money, it funds their
// enterprises' R&D (the centre pays, the firms' own intensities come back) and services, their orientation
// turns national, a bad list is refused by name; and the scheme changes the outcome under common random
// numbers.
#include <algorithm>
#include <catch2/catch.hpp>
#include <numeric>

#include "mechanisms/central_pilot/central_pilot.hpp"
#include "helpers.hpp"
#include "zonesim/errors.hpp"
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
  s.mechanisms.central_pilot.enabled = enabled;
  return s;
}

CentralPilot& pilot_model(const ModelList& models) {
  for (const auto& m : models)
    if (auto* p = dynamic_cast<CentralPilot*>(m.get())) return *p;
  throw std::logic_error("no central_pilot model");
}

struct Outcome {
  YearStats last{0};
  std::vector<int> pilots;
  double pilot_patents = 0;  // last year
};

Outcome run(const ScenarioSpec& spec, const std::vector<int>& pilots = {}) {
  World w = build_world(spec, zone_table_for(spec), {spec.seed, 0});
  const ModelList models = make_models(spec);
  Outcome out;
  out.last = YearStats(w.zone_count());
  observe(w, models, out.last);
  for (int t = 0; t < spec.years(); ++t) step(w, models, out.last);
  out.pilots = spec.mechanisms.central_pilot.enabled ? pilot_model(models).pilots() : pilots;
  for (int z : out.pilots) out.pilot_patents += out.last.zone[patents][z];
  return out;
}

}  // namespace

TEST_CASE("central pilot: the largest zones are chosen and receive exactly the configured money each year") {
  const ScenarioSpec spec = spec_of(true, 1, 5000);
  World w = build_world(spec, zone_table_for(spec), {1, 0});
  const ModelList models = make_models(spec);
  YearStats stats(w.zone_count());
  observe(w, models, stats);
  const std::vector<int>& pilots = pilot_model(models).pilots();
  REQUIRE(pilots.size() == 10);
  double smallest_pilot = 1e300, largest_other = 0;
  for (int z = 0; z < w.zone_count(); ++z) {
    const bool pilot = std::find(pilots.begin(), pilots.end(), z) != pilots.end();
    if (pilot) smallest_pilot = std::min(smallest_pilot, w.table.zones[z].gdp);
    if (!pilot && w.is_active(z)) largest_other = std::max(largest_other, w.table.zones[z].gdp);
    CHECK(w.zones.national_orientation[z] == (pilot ? 0.8 : spec.governments.national_orientation));
  }
  CHECK(smallest_pilot > largest_other);
  CHECK(stats.total[total_external_funds] == 0);  // the initial state records no payment
  for (int t = 0; t < 4; ++t) {
    step(w, models, stats);
    for (int z = 0; z < w.zone_count(); ++z) {
      const bool pilot = std::find(pilots.begin(), pilots.end(), z) != pilots.end();
      REQUIRE(stats.zone[external_funds][z] == (pilot ? 10.0 : 0.0));
    }
    REQUIRE(stats.total[total_external_funds] == Approx(100.0).epsilon(1e-12));  // 10 zones x 10 billion
  }
}

TEST_CASE("central pilot: the R&D part raises the pilots' R&D by the money, for the innovation phase only") {
  ScenarioSpec spec = spec_of(true, 1, 5000);
  spec.mechanisms.central_pilot.selection = "lagging";
  World w = build_world(spec, zone_table_for(spec), {1, 0});
  const ModelList models = make_models(spec);
  YearStats stats(w.zone_count());
  observe(w, models, stats);
  step(w, models, stats);  // the first year: innovation calibrates; the R&D part builds services
  ++w.step;                // the second year, as far as the pilot is concerned
  ++w.year;
  std::fill(w.zones.external_funds.begin(), w.zones.external_funds.end(), 0.0);
  CentralPilot& pilot = pilot_model(models);
  const std::vector<float> own = w.firms.rnd_intensity;
  const std::vector<double> services = w.zones.service_capacity;
  pilot.run(Phase::production, w, stats);
  for (int z : pilot.pilots()) {
    double spent = 0;
    for (std::size_t e = 0; e < w.firms.size(); ++e)
      if ((w.firms.flags[e] & Enterprises::alive) && w.firms.zone[e] == z)
        spent += (static_cast<double>(w.firms.rnd_intensity[e]) - own[e]) * w.firms.output[e];
    const double services_built = w.zones.service_capacity[z] - services[z];
    CHECK(spent > 0);
    CHECK(spent <= 5.0 * (1 + 1e-6));  // rnd_share 0.5 of 10 billion, or less at the caps
    CHECK(spent + services_built == Approx(10.0).epsilon(1e-12));  // the rest builds services
    CHECK(w.zones.external_funds[z] == 10.0);
  }
  pilot.run(Phase::innovation, w, stats);
  CHECK(w.firms.rnd_intensity == own);  // the firms' own intensities, bit for bit
}

TEST_CASE("central pilot: a list of names selects those zones; an unknown name is refused by key and name") {
  ScenarioSpec spec = spec_of(true, 1, 2000);
  spec.mechanisms.central_pilot.selection = "list";
  spec.mechanisms.central_pilot.list = "Zhongguancun Science Park; Xuchang High-tech Zone";
  const World w = build_world(spec, zone_table_for(spec), {1, 0});
  const std::vector<int> chosen = select_pilot_zones(spec.mechanisms.central_pilot, w, "s.yaml");
  REQUIRE(chosen.size() == 2);
  CHECK(w.table.zones[chosen[0]].name_en == "Zhongguancun Science Park");
  CHECK(w.table.zones[chosen[1]].name_en == "Xuchang High-tech Zone");

  spec.mechanisms.central_pilot.list = "Zhongguancun Sceince Park;Atlantis High-tech Zone";
  try {
    select_pilot_zones(spec.mechanisms.central_pilot, w, "s.yaml");
    FAIL("no error");
  } catch (const ScenarioError& e) {
    const std::string what = e.what();
    CHECK(e.problems().size() == 2);
    CHECK(what.find("s.yaml: mechanisms.central_pilot.list") != std::string::npos);
    CHECK(what.find("'Zhongguancun Sceince Park' (did you mean 'Zhongguancun Science Park'?)") !=
          std::string::npos);
    CHECK(what.find("'Atlantis High-tech Zone'") != std::string::npos);
  }
  // The same error from a run: when the model first acts.
  World run_world = build_world(spec, zone_table_for(spec), {1, 0});
  const ModelList models = make_models(spec);
  YearStats stats(run_world.zone_count());
  CHECK_THROWS_AS(observe(run_world, models, stats), ScenarioError);
  spec.mechanisms.central_pilot.list = " ; ";
  CHECK_THROWS_WITH(
      select_pilot_zones(spec.mechanisms.central_pilot, w, ""),
      Catch::Contains("mechanisms.central_pilot.list: selection is 'list' but no zone is named"));
}

// At the baseline's 100,000 enterprises: at 20,000 the lagging pilots' effect on the top-10 share is within
// the noise of some seeds.
TEST_CASE("central pilot changes the outcome under common random numbers (3 seeds)") {
  const std::int64_t count = 100000;
  for (std::uint64_t seed : {1, 2, 3}) {
    ScenarioSpec lagging = spec_of(true, seed, count);
    lagging.mechanisms.central_pilot.selection = "lagging";
    const Outcome lag = run(lagging);
    const Outcome base = run(spec_of(false, seed, count), lag.pilots);
    const Outcome largest = run(spec_of(true, seed, count));
    CHECK(lag.last.total[total_external_funds] == Approx(100.0));
    // Funding the laggards: they patent more, and GDP is less concentrated.
    CHECK(lag.pilot_patents > 2 * base.pilot_patents);
    CHECK(lag.last.metric[0].top10_share < base.last.metric[0].top10_share);
    CHECK(lag.last.metric[0].theil_t < base.last.metric[0].theil_t);
    // Funding the leaders: their national orientation cuts the subsidy race.
    CHECK(largest.last.total[total_subsidy] < 0.85 * base.last.total[total_subsidy]);
    CHECK(largest.last.metric[0].top10_share != base.last.metric[0].top10_share);
  }
}
