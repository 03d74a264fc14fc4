// Polarization and inequality indices; formulas, references and edge-case rules in docs/metrics.md.
// The population-weighted overloads are in metrics/metrics_weighted.cpp.
#include "zonesim/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>

namespace zonesim::metrics {
namespace {

[[noreturn]] void fail(const char* index, const std::string& what) {
  throw std::invalid_argument(std::string("zonesim::metrics::") + index + ": " + what);
}

// GDP, patents and firms are never negative: a negative or non-finite value is an upstream bug, not data.
double checked_sum(std::span<const double> x, const char* index) {
  double total = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!std::isfinite(x[i]) || x[i] < 0) {
      std::ostringstream msg;
      msg << "value " << x[i] << " at position " << i << " (values must be finite and >= 0)";
      fail(index, msg.str());
    }
    total += x[i];
  }
  return total;
}

void check_groups(std::span<const double> x, std::span<const int> group, int n_groups, const char* index) {
  if (group.size() != x.size()) {
    fail(index, std::to_string(group.size()) + " group ids for " + std::to_string(x.size()) + " values");
  }
  for (std::size_t i = 0; i < group.size(); ++i) {
    if (group[i] < 0 || group[i] >= n_groups) {
      fail(index, "group id " + std::to_string(group[i]) + " at position " + std::to_string(i) +
                      " is outside [0, " + std::to_string(n_groups) + ")");
    }
  }
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

std::vector<double> sorted_copy(std::span<const double> x) {
  std::vector<double> s(x.begin(), x.end());
  std::sort(s.begin(), s.end());
  return s;
}

// --- indices on values sorted ascending, with their total ---

double gini_sorted(std::span<const double> s, double total) {
  const std::size_t n = s.size();
  if (n < 2 || total <= 0) return 0;
  // G = sum_i (2i - n - 1) x_(i) / (n^2 mean), i = 1..n: the mean absolute difference over 2 mean.
  double acc = 0;
  for (std::size_t i = 0; i < n; ++i)
    acc += (2.0 * static_cast<double>(i) + 1.0 - static_cast<double>(n)) * s[i];
  return std::clamp(acc / (static_cast<double>(n) * total), 0.0, 1.0);
}

double top_k_sorted(std::span<const double> s, double total, int k) {
  if (s.empty() || total <= 0) return 0;
  const std::size_t take = std::min(s.size(), static_cast<std::size_t>(k));
  double top = 0;
  for (std::size_t i = s.size() - take; i < s.size(); ++i) top += s[i];
  return std::min(top / total, 1.0);
}

double median_sorted(std::span<const double> s) {
  const std::size_t n = s.size();
  return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
}

// Lorenz curve at population share 0.5, linear between the points (i/n, share of the i smallest).
double lorenz_half_sorted(std::span<const double> s, double total) {
  const std::size_t k = s.size() / 2;
  double low = 0;
  for (std::size_t i = 0; i < k; ++i) low += s[i];
  if (s.size() % 2 == 1) low += 0.5 * s[k];
  return low / total;
}

double wolfson_sorted(std::span<const double> s, double total, double gini_value) {
  const std::size_t n = s.size();
  if (n < 2 || total <= 0) return 0;
  const double mean = total / static_cast<double>(n);
  const double median_over_mean = std::max(median_sorted(s) / mean, kRatioFloor);
  const double w = 2.0 * (1.0 - 2.0 * lorenz_half_sorted(s, total) - gini_value) / median_over_mean;
  return std::max(w, 0.0);
}

// Distinct values are the income levels; with prefix sums of share and share * income below each level the
// double sum costs one pass: sum_l pi_l |y_k - y_l| = y_k (P_below - P_above) - S_below + S_above.
double esteban_ray_sorted(std::span<const double> s, double total, double alpha) {
  const std::size_t n = s.size();
  if (n < 2 || total <= 0) return 0;
  const double mean = total / static_cast<double>(n);
  double p_below = 0, s_below = 0, polarization = 0;
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    while (j < n && s[j] == s[i]) ++j;
    const double pi = static_cast<double>(j - i) / static_cast<double>(n);
    const double y = s[i] / mean;
    const double p_above = 1.0 - p_below - pi;
    const double s_above = 1.0 - s_below - pi * y;  // sum of pi * y over all levels is 1
    polarization += std::pow(pi, 1.0 + alpha) * (y * (p_below - p_above) - s_below + s_above);
    p_below += pi;
    s_below += pi * y;
    i = j;
  }
  return std::max(polarization, 0.0);
}

