// Reading a result file for `zonesim compare`: the metric at a year (or summed over years) per (scenario,
// replicate), paired differences from a reference, ratios to another variable's differences, ranks, the
// province breakdown of a zone variable, and Sobol' or Morris indices when the file's design is sobol or
// morris. docs/sweeps.md.
#include "zonesim/compare.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <map>
#include <sstream>

#include "output/h5.hpp"
#include "sweep_internal.hpp"
#include "zonesim/design.hpp"

namespace fs = std::filesystem;

namespace zonesim {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr stats::Estimate kNone{kNaN, kNaN, kNaN, kNaN, 0};  // no difference: the reference scheme

struct Data {
  long long S = 0, R = 0;
  std::vector<double> x;  // [scenario * R + replicate]: the metric, NaN where the run is not completed
  std::vector<long long> scheme, point;
  std::vector<std::string> scheme_name, label;
  std::map<std::string, std::string> attrs;  // sweep_* attributes
  std::vector<long long> morris_factor;
  std::vector<double> morris_step;
  double at(long long s, long long r) const { return x[static_cast<size_t>(s * R + r)]; }
};

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

// The time indices a selection covers: [first, last], both -1 for variables without a time axis.
struct Years {
  int first = -1, last = -1;
};

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

// Resolves --year or --cumulative against the file's time axis.
Years select_years(const h5::Context& c, hid_t file, const CompareOptions& opt, Comparison& out) {
  std::vector<long long> years = h5::read_integers(c, file, "time");
  if (years.empty()) throw InputError(c.path + ": damaged: empty time axis");
  const std::string range =
      " (" + std::to_string(years.front()) + " to " + std::to_string(years.back()) + ")";
  auto index = [&](int year, const std::string& what) {
    const auto it = std::find(years.begin(), years.end(), year);
    if (it == years.end()) throw InputError(what + ": not on the file's time axis" + range);
    return static_cast<int>(it - years.begin());
  };
  Years y;
  if (opt.from || opt.to) {
    const std::string what = "--cumulative " + std::to_string(opt.from) + ":" + std::to_string(opt.to);
    if (opt.from > opt.to) throw InputError(what + ": the first year comes after the last" + range);
    y.first = index(opt.from, what);
    y.last = index(opt.to, what);
    out.from = opt.from;
    out.year = opt.to;
  } else {
    const int want = opt.year ? opt.year : static_cast<int>(years.back());
    y.first = y.last = index(want, "--year " + std::to_string(want));
    out.year = want;
  }
  return y;
}

void check_variable_name(hid_t file, const std::string& name, const char* flag) {
  if (h5::has_dataset(file, name)) return;
  std::vector<std::string> names;
  for (const auto& n : h5::dataset_names(file))
    if (n.find('_') != std::string::npos && n.rfind("zone_", 0) != 0 && n.rfind("param_", 0) != 0)
      names.push_back(n);
  const std::string msg = detail::unknown_key(name, names);
  throw InputError(
      std::string(flag) + " " + name + ": no such variable" + msg.substr(11, msg.find(';') - 11) +
      " (e.g. top10_share_gdp, gini_gdp, theil_t_gdp, total_gdp, total_public_cost; zonesim info "
      "lists the file)");
}

struct Variable {
  std::string name, units, long_name;
  bool summed = false;    // a flow summed over the selected years
  long long groups = 1;   // provinces for --by province, else 1
  std::vector<double> x;  // [(scenario * R + replicate) * groups + group]; NaN where the run is not completed
};

void describe(const h5::Context& c, hid_t file, Variable& v) {
  h5::Handle ds(c.check(H5Dopen2(file, v.name.c_str(), H5P_DEFAULT), "open " + v.name), H5Dclose);
  if (h5::has_attr(ds, "units")) v.units = h5::get_string_attr(c, ds, "units");
  if (h5::has_attr(ds, "long_name")) v.long_name = h5::get_string_attr(c, ds, "long_name");
}

// A variable with axes (scenario, replicate[, time]) at the selected year, or summed over the selected years
// when it is a flow and a range is selected.
Variable read_variable(const h5::Context& c, hid_t file, const std::string& name, const char* flag,
                       const CompareOptions& opt, const std::vector<long long>& done, long long S,
                       long long R, Comparison& out, Years& years) {
  check_variable_name(file, name, flag);
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
  check_variable_name(file, name, "--by-variable");
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

// Scenario index of (scheme, point), or -1.
long long scenario_of(const Data& d, long long scheme, long long point) {
  for (long long s = 0; s < d.S; ++s)
    if (d.scheme[s] == scheme && d.point[s] == point) return s;
  return -1;
}

// A row of the comparison: one scenario, or one scheme pooled over its design points; `ref` is the row it
// is compared with (-1: none, itself the reference or without a counterpart).
struct Unit {
  int scenario = -1;
  long long scheme = 0;
  std::string scheme_name, label;
  int ref = -1;
};

// What the rows are compared with: a scheme (at the same design point, or pooled), or one fixed scenario.
struct Reference {
  long long scheme = 0;
  long long scenario = -1;  // >= 0: every row is compared with this scenario
  std::string name;
};

Reference resolve_reference(const Data& d, const CompareOptions& opt, bool pooled, const std::string& path) {
  Reference ref;
  std::vector<std::string> schemes;
  for (long long s = 0; s < d.S; ++s)
    if (d.point[s] == 0) schemes.push_back(d.scheme_name[s]);
  if (opt.reference.empty()) {
    const long long first = scenario_of(d, 0, 0);
    ref.name = first >= 0 ? d.scheme_name[first] : "";
    const bool one_scheme = std::all_of(d.scheme.begin(), d.scheme.end(), [](long long k) { return k == 0; });
    if (one_scheme && d.S > 1 && !pooled &&
        first >= 0) {  // a grid of one scheme: compare with its first point
      ref.scenario = first;
      ref.name = d.label[first];
    }
    return ref;
  }
  for (long long s = 0; s < d.S; ++s)
    if (d.scheme_name[s] == opt.reference) {
      ref.scheme = d.scheme[s];
      ref.name = opt.reference;
      return ref;
    }
  for (long long s = 0; s < d.S; ++s)
    if (d.label[s] == opt.reference) {
      if (pooled) {
        const std::string msg = detail::unknown_key(opt.reference, schemes);
        throw InputError("--reference " + opt.reference + ": in " + path +
                         " (an lhs, sobol or morris design) rows are schemes pooled over design points; the "
                         "reference must be a scheme: " +
                         msg.substr(msg.find(';') + 2));
      }
      ref.scheme = d.scheme[s];
      ref.scenario = s;
      ref.name = opt.reference;
      return ref;
    }
  std::vector<std::string> names = schemes;
  if (!pooled)
    for (const auto& l : d.label)
      if (std::find(names.begin(), names.end(), l) == names.end()) names.push_back(l);
  const std::string msg = detail::unknown_key(opt.reference, names);
  throw InputError("--reference " + opt.reference + ": no such scheme or scenario in " + path +
                   msg.substr(11, msg.find(';') - 11) + "; schemes: " + [&] {
                     std::string list;
                     for (const auto& n : schemes) list += (list.empty() ? "" : ", ") + n;
                     return list;
                   }());
}

std::vector<Unit> make_units(const Data& d, bool pooled, const Reference& ref) {
  std::vector<Unit> units;
  if (pooled) {
    int ref_unit = -1;
    for (long long s = 0; s < d.S; ++s) {
      if (d.point[s] != 0) continue;  // one row per scheme
      if (d.scheme[s] == ref.scheme) ref_unit = static_cast<int>(units.size());
      units.push_back({-1, d.scheme[s], d.scheme_name[s], d.scheme_name[s], -1});
    }
    for (int i = 0; i < static_cast<int>(units.size()); ++i)
      if (i != ref_unit) units[i].ref = ref_unit;
    return units;
  }
  for (long long s = 0; s < d.S; ++s) {
    long long r = ref.scenario >= 0 ? ref.scenario : scenario_of(d, ref.scheme, d.point[s]);
    if (r == s) r = -1;
    units.push_back({static_cast<int>(s), d.scheme[s], d.scheme_name[s], d.label[s], static_cast<int>(r)});
  }
  return units;
}

// The values of a unit per replicate (group g of a grouped variable): a scenario's own, or for pooled rows
// the scheme's mean over its design points (NaN when a point is missing).
std::vector<double> unit_values(const Data& d, const Unit& u, const Variable& v, long long g = 0,
                                bool share = false) {
  auto at = [&](long long s, long long r) {
    const size_t base = static_cast<size_t>((s * d.R + r) * v.groups);
    const double x = v.x[base + static_cast<size_t>(g)];
    if (!share) return x;
    double total = 0;
    for (long long k = 0; k < v.groups; ++k) total += v.x[base + static_cast<size_t>(k)];
    return x / total;
  };
  std::vector<double> out(static_cast<size_t>(d.R), 0.0);
  if (u.scenario >= 0) {
    for (long long r = 0; r < d.R; ++r) out[static_cast<size_t>(r)] = at(u.scenario, r);
    return out;
  }
  long long points = 0;
  for (long long s = 0; s < d.S; ++s) {
    if (d.scheme[s] != u.scheme) continue;
    ++points;
    for (long long r = 0; r < d.R; ++r) out[static_cast<size_t>(r)] += at(s, r);
  }
  for (double& x : out) x /= static_cast<double>(points);
  return out;
}

std::vector<double> minus(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> out(a.size());
  for (size_t i = 0; i < a.size(); ++i) out[i] = a[i] - b[i];
  return out;
}

// mean(dm) / mean(dc) * scale over the replicates where both are finite, with a 95% percentile bootstrap
// interval: replicates resampled with replacement, in pairs, `bootstrap` times (a fixed seed: the same file
// gives the same interval).
stats::Estimate ratio_of_means(const std::vector<double>& dm, const std::vector<double>& dc, double scale,
                               int bootstrap) {
  std::vector<double> a, b;
  for (size_t i = 0; i < dm.size(); ++i)
    if (std::isfinite(dm[i]) && std::isfinite(dc[i])) a.push_back(dm[i]), b.push_back(dc[i]);
  const int n = static_cast<int>(a.size());
  auto ratio = [&](const std::vector<int>& rows) {
    double sa = 0, sb = 0;
    for (int j : rows) sa += a[j], sb += b[j];
    return sb != 0 ? sa / sb * scale : kNaN;
  };
  std::vector<int> all(static_cast<size_t>(n));
  for (int j = 0; j < n; ++j) all[j] = j;
  stats::Estimate e{n ? ratio(all) : kNaN, kNaN, kNaN, kNaN, n};
  if (n < 2 || bootstrap < 1) return e;
  design::SplitMix64 rng(0x5EEDC0575ULL);
  std::vector<double> draws;
  for (int k = 0; k < bootstrap; ++k) draws.push_back(ratio(stats::resample(n, rng)));
  if (!std::all_of(draws.begin(), draws.end(), [](double x) { return std::isfinite(x); }))
    return e;  // a resample with no cost difference: the ratio has no interval
  std::tie(e.low, e.high) = stats::percentile_interval(std::move(draws));
  return e;
}

// Inequality and polarization indices, and costs, are better lower; everything else higher.
std::string better_direction(const std::string& metric, const std::string& option) {
  if (option == "lower" || option == "higher") return option;
  static const char* kLower[] = {"top10_share_", "gini_",         "theil_",
                                 "cv_",          "hhi_",          "esteban_ray_",
                                 "wolfson_",     "zhang_kanbur_", "sigma_convergence_"};
  for (const char* p : kLower)
    if (metric.rfind(p, 0) == 0) return "lower";
  for (const char* word : {"public_cost", "subsidy", "waste", "co2", "energy", "refusals"})
    if (metric.find(word) != std::string::npos) return "lower";
  return "higher";
}

// Ranks rows by mean (1 = best) and counts, per replicate, which row is best (ties share the replicate).
void rank_rows(const Data& d, const std::vector<Unit>& units, const Variable& v, Comparison& out) {
  const bool lower = out.better == "lower";
  std::vector<std::vector<double>> values;
  for (const Unit& u : units) values.push_back(unit_values(d, u, v));
  std::vector<double> wins(units.size(), 0.0);
  int counted = 0;
  for (long long r = 0; r < d.R; ++r) {
    double best = kNaN;
    for (const auto& x : values)
      if (std::isfinite(x[r]) && (!std::isfinite(best) || (lower ? x[r] < best : x[r] > best))) best = x[r];
    if (!std::isfinite(best)) continue;
    ++counted;
    int ties = 0;
    for (const auto& x : values) ties += x[r] == best;
    for (size_t i = 0; i < values.size(); ++i)
      if (values[i][r] == best) wins[i] += 1.0 / ties;
  }
  std::vector<size_t> order(units.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const double x = out.rows[a].mean.value, y = out.rows[b].mean.value;
    if (!std::isfinite(x) || !std::isfinite(y)) return std::isfinite(x) && !std::isfinite(y);
    return lower ? x < y : x > y;
  });
  for (size_t k = 0; k < order.size(); ++k) {
    out.rows[order[k]].rank = static_cast<int>(k) + 1;
    out.rows[order[k]].p_best = counted ? wins[order[k]] / counted : kNaN;
  }
}

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

// A factor that is a mechanism's key cannot change the results of a scheme in which that mechanism is off
// at every design point: said as a warning, since such a factor's indices and rows only measure noise.
void inert_factor_warnings(const h5::Context& c, hid_t file, const Data& d, Comparison& out) {
  if (!d.attrs.count("sweep_factors") || !h5::has_dataset(file, "scenario_yaml")) return;
  std::vector<std::string> factors;
  std::istringstream in(d.attrs.at("sweep_factors"));
  for (std::string f; in >> f;)
    if (f.rfind("mechanisms.", 0) == 0 && f.find('.', 11) != std::string::npos &&
        f.substr(f.rfind('.') + 1) != "enabled")
      factors.push_back(f);
  if (factors.empty()) return;
  const std::vector<std::string> text = h5::read_strings(c, file, "scenario_yaml");
  if (static_cast<long long>(text.size()) != d.S) return;
  std::map<std::string, std::map<long long, bool>> on;  // mechanism -> scheme -> on at some point
  for (long long s = 0; s < d.S; ++s) {
    YAML::Node node;
    try {
      const auto body = text[s].find('\n');
      node = YAML::Load(body == std::string::npos ? text[s] : text[s].substr(body + 1));
    } catch (const YAML::Exception&) {
      return;  // not the stored scenario zonesim writes: no warning rather than a wrong one
    }
    for (const auto& f : factors) {
      const std::string m = f.substr(11, f.find('.', 11) - 11);
      const YAML::Node e = node["mechanisms"][m]["enabled"];
      bool& flag = on[m][d.scheme[s]];
      flag = flag || (e && e.IsScalar() && e.as<std::string>() == "true");
    }
  }
  for (const auto& f : factors) {
    const std::string m = f.substr(11, f.find('.', 11) - 11);
    for (const auto& [scheme, enabled] : on[m])
      if (!enabled)
        out.warnings.push_back("factor " + f + " cannot change the results of scheme '" +
                               d.scheme_name[scenario_of(d, scheme, 0) >= 0 ? scenario_of(d, scheme, 0) : 0] +
                               "': " + m + " is off there at every design point");
  }
}

// The metric per design point of a scheme, averaged over replicates.
std::vector<double> point_means(const Data& d, long long scheme, int points) {
  std::vector<double> f(static_cast<size_t>(points), kNaN);
  for (long long s = 0; s < d.S; ++s)
    if (d.scheme[s] == scheme && d.point[s] < points) {
      std::vector<double> v(d.x.begin() + s * d.R, d.x.begin() + (s + 1) * d.R);
      f[static_cast<size_t>(d.point[s])] = stats::mean_interval(v).value;
    }
  return f;
}

void sensitivity(const Data& d, const CompareOptions& opt, Comparison& out) {
  std::vector<std::string> factors;
  std::istringstream in(d.attrs.count("sweep_factors") ? d.attrs.at("sweep_factors") : "");
  for (std::string f; in >> f;) factors.push_back(f);
  const int k = static_cast<int>(factors.size()), n = out.samples;
  const auto seed =
      static_cast<std::uint64_t>(attr_number(d, out.file, "sweep_design_seed", 1, 0, 9007199254740992.0));
  for (long long s = 0; s < d.S && k > 0; ++s) {
    if (d.point[s] != 0) continue;
    const std::vector<double> f = point_means(d, d.scheme[s], out.points);
    if (out.design == "sobol" && out.points == n * (k + 2)) {
      const auto idx = stats::sobol_indices(f, n, k, opt.bootstrap, seed);
      for (int i = 0; i < k; ++i) out.sobol.push_back({d.scheme_name[s], factors[i], idx[i]});
    }
    if (out.design == "morris" && out.points == n * (k + 1) && !d.morris_factor.empty()) {
      std::vector<int> factor(static_cast<size_t>(out.points));
      std::vector<double> step(static_cast<size_t>(out.points));
      for (long long t = 0; t < d.S; ++t)
        if (d.scheme[t] == d.scheme[s]) {
          if (d.point[t] >= out.points || d.morris_factor[t] < -1 || d.morris_factor[t] >= k)
            throw InputError(out.file + ": damaged: design_point or morris_factor out of range");
          factor[d.point[t]] = static_cast<int>(d.morris_factor[t]), step[d.point[t]] = d.morris_step[t];
        }
      const auto idx = stats::morris_indices(f, factor, step, n, k, opt.bootstrap, seed);
      for (int i = 0; i < k; ++i) out.morris.push_back({d.scheme_name[s], factors[i], idx[i]});
    }
  }
}

}  // namespace

