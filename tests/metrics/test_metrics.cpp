// Each index against hand-worked values or an independent naive formula (docs/metrics.md).
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

TEST_CASE("gini: hand values and the O(n^2) mean absolute difference", "[metrics]") {
  CHECK(m::gini(Vec{1, 2, 3, 4}) == tight(0.25));
  CHECK(m::gini(Vec{1, 2, 6}) == tight(10.0 / 27.0));
  std::mt19937_64 rng(1);
  for (std::size_t n : {2u, 3u, 7u, 40u, 178u}) {
    const Sample s = random_sample(rng, n, 4);
    if (total_of(s.x) <= 0) continue;
    CHECK(m::gini(s.x) == tight(naive_gini(s.x)));
  }
}

TEST_CASE("coefficient of variation, hhi, top-k share: hand values", "[metrics]") {
  CHECK(m::coefficient_of_variation(Vec{1, 3}) == tight(0.5));  // population s.d. 1, mean 2
  CHECK(m::coefficient_of_variation(Vec{2, 4, 9}) ==
        tight(std::sqrt(26.0 / 3) / 5));  // mean 5, ss 9 + 1 + 16
  CHECK(m::hhi(Vec{1, 1, 2}) == tight(0.375));
  CHECK(m::top_k_share(Vec{5, 1, 3, 1}, 2) == tight(0.8));
  CHECK(m::top_k_share(Vec{5, 1, 3, 1}, 1) == tight(0.5));
  CHECK(m::top_k_share(Vec{5, 1, 3, 1}, 9) == tight(1.0));
  CHECK_THROWS_AS(m::top_k_share(Vec{1, 2}, 0), std::invalid_argument);
}

TEST_CASE("theil T and L: hand values and independent formulas", "[metrics]") {
  CHECK(m::theil_t(Vec{1, 3}) == tight(0.5 * (0.5 * std::log(0.5) + 1.5 * std::log(1.5))));
  CHECK(m::theil_l(Vec{1, 3}) == tight(0.5 * (std::log(2.0) + std::log(2.0 / 3.0))));
  std::mt19937_64 rng(2);
  for (std::size_t n : {2u, 5u, 30u, 178u}) {
    const Sample s = random_sample(rng, n, 6);
    if (total_of(s.x) <= 0) continue;
    CHECK(m::theil_t(s.x) == tight(naive_theil_t(s.x), 1e-10));
    CHECK(m::theil_l(s.x) == tight(naive_theil_l(s.x), 1e-10));
  }
}

TEST_CASE("theil L excludes zeros; theil T uses 0 log 0 = 0", "[metrics]") {
  CHECK(m::theil_l(Vec{0, 1, 3}) == tight(m::theil_l(Vec{1, 3})));
  CHECK(m::theil_l(Vec{0, 0, 5}) == 0.0);
  // Adding a zero to {1, 3}: mean 4/3, shares 1/4 and 3/4.
  CHECK(m::theil_t(Vec{0, 1, 3}) == tight(std::log(3.0) + 0.25 * std::log(0.25) + 0.75 * std::log(0.75)));
}

TEST_CASE("theil decomposition: between + within = total, parts match naive formulas", "[metrics]") {
  std::mt19937_64 rng(3);
  for (int trial = 0; trial < 50; ++trial) {
    const int n_groups = 1 + trial % 31;
    const Sample s = random_sample(rng, 2 + static_cast<std::size_t>(trial) * 7, n_groups);
    const m::TheilDecomposition d = m::theil_t_decomposition(s.x, s.group, n_groups);
    REQUIRE(d.between + d.within == Approx(d.total).margin(1e-12).epsilon(0));
    CHECK(d.total == tight(m::theil_t(s.x)));
    if (total_of(s.x) <= 0) continue;
    CHECK(d.between == Approx(naive_between(s.x, s.group, n_groups)).margin(1e-12).epsilon(0));
    CHECK(d.within == Approx(naive_within(s.x, s.group, n_groups)).margin(1e-12).epsilon(0));

    const m::TheilDecomposition l = m::theil_l_decomposition(s.x, s.group, n_groups);
    REQUIRE(l.between + l.within == Approx(l.total).margin(1e-12).epsilon(0));
    CHECK(l.total == tight(m::theil_l(s.x)));
  }
}

