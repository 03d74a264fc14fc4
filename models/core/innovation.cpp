// Innovation (seed 001 on knowledge spillovers along cooperation; seed 000 challenge 4 on disruptive R&D):
// success probability 1 - exp(-lambda * (rho / mean rho) * q_z * (K_z / K0)^chi) raises productivity by a
// step; patents ~ Poisson(yield_z * R&D input_z * (K_z / K0)^chi) per zone, R&D input_z = spending_z * q_z /
// pay level, q_z the talent market's input ratio (models/core/talent.cpp: 1 with the initial staffing, less
// when talent is scarce) and the pay level deflating spending to the research it buys (R&D is mostly pay). K0 is the initial state's mean knowledge stock, fixed as in production, so knowledge given to one
// zone takes nothing from another's innovation. K_z depreciates and receives a share of cooperation partners'
// new patents along the graph's cooperation edges.
#include "core/innovation.hpp"

#include <algorithm>
#include <cmath>

#include "zonesim/model/economy.hpp"
#include "zonesim/model/reduce.hpp"
#include "zonesim/model/rng.hpp"

namespace zonesim {

namespace {
constexpr Phase kPhases[] = {Phase::innovation};

}  // namespace

// (K_z / K0)^chi for every zone; K0 is fixed at the first call.
std::vector<double> Innovation::knowledge_terms(const World& w) {
  const auto& k = w.zones.patent_stock;
  if (reference_knowledge_ < 0) {
    double sum = 0, active = 0;
    for (std::size_t z = 0; z < k.size(); ++z)
      if (w.zones.active[z]) sum += k[z], active += 1;
    reference_knowledge_ = active > 0 ? sum / active : 0.0;
  }
  std::vector<double> out(k.size());
  for (std::size_t z = 0; z < k.size(); ++z)
    out[z] = std::pow(std::max(k[z], 1.0) / std::max(reference_knowledge_, 1.0), p_.knowledge_elasticity);
  return out;
}

std::span<const Phase> Innovation::phases() const { return kPhases; }

// A zone's patent yield is calibrated the first time it is active, so that its expected patents equal its
// figures then (zones differ in patenting efficiency).
void Innovation::calibrate(const World& w, const std::vector<double>& input,
                           const std::vector<double>& kterm) {
  const auto Z = input.size();
  if (!calibrated_) {
    const Enterprises& f = w.enterprises;
    const std::vector<double> s = chunked_sum(f.size(), 2, [&](std::size_t e, double* p) {
      if (!(f.flags[e] & Enterprises::alive)) return;
      p[0] += f.rnd_intensity[e];
      p[1] += 1;
    });
    mean_rnd_intensity_ = s[0] / std::max(s[1], 1.0);
    patent_yield_.assign(Z, -1.0);  // -1: not calibrated yet
    calibrated_ = true;
  }
  for (std::size_t z = 0; z < Z; ++z) {
    if (patent_yield_[z] >= 0 || !w.zones.active[z]) continue;
    patent_yield_[z] = input[z] > 0 ? w.zones.patents[z] / (input[z] * kterm[z]) : 0.0;
  }
}

void Innovation::run(Phase, World& w, const YearStats&) {
  Enterprises& f = w.enterprises;
  const auto Z = static_cast<std::size_t>(w.zone_count());
  const std::vector<double> kterm = knowledge_terms(w);
  // Output and employment for the high-tech bar; R&D input per zone (patents are Poisson in it) from the
  // spending and input ratio the talent market has set this year.
  std::vector<double> sums = chunked_sum(f.size(), 2, [&](std::size_t e, double* p) {
    if (!(f.flags[e] & Enterprises::alive)) return;
    p[0] += f.output[e];
    p[1] += f.employment[e];
  });
  std::vector<double> input(Z), success_term(Z);
  for (std::size_t z = 0; z < Z; ++z) {
    input[z] = w.zones.rnd_spending[z] * w.zones.rnd_input_ratio[z] / w.markets.pay_level;
    success_term[z] = w.zones.rnd_input_ratio[z] * kterm[z];
  }
  const double mean_productivity = sums[0] / std::max(sums[1], 1.0);
  calibrate(w, input, kterm);

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
          1.0F -
          std::exp(static_cast<float>(-lambda_per_intensity * f.rnd_intensity[e] * success_term[f.zone[e]]));
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
    w.zones.patents[z] = static_cast<double>(rng.poisson(patent_yield_[z] * input[z] * kterm[z]));
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
