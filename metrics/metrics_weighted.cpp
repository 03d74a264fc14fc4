// Population-weighted indices; formulas, references and edge-case rules in docs/metrics.md ("Population
// weights"). A unit with weight w counts as w people at value x: with integer weights every index equals the
// unweighted index of the sample in which each value is repeated w times. Units with weight 0 are dropped
// before any index is computed. The unweighted versions live in metrics/metrics.cpp and are left untouched:
// an empty weights span calls them, so unweighted results stay bit-identical.
#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>

#include "zonesim/metrics.hpp"

namespace zonesim::metrics {
namespace {

// Relative tolerance for "the cumulative weight is exactly half the total" (weighted median): with real
// weights such as 0.1 the running sum misses W / 2 by a few ulps.
constexpr double kHalfTolerance = 1e-12;

[[noreturn]] void fail(const char* index, const std::string& what) {
  throw std::invalid_argument(std::string("zonesim::metrics::") + index + ": " + what);
}

void check_alpha(double alpha, const char* index) {
  if (!(alpha >= 0 && alpha <= 1.6)) {
    std::ostringstream msg;
    msg << "alpha " << alpha << " is outside [0, 1.6]";
    fail(index, msg.str());
  }
}

void check_k(int k, const char* index) {
  if (k < 1) fail(index, "k " + std::to_string(k) + " must be >= 1");
}

// The units with a positive weight, in input order. Ungrouped indices put every unit in group 0.
struct Population {
  std::vector<double> x, w;
  std::vector<int> g;
  double weight = 0;  // W = sum_i w_i
  double total = 0;   // Y = sum_i w_i x_i
  // Fewer than two units or nothing to share: every inequality index is 0 (as unweighted).
  bool degenerate() const { return x.size() < 2 || total <= 0; }
};

// Checks every unit, zero-weight ones included (a negative value is an upstream bug whatever its weight),
// then keeps the units with a positive weight.
Population population(std::span<const double> x, std::span<const double> weights, std::span<const int> group,
                      int n_groups, bool grouped, const char* index) {
  if (weights.size() != x.size()) {
    fail(index, std::to_string(weights.size()) + " weights for " + std::to_string(x.size()) + " values");
  }
  if (grouped && group.size() != x.size()) {
    fail(index, std::to_string(group.size()) + " group ids for " + std::to_string(x.size()) + " values");
  }
  Population p;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!std::isfinite(x[i]) || x[i] < 0) {
      std::ostringstream msg;
      msg << "value " << x[i] << " at position " << i << " (values must be finite and >= 0)";
      fail(index, msg.str());
    }
    if (!std::isfinite(weights[i]) || weights[i] < 0) {
      std::ostringstream msg;
      msg << "weight " << weights[i] << " at position " << i << " (weights must be finite and >= 0)";
      fail(index, msg.str());
    }
    if (grouped && (group[i] < 0 || group[i] >= n_groups)) {
      fail(index, "group id " + std::to_string(group[i]) + " at position " + std::to_string(i) +
                      " is outside [0, " + std::to_string(n_groups) + ")");
    }
    if (weights[i] == 0) continue;  // outside the population
    p.x.push_back(x[i]);
    p.w.push_back(weights[i]);
    p.g.push_back(grouped ? group[i] : 0);
    p.weight += weights[i];
    p.total += weights[i] * x[i];
  }
  if (!std::isfinite(p.weight) || !std::isfinite(p.total)) fail(index, "the weighted totals overflow");
  return p;
}

Population population(std::span<const double> x, std::span<const double> weights, const char* index) {
  return population(x, weights, {}, 1, false, index);
}

// --- indices on the units sorted by value ---

struct Unit {
  double x, w;
};

std::vector<Unit> sorted_units(const Population& p) {
  std::vector<Unit> s(p.x.size());
  for (std::size_t i = 0; i < s.size(); ++i) s[i] = {p.x[i], p.w[i]};
  std::sort(s.begin(), s.end(), [](const Unit& a, const Unit& b) { return a.x < b.x; });
  return s;
}

// G = sum_i w_i x_i (2 C_i + w_i - W) / (W Y), C_i the weight of the units before i: the weighted mean
// absolute difference sum_i sum_j w_i w_j |x_i - x_j| / W^2 over twice the mean Y / W. With unit weights
// this is the unweighted formula term by term.
double gini_sorted(std::span<const Unit> s, double weight, double total) {
  if (s.size() < 2 || total <= 0) return 0;
  double below = 0, acc = 0;
  for (const Unit& u : s) {
    acc += u.w * u.x * (2.0 * below + u.w - weight);
    below += u.w;
  }
  return std::clamp(acc / (weight * total), 0.0, 1.0);
}