TEST_CASE("theil decomposition: hand example with two provinces", "[metrics]") {
  const Vec x{1, 3, 2, 6};
  const Ids g{0, 0, 1, 1};
  const m::TheilDecomposition d = m::theil_t_decomposition(x, g, 2);
  const double between = 4.0 / 12 * std::log(2.0 / 3) + 8.0 / 12 * std::log(4.0 / 3);
  const double within = m::theil_t(Vec{1, 3});  // both groups are {1, 3} up to scale
  CHECK(d.between == tight(between));
  CHECK(d.within == tight(within));
  CHECK(m::zhang_kanbur(x, g, 2) == tight(between / within));
  // Group ids 1..3 with 0 and 2 empty give the same parts.
  CHECK(m::theil_t_decomposition(x, Ids{1, 1, 3, 3}, 4).between == tight(between));
}

TEST_CASE("esteban-ray: hand value, naive double sum, alpha = 0 gives twice the gini", "[metrics]") {
  // {1, 1, 2}: levels 3/4 (share 2/3) and 3/2 (share 1/3); alpha = 1 gives |dy| pi0 pi1 (pi0 + pi1) = 1/6.
  CHECK(m::esteban_ray(Vec{1, 1, 2}, 1.0) == tight(1.0 / 6.0));
  std::mt19937_64 rng(4);
  for (std::size_t n : {2u, 9u, 50u, 178u}) {
    const Sample s = random_sample(rng, n, 3);
    if (total_of(s.x) <= 0) continue;
    for (double alpha : {0.0, 0.5, 1.0, 1.6})
      CHECK(m::esteban_ray(s.x, alpha) == tight(naive_esteban_ray(s.x, alpha)));
    CHECK(m::esteban_ray(s.x, 0.0) == tight(2 * m::gini(s.x)));
  }
  // All values distinct: pi_i = 1/n, so the index is 2 G n^-alpha (docs/metrics.md).
  const Vec distinct{1, 2, 4, 8, 16};
  CHECK(m::esteban_ray(distinct, 1.6) == tight(2 * m::gini(distinct) * std::pow(5.0, -1.6)));
  CHECK_THROWS_AS(m::esteban_ray(distinct, -0.1), std::invalid_argument);
  CHECK_THROWS_AS(m::esteban_ray(distinct, 1.7), std::invalid_argument);
}

TEST_CASE("esteban-ray grouped: provinces as units", "[metrics]") {
  // Group means 2 and 4, overall mean 3, half the zones each: y = 2/3 and 4/3.
  const double expected = 2 * std::pow(0.5, 2.6) * 0.5 * (4.0 / 3 - 2.0 / 3);
  CHECK(m::esteban_ray_grouped(Vec{1, 3, 2, 6}, Ids{0, 0, 1, 1}, 3, 1.6) == tight(expected));
  CHECK(m::esteban_ray_grouped(Vec{1, 3, 3, 1}, Ids{0, 0, 1, 1}, 2, 1.6) == 0.0);
}

TEST_CASE("wolfson: hand values", "[metrics]") {
  // {1,2,3,4}: median = mean = 2.5, L(0.5) = 0.3, G = 0.25 -> 2 (1 - 0.6 - 0.25) = 0.3.
  CHECK(m::wolfson(Vec{1, 2, 3, 4}) == tight(0.3));
  // {1,2,6}: mean 3, median 2, L(0.5) = (1 + 2/2) / 9, G = 10/27 -> 2 (1 - 4/9 - 10/27) 3/2 = 5/9.
  CHECK(m::wolfson(Vec{1, 2, 6}) == tight(5.0 / 9.0));
  // Two equal camps: the maximum, 1.
  CHECK(m::wolfson(Vec{0, 0, 2, 2}) == tight(1.0));
}

TEST_CASE("equal values give zero inequality", "[metrics]") {
  for (std::size_t n : {2u, 3u, 10u, 178u}) {
    const Vec x(n, 0.1);  // 0.1 is not exact in binary: rounding must not leave a negative index
    Ids g(n);
    for (std::size_t i = 0; i < n; ++i) g[i] = static_cast<int>(i % 3);
    const m::MetricSet s = m::compute_all(x, g, 3, {});
    require_finite(s);
    for (double v : {s.gini, s.theil_t, s.theil_l, s.theil_between, s.theil_within, s.cv, s.esteban_ray,
                     s.wolfson, s.zhang_kanbur})
      CHECK(v == Approx(0).margin(1e-12));
    const double dn = static_cast<double>(n);
    CHECK(s.hhi == tight(1 / dn));
    CHECK(s.top10_share == tight(std::min(10.0, dn) / dn));
  }
}

