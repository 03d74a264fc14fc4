// Strategic innovation bureau (seed 000, challenge 4: a bureau for 10-20-year disruptive research that
// tolerates 80%+ failure, judged by its "whale fall" 鲸落: the spillovers and talent failures leave).
// The `zones` largest zones (by GDP at the start; 0 = every active zone) commit budget_share of their
// discretionary budget each year. The money is earmarked (ZoneState::earmarked: the fiscal model takes it
// from services) and launches one project in the zone's largest hot sector. Each year's money leaves, win or
// lose, knowledge (patent stock += knowledge_per_billion * money) and talent (a stock += talent_per_billion *
// money that depreciates like knowledge and is added to the zone's R&D personnel, which entry reads). After
// `horizon` years the project succeeds with success_probability; success multiplies the productivity of the
// zone's enterprises in that sector by 1 + success_productivity. docs/mechanisms/strategic_bureau.md.
#include "mechanisms/strategic_bureau/strategic_bureau.hpp"

#include <algorithm>
#include <numeric>

#include "zonesim/model/keys.hpp"
#include "zonesim/model/reduce.hpp"
#include "zonesim/model/rng.hpp"
#include "zonesim/model/statistics.hpp"

namespace zonesim {

namespace {
constexpr Phase kPhases[] = {Phase::innovation, Phase::governments};
constexpr auto S = static_cast<std::size_t>(kSectorCount);
constexpr Sector kHot[] = {Sector::semiconductors, Sector::biomedicine, Sector::new_energy};

// The sector of a zone's next project: its largest hot sector by output, else its largest sector.
Sector project_sector(const std::vector<double>& output, std::size_t z) {
  const double* row = output.data() + z * S;
  Sector best = kHot[0];
  for (Sector s : kHot)
    if (row[static_cast<std::size_t>(s)] > row[static_cast<std::size_t>(best)]) best = s;
  if (row[static_cast<std::size_t>(best)] > 0) return best;
  return static_cast<Sector>(std::max_element(row, row + S) - row);
}

}  // namespace

StrategicBureau::StrategicBureau(const ScenarioSpec& spec)
    : p_(spec.mechanisms.strategic_bureau),
      g_(spec.governments),
      talent_depreciation_(spec.innovation.depreciation) {}

std::span<const Phase> StrategicBureau::phases() const { return kPhases; }

void StrategicBureau::run(Phase phase, World& w, const YearStats& stats) {
  const auto Z = static_cast<std::size_t>(w.zone_count());
  if (has_bureau_.size() != Z) {
    has_bureau_.assign(Z, 0);
    talent_.assign(Z, 0.0);
  }
  if (phase == Phase::innovation) {
    // The innovation model has just set R&D personnel from the firms' R&D; the projects' talent stays on top.
    for (std::size_t z = 0; z < Z; ++z) w.zones.rnd_personnel[z] += talent_[z];
    return;
  }
  select_zones(w, stats);
  resolve_projects(w);
  for (double& t : talent_) t *= 1 - talent_depreciation_;
  fund_projects(w, stats);
}

// The largest zones by GDP when the bureaus are set up (the initial state); with zones = 0 every active zone,
// zones approved later included.
void StrategicBureau::select_zones(const World& w, const YearStats& stats) {
  const auto Z = has_bureau_.size();
  if (p_.zones == 0) {
    for (std::size_t z = 0; z < Z; ++z) has_bureau_[z] = w.zones.active[z];
    return;
  }
  if (selected_) return;
  selected_ = true;
  std::vector<std::size_t> order;
  for (std::size_t z = 0; z < Z; ++z)
    if (w.zones.active[z]) order.push_back(z);
  const auto k = std::min(order.size(), static_cast<std::size_t>(p_.zones));
  std::partial_sort(order.begin(), order.begin() + static_cast<long>(k), order.end(), [&](auto a, auto b) {
    return stats.zone[gdp][a] != stats.zone[gdp][b] ? stats.zone[gdp][a] > stats.zone[gdp][b] : a < b;
  });
  for (std::size_t i = 0; i < k; ++i) has_bureau_[order[i]] = 1;
}

// Projects launched `horizon` years ago meet their outcome; successes raise their sector's productivity.
void StrategicBureau::resolve_projects(World& w) {
  std::vector<double> gain(has_bureau_.size() * S, 1.0);
  bool any = false;
  auto due = [&](const Project& p) { return w.step - p.launch_step >= p_.horizon; };
  for (const Project& p : projects_) {
    if (!due(p)) continue;
    const std::uint64_t agent =
        (static_cast<std::uint64_t>(p.zone) << 32) | static_cast<std::uint32_t>(p.launch_step);
    Stream rng(w.key, static_cast<std::uint64_t>(w.step), agent, Purpose::strategic_bureau);
    ++outcomes_;
    if (rng.uniform() >= p_.success_probability) continue;  // a failure: only its knowledge and talent remain
    ++successes_;
    any = true;
    gain[static_cast<std::size_t>(p.zone) * S + static_cast<std::size_t>(p.sector)] *=
        1 + p_.success_productivity;
  }
  std::erase_if(projects_, due);
  if (!any) return;
  Enterprises& f = w.enterprises;
  const std::size_t n = f.size();
#pragma omp parallel for schedule(static)
  for (std::size_t e = 0; e < n; ++e)
    if (f.flags[e] & Enterprises::alive)
      f.productivity[e] *= gain[f.zone[e] * S + static_cast<std::size_t>(f.sector[e])];
}

// This year's money: budget_share of the discretionary budget, as far as subsidies and other mechanisms'
// earmarks leave room (the fiscal model computes the same budget after the mechanisms and never overspends).
void StrategicBureau::fund_projects(World& w, const YearStats& stats) {
  const Enterprises& f = w.enterprises;
  const auto Z = has_bureau_.size();
  const std::vector<double> output = chunked_sum(f.size(), Z * S, [&](std::size_t e, double* p) {
    if (f.flags[e] & Enterprises::alive)
      p[f.zone[e] * S + static_cast<std::size_t>(f.sector[e])] += f.output[e];
  });
  ZoneState& zs = w.zones;
  for (std::size_t z = 0; z < Z; ++z) {
    if (!has_bureau_[z]) continue;
    const double discretionary =
        g_.discretionary_share * (1 + g_.city_transfer) * g_.tax_rate * stats.zone[gdp][z];
    const double room = discretionary * (1 - zs.subsidy_share[z]) - zs.earmarked[z];
    const double money = std::min(p_.budget_share * discretionary, std::max(0.0, room));
    if (money <= 0) continue;
    zs.earmarked[z] += money;
    spent_ += money;
    projects_.push_back({static_cast<int>(z), w.step, money, project_sector(output, z)});
    zs.patent_stock[z] += p_.knowledge_per_billion * money;
    talent_[z] += p_.talent_per_billion * money;
  }
}

std::unique_ptr<Model> make_strategic_bureau(const ScenarioSpec& spec) {
  if (!spec.mechanisms.strategic_bureau.enabled) return nullptr;
  return std::make_unique<StrategicBureau>(spec);
}

// Its keys, mechanisms.strategic_bureau.* (docs/parameters.md).
void declare_strategic_bureau(KeyCatalogue& keys) {
  using T = StrategicBureauSpec;
  Rows<T> r(
      keys, "mechanisms.strategic_bureau",
      [](ScenarioSpec & s) -> auto& { return s.mechanisms.strategic_bureau; });
  r.on(&T::enabled,
       "Zones fund 10-20-year disruptive projects that tolerate 80%+ failure (seed 000, challenge 4).");
  r.whole("zones", &T::zones, 20, 0, 178, "1", "The largest zones that set up a bureau (0 = all).");
  r.num("budget_share", &T::budget_share, 0.1, 0, 1, "1",
        "Share of the discretionary budget committed to projects.");
  r.whole("horizon", &T::horizon, 10, 1, 50, "year", "Years from a project's launch to its outcome.");
  r.num("success_probability", &T::success_probability, 0.15, 0, 1, "1", "A project's chance of success.");
  r.num("success_productivity", &T::success_productivity, 0.3, 0, 5, "1",
        "Productivity gain of the zone's enterprises in the project's sector when it succeeds.");
  r.num(
      "knowledge_per_billion", &T::knowledge_per_billion, 50, 0, 1e5, "1/billion CNY",
      "Patent-equivalents added to the zone's knowledge per billion CNY spent, success or not (whale fall).");
  r.num("talent_per_billion", &T::talent_per_billion, 300, 0, 1e6, "persons/billion CNY",
        "R&D personnel the zone keeps per billion CNY spent, success or not.");
}

}  // namespace zonesim
