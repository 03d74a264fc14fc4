#pragma once
// Deterministic parallel sums over enterprises. Enterprises are cut into fixed chunks; each chunk's partial sums
// are computed by any thread, then added in chunk order. The result is bit-identical for any thread count.
#include <algorithm>
#include <cstddef>
#include <vector>

namespace zonesim {

inline constexpr std::size_t kReduceChunk = 1 << 16;

// Returns `width` sums. add(e, double* partial) adds enterprise e's contributions to partial[0..width).
template <class Add>
std::vector<double> chunked_sum(std::size_t n_items, std::size_t width, Add&& add) {
  const std::size_t chunks = (n_items + kReduceChunk - 1) / kReduceChunk;
  std::vector<double> partial(chunks * width, 0.0);
#pragma omp parallel for schedule(static)
  for (std::size_t c = 0; c < chunks; ++c) {
    double* p = partial.data() + c * width;
    const std::size_t end = std::min(n_items, (c + 1) * kReduceChunk);
    for (std::size_t e = c * kReduceChunk; e < end; ++e) add(e, p);
  }
  std::vector<double> out(width, 0.0);
  for (std::size_t c = 0; c < chunks; ++c)
    for (std::size_t i = 0; i < width; ++i) out[i] += partial[c * width + i];
  return out;
}

}  // namespace zonesim