TEST_CASE("one zone holding everything gives the known maxima", "[metrics]") {
  for (std::size_t n : {2u, 5u, 178u}) {
    Vec x(n, 0.0);
    x[n / 2] = 7.5;
    const double dn = static_cast<double>(n);
    CHECK(m::gini(x) == tight((dn - 1) / dn));
    CHECK(m::theil_t(x) == tight(std::log(dn)));
    CHECK(m::hhi(x) == tight(1.0));
    CHECK(m::top_k_share(x, 1) == tight(1.0));
    CHECK(m::coefficient_of_variation(x) == tight(std::sqrt(dn - 1)));
    CHECK(m::theil_l(x) == 0.0);  // a single positive value
    const double alpha = 1.6, p0 = (dn - 1) / dn;
    CHECK(m::esteban_ray(x, alpha) == tight(std::pow(p0, 1 + alpha) + (dn - 1) * std::pow(dn, -1 - alpha)));
  }
  // n >= 3: the median is 0, so wolfson divides by kRatioFloor: 2 (1 - 0 - 3/4) / 1e-12.
  CHECK(m::wolfson(Vec{0, 0, 0, 4}) == tight(0.5 / m::kRatioFloor));
}

TEST_CASE("scale invariance", "[metrics]") {
  std::mt19937_64 rng(5);
  const Sample s = random_sample(rng, 178, 31);
  Vec scaled = s.x;
  for (double& v : scaled) v *= 1234.5;
  const m::MetricSet a = m::compute_all(s.x, s.group, 31, {});
  const m::MetricSet b = m::compute_all(scaled, s.group, 31, {});
  CHECK(b.gini == tight(a.gini));
  CHECK(b.theil_t == tight(a.theil_t, 1e-10));
  CHECK(b.theil_l == tight(a.theil_l, 1e-10));
  CHECK(b.theil_between == tight(a.theil_between, 1e-10));
  CHECK(b.theil_within == tight(a.theil_within, 1e-10));
  CHECK(b.top10_share == tight(a.top10_share));
  CHECK(b.cv == tight(a.cv));
  CHECK(b.hhi == tight(a.hhi));
  CHECK(b.esteban_ray == tight(a.esteban_ray));
  CHECK(b.wolfson == tight(a.wolfson));
  CHECK(b.zhang_kanbur == tight(a.zhang_kanbur, 1e-10));
  CHECK(a.gini > 0.1);  // the sample is unequal, so the checks above compare real values
}

TEST_CASE("population principle: replicating every zone leaves the indices unchanged", "[metrics]") {
  std::mt19937_64 rng(6);
  const Sample s = random_sample(rng, 40, 8);  // even n: replicate an odd number of times for the median
  const m::MetricSet a = m::compute_all(s.x, s.group, 8, {});
  const m::MetricSet b = m::compute_all(replicate(s.x, 3), replicate(s.group, 3), 8, {});
  CHECK(b.gini == tight(a.gini));
  CHECK(b.theil_t == tight(a.theil_t, 1e-10));
  CHECK(b.theil_l == tight(a.theil_l, 1e-10));
  CHECK(b.theil_between == tight(a.theil_between, 1e-10));
  CHECK(b.theil_within == tight(a.theil_within, 1e-10));
  CHECK(b.cv == tight(a.cv));
  CHECK(b.esteban_ray == tight(a.esteban_ray));  // provinces' shares and relative means are unchanged
  CHECK(b.wolfson == tight(a.wolfson));
  CHECK(b.zhang_kanbur == tight(a.zhang_kanbur, 1e-10));
  CHECK(b.hhi == tight(a.hhi / 3));  // a concentration measure: it falls with the number of zones
}

TEST_CASE("compute_all matches the single-index functions", "[metrics]") {
  std::mt19937_64 rng(7);
  const Sample s = random_sample(rng, 178, 31);
  const m::MetricParams p{5, 1.2};
  const m::MetricSet a = m::compute_all(s.x, s.group, 31, p);
  const m::TheilDecomposition d = m::theil_t_decomposition(s.x, s.group, 31);
  CHECK(a.gini == m::gini(s.x));
  CHECK(a.theil_t == d.total);
  CHECK(a.theil_between == d.between);
  CHECK(a.theil_within == d.within);
  CHECK(a.theil_l == tight(m::theil_l(s.x)));
  CHECK(a.top10_share == m::top_k_share(s.x, 5));
  CHECK(a.cv == m::coefficient_of_variation(s.x));
  CHECK(a.hhi == m::hhi(s.x));
  CHECK(a.esteban_ray == m::esteban_ray_grouped(s.x, s.group, 31, 1.2));
  CHECK(a.wolfson == m::wolfson(s.x));
  CHECK(a.zhang_kanbur == m::zhang_kanbur(s.x, s.group, 31));
}

