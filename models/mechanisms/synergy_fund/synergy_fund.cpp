// Provincial synergy funds (seed 001, enabling 1:
// "成立千亿规模的协同大基金，包括开发基金、产业基金和创投基金三类，
// 用于解决协同项目，尤其是落后园区在开发建设及产业配套方面资金不足的问题").
// Production phase of every simulated year (after production, so it acts on the year's births and next year's
// market), on last year's GDP: `size` billion CNY shared over provinces by their zones' GDP, then equally
// over each province's lagging zones. Each recipient's money m (booked as external_funds) is split by the
// three shares (normalised to sum 1):
//   development: land capacity += m_dev / land_cost * zones.max_density   (persons; km2 developed x density)
//                infrastructure += m_dev                                  (the developed land's roads and
//                                                                          utilities: production's term)
//   industry:    service capacity += m_ind                                 (chain support, like own services)
//   venture:     venture capital this year = m_ven
//                (births weight x (1 + entry.venture_response * m_ven / GDP))
#include "mechanisms/synergy_fund/synergy_fund.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "zonesim/model/keys.hpp"
#include "zonesim/model/statistics.hpp"
#include "zonesim/model/world.hpp"

namespace zonesim {

namespace {
constexpr Phase kPhases[] = {Phase::production};

// Active zones of each province, smallest GDP first (ties by table order).
std::vector<std::vector<int>> zones_by_province(const World& w, const std::vector<double>& gdp) {
  std::vector<std::vector<int>> members(w.table.provinces.size());
  for (int z = 0; z < w.zone_count(); ++z)
    if (w.is_active(z))
      members[static_cast<std::size_t>(w.table.zones[static_cast<std::size_t>(z)].province)].push_back(z);
  for (auto& m : members)
    std::stable_sort(m.begin(), m.end(), [&](int a, int b) {
      return gdp[static_cast<std::size_t>(a)] < gdp[static_cast<std::size_t>(b)];
    });
  return members;
}

}  // namespace

std::vector<double> synergy_allocation(const World& w, const std::vector<double>& gdp, double size,
                                       double lagging_share) {
  std::vector<double> money(static_cast<std::size_t>(w.zone_count()), 0.0);
  const auto members = zones_by_province(w, gdp);
  std::vector<double> province_gdp(members.size(), 0.0);
  double total = 0;
  for (std::size_t p = 0; p < members.size(); ++p) {
    if (members[p].size() < 2) continue;  // a lone zone has no lagging partner to fund
    for (int z : members[p]) province_gdp[p] += gdp[static_cast<std::size_t>(z)];
    total += province_gdp[p];
  }
  if (total <= 0) return money;
  for (std::size_t p = 0; p < members.size(); ++p) {
    if (province_gdp[p] <= 0) continue;
    const auto n = static_cast<double>(members[p].size());
    const auto lagging = static_cast<std::size_t>(std::clamp(std::round(lagging_share * n), 1.0, n - 1));
    for (std::size_t i = 0; i < lagging; ++i)
      money[static_cast<std::size_t>(members[p][i])] =
          size * province_gdp[p] / total / static_cast<double>(lagging);
  }
  return money;
}

std::span<const Phase> SynergyFund::phases() const { return kPhases; }

void SynergyFund::run(Phase, World& w, const YearStats& stats) {
  const auto Z = static_cast<std::size_t>(w.zone_count());
  const std::vector<double> money = synergy_allocation(w, stats.zone[gdp], spec_.size, spec_.lagging_share);
  const double parts = spec_.development_share + spec_.industry_share + spec_.venture_share;
  const double dev = parts > 0 ? spec_.development_share / parts : 0.0;
  const double ind = parts > 0 ? spec_.industry_share / parts : 0.0;
  const double ven = parts > 0 ? spec_.venture_share / parts : 0.0;
  venture_.resize(Z, 0.0);
  ZoneState& zs = w.zones;
  for (std::size_t z = 0; z < Z; ++z) {
    zs.venture_capital[z] -= venture_[z];  // last year's fund money is spent; other sources stay
    venture_[z] = ven * money[z];
    zs.venture_capital[z] = std::max(0.0, zs.venture_capital[z]) + venture_[z];
    if (money[z] <= 0) continue;
    zs.external_funds[z] += money[z];
    zs.public_spending[z] += money[z];
    zs.infrastructure[z] += dev * money[z];  // the developed land's infrastructure
    zs.land_capacity[z] += dev * money[z] / spec_.land_cost * max_density_;
    zs.service_capacity[z] += ind * money[z];
  }
}

std::unique_ptr<Model> make_synergy_fund(const ScenarioSpec& spec) {
  if (!spec.mechanisms.synergy_fund.enabled) return nullptr;
  return std::make_unique<SynergyFund>(spec.mechanisms.synergy_fund, spec.zones.max_density);
}

// Its keys, mechanisms.synergy_fund.* (docs/parameters.md).
void declare_synergy_fund(KeyCatalogue& keys) {
  using T = SynergyFundSpec;
  Rows<T> r(
      keys, "mechanisms.synergy_fund", [](ScenarioSpec & s) -> auto& { return s.mechanisms.synergy_fund; });
  r.on(&T::enabled,
       "Provincial synergy funds for lagging zones: development, industry, venture (seed 001, enabling 1).");
  r.num("size", &T::size, 100, 0, 1e5, "billion CNY/year",
        "All provinces' funds a year, shared by provincial GDP.");
  r.num("development_share", &T::development_share, 0.4, 0, 1, "1",
        "Part for land and infrastructure (zone capacity).");
  r.num("industry_share", &T::industry_share, 0.3, 0, 1, "1",
        "Part for industrial chains (the zone's services).");
  r.num("venture_share", &T::venture_share, 0.3, 0, 1, "1", "Part for start-ups (venture capital).");
  r.num("lagging_share", &T::lagging_share, 0.5, 0, 1, "1",
        "The lagging zones of each province that receive it (by GDP).");
  r.num("land_cost", &T::land_cost, 2, 0.01, 1000, "billion CNY/km2",
        "Cost of developing one km2 of zone land.");
}

// Its rule: the fund's three parts share it out whole.
void validate_synergy_fund(const ScenarioSpec& spec, Checks& checks) {
  const SynergyFundSpec& fund = spec.mechanisms.synergy_fund;
  const double parts = fund.development_share + fund.industry_share + fund.venture_share;
  if (!fund.enabled || std::abs(parts - 1.0) <= 1e-9) return;
  char sum[32];
  std::snprintf(sum, sizeof sum, "%g", parts);
  checks.fail_at(
      "mechanisms.synergy_fund.venture_share", "mechanisms.synergy_fund",
      std::string("development_share + industry_share + venture_share = ") + sum + " (expected 1)");
}

}  // namespace zonesim
