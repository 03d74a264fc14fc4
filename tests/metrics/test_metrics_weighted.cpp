// Population weights: the weighted indices against the expanded sample, hand values and edge rules.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "metrics_naive.hpp"

using namespace metrics_test;

namespace {

// Integer weights in {0, 1, 2, 3}, about one in eight zero.
Vec integer_weights(std::mt19937_64& rng, std::size_t n) {
  std::uniform_int_distribution<int> pick(0, 7);
  Vec w;
  for (std::size_t i = 0; i < n; ++i) w.push_back(static_cast<double>(std::max(0, pick(rng) - 4)));
  return w;
}

// Positive real weights (lognormal, like zone employment), with some exact zeros.
Vec real_weights(std::mt19937_64& rng, std::size_t n, bool zeros) {
  std::lognormal_distribution<double> size(2.0, 1.0);
  std::uniform_real_distribution<double> u(0, 1);
  Vec w;
  for (std::size_t i = 0; i < n; ++i) w.push_back(zeros && u(rng) < 0.1 ? 0.0 : size(rng));
  return w;
}

// The sample in which unit i appears weight[i] times (integer weights).
Sample expand(const Sample& s, const Vec& weight) {
  Sample out;
  for (std::size_t i = 0; i < s.x.size(); ++i) {
    for (int k = 0; k < static_cast<int>(weight[i]); ++k) {
      out.x.push_back(s.x[i]);
      out.group.push_back(s.group[i]);
    }
  }
  return out;
}

// The units with a positive weight, weights dropped.
Vec positive_weight_values(const Vec& x, const Vec& weight) {
  Vec out;
  for (std::size_t i = 0; i < x.size(); ++i)
    if (weight[i] > 0) out.push_back(x[i]);
  return out;
}

// Weighted Gini as the O(n^2) weighted mean absolute difference over twice the weighted mean.
double naive_weighted_gini(const Vec& x, const Vec& w) {
  double big_w = 0, y = 0, mad = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    big_w += w[i];
    y += w[i] * x[i];
  }
  for (std::size_t i = 0; i < x.size(); ++i)
    for (std::size_t j = 0; j < x.size(); ++j) mad += w[i] * w[j] * std::abs(x[i] - x[j]);
  return mad / (2 * big_w * y);
}

// Every field of two metric sets, to a relative eps; top10_share and hhi only when `concentration`.
void check_same(const m::MetricSet& a, const m::MetricSet& b, double eps, bool concentration = true) {
  CHECK(a.gini == tight(b.gini, eps));
  CHECK(a.theil_t == tight(b.theil_t, eps));
  CHECK(a.theil_l == tight(b.theil_l, eps));
  CHECK(a.theil_between == tight(b.theil_between, eps));
  CHECK(a.theil_within == tight(b.theil_within, eps));
  CHECK(a.cv == tight(b.cv, eps));
  CHECK(a.esteban_ray == tight(b.esteban_ray, eps));
  CHECK(a.wolfson == tight(b.wolfson, eps));
  CHECK(a.zhang_kanbur == tight(b.zhang_kanbur, eps));
  if (!concentration) return;
  CHECK(a.top10_share == tight(b.top10_share, eps));
  CHECK(a.hhi == tight(b.hhi, eps));
}

}  // namespace