TEST_CASE("edge cases: empty, single, all zeros", "[metrics]") {
  const m::MetricSet empty = m::compute_all(Vec{}, Ids{}, 31, {});
  require_finite(empty);
  CHECK(empty.gini == 0.0);
  CHECK(empty.hhi == 0.0);
  CHECK(empty.top10_share == 0.0);

  const m::MetricSet single = m::compute_all(Vec{42.0}, Ids{3}, 31, {});
  require_finite(single);
  for (double v : {single.gini, single.theil_t, single.theil_l, single.theil_between, single.theil_within,
                   single.cv, single.esteban_ray, single.wolfson, single.zhang_kanbur})
    CHECK(v == 0.0);
  CHECK(single.hhi == 1.0);  // concentration: the single zone holds everything
  CHECK(single.top10_share == 1.0);

  const m::MetricSet zeros = m::compute_all(Vec(12, 0.0), Ids(12, 0), 1, {});
  require_finite(zeros);
  for (double v :
       {zeros.gini, zeros.theil_t, zeros.theil_l, zeros.theil_between, zeros.theil_within, zeros.top10_share,
        zeros.cv, zeros.hhi, zeros.esteban_ray, zeros.wolfson, zeros.zhang_kanbur})
    CHECK(v == 0.0);
}

TEST_CASE("zhang-kanbur with no within-group inequality uses the documented floor", "[metrics]") {
  // Equal zones inside each province, provinces differ: within = 0, between > 0.
  const Vec x{1, 1, 3, 3};
  const Ids g{0, 0, 1, 1};
  const double between = m::theil_t_decomposition(x, g, 2).between;
  REQUIRE(between > 0.1);
  CHECK(m::zhang_kanbur(x, g, 2) == tight(between / m::kRatioFloor));
  // Both parts zero: 0.
  CHECK(m::zhang_kanbur(Vec{2, 2, 2}, Ids{0, 1, 1}, 2) == 0.0);
  // Every zone its own province: the whole Theil T is between.
  const Vec y{1, 2, 5};
  CHECK(m::zhang_kanbur(y, Ids{0, 1, 2}, 3) == tight(m::theil_t(y) / m::kRatioFloor));
}

TEST_CASE("bad input throws invalid_argument naming the index", "[metrics]") {
  const Vec neg{1, -2, 3};
  const Ids g{0, 0, 0};
  auto names = [](auto&& call, const std::string& index) {
    try {
      call();
    } catch (const std::invalid_argument& e) {
      const std::string what = e.what();
      return what.find(index) != std::string::npos && what.find("position 1") != std::string::npos;
    }
    return false;
  };
  CHECK(names([&] { m::gini(neg); }, "gini"));
  CHECK(names([&] { m::coefficient_of_variation(neg); }, "coefficient_of_variation"));
  CHECK(names([&] { m::hhi(neg); }, "hhi"));
  CHECK(names([&] { m::top_k_share(neg, 2); }, "top_k_share"));
  CHECK(names([&] { m::theil_t(neg); }, "theil_t"));
  CHECK(names([&] { m::theil_l(neg); }, "theil_l"));
  CHECK(names([&] { m::theil_t_decomposition(neg, g, 1); }, "theil_t_decomposition"));
  CHECK(names([&] { m::theil_l_decomposition(neg, g, 1); }, "theil_l_decomposition"));
  CHECK(names([&] { m::esteban_ray(neg, 1.6); }, "esteban_ray"));
  CHECK(names([&] { m::esteban_ray_grouped(neg, g, 1, 1.6); }, "esteban_ray_grouped"));
  CHECK(names([&] { m::wolfson(neg); }, "wolfson"));
  CHECK(names([&] { m::zhang_kanbur(neg, g, 1); }, "zhang_kanbur"));
  CHECK(names([&] { m::compute_all(neg, g, 1, {}); }, "compute_all"));
  const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
  CHECK(names([&] { m::gini(Vec{1, nan}); }, "gini"));
  CHECK(names([&] { m::theil_t(Vec{1, inf}); }, "theil_t"));
  // Groups: wrong count, id out of range.
  CHECK_THROWS_AS(m::compute_all(Vec{1, 2}, Ids{0}, 1, {}), std::invalid_argument);
  CHECK_THROWS_AS(m::compute_all(Vec{1, 2}, Ids{0, 2}, 2, {}), std::invalid_argument);
  CHECK_THROWS_AS(m::compute_all(Vec{1, 2}, Ids{0, -1}, 2, {}), std::invalid_argument);
  CHECK_THROWS_AS(m::compute_all(Vec{1, 2}, Ids{0, 0}, 1, m::MetricParams{0, 1.6}), std::invalid_argument);
}

