// Provincial 1+N networks (MODEL.md 5.2): who leads whom, what each link carries, zones entering later, and
// the effect on polarization against the baseline under common random numbers.
#include <algorithm>
#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "mechanisms/one_plus_n/one_plus_n.hpp"
#include "stepped_run.hpp"
#include "zonesim/model/model.hpp"
#include "zonesim/model/statistics.hpp"
#include "zonesim/model/step.hpp"
#include "zonesim/model/world.hpp"

using namespace zonesim;

namespace {

ScenarioSpec spec_of(std::int64_t count = 5000) {
  ScenarioSpec s = default_scenario();
  s.enterprises.count = count;
  s.mechanisms.one_plus_n.enabled = true;
  return s;
}

struct Run : test::SteppedRun {
  using SteppedRun::SteppedRun;
  OnePlusN& mechanism() {
    for (auto& m : models)
      if (auto* found = dynamic_cast<OnePlusN*>(m.get())) return *found;
    FAIL("one_plus_n is not running");
    throw;
  }
  int province(const std::string& name) const {
    const auto& p = world.table.provinces;
    return static_cast<int>(std::find(p.begin(), p.end(), name) - p.begin());
  }
  int zone(const std::string& name) const {
    for (int z = 0; z < world.zone_count(); ++z)
      if (world.table.zones[z].name_en == name) return z;
    FAIL("no zone " << name);
    return -1;
  }
  std::vector<int> active_in(int province) const {
    std::vector<int> out;
    for (int z = 0; z < world.zone_count(); ++z)
      if (world.is_active(z) && world.table.zones[z].province == province) out.push_back(z);
    return out;
  }
  // Cooperation edges leader -> member of a type, with their weights.
  std::vector<double> edges(int from, int to, CooperationType type) const {
    std::vector<double> weights;
    for (auto [it, end] = boost::out_edges(world.zone_vertex[from], world.graph); it != end; ++it) {
      const EdgeProps& e = world.graph[*it];
      if (boost::target(*it, world.graph) == world.zone_vertex[to] && e.type == EdgeType::cooperation &&
          e.cooperation == type)
        weights.push_back(e.weight);
    }
    return weights;
  }
};

std::vector<int> sorted(std::vector<int> v) {
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

TEST_CASE("1+N: the largest zone of each province leads its N weakest zones") {
  Run r(spec_of());
  OnePlusN& m = r.mechanism();
  const int guangdong = r.province("Guangdong");
  CHECK(m.leader(guangdong) == r.zone("Shenzhen High-tech Industrial Park"));
  CHECK(sorted(m.members(guangdong)) ==
        sorted({r.zone("Huizhou Zhongkai High-tech Zone"), r.zone("Zhaoqing High-tech Zone"),
                r.zone("Yuancheng High-tech Zone")}));
  CHECK(m.leader(r.province("Beijing")) == -1);  // one zone: no network
  const auto& gdp = r.stats.zone[ZoneVar::gdp];
  for (int p = 0; p < static_cast<int>(r.world.table.provinces.size()); ++p) {
    const std::vector<int> active = r.active_in(p);
    if (active.size() < 2) continue;
    const int lead = m.leader(p);
    REQUIRE(lead >= 0);
    for (int z : active) CHECK(gdp[z] <= gdp[lead]);
    const auto& members = m.members(p);
    CHECK(members.size() == std::min<std::size_t>(3, active.size() - 1));
    for (int z : active) {
      if (z == lead || std::count(members.begin(), members.end(), z)) continue;
      for (int member : members) CHECK(gdp[member] <= gdp[z]);  // the weakest are led
    }
  }
}

TEST_CASE("1+N: under leader_rule capital the provincial capital's main zone leads") {
  ScenarioSpec spec = spec_of();
  spec.mechanisms.one_plus_n.leader_rule = "capital";
  spec.mechanisms.one_plus_n.members = 0;
  Run r(spec);
  OnePlusN& m = r.mechanism();
  CHECK(m.leader(r.province("Guangdong")) == r.zone("Guangzhou High-tech Zone"));
  CHECK(m.leader(r.province("Jiangsu")) == r.zone("Nanjing High-tech Zone"));
  CHECK(m.leader(r.province("Shandong")) == r.zone("Jinan High-tech Zone"));
  CHECK(m.leader(r.province("Inner Mongolia")) == r.zone("Hohhot Jinshan High-tech Zone"));
  // members = 0: every other zone of the province is led.
  CHECK(m.members(r.province("Guangdong")).size() == r.active_in(r.province("Guangdong")).size() - 1);
}

TEST_CASE("1+N: each link carries its cooperation edges, agglomeration links, cheaper moves and services") {
  Run r(spec_of());
  const OnePlusNSpec& p = r.spec.mechanisms.one_plus_n;
  OnePlusN& m = r.mechanism();
  r.mechanism().run(Phase::governments, r.world, r.stats);  // refreshes service import from today's capacity
  const int Z = r.world.zone_count();
  int links = 0;
  for (int prov = 0; prov < static_cast<int>(r.world.table.provinces.size()); ++prov) {
    const int lead = m.leader(prov);
    for (int member : lead < 0 ? std::vector<int>{} : m.members(prov)) {
      ++links;
      CHECK(r.edges(lead, member, CooperationType::tech_enabling) == std::vector<double>{p.spillover_weight});
      CHECK(r.edges(lead, member, CooperationType::chain_extension) == std::vector<double>{p.chain_link});
      CHECK(r.edges(lead, member, CooperationType::cross_fusion) == std::vector<double>{p.fusion_link});
      CHECK(r.edges(member, lead, CooperationType::tech_enabling).empty());
      CHECK(r.world.chain_links[member * Z + lead] == p.chain_link);
      CHECK(r.world.fusion_links[member * Z + lead] == p.fusion_link);
      CHECK(r.world.chain_links[lead * Z + member] == 0);
      CHECK(r.world.move_cost_factor[lead * Z + member] == 1 - p.move_cost_discount);
      CHECK(r.world.move_cost_factor[member * Z + lead] == 1);
      CHECK(r.world.zones.service_import[member] ==
            p.service_export_share * r.world.zones.service_capacity[lead]);
    }
  }
  CHECK(links > 50);

  ScenarioSpec only_tech = spec_of();
  only_tech.mechanisms.one_plus_n.chain_extension = only_tech.mechanisms.one_plus_n.cross_fusion = false;
  Run t(only_tech);
  const int lead = t.mechanism().leader(t.province("Guangdong"));
  const int member = t.mechanism().members(t.province("Guangdong")).front();
  CHECK(t.edges(lead, member, CooperationType::chain_extension).empty());
  CHECK(t.edges(lead, member, CooperationType::cross_fusion).empty());
  for (double x : t.world.chain_links) REQUIRE(x == 0);
  for (double x : t.world.fusion_links) REQUIRE(x == 0);
}

TEST_CASE("1+N: tech-enabling edges carry the leader's new knowledge to its members") {
  ScenarioSpec spec = spec_of(), off = spec_of();
  auto& p = spec.mechanisms.one_plus_n;
  p.chain_extension = p.cross_fusion = false;  // knowledge is the only channel
  p.service_export_share = p.move_cost_discount = 0;
  p.spillover_weight = 2;
  off.mechanisms.one_plus_n.enabled = false;
  Run with(spec), without(off);
  with.years(1);
  without.years(1);
  const int guangdong = with.province("Guangdong"), lead = with.mechanism().leader(guangdong);
  const double spill =
      spec.innovation.cooperation_spillover * p.spillover_weight * with.world.zones.patents[lead];
  REQUIRE(spill > 0);
  for (int member : with.mechanism().members(guangdong))
    CHECK(with.world.zones.patent_stock[member] - without.world.zones.patent_stock[member] == Approx(spill));
  CHECK(with.world.zones.patent_stock[lead] == without.world.zones.patent_stock[lead]);
}

TEST_CASE("1+N: zones entering later join their province's network") {
  ScenarioSpec spec = spec_of();
  spec.time = {2019, 2024};
  spec.zones.year = 2019;
  spec.zones.entry = true;
  spec.mechanisms.one_plus_n.members = 0;
  Run r(spec);
  const std::size_t before = r.mechanism().members(r.province("Henan")).size();
  r.years(5);
  OnePlusN& m = r.mechanism();
  CHECK(m.members(r.province("Henan")).size() == before + 2);  // Xinyang and Xuchang, approved in 2022
  int entered = 0;
  for (int p = 0; p < static_cast<int>(r.world.table.provinces.size()); ++p) {
    const std::vector<int> active = r.active_in(p);
    if (active.size() < 2) continue;
    for (int z : active) {
      const auto& members = m.members(p);
      CHECK((z == m.leader(p) || std::count(members.begin(), members.end(), z) == 1));
      entered += r.world.table.zones[z].entry_year > 0;
    }
  }
  CHECK(entered >= 5);
}

TEST_CASE("1+N lowers polarization against the baseline (common random numbers)") {
  for (std::uint64_t seed : {1, 2}) {
    ScenarioSpec base = spec_of(20000), scheme = spec_of(20000);
    base.mechanisms.one_plus_n.enabled = false;
    Run b(base, seed), s(scheme, seed);
    b.years(base.years());
    s.years(scheme.years());
    INFO("seed " << seed);
    CHECK(s.stats.metric[0].top10_share < b.stats.metric[0].top10_share - 0.01);
    CHECK(s.stats.metric[0].theil_t < b.stats.metric[0].theil_t - 0.03);
    CHECK(s.stats.metric[0].theil_between < b.stats.metric[0].theil_between);
    CHECK(s.stats.total[total_gdp] != b.stats.total[total_gdp]);
  }
}
