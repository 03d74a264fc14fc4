// Provincial "1+N" networks (seed 001 section 3: 以一流园区为主导的"1+N"合作网络, 以特别合作区或分园的形式).
// Per province with two or more active zones, a leader (largest GDP, or the provincial capital's main zone)
// and the N weakest others. The province's guidance does not impose the links: each year it proposes every
// link leader -> member that is not in force (World::guided_links) and pays cost_share of its running cost;
// the two zones accept or refuse it like any agreement (models/core/cooperation.cpp), on the network's
// terms: cooperation edges of the types switched on (tech_enabling: weight spillover_weight, knowledge
// spills along it; chain_extension: weight chain_link, each side's own-sector employment counts in the
// other's agglomeration; cross_fusion: weight fusion_link, total employment), the moving cost from leader
// into member cut by move_cost_discount, and service_export_share of the leader's services lent to the
// member. Networks are durable: formed once per province, joined by zones that enter later while there is
// room.
#include "mechanisms/one_plus_n/one_plus_n.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "zonesim/model/keys.hpp"
#include "zonesim/model/statistics.hpp"

namespace zonesim {

namespace {
constexpr Phase kPhases[] = {Phase::governments};

// Host cities of the provincial governments (the capitals of the 31 province-level units).
// clang-format aligns these by bytes, not characters.
// clang-format off
constexpr std::array<std::string_view, 31> kCapitals = {
    "北京", "天津", "石家庄", "太原", "呼和浩特", "沈阳", "长春", "哈尔滨", "上海", "南京", "杭州",
    "合肥", "福州", "南昌", "济南", "郑州", "武汉", "长沙", "广州", "南宁", "海口", "重庆",
    "成都", "贵阳", "昆明", "拉萨", "西安", "兰州", "西宁", "银川", "乌鲁木齐"};
// clang-format on

bool in_capital(const Zone& z) {
  return std::find(kCapitals.begin(), kCapitals.end(), z.city_zh) != kCapitals.end();
}

// A city's main zone is named after its city or its province (长春高新区, 青海高新区);
// where two are (长春净月 too), the larger leads.
bool named_after_place(const Zone& z) {
  return z.name_zh.starts_with(z.city_zh) || z.name_zh.starts_with(z.province_zh);
}

// The zone of `candidates` passing `keep` with the largest GDP (lowest index on ties), or -1.
template <class Keep>
int largest(const std::vector<int>& candidates, const std::vector<double>& gdp, Keep&& keep) {
  int best = -1;
  for (int z : candidates)
    if (keep(z) && (best < 0 || gdp[z] > gdp[best])) best = z;
  return best;
}

}  // namespace

int choose_leader(const ZoneTable& table, const std::vector<int>& active, const std::vector<double>& gdp,
                  const std::string& rule) {
  const auto all = [](int) { return true; };
  if (rule != "capital") return largest(active, gdp, all);
  const auto main_capital = [&](int z) {
    return in_capital(table.zones[z]) && named_after_place(table.zones[z]);
  };
  const auto capital = [&](int z) { return in_capital(table.zones[z]); };
  for (int found : {largest(active, gdp, main_capital), largest(active, gdp, capital)})
    if (found >= 0) return found;
  return largest(active, gdp, all);
}

std::span<const Phase> OnePlusN::phases() const { return kPhases; }

void OnePlusN::run(Phase, World& w, const YearStats& stats) {
  update_networks(w, stats);
  propose_links(w);
}

// Provinces reaching two active zones form their network; zones entering a province that has one join it
// while it has room (N = 0: always).
void OnePlusN::update_networks(World& w, const YearStats& stats) {
  const std::size_t provinces = w.table.provinces.size();
  if (leader_.empty()) {
    leader_.assign(provinces, -1);
    members_.assign(provinces, {});
    considered_.assign(static_cast<std::size_t>(w.zone_count()), 0);
  }
  std::vector<std::vector<int>> active(provinces);
  for (int z = 0; z < w.zone_count(); ++z)
    if (w.is_active(z)) active[static_cast<std::size_t>(w.table.zones[z].province)].push_back(z);
  for (std::size_t p = 0; p < provinces; ++p) {
    if (leader_[p] < 0 && active[p].size() >= 2) form(w, static_cast<int>(p), active[p], stats);
    for (int z : active[p]) {
      if (considered_[z]) continue;
      considered_[z] = 1;
      const bool room = p_.members == 0 || static_cast<int>(members_[p].size()) < p_.members;
      if (leader_[p] >= 0 && z != leader_[p] && room) members_[p].push_back(z);
    }
  }
}

void OnePlusN::form(World& w, int province, const std::vector<int>& active, const YearStats& stats) {
  const std::vector<double>& gdp = stats.zone[ZoneVar::gdp];
  const int lead = choose_leader(w.table, active, gdp, p_.leader_rule);
  std::vector<int> others;
  for (int z : active)
    if (z != lead) others.push_back(z);
  std::stable_sort(others.begin(), others.end(), [&](int a, int b) { return gdp[a] < gdp[b]; });
  if (p_.members > 0 && static_cast<int>(others.size()) > p_.members)
    others.resize(static_cast<std::size_t>(p_.members));
  const auto p = static_cast<std::size_t>(province);
  leader_[p] = lead;
  for (int z : active) considered_[z] = 1;
  for (int m : others) members_[p].push_back(m);
}

// The links the provinces' guidance proposes this year, on the networks' terms.
void OnePlusN::propose_links(World& w) const {
  w.guided_links.clear();
  for (std::size_t p = 0; p < leader_.size(); ++p)
    for (int m : members_[p]) {
      GuidedLink t;
      t.leader = leader_[p];
      t.member = m;
      t.service_export_share = p_.service_export_share;
      t.spillover_weight = p_.spillover_weight;
      t.chain_link = p_.chain_link;
      t.fusion_link = p_.fusion_link;
      t.move_cost_discount = p_.move_cost_discount;
      t.tech_enabling = p_.tech_enabling;
      t.chain_extension = p_.chain_extension;
      t.cross_fusion = p_.cross_fusion;
      t.cost_share = p_.cost_share;
      w.guided_links.push_back(t);
    }
}

std::unique_ptr<Model> make_one_plus_n(const ScenarioSpec& spec) {
  if (!spec.mechanisms.one_plus_n.enabled) return nullptr;
  return std::make_unique<OnePlusN>(spec);
}

// Its keys, mechanisms.one_plus_n.* (docs/parameters.md).
void declare_one_plus_n(KeyCatalogue& keys) {
  using T = OnePlusNSpec;
  Rows<T> r(
      keys, "mechanisms.one_plus_n", [](ScenarioSpec & s) -> auto& { return s.mechanisms.one_plus_n; });
  r.on(&T::enabled,
       "Provincial \"1+N\" networks: the first-class zone leads N weaker zones (seed 001, section 3).");
  r.word("leader_rule", &T::leader_rule, "largest", {"largest", "capital"},
         "The leader: the province's largest zone by GDP, or the main zone of the provincial capital.");
  r.whole("members", &T::members, 3, 0, 100, "1",
          "N: the weakest zones of the province that the leader leads (0 = all).");
  r.flag("tech_enabling", &T::tech_enabling, true,
         "Tech-enabling cooperation: knowledge spills from leader to members.");
  r.flag("chain_extension", &T::chain_extension, true,
         "Chain-extension cooperation: members share the leader's own-sector agglomeration (up/downstream).");
  r.flag("cross_fusion", &T::cross_fusion, true,
         "Cross-fusion cooperation: members share the leader's all-sector agglomeration.");
  r.num("service_export_share", &T::service_export_share, 0.2, 0, 1, "1",
        "Share of the leader's service capacity (brand, platforms) that each member uses.");
  r.num("spillover_weight", &T::spillover_weight, 1, 0, 10, "1",
        "Weight of the tech-enabling cooperation edge.");
  r.num("chain_link", &T::chain_link, 0.1, 0, 1, "1",
        "Leader's own-sector employment counted in a member's agglomeration.");
  r.num("fusion_link", &T::fusion_link, 0.05, 0, 1, "1",
        "Leader's total employment counted in a member's agglomeration.");
  r.num("move_cost_discount", &T::move_cost_discount, 0.5, 0, 1, "1",
        "Cut of the moving cost from the leader into its members (branch parks take its overflow).");
  r.num("cost_share", &T::cost_share, 1, 0, 1, "1",
        "Provincial guidance: share of a network agreement's running cost (cooperation.cost) that the "
        "province pays; the province proposes each link every year until both zones accept (assumed).");
}

}  // namespace zonesim
