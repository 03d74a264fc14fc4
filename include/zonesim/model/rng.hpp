#pragma once
// Counter-based random streams (Random123 Philox4x64-10). A draw is a pure function of
// (seed, replicate, step, agent, purpose, draw index): no state is shared between agents or threads, so
// results do not depend on thread count, rank count or scheduling. Step 0 is the initial state; year t is
// step t - start.
#include <Random123/philox.h>

#include <cmath>
#include <cstdint>
#include <numbers>

namespace zonesim {

// What a draw is for. Append only: renumbering changes every result.
enum class Purpose : std::uint64_t {
  enterprise_zone = 1,
  enterprise_size = 2,
  enterprise_productivity = 3,
  enterprise_rnd = 4,
  enterprise_sector = 5,
  enterprise_age = 6,
  innovation_success = 7,
  zone_patents = 8,  // agent = zone
  exit = 9,
  zone_births = 10,         // agent = zone
  entrant_attributes = 11,  // agent = the slot the entrant takes
  relocation_consider = 12,
  relocation_choice = 13,
  // One purpose per mechanism; a mechanism needing several streams per agent uses the draw index or keys the
  // agent field by (agent, sub-purpose) itself.
  cross_holding = 14,
  one_plus_n = 15,
  output_sharing = 16,
  transfer_payments = 17,
  synergy_fund = 18,
  central_pilot = 19,
  evaluation_reform = 20,
  strategic_bureau = 21,
  competing_parks = 22,
  digital_shift = 23,
  // The economy's markets and limits.
  zone_energy = 24,  // agent = zone
  // Governments' decisions.
  poaching_offer = 25,   // agent = bidder zone * 2^32 + enterprise
  poaching_choice = 26,  // agent = enterprise
  cooperation = 27,      // agent = pair of zones (a * zones + b), draw index = which decision
};

struct RunKey {
  std::uint64_t seed = 0;
  std::uint64_t replicate = 0;
};

class Stream {
 public:
  Stream(RunKey run, std::uint64_t step, std::uint64_t agent, Purpose purpose)
      : key_{{run.seed, run.replicate}}, ctr_{{step, agent, static_cast<std::uint64_t>(purpose), 0}} {}

  std::uint64_t bits() {
    if (used_ == 4) {
      block_ = philox_(ctr_, key_);
      ++ctr_.v[3];
      used_ = 0;
    }
    return block_.v[used_++];
  }
  // Uniform on the open interval (0, 1), 53 random bits.
  double uniform() { return (static_cast<double>(bits() >> 11) + 0.5) * 0x1.0p-53; }
  // Standard normal by Box-Muller (both values are used, in order).
  double normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    const double r = std::sqrt(-2.0 * std::log(uniform()));
    const double a = 2.0 * std::numbers::pi * uniform();
    spare_ = r * std::sin(a);
    has_spare_ = true;
    return r * std::cos(a);
  }
  // Poisson with mean `mean` >= 0: inversion below 50, normal approximation (rounded, >= 0) above.
  std::uint64_t poisson(double mean) {
    if (mean <= 0) return 0;
    if (mean > 50) {
      const double x = std::floor(mean + std::sqrt(mean) * normal() + 0.5);
      return x > 0 ? static_cast<std::uint64_t>(x) : 0;
    }
    double p = std::exp(-mean), cdf = p;
    const double u = uniform();
    std::uint64_t k = 0;
    while (u > cdf && k < 1000) {
      ++k;
      p *= mean / static_cast<double>(k);
      cdf += p;
    }
    return k;
  }
  // Uniform integer in [0, n), n > 0 (Lemire's multiply-shift; the bias is below 2^-64 * n).
  std::uint64_t below(std::uint64_t n) {
    return static_cast<std::uint64_t>((static_cast<unsigned __int128>(bits()) * n) >> 64);
  }

 private:
  using Philox = r123::Philox4x64;
  Philox philox_;
  Philox::key_type key_;
  Philox::ctr_type ctr_;
  Philox::ctr_type block_{};
  int used_ = 4;
  double spare_ = 0;
  bool has_spare_ = false;
};

// One uniform per agent for a purpose that needs a single Bernoulli draw per agent and step: eight agents
// share one Philox block (32 random bits each, ample for comparing with a probability), so a loop visiting
// agents in order pays an eighth of a block per draw. Like a Stream's, the draw is a pure function of (run,
// step, agent, purpose); the counter's last word is tagged so that the two never meet.
class LaneUniforms {
 public:
  LaneUniforms(RunKey run, std::uint64_t step, Purpose purpose)
      : key_{{run.seed, run.replicate}}, ctr_{{step, 0, static_cast<std::uint64_t>(purpose), kLaneTag}} {}

  // Uniform on the open interval (0, 1), 32 random bits.
  double uniform(std::uint64_t agent) {
    const std::uint64_t group = agent >> 3;
    if (group != group_) {
      ctr_.v[1] = group;
      block_ = philox_(ctr_, key_);
      group_ = group;
    }
    const std::uint64_t word = block_.v[(agent >> 1) & 3];
    const auto bits = static_cast<std::uint32_t>(agent & 1 ? word >> 32 : word);
    return (static_cast<double>(bits) + 0.5) * 0x1.0p-32;
  }

 private:
  using Philox = r123::Philox4x64;
  static constexpr std::uint64_t kLaneTag = std::uint64_t{1} << 63;
  Philox philox_;
  Philox::key_type key_;
  Philox::ctr_type ctr_;
  Philox::ctr_type block_{};
  std::uint64_t group_ = ~std::uint64_t{0};
};

}  // namespace zonesim
