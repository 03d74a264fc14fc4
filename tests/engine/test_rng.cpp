// Counter-based streams: a pure function of the key, independent of order; sound distributions.
#include <catch2/catch.hpp>
#include <cmath>

#include "zonesim/model/rng.hpp"

using namespace zonesim;

TEST_CASE("a stream is a pure function of (seed, replicate, step, agent, purpose)") {
  Stream a({42, 0}, 3, 1000, Purpose::enterprise_size), b({42, 0}, 3, 1000, Purpose::enterprise_size);
  for (int i = 0; i < 10; ++i) CHECK(a.bits() == b.bits());
  const auto first = Stream({42, 0}, 3, 1000, Purpose::enterprise_size).bits();
  CHECK(Stream({43, 0}, 3, 1000, Purpose::enterprise_size).bits() != first);
  CHECK(Stream({42, 1}, 3, 1000, Purpose::enterprise_size).bits() != first);
  CHECK(Stream({42, 0}, 4, 1000, Purpose::enterprise_size).bits() != first);
  CHECK(Stream({42, 0}, 3, 1001, Purpose::enterprise_size).bits() != first);
  CHECK(Stream({42, 0}, 3, 1000, Purpose::enterprise_rnd).bits() != first);
}

TEST_CASE("uniform and normal draws have the right moments (k = 5 standard errors)") {
  const int n = 200000;
  double su = 0, su2 = 0, sn = 0, sn2 = 0;
  for (int i = 0; i < n; ++i) {
    Stream s({7, 0}, 0, static_cast<std::uint64_t>(i), Purpose::enterprise_productivity);
    const double u = s.uniform(), z = s.normal();
    REQUIRE(u > 0);
    REQUIRE(u < 1);
    su += u, su2 += u * u, sn += z, sn2 += z * z;
  }
  const double mu = su / n, vu = su2 / n - mu * mu, mn = sn / n, vn = sn2 / n - mn * mn;
  CHECK(std::abs(mu - 0.5) < 5 * std::sqrt(1.0 / 12 / n));
  CHECK(std::abs(vu - 1.0 / 12) < 5 * std::sqrt(1.0 / 180 / n));
  CHECK(std::abs(mn) < 5 / std::sqrt(n));
  CHECK(std::abs(vn - 1) < 5 * std::sqrt(2.0 / n));
}

TEST_CASE("below(n) stays in range and covers it") {
  Stream s({1, 0}, 0, 0, Purpose::enterprise_sector);
  int seen[7] = {0};
  for (int i = 0; i < 7000; ++i) {
    const auto k = s.below(7);
    REQUIRE(k < 7);
    ++seen[k];
  }
  for (int c : seen) CHECK(c > 800);
}