// The value at which the cumulative weight passes W / 2; where it reaches W / 2 exactly at the end of a
// unit, the mean of that value and the next (the even-count median of the expanded sample).
double median_sorted(std::span<const Unit> s, double weight) {
  const double half = 0.5 * weight;
  double below = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    below += s[i].w;
    if (i + 1 < s.size() && std::abs(below - half) <= kHalfTolerance * weight)
      return 0.5 * (s[i].x + s[i + 1].x);
    if (below > half) return s[i].x;
  }
  return s.back().x;
}

// Weighted Lorenz curve at population share 0.5, linear between the points (C_i / W, income share of the
// units up to i); inside a unit the curve is linear, exactly as for the unit's copies in the expanded sample.
double lorenz_half_sorted(std::span<const Unit> s, double weight, double total) {
  const double half = 0.5 * weight;
  double below = 0, income = 0;
  for (const Unit& u : s) {
    if (below + u.w >= half) return (income + (half - below) * u.x) / total;
    below += u.w;
    income += u.w * u.x;
  }
  return income / total;
}

double wolfson_sorted(std::span<const Unit> s, double weight, double total, double gini_value) {
  if (s.size() < 2 || total <= 0) return 0;
  const double mean = total / weight;
  const double median_over_mean = std::max(median_sorted(s, weight) / mean, kRatioFloor);
  const double w = 2.0 * (1.0 - 2.0 * lorenz_half_sorted(s, weight, total) - gini_value) / median_over_mean;
  return std::max(w, 0.0);
}

// Distinct values are the income levels with population share pi = (their weight) / W; the same one-pass
// prefix-sum evaluation as the unweighted version.
double esteban_ray_sorted(std::span<const Unit> s, double weight, double total, double alpha) {
  const std::size_t n = s.size();
  if (n < 2 || total <= 0) return 0;
  const double mean = total / weight;
  double p_below = 0, s_below = 0, polarization = 0;
  for (std::size_t i = 0; i < n;) {
    double level_weight = 0;
    std::size_t j = i;
    for (; j < n && s[j].x == s[i].x; ++j) level_weight += s[j].w;
    const double pi = level_weight / weight;
    const double y = s[i].x / mean;
    const double p_above = 1.0 - p_below - pi;
    const double s_above = 1.0 - s_below - pi * y;
    polarization += std::pow(pi, 1.0 + alpha) * (y * (p_below - p_above) - s_below + s_above);
    p_below += pi;
    s_below += pi * y;
    i = j;
  }
  return std::max(polarization, 0.0);
}

// Concentration of the values themselves (weights ignored): top-k share and HHI in compute_all.
double top_k_of_values(std::span<const Unit> s, double value_total, int k) {
  if (s.empty() || value_total <= 0) return 0;
  const std::size_t take = std::min(s.size(), static_cast<std::size_t>(k));
  double top = 0;
  for (std::size_t i = s.size() - take; i < s.size(); ++i) top += s[i].x;
  return std::min(top / value_total, 1.0);
}

double hhi_of_values(std::span<const double> x, double value_total) {
  if (value_total <= 0) return 0;
  double h = 0;
  for (double v : x) h += (v / value_total) * (v / value_total);
  return std::min(h, 1.0);
}

// --- indices in input order ---

double cv_of(const Population& p) {
  if (p.degenerate()) return 0;
  const double mean = p.total / p.weight;
  double ss = 0;
  for (std::size_t i = 0; i < p.x.size(); ++i) ss += p.w[i] * (p.x[i] - mean) * (p.x[i] - mean);
  return std::sqrt(ss / p.weight) / mean;
}

struct GroupWeight {
  double weight = 0;               // W_g, all units (Theil T)
  double positive_weight = 0;      // W_g+, units with x > 0 (Theil L)
  std::size_t positive_count = 0;  // units with x > 0
  double sum = 0;                  // Y_g = sum w x
};