// --- indices in input order ---

double cv_unsorted(std::span<const double> x, double total) {
  const std::size_t n = x.size();
  if (n < 2 || total <= 0) return 0;
  const double mean = total / static_cast<double>(n);
  double ss = 0;
  for (double v : x) ss += (v - mean) * (v - mean);
  return std::sqrt(ss / static_cast<double>(n)) / mean;
}

double hhi_unsorted(std::span<const double> x, double total) {
  if (total <= 0) return 0;
  double h = 0;
  for (double v : x) h += (v / total) * (v / total);
  return std::min(h, 1.0);
}

struct GroupTotal {
  std::size_t count = 0;           // all values, zeros included (Theil T)
  std::size_t positive_count = 0;  // strictly positive values (Theil L)
  double sum = 0;
};

std::vector<GroupTotal> group_totals(std::span<const double> x, std::span<const int> group, int n_groups) {
  std::vector<GroupTotal> g(static_cast<std::size_t>(n_groups));
  for (std::size_t i = 0; i < x.size(); ++i) {
    GroupTotal& t = g[static_cast<std::size_t>(group[i])];
    ++t.count;
    if (x[i] > 0) ++t.positive_count;
    t.sum += x[i];
  }
  return g;
}

TheilDecomposition clamped(double total, double between, double within) {
  return {std::max(total, 0.0), std::max(between, 0.0), std::max(within, 0.0)};
}

// T = sum_i x_i ln(x_i / mu) / Y; within = sum_i x_i ln(x_i / mu_g) / Y; between = sum_g Y_g ln(mu_g / mu) /
// Y. Each part is summed on its own, so between + within = total is a check, not a definition.
TheilDecomposition theil_t_parts(std::span<const double> x, std::span<const int> group,
                                 std::span<const GroupTotal> groups, double total) {
  const std::size_t n = x.size();
  if (n < 2 || total <= 0) return {};
  const double mu = total / static_cast<double>(n);
  std::vector<double> group_mean(groups.size(), 0.0);
  double between = 0;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (groups[g].sum <= 0) continue;  // empty or all-zero group: share 0, contributes 0
    group_mean[g] = groups[g].sum / static_cast<double>(groups[g].count);
    between += groups[g].sum * std::log(group_mean[g] / mu);
  }
  double t = 0, within = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (x[i] <= 0) continue;  // 0 log 0 = 0
    t += x[i] * std::log(x[i] / mu);
    within += x[i] * std::log(x[i] / group_mean[static_cast<std::size_t>(group[i])]);
  }
  return clamped(t / total, between / total, within / total);
}

// L = sum_i ln(mu / x_i) / n+; within = sum_i ln(mu_g / x_i) / n+; between = sum_g n_g+ ln(mu / mu_g) / n+,
// all over the strictly positive values.
TheilDecomposition theil_l_parts(std::span<const double> x, std::span<const int> group,
                                 std::span<const GroupTotal> groups, double total) {
  std::size_t n_pos = 0;
  for (const GroupTotal& g : groups) n_pos += g.positive_count;
  if (n_pos < 2) return {};
  const double mu = total / static_cast<double>(n_pos);
  std::vector<double> group_mean(groups.size(), 0.0);
  double between = 0;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (groups[g].positive_count == 0) continue;
    group_mean[g] = groups[g].sum / static_cast<double>(groups[g].positive_count);
    between += static_cast<double>(groups[g].positive_count) * std::log(mu / group_mean[g]);
  }
  double l = 0, within = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (x[i] <= 0) continue;
    l += std::log(mu / x[i]);
    within += std::log(group_mean[static_cast<std::size_t>(group[i])] / x[i]);
  }
  const double np = static_cast<double>(n_pos);
  return clamped(l / np, between / np, within / np);
}

double zhang_kanbur_ratio(const TheilDecomposition& d) {
  if (d.between < kRatioFloor) return 0;
  return d.between / std::max(d.within, kRatioFloor);
}

