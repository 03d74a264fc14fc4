// Reading a result file for `zonesim compare`: its axes and design, and a variable at the selected year (or
// summed over the selected years), per run or per province. Every array is checked against the axes before
// use, so that a damaged or foreign file is refused with its name rather than read out of bounds.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "compare/internal.hpp"
#include "sweep_internal.hpp"

namespace fs = std::filesystem;

namespace zonesim::compare_detail {
namespace {

// Checks `name`'s leading axes (scenario, replicate[, time[, zone]]) and returns its shape.
std::vector<hsize_t> checked_shape(const h5::Context& c, hid_t file, const std::string& name,
                                   const char* flag, long long S, long long R, size_t max_rank) {
  const auto shape = h5::shape_of(c, file, name);
  if (shape.size() < 2 || shape.size() > max_rank || static_cast<long long>(shape[0]) != S ||
      static_cast<long long>(shape[1]) != R)
    throw InputError(std::string(flag) + " " + name +
                     (max_rank == 3 ? ": has axes other than (scenario, replicate[, time]); compare takes "
                                      "a total or an inequality metric (e.g. top10_share_gdp, gini_gdp, "
                                      "total_gdp); a per-zone variable goes to --by province --by-variable"
                                    : ": has axes other than (scenario, replicate, time, zone)"));
  return shape;
}

// The year on the axis nearest to `year`: what a "did you mean" offers for a year off the axis.
long long nearest_year(const std::vector<long long>& years, long long year) {
  long long best = years.front();
  for (long long y : years)
    if (std::llabs(y - year) < std::llabs(best - year)) best = y;
  return best;
}

// " (2024 to 2035); did you mean --cumulative 2025:2035?" for a selection off the axis.
std::string off_axis(const std::vector<long long>& years, const std::string& suggestion) {
  std::string out = " (";
  out += std::to_string(years.front());
  out += " to ";
  out += std::to_string(years.back());
  out += "); did you mean ";
  out += suggestion;
  return out + "?";
}

// Resolves --year or --cumulative against the file's time axis.
Years select_years(const h5::Context& c, hid_t file, const CompareOptions& opt, Comparison& out) {
  std::vector<long long> years = h5::read_integers(c, file, "time");
  if (years.empty()) throw InputError(c.path + ": damaged: empty time axis");
  auto index = [&](int year) {
    return static_cast<int>(std::find(years.begin(), years.end(), year) - years.begin());
  };
  const int T = static_cast<int>(years.size());
  Years y;
  if (opt.from || opt.to) {
    const std::string what = "--cumulative " + std::to_string(opt.from) + ":" + std::to_string(opt.to);
    const std::string fit = "--cumulative " +
                            std::to_string(nearest_year(years, std::min(opt.from, opt.to))) + ":" +
                            std::to_string(nearest_year(years, std::max(opt.from, opt.to)));
    if (opt.from > opt.to)
      throw InputError(what + ": the first year comes after the last" + off_axis(years, fit));
    y.first = index(opt.from);
    y.last = index(opt.to);
    if (y.first == T || y.last == T)
      throw InputError(what + ": not on the file's time axis" + off_axis(years, fit));
    out.from = opt.from;
    out.year = opt.to;
  } else {
    const int want = opt.year ? opt.year : static_cast<int>(years.back());
    y.first = y.last = index(want);
    if (y.last == T)
      throw InputError("--year " + std::to_string(want) + ": not on the file's time axis" +
                       off_axis(years, "--year " + std::to_string(nearest_year(years, want))));
    out.year = want;
  }
  return y;
}

// The names a flag could have meant: variables with axes (scenario, replicate[, time]) for --metric and
// --per, with axes (scenario, replicate, time, zone) for --by-variable.
std::vector<std::string> variables_with_axes(const h5::Context& c, hid_t file, bool per_zone) {
  const long long S = axis_length(c, file, "scenario"), R = axis_length(c, file, "replicate");
  const long long Z = per_zone ? axis_length(c, file, "zone") : 0;
  std::vector<std::string> names;
  for (const auto& n : h5::dataset_names(file)) {
    if (n == "completed") continue;  // which runs finished: not a result
    const auto shape = h5::shape_of(c, file, n);
    if (shape.size() < 2 || static_cast<long long>(shape[0]) != S || static_cast<long long>(shape[1]) != R)
      continue;
    if (per_zone ? shape.size() == 4 && static_cast<long long>(shape[3]) == Z : shape.size() <= 3)
      names.push_back(n);
  }
  return names;
}

void describe(const h5::Context& c, hid_t file, Variable& v) {
  h5::Handle ds(c.check(H5Dopen2(file, v.name.c_str(), H5P_DEFAULT), "open " + v.name), H5Dclose);
  if (h5::has_attr(ds, "units")) v.units = h5::get_string_attr(c, ds, "units");
  if (h5::has_attr(ds, "long_name")) v.long_name = h5::get_string_attr(c, ds, "long_name");
}

}  // namespace

h5::Handle open_result(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw InputError(path + ": no such file");
  h5::quiet();
  if (H5Fis_hdf5(path.c_str()) <= 0)
    throw InputError(path + ": not an HDF5 file (expected a zonesim result)");
  h5::Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (file.get() < 0) throw InputError(path + ": cannot open as HDF5 (corrupted?)");
  if (!h5::has_attr(file, "zonesim_version") || !h5::has_dataset(file, "completed"))
    throw InputError(path + ": not a zonesim result file");
  return file;
}

// The length of a one-dimensional axis; a damaged or foreign file fails here rather than later.
long long axis_length(const h5::Context& c, hid_t file, const char* name) {
  if (!h5::has_dataset(file, name))
    throw InputError(c.path + ": not a zonesim result file (no " + name + " axis)");
  const auto shape = h5::shape_of(c, file, name);
  if (shape.size() != 1 || shape[0] == 0 || shape[0] > 10000000)
    throw InputError(c.path + ": damaged: " + name + " is not an axis of 1 to 10,000,000 entries");
  return static_cast<long long>(shape[0]);
}

// Every array read from the file has the length the axes give it, and every index in it is in range.
void check_consistent(const std::string& path, const Data& d, size_t values) {
  const auto S = static_cast<size_t>(d.S);
  auto need = [&](bool ok, const std::string& what) {
    if (!ok) throw InputError(path + ": damaged: " + what + " (not as zonesim writes it)");
  };
  need(static_cast<double>(d.S) * static_cast<double>(d.R) <= 1e7, "more than 10,000,000 runs");
  need(values % (S * static_cast<size_t>(d.R)) == 0 && values > 0, "the metric does not fit the axes");
  need(d.x.size() == S * static_cast<size_t>(d.R), "completed does not fit the axes");
  need(d.label.size() == S, "scenario_label does not fit the scenario axis");
  need(d.scheme.size() == S && d.point.size() == S && d.scheme_name.size() == S,
       "scheme, design_point or scheme_name does not fit the scenario axis");
  for (size_t s = 0; s < S; ++s)
    need(d.scheme[s] >= 0 && d.scheme[s] < d.S && d.point[s] >= 0 && d.point[s] < d.S,
         "scheme or design_point out of range");
  need(d.morris_factor.size() == d.morris_step.size() &&
           (d.morris_factor.empty() || d.morris_factor.size() == S),
       "morris_factor or morris_step does not fit the scenario axis");
}

// A whole number from a sweep_* attribute of the file (`fallback` when absent).
double attr_number(const Data& d, const std::string& path, const char* name, double fallback, double lo,
                   double hi) {
  const auto it = d.attrs.find(name);
  if (it == d.attrs.end()) return fallback;
  char* end = nullptr;
  const double v = std::strtod(it->second.c_str(), &end);
  if (it->second.empty() || *end != '\0' || !(v >= lo && v <= hi) || v != std::floor(v))
    throw InputError(path + ": damaged: attribute " + name + " is '" + it->second +
                     "' (expected a whole number)");
  return v;
}

void check_variable_name(const h5::Context& c, hid_t file, const std::string& name, const char* flag) {
  if (h5::has_dataset(file, name)) return;
  const bool per_zone = std::string(flag) == "--by-variable";
  const std::vector<std::string> names = variables_with_axes(c, file, per_zone);
  const std::string msg = detail::unknown_key(name, names);  // "unknown key (did you mean 'x'?); valid ..."
  std::string out = flag;
  out += " ";
  out += name;
  out += ": no such variable in ";
  out += c.path;
  out += msg.substr(11, msg.find(';') - 11);
  out += per_zone ? "; the per-zone variables in it: "
                  : "; the variables with axes (scenario, replicate[, time]) in it: ";
  out += msg.substr(msg.find(": ", msg.find(';')) + 2);
  throw InputError(out);
}

// A variable with axes (scenario, replicate[, time]) at the selected year, or summed over the selected years
// when it is a flow and a range is selected.
Variable read_variable(const h5::Context& c, hid_t file, const std::string& name, const char* flag,
                       const CompareOptions& opt, const std::vector<long long>& done, long long S,
                       long long R, Comparison& out, Years& years) {
  check_variable_name(c, file, name, flag);
  const auto shape = checked_shape(c, file, name, flag, S, R, 3);
  Variable v;
  v.name = name;
  describe(c, file, v);
  Years y;
  if (shape.size() == 3) {
    if (years.last < 0) years = select_years(c, file, opt, out);
    y = years;
    if (shape[2] != static_cast<hsize_t>(h5::shape_of(c, file, "time")[0]))
      throw InputError(c.path + ": damaged: " + name + " does not match the time axis");
    v.summed = y.first < y.last && is_flow(name, v.units, v.long_name);
    if (!v.summed) y.first = y.last;
  } else if (opt.year || opt.from || opt.to) {
    Comparison scratch;  // a variable without a time axis ignores the year, but a year off the axis is a typo
    select_years(c, file, opt, scratch);
  }
  const std::vector<double> all = h5::read_doubles(c, file, name);
  const size_t T = shape.size() == 3 ? shape[2] : 1;
  if (all.size() != static_cast<size_t>(S * R) * T || done.size() != static_cast<size_t>(S * R))
    throw InputError(c.path + ": damaged: completed or " + name + " does not fit the axes");
  for (size_t i = 0; i < done.size(); ++i) {
    double sum = 0;
    for (int t = std::max(y.first, 0); t <= std::max(y.last, 0); ++t) sum += all[i * T + t];
    v.x.push_back(done[i] == 1 ? sum : kNaN);
  }
  return v;
}

// A per-zone variable (scenario, replicate, time, zone) summed over each province's zones.
Variable read_by_province(const h5::Context& c, hid_t file, const std::string& name,
                          const CompareOptions& opt, const std::vector<long long>& done, long long S,
                          long long R, Comparison& out, Years& years,
                          const std::vector<long long>& province_of, long long P) {
  check_variable_name(c, file, name, "--by-variable");
  const auto shape = h5::shape_of(c, file, name);
  if (shape.size() != 4 || static_cast<long long>(shape[0]) != S || static_cast<long long>(shape[1]) != R ||
      shape[3] != province_of.size())
    throw InputError("--by-variable " + name +
                     ": has axes other than (scenario, replicate, time, zone); --by province breaks down a "
                     "per-zone variable (e.g. gdp, public_cost, employment)");
  if (years.last < 0) years = select_years(c, file, opt, out);
  Variable v;
  v.name = name;
  v.groups = P;
  describe(c, file, v);
  v.summed = years.first < years.last && is_flow(name, v.units, v.long_name);
  const int first = v.summed ? years.first : years.last;
  const std::vector<double> all = h5::read_doubles(c, file, name);
  const size_t T = shape[2], Z = shape[3];
  if (all.size() != static_cast<size_t>(S * R) * T * Z)
    throw InputError(c.path + ": damaged: " + name + " does not fit the axes");
  v.x.assign(static_cast<size_t>(S * R * P), 0.0);
  for (size_t i = 0; i < done.size(); ++i)
    for (size_t z = 0; z < Z; ++z) {
      double& cell = v.x[i * static_cast<size_t>(P) + static_cast<size_t>(province_of[z])];
      for (int t = first; t <= years.last; ++t) cell += all[(i * T + static_cast<size_t>(t)) * Z + z];
    }
  for (size_t i = 0; i < done.size(); ++i)
    if (done[i] != 1)
      for (long long p = 0; p < P; ++p) v.x[i * static_cast<size_t>(P) + static_cast<size_t>(p)] = kNaN;
  return v;
}

Data read_axes(const h5::Context& c, hid_t file) {
  Data d;
  d.S = axis_length(c, file, "scenario");
  d.R = axis_length(c, file, "replicate");
  for (const char* a :
       {"sweep_design", "sweep_factors", "sweep_samples", "sweep_design_seed", "sweep_points"})
    if (h5::has_attr(file, a)) d.attrs[a] = h5::get_string_attr(c, file, a);
  d.label = h5::read_strings(c, file, "scenario_label");
  if (h5::has_dataset(file, "scheme")) {
    d.scheme = h5::read_integers(c, file, "scheme");
    d.scheme_name = h5::read_strings(c, file, "scheme_name");
    d.point = h5::read_integers(c, file, "design_point");
  } else {  // a single run, or a file without schemes: each scenario its own scheme
    for (long long s = 0; s < d.S; ++s) d.scheme.push_back(s), d.point.push_back(0);
    d.scheme_name = d.label;
  }
  if (h5::has_dataset(file, "morris_factor")) {
    d.morris_factor = h5::read_integers(c, file, "morris_factor");
    d.morris_step = h5::read_doubles(c, file, "morris_step");
  }
  return d;
}

}  // namespace zonesim::compare_detail