std::vector<GroupWeight> group_weights(const Population& p, int n_groups) {
  std::vector<GroupWeight> g(static_cast<std::size_t>(std::max(n_groups, 1)));
  for (std::size_t i = 0; i < p.x.size(); ++i) {
    GroupWeight& t = g[static_cast<std::size_t>(p.g[i])];
    t.weight += p.w[i];
    if (p.x[i] > 0) {
      t.positive_weight += p.w[i];
      ++t.positive_count;
    }
    t.sum += p.w[i] * p.x[i];
  }
  return g;
}

TheilDecomposition clamped(double total, double between, double within) {
  return {std::max(total, 0.0), std::max(between, 0.0), std::max(within, 0.0)};
}

// T = sum_i s_i ln(s_i / p_i) = sum_i w_i x_i ln(x_i / mu) / Y with s_i = w_i x_i / Y and p_i = w_i / W;
// within = sum_i w_i x_i ln(x_i / mu_g) / Y; between = sum_g Y_g ln(mu_g / mu) / Y, mu_g = Y_g / W_g.
TheilDecomposition theil_t_parts(const Population& p, std::span<const GroupWeight> groups) {
  if (p.degenerate()) return {};
  const double mu = p.total / p.weight;
  std::vector<double> group_mean(groups.size(), 0.0);
  double between = 0;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (groups[g].sum <= 0) continue;  // empty or all-zero group: income share 0
    group_mean[g] = groups[g].sum / groups[g].weight;
    between += groups[g].sum * std::log(group_mean[g] / mu);
  }
  double t = 0, within = 0;
  for (std::size_t i = 0; i < p.x.size(); ++i) {
    if (p.x[i] <= 0) continue;  // 0 log 0 = 0
    const double income = p.w[i] * p.x[i];
    t += income * std::log(p.x[i] / mu);
    within += income * std::log(p.x[i] / group_mean[static_cast<std::size_t>(p.g[i])]);
  }
  return clamped(t / p.total, between / p.total, within / p.total);
}

// L = sum_i p_i ln(p_i / s_i) = sum_i w_i ln(mu / x_i) / W, over the units with x > 0 (W, mu and the group
// means mu_g = Y_g / W_g taken over them); within = sum_i w_i ln(mu_g / x_i) / W; between = sum_g W_g ln(mu /
// mu_g) / W.
TheilDecomposition theil_l_parts(const Population& p, std::span<const GroupWeight> groups) {
  std::size_t n_pos = 0;
  double w_pos = 0;
  for (const GroupWeight& g : groups) {
    n_pos += g.positive_count;
    w_pos += g.positive_weight;
  }
  if (n_pos < 2) return {};
  const double mu = p.total / w_pos;
  std::vector<double> group_mean(groups.size(), 0.0);
  double between = 0;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (groups[g].positive_count == 0) continue;
    group_mean[g] = groups[g].sum / groups[g].positive_weight;
    between += groups[g].positive_weight * std::log(mu / group_mean[g]);
  }
  double l = 0, within = 0;
  for (std::size_t i = 0; i < p.x.size(); ++i) {
    if (p.x[i] <= 0) continue;
    l += p.w[i] * std::log(mu / p.x[i]);
    within += p.w[i] * std::log(group_mean[static_cast<std::size_t>(p.g[i])] / p.x[i]);
  }
  return clamped(l / w_pos, between / w_pos, within / w_pos);
}

double zhang_kanbur_ratio(const TheilDecomposition& d) {
  if (d.between < kRatioFloor) return 0;
  return d.between / std::max(d.within, kRatioFloor);
}

// Esteban-Ray over groups: pi_g = W_g / W, y_g = mu_g / mu, K = 1.
double esteban_ray_of_groups(const Population& p, std::span<const GroupWeight> groups, double alpha) {
  if (p.degenerate()) return 0;
  const double mean = p.total / p.weight;
  double polarization = 0;
  for (const GroupWeight& a : groups) {
    if (a.weight <= 0) continue;
    const double ya = a.sum / a.weight / mean;
    double alienation = 0;
    for (const GroupWeight& b : groups) {
      if (b.weight > 0) alienation += b.weight / p.weight * std::abs(ya - b.sum / b.weight / mean);
    }
    polarization += std::pow(a.weight / p.weight, 1.0 + alpha) * alienation;
  }
  return polarization;
}

}  // namespace

double gini(std::span<const double> x, std::span<const double> weights) {
  if (weights.empty()) return gini(x);
  const Population p = population(x, weights, "gini");
  return gini_sorted(sorted_units(p), p.weight, p.total);
}

