// Designs (grid, Latin hypercube, Sobol' sequence, Saltelli, Morris) and the statistics of `zonesim compare`:
// t quantiles, Sobol' indices of the Ishigami function against their analytic values, Morris ranking.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>
#include <set>

#include "zonesim/design.hpp"
#include "zonesim/sensitivity.hpp"

using namespace zonesim;

TEST_CASE("a full grid holds every combination once, the last factor fastest") {
  const auto g = design::full_grid({2, 3, 4});
  REQUIRE(g.size() == 24);
  CHECK(g[0] == std::vector<int>{0, 0, 0});
  CHECK(g[1] == std::vector<int>{0, 0, 1});
  CHECK(g[4] == std::vector<int>{0, 1, 0});
  CHECK(g[23] == std::vector<int>{1, 2, 3});
  CHECK(std::set<std::vector<int>>(g.begin(), g.end()).size() == 24);
  CHECK(design::full_grid({}).size() == 1);  // no factors: one point
  CHECK_THROWS(design::full_grid({2, 0}));
}

TEST_CASE("a Latin hypercube puts exactly one point in each stratum of each factor") {
  const int n = 37, k = 5;
  const auto x = design::latin_hypercube(n, k, 11);
  REQUIRE(x.size() == n);
  for (int c = 0; c < k; ++c) {
    std::set<int> strata;
    for (const auto& p : x) {
      REQUIRE(p.size() == k);
      CHECK(p[c] >= 0.0);
      CHECK(p[c] < 1.0);
      strata.insert(static_cast<int>(std::floor(p[c] * n)));
    }
    CHECK(strata.size() == n);
  }
  CHECK(design::latin_hypercube(n, k, 11) == x);  // the seed fixes the design
  CHECK(design::latin_hypercube(n, k, 12) != x);
}

TEST_CASE("the Sobol' sequence matches the Joe-Kuo reference points") {
  design::SobolSequence s(40);
  std::vector<design::Point> p;
  for (int i = 0; i < 4096; ++i) p.push_back(s.next());
  CHECK(p[0] == design::Point(40, 0.0));
  CHECK(p[1][0] == 0.5);
  CHECK(p[2][0] == 0.75);
  CHECK(p[2][1] == 0.25);
  CHECK(p[3][2] == 0.75);
  // Reference values computed with an independent implementation of the same table (SciPy 1.10,
  // qmc.Sobol(d=40, scramble=False)).
  CHECK(p[5][4] == 0.875);
  CHECK(p[777][20] == 0.2373046875);
  CHECK(p[1000][37] == 0.8310546875);
  CHECK(p[1000][38] == 0.3076171875);
  CHECK(p[1000][39] == 0.4794921875);
  CHECK(p[4095][39] == 0.227294921875);
  // Each coordinate of the first 2^m points falls once into each interval [j/2^m, (j+1)/2^m).
  for (int d = 0; d < 40; ++d) {
    std::set<int> cells;
    for (int i = 0; i < 256; ++i) cells.insert(static_cast<int>(p[i][d] * 256));
    CHECK(cells.size() == 256);
  }
  CHECK_THROWS(design::SobolSequence(41));
}

TEST_CASE("a digital shift keeps the Sobol' stratification") {
  design::SobolSequence s(6, 99);
  std::vector<std::set<int>> cells(6);
  for (int i = 0; i < 128; ++i) {
    const auto p = s.next();
    for (int d = 0; d < 6; ++d) cells[d].insert(static_cast<int>(p[d] * 128));
  }
  for (const auto& c : cells) CHECK(c.size() == 128);
}

TEST_CASE("Saltelli's design: A, B and the AB_i matrices row by row") {
  const int n = 16, k = 3;
  const auto x = design::saltelli(n, k, 5);
  REQUIRE(x.size() == static_cast<size_t>(n * (k + 2)));
  for (int j = 0; j < n; ++j) {
    const auto& a = x[j * (k + 2)];
    const auto& b = x[j * (k + 2) + 1];
    for (int i = 0; i < k; ++i) {
      const auto& ab = x[j * (k + 2) + 2 + i];
      for (int c = 0; c < k; ++c) CHECK(ab[c] == (c == i ? b[c] : a[c]));
    }
  }
  CHECK_THROWS(design::saltelli(8, 21, 1));
}

namespace {

double ishigami(const design::Point& u) {
  const double pi = std::numbers::pi;
  const double x1 = -pi + 2 * pi * u[0], x2 = -pi + 2 * pi * u[1], x3 = -pi + 2 * pi * u[2];
  return std::sin(x1) + 7 * std::sin(x2) * std::sin(x2) + 0.1 * std::pow(x3, 4) * std::sin(x1);
}

}  // namespace

TEST_CASE("Sobol' indices of the Ishigami function match the analytic values") {
  const int n = 8192, k = 3;
  const auto x = design::saltelli(n, k, 2024);
  std::vector<double> f;
  for (const auto& p : x) f.push_back(ishigami(p));
  const auto s = stats::sobol_indices(f, n, k, 200, 7);
  // Analytic values for a = 7, b = 0.1 (Ishigami & Homma 1990; Saltelli et al. 2010, table 1).
  const double first[3] = {0.3139, 0.4424, 0.0}, total[3] = {0.5576, 0.4424, 0.2437};
  for (int i = 0; i < k; ++i) {
    INFO("factor " << i);
    CHECK(s[i].first.value == Approx(first[i]).margin(0.02));
    CHECK(s[i].total.value == Approx(total[i]).margin(0.02));
    CHECK(s[i].first.low <= s[i].first.value);
    CHECK(s[i].first.high >= s[i].first.value);
    CHECK(s[i].total.high - s[i].total.low < 0.1);
    CHECK(s[i].first.n == n);
  }
  CHECK_THROWS(stats::sobol_indices(std::vector<double>(10), n, k, 0, 1));
}

