// Output sharing (seed 001, incentive 1:
// "对于高新区培育的迁到其他高新区的企业，企业在2年内的数据，仍计入（或按照
// 五五、三七的比例）迁出地的经济绩效；协作高新区共同投入共建的平台和项目，可以乘以约定权重后计入统计数据").
// Attribution phase, after the year's statistics: for every living enterprise that moved (move_year != 0)
// less than K years ago, origin_share of its output counts to its origin zone instead of its zone; then
// co_built_share of each equity-held zone's attributed output counts to its investors by their stakes.
// stats.zone[gdp] is never touched; the attributed total equals the real total. The tournament
// (models/core/tournament.cpp) scores attributed GDP growth, so the rule changes which zones gain from poaching
// and which lose from losing firms.
#include "mechanisms/output_sharing/output_sharing.hpp"

#include <algorithm>

#include "zonesim/model/keys.hpp"
#include "zonesim/model/reduce.hpp"
#include "zonesim/model/statistics.hpp"
#include "zonesim/model/world.hpp"

namespace zonesim {

namespace {
constexpr Phase kPhases[] = {Phase::attribution};
}

std::span<const Phase> OutputSharing::phases() const { return kPhases; }

std::vector<double> attribute_movers(const World& w, const std::vector<double>& gdp, int years,
                                     double origin_share) {
  const Enterprises& f = w.enterprises;
  const auto Z = static_cast<std::size_t>(w.zone_count());
  const int year = w.year;
  // [0, Z): output counted away from the zone where it is produced; [Z, 2Z): output counted to the origin.
  const std::vector<double> shifted = chunked_sum(f.size(), 2 * Z, [&](std::size_t e, double* p) {
    if (!(f.flags[e] & Enterprises::alive) || f.move_year[e] == 0 || year - f.move_year[e] >= years) return;
    if (f.origin_zone[e] == f.zone[e]) return;
    const double share = origin_share * f.output[e];
    p[f.zone[e]] += share;
    p[Z + f.origin_zone[e]] += share;
  });
  std::vector<double> attributed(Z);
  // A zone cannot count away more than it produces; max() only absorbs rounding.
  for (std::size_t z = 0; z < Z; ++z) attributed[z] = std::max(0.0, gdp[z] - shifted[z]) + shifted[Z + z];
  return attributed;
}

void attribute_co_built(const World& w, const std::vector<double>& gdp, double co_built_share,
                        std::vector<double>& attributed) {
  if (co_built_share <= 0) return;
  const auto Z = static_cast<std::size_t>(w.zone_count());
  const std::vector<double> before = attributed;  // every transfer is a share of the movers' attribution
  for (std::size_t b = 0; b < Z; ++b) {
    if (gdp[b] <= 0) continue;
    double stakes = 0;
    for (std::size_t a = 0; a < Z; ++a)
      if (a != b) stakes += std::min(1.0, w.equity[a * Z + b] / gdp[b]);
    if (stakes <= 0) continue;
    const double scale = stakes > 1 ? 1 / stakes : 1.0;
    for (std::size_t a = 0; a < Z; ++a) {
      if (a == b || w.equity[a * Z + b] <= 0) continue;
      const double moved = co_built_share * scale * std::min(1.0, w.equity[a * Z + b] / gdp[b]) * before[b];
      attributed[b] -= moved;
      attributed[a] += moved;
    }
    attributed[b] = std::max(0.0, attributed[b]);  // rounding only: the stakes sum to at most 1
  }
}

double resistance_factor(const OutputSharingSpec& spec) {
  const int horizon = std::max(spec.official_horizon, 1);
  const double kept = spec.origin_share * std::min(spec.years, horizon) / static_cast<double>(horizon);
  return 1 - spec.origin_resistance * kept;
}

void OutputSharing::lower_resistance(World& w) {
  const double factor = resistance_factor(spec_);
  auto& m = w.move_cost_factor;
  if (written_.empty()) written_.assign(m.size(), -1.0), found_.assign(m.size(), 1.0);
  for (std::size_t i = 0; i < m.size(); ++i) {
    if (m[i] != written_[i]) found_[i] = m[i];  // first time, or another mechanism set it since
    m[i] = written_[i] = found_[i] * factor;
  }
}

void OutputSharing::run(Phase, World& w, const YearStats& stats) {
  lower_resistance(w);
  // What governments' valuations read (docs/decisions.md): the bidder books less of a mover, the origin
  // loses less; an investor books its co-built share.
  w.attribution = AttributionRule{spec_.years, spec_.origin_share, spec_.co_built_share};
  const std::vector<double>& gdp_real = stats.zone[gdp];
  std::vector<double> attributed = attribute_movers(w, gdp_real, spec_.years, spec_.origin_share);
  attribute_co_built(w, gdp_real, spec_.co_built_share, attributed);
  w.zones.attributed_gdp = std::move(attributed);
}

std::unique_ptr<Model> make_output_sharing(const ScenarioSpec& spec) {
  if (!spec.mechanisms.output_sharing.enabled) return nullptr;
  return std::make_unique<OutputSharing>(spec.mechanisms.output_sharing);
}

// Its keys, mechanisms.output_sharing.* (docs/parameters.md).
void declare_output_sharing(KeyCatalogue& keys) {
  using T = OutputSharingSpec;
  Rows<T> r(
      keys, "mechanisms.output_sharing",
      [](ScenarioSpec & s) -> auto& { return s.mechanisms.output_sharing; });
  r.on(&T::enabled, "A moved enterprise's output counts to its origin for K years (seed 001, incentive 1).");
  r.whole("years", &T::years, 2, 1, 30, "year",
          "K: years after a move during which the origin keeps its share.");
  r.num("origin_share", &T::origin_share, 0.5, 0, 1, "1",
        "Share counted to the origin: 1 (wholly), 0.5 (50:50), 0.3 (30:70).");
  r.num("co_built_share", &T::co_built_share, 0.5, 0, 1, "1",
        "Share of a co-built project's output (equity-held) counted to the investors, by their stakes.");
  r.num("origin_resistance", &T::origin_resistance, 0, 0, 1, "1",
        "Share of the moving cost between zones that is the origin's resistance, falling by the share of the "
        "mover's output the origin keeps over official_horizon: a reduced form of the origin's resistance, 0 "
        "by "
        "default because origins now resist by deciding (retention offers weigh the loss the sharing rule "
        "leaves them, docs/decisions.md); set it to add resistance the decisions do not model.");
  r.whole("official_horizon", &T::official_horizon, 5, 1, 50, "year",
          "Years over which the origin's officials weigh the loss of a mover (a term of office).");
}

}  // namespace zonesim
