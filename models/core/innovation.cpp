// Innovation (seed 001 on knowledge spillovers along cooperation; seed 000 challenge 4 on disruptive R&D):
// success probability 1 - exp(-lambda * (rho / mean rho) * (K_z / mean K)^chi) raises productivity by a step;
// patents ~ Poisson(yield_z * R&D spend * (K_z / mean K)^chi) per zone; K_z depreciates and receives a share
// of cooperation partners' new patents along the graph's cooperation edges.
#include "core/innovation.hpp"

#include <algorithm>
#include <cmath>

#include "zonesim/model/economy.hpp"
#include "zonesim/model/reduce.hpp"
#include "zonesim/model/rng.hpp"

namespace zonesim {

namespace {
constexpr Phase kPhases[] = {Phase::innovation};

// (K_z / mean K)^chi for every zone.
std::vector<double> knowledge_terms(const World& w, double chi) {
  const auto& k = w.zones.patent_stock;
  double sum = 0, active = 0;
  for (std::size_t z = 0; z < k.size(); ++z)
    if (w.zones.active[z]) sum += k[z], active += 1;
  const double mean = active > 0 ? sum / active : 0.0;
  std::vector<double> out(k.size());
  for (std::size_t z = 0; z < k.size(); ++z)
    out[z] = std::pow(std::max(k[z], 1.0) / std::max(mean, 1.0), chi);
  return out;
}

}  // namespace

std::span<const Phase> Innovation::phases() const { return kPhases; }

// A zone's patent yield, initial R&D spending and R&D personnel are calibrated the first time it is active,
// so that its expected patents equal its figures then (zones differ in patenting efficiency).
void Innovation::calibrate(const World& w, const std::vector<double>& spend,
                           const std::vector<double>& kterm) {
  const auto Z = spend.size();
  if (!calibrated_) {
    const Enterprises& f = w.enterprises;
    const std::vector<double> s = chunked_sum(f.size(), 2, [&](std::size_t e, double* p) {
      if (!(f.flags[e] & Enterprises::alive)) return;
      p[0] += f.rnd_intensity[e];
      p[1] += 1;
    });
    mean_rnd_intensity_ = s[0] / std::max(s[1], 1.0);
    patent_yield_.assign(Z, -1.0);  // -1: not calibrated yet
    initial_spend_.assign(Z, 0.0);
    initial_rnd_personnel_.assign(Z, 0.0);
    calibrated_ = true;
  }
  for (std::size_t z = 0; z < Z; ++z) {
    if (patent_yield_[z] >= 0 || !w.zones.active[z]) continue;
    patent_yield_[z] = spend[z] > 0 ? w.zones.patents[z] / (spend[z] * kterm[z]) : 0.0;
    initial_spend_[z] = spend[z];
    initial_rnd_personnel_[z] = w.zones.rnd_personnel[z];
  }
}

void Innovation::run(Phase, World& w, const YearStats&) {
  Enterprises& f = w.enterprises;
  const auto Z = static_cast<std::size_t>(w.zone_count());
  const std::vector<double> kterm = knowledge_terms(w, p_.knowledge_elasticity);
  // R&D spending per zone (patents are Poisson in it), output and employment for the high-tech bar.
  std::vector<double> sums = chunked_sum(f.size(), Z + 2, [&](std::size_t e, double* p) {
    if (!(f.flags[e] & Enterprises::alive)) return;
    p[f.zone[e]] += f.rnd_intensity[e] * f.output[e];
    p[Z] += f.output[e];
    p[Z + 1] += f.employment[e];
  });
  const std::vector<double> spend(sums.begin(), sums.begin() + static_cast<long>(Z));
  const double mean_productivity = sums[Z] / std::max(sums[Z + 1], 1.0);
  calibrate(w, spend, kterm);

  const double lambda = -std::log(std::max(1e-12, 1.0 - std::min(p_.success_probability, 1.0 - 1e-12)));
  const double step = 1.0 + p_.productivity_step;
  const double lambda_per_intensity = mean_rnd_intensity_ > 0 ? lambda / mean_rnd_intensity_ : 0.0;
  const std::size_t n = f.size();
#pragma omp parallel
  {
    LaneUniforms draws(w.key, static_cast<std::uint64_t>(w.step), Purpose::innovation_success);
#pragma omp for schedule(static)
    for (std::size_t e = 0; e < n; ++e) {
      if (!(f.flags[e] & Enterprises::alive)) continue;
      // In float: a probability compared with a uniform needs no more (expf is several times cheaper).
      const auto p_success =
          1.0F - std::exp(static_cast<float>(-lambda_per_intensity * f.rnd_intensity[e] * kterm[f.zone[e]]));
      if (draws.uniform(e) < p_success) f.productivity[e] *= step;
      const bool hightech =
          qualifies_hightech(e_, f.rnd_intensity[e], f.output[e], f.employment[e], mean_productivity);
      f.flags[e] = static_cast<std::uint8_t>(hightech ? f.flags[e] | Enterprises::hightech
                                                      : f.flags[e] & ~Enterprises::hightech);
    }
  }

  // Patents per zone: the sum of the enterprises' Poisson counts is Poisson in the zone's total mean.
  for (std::size_t z = 0; z < Z; ++z) {
    if (!w.zones.active[z]) continue;
    Stream rng(w.key, static_cast<std::uint64_t>(w.step), z, Purpose::zone_patents);
    w.zones.patents[z] = static_cast<double>(rng.poisson(patent_yield_[z] * spend[z] * kterm[z]));
    w.zones.rnd_personnel[z] =
        initial_spend_[z] > 0 ? initial_rnd_personnel_[z] * spend[z] / initial_spend_[z] : 0.0;
  }
  // Knowledge stocks: depreciation, own patents, spillover along cooperation edges (source -> target).
  std::vector<double> inflow(Z, 0.0);
  for (auto [it, end] = boost::edges(w.graph); it != end; ++it) {
    const EdgeProps& edge = w.graph[*it];
    if (edge.type != EdgeType::cooperation) continue;
    const VertexProps& from = w.graph[boost::source(*it, w.graph)];
    const VertexProps& to = w.graph[boost::target(*it, w.graph)];
    if (from.kind != VertexKind::zone || to.kind != VertexKind::zone) continue;
    inflow[static_cast<std::size_t>(to.index)] +=
        p_.cooperation_spillover * edge.weight * w.zones.patents[static_cast<std::size_t>(from.index)];
  }
  for (std::size_t z = 0; z < Z; ++z)
    if (w.zones.active[z])
      w.zones.patent_stock[z] =
          (1.0 - p_.depreciation) * w.zones.patent_stock[z] + w.zones.patents[z] + inflow[z];
}

}  // namespace zonesim
