// Zones that enter during a run (zones.entry): at the start of their approval year a zone becomes active with
// enterprises, patents and R&D personnel sized against the zones already active as in the 2024 figures:
//   target GDP = its 2024 GDP * (current GDP of the active zones / their 2024 GDP), and the same for employment
// and patents. Its enterprises are appended (never in freed slots) and calibrated by production on first sight.
#include <cmath>

#include "zonesim/model/reduce.hpp"
#include "zonesim/model/world.hpp"

namespace zonesim {

void activate_entering_zones(World& w) {
  std::vector<int> entering;
  for (int z = 0; z < w.zone_count(); ++z)
    if (!w.is_active(z) && w.table.zones[z].entry_year == w.year) entering.push_back(z);
  if (entering.empty()) return;
  const Enterprises& f = w.enterprises;
  const std::vector<double> now = chunked_sum(f.size(), 3, [&](std::size_t e, double* p) {
    if (!(f.flags[e] & Enterprises::alive)) return;
    p[0] += f.output[e];
    p[1] += f.employment[e];
    p[2] += 1;
  });
  double ref_gdp = 0, ref_employment = 0, ref_patents = 0, patents_now = 0;
  for (int z = 0; z < w.zone_count(); ++z) {
    if (!w.is_active(z)) continue;
    ref_gdp += w.table.zones[z].gdp_2024;
    ref_employment += w.table.zones[z].employment_2024;
    ref_patents += w.table.zones[z].patents_2024;
    patents_now += w.zones.patents[z];
  }
  const double gdp_scale = now[0] / ref_gdp, employment_scale = now[1] / ref_employment;
  const double patent_scale = ref_patents > 0 ? patents_now / ref_patents : 0.0;
  const double mean_productivity = now[0] / now[1];
  for (int z : entering) {
    const Zone& zone = w.table.zones[z];
    const ZoneTarget target{zone.gdp_2024 * gdp_scale, zone.employment_2024 * employment_scale};
    const auto count =
        static_cast<std::size_t>(std::max(1.0, std::round(now[2] * target.employment / now[1])));
    set_zone_figures(w, z, target.gdp, zone.patents_2024 * patent_scale,
                     zone.rnd_personnel * employment_scale);
    add_zone_enterprises(w, z, count, target, mean_productivity);
  }
}

}  // namespace zonesim