// Single-group view, for the ungrouped Theil functions.
TheilDecomposition theil_ungrouped(std::span<const double> x, double total, bool theil_l_index) {
  const std::vector<int> one_group(x.size(), 0);
  const std::vector<GroupTotal> groups = group_totals(x, one_group, 1);
  return theil_l_index ? theil_l_parts(x, one_group, groups, total)
                       : theil_t_parts(x, one_group, groups, total);
}

double ols_slope(std::span<const double> xs, std::span<const double> ys) {
  const std::size_t n = xs.size();
  if (n < 2) return 0;
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < n; ++i) {
    mx += xs[i];
    my += ys[i];
  }
  mx /= static_cast<double>(n);
  my /= static_cast<double>(n);
  double sxx = 0, sxy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sxx += (xs[i] - mx) * (xs[i] - mx);
    sxy += (xs[i] - mx) * (ys[i] - my);
  }
  return sxx > 0 ? sxy / sxx : 0;
}

void check_years(std::span<const int> years, const std::vector<std::vector<double>>& values,
                 const char* index) {
  if (years.size() != values.size()) {
    fail(index,
         std::to_string(years.size()) + " years for " + std::to_string(values.size()) + " rows of values");
  }
}

}  // namespace

double gini(std::span<const double> x) {
  const double total = checked_sum(x, "gini");
  return gini_sorted(sorted_copy(x), total);
}

double coefficient_of_variation(std::span<const double> x) {
  return cv_unsorted(x, checked_sum(x, "coefficient_of_variation"));
}

double hhi(std::span<const double> x) { return hhi_unsorted(x, checked_sum(x, "hhi")); }

double top_k_share(std::span<const double> x, int k) {
  check_k(k, "top_k_share");
  const double total = checked_sum(x, "top_k_share");
  return top_k_sorted(sorted_copy(x), total, k);
}

double theil_t(std::span<const double> x) {
  return theil_ungrouped(x, checked_sum(x, "theil_t"), false).total;
}

double theil_l(std::span<const double> x) {
  return theil_ungrouped(x, checked_sum(x, "theil_l"), true).total;
}

TheilDecomposition theil_t_decomposition(std::span<const double> x, std::span<const int> group,
                                         int n_groups) {
  const double total = checked_sum(x, "theil_t_decomposition");
  check_groups(x, group, n_groups, "theil_t_decomposition");
  return theil_t_parts(x, group, group_totals(x, group, n_groups), total);
}

TheilDecomposition theil_l_decomposition(std::span<const double> x, std::span<const int> group,
                                         int n_groups) {
  const double total = checked_sum(x, "theil_l_decomposition");
  check_groups(x, group, n_groups, "theil_l_decomposition");
  return theil_l_parts(x, group, group_totals(x, group, n_groups), total);
}

double esteban_ray(std::span<const double> x, double alpha) {
  check_alpha(alpha, "esteban_ray");
  const double total = checked_sum(x, "esteban_ray");
  return esteban_ray_sorted(sorted_copy(x), total, alpha);
}

namespace {

// Esteban-Ray over groups: pi_g = n_g / n, y_g = group mean / overall mean, K = 1.
double esteban_ray_of_groups(const std::vector<GroupTotal>& groups, double n, double mean, double alpha) {
  double polarization = 0;  // at most 31 provinces: the plain double sum is cheap
  for (const GroupTotal& a : groups) {
    if (a.count == 0) continue;
    const double pa = static_cast<double>(a.count) / n, ya = a.sum / static_cast<double>(a.count) / mean;
    double alienation = 0;
    for (const GroupTotal& b : groups) {
      if (b.count == 0) continue;
      alienation +=
          static_cast<double>(b.count) / n * std::abs(ya - b.sum / static_cast<double>(b.count) / mean);
    }
    polarization += std::pow(pa, 1.0 + alpha) * alienation;
  }
  return polarization;
}

}  // namespace

double esteban_ray_grouped(std::span<const double> x, std::span<const int> group, int n_groups,
                           double alpha) {
  check_alpha(alpha, "esteban_ray_grouped");
  const double total = checked_sum(x, "esteban_ray_grouped");
  check_groups(x, group, n_groups, "esteban_ray_grouped");
  if (x.size() < 2 || total <= 0) return 0;
  const double n = static_cast<double>(x.size());
  return esteban_ray_of_groups(group_totals(x, group, n_groups), n, total / n, alpha);
}

