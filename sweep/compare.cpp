// Reading a result file for `zonesim compare`: the metric at a year per (scenario, replicate), paired scheme
// differences, and Sobol' or Morris indices when the file's design is sobol or morris. docs/sweeps.md.
#include "zonesim/compare.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <map>
#include <sstream>

#include "output/h5.hpp"
#include "sweep_internal.hpp"

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

// The metric's time index for `year` (-1 for variables without a time axis); checks the metric's axes.
int time_index(const h5::Context& c, hid_t file, Comparison& out, const CompareOptions& opt, long long S,
               long long R) {
  const auto shape = h5::shape_of(c, file, opt.metric);
  if ((shape.size() != 2 && shape.size() != 3) || static_cast<long long>(shape[0]) != S ||
      static_cast<long long>(shape[1]) != R)
    throw InputError("--metric " + opt.metric +
                     ": has axes other than (scenario, replicate[, time]); compare takes "
                     "a total or an inequality metric (e.g. top10_share_gdp, gini_gdp, total_gdp)");
  if (shape.size() == 2) return -1;
  std::vector<long long> years = h5::read_integers(c, file, "time");
  if (years.empty() || shape[2] != years.size())
    throw InputError(c.path + ": damaged: " + opt.metric + " does not match the time axis");
  const int want = opt.year ? opt.year : static_cast<int>(years.back());
  const auto it = std::find(years.begin(), years.end(), want);
  if (it == years.end())
    throw InputError("--year " + std::to_string(want) + ": not on the file's time axis (" +
                     std::to_string(years.front()) + " to " + std::to_string(years.back()) + ")");
  out.year = want;
  return static_cast<int>(it - years.begin());
}

void check_metric_name(hid_t file, const std::string& metric) {
  if (h5::has_dataset(file, metric)) return;
  std::vector<std::string> names;
  for (const auto& n : h5::dataset_names(file))
    if (n.find('_') != std::string::npos && n.rfind("zone_", 0) != 0 && n.rfind("param_", 0) != 0)
      names.push_back(n);
  const std::string msg = detail::unknown_key(metric, names);
  throw InputError("--metric " + metric + ": no such variable" + msg.substr(11, msg.find(';') - 11) +
                   " (e.g. top10_share_gdp, gini_gdp, theil_t_gdp, total_gdp; zonesim info lists the file)");
}

Data read_data(const std::string& path, const CompareOptions& opt, Comparison& out) {
  h5::Handle file = open_result(path);
  const h5::Context c{path, true};
  check_metric_name(file, opt.metric);
  Data d;
  d.S = axis_length(c, file, "scenario");
  d.R = axis_length(c, file, "replicate");
  const int t = time_index(c, file, out, opt, d.S, d.R);
  const std::vector<double> all = h5::read_doubles(c, file, opt.metric);
  const std::vector<long long> done = h5::read_integers(c, file, "completed");
  if (done.size() != static_cast<size_t>(d.S * d.R) || all.size() < done.size())
    throw InputError(path + ": damaged: completed or " + opt.metric + " does not fit the axes");
  const size_t T = t < 0 ? 1 : all.size() / static_cast<size_t>(d.S * d.R);
  for (long long i = 0; i < d.S * d.R; ++i)
    d.x.push_back(done[static_cast<size_t>(i)] == 1 ? all[static_cast<size_t>(i) * T + (t < 0 ? 0 : t)]
                                                    : kNaN);
  for (const char* a : {"units", "long_name"}) {
    h5::Handle ds(c.check(H5Dopen2(file, opt.metric.c_str(), H5P_DEFAULT), "open " + opt.metric), H5Dclose);
    if (h5::has_attr(ds, a))
      (std::string(a) == "units" ? out.units : out.long_name) = h5::get_string_attr(c, ds, a);
  }
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
  check_consistent(path, d, all.size());
  return d;
}

// Scenario index of (scheme, point), or -1.
long long scenario_of(const Data& d, long long scheme, long long point) {
  for (long long s = 0; s < d.S; ++s)
    if (d.scheme[s] == scheme && d.point[s] == point) return s;
  return -1;
}

void per_scenario_rows(const Data& d, Comparison& out) {
  for (long long s = 0; s < d.S; ++s) {
    ComparisonRow row{
        static_cast<int>(s), static_cast<int>(d.scheme[s]), d.scheme_name[s], d.label[s], {}, kNone};
    std::vector<double> values(d.x.begin() + s * d.R, d.x.begin() + (s + 1) * d.R), diff;
    row.mean = stats::mean_interval(values);
    const long long ref = scenario_of(d, 0, d.point[s]);
    if (d.scheme[s] != 0 && ref >= 0) {
      for (long long r = 0; r < d.R; ++r) diff.push_back(d.at(s, r) - d.at(ref, r));
      row.difference = stats::mean_interval(diff);
    }
    out.rows.push_back(std::move(row));
  }
}

// For each replicate, the scheme's mean over its design points (NaN when a point is missing).
std::vector<double> pooled_by_replicate(const Data& d, long long scheme) {
  std::vector<double> out(static_cast<size_t>(d.R), 0.0);
  long long points = 0;
  for (long long s = 0; s < d.S; ++s) {
    if (d.scheme[s] != scheme) continue;
    ++points;
    for (long long r = 0; r < d.R; ++r) out[static_cast<size_t>(r)] += d.at(s, r);
  }
  for (double& v : out) v /= static_cast<double>(points);
  return out;
}

void pooled_rows(const Data& d, Comparison& out) {
  const std::vector<double> ref = pooled_by_replicate(d, 0);
  for (long long s = 0; s < d.S; ++s) {
    if (d.point[s] != 0) continue;  // one row per scheme
    ComparisonRow row{-1, static_cast<int>(d.scheme[s]), d.scheme_name[s], d.scheme_name[s], {}, kNone};
    const std::vector<double> x = pooled_by_replicate(d, d.scheme[s]);
    row.mean = stats::mean_interval(x);
    if (d.scheme[s] != 0) {
      std::vector<double> diff;
      for (size_t r = 0; r < x.size(); ++r) diff.push_back(x[r] - ref[r]);
      row.difference = stats::mean_interval(diff);
    }
    out.rows.push_back(std::move(row));
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

Comparison compare_results(const std::string& path, const CompareOptions& opt) {
  Comparison out;
  out.file = path;
  out.metric = opt.metric;
  out.bootstrap = opt.bootstrap;
  const Data d = read_data(path, opt, out);
  out.replicates = static_cast<int>(d.R);
  out.design = d.attrs.count("sweep_design") ? d.attrs.at("sweep_design") : "none";
  out.points = static_cast<int>(attr_number(d, path, "sweep_points", 1, 1, 1e7));
  out.samples = static_cast<int>(attr_number(d, path, "sweep_samples", 0, 0, 1e7));
  const long long ref = scenario_of(d, 0, 0);
  out.reference = ref >= 0 ? d.scheme_name[ref] : "";
  out.pooled = out.design == "lhs" || out.design == "sobol" || out.design == "morris";
  if (out.pooled)
    pooled_rows(d, out);
  else
    per_scenario_rows(d, out);
  sensitivity(d, opt, out);
  return out;
}

}  // namespace zonesim