TEST_CASE("weighted: empty weights give exactly the unweighted results", "[metrics][weights]") {
  std::mt19937_64 rng(11);
  const Sample s = random_sample(rng, 178, 31);
  const Vec none;
  const m::MetricParams p{7, 1.3};
  const m::MetricSet a = m::compute_all(s.x, s.group, 31, p), b = m::compute_all(s.x, none, s.group, 31, p);
  for (auto f :
       {&m::MetricSet::gini, &m::MetricSet::theil_t, &m::MetricSet::theil_l, &m::MetricSet::theil_between,
        &m::MetricSet::theil_within, &m::MetricSet::top10_share, &m::MetricSet::cv, &m::MetricSet::hhi,
        &m::MetricSet::esteban_ray, &m::MetricSet::wolfson, &m::MetricSet::zhang_kanbur})
    CHECK(a.*f == b.*f);
  CHECK(m::gini(s.x, none) == m::gini(s.x));
  CHECK(m::coefficient_of_variation(s.x, none) == m::coefficient_of_variation(s.x));
  CHECK(m::theil_t(s.x, none) == m::theil_t(s.x));
  CHECK(m::theil_l(s.x, none) == m::theil_l(s.x));
  CHECK(m::theil_t_decomposition(s.x, none, s.group, 31).between ==
        m::theil_t_decomposition(s.x, s.group, 31).between);
  CHECK(m::theil_l_decomposition(s.x, none, s.group, 31).within ==
        m::theil_l_decomposition(s.x, s.group, 31).within);
  CHECK(m::esteban_ray(s.x, none, 1.6) == m::esteban_ray(s.x, 1.6));
  CHECK(m::esteban_ray_grouped(s.x, none, s.group, 31, 1.6) == m::esteban_ray_grouped(s.x, s.group, 31, 1.6));
  CHECK(m::wolfson(s.x, none) == m::wolfson(s.x));
  CHECK(m::zhang_kanbur(s.x, none, s.group, 31) == m::zhang_kanbur(s.x, s.group, 31));
}

TEST_CASE("weighted: equal weights give the unweighted results to 1e-12", "[metrics][weights]") {
  std::mt19937_64 rng(12);
  for (std::size_t n : {2u, 3u, 8u, 41u, 178u}) {
    for (double c : {1.0, 2.5, 0.1, 1e-3, 7e4}) {
      Sample s = random_sample(rng, n, 31);
      if (n == 8) s.x[1] = s.x[3] = s.x[5] = s.x[7] = 0;  // median 0 or a median between a zero and a value
      const Vec w(n, c);
      const m::MetricSet a = m::compute_all(s.x, s.group, 31, {});
      check_same(m::compute_all(s.x, w, s.group, 31, {}), a, 1e-12);
      CHECK(m::gini(s.x, w) == tight(a.gini));
      CHECK(m::coefficient_of_variation(s.x, w) == tight(a.cv));
      CHECK(m::theil_t(s.x, w) == tight(a.theil_t));
      CHECK(m::theil_l(s.x, w) == tight(a.theil_l));
      CHECK(m::wolfson(s.x, w) == tight(a.wolfson));
      CHECK(m::esteban_ray(s.x, w, 1.6) == tight(m::esteban_ray(s.x, 1.6)));
      const m::TheilDecomposition l = m::theil_l_decomposition(s.x, s.group, 31);
      const m::TheilDecomposition lw = m::theil_l_decomposition(s.x, w, s.group, 31);
      CHECK(lw.between == tight(l.between));
      CHECK(lw.within == tight(l.within));
    }
  }
  // Unit weights reproduce the unweighted Gini term by term.
  const Vec x{3, 1, 4, 1, 5, 9, 2, 6};
  CHECK(m::gini(x, Vec(x.size(), 1.0)) == m::gini(x));
}

