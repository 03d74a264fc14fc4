// The world: the institutional graph, the enterprises generated from the zone table, the full graph.
#include <omp.h>

#include <catch2/catch.hpp>
#include <cmath>

#include "helpers.hpp"
#include "zonesim/model/world.hpp"

using namespace zonesim;
using zonesim::test::repo;

namespace {

ScenarioSpec spec_with(std::int64_t count, int year = 2024) {
  ScenarioSpec s = default_scenario();
  s.enterprises.count = count;
  s.zones.year = s.time.start = year;
  return s;
}

std::vector<double> zone_sums(const World& w, const std::vector<double>& per_firm) {
  std::vector<double> out(static_cast<std::size_t>(w.zone_count()), 0.0);
  for (std::size_t e = 0; e < w.enterprises.size(); ++e) out[w.enterprises.zone[e]] += per_firm[e];
  return out;
}

}  // namespace

TEST_CASE("apportion gives exactly the total, at least the minimum, proportionally") {
  const auto a = apportion(100, {1, 1, 2}, 1);
  CHECK(a[0] + a[1] + a[2] == 100);
  CHECK(a[2] >= 49);
  CHECK(a[0] >= 24);
  const auto b = apportion(5, {1000, 1, 1, 1, 1}, 1);
  CHECK(b == std::vector<std::int64_t>{1, 1, 1, 1, 1});
  const auto c = apportion(10, {0.5, 0.5}, 0);
  CHECK(c == std::vector<std::int64_t>{5, 5});
}

TEST_CASE("the graph: central -> 31 provinces -> cities -> zones, all by governs edges") {
  const ScenarioSpec spec = spec_with(5000);
  const World w = build_world(spec, load_zone_table(spec.zones.table, 2024), {1, 0});
  CHECK(w.province_vertex.size() == 31);
  CHECK(w.zone_vertex.size() == 178);
  CHECK(boost::num_vertices(w.graph) == 1 + 31 + w.city_vertex.size() + 178);
  CHECK(boost::out_degree(w.central, w.graph) == 31);
  for (std::size_t z = 0; z < w.zone_vertex.size(); ++z) {
    const Vertex v = w.zone_vertex[z];
    REQUIRE(boost::in_degree(v, w.graph) == 1);
    const auto e = *boost::in_edges(v, w.graph).first;
    CHECK(w.graph[e].type == EdgeType::governs);
    const Vertex city = boost::source(e, w.graph);
    CHECK(w.graph[city].kind == VertexKind::city);
    CHECK(w.graph[city].index == w.table.zones[z].city);
    const Vertex province = boost::source(*boost::in_edges(city, w.graph).first, w.graph);
    CHECK(w.graph[province].index == w.table.zones[z].province);
  }
}

TEST_CASE("enterprises reproduce each zone's employment and GDP; high-tech follows R&D intensity") {
  ScenarioSpec spec = spec_with(20000);
  spec.enterprises.hightech_min_productivity = 0;  // R&D intensity alone decides, so the share is known
  const World w = build_world(spec, load_zone_table(spec.zones.table, 2024), {1, 0});
  REQUIRE(w.enterprises.size() == 20000);
  std::vector<double> emp(w.enterprises.employment.begin(), w.enterprises.employment.end());
  const auto gdp = zone_sums(w, w.enterprises.output), employment = zone_sums(w, emp);
  for (int z = 0; z < w.zone_count(); ++z) {
    CHECK(gdp[z] == Approx(w.table.zones[z].gdp).epsilon(1e-9));
    CHECK(employment[z] == Approx(w.table.zones[z].employment).epsilon(1e-5));
  }
  std::size_t hightech = 0, digital = 0;
  for (std::size_t e = 0; e < w.enterprises.size(); ++e) {
    CHECK(w.enterprises.is(e, Enterprises::hightech) ==
          (w.enterprises.rnd_intensity[e] >= spec.enterprises.hightech_rnd_threshold));
    CHECK(w.enterprises.is(e, Enterprises::digital) == (w.enterprises.sector[e] == Sector::digital_services));
    hightech += w.enterprises.is(e, Enterprises::hightech);
    digital += w.enterprises.is(e, Enterprises::digital);
  }
  // P(rnd >= 3%) with median 2.5% and log-s.d. 0.8 is 1 - Phi(ln(1.2)/0.8) = 0.4098; 5 standard errors.
  const double n = static_cast<double>(w.enterprises.size()), p = 0.4098;
  CHECK(std::abs(hightech / n - p) < 5 * std::sqrt(p * (1 - p) / n));
  CHECK(std::abs(digital / n - 0.15) < 5 * std::sqrt(0.15 * 0.85 / n));
}

