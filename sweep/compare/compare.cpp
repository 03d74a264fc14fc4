// `zonesim compare`: the metric at a year (or summed over years) per (scenario, replicate), paired
// differences from a reference, ratios to another variable's differences, ranks, the province breakdown of a
// zone variable, and Sobol' or Morris indices when the file's design is sobol or morris. This file puts the
// steps in order; each lives with its concept in sweep/compare/. docs/sweeps.md.
#include "zonesim/compare.hpp"

#include "compare/internal.hpp"

namespace zonesim {
namespace compare_detail {
namespace {

// The metric's description and the file's design, as the table's heading and the JSON give them.
void describe_comparison(const Data& d, const Variable& metric, const CompareOptions& opt, Comparison& out) {
  out.units = metric.units, out.long_name = metric.long_name, out.summed = metric.summed;
  out.percentage_points = out.units == "1" && opt.metric.find("share") != std::string::npos;
  out.better = better_direction(opt.metric, opt.better);
  out.replicates = static_cast<int>(d.R);
  out.design = d.attrs.count("sweep_design") ? d.attrs.at("sweep_design") : "none";
  out.points = static_cast<int>(attr_number(d, out.file, "sweep_points", 1, 1, 1e7));
  out.samples = static_cast<int>(attr_number(d, out.file, "sweep_samples", 0, 0, 1e7));
  out.pooled = out.design == "lhs" || out.design == "sobol" || out.design == "morris";
}

}  // namespace
}  // namespace compare_detail

bool is_flow(const std::string& name, const std::string& units, const std::string& long_name) {
  if (long_name.find("in the year") != std::string::npos) return true;
  if (long_name.find("stock") != std::string::npos || long_name.find("in force") != std::string::npos ||
      name == "equity_in" || name == "equity_out")
    return false;
  return units == "billion CNY" || units == "tce" || units == "t";
}

Comparison compare_results(const std::string& path, const CompareOptions& opt) {
  using namespace compare_detail;
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
  describe_comparison(d, metric, opt, out);
  const Reference ref = resolve_reference(d, opt, out.pooled, path);
  out.reference = ref.name;
  const std::vector<Unit> units = make_units(d, out.pooled, ref);
  add_rows(d, units, metric, out);
  if (!opt.per.empty()) add_per(c, file, d, units, metric, opt, done, years, out);
  if (opt.rank) rank_rows(d, units, metric, out);
  if (opt.by == "province") add_provinces(c, file, d, units, opt, done, years, out);
  inert_factor_warnings(c, file, d, out);
  sensitivity(d, opt, out);
  return out;
}

}  // namespace zonesim
