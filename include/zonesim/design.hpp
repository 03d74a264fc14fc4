#pragma once
// Experimental designs for sweeps: full grids, Latin hypercubes, Sobol' sequences with Saltelli's matrices,
// and Morris trajectories. Every design is a pure function of its arguments (and seed): points lie in the
// unit cube (or, for grids, are level indices); sweep/plan.cpp maps them onto factor values.
// docs/sweeps.md.
#include <cstdint>
#include <vector>

namespace zonesim::design {

using Point = std::vector<double>;  // one coordinate per factor, each in [0, 1]

// SplitMix64 (Steele, Lea & Flood 2014): small, fast, portable; designs and bootstraps must not depend on the
// standard library's distributions, whose output differs between implementations.
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
  std::uint64_t below(std::uint64_t n) {                                      // [0, n), n > 0
    return static_cast<std::uint64_t>((static_cast<unsigned __int128>(next()) * n) >> 64);
  }

 private:
  std::uint64_t state_;
};

// Every combination of level indices, the last factor varying fastest. levels[i] >= 1.
std::vector<std::vector<int>> full_grid(const std::vector<int>& levels);

// n points in k dimensions: each coordinate takes each of the n strata [j/n, (j+1)/n) exactly once, at a
// random position within the stratum (McKay, Beckman & Conover 1979).
std::vector<Point> latin_hypercube(int n, int k, std::uint64_t seed);

// The Sobol' low-discrepancy sequence with the Joe & Kuo (2008) direction numbers (new-joe-kuo-6.21201,
// dimensions 1..kSobolMaxDims). With a seed, a random digital shift (XOR of every coordinate with random bits
// drawn from the seed) keeps the sequence's stratification while letting different seeds give different
// designs.
inline constexpr int kSobolMaxDims = 40;
class SobolSequence {
 public:
  explicit SobolSequence(int dims);  // unshifted: point 0 is the origin
  SobolSequence(int dims, std::uint64_t seed);
  Point next();

 private:
  int dims_;
  std::uint64_t index_ = 0;
  std::vector<std::uint32_t> x_, shift_;
  std::vector<std::vector<std::uint32_t>> v_;  // [dim][bit] direction numbers, 32 bits
};

// Saltelli's (2010) design for first-order and total Sobol' indices of k factors from n base rows: the rows
// of A and B are the first k and last k coordinates of a 2k-dimensional Sobol' sequence; AB_i is A with
// column i from B. Returns n * (k + 2) points, grouped by base row j: point j*(k+2) + 0 = A_j, + 1 = B_j, + 2
// + i = AB_i,j.
std::vector<Point> saltelli(int n, int k, std::uint64_t seed);

// Morris' (1991) elementary-effects design: r trajectories of k + 1 points on a p-level grid {0, 1/(p-1), ..,
// 1}, each moving one factor at a time by delta = p / (2 (p - 1)), in random order and direction (p even).
// Point t*(k+1) + 0 starts trajectory t; point t*(k+1) + m (m >= 1) differs from the one before in factor
// factor[..] by step[..] (+delta or -delta); for starting points factor is -1 and step 0.
struct MorrisDesign {
  std::vector<Point> points;
  std::vector<int> factor;
  std::vector<double> step;
};
MorrisDesign morris(int r, int k, int levels, std::uint64_t seed);

}  // namespace zonesim::design