TEST_CASE("weighted: integer weights equal the unweighted indices of the expanded sample",
          "[metrics][weights]") {
  std::mt19937_64 rng(13);
  for (int trial = 0; trial < 60; ++trial) {
    const int n_groups = 1 + trial % 31;
    Sample s = random_sample(rng, 1 + static_cast<std::size_t>(trial) * 3, n_groups);
    if (trial % 4 == 0)
      for (std::size_t i = 0; i < s.x.size(); i += 2) s.x[i] = 0;  // medians at or next to zero
    const Vec w = integer_weights(rng, s.x.size());
    const Sample e = expand(s, w);
    const m::MetricParams p{3, 1.6};
    const m::MetricSet weighted = m::compute_all(s.x, w, s.group, n_groups, p);
    require_finite(weighted);
    check_same(weighted, m::compute_all(e.x, e.group, n_groups, p), 1e-12, false);
    CHECK(m::gini(s.x, w) == tight(m::gini(e.x)));
    CHECK(m::coefficient_of_variation(s.x, w) == tight(m::coefficient_of_variation(e.x)));
    CHECK(m::theil_t(s.x, w) == tight(m::theil_t(e.x)));
    CHECK(m::theil_l(s.x, w) == tight(m::theil_l(e.x)));
    CHECK(m::wolfson(s.x, w) == tight(m::wolfson(e.x)));
    for (double alpha : {0.0, 1.0, 1.6}) {
      CHECK(m::esteban_ray(s.x, w, alpha) == tight(m::esteban_ray(e.x, alpha)));
      CHECK(m::esteban_ray_grouped(s.x, w, s.group, n_groups, alpha) ==
            tight(m::esteban_ray_grouped(e.x, e.group, n_groups, alpha)));
    }
    const m::TheilDecomposition l = m::theil_l_decomposition(e.x, e.group, n_groups);
    const m::TheilDecomposition lw = m::theil_l_decomposition(s.x, w, s.group, n_groups);
    CHECK(lw.between == tight(l.between));
    CHECK(lw.within == tight(l.within));
    // Concentration keeps its unweighted meaning: the values of the units with a positive weight.
    const Vec kept = positive_weight_values(s.x, w);
    CHECK(weighted.top10_share == m::top_k_share(kept, 3));
    CHECK(weighted.hhi == m::hhi(kept));
  }
}

TEST_CASE("weighted: hand-worked small cases", "[metrics][weights]") {
  // {1, 2} with weights {3, 1} is {1, 1, 1, 2}: mean 5/4, population shares 3/4 and 1/4, income shares 3/5
  // and 2/5.
  const Vec x{1, 2}, w{3, 1};
  CHECK(m::gini(x, w) == tight(0.15));  // 6 ordered pairs differ by 1: 6 / (16 * 2 * 5/4)
  CHECK(m::coefficient_of_variation(x, w) == tight(std::sqrt(3.0) / 5));  // variance 3/16
  CHECK(m::theil_t(x, w) == tight(0.6 * std::log(0.8) + 0.4 * std::log(1.6)));
  CHECK(m::theil_l(x, w) == tight(0.75 * std::log(1.25) + 0.25 * std::log(0.625)));
  // Median 1, L(0.5) = 2/5: W = 2 (1 - 4/5 - 3/20) (5/4) / 1 = 1/8.
  CHECK(m::wolfson(x, w) == tight(0.125));
  // {1, 3, 5} with weights {2, 1, 1} is {1, 1, 3, 5}: the cumulative weight is exactly half after the first
  // unit, so the median is (1 + 3) / 2 = 2; mean 5/2, L(0.5) = 1/5, G = 28 / 80.
  CHECK(m::gini(Vec{1, 3, 5}, Vec{2, 1, 1}) == tight(0.35));
  CHECK(m::wolfson(Vec{1, 3, 5}, Vec{2, 1, 1}) == tight(2 * (1 - 0.4 - 0.35) * 2.5 / 2));
  // The same split with weights {0.2, 0.1, 0.1}: 0.2 is not exactly half of 0.1 + 0.2 + 0.1 in binary.
  CHECK(m::wolfson(Vec{1, 3, 5}, Vec{0.2, 0.1, 0.1}) == tight(0.625));
  // Esteban-Ray over zones and over two provinces, {1, 3} with weights {3, 1}: mean 3/2, y = 2/3 and 2.
  const double er = std::pow(0.75, 2.6) * 0.25 * (4.0 / 3) + std::pow(0.25, 2.6) * 0.75 * (4.0 / 3);
  CHECK(m::esteban_ray(Vec{1, 3}, w, 1.6) == tight(er));
  CHECK(m::esteban_ray_grouped(Vec{1, 3}, w, Ids{0, 1}, 2, 1.6) == tight(er));
  // Theil T between two provinces: {1 (w 1), 3 (w 3)} and {2 (w 2), 6 (w 1)}. W_g = 4 and 3, Y_g = 10 and
  // 10, mu_g = 5/2 and 10/3, mu = 20/7, income shares 1/2 each.
  const Vec xg{1, 3, 2, 6}, wg{1, 3, 2, 1};
  const Ids g{0, 0, 1, 1};
  const m::TheilDecomposition d = m::theil_t_decomposition(xg, wg, g, 2);
  const double between = 0.5 * std::log(7.0 / 8) + 0.5 * std::log(7.0 / 6);
  const double within = 0.5 * m::theil_t(Vec{1, 3}, Vec{1, 3}) + 0.5 * m::theil_t(Vec{2, 6}, Vec{2, 1});
  CHECK(d.between == tight(between));
  CHECK(d.within == tight(within));
  CHECK(d.total == tight(m::theil_t(xg, wg)));
  CHECK(m::zhang_kanbur(xg, wg, g, 2) == tight(between / within));
  // Theil L between: population shares 4/7 and 3/7 of ln(mu / mu_g).
  const double l_between = 4.0 / 7 * std::log(8.0 / 7) + 3.0 / 7 * std::log(6.0 / 7);
  CHECK(m::theil_l_decomposition(xg, wg, g, 2).between == tight(l_between));
  // One zone holding everything, with a population share p: G = 1 - p, T = ln(1 / p).
  CHECK(m::gini(Vec{0, 0, 5}, Vec{1, 2, 1}) == tight(0.75));
  CHECK(m::theil_t(Vec{0, 0, 5}, Vec{1, 2, 1}) == tight(std::log(4.0)));
}

