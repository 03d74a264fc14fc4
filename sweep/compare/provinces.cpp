// The province breakdown of a per-zone variable (--by province): each row's province values and shares of all
// zones, and their paired differences from the reference.
#include "compare/internal.hpp"

namespace zonesim::compare_detail {

// The province breakdown: each row's province values and shares, and their paired differences.
void province_rows(const Data& d, const std::vector<Unit>& units, const Variable& v,
                   const std::vector<std::string>& names, const std::vector<std::string>& names_zh,
                   Comparison& out) {
  for (const Unit& u : units)
    for (long long p = 0; p < v.groups; ++p) {
      ProvinceRow row;
      row.province = names[p];
      row.province_zh = p < static_cast<long long>(names_zh.size()) ? names_zh[p] : "";
      row.scheme_name = u.scheme_name, row.label = u.label, row.scenario = u.scenario;
      const auto x = unit_values(d, u, v, p), s = unit_values(d, u, v, p, true);
      row.value = stats::mean_interval(x);
      row.share = stats::mean_interval(s);
      row.difference = row.share_difference = kNone;
      if (u.ref >= 0) {
        row.difference = stats::mean_interval(minus(x, unit_values(d, units[u.ref], v, p)));
        row.share_difference = stats::mean_interval(minus(s, unit_values(d, units[u.ref], v, p, true)));
      }
      out.provinces.push_back(std::move(row));
    }
}

void add_provinces(const h5::Context& c, hid_t file, const Data& d, const std::vector<Unit>& units,
                   const CompareOptions& opt, const std::vector<long long>& done, const Years& years,
                   Comparison& out) {
  for (const char* a : {"zone_province_index", "province_name"})
    if (!h5::has_dataset(file, a))
      throw InputError(c.path + ": has no " + a + ": --by province needs a result file of this version");
  const auto province_of = h5::read_integers(c, file, "zone_province_index");
  const auto names = h5::read_strings(c, file, "province_name");
  const auto names_zh = h5::has_dataset(file, "province_name_zh")
                            ? h5::read_strings(c, file, "province_name_zh")
                            : std::vector<std::string>{};
  const long long P = static_cast<long long>(names.size());
  for (long long p : province_of)
    if (p < 0 || p >= P) throw InputError(c.path + ": damaged: zone_province_index out of range");
  Comparison scratch;
  Years by_years = years;
  const Variable v =
      read_by_province(c, file, opt.by_variable, opt, done, d.S, d.R, scratch, by_years, province_of, P);
  out.by_variable = v.name, out.by_units = v.units, out.by_from = v.summed ? opt.from : 0;
  if (out.year == 0) out.year = scratch.year;
  province_rows(d, units, v, names, names_zh, out);
}

}  // namespace zonesim::compare_detail
