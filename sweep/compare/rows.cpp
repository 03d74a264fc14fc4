// The rows of a comparison and what is asked of them: the reference each row is compared with, the paired
// values per replicate, ratios to another variable's differences (--per) and ranks (--rank).
#include <algorithm>
#include <cmath>

#include "compare/internal.hpp"
#include "sweep_internal.hpp"
#include "zonesim/design.hpp"

namespace zonesim::compare_detail {

// Scenario index of (scheme, point), or -1.
long long scenario_of(const Data& d, long long scheme, long long point) {
  for (long long s = 0; s < d.S; ++s)
    if (d.scheme[s] == scheme && d.point[s] == point) return s;
  return -1;
}

bool one_scheme(const Data& d) {
  return std::all_of(d.scheme.begin(), d.scheme.end(), [](long long k) { return k == 0; });
}

namespace {

// The first scheme; in a file of one scheme whose points are rows, its first point: compared with the scheme
// itself every point would be its own reference.
Reference default_reference(const Data& d, bool pooled) {
  Reference ref;
  const long long first = scenario_of(d, 0, 0);
  ref.name = first >= 0 ? d.scheme_name[first] : "";
  if (one_scheme(d) && d.S > 1 && !pooled && first >= 0) {
    ref.scenario = first;
    ref.name = d.label[first];
  }
  return ref;
}

}  // namespace

Reference resolve_reference(const Data& d, const CompareOptions& opt, bool pooled, const std::string& path) {
  if (opt.reference.empty()) return default_reference(d, pooled);
  std::vector<std::string> schemes;
  for (long long s = 0; s < d.S; ++s)
    if (d.point[s] == 0) schemes.push_back(d.scheme_name[s]);
  Reference ref;
  for (long long s = 0; s < d.S; ++s)
    if (d.scheme_name[s] == opt.reference) {
      if (one_scheme(d) && !pooled) return default_reference(d, pooled);
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
std::vector<double> unit_values(const Data& d, const Unit& u, const Variable& v, long long g, bool share) {
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

// A file of one scenario (a single run, or a sweep without schemes or factors) has nothing to compare it
// with; said before the rows, which would silently make it its own reference.
void check_comparable(const Data& d, const CompareOptions& opt, const std::string& path) {
  if (d.S > 1 || !asks_comparison(opt)) return;
  std::string flags;
  for (const auto& [given, flag] : {std::pair{opt.rank, "--rank"}, std::pair{!opt.per.empty(), "--per"},
                                    std::pair{!opt.reference.empty(), "--reference"}})
    if (given) flags += (flags.empty() ? "" : ", ") + std::string(flag);
  std::string msg = path;
  msg += ": holds one scenario ('";
  msg += d.label.empty() ? "" : d.label.front();
  msg += "') and nothing to compare it with: ";
  msg += flags;
  msg +=
      " compare two or more schemes or design points (a sweep: zonesim sweep SWEEP.yaml -o OUT.h5); "
      "without them compare gives its mean across replicates";
  throw InputError(msg);
}

void add_rows(const Data& d, const std::vector<Unit>& units, const Variable& metric, Comparison& out) {
  for (const Unit& u : units) {
    ComparisonRow row{u.scenario,    static_cast<int>(u.scheme), u.scheme_name, u.label, {}, kNone,
                      {kNone, kNone}};
    const auto x = unit_values(d, u, metric);
    row.mean = stats::mean_interval(x);
    if (u.ref >= 0) row.difference = stats::mean_interval(minus(x, unit_values(d, units[u.ref], metric)));
    out.rows.push_back(std::move(row));
  }
}

void add_per(const h5::Context& c, hid_t file, const Data& d, const std::vector<Unit>& units,
             const Variable& metric, const CompareOptions& opt, const std::vector<long long>& done,
             const Years& years, Comparison& out) {
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

}  // namespace zonesim::compare_detail
