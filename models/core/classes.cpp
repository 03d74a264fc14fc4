// Enterprise classes that the published figures count (seed 002: the zones hold 33% of China's high-tech
// enterprises, 46% of its specialised "little giants", 67% of its unicorns). Rules, per enterprise and year:
//   little giant: an industrial SME (employment < sme_max_employment) with R&D intensity at least the
//                 high-tech bar (the ministry's 小巨人 criteria ask 3% of revenue) and labour productivity at
//                 least giant_bar times the national mean;
//   unicorn:      at most unicorn_max_age years old, with output at least unicorn_bar times the mean output
//                 of the enterprises that young (a valuation of USD 1 billion stands for the top of the
//                 young firms).
// The two bars are set in the first year so that the sample holds each class's real count in the zones
// scaled to the sample: count * enterprises.count / represented (the real enterprises the sample stands for).
// High-tech status is innovation's rule (models/core/innovation.cpp).
#include "core/classes.hpp"

#include <algorithm>
#include <cmath>

#include "zonesim/model/reduce.hpp"
#include "zonesim/model/world.hpp"

namespace zonesim {

namespace {
constexpr Phase kPhases[] = {Phase::innovation};

bool giant_candidate(const Enterprises& f, std::size_t e, const ClassesSpec& p, const EnterpriseSpec& es) {
  return is_industrial_sector(f.sector[e]) && f.employment[e] < p.sme_max_employment &&
         f.rnd_intensity[e] >= es.hightech_rnd_threshold;
}

// The value that `target` of `values` reach or exceed (the largest bar that keeps that many); +inf for 0.
double bar_for(std::vector<double> values, double target) {
  const auto k = static_cast<std::size_t>(std::llround(target));
  if (k == 0 || values.empty()) return HUGE_VAL;
  if (k >= values.size()) return 0.0;
  std::nth_element(values.begin(), values.begin() + static_cast<long>(k - 1), values.end(), std::greater<>());
  return values[k - 1];
}

}  // namespace

std::span<const Phase> Classes::phases() const { return kPhases; }

void Classes::calibrate(const World& w, double mean_productivity, double mean_output) {
  const Enterprises& f = w.enterprises;
  std::vector<double> giants, unicorns;
  for (std::size_t e = 0; e < f.size(); ++e) {
    if (!(f.flags[e] & Enterprises::alive)) continue;
    if (giant_candidate(f, e, p_, e_)) giants.push_back(f.output[e] / f.employment[e] / mean_productivity);
    if (f.age[e] <= p_.unicorn_max_age) unicorns.push_back(f.output[e] / mean_output);
  }
  const double sample = count_ / p_.represented;
  giant_bar_ = bar_for(std::move(giants), p_.little_giants * sample);
  unicorn_bar_ = bar_for(std::move(unicorns), p_.unicorns * sample);
  calibrated_ = true;
}

void Classes::run(Phase, World& w, const YearStats&) {
  Enterprises& f = w.enterprises;
  const std::size_t n = f.size();
  const int young = p_.unicorn_max_age;
  const std::vector<double> sums = chunked_sum(n, 4, [&](std::size_t e, double* p) {
    if (!(f.flags[e] & Enterprises::alive)) return;
    p[0] += f.output[e];
    p[1] += f.employment[e];
    if (f.age[e] > young) return;
    p[2] += f.output[e];
    p[3] += 1;
  });
  const double mean_productivity = sums[0] / std::max(sums[1], 1.0);
  const double mean_output = sums[2] / std::max(sums[3], 1.0);  // of the young
  if (!calibrated_) calibrate(w, mean_productivity, mean_output);
  const double giant = giant_bar_ * mean_productivity, unicorn = unicorn_bar_ * mean_output;
  constexpr auto kClassFlags = static_cast<std::uint8_t>(Enterprises::little_giant | Enterprises::unicorn);
#pragma omp parallel for schedule(static)
  for (std::size_t e = 0; e < n; ++e) {
    if (!(f.flags[e] & Enterprises::alive)) continue;
    auto flags = static_cast<std::uint8_t>(f.flags[e] & ~kClassFlags);
    if (giant_candidate(f, e, p_, e_) && f.output[e] >= giant * f.employment[e])
      flags |= Enterprises::little_giant;
    if (f.age[e] <= p_.unicorn_max_age && f.output[e] >= unicorn) flags |= Enterprises::unicorn;
    f.flags[e] = flags;
  }
}

}  // namespace zonesim
