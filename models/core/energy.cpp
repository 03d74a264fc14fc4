// Energy and carbon (seed 004: the 2021 green development plan for the national high-tech zones — by 2025
// at most 0.4 tce per 10^4 CNY of industrial value added, half of the zones below 0.3, CO2 per industrial
// value added falling at least 4% a year). Per zone z and year t:
//   energy_z   = sum_s output_zs * 10^5 * scale * r_s * e_z * (1 - efficiency_gain)^(t - t0)   (tce)
//   CO2_z      = energy_z * emission_factor * (1 - emission_decline)^(t - t0)                 (t)
//   intensities = energy_z, CO2_z per 10^4 CNY of industrial value added (the six industrial sectors),
// r_s the sector's relative intensity (kSectorEnergyIntensity) and e_z = exp(sigma * n_z) a zone's
// efficiency, n_z a standard normal from the zone's own stream. Both targets are taken as met, in the initial
// year projected with the efficiency gain and the sector mix as it is: sigma is set (by bisection) so that
// the median zone's intensity is median_intensity / target_intensity of the mean (industrial value added
// weighted), then scale so that the mean is target_intensity in target_year. A zone whose industry then grows
// in energy-heavy sectors misses the target.
#include "core/energy.hpp"

#include <algorithm>
#include <cmath>

#include "zonesim/model/reduce.hpp"
#include "zonesim/model/rng.hpp"
#include "zonesim/model/world.hpp"

namespace zonesim {

namespace {
constexpr Phase kPhases[] = {Phase::governments};
constexpr double kPer10kCny = 1e5;  // 10^4 CNY per billion CNY
}  // namespace

std::span<const Phase> Energy::phases() const { return kPhases; }

void Energy::calibrate(const World& w, const std::vector<double>& sums) {
  const auto Z = static_cast<std::size_t>(w.zone_count());
  std::vector<double> normal(Z);
  for (std::size_t z = 0; z < Z; ++z) normal[z] = Stream(w.key, 0, z, Purpose::zone_energy).normal();
  // Median over mean of the active industrial zones' intensity at spread sigma (scale 1).
  auto ratio = [&](double sigma, double* mean_out) {
    std::vector<double> intensity;
    double weighted = 0, industrial = 0;
    for (std::size_t z = 0; z < Z; ++z) {
      if (!w.zones.active[z] || sums[Z + z] <= 0) continue;
      const double e = std::exp(sigma * normal[z]);
      intensity.push_back(sums[z] * e / sums[Z + z]);
      weighted += sums[z] * e, industrial += sums[Z + z];
    }
    if (intensity.empty()) return 1.0;
    const auto mid = intensity.begin() + static_cast<long>(intensity.size() / 2);
    std::nth_element(intensity.begin(), mid, intensity.end());
    if (mean_out) *mean_out = weighted / industrial;
    return *mid / (weighted / industrial);
  };
  const double wanted = p_.median_intensity / p_.target_intensity;
  double lo = 0, hi = 4;  // the ratio falls as the spread grows
  for (int it = 0; it < 60; ++it) {
    const double mid = 0.5 * (lo + hi);
    (ratio(mid, nullptr) > wanted ? lo : hi) = mid;
  }
  sigma_ = 0.5 * (lo + hi);
  efficiency_.resize(Z);
  for (std::size_t z = 0; z < Z; ++z) efficiency_[z] = std::exp(sigma_ * normal[z]);
  double mean = 0;
  ratio(sigma_, &mean);
  scale_ =
      mean > 0 ? p_.target_intensity / std::pow(1 - p_.efficiency_gain, p_.target_year - w.year) / mean : 0.0;
}

void Energy::run(Phase, World& w, const YearStats&) {
  const Enterprises& f = w.enterprises;
  const auto Z = static_cast<std::size_t>(w.zone_count());
  // Per zone: output weighted by relative energy intensity, industrial output.
  const std::vector<double> sums = chunked_sum(f.size(), 2 * Z, [&](std::size_t e, double* p) {
    if (!(f.flags[e] & Enterprises::alive)) return;
    const auto s = f.sector[e];
    p[f.zone[e]] += f.output[e] * kSectorEnergyIntensity[static_cast<int>(s)];
    if (is_industrial_sector(s)) p[Z + f.zone[e]] += f.output[e];
  });
  ZoneState& zs = w.zones;
  const double years = w.year - start_;
  if (efficiency_.empty()) calibrate(w, sums);
  const double trend = scale_ * std::pow(1 - p_.efficiency_gain, years);
  const double factor = p_.emission_factor * std::pow(1 - p_.emission_decline, years);
  for (std::size_t z = 0; z < Z; ++z) {
    const double industrial = zs.active[z] ? sums[Z + z] : 0.0;
    zs.industrial_gdp[z] = industrial;
    zs.energy_use[z] = zs.active[z] ? kPer10kCny * sums[z] * efficiency_[z] * trend : 0.0;
    zs.co2_emissions[z] = zs.energy_use[z] * factor;
    zs.energy_intensity[z] = industrial > 0 ? zs.energy_use[z] / (kPer10kCny * industrial) : 0.0;
    zs.co2_intensity[z] = industrial > 0 ? zs.co2_emissions[z] / (kPer10kCny * industrial) : 0.0;
  }
}

}  // namespace zonesim
