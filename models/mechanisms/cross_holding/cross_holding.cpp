// Cross-holding (seed 001 incentive 2: 资产公司交叉持股, 形成利益共同体, 鼓励先进园区持股落后园区项目).
// Each simulated year, in the governments phase, before the budgets:
//   0. equity E_ab is carried at the value of the capacity it built: it depreciates at service_depreciation;
//   1. dividends: investee b pays dividend_rate * E_ab to each investor a out of its service capacity (at
//      most what it has); a adds them to its own (ZoneState::external_funds records them);
//   2. investment: the top investor_share of active zones by GDP invest I_a = investment_rate * revenue_a
//      (last budget), taken from their services, in the bottom investee_share: same_province_preference of
//      I_a split equally over the lagging zones of a's province (if any), the rest in a's national partner,
//      the lagging zone outside the province with the lowest GDP + equity received, kept while it lags;
//      outside equity in a zone stays within its GDP (stakes sum to at most 1); the investee's service
//      capacity grows by capital_to_services * I, World::equity[a, b] and equity_out/equity_in by I;
//   3. an equity edge a -> b with weight = stake = min(1, E_ab / GDP_b).
// The tournament counts a's stake in b's GDP growth as a's; relocation stops a's subsidy offers to b's firms.
#include "mechanisms/cross_holding/cross_holding.hpp"

#include <algorithm>
#include <cmath>

#include "zonesim/model/keys.hpp"
#include "zonesim/model/statistics.hpp"

namespace zonesim {

namespace {
constexpr Phase kPhases[] = {Phase::governments};
constexpr double kMinAmount = 1e-9;  // billion CNY: one yuan
}  // namespace

std::span<const Phase> CrossHolding::phases() const { return kPhases; }

void CrossHolding::run(Phase, World& w, const YearStats& stats) {
  // The initial state is the zone table's: money flows from the first simulated year.
  if (w.step == 0) return;
  if (partner_.empty()) {
    partner_.assign(static_cast<std::size_t>(w.zone_count()), -1);
    has_edge_.assign(w.equity.size(), 0);
  }
  depreciate(w);
  pay_dividends(w);
  invest(w, stats);
  update_edges(w, stats);
}

// Equity is carried at the value of what it built, which depreciates like all service capacity.
void CrossHolding::depreciate(World& w) const {
  const auto Z = static_cast<std::size_t>(w.zone_count());
  ZoneState& zs = w.zones;
  std::fill(zs.equity_out.begin(), zs.equity_out.end(), 0.0);
  std::fill(zs.equity_in.begin(), zs.equity_in.end(), 0.0);
  for (std::size_t a = 0; a < Z; ++a)
    for (std::size_t b = 0; b < Z; ++b) {
      double& held = w.equity[a * Z + b];
      held *= 1 - depreciation_;
      zs.equity_out[a] += held;
      zs.equity_in[b] += held;
    }
}

void CrossHolding::pay_dividends(World& w) const {
  const auto Z = static_cast<std::size_t>(w.zone_count());
  ZoneState& zs = w.zones;
  for (std::size_t b = 0; b < Z; ++b) {
    if (zs.equity_in[b] <= 0) continue;
    const double due = p_.dividend_rate * zs.equity_in[b];
    const double paid_share = due > 0 ? std::min(1.0, zs.service_capacity[b] / due) : 0.0;
    for (std::size_t a = 0; a < Z; ++a) {
      const double paid = paid_share * p_.dividend_rate * w.equity[a * Z + b];
      if (paid <= 0) continue;
      zs.service_capacity[b] -= paid;
      zs.service_capacity[a] += paid;
      zs.external_funds[a] += paid;
    }
    zs.service_capacity[b] = std::max(0.0, zs.service_capacity[b]);  // rounding
  }
}

void CrossHolding::invest(World& w, const YearStats& stats) {
  const auto Z = static_cast<std::size_t>(w.zone_count());
  const std::vector<double>& gdp = stats.zone[ZoneVar::gdp];
  std::vector<int> order;  // active zones, largest GDP first
  for (int z = 0; z < w.zone_count(); ++z)
    if (w.is_active(z)) order.push_back(z);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return gdp[a] > gdp[b]; });
  const auto n = static_cast<double>(order.size());
  const auto investors = static_cast<std::size_t>(std::lround(p_.investor_share * n));
  const auto laggards = static_cast<std::size_t>(std::lround(p_.investee_share * n));
  std::vector<std::uint8_t> lagging(Z, 0);
  for (std::size_t i = std::max(order.size() - laggards, investors); i < order.size(); ++i)
    lagging[order[i]] = 1;
  for (std::size_t i = 0; i < investors; ++i) {
    const int a = order[i];
    const double amount = std::min(p_.investment_rate * w.zones.revenue[a], w.zones.service_capacity[a]);
    std::vector<int> home;  // lagging zones of the investor's province
    for (std::size_t b = 0; b < Z; ++b)
      if (lagging[b] && w.table.zones[b].province == w.table.zones[a].province)
        home.push_back(static_cast<int>(b));
    double away = amount;
    for (int b : home) {
      const double x =
          std::min(amount * p_.same_province_preference / static_cast<double>(home.size()), room(w, gdp, b));
      buy(w, a, b, x);
      away -= x;
    }
    invest_away(w, a, away, lagging, gdp);
  }
}

