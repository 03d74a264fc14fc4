// The talent market (招才引智: seed 001 section 1 on leading zones siphoning talent; seed 002 on the zones'
// share of the nation's R&D personnel). The nation's R&D personnel T grow at pool_growth; each researcher
// works in a zone or outside the zones (universities, institutes, other firms: the outside option). With
// pay_z = talent wage_z * (1 + programme_weight * programme_z / (staff_z * salary)), a talent programme
// being a pay top-up, researchers choose by logit
//   supply_z = T * exp(a_z + wage_weight * log pay_z) / (1 + sum_j exp(a_j + wage_weight * log pay_j)),
// a_z fixed so that the initial staff choose as observed at pay 1. Zones demand
//   demand_z = min(per_billion_z * R&D spending_z / (talent wage_z * pay level), max_share * employment_z),
// per_billion_z being the initial staff per billion of initial spending and the pay level the national value
// added per worker relative to the initial one (pay moves with the economy's nominal productivity; the talent
// wage is relative to that), and the talent wage of each zone
// clears its market (supply = demand; solved by damped Newton steps on log wages, all zones together).
// R&D personnel = the cleared staff; the rest of T works outside (so T is conserved). What the staff buys:
//   R&D input_z / spending_z = (staff_z / (per_billion_z * spending_z))^rnd_weight,
// 1 at the initial staffing; innovation's patents and successes use the input, not the money alone.
#include "core/talent.hpp"

#include <algorithm>
#include <cmath>

#include "zonesim/model/reduce.hpp"
#include "zonesim/model/world.hpp"

namespace zonesim {

namespace {
constexpr Phase kPhases[] = {Phase::innovation};
constexpr int kIterations = 60;
}  // namespace

std::span<const Phase> TalentMarket::phases() const { return kPhases; }

// A zone's parameters are set the first year it is active, from its staff then (its figures).
void TalentMarket::calibrate(World& w, const std::vector<double>& spend) {
  const auto Z = spend.size();
  ZoneState& zs = w.zones;
  const bool first = calibrated_.empty();
  if (first) {
    per_billion_.assign(Z, 0.0), appeal_.assign(Z, 0.0), calibrated_.assign(Z, 0);
    double staff = 0;
    for (std::size_t z = 0; z < Z; ++z)
      if (zs.active[z]) staff += zs.rnd_personnel[z];
    w.markets.talent_pool = staff / p_.zone_share;
    outside_initial_ = staff / p_.zone_share - staff;
  }
  for (std::size_t z = 0; z < Z; ++z) {
    if (calibrated_[z] || !zs.active[z]) continue;
    calibrated_[z] = 1;
    const double staff = std::max(zs.rnd_personnel[z], 1.0);
    per_billion_[z] = spend[z] > 0 ? staff / spend[z] : 0.0;
    appeal_[z] = std::log(staff / outside_initial_);
    // A zone that enters later brings its own researchers and their outside catchment into the pool.
    if (!first) w.markets.talent_pool += staff / p_.zone_share;
  }
}

void TalentMarket::run(Phase, World& w, const YearStats&) {
  Enterprises& f = w.enterprises;
  const auto Z = static_cast<std::size_t>(w.zone_count());
  // Per zone: R&D spending, employment; national output.
  const std::vector<double> sums = chunked_sum(f.size(), 2 * Z + 1, [&](std::size_t e, double* p) {
    if (!(f.flags[e] & Enterprises::alive)) return;
    p[f.zone[e]] += f.rnd_intensity[e] * f.output[e];
    p[Z + f.zone[e]] += f.employment[e];
    p[2 * Z] += f.output[e];
  });
  double employment = 0;
  for (std::size_t z = 0; z < Z; ++z) employment += sums[Z + z];
  const double productivity = sums[2 * Z] / std::max(employment, 1.0);
  const std::vector<double> spend(sums.begin(), sums.begin() + static_cast<long>(Z));
  ZoneState& zs = w.zones;
  zs.rnd_spending = spend;
  const bool first = calibrated_.empty();
  if (first) initial_productivity_ = productivity;
  const double pay_level = w.markets.pay_level = productivity / initial_productivity_;
  calibrate(w, spend);
  if (!first) w.markets.talent_pool *= 1 + p_.pool_growth;
  const double pool = w.markets.talent_pool;

  std::vector<double> demand_cap(Z), top_up(Z), log_wage(Z), supply(Z), demand(Z), u(Z);
  for (std::size_t z = 0; z < Z; ++z) {
    demand_cap[z] = p_.max_share * sums[Z + z];
    top_up[z] = p_.programme_weight * zs.talent_programme[z] /
                (std::max(zs.rnd_personnel[z], 1.0) * p_.salary * pay_level);
    log_wage[z] = std::log(std::max(zs.talent_wage[z], 1e-6));
  }
  // Supply and demand at the current wages; the residual log(supply / demand) falls with the wage.
  auto evaluate = [&] {
    double denominator = 1;
    for (std::size_t z = 0; z < Z; ++z) {
      u[z] = 0;
      if (!zs.active[z] || per_billion_[z] <= 0) continue;
      u[z] = std::exp(appeal_[z] + p_.wage_weight * std::log(std::exp(log_wage[z]) * (1 + top_up[z])));
      denominator += u[z];
    }
    for (std::size_t z = 0; z < Z; ++z) {
      supply[z] = pool * u[z] / denominator;
      demand[z] = std::min(per_billion_[z] * spend[z] / (std::exp(log_wage[z]) * pay_level), demand_cap[z]);
    }
  };
  for (int it = 0; it < kIterations; ++it) {
    evaluate();
    for (std::size_t z = 0; z < Z; ++z) {
      if (supply[z] <= 0 || demand[z] <= 0) continue;
      const bool capped = demand[z] >= demand_cap[z];
      // d log(supply / demand) / d log wage = wage_weight (+ 1 while demand is not capped).
      const double slope = p_.wage_weight + (capped ? 0.0 : 1.0);
      const double step = std::clamp(std::log(demand[z] / supply[z]) / std::max(slope, 1e-6), -1.0, 1.0);
      log_wage[z] = std::clamp(log_wage[z] + step, std::log(1e-3), std::log(1e3));
    }
  }
  evaluate();
  for (std::size_t z = 0; z < Z; ++z) {
    if (!zs.active[z]) continue;
    zs.talent_wage[z] = std::exp(log_wage[z]);
    zs.rnd_personnel[z] = std::min(supply[z], demand[z]);
    const double at_initial = per_billion_[z] * spend[z] / pay_level;
    zs.rnd_input_ratio[z] =
        at_initial > 0 ? std::pow(std::max(zs.rnd_personnel[z], 1e-9) / at_initial, p_.rnd_weight) : 0.0;
  }
}

}  // namespace zonesim
