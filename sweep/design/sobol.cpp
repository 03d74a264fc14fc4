// The Sobol' sequence and Saltelli's sampling matrices (docs/sweeps.md).
#include <bit>
#include <stdexcept>

#include "zonesim/design.hpp"

namespace zonesim::design {
namespace {

// Primitive polynomials and initial direction numbers of dimensions 2..40, from S. Joe and F. Y. Kuo,
// "Constructing Sobol sequences with better two-dimensional projections", SIAM J. Sci. Comput. 30 (2008)
// 2635-2654, table new-joe-kuo-6.21201: degree s, coefficients a (without the leading and trailing 1) and
// m_1..m_s. Dimension 1 has every m_i = 1. Checked against the copy of the table SciPy ships.
struct DirectionRow {
  int s;
  unsigned a;
  unsigned m[8];
};
constexpr DirectionRow kJoeKuo[kSobolMaxDims - 1] = {
    {1, 0, {1}},
    {2, 1, {1, 3}},
    {3, 1, {1, 3, 1}},
    {3, 2, {1, 1, 1}},
    {4, 1, {1, 1, 3, 3}},
    {4, 4, {1, 3, 5, 13}},
    {5, 2, {1, 1, 5, 5, 17}},
    {5, 4, {1, 1, 5, 5, 5}},
    {5, 7, {1, 1, 7, 11, 19}},
    {5, 11, {1, 1, 5, 1, 1}},
    {5, 13, {1, 1, 1, 3, 11}},
    {5, 14, {1, 3, 5, 5, 31}},
    {6, 1, {1, 3, 3, 9, 7, 49}},
    {6, 13, {1, 1, 1, 15, 21, 21}},
    {6, 16, {1, 3, 1, 13, 27, 49}},
    {6, 19, {1, 1, 1, 15, 7, 5}},
    {6, 22, {1, 3, 1, 15, 13, 25}},
    {6, 25, {1, 1, 5, 5, 19, 61}},
    {7, 1, {1, 3, 7, 11, 23, 15, 103}},
    {7, 4, {1, 3, 7, 13, 13, 15, 69}},
    {7, 7, {1, 1, 3, 13, 7, 35, 63}},
    {7, 8, {1, 3, 5, 9, 1, 25, 53}},
    {7, 14, {1, 3, 1, 13, 9, 35, 107}},
    {7, 19, {1, 3, 1, 5, 27, 61, 31}},
    {7, 21, {1, 1, 5, 11, 19, 41, 61}},
    {7, 28, {1, 3, 5, 3, 3, 13, 69}},
    {7, 31, {1, 1, 7, 13, 1, 19, 1}},
    {7, 32, {1, 3, 7, 5, 13, 19, 59}},
    {7, 37, {1, 1, 3, 9, 25, 29, 41}},
    {7, 41, {1, 3, 5, 13, 23, 1, 55}},
    {7, 42, {1, 3, 7, 3, 13, 59, 17}},
    {7, 50, {1, 3, 1, 3, 5, 53, 69}},
    {7, 55, {1, 1, 5, 5, 23, 33, 13}},
    {7, 56, {1, 1, 7, 7, 1, 61, 123}},
    {7, 59, {1, 1, 7, 9, 13, 61, 49}},
    {7, 62, {1, 3, 3, 5, 3, 55, 33}},
    {8, 14, {1, 3, 1, 15, 31, 13, 49, 245}},
    {8, 21, {1, 3, 5, 15, 31, 59, 63, 97}},
    {8, 22, {1, 3, 1, 11, 11, 11, 77, 249}},
};

constexpr int kBits = 32;

// Direction numbers v_1..v_32 of one dimension (0-based d), scaled to 32 bits (Bratley & Fox 1988).
std::vector<std::uint32_t> direction_numbers(int d) {
  std::vector<std::uint32_t> v(kBits);
  if (d == 0) {
    for (int i = 0; i < kBits; ++i) v[i] = 1u << (kBits - 1 - i);
    return v;
  }
  const DirectionRow& row = kJoeKuo[d - 1];
  for (int i = 0; i < row.s; ++i) v[i] = row.m[i] << (kBits - 1 - i);
  for (int i = row.s; i < kBits; ++i) {
    v[i] = v[i - row.s] ^ (v[i - row.s] >> row.s);
    for (int k = 1; k < row.s; ++k)
      if ((row.a >> (row.s - 1 - k)) & 1u) v[i] ^= v[i - k];
  }
  return v;
}

}  // namespace

SobolSequence::SobolSequence(int dims) : dims_(dims), x_(static_cast<std::size_t>(dims), 0) {
  if (dims < 1 || dims > kSobolMaxDims)
    throw std::invalid_argument("SobolSequence: dimensions must be 1 to " + std::to_string(kSobolMaxDims));
  shift_.assign(static_cast<std::size_t>(dims), 0);
  for (int d = 0; d < dims; ++d) v_.push_back(direction_numbers(d));
}

SobolSequence::SobolSequence(int dims, std::uint64_t seed) : SobolSequence(dims) {
  SplitMix64 rng(seed);
  for (auto& s : shift_) s = static_cast<std::uint32_t>(rng.next() >> 32);
}

Point SobolSequence::next() {
  if (index_ > 0) {  // Gray-code order (Antonov & Saleev 1979): one XOR per coordinate
    const int c = std::countr_zero(index_);
    if (c >= kBits) throw std::length_error("SobolSequence: more than 2^32 points");
    for (int d = 0; d < dims_; ++d) x_[d] ^= v_[d][c];
  }
  ++index_;
  Point p(static_cast<std::size_t>(dims_));
  for (int d = 0; d < dims_; ++d) p[d] = static_cast<double>(x_[d] ^ shift_[d]) * 0x1.0p-32;
  return p;
}

std::vector<Point> saltelli(int n, int k, std::uint64_t seed) {
  if (n < 1 || k < 1 || 2 * k > kSobolMaxDims)
    throw std::invalid_argument("saltelli: needs n >= 1 and 1 <= k <= " + std::to_string(kSobolMaxDims / 2));
  SobolSequence seq(2 * k, seed);
  std::vector<Point> out;
  out.reserve(static_cast<std::size_t>(n) * static_cast<std::size_t>(k + 2));
  for (int j = 0; j < n; ++j) {
    const Point ab = seq.next();
    const Point a(ab.begin(), ab.begin() + k), b(ab.begin() + k, ab.end());
    out.push_back(a);
    out.push_back(b);
    for (int i = 0; i < k; ++i) {
      Point mixed = a;
      mixed[i] = b[i];
      out.push_back(std::move(mixed));
    }
  }
  return out;
}

}  // namespace zonesim::design
