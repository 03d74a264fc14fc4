// The GDP tournament (seed 001 section 1; seed 000 challenges 1 and 3): officials are judged on ATTRIBUTED
// statistics relative to rivals. Each criterion is standardised across zones; the score is their weighted
// sum (the green criterion: the fall of energy use per industrial value added, seed 004); pressure = provincial_rivalry * (share of the province's other zones scoring higher)
//          + (1 - provincial_rivalry) * (share of all other zones scoring higher).
#include "core/tournament.hpp"

#include <cmath>

#include "zonesim/model/statistics.hpp"
#include "zonesim/model/world.hpp"

namespace zonesim {

namespace {
constexpr Phase kPhases[] = {Phase::governments};

// Standardised across the active zones (mean 0, s.d. 1); 0 for the others and when all are equal. Returns
// the s.d.
double standardise(std::vector<double>& v, const std::vector<std::uint8_t>& active) {
  double n = 0, mean = 0, sq = 0;
  for (std::size_t z = 0; z < v.size(); ++z)
    if (active[z]) n += 1, mean += v[z];
  mean = n > 0 ? mean / n : 0.0;
  for (std::size_t z = 0; z < v.size(); ++z)
    if (active[z]) sq += (v[z] - mean) * (v[z] - mean);
  const double sd = n > 0 ? std::sqrt(sq / n) : 0.0;
  for (std::size_t z = 0; z < v.size(); ++z) v[z] = active[z] && sd > 0 ? (v[z] - mean) / sd : 0.0;
  return sd;
}

// Log growth; 0 for a zone with nothing last year (not yet active, or just entered).
double growth(double now, double before) { return before > 0 ? std::log((now + 1e-9) / before) : 0.0; }

}  // namespace

EvaluationSpec effective_weights(const World& world, int z) {
  return effective_weights(world.zones.evaluation[static_cast<std::size_t>(z)],
                           world.zones.national_orientation[static_cast<std::size_t>(z)]);
}

EvaluationSpec effective_weights(const EvaluationSpec& evaluation, double national_orientation) {
  const double local = 1 - national_orientation, national = national_orientation;
  EvaluationSpec w = evaluation;
  for (double* x : {&w.gdp, &w.tax, &w.innovation, &w.cooperation, &w.radiation, &w.national, &w.green})
    *x *= local;
  w.innovation += 0.5 * national;
  w.national += 0.5 * national;
  return w;
}

std::span<const Phase> Tournament::phases() const { return kPhases; }

// The seven criteria per zone, in the order gdp, tax, innovation, cooperation, radiation, national, green.
std::vector<std::vector<double>> Tournament::criteria(const World& w, const YearStats& s) {
  const auto Z = static_cast<std::size_t>(w.zone_count());
  if (last_gdp_.empty()) {  // the first year compares with the initial state (attributed = real GDP)
    for (int z = 0; z < w.zone_count(); ++z) {
      const Zone& zone = w.table.zones[z];
      const double on = w.is_active(z) ? 1.0 : 0.0;
      last_gdp_.push_back(on * zone.gdp);
      last_revenue_.push_back(on * g_.tax_rate * zone.gdp);
      last_patents_.push_back(on * zone.patents);
      last_intensity_.push_back(w.zones.energy_intensity[static_cast<std::size_t>(z)]);
    }
  }
  std::vector<double> coop(Z, 0.0), diffused(Z, 0.0);
  for (auto [it, end] = boost::edges(w.graph); it != end; ++it) {
    const EdgeProps& e = w.graph[*it];
    const VertexProps &a = w.graph[boost::source(*it, w.graph)], &b = w.graph[boost::target(*it, w.graph)];
    if (e.type != EdgeType::cooperation || a.kind != VertexKind::zone || b.kind != VertexKind::zone) continue;
    coop[a.index] += e.weight;
    coop[b.index] += e.weight;
    diffused[a.index] += spill_ * e.weight * w.zones.patents[a.index];
  }
  std::vector<std::vector<double>> c(7, std::vector<double>(Z));
  for (std::size_t z = 0; z < Z; ++z) {
    const double firms_z = std::max(s.zone[firms][z], 1.0);
    c[0][z] = growth(w.zones.attributed_gdp[z], last_gdp_[z]);
    c[1][z] = growth(w.zones.revenue[z], last_revenue_[z]);
    c[2][z] = last_gdp_[z] > 0 ? growth(s.zone[patents][z] + 1, last_patents_[z] + 1) : 0.0;
    c[3][z] = coop[z];
    c[4][z] = s.zone[relocations_out][z] / firms_z + diffused[z] / (w.zones.patent_stock[z] + 1);
    c[5][z] = s.zone[hightech_firms][z] / firms_z;
    c[6][z] = -growth(w.zones.energy_intensity[z], last_intensity_[z]);
    last_intensity_[z] = w.zones.energy_intensity[z];
    last_gdp_[z] = w.zones.attributed_gdp[z];
    last_revenue_[z] = w.zones.revenue[z];
    last_patents_[z] = s.zone[patents][z];
  }
  // An investor counts its equity share of each investee's growth as its own (cross-holding, docs/specification.md 5.1).
  const std::vector<double> own_growth = c[0];
  for (std::size_t a = 0; a < Z; ++a)
    for (std::size_t b = 0; b < Z; ++b) {
      const double held = w.equity[a * Z + b];
      if (held > 0 && s.zone[gdp][b] > 0) c[0][a] += std::min(1.0, held / s.zone[gdp][b]) * own_growth[b];
    }
  for (std::size_t i = 0; i < c.size(); ++i) scale_[i] = standardise(c[i], w.zones.active);
  return c;
}

void Tournament::run(Phase, World& w, const YearStats& stats) {
  const auto Z = static_cast<std::size_t>(w.zone_count());
  const auto c = criteria(w, stats);
  w.criterion_scale = scale_;
  auto& score = w.zones.tournament_score;
  for (std::size_t z = 0; z < Z; ++z) {
    const EvaluationSpec k = effective_weights(w, static_cast<int>(z));
    const double weight[7] = {k.gdp, k.tax, k.innovation, k.cooperation, k.radiation, k.national, k.green};
    score[z] = 0;
    for (int i = 0; i < 7; ++i) score[z] += weight[i] * c[static_cast<std::size_t>(i)][z];
  }
  double active = 0;
  for (std::size_t z = 0; z < Z; ++z) active += w.zones.active[z];
  for (std::size_t z = 0; z < Z; ++z) {
    double above_province = 0, in_province = 0, above = 0;
    w.zones.tournament_pressure[z] = 0;
    if (!w.zones.active[z]) continue;  // zones not yet national are not in the tournament
    for (std::size_t r = 0; r < Z; ++r) {
      if (r == z || !w.zones.active[r]) continue;
      const bool same = w.table.zones[r].province == w.table.zones[z].province;
      in_province += same;
      above += score[r] > score[z];
      above_province += same && score[r] > score[z];
    }
    const double national = active > 1 ? above / (active - 1) : 0.0;
    const double provincial = in_province > 0 ? above_province / in_province : national;
    w.zones.tournament_pressure[z] =
        g_.provincial_rivalry * provincial + (1 - g_.provincial_rivalry) * national;
  }
}

}  // namespace zonesim
