// Student's t quantiles and intervals of means (for paired differences across replicates).
#include <cmath>
#include <limits>
#include <stdexcept>

#include "zonesim/sensitivity.hpp"

namespace zonesim::stats {
namespace {

// Continued fraction of the incomplete beta function, evaluated by the modified Lentz method.
double beta_fraction(double x, double a, double b) {
  constexpr double kTiny = 1e-300;
  constexpr double kEps = 1e-15;
  double c = 1, d = 1 - (a + b) * x / (a + 1);
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1 / d;
  double h = d;
  auto apply = [&](double coef) {  // one term of the fraction; returns the factor it changed h by
    d = 1 + coef * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + coef / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    h *= d * c;
    return d * c;
  };
  for (int m = 1; m <= 1000; ++m) {
    const double m2 = 2.0 * m;
    apply(m * (b - m) * x / ((a + m2 - 1) * (a + m2)));
    if (std::fabs(apply(-(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))) - 1) < kEps) break;
  }
  return h;
}

// P(T <= t) for Student's t with df degrees of freedom.
double t_cdf(double t, double df) {
  const double tail = 0.5 * incomplete_beta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

}  // namespace

double incomplete_beta(double x, double a, double b) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double front =
      std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x));
  if (x < (a + 1) / (a + b + 2)) return front * beta_fraction(x, a, b) / a;
  return 1 - front * beta_fraction(1 - x, b, a) / b;
}

double t_quantile(double p, double df) {
  if (!(p > 0 && p < 1) || !(df > 0)) throw std::invalid_argument("t_quantile: needs 0 < p < 1 and df > 0");
  if (p < 0.5) return -t_quantile(1 - p, df);
  double lo = 0, hi = 1;
  while (t_cdf(hi, df) < p) hi *= 2;
  for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; ++i) {
    const double mid = 0.5 * (lo + hi);
    (t_cdf(mid, df) < p ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

Estimate mean_interval(std::span<const double> x) {
  Estimate e;
  double sum = 0;
  for (double v : x)
    if (std::isfinite(v)) sum += v, ++e.n;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  e.value = e.n > 0 ? sum / e.n : nan;
  e.low = e.high = e.sd = nan;
  if (e.n < 2) return e;
  double ss = 0;
  for (double v : x)
    if (std::isfinite(v)) ss += (v - e.value) * (v - e.value);
  e.sd = std::sqrt(ss / (e.n - 1));
  const double half = t_quantile(0.975, e.n - 1) * e.sd / std::sqrt(static_cast<double>(e.n));
  e.low = e.value - half;
  e.high = e.value + half;
  return e;
}

}  // namespace zonesim::stats