TEST_CASE(
    "no zone starts more crowded than zones.max_initial_occupancy; the others keep their published land") {
  ScenarioSpec spec = spec_with(20000);
  const World w = build_world(spec, load_zone_table(spec.zones.table, 2024), {1, 0});
  int raised = 0;
  for (int z = 0; z < w.zone_count(); ++z) {
    const Zone& zone = w.table.zones[z];
    const double published = zone.land_km2 * spec.zones.max_density;
    INFO(zone.name_en);
    CHECK(zone.employment / w.zones.land_capacity[z] <= spec.zones.max_initial_occupancy * (1 + 1e-12));
    if (published * spec.zones.max_initial_occupancy >= zone.employment) {
      CHECK(w.zones.land_capacity[z] == published);
    } else {
      CHECK(w.zones.land_capacity[z] == Approx(zone.employment / spec.zones.max_initial_occupancy));
      ++raised;
    }
  }
  CHECK(raised > 0);  // published areas that cannot hold the observed employment exist (docs/calibration.md)
  spec.zones.max_initial_occupancy = 0.5;  // a lower bound raises more zones' land
  const World lower = build_world(spec, load_zone_table(spec.zones.table, 2024), {1, 0});
  int raised_lower = 0;
  for (int z = 0; z < lower.zone_count(); ++z)
    raised_lower += lower.zones.land_capacity[z] > lower.table.zones[z].land_km2 * spec.zones.max_density;
  CHECK(raised_lower > raised);
}

TEST_CASE("a productivity bar for high-tech status lowers the count") {
  ScenarioSpec spec = spec_with(20000);
  const ZoneTable t = load_zone_table(spec.zones.table, 2024);
  auto count = [&](double bar) {
    spec.enterprises.hightech_min_productivity = bar;
    const World w = build_world(spec, t, {1, 0});
    std::size_t n = 0;
    for (std::size_t e = 0; e < w.enterprises.size(); ++e) n += w.enterprises.is(e, Enterprises::hightech);
    return n;
  };
  const auto none = count(0), some = count(0.5), high = count(2);
  CHECK(some < none);
  CHECK(high < some);
}

TEST_CASE("degenerate parameters: no R&D means no high-tech firm, no digital share means no digital firm") {
  ScenarioSpec spec = spec_with(5000);
  spec.enterprises.rnd_intensity_median = 0;
  spec.enterprises.digital_share = 0;
  const World w = build_world(spec, load_zone_table(spec.zones.table, 2024), {1, 0});
  for (std::size_t e = 0; e < w.enterprises.size(); ++e) {
    CHECK_FALSE(w.enterprises.is(e, Enterprises::hightech));
    CHECK_FALSE(w.enterprises.is(e, Enterprises::digital));
  }
}

TEST_CASE("the full graph holds every enterprise as a vertex with one located_in edge") {
  const ScenarioSpec spec = spec_with(3000, 2019);
  const World w = build_world(spec, load_zone_table(spec.zones.table, 2019), {1, 0});
  const FullGraph g = w.full_graph();
  CHECK(boost::num_vertices(g) == boost::num_vertices(w.graph) + 3000);
  CHECK(boost::num_edges(g) == boost::num_edges(w.graph) + 3000);
  for (std::size_t e = 0; e < w.enterprises.size(); e += 97) {
    const auto v = static_cast<FullGraph::vertex_descriptor>(w.enterprise_vertex(e));
    CHECK(g[v].kind == VertexKind::enterprise);
    REQUIRE(boost::out_degree(v, g) == 1);
    const auto edge = *boost::out_edges(v, g).first;
    CHECK(g[edge].type == EdgeType::located_in);
    CHECK(boost::target(edge, g) == w.zone_vertex[w.enterprises.zone[e]]);
  }
}

TEST_CASE("enterprise generation does not depend on the thread count") {
  const ScenarioSpec spec = spec_with(30000);
  const ZoneTable t = load_zone_table(spec.zones.table, 2024);
  omp_set_num_threads(1);
  const World a = build_world(spec, t, {5, 0});
  omp_set_num_threads(2);
  const World b = build_world(spec, t, {5, 0});
  CHECK(a.enterprises.output == b.enterprises.output);
  CHECK(a.enterprises.employment == b.enterprises.employment);
  CHECK(a.enterprises.rnd_intensity == b.enterprises.rnd_intensity);
  CHECK(a.enterprises.sector == b.enterprises.sector);
}

TEST_CASE("ten million enterprises fit and reproduce the zone totals", "[slow]") {
  const ScenarioSpec spec = spec_with(10000000);
  const World w = build_world(spec, load_zone_table(spec.zones.table, 2024), {1, 0});
  REQUIRE(w.enterprises.size() == 10000000);
  const auto gdp = zone_sums(w, w.enterprises.output);
  for (int z = 0; z < w.zone_count(); ++z) CHECK(gdp[z] == Approx(w.table.zones[z].gdp).epsilon(1e-9));
  CHECK(Enterprises::bytes_per_enterprise() <= 64);
}