TEST_CASE("weighted gini equals the O(n^2) weighted mean absolute difference", "[metrics][weights]") {
  std::mt19937_64 rng(14);
  for (std::size_t n : {2u, 3u, 9u, 60u, 178u}) {
    const Sample s = random_sample(rng, n, 4);
    const Vec w = real_weights(rng, n, true);
    if (total_of(positive_weight_values(s.x, w)) <= 0) continue;
    CHECK(m::gini(s.x, w) == tight(naive_weighted_gini(s.x, w)));
  }
}

TEST_CASE("weighted theil decompositions: between + within = total, between from group means",
          "[metrics][weights]") {
  std::mt19937_64 rng(15);
  for (int trial = 0; trial < 50; ++trial) {
    const int n_groups = 1 + trial % 31;
    const Sample s = random_sample(rng, 2 + static_cast<std::size_t>(trial) * 7, n_groups);
    const Vec w = real_weights(rng, s.x.size(), trial % 2 == 0);
    const m::TheilDecomposition t = m::theil_t_decomposition(s.x, w, s.group, n_groups);
    REQUIRE(t.between + t.within == Approx(t.total).margin(1e-12).epsilon(0));
    CHECK(t.total == tight(m::theil_t(s.x, w)));
    const m::TheilDecomposition l = m::theil_l_decomposition(s.x, w, s.group, n_groups);
    REQUIRE(l.between + l.within == Approx(l.total).margin(1e-12).epsilon(0));
    CHECK(l.total == tight(m::theil_l(s.x, w)));
    // Between part of Theil T: the weighted Theil T of the values replaced by their group's weighted mean.
    std::vector<double> gw(static_cast<std::size_t>(n_groups)), gy(static_cast<std::size_t>(n_groups));
    for (std::size_t i = 0; i < s.x.size(); ++i) {
      gw[static_cast<std::size_t>(s.group[i])] += w[i];
      gy[static_cast<std::size_t>(s.group[i])] += w[i] * s.x[i];
    }
    Vec smoothed(s.x.size());
    for (std::size_t i = 0; i < s.x.size(); ++i) {
      const auto k = static_cast<std::size_t>(s.group[i]);
      smoothed[i] = gw[k] > 0 ? gy[k] / gw[k] : 0;
    }
    CHECK(t.between == Approx(m::theil_t(smoothed, w)).margin(1e-12).epsilon(0));
  }
}

