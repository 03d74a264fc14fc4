// Provincial transfer payments (seed 001 incentive 3: 省层面对共建项目直接支持, 对"吃亏"的一方给予补偿).
// Each simulated year, in the governments phase, for every pair of zones linked by a cooperation or equity
// edge (made by one_plus_n or cross_holding):
//   compensation to a = compensation_rate * tax_rate * output this year of the living enterprises that moved
//                       from a to its partner b in the last compensation_years years (and the same for b);
//   project funding    = project_funding a year per linked pair, half to each side.
// The province's money goes to the receiving zone's service capacity (what a zone does with discretionary
// money it does not set aside for subsidies) and is recorded as ZoneState::external_funds.
#include "mechanisms/transfer_payments/transfer_payments.hpp"

#include <algorithm>

#include "zonesim/model/keys.hpp"
#include "zonesim/model/reduce.hpp"
#include "zonesim/model/statistics.hpp"

namespace zonesim {

namespace {
constexpr Phase kPhases[] = {Phase::governments};

void receive(World& w, int zone, double amount) {
  w.zones.service_capacity[static_cast<std::size_t>(zone)] += amount;
  w.zones.external_funds[static_cast<std::size_t>(zone)] += amount;
  w.zones.public_spending[static_cast<std::size_t>(zone)] += amount;
}

}  // namespace

std::vector<std::pair<int, int>> partner_pairs(const World& w) {
  std::vector<std::pair<int, int>> pairs;
  for (auto [it, end] = boost::edges(w.graph); it != end; ++it) {
    const EdgeType type = w.graph[*it].type;
    if (type != EdgeType::cooperation && type != EdgeType::equity) continue;
    const VertexProps &a = w.graph[boost::source(*it, w.graph)], &b = w.graph[boost::target(*it, w.graph)];
    if (a.kind != VertexKind::zone || b.kind != VertexKind::zone || a.index == b.index) continue;
    pairs.emplace_back(std::min(a.index, b.index), std::max(a.index, b.index));
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  return pairs;
}

std::span<const Phase> TransferPayments::phases() const { return kPhases; }

void TransferPayments::run(Phase, World& w, const YearStats&) {
  compensation_paid_ = project_funding_paid_ = 0;
  // What zones count on when they weigh an agreement (models/core/cooperation.cpp).
  w.cooperation_terms = CooperationTerms{p_.project_funding, p_.compensation_rate};
  // The initial state is the zone table's: money flows from the first simulated year.
  if (w.step == 0) return;
  const std::vector<std::pair<int, int>> links = partner_pairs(w);
  if (links.empty()) return;
  compensate(w, links);
  fund_projects(w, links);
}

// The revenue a zone loses with the enterprises that moved to a partner, for compensation_years after the
// move.
void TransferPayments::compensate(World& w, const std::vector<std::pair<int, int>>& links) {
  const auto Z = static_cast<std::size_t>(w.zone_count());
  std::vector<int> slot(Z * Z, -1);  // [origin * Z + destination] -> column of the sum
  for (std::size_t i = 0; i < links.size(); ++i) {
    const auto [a, b] = links[i];
    slot[w.pair(a, b)] = static_cast<int>(2 * i);
    slot[w.pair(b, a)] = static_cast<int>(2 * i + 1);
  }
  const Enterprises& f = w.enterprises;
  const int year = w.year, years = p_.compensation_years;
  const std::vector<double> lost = chunked_sum(f.size(), 2 * links.size(), [&](std::size_t e, double* p) {
    if (!(f.flags[e] & Enterprises::alive) || f.move_year[e] == 0 || year - f.move_year[e] >= years) return;
    const int column = slot[static_cast<std::size_t>(f.origin_zone[e]) * Z + f.zone[e]];
    if (column >= 0) p[column] += f.output[e];
  });
  for (std::size_t i = 0; i < links.size(); ++i) {
    const auto [a, b] = links[i];
    const double to_a = p_.compensation_rate * tax_rate_ * lost[2 * i];  // a lost enterprises to b
    const double to_b = p_.compensation_rate * tax_rate_ * lost[2 * i + 1];
    receive(w, a, to_a);
    receive(w, b, to_b);
    compensation_paid_ += to_a + to_b;
  }
}

void TransferPayments::fund_projects(World& w, const std::vector<std::pair<int, int>>& links) {
  for (const auto& [a, b] : links) {
    receive(w, a, 0.5 * p_.project_funding);
    receive(w, b, 0.5 * p_.project_funding);
    project_funding_paid_ += p_.project_funding;
  }
}

std::unique_ptr<Model> make_transfer_payments(const ScenarioSpec& spec) {
  if (!spec.mechanisms.transfer_payments.enabled) return nullptr;
  return std::make_unique<TransferPayments>(spec);
}

// Its keys, mechanisms.transfer_payments.* (docs/parameters.md).
void declare_transfer_payments(KeyCatalogue& keys) {
  using T = TransferPaymentsSpec;
  Rows<T> r(
      keys, "mechanisms.transfer_payments",
      [](ScenarioSpec & s) -> auto& { return s.mechanisms.transfer_payments; });
  r.on(&T::enabled,
       "The province funds co-built projects and compensates the losing side (seed 001, incentive 3).");
  r.num("compensation_rate", &T::compensation_rate, 0.5, 0, 1, "1",
        "Share of the fiscal revenue lost with enterprises moving to a partner zone that the province pays "
        "back.");
  r.num("project_funding", &T::project_funding, 1, 0, 1000, "billion CNY/year",
        "Provincial funding per co-built project (cooperation or equity link) a year.");
  r.whole(
      "compensation_years", &T::compensation_years, 2, 1, 30, "year",
      "Years after a move to a partner zone during which the province compensates the revenue lost with it.");
}

}  // namespace zonesim
