// zonesim compare OUT.h5 [--metric top10_share_gdp] [--year YEAR] [--format table|csv|json] [--bootstrap N]
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "cli.hpp"
#include "zonesim/compare.hpp"
#include "zonesim/isolate.hpp"

namespace zonesim::cli {
namespace {

constexpr const char* kHelp =
    "usage: zonesim compare OUT.h5 [--metric NAME] [--year YEAR] [--format table|csv|json] [--bootstrap N]\n"
    "\n"
    "Compare the schemes of a sweep on one metric at one year: for each scenario (or, for lhs, sobol and "
    "morris\n"
    "designs, each scheme pooled over its design points) the mean across replicates, and the paired "
    "difference\n"
    "from the reference scheme (the first) with its 95% t interval across replicates (common random "
    "numbers).\n"
    "For sobol designs also first-order and total Sobol' indices of each factor, for morris designs mu*, mu "
    "and\n"
    "sigma, with 95% bootstrap intervals. docs/sweeps.md.\n"
    "\n"
    "options:\n"
    "  --metric NAME          a variable with axes (scenario, replicate[, time]) (default top10_share_gdp)\n"
    "  --year YEAR            a year of the time axis (default: the last)\n"
    "  --format FORMAT        table (default), csv (one tidy table) or json\n"
    "  --bootstrap N          bootstrap resamples for the sensitivity intervals (default 1000)\n"
    "  -h, --help             show this help\n";

std::string num(double v) {
  if (!std::isfinite(v)) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

// Machine-readable formats carry the shortest text that reads back as exactly the value.
std::string exact(double v) {
  if (!std::isfinite(v)) return "";
  char buf[32];
  for (int digits = 6; digits <= 17; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}

std::string json_num(double v) { return std::isfinite(v) ? exact(v) : "null"; }

std::string json_text(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\')
      out += '\\', out += c;
    else if (c == '\n')
      out += "\\n";
    else if (static_cast<unsigned char>(c) < 0x20)
      out += ' ';
    else
      out += c;
  }
  return out + "\"";
}

std::string csv_text(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string interval(const stats::Estimate& e) {
  if (!std::isfinite(e.low)) return "n/a";
  std::string out = "[";
  out += num(e.low);
  out += ", ";
  out += num(e.high);
  return out + "]";
}

std::string heading(const Comparison& c) {
  return c.metric + (c.long_name.empty() ? "" : " (" + c.long_name + ")") +
         (c.year ? " in " + std::to_string(c.year) : " over the horizon") + ", units " + c.units;
}

void print_table(const Comparison& c) {
  std::printf(
      "%s\n%d replicate%s; differences from the reference scheme '%s' are paired by replicate (common\n"
      "random numbers), with 95%% t intervals across replicates.%s\n\n",
      heading(c).c_str(), c.replicates, c.replicates == 1 ? "" : "s", c.reference.c_str(),
      c.pooled ? "\nEach scheme's value is its mean over the design points." : "");
  std::printf("%-8s %-32s %12s %22s %12s %26s %5s\n", "scenario", c.pooled ? "scheme" : "label", "mean",
              "95% CI", "difference", "95% CI", "n");
  for (const auto& r : c.rows) {
    const std::string scen = r.scenario < 0 ? "-" : std::to_string(r.scenario);
    const bool ref = r.difference.n == 0;
    std::printf("%-8s %-32s %12s %22s %12s %26s %5d\n", scen.c_str(), r.label.c_str(),
                num(r.mean.value).c_str(), interval(r.mean).c_str(),
                ref ? "(reference)" : num(r.difference.value).c_str(),
                ref ? "" : interval(r.difference).c_str(), ref ? r.mean.n : r.difference.n);
  }
  if (!c.sobol.empty())
    std::printf(
        "\nSobol' indices (first order: Saltelli et al. 2010; total: Jansen 1999), N = %d base rows, 95%% "
        "bootstrap intervals (%d resamples)\n%-16s %-40s %10s %22s %10s %22s\n",
        c.samples, c.bootstrap, "scheme", "factor", "S1", "95% CI", "ST", "95% CI");
  for (const auto& s : c.sobol)
    std::printf("%-16s %-40s %10s %22s %10s %22s\n", s.scheme.c_str(), s.factor.c_str(),
                num(s.indices.first.value).c_str(), interval(s.indices.first).c_str(),
                num(s.indices.total.value).c_str(), interval(s.indices.total).c_str());
  if (!c.morris.empty())
    std::printf(
        "\nMorris elementary effects per unit of each factor's range, r = %d trajectories, 95%% bootstrap "
        "interval of mu* (%d resamples)\n%-16s %-40s %10s %22s %10s %10s\n",
        c.samples, c.bootstrap, "scheme", "factor", "mu*", "95% CI", "mu", "sigma");
  for (const auto& m : c.morris)
    std::printf("%-16s %-40s %10s %22s %10s %10s\n", m.scheme.c_str(), m.factor.c_str(),
                num(m.indices.mu_star.value).c_str(), interval(m.indices.mu_star).c_str(),
                num(m.indices.mu).c_str(), num(m.indices.sigma).c_str());
}

void print_csv(const Comparison& c) {
  std::printf("analysis,metric,year,scheme,scenario,label,factor,statistic,value,ci_low,ci_high,n\n");
  const std::string head = csv_text(c.metric) + "," + (c.year ? std::to_string(c.year) : "");
  auto row = [&](const char* analysis, const std::string& scheme, const std::string& scen,
                 const std::string& label, const std::string& factor, const char* stat,
                 const stats::Estimate& e) {
    std::printf("%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%d\n", analysis, head.c_str(), csv_text(scheme).c_str(),
                scen.c_str(), csv_text(label).c_str(), csv_text(factor).c_str(), stat, exact(e.value).c_str(),
                exact(e.low).c_str(), exact(e.high).c_str(), e.n);
  };
  for (const auto& r : c.rows) {
    const std::string scen = r.scenario < 0 ? "" : std::to_string(r.scenario);
    row("comparison", r.scheme_name, scen, r.label, "", "mean", r.mean);
    if (r.difference.n > 0) row("comparison", r.scheme_name, scen, r.label, "", "difference", r.difference);
  }
  for (const auto& s : c.sobol) {
    row("sobol", s.scheme, "", "", s.factor, "S1", s.indices.first);
    row("sobol", s.scheme, "", "", s.factor, "ST", s.indices.total);
  }
  for (const auto& m : c.morris) {
    row("morris", m.scheme, "", "", m.factor, "mu_star", m.indices.mu_star);
    row("morris", m.scheme, "", "", m.factor, "mu", {m.indices.mu, NAN, NAN, NAN, m.indices.mu_star.n});
    row("morris", m.scheme, "", "", m.factor, "sigma", {m.indices.sigma, NAN, NAN, NAN, m.indices.mu_star.n});
  }
}

std::string json_estimate(const char* name, const stats::Estimate& e) {
  if (e.n == 0) return std::string("\"") + name + "\": null, \"" + name + "_ci\": null";
  return std::string("\"") + name + "\": " + json_num(e.value) + ", \"" + name + "_ci\": [" +
         json_num(e.low) + ", " + json_num(e.high) + "]";
}

void print_json(const Comparison& c) {
  std::printf(
      "{\"file\": %s, \"metric\": %s, \"long_name\": %s, \"units\": %s, \"year\": %s, \"design\": %s, "
      "\"reference\": %s, \"replicates\": %d, \"pooled\": %s,\n \"comparison\": [",
      json_text(c.file).c_str(), json_text(c.metric).c_str(), json_text(c.long_name).c_str(),
      json_text(c.units).c_str(), c.year ? std::to_string(c.year).c_str() : "null",
      json_text(c.design).c_str(), json_text(c.reference).c_str(), c.replicates, c.pooled ? "true" : "false");
  for (size_t i = 0; i < c.rows.size(); ++i) {
    const auto& r = c.rows[i];
    std::printf("%s\n  {\"scenario\": %s, \"scheme\": %s, \"label\": %s, %s, \"n\": %d, %s, \"pairs\": %d}",
                i ? "," : "", r.scenario < 0 ? "null" : std::to_string(r.scenario).c_str(),
                json_text(r.scheme_name).c_str(), json_text(r.label).c_str(),
                json_estimate("mean", r.mean).c_str(), r.mean.n,
                json_estimate("difference", r.difference).c_str(), r.difference.n);
  }
  std::printf("],\n \"sobol\": [");
  for (size_t i = 0; i < c.sobol.size(); ++i)
    std::printf("%s\n  {\"scheme\": %s, \"factor\": %s, %s, %s, \"n\": %d}", i ? "," : "",
                json_text(c.sobol[i].scheme).c_str(), json_text(c.sobol[i].factor).c_str(),
                json_estimate("S1", c.sobol[i].indices.first).c_str(),
                json_estimate("ST", c.sobol[i].indices.total).c_str(), c.sobol[i].indices.first.n);
  std::printf("],\n \"morris\": [");
  for (size_t i = 0; i < c.morris.size(); ++i)
    std::printf("%s\n  {\"scheme\": %s, \"factor\": %s, %s, \"mu\": %s, \"sigma\": %s, \"n\": %d}",
                i ? "," : "", json_text(c.morris[i].scheme).c_str(), json_text(c.morris[i].factor).c_str(),
                json_estimate("mu_star", c.morris[i].indices.mu_star).c_str(),
                json_num(c.morris[i].indices.mu).c_str(), json_num(c.morris[i].indices.sigma).c_str(),
                c.morris[i].indices.mu_star.n);
  std::printf("]}\n");
}

}  // namespace

int cmd_compare(const std::vector<std::string>& argv) {
  const Args a = parse(
      argv,
      {{"metric", 0, true}, {"year", 0, true}, {"format", 0, true}, {"bootstrap", 0, true}, {"help", 'h'}});
  if (a.has("help")) {
    std::fputs(kHelp, stdout);
    return kExitOk;
  }
  if (a.positional.size() != 1)
    throw UsageError{"compare: expected one result file (see zonesim compare --help)"};
  CompareOptions opt;
  opt.metric = a.get("metric", opt.metric);
  opt.year = static_cast<int>(a.get_int("year", 0, 1900, 2200));
  opt.bootstrap = static_cast<int>(a.get_int("bootstrap", 1000, 0, 1000000));
  const std::string format = a.get("format", "table");
  if (format != "table" && format != "csv" && format != "json")
    throw UsageError{"--format: '" + format + "' is not table, csv or json"};
  check_read_does_not_crash(a.positional[0], [&] {
    CompareOptions quick = opt;
    quick.bootstrap = 1;  // only the reading can crash
    compare_results(a.positional[0], quick);
  });
  const Comparison c = compare_results(a.positional[0], opt);
  if (format == "table")
    print_table(c);
  else if (format == "csv")
    print_csv(c);
  else
    print_json(c);
  return kExitOk;
}

}  // namespace zonesim::cli
