// What the design's factors do: Sobol' or Morris indices per scheme for sobol and morris designs, and a
// warning for a factor that cannot change a scheme's results.
#include <yaml-cpp/yaml.h>

#include <sstream>

#include "compare/internal.hpp"

namespace zonesim::compare_detail {
namespace {

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

}  // namespace

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

}  // namespace zonesim::compare_detail