TEST_CASE("random inputs with zeros, ties and empty groups never give NaN", "[metrics]") {
  std::mt19937_64 rng(8);
  for (int trial = 0; trial < 200; ++trial) {
    const int n_groups = 1 + trial % 40;
    Sample s = random_sample(rng, static_cast<std::size_t>(trial % 30), n_groups);
    if (trial % 5 == 0)
      for (std::size_t i = 0; i < s.x.size(); i += 2) s.x[i] = 0;  // median often 0
    require_finite(m::compute_all(s.x, s.group, n_groups, {}));
  }
}

TEST_CASE("sigma convergence: slope of the s.d. of logs on year", "[metrics]") {
  // log x_{z,t} = c_z (1 + 0.1 t): the s.d. of logs is sd(c) (1 + 0.1 t), slope 0.1 sd(c) per year.
  const Vec c{1.0, 2.0, 4.0, 7.0};
  const double mean_c = 3.5, sd_c = std::sqrt(((2.5 * 2.5) + (1.5 * 1.5) + (0.5 * 0.5) + (3.5 * 3.5)) / 4);
  REQUIRE(total_of(c) / 4 == mean_c);
  std::vector<int> years;
  std::vector<Vec> values;
  for (int t = 0; t < 6; ++t) {
    years.push_back(2024 + t);
    Vec row;
    for (double cz : c) row.push_back(std::exp(cz * (1 + 0.1 * t)));
    row.push_back(0.0);  // a zone with no GDP is skipped, not logged
    values.push_back(row);
  }
  CHECK(m::sigma_convergence(years, values) == tight(0.1 * sd_c, 1e-10));
  // Shrinking dispersion: negative slope.
  std::reverse(values.begin(), values.end());
  CHECK(m::sigma_convergence(years, values) == tight(-0.1 * sd_c, 1e-10));
  CHECK(m::sigma_convergence(std::vector<int>{2024}, {Vec{1, 2}}) == 0.0);
  CHECK(m::sigma_convergence(std::vector<int>{}, {}) == 0.0);
  CHECK_THROWS_AS(m::sigma_convergence(std::vector<int>{2024, 2025}, {Vec{1, 2}}), std::invalid_argument);
  CHECK_THROWS_AS(m::sigma_convergence(std::vector<int>{2024}, {Vec{1, -2}}), std::invalid_argument);
}

TEST_CASE("beta convergence: slope of mean log growth on initial log level", "[metrics]") {
  // growth_z = 0.05 - 0.02 ln x0_z exactly, over 10 years.
  const Vec x0{1.0, 3.0, 10.0, 50.0, 200.0};
  Vec x_end;
  for (double v : x0) x_end.push_back(v * std::exp(10 * (0.05 - 0.02 * std::log(v))));
  Vec first = x0, last = x_end;
  first.push_back(0.0);  // no initial level: dropped
  last.push_back(5.0);
  const std::vector<int> years{2024, 2029, 2034};
  const std::vector<Vec> values{first, Vec(first.size(), 1.0), last};
  CHECK(m::beta_convergence(years, values) == tight(-0.02, 1e-10));
  CHECK(m::beta_convergence(std::vector<int>{2024}, {x0}) == 0.0);
  CHECK(m::beta_convergence(std::vector<int>{2024, 2025}, {Vec{1, 1}, Vec{2, 3}}) == 0.0);  // no spread in x0
  CHECK_THROWS_AS(m::beta_convergence(std::vector<int>{2025, 2024}, {x0, x0}), std::invalid_argument);
  CHECK_THROWS_AS(m::beta_convergence(std::vector<int>{2024, 2025}, {x0, Vec{1}}), std::invalid_argument);
  CHECK_THROWS_AS(m::beta_convergence(std::vector<int>{2024, 2025}, {x0, Vec(5, -1.0)}),
                  std::invalid_argument);
}

// ---------------------------------------------------------------------------------------------------------
// Population weights (metrics/metrics_weighted.cpp; docs/metrics.md, "Population weights")
// ---------------------------------------------------------------------------------------------------------