double wolfson(std::span<const double> x) {
  const double total = checked_sum(x, "wolfson");
  const std::vector<double> s = sorted_copy(x);
  return wolfson_sorted(s, total, gini_sorted(s, total));
}

double zhang_kanbur(std::span<const double> x, std::span<const int> group, int n_groups) {
  const double total = checked_sum(x, "zhang_kanbur");
  check_groups(x, group, n_groups, "zhang_kanbur");
  return zhang_kanbur_ratio(theil_t_parts(x, group, group_totals(x, group, n_groups), total));
}

MetricSet compute_all(std::span<const double> x, std::span<const int> group, int n_groups,
                      const MetricParams& params) {
  check_k(params.top_k, "compute_all");
  check_alpha(params.esteban_ray_alpha, "compute_all");
  const double total = checked_sum(x, "compute_all");
  check_groups(x, group, n_groups, "compute_all");

  MetricSet m;
  const std::vector<double> s = sorted_copy(x);
  m.gini = gini_sorted(s, total);
  m.top10_share = top_k_sorted(s, total, params.top_k);
  m.wolfson = wolfson_sorted(s, total, m.gini);
  m.cv = cv_unsorted(x, total);
  m.hhi = hhi_unsorted(x, total);

  const std::vector<GroupTotal> groups = group_totals(x, group, n_groups);
  const TheilDecomposition t = theil_t_parts(x, group, groups, total);
  m.theil_t = t.total;
  m.theil_between = t.between;
  m.theil_within = t.within;
  m.zhang_kanbur = zhang_kanbur_ratio(t);
  // The output's Esteban-Ray index treats provinces as the groups (docs/metrics.md says why).
  const double n = static_cast<double>(x.size());
  m.esteban_ray =
      x.size() < 2 || total <= 0 ? 0 : esteban_ray_of_groups(groups, n, total / n, params.esteban_ray_alpha);
  m.theil_l = theil_l_parts(x, group, groups, total).total;
  return m;
}

double sigma_convergence(std::span<const int> years, const std::vector<std::vector<double>>& values) {
  check_years(years, values, "sigma_convergence");
  std::vector<double> xs, ys, logs;
  for (std::size_t t = 0; t < values.size(); ++t) {
    checked_sum(values[t], "sigma_convergence");
    logs.clear();
    for (double v : values[t]) {
      if (v > 0) logs.push_back(std::log(v));
    }
    if (logs.empty()) continue;
    double mean = 0, ss = 0;
    for (double l : logs) mean += l;
    mean /= static_cast<double>(logs.size());
    for (double l : logs) ss += (l - mean) * (l - mean);
    xs.push_back(static_cast<double>(years[t]));
    ys.push_back(std::sqrt(ss / static_cast<double>(logs.size())));
  }
  return ols_slope(xs, ys);
}

double beta_convergence(std::span<const int> years, const std::vector<std::vector<double>>& values) {
  check_years(years, values, "beta_convergence");
  if (values.size() < 2) return 0;
  const std::vector<double>& first = values.front();
  const std::vector<double>& last = values.back();
  checked_sum(first, "beta_convergence");
  checked_sum(last, "beta_convergence");
  if (first.size() != last.size()) {
    fail("beta_convergence", "first year has " + std::to_string(first.size()) + " zones, last year has " +
                                 std::to_string(last.size()));
  }
  if (years.back() <= years.front()) {
    fail("beta_convergence", "years must increase from first (" + std::to_string(years.front()) +
                                 ") to last (" + std::to_string(years.back()) + ")");
  }
  const double span_years = static_cast<double>(years.back() - years.front());
  std::vector<double> initial, growth;
  for (std::size_t z = 0; z < first.size(); ++z) {
    if (first[z] <= 0 || last[z] <= 0) continue;
    initial.push_back(std::log(first[z]));
    growth.push_back(std::log(last[z] / first[z]) / span_years);
  }
  return ols_slope(initial, growth);
}

}  // namespace zonesim::metrics