TEST_CASE("weighted: scale invariance in the weights and in the values", "[metrics][weights]") {
  std::mt19937_64 rng(16);
  const Sample s = random_sample(rng, 178, 31);
  const Vec w = real_weights(rng, 178, true);
  const m::MetricSet a = m::compute_all(s.x, w, s.group, 31, {});
  REQUIRE(a.gini > 0.1);
  for (double c : {1e-6, 0.37, 3.0, 1234.5}) {
    Vec wc = w, xc = s.x;
    for (double& v : wc) v *= c;
    for (double& v : xc) v *= c;
    check_same(m::compute_all(s.x, wc, s.group, 31, {}), a, 1e-12);
    check_same(m::compute_all(xc, w, s.group, 31, {}), a, 1e-12);
    CHECK(m::esteban_ray(s.x, wc, 1.6) == tight(m::esteban_ray(s.x, w, 1.6)));
  }
}

TEST_CASE("weighted: zero weights drop the unit; all-zero weights give 0", "[metrics][weights]") {
  std::mt19937_64 rng(17);
  Sample s = random_sample(rng, 60, 10);
  Vec w = real_weights(rng, 60, true);
  s.x[3] = 1e6;  // a huge value with weight 0 changes nothing
  w[3] = 0;
  Sample kept;
  Vec kept_w;
  for (std::size_t i = 0; i < s.x.size(); ++i) {
    if (w[i] == 0) continue;
    kept.x.push_back(s.x[i]);
    kept.group.push_back(s.group[i]);
    kept_w.push_back(w[i]);
  }
  REQUIRE(kept.x.size() < s.x.size());
  const m::MetricSet a = m::compute_all(s.x, w, s.group, 10, {}),
                     b = m::compute_all(kept.x, kept_w, kept.group, 10, {});
  check_same(a, b, 0);
  CHECK(a.top10_share == m::top_k_share(kept.x, 10));

  const m::MetricSet zero = m::compute_all(s.x, Vec(60, 0.0), s.group, 10, {});
  for (double v : {zero.gini, zero.theil_t, zero.theil_l, zero.theil_between, zero.theil_within,
                   zero.top10_share, zero.cv, zero.hhi, zero.esteban_ray, zero.wolfson, zero.zhang_kanbur})
    CHECK(v == 0.0);
  const Vec zeros(60, 0.0);
  CHECK(m::gini(s.x, zeros) == 0.0);
  CHECK(m::wolfson(s.x, zeros) == 0.0);
  CHECK(m::esteban_ray(s.x, zeros, 1.6) == 0.0);
  CHECK(m::theil_l_decomposition(s.x, zeros, s.group, 10).total == 0.0);

  // One unit with a positive weight: no inequality, and it holds everything.
  const m::MetricSet one = m::compute_all(Vec{4, 9, 2}, Vec{0, 5, 0}, Ids{0, 1, 2}, 3, {});
  require_finite(one);
  for (double v : {one.gini, one.theil_t, one.theil_l, one.theil_between, one.theil_within, one.cv,
                   one.esteban_ray, one.wolfson, one.zhang_kanbur})
    CHECK(v == 0.0);
  CHECK(one.hhi == 1.0);
  CHECK(one.top10_share == 1.0);
}

