// `zonesim compare`: the metric at a year (or summed over years) per (scenario, replicate), paired
// differences from a reference, ratios to another variable's differences, ranks, the province breakdown of a
// zone variable, and Sobol' or Morris indices when the file's design is sobol or morris. This file puts the
// steps in order; each lives with its concept in sweep/compare/. docs/sweeps.md.
#include "zonesim/compare.hpp"

#include "compare/internal.hpp"
#include "zonesim/metrics.hpp"

namespace zonesim {
namespace compare_detail {
namespace {

// Rows are schemes pooled over the design points of a sampled design (lhs, sobol, morris), except when a
// comparison is asked of a design of one scheme: pooled it would be one row, so its points are compared.
bool pooled_rows(const Data& d, const std::string& design, const CompareOptions& opt) {
  const bool sampled = design == "lhs" || design == "sobol" || design == "morris";
  return sampled && !(one_scheme(d) && asks_comparison(opt));
}

// --better, or what auto makes of the metric; --rank needs a direction, so auto's "cannot tell" stops it.
std::string better_of(const Variable& metric, const CompareOptions& opt) {
  if (opt.better != "auto") return opt.better;
  const std::string better = better_direction(metric.name, metric.units, metric.long_name);
  if (better.empty() && opt.rank) {
    std::string msg = "--rank: whether lower or higher ";
    msg += metric.name;
    msg += " is better depends on what it is for";
    if (!metric.long_name.empty()) msg += " (" + metric.long_name + ")";
    msg +=
        "; --better auto only decides for polarization indices, costs and output (docs/sweeps.md): give "
        "--better lower or --better higher for ";
    msg += metric.name;
    throw InputError(msg);
  }
  return better;
}

// The metric's description and the file's design, as the table's heading and the JSON give them.
void describe_comparison(const Data& d, const Variable& metric, const CompareOptions& opt, Comparison& out) {
  out.units = metric.units, out.long_name = metric.long_name, out.summed = metric.summed;
  out.percentage_points = out.units == "1" && opt.metric.find("share") != std::string::npos;
  out.better = better_of(metric, opt);
  out.replicates = static_cast<int>(d.R);
  out.design = d.attrs.count("sweep_design") ? d.attrs.at("sweep_design") : "none";
  out.points = static_cast<int>(attr_number(d, out.file, "sweep_points", 1, 1, 1e7));
  out.samples = static_cast<int>(attr_number(d, out.file, "sweep_samples", 0, 0, 1e7));
  out.pooled = pooled_rows(d, out.design, opt);
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

namespace {

// An inequality or polarization index of docs/metrics.md (<index>_<variable>: Gini, Theil, top-k share, ...),
// or a convergence slope (negative = convergence).
bool is_polarization(const std::string& name, const std::string& long_name) {
  for (const auto& m : metrics::kMetrics)
    if (name.rfind(std::string(m.name) + "_", 0) == 0) return true;
  return long_name.find("negative = convergence") != std::string::npos;
}

// Public money spent (a budget line is not: it is how the money is split), and energy use and emissions.
bool is_cost(const std::string& name, const std::string& units, const std::string& long_name) {
  if (name.find("budget") != std::string::npos) return false;
  if (units == "billion CNY")
    return long_name.rfind("public money", 0) == 0 || name.find("subsidy") != std::string::npos;
  return units == "tce" || units == "t" || units == "tce/(10^4 CNY)" || units == "t/(10^4 CNY)";
}

// GDP and value added, and growth.
bool is_output(const std::string& name, const std::string& units, const std::string& long_name) {
  if (name.find("growth") != std::string::npos) return true;
  return units == "billion CNY" &&
         (name.find("gdp") != std::string::npos || long_name.find("value added") != std::string::npos);
}

}  // namespace

std::string better_direction(const std::string& name, const std::string& units,
                             const std::string& long_name) {
  if (is_polarization(name, long_name) || is_cost(name, units, long_name)) return "lower";
  if (is_output(name, units, long_name)) return "higher";
  return "";
}

Comparison compare_results(const std::string& path, const CompareOptions& opt) {
  using namespace compare_detail;
  Comparison out;
  out.file = path;
  out.metric = opt.metric;
  out.bootstrap = opt.bootstrap;
  h5::Handle file = open_result(path);
  const h5::Context c{path, true};
  check_variable_name(c, file, opt.metric, "--metric");
  const long long S = axis_length(c, file, "scenario"), R = axis_length(c, file, "replicate");
  const std::vector<long long> done = h5::read_integers(c, file, "completed");
  Years years;
  const Variable metric = read_variable(c, file, opt.metric, "--metric", opt, done, S, R, out, years);
  Data d = read_axes(c, file);
  d.x = metric.x;
  check_consistent(path, d, metric.x.size());
  if (years.last < 0) out.year = 0;
  describe_comparison(d, metric, opt, out);
  check_comparable(d, opt, path);
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