double coefficient_of_variation(std::span<const double> x, std::span<const double> weights) {
  if (weights.empty()) return coefficient_of_variation(x);
  return cv_of(population(x, weights, "coefficient_of_variation"));
}

double theil_t(std::span<const double> x, std::span<const double> weights) {
  if (weights.empty()) return theil_t(x);
  const Population p = population(x, weights, "theil_t");
  return theil_t_parts(p, group_weights(p, 1)).total;
}

double theil_l(std::span<const double> x, std::span<const double> weights) {
  if (weights.empty()) return theil_l(x);
  const Population p = population(x, weights, "theil_l");
  return theil_l_parts(p, group_weights(p, 1)).total;
}

TheilDecomposition theil_t_decomposition(std::span<const double> x, std::span<const double> weights,
                                         std::span<const int> group, int n_groups) {
  if (weights.empty()) return theil_t_decomposition(x, group, n_groups);
  const Population p = population(x, weights, group, n_groups, true, "theil_t_decomposition");
  return theil_t_parts(p, group_weights(p, n_groups));
}

TheilDecomposition theil_l_decomposition(std::span<const double> x, std::span<const double> weights,
                                         std::span<const int> group, int n_groups) {
  if (weights.empty()) return theil_l_decomposition(x, group, n_groups);
  const Population p = population(x, weights, group, n_groups, true, "theil_l_decomposition");
  return theil_l_parts(p, group_weights(p, n_groups));
}

double esteban_ray(std::span<const double> x, std::span<const double> weights, double alpha) {
  if (weights.empty()) return esteban_ray(x, alpha);
  check_alpha(alpha, "esteban_ray");
  const Population p = population(x, weights, "esteban_ray");
  return esteban_ray_sorted(sorted_units(p), p.weight, p.total, alpha);
}

double esteban_ray_grouped(std::span<const double> x, std::span<const double> weights,
                           std::span<const int> group, int n_groups, double alpha) {
  if (weights.empty()) return esteban_ray_grouped(x, group, n_groups, alpha);
  check_alpha(alpha, "esteban_ray_grouped");
  const Population p = population(x, weights, group, n_groups, true, "esteban_ray_grouped");
  return esteban_ray_of_groups(p, group_weights(p, n_groups), alpha);
}

double wolfson(std::span<const double> x, std::span<const double> weights) {
  if (weights.empty()) return wolfson(x);
  const Population p = population(x, weights, "wolfson");
  const std::vector<Unit> s = sorted_units(p);
  return wolfson_sorted(s, p.weight, p.total, gini_sorted(s, p.weight, p.total));
}

double zhang_kanbur(std::span<const double> x, std::span<const double> weights, std::span<const int> group,
                    int n_groups) {
  if (weights.empty()) return zhang_kanbur(x, group, n_groups);
  const Population p = population(x, weights, group, n_groups, true, "zhang_kanbur");
  return zhang_kanbur_ratio(theil_t_parts(p, group_weights(p, n_groups)));
}

MetricSet compute_all(std::span<const double> x, std::span<const double> weights, std::span<const int> group,
                      int n_groups, const MetricParams& params) {
  if (weights.empty()) return compute_all(x, group, n_groups, params);
  check_k(params.top_k, "compute_all");
  check_alpha(params.esteban_ray_alpha, "compute_all");
  const Population p = population(x, weights, group, n_groups, true, "compute_all");

  MetricSet m;
  const std::vector<Unit> s = sorted_units(p);
  m.gini = gini_sorted(s, p.weight, p.total);
  m.wolfson = wolfson_sorted(s, p.weight, p.total, m.gini);
  m.cv = cv_of(p);
  double value_total = 0;  // top-k share and HHI: the values of the population, weights ignored
  for (double v : p.x) value_total += v;
  m.top10_share = top_k_of_values(s, value_total, params.top_k);
  m.hhi = hhi_of_values(p.x, value_total);

  const std::vector<GroupWeight> groups = group_weights(p, n_groups);
  const TheilDecomposition t = theil_t_parts(p, groups);
  m.theil_t = t.total;
  m.theil_between = t.between;
  m.theil_within = t.within;
  m.zhang_kanbur = zhang_kanbur_ratio(t);
  m.esteban_ray = esteban_ray_of_groups(p, groups, params.esteban_ray_alpha);
  m.theil_l = theil_l_parts(p, groups).total;
  return m;
}

}  // namespace zonesim::metrics