TEST_CASE("weighted: bad weights throw invalid_argument naming the index and position",
          "[metrics][weights]") {
  const Vec x{1, 2, 3};
  const Ids g{0, 0, 1};
  auto names = [](auto&& call, const std::string& index, const std::string& what_else) {
    try {
      call();
    } catch (const std::invalid_argument& e) {
      const std::string what = e.what();
      return what.find("zonesim::metrics::" + index + ":") != std::string::npos &&
             what.find(what_else) != std::string::npos;
    }
    return false;
  };
  const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
  for (const Vec& bad : {Vec{1, -1, 1}, Vec{1, nan, 1}, Vec{1, inf, 1}}) {
    const std::string at = "position 1";
    CHECK(names([&] { m::gini(x, bad); }, "gini", at));
    CHECK(names([&] { m::coefficient_of_variation(x, bad); }, "coefficient_of_variation", at));
    CHECK(names([&] { m::theil_t(x, bad); }, "theil_t", at));
    CHECK(names([&] { m::theil_l(x, bad); }, "theil_l", at));
    CHECK(names([&] { m::theil_t_decomposition(x, bad, g, 2); }, "theil_t_decomposition", at));
    CHECK(names([&] { m::theil_l_decomposition(x, bad, g, 2); }, "theil_l_decomposition", at));
    CHECK(names([&] { m::esteban_ray(x, bad, 1.6); }, "esteban_ray", at));
    CHECK(names([&] { m::esteban_ray_grouped(x, bad, g, 2, 1.6); }, "esteban_ray_grouped", at));
    CHECK(names([&] { m::wolfson(x, bad); }, "wolfson", at));
    CHECK(names([&] { m::zhang_kanbur(x, bad, g, 2); }, "zhang_kanbur", at));
    CHECK(names([&] { m::compute_all(x, bad, g, 2, {}); }, "compute_all", at));
  }
  CHECK(names([&] { m::gini(x, Vec{1, -2, 1}); }, "gini", "weight -2 at position 1"));
  CHECK(names([&] { m::gini(x, Vec{1, 1}); }, "gini", "2 weights for 3 values"));
  CHECK(names([&] { m::compute_all(x, Vec{1, 1, 1, 1}, g, 2, {}); }, "compute_all", "4 weights"));
  // Values and group ids are still checked, zero-weight units included.
  CHECK(names([&] { m::gini(Vec{1, -5, 3}, Vec{1, 0, 1}); }, "gini", "value -5 at position 1"));
  CHECK(names([&] { m::compute_all(x, Vec{1, 1, 0}, Ids{0, 0, 7}, 2, {}); }, "compute_all", "group id 7"));
  CHECK_THROWS_AS(m::compute_all(x, Vec{1, 1, 1}, Ids{0, 0}, 2, {}), std::invalid_argument);
  CHECK_THROWS_AS(m::compute_all(x, Vec{1, 1, 1}, g, 2, m::MetricParams{0, 1.6}), std::invalid_argument);
  CHECK_THROWS_AS(m::esteban_ray(x, Vec{1, 1, 1}, 1.7), std::invalid_argument);
  const double huge = std::numeric_limits<double>::max();
  CHECK(names([&] { m::gini(x, Vec{huge, huge, 1}); }, "gini", "overflow"));
}

TEST_CASE("weighted: compute_all matches the single-index functions", "[metrics][weights]") {
  std::mt19937_64 rng(18);
  const Sample s = random_sample(rng, 178, 31);
  const Vec w = real_weights(rng, 178, true);
  const m::MetricSet a = m::compute_all(s.x, w, s.group, 31, m::MetricParams{5, 1.2});
  const m::TheilDecomposition d = m::theil_t_decomposition(s.x, w, s.group, 31);
  CHECK(a.gini == m::gini(s.x, w));
  CHECK(a.theil_t == d.total);
  CHECK(a.theil_between == d.between);
  CHECK(a.theil_within == d.within);
  CHECK(a.theil_l == m::theil_l_decomposition(s.x, w, s.group, 31).total);
  CHECK(a.theil_l == tight(m::theil_l(s.x, w)));
  CHECK(a.cv == m::coefficient_of_variation(s.x, w));
  CHECK(a.esteban_ray == m::esteban_ray_grouped(s.x, w, s.group, 31, 1.2));
  CHECK(a.wolfson == m::wolfson(s.x, w));
  CHECK(a.zhang_kanbur == m::zhang_kanbur(s.x, w, s.group, 31));
  const Vec kept = positive_weight_values(s.x, w);
  CHECK(a.top10_share == m::top_k_share(kept, 5));
  CHECK(a.hhi == m::hhi(kept));
}

TEST_CASE("weighted: random inputs with zero values and weights never give NaN", "[metrics][weights]") {
  std::mt19937_64 rng(19);
  for (int trial = 0; trial < 200; ++trial) {
    const int n_groups = 1 + trial % 40;
    Sample s = random_sample(rng, static_cast<std::size_t>(trial % 30), n_groups);
    if (trial % 5 == 0)
      for (std::size_t i = 0; i < s.x.size(); i += 2) s.x[i] = 0;
    const Vec w = trial % 3 == 0 ? integer_weights(rng, s.x.size()) : real_weights(rng, s.x.size(), true);
    require_finite(m::compute_all(s.x, w, s.group, n_groups, {}));
  }
}
