#pragma once
// Deterministic parallel sums over enterprises. Enterprises are cut into fixed chunks; each chunk's partial
// sums are computed by any thread, then added in chunk order. The result is bit-identical for any thread
// count.
#include <algorithm>
#include <cstddef>
#include <vector>

namespace zonesim {

inline constexpr std::size_t kReduceChunk = 1 << 16;

// Returns `width` sums. add_chunk(begin, end, double* partial) adds the contributions of enterprises
// [begin, end) to partial[0..width); it is called once per chunk, from any thread.
template <class AddChunk>
std::vector<double> chunked_sum_blocks(std::size_t n_items, std::size_t width, AddChunk&& add_chunk) {
  const std::size_t chunks = (n_items + kReduceChunk - 1) / kReduceChunk;
  std::vector<double> partial(chunks * width, 0.0);
#pragma omp parallel for schedule(static)
  for (std::size_t c = 0; c < chunks; ++c)
    add_chunk(c * kReduceChunk, std::min(n_items, (c + 1) * kReduceChunk), partial.data() + c * width);
  std::vector<double> out(width, 0.0);
  for (std::size_t c = 0; c < chunks; ++c)
    for (std::size_t i = 0; i < width; ++i) out[i] += partial[c * width + i];
  return out;
}

// Returns `width` sums. add(e, double* partial) adds enterprise e's contributions to partial[0..width).
template <class Add>
std::vector<double> chunked_sum(std::size_t n_items, std::size_t width, Add&& add) {
  return chunked_sum_blocks(n_items, width, [&](std::size_t begin, std::size_t end, double* p) {
    for (std::size_t e = begin; e < end; ++e) add(e, p);
  });
}

}  // namespace zonesim