// Outside investors together hold at most a zone's GDP (their stakes, equity / GDP, sum to at most 1).
double CrossHolding::room(const World& w, const std::vector<double>& gdp, int b) {
  const double left = gdp[static_cast<std::size_t>(b)] - w.zones.equity_in[static_cast<std::size_t>(b)];
  return left > kMinAmount ? left : 0.0;
}

// The rest goes to the investor's partner outside its province, kept while it lags and has room; then to the
// next partner: the lagging zone outside the province with the lowest GDP plus equity received. What finds no
// room stays with the investor.
void CrossHolding::invest_away(World& w, int a, double amount, const std::vector<std::uint8_t>& lagging,
                               const std::vector<double>& gdp) {
  const int province = w.table.zones[a].province;
  int& partner = partner_[static_cast<std::size_t>(a)];
  while (amount > kMinAmount) {
    if (partner < 0 || !lagging[partner] || room(w, gdp, partner) <= 0) {
      partner = -1;
      double lowest = 0;
      for (int b = 0; b < w.zone_count(); ++b) {
        if (!lagging[b] || w.table.zones[b].province == province || room(w, gdp, b) <= 0) continue;
        const double standing = gdp[b] + w.zones.equity_in[b];
        if (partner < 0 || standing < lowest) partner = b, lowest = standing;
      }
      if (partner < 0) return;
    }
    const double x = std::min(amount, room(w, gdp, partner));
    buy(w, a, partner, x);
    amount -= x;
  }
}

void CrossHolding::buy(World& w, int a, int b, double amount) const {
  if (amount <= 0) return;
  ZoneState& zs = w.zones;
  w.equity[w.pair(a, b)] += amount;
  zs.equity_out[a] += amount;
  zs.equity_in[b] += amount;
  zs.service_capacity[a] -= amount;
  zs.service_capacity[b] += p_.capital_to_services * amount;
  zs.external_funds[b] += amount;
  zs.public_spending[b] += amount;  // the investor's public money, spent in b
}

void CrossHolding::update_edges(World& w, const YearStats& stats) {
  const int Z = w.zone_count();
  for (int a = 0; a < Z; ++a)
    for (int b = 0; b < Z; ++b)
      if (w.equity[w.pair(a, b)] > 0 && !has_edge_[w.pair(a, b)]) {
        has_edge_[w.pair(a, b)] = 1;
        boost::add_edge(w.zone_vertex[a], w.zone_vertex[b],
                        EdgeProps{EdgeType::equity, CooperationType::none, 0.0}, w.graph);
      }
  for (auto [it, end] = boost::edges(w.graph); it != end; ++it) {
    EdgeProps& e = w.graph[*it];
    if (e.type != EdgeType::equity) continue;
    const VertexProps &from = w.graph[boost::source(*it, w.graph)],
                      &to = w.graph[boost::target(*it, w.graph)];
    if (from.kind != VertexKind::zone || to.kind != VertexKind::zone) continue;
    const double gdp = stats.zone[ZoneVar::gdp][static_cast<std::size_t>(to.index)];
    e.weight = gdp > 0 ? std::min(1.0, w.equity[w.pair(from.index, to.index)] / gdp) : 1.0;
  }
}

std::unique_ptr<Model> make_cross_holding(const ScenarioSpec& spec) {
  if (!spec.mechanisms.cross_holding.enabled) return nullptr;
  return std::make_unique<CrossHolding>(spec);
}

// Its keys, mechanisms.cross_holding.* (docs/parameters.md).
void declare_cross_holding(KeyCatalogue& keys) {
  using T = CrossHoldingSpec;
  Rows<T> r(
      keys, "mechanisms.cross_holding", [](ScenarioSpec & s) -> auto& { return s.mechanisms.cross_holding; });
  r.on(&T::enabled,
       "Advanced zones' asset companies buy equity in lagging zones' projects (seed 001, incentive 2).");
  r.num("investor_share", &T::investor_share, 0.1, 0, 1, "1",
        "The most advanced zones that invest (share of zones, by GDP).");
  r.num("investee_share", &T::investee_share, 0.5, 0, 1, "1",
        "The lagging zones invested in (share of zones, by GDP).");
  r.num("investment_rate", &T::investment_rate, 0.05, 0, 1, "1/year",
        "Yearly investment as a share of the investor's fiscal revenue.");
  r.num("dividend_rate", &T::dividend_rate, 0.06, 0, 1, "1/year",
        "Yearly dividend as a share of the equity held.");
  r.num("same_province_preference", &T::same_province_preference, 0.7, 0, 1, "1",
        "Share of the investment that stays in the investor's province when it has lagging zones.");
  r.num("capital_to_services", &T::capital_to_services, 1, 0, 10, "1",
        "Service capacity built in the investee per unit of capital received.");
}

}  // namespace zonesim
