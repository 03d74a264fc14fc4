// Provincial 1+N networks (docs/specification.md 5.2): who leads whom, what each link carries, zones entering later, and
// the effect on polarization against the baseline, paired over replicates under common random numbers.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

#include "helpers.hpp"
#include "mechanisms/one_plus_n/one_plus_n.hpp"
#include "stepped_run.hpp"
#include "zonesim/model/statistics.hpp"
#include "zonesim/model/world.hpp"

using namespace zonesim;

namespace {

ScenarioSpec spec_of(bool enabled, std::int64_t count = 5000) {
  ScenarioSpec s = default_scenario();
  s.enterprises.count = count;
  s.mechanisms.one_plus_n.enabled = enabled;
  return s;
}

struct Run : test::SteppedRun {
  using SteppedRun::SteppedRun;
  OnePlusN& mechanism() { return model<OnePlusN>(); }
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
  Run r(spec_of(true));
  OnePlusN& m = r.mechanism();
  const int guangdong = r.province("Guangdong");
  CHECK(m.leader(guangdong) == r.zone("Shenzhen High-tech Industrial Park"));
  CHECK(sorted(m.members(guangdong)) ==
        sorted({r.zone("Zhaoqing High-tech Zone"), r.zone("Zhuhai High-tech Zone"),
                r.zone("Zhongshan Torch High-tech Zone")}));  // the three smallest in data/zones.csv
  CHECK(m.leader(r.province("Beijing")) == -1);               // one zone: no network
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
  ScenarioSpec spec = spec_of(true);
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
  Run r(spec_of(true));
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

  ScenarioSpec only_tech = spec_of(true);
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
  ScenarioSpec spec = spec_of(true), off = spec_of(true);
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
  ScenarioSpec spec = spec_of(true);
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

TEST_CASE("1+N lowers polarization and GDP against the baseline (8 replicates, CRN)", "[statistical]") {
  // Over 8 replicates the fall of total GDP is 2.4 standard errors at 20,000 enterprises, 5.7 at 50,000.
  constexpr int kReplicates = 8;
  const ScenarioSpec base = spec_of(false, 50000), scheme = spec_of(true, 50000);
  std::vector<double> top10[2], theil[2], between[2], gdp_total[2];
  for (std::uint64_t rep = 0; rep < kReplicates; ++rep) {
    Run b(base, 1, rep), s(scheme, 1, rep);
    b.to_end();
    s.to_end();
    for (const Run* r : {&b, &s}) {
      const auto i = static_cast<std::size_t>(r == &s);
      top10[i].push_back(test::gdp_metrics(r->stats).top10_share);
      theil[i].push_back(test::gdp_metrics(r->stats).theil_t);
      between[i].push_back(test::gdp_metrics(r->stats).theil_between);
      gdp_total[i].push_back(r->stats.total[total_gdp]);
    }
  }
  const test::Paired d_top10 = test::paired(top10[1], top10[0]), d_theil = test::paired(theil[1], theil[0]),
                     d_between = test::paired(between[1], between[0]),
                     d_gdp = test::paired(gdp_total[1], gdp_total[0]);
  CAPTURE(d_top10, d_theil, d_between, d_gdp);
  // Polarization falls, by more than a point of the top-10 share: the leader's new knowledge spills into its
  // members, they count part of its agglomeration and use part of its services, and its firms move into them
  // at half the cost (docs/mechanisms/one_plus_n.md: top-10 share -0.0222, Theil T -0.0866, theil_between
  // -0.0208 on the synthetic table; measured here on the published one -0.0091 +- 0.0007,
  // -0.0301 +- 0.0009, -0.0101 +- 0.0007: less than half, because movers now count on little of the
  // leader's place advantage, docs/calibration.md). The lower bounds are about ten times the measured effect.
  CHECK(d_top10.mean + 3 * d_top10.se < -0.005);
  CHECK(d_top10.mean > -0.1);
  CHECK(d_theil.mean + 3 * d_theil.se < -0.015);
  CHECK(d_theil.mean > -0.4);
  CHECK(d_between.mean + 3 * d_between.se < -0.005);
  CHECK(d_between.mean > -0.1);
  // Total GDP by 2035: on the synthetic table it fell (-97 +- 17 of about 41,000: firms taking the cheaper
  // move into the members' branch parks leave the leader's denser agglomeration); on the published table the
  // change is within noise (-16 +- 13). The claim is its size: within half a percent of total GDP.
  CHECK(std::abs(d_gdp.mean) < 0.005 * gdp_total[0].front());
}