bool is_flow(const std::string& name, const std::string& units, const std::string& long_name) {
  if (long_name.find("in the year") != std::string::npos) return true;
  if (long_name.find("stock") != std::string::npos || long_name.find("in force") != std::string::npos ||
      name == "equity_in" || name == "equity_out")
    return false;
  return units == "billion CNY" || units == "tce" || units == "t";
}

Comparison compare_results(const std::string& path, const CompareOptions& opt) {
  Comparison out;
  out.file = path;
  out.metric = opt.metric;
  out.bootstrap = opt.bootstrap;
  h5::Handle file = open_result(path);
  const h5::Context c{path, true};
  check_variable_name(file, opt.metric, "--metric");
  const long long S = axis_length(c, file, "scenario"), R = axis_length(c, file, "replicate");
  const std::vector<long long> done = h5::read_integers(c, file, "completed");
  Years years;
  const Variable metric = read_variable(c, file, opt.metric, "--metric", opt, done, S, R, out, years);
  Data d = read_axes(c, file);
  d.x = metric.x;
  check_consistent(path, d, metric.x.size());
  if (years.last < 0) out.year = 0;
  out.units = metric.units, out.long_name = metric.long_name, out.summed = metric.summed;
  out.percentage_points = out.units == "1" && opt.metric.find("share") != std::string::npos;
  out.better = better_direction(opt.metric, opt.better);
  out.replicates = static_cast<int>(d.R);
  out.design = d.attrs.count("sweep_design") ? d.attrs.at("sweep_design") : "none";
  out.points = static_cast<int>(attr_number(d, path, "sweep_points", 1, 1, 1e7));
  out.samples = static_cast<int>(attr_number(d, path, "sweep_samples", 0, 0, 1e7));
  out.pooled = out.design == "lhs" || out.design == "sobol" || out.design == "morris";
  const Reference ref = resolve_reference(d, opt, out.pooled, path);
  out.reference = ref.name;
  const std::vector<Unit> units = make_units(d, out.pooled, ref);
  for (const Unit& u : units) {
    ComparisonRow row{u.scenario,    static_cast<int>(u.scheme), u.scheme_name, u.label, {}, kNone,
                      {kNone, kNone}};
    const auto x = unit_values(d, u, metric);
    row.mean = stats::mean_interval(x);
    if (u.ref >= 0) row.difference = stats::mean_interval(minus(x, unit_values(d, units[u.ref], metric)));
    out.rows.push_back(std::move(row));
  }
  if (!opt.per.empty()) {
    Years per_years = years;
    Comparison scratch;
    const Variable per = read_variable(c, file, opt.per, "--per", opt, done, d.S, d.R, scratch, per_years);
    out.per = per.name, out.per_units = per.units, out.per_summed = per.summed, out.per_scale = opt.per_scale;
    out.per_from = per.summed ? opt.from : 0;
    if (out.year == 0 && scratch.year) out.year = scratch.year;
    for (size_t i = 0; i < units.size(); ++i) {
      if (units[i].ref < 0) continue;
      const auto dc = minus(unit_values(d, units[i], per), unit_values(d, units[units[i].ref], per));
      const auto dm = minus(unit_values(d, units[i], metric), unit_values(d, units[units[i].ref], metric));
      out.rows[i].per.difference = stats::mean_interval(dc);
      out.rows[i].per.ratio = ratio_of_means(dm, dc, opt.per_scale, opt.bootstrap);
    }
  }
  if (opt.rank) rank_rows(d, units, metric, out);
  if (opt.by == "province") {
    for (const char* a : {"zone_province_index", "province_name"})
      if (!h5::has_dataset(file, a))
        throw InputError(path + ": has no " + a + ": --by province needs a result file of this version");
    const auto province_of = h5::read_integers(c, file, "zone_province_index");
    const auto names = h5::read_strings(c, file, "province_name");
    const auto names_zh = h5::has_dataset(file, "province_name_zh")
                              ? h5::read_strings(c, file, "province_name_zh")
                              : std::vector<std::string>{};
    const long long P = static_cast<long long>(names.size());
    for (long long p : province_of)
      if (p < 0 || p >= P) throw InputError(path + ": damaged: zone_province_index out of range");
    Comparison scratch;
    Years by_years = years;
    const Variable v =
        read_by_province(c, file, opt.by_variable, opt, done, d.S, d.R, scratch, by_years, province_of, P);
    out.by_variable = v.name, out.by_units = v.units, out.by_from = v.summed ? opt.from : 0;
    if (out.year == 0) out.year = scratch.year;
    province_rows(d, units, v, names, names_zh, out);
  }
  inert_factor_warnings(c, file, d, out);
  sensitivity(d, opt, out);
  return out;
}

}  // namespace zonesim
