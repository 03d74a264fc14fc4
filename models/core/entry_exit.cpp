// Exit after sustained losses (and a small hazard unrelated to profit); births by zone in proportion to
// talent (R&D personnel) and knowledge, as the zones' new-firm registrations follow their innovation
// resources (seed 003: 619,000 new enterprises in 2019). An entrant chooses its sector with weight
//   base share_s * price_s^sectors.entry_price_response * exp(entry.subsidy_response * offer_zs),
// so zones that all court the same hot sectors draw entrants into them (herding), and a sector whose price
// has fallen draws fewer. Exited slots are reused by births, lowest first.
#include "core/entry_exit.hpp"

#include <algorithm>
#include <cmath>

#include "zonesim/model/economy.hpp"
#include "zonesim/model/reduce.hpp"
#include "zonesim/model/rng.hpp"

namespace zonesim {

namespace {
constexpr Phase kPhases[] = {Phase::entry_exit};

double mean_offer(const World& w, int z) {
  double sum = 0;
  for (int s = 0; s < kSectorCount; ++s) sum += subsidy_offer(w, z, static_cast<Sector>(s));
  return sum / kSectorCount;
}

// Base shares of entrants' sectors: the world's digital share (mechanisms may shift it), the rest split as
// among generated enterprises.
double entrant_base_share(const World& w, const EnterpriseSpec& es, Sector s) {
  if (s == Sector::digital_services) return w.digital_share;
  const double rest = es.digital_share < 1 ? (1 - w.digital_share) / (1 - es.digital_share) : 0.0;
  return rest * base_sector_share(es, s);
}

}  // namespace

std::span<const Phase> EntryExit::phases() const { return kPhases; }

void EntryExit::exits(World& w) {
  Enterprises& f = w.enterprises;
  const std::size_t n = f.size();
  leaving_.resize(n);  // kept from year to year: no allocation in the step
#pragma omp parallel
  {
    LaneUniforms draws(w.key, static_cast<std::uint64_t>(w.step), Purpose::exit);
#pragma omp for schedule(static)
    for (std::size_t e = 0; e < n; ++e)
      leaving_[e] = (f.flags[e] & Enterprises::alive) &&
                    (f.loss_years[e] >= spec_.exit.loss_years || draws.uniform(e) < spec_.exit.base_hazard);
  }
  w.markets.sector_exits.fill(0.0);
  for (std::size_t e = 0; e < n; ++e)
    if (leaving_[e]) {
      w.markets.sector_exits[static_cast<std::size_t>(f.sector[e])] += 1;
      f.release(static_cast<std::uint32_t>(e));
    }
  f.release_done();
}

// Entrant e in zone z: sector, size and productivity around the zone's means, R&D intensity as at generation,
// from its own streams (keyed by its slot).
void EntryExit::make_entrant(World& w, std::uint32_t e, std::size_t z, double mean_size, double mean_tfp,
                             double mean_productivity) const {
  Enterprises& f = w.enterprises;
  const EnterpriseSpec& es = spec_.enterprises;
  const double rnd_mu = std::log(std::max(es.rnd_intensity_median, 1e-12));
  const double alpha = spec_.production.labour_elasticity;
  Stream rng(w.key, static_cast<std::uint64_t>(w.step), e, Purpose::entrant_attributes);
  f.zone[e] = f.origin_zone[e] = static_cast<std::uint16_t>(z);
  f.move_year[e] = 0;
  f.age[e] = 0;
  f.loss_years[e] = 0;
  f.profit[e] = 0;
  const double* cumulative = sector_weights_.data() + z * kSectorCount;  // cumulative, last = total
  const double u = rng.uniform() * cumulative[kSectorCount - 1];
  int s = 0;
  while (s < kSectorCount - 1 && u >= cumulative[s]) ++s;
  f.sector[e] = static_cast<Sector>(s);
  const bool digital = f.sector[e] == Sector::digital_services;
  f.subsidy_rate[e] = static_cast<float>(subsidy_offer(w, static_cast<int>(z), f.sector[e]));
  // Lognormal draws normalised to mean 1: entrants are size_factor times the zone's mean firm.
  const double ss = es.size_sigma, ps = es.productivity_sigma;
  // At least one person (a zone whose enterprises have all gone has no mean size).
  f.employment[e] = static_cast<float>(
      std::max(1.0, spec_.entry.size_factor * mean_size * std::exp(ss * rng.normal() - 0.5 * ss * ss)));
  f.productivity[e] = mean_tfp * std::exp(ps * rng.normal() - 0.5 * ps * ps);
  f.rnd_intensity[e] =
      static_cast<float>(std::min(0.5, std::exp(rnd_mu + es.rnd_intensity_sigma * rng.normal())));
  f.output[e] = enterprise_output(w, e, alpha);
  f.flags[e] = Enterprises::alive | (digital ? Enterprises::digital : 0);
  if (qualifies_hightech(es, f.rnd_intensity[e], f.output[e], f.employment[e], mean_productivity))
    f.flags[e] |= Enterprises::hightech;
}

void EntryExit::births(World& w) {
  Enterprises& f = w.enterprises;
  const auto Z = static_cast<std::size_t>(w.zone_count());
  // Per zone: living firms, employment, sum of productivity, output; nationally: output and employment.
  const std::vector<double> sums = chunked_sum(f.size(), 4 * Z + 2, [&](std::size_t e, double* p) {
    if (!(f.flags[e] & Enterprises::alive)) return;
    const std::size_t z = f.zone[e];
    p[z] += 1;
    p[Z + z] += f.employment[e];
    p[2 * Z + z] += f.productivity[e];
    p[3 * Z + z] += f.output[e];
    p[4 * Z] += f.output[e];
    p[4 * Z + 1] += f.employment[e];
  });
  const double mean_productivity = sums[4 * Z] / std::max(sums[4 * Z + 1], 1.0);
  std::vector<double> weight(Z);
  double total_weight = 0, living = 0;
  for (std::size_t z = 0; z < Z; ++z) {
    if (!w.zones.active[z]) {
      weight[z] = 0;
      continue;
    }
    weight[z] =
        std::pow(std::max(w.zones.rnd_personnel[z], 1.0), spec_.entry.talent_elasticity) *
        std::pow(std::max(w.zones.patent_stock[z], 1.0), spec_.entry.knowledge_elasticity) *
        std::exp(spec_.entry.subsidy_response * mean_offer(w, static_cast<int>(z))) *
        (1 + spec_.entry.venture_response * w.zones.venture_capital[z] / std::max(sums[3 * Z + z], 1e-9));
    total_weight += weight[z];
    living += sums[z];
  }
  const double expected = spec_.entry.rate * living;
  // Entrants' sector weights per zone, cumulative.
  sector_weights_.assign(Z * kSectorCount, 0.0);
  for (std::size_t z = 0; z < Z; ++z) {
    double sum = 0;
    for (int s = 0; s < kSectorCount; ++s) {
      const auto sector = static_cast<Sector>(s);
      sum +=
          entrant_base_share(w, spec_.enterprises, sector) *
          std::pow(w.markets.sector_price[static_cast<std::size_t>(s)], spec_.sectors.entry_price_response) *
          std::exp(spec_.entry.subsidy_response * subsidy_offer(w, static_cast<int>(z), sector));
      sector_weights_[z * kSectorCount + static_cast<std::size_t>(s)] = sum;
    }
  }
  // Slots first, zone by zone (lowest free slot first, then new ones): the same slots in any thread count.
  birth_slots_.clear();
  birth_zones_.clear();
  for (std::size_t z = 0; z < Z; ++z) {
    if (weight[z] <= 0) continue;
    Stream count(w.key, static_cast<std::uint64_t>(w.step), z, Purpose::zone_births);
    const std::uint64_t births = count.poisson(expected * weight[z] / total_weight);
    for (std::uint64_t b = 0; b < births; ++b) {
      birth_slots_.push_back(f.take_slot());
      birth_zones_.push_back(static_cast<std::uint16_t>(z));
    }
  }
  // Then each entrant's attributes, from its own streams (keyed by its slot), in parallel.
  const std::size_t entrants = birth_slots_.size();
#pragma omp parallel for schedule(static)
  for (std::size_t i = 0; i < entrants; ++i) {
    const std::uint32_t e = birth_slots_[i];
    const std::size_t z = birth_zones_[i];
    const double mean_size = sums[Z + z] / std::max(sums[z], 1.0);
    const double mean_tfp = sums[2 * Z + z] / std::max(sums[z], 1.0);
    make_entrant(w, e, z, mean_size, mean_tfp, mean_productivity);
  }
}

void EntryExit::run(Phase, World& w, const YearStats&) {
  exits(w);
  births(w);
}

}  // namespace zonesim
