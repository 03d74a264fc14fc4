// Provincial 1+N networks (docs/specification.md 5.2): who leads whom, what each link carries, zones entering later, and
// the effect on polarization against the baseline, paired over replicates under common random numbers.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

#include "core/cooperation.hpp"
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
  // The agreement in force between two zones (either way round), or null.
  const Cooperation::Agreement* agreement(int a, int b) const {
    for (const Cooperation::Agreement& x : model<Cooperation>().agreements())
      if ((x.leader == a && x.member == b) || (x.leader == b && x.member == a)) return &x;
    return nullptr;
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

TEST_CASE(
    "1+N: each accepted link carries its cooperation edges, agglomeration links, cheaper moves, services") {
  // The province proposes every link of its network each year (World::guided_links); the two zones accept
  // or refuse it like any agreement (models/core/cooperation.cpp). A link acts only once both accepted, on
  // the network's terms; a refused one is proposed again the next year.
  Run r(spec_of(true));
  r.years(3);
  const OnePlusNSpec& p = r.spec.mechanisms.one_plus_n;
  const CooperationSpec& c = r.spec.cooperation;
  OnePlusN& m = r.mechanism();
  const int Z = r.world.zone_count();
  int links = 0, accepted = 0;
  for (int prov = 0; prov < static_cast<int>(r.world.table.provinces.size()); ++prov) {
    const int lead = m.leader(prov);
    for (int member : lead < 0 ? std::vector<int>{} : m.members(prov)) {
      ++links;
      // Proposed this year unless in force.
      const auto& guided = r.world.guided_links;
      CHECK(std::count_if(guided.begin(), guided.end(), [&](const GuidedLink& t) {
              return t.leader == lead && t.member == member && t.cost_share == p.cost_share;
            }) == 1);
      const Cooperation::Agreement* a = r.agreement(lead, member);
      if (!a) {  // refused so far: nothing links them
        for (auto type : {CooperationType::tech_enabling, CooperationType::chain_extension,
                          CooperationType::cross_fusion}) {
          CHECK(r.edges(lead, member, type).empty());
          CHECK(r.edges(member, lead, type).empty());
        }
        CHECK(r.world.chain_links[member * Z + lead] == 0);
        CHECK(r.world.fusion_links[member * Z + lead] == 0);
        CHECK(r.world.move_cost_factor[lead * Z + member] == 1);
        continue;
      }
      ++accepted;
      CHECK(a->leader == lead);  // the network's leader leads, on the network's terms
      CHECK(a->terms.cost_share == p.cost_share);
      CHECK(a->terms.service_export_share == p.service_export_share);
      CHECK(r.edges(lead, member, CooperationType::tech_enabling) == std::vector<double>{p.spillover_weight});
      CHECK(r.edges(lead, member, CooperationType::chain_extension) == std::vector<double>{p.chain_link});
      CHECK(r.edges(lead, member, CooperationType::cross_fusion) == std::vector<double>{p.fusion_link});
      CHECK(r.edges(member, lead, CooperationType::tech_enabling).empty());
      // Agglomeration links count each side's employment in the other's, both ways.
      CHECK(r.world.chain_links[member * Z + lead] == p.chain_link);
      CHECK(r.world.chain_links[lead * Z + member] == p.chain_link);
      CHECK(r.world.fusion_links[member * Z + lead] == p.fusion_link);
      CHECK(r.world.fusion_links[lead * Z + member] == p.fusion_link);
      CHECK(r.world.move_cost_factor[lead * Z + member] == 1 - p.move_cost_discount);
      CHECK(r.world.move_cost_factor[member * Z + lead] == 1);
    }
  }
  CAPTURE(links, accepted);
  CHECK(links > 50);
  CHECK(accepted > links / 2);  // measured 49 of 66 after three years at 5,000 enterprises
  // Services: every agreement in force, guided or the zones' own, lends its share of the leader's capacity to
  // the member, and the leader loses export_rivalry of what it lends.
  std::vector<double> imported(static_cast<std::size_t>(Z), 0.0), exported(static_cast<std::size_t>(Z), 0.0);
  for (const Cooperation::Agreement& a : r.model<Cooperation>().agreements()) {
    const double lent = a.terms.service_export_share * r.world.zones.service_capacity[a.leader];
    imported[static_cast<std::size_t>(a.member)] += lent;
    exported[static_cast<std::size_t>(a.leader)] += c.export_rivalry * lent;
  }
  for (int z = 0; z < Z; ++z) {
    CHECK(r.world.zones.service_import[z] == Approx(imported[z]).epsilon(1e-12));
    CHECK(r.world.zones.service_export[z] == Approx(exported[z]).epsilon(1e-12));
  }

  ScenarioSpec only_tech = spec_of(true);
  only_tech.mechanisms.one_plus_n.chain_extension = only_tech.mechanisms.one_plus_n.cross_fusion = false;
  Run t(only_tech);
  t.years(3);
  int tech_links = 0;
  for (int prov = 0; prov < static_cast<int>(t.world.table.provinces.size()); ++prov) {
    const int lead = t.mechanism().leader(prov);
    for (int member : lead < 0 ? std::vector<int>{} : t.mechanism().members(prov)) {
      if (!t.agreement(lead, member)) continue;
      ++tech_links;
      CHECK(t.edges(lead, member, CooperationType::tech_enabling) == std::vector<double>{p.spillover_weight});
      CHECK(t.edges(lead, member, CooperationType::chain_extension).empty());
      CHECK(t.edges(lead, member, CooperationType::cross_fusion).empty());
      CHECK(t.world.chain_links[member * Z + lead] == 0);
      CHECK(t.world.chain_links[lead * Z + member] == 0);
      CHECK(t.world.fusion_links[member * Z + lead] == 0);
      CHECK(t.world.fusion_links[lead * Z + member] == 0);
    }
  }
  CHECK(tech_links > 0);
}

TEST_CASE("1+N: tech-enabling edges carry the leader's new knowledge to the members that accepted") {
  ScenarioSpec spec = spec_of(true), off = spec_of(true);
  auto& p = spec.mechanisms.one_plus_n;
  p.chain_extension = p.cross_fusion = false;  // knowledge is the only channel
  p.service_export_share = p.move_cost_discount = 0;
  p.spillover_weight = 2;
  off.mechanisms.one_plus_n.enabled = false;
  spec.cooperation.candidates = off.cooperation.candidates = 0;  // no agreements but the guided ones
  Run with(spec), without(off);
  with.years(1);
  without.years(1);
  // The links accepted in the initial state (the governments phase of observe) act in the first year.
  int accepted = 0, refused = 0;
  for (int prov = 0; prov < static_cast<int>(with.world.table.provinces.size()); ++prov) {
    const int lead = with.mechanism().leader(prov);
    if (lead < 0) continue;
    const double spill =
        spec.innovation.cooperation_spillover * p.spillover_weight * with.world.zones.patents[lead];
    REQUIRE(spill > 0);
    for (int member : with.mechanism().members(prov)) {
      // In force now and a year ago (an agreement formed this year has not acted yet).
      const Cooperation::Agreement* a = with.agreement(lead, member);
      const bool acted = a && a->end - with.spec.cooperation.term + 1 < with.world.year;
      (acted ? accepted : refused) += 1;
      CHECK(with.world.zones.patent_stock[member] - without.world.zones.patent_stock[member] ==
            Approx(acted ? spill : 0.0).margin(1e-9 * spill));
    }
    CHECK(with.world.zones.patent_stock[lead] == without.world.zones.patent_stock[lead]);
  }
  CAPTURE(accepted, refused);
  CHECK(accepted > 0);
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

TEST_CASE("1+N lowers polarization against the baseline (24 replicates, CRN)", "[statistical]") {
  // 24 replicates: the effect is a quarter of what it was when 1+N imposed its links (below), and over 8
  // replicates its fall of the top-10 share is 2.5 standard errors, of theil_between 2.3 (measured over 32).
  constexpr int kReplicates = 24;
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
  // Polarization falls: the leader's new knowledge spills into the members that accepted, they count part of
  // its agglomeration and use part of its services, and its firms move into them at half the cost
  // (docs/mechanisms/one_plus_n.md: top-10 share -0.0222, Theil T -0.0866, theil_between -0.0208 on the
  // synthetic table; -0.0091 +- 0.0007, -0.0301 +- 0.0009, -0.0101 +- 0.0007 on the published one while 1+N
  // imposed its links). Now a quarter of that (measured over 32 replicates -0.0024 +- 0.0005,
  // -0.0083 +- 0.0013, -0.0055 +- 0.0012): the links act only once both zones accept them (about three in
  // four, some years late), the baseline's zones already make their own agreements with their nearest
  // neighbours (about 195 in 2035; the networks add about 36), a leader loses export_rivalry of the services
  // it lends, and the agglomeration links count each side's employment in the other's, the leader's too.
  // The lower bounds are about ten times the measured effect, as before.
  CHECK(d_top10.mean + 3 * d_top10.se < 0);
  CHECK(d_top10.mean > -0.025);
  CHECK(d_theil.mean + 3 * d_theil.se < 0);
  CHECK(d_theil.mean > -0.1);
  CHECK(d_between.mean + 3 * d_between.se < 0);
  CHECK(d_between.mean > -0.05);
  // Total GDP by 2035: -16 +- 13 of about 49,000 while the links were imposed; now a small gain (+66 +- 16
  // over 32 replicates: the members' borrowed services and both-way agglomeration links). The claim is its
  // size: within half a percent of total GDP.
  CHECK(std::abs(d_gdp.mean) < 0.005 * gdp_total[0].front());
}
