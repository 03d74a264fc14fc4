// Enterprises of the initial state, and of zones that enter later: shared out over zones by employment, sized
// and made productive so that each zone's employment and GDP equal their targets exactly (docs/model.md).
#include <omp.h>

#include <algorithm>
#include <cmath>

#include "zonesim/model/world.hpp"

namespace zonesim {
namespace {

// Fills slots [begin, end) with enterprises of zone z. Within-zone weights are lognormal; each enterprise draws
// from its own streams (keyed by the current step and its slot), so the result does not depend on threads.
void fill_zone(World& w, int z, std::size_t begin, std::size_t end, const ZoneTarget& target,
               double mean_productivity) {
  const EnterpriseSpec& es = w.params.enterprises;
  Enterprises& f = w.enterprises;
  const auto step = static_cast<std::uint64_t>(w.step);
  const double rnd_mu = std::log(std::max(es.rnd_intensity_median, 1e-12));
  double size_sum = 0, output_sum = 0;
  for (std::size_t e = begin; e < end; ++e) {
    Stream size(w.key, step, e, Purpose::enterprise_size),
        tfp(w.key, step, e, Purpose::enterprise_productivity), rnd(w.key, step, e, Purpose::enterprise_rnd),
        sector(w.key, step, e, Purpose::enterprise_sector), age(w.key, step, e, Purpose::enterprise_age);
    f.zone[e] = static_cast<std::uint16_t>(z);
    f.origin_zone[e] = static_cast<std::uint16_t>(z);
    f.move_year[e] = 0;
    const double l = std::exp(es.size_sigma * size.normal());
    f.employment[e] = static_cast<float>(l);
    f.productivity[e] = std::exp(es.productivity_sigma * tfp.normal());
    f.output[e] = f.productivity[e] * l;  // output share; scaled to the zone's GDP below
    size_sum += l;
    output_sum += f.output[e];
    f.rnd_intensity[e] =
        static_cast<float>(std::min(0.5, std::exp(rnd_mu + es.rnd_intensity_sigma * rnd.normal())));
    f.sector[e] = draw_base_sector(es, sector.uniform());
    const bool digital = f.sector[e] == Sector::digital_services;
    // `fresh`: production sets the productivity that reproduces this output at its first sight of the firm.
    f.flags[e] = Enterprises::alive | Enterprises::fresh | (digital ? Enterprises::digital : 0);
    f.profit[e] = 0;
    f.subsidy_rate[e] = 0;
    f.loss_years[e] = 0;
    f.age[e] = static_cast<std::uint16_t>(std::min(60.0, std::floor(-8.0 * std::log(age.uniform()))));
  }
  const double size_scale = target.employment / size_sum, output_scale = target.gdp / output_sum;
  for (std::size_t e = begin; e < end; ++e) {
    f.employment[e] = static_cast<float>(f.employment[e] * size_scale);
    f.output[e] *= output_scale;
    if (qualifies_hightech(es, f.rnd_intensity[e], f.output[e], f.employment[e], mean_productivity))
      f.flags[e] |= Enterprises::hightech;
  }
}

}  // namespace

void generate_enterprises(World& w) {
  const int zones = w.zone_count();
  std::vector<int> present;
  std::vector<double> employment;
  double total_gdp = 0, total_employment = 0;
  for (int z = 0; z < zones; ++z) {
    if (!w.zones.active[z]) continue;
    const Zone& zone = w.table.zones[z];
    present.push_back(z);
    employment.push_back(zone.employment);
    total_gdp += zone.gdp;
    total_employment += zone.employment;
  }
  const auto counts = apportion(w.params.enterprises.count, employment, 1);
  std::vector<std::size_t> start(counts.size() + 1, 0);
  for (std::size_t i = 0; i < counts.size(); ++i)
    start[i + 1] = start[i] + static_cast<std::size_t>(counts[i]);
  w.enterprises.resize(start.back());
  const int n = static_cast<int>(present.size());
#pragma omp parallel for schedule(dynamic, 1)
  for (int i = 0; i < n; ++i) {
    const Zone& zone = w.table.zones[present[i]];
    fill_zone(w, present[i], start[i], start[i + 1], {zone.gdp, zone.employment},
              total_gdp / total_employment);
  }
}

void add_zone_enterprises(World& w, int zone, std::size_t count, const ZoneTarget& target,
                          double mean_productivity) {
  const std::size_t begin = w.enterprises.size();
  w.enterprises.resize(begin + count);
  fill_zone(w, zone, begin, begin + count, target, mean_productivity);
}

}  // namespace zonesim