TEST_CASE("Sobol' indices of a constant output are undefined, not zero") {
  const auto s = stats::sobol_indices(std::vector<double>(8 * 4, 3.0), 8, 2, 10, 1);
  CHECK(std::isnan(s[0].first.value));
  CHECK(std::isnan(s[1].total.value));
}

TEST_CASE("Morris trajectories move one factor at a time on the grid") {
  const int r = 10, k = 4, p = 4;
  const auto m = design::morris(r, k, p, 3);
  REQUIRE(m.points.size() == static_cast<size_t>(r * (k + 1)));
  const double delta = p / (2.0 * (p - 1));
  for (int t = 0; t < r; ++t) {
    std::set<int> moved;
    CHECK(m.factor[t * (k + 1)] == -1);
    for (int s = 1; s <= k; ++s) {
      const size_t i = static_cast<size_t>(t * (k + 1) + s);
      moved.insert(m.factor[i]);
      CHECK(std::fabs(m.step[i]) == Approx(delta));
      for (int c = 0; c < k; ++c) {
        const double d = m.points[i][c] - m.points[i - 1][c];
        CHECK(d == Approx(c == m.factor[i] ? m.step[i] : 0.0).margin(1e-12));
        CHECK(m.points[i][c] >= 0.0);
        CHECK(m.points[i][c] <= 1.0 + 1e-12);
      }
    }
    CHECK(moved.size() == k);
  }
  CHECK_THROWS(design::morris(4, 2, 3, 1));  // odd levels
}

TEST_CASE("Morris mu* ranks the factors of Sobol's g-function by importance") {
  // g(x) = prod (|4 x_i - 2| + a_i) / (1 + a_i): the smaller a_i, the more important x_i.
  const double a[5] = {0, 1, 4.5, 9, 99};
  const int r = 50, k = 5;
  const auto m = design::morris(r, k, 4, 17);
  std::vector<double> f;
  for (const auto& x : m.points) {
    double g = 1;
    for (int i = 0; i < k; ++i) g *= (std::fabs(4 * x[i] - 2) + a[i]) / (1 + a[i]);
    f.push_back(g);
  }
  const auto idx = stats::morris_indices(f, m.factor, m.step, r, k, 100, 1);
  for (int i = 0; i + 1 < k; ++i) CHECK(idx[i].mu_star.value > idx[i + 1].mu_star.value);
  CHECK(idx[0].mu_star.low <= idx[0].mu_star.value);
  CHECK(idx[0].mu_star.high >= idx[0].mu_star.value);
  CHECK(idx[0].sigma > 0);
  // A linear function: every elementary effect equals the coefficient, sigma is zero.
  f.clear();
  for (const auto& x : m.points) f.push_back(3 * x[0] - 2 * x[1]);
  const auto lin = stats::morris_indices(f, m.factor, m.step, r, k, 0, 1);
  CHECK(lin[0].mu == Approx(3));
  CHECK(lin[1].mu == Approx(-2));
  CHECK(lin[1].mu_star.value == Approx(2));
  CHECK(lin[0].sigma == Approx(0).margin(1e-9));
  CHECK(lin[2].mu_star.value == Approx(0).margin(1e-12));
}

TEST_CASE("Student's t quantiles") {
  // Reference values: SciPy 1.10 stats.t.ppf.
  CHECK(stats::t_quantile(0.975, 1) == Approx(12.706204736432095).epsilon(1e-9));
  CHECK(stats::t_quantile(0.975, 2) == Approx(4.302652729911275).epsilon(1e-9));
  CHECK(stats::t_quantile(0.975, 9) == Approx(2.2621571627409915).epsilon(1e-9));
  CHECK(stats::t_quantile(0.975, 29) == Approx(2.045229642132703).epsilon(1e-9));
  CHECK(stats::t_quantile(0.975, 1000) == Approx(1.9623390808264074).epsilon(1e-9));
  CHECK(stats::t_quantile(0.9, 3.5) == Approx(1.5765766039594717).epsilon(1e-9));
  CHECK(stats::t_quantile(0.025, 9) == Approx(-2.2621571627409915).epsilon(1e-9));
  CHECK_THROWS(stats::t_quantile(1.0, 3));
}

TEST_CASE("the mean and its t interval skip missing values") {
  const double nan = std::nan("");
  const std::vector<double> x = {1, 2, 3, 4, nan};
  const auto e = stats::mean_interval(x);
  CHECK(e.n == 4);
  CHECK(e.value == Approx(2.5));
  CHECK(e.sd == Approx(std::sqrt(5.0 / 3.0)));
  const double half = 3.182446305284263 * e.sd / 2;  // t(0.975, 3)
  CHECK(e.low == Approx(2.5 - half));
  CHECK(e.high == Approx(2.5 + half));
  const auto one = stats::mean_interval(std::vector<double>{5.0});
  CHECK(one.value == 5.0);
  CHECK(std::isnan(one.low));
}
