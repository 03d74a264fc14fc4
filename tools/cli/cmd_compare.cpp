// zonesim compare OUT.h5 [--metric top10_share_gdp] [--year YEAR] [--format table|csv|json] [--bootstrap N]
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <tuple>

#include "cli.hpp"
#include "compare_output.hpp"
#include "zonesim/compare.hpp"
#include "zonesim/errors.hpp"
#include "zonesim/isolate.hpp"

namespace zonesim::cli {
namespace {

constexpr const char* kHelp =
    "usage: zonesim compare OUT.h5 [--metric A,B,..] [--year YEAR | --cumulative FROM:TO] [--per VAR]\n"
    "                       [--reference NAME] [--rank] [--by province] [--format table|csv|json]\n"
    "\n"
    "Compare the schemes of a sweep: for each scenario (or, for lhs, sobol and morris designs, each scheme\n"
    "pooled over its design points) the metric's mean across replicates and the paired difference from the\n"
    "reference with its 95% t interval across replicates (common random numbers). For sobol designs also\n"
    "first-order and total Sobol' indices of each factor, for morris designs mu*, mu and sigma, with 95%\n"
    "bootstrap intervals. Shares are shown in percentage points (pp) in the table. docs/sweeps.md.\n"
    "\n"
    "options:\n"
    "  --metric A,B,..        variables with axes (scenario, replicate[, time]), comma-separated\n"
    "                         (default top10_share_gdp)\n"
    "  --year YEAR            a year of the time axis (default: the last)\n"
    "  --cumulative FROM:TO   flows (money, energy, emissions, counts in the year) summed over the years\n"
    "                         FROM..TO; levels (shares, indices, stocks) taken at TO\n"
    "  --per VAR              also the ratio of each row's paired difference to its paired difference in "
    "VAR\n"
    "                         (e.g. total_public_cost), per --per-scale units, with a 95% paired bootstrap\n"
    "                         interval over replicates\n"
    "  --per-scale X          units of VAR the ratio is per (default 100: per 100 billion CNY)\n"
    "  --reference NAME       the scheme (or, in grids, plain sweeps and designs of one scheme, the\n"
    "                         scenario label) compared with (default: the first scheme; a grid or design\n"
    "                         of one scheme: its first point)\n"
    "  --rank                 order rows by the metric, with the share of replicates in which each is best\n"
    "  --better DIR           lower, higher or auto (default): lower for polarization indices and costs,\n"
    "                         higher for output and growth; --rank of anything else needs lower or higher\n"
    "  --by province          also each province's value of --by-variable, its share, and their paired\n"
    "                         differences\n"
    "  --by-variable VAR      the per-zone variable broken down by --by (default gdp)\n"
    "  --format FORMAT        table (default), csv (one tidy table) or json\n"
    "  --bootstrap N          bootstrap resamples for the intervals of indices and ratios (default 1000)\n"
    "  -h, --help             show this help\n";

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const size_t end = s.find(',', start);
    const std::string part = s.substr(start, end - start);
    if (part.empty()) throw UsageError{"--metric: '" + s + "' has an empty name (names are comma-separated)"};
    out.push_back(part);
    if (end == std::string::npos) return out;
    start = end + 1;
  }
}

// "2025:2035" -> {2025, 2035}.
std::pair<int, int> parse_range(const std::string& s) {
  const size_t colon = s.find(':');
  auto year = [&](const std::string& t) {
    char* end = nullptr;
    const long v = std::strtol(t.c_str(), &end, 10);
    if (t.empty() || *end != '\0' || v < 1900 || v > 2200)
      throw UsageError{"--cumulative: '" + s + "' is not FROM:TO with two years (e.g. 2025:2035)"};
    return static_cast<int>(v);
  };
  if (colon == std::string::npos)
    throw UsageError{"--cumulative: '" + s + "' is not FROM:TO with two years (e.g. 2025:2035)"};
  return {year(s.substr(0, colon)), year(s.substr(colon + 1))};
}

}  // namespace

int cmd_compare(const std::vector<std::string>& argv) {
  const Args a = parse(argv, {{"metric", 0, true},
                              {"year", 0, true},
                              {"cumulative", 0, true},
                              {"per", 0, true},
                              {"per-scale", 0, true},
                              {"reference", 0, true},
                              {"rank", 0, false},
                              {"better", 0, true},
                              {"by", 0, true},
                              {"by-variable", 0, true},
                              {"format", 0, true},
                              {"bootstrap", 0, true},
                              {"help", 'h'}});
  if (a.has("help")) {
    std::fputs(kHelp, stdout);
    return kExitOk;
  }
  if (a.positional.size() != 1)
    throw UsageError{"compare: expected one result file (see zonesim compare --help)"};
  CompareOptions opt;
  const std::vector<std::string> metrics = split_commas(a.get("metric", opt.metric));
  opt.year = static_cast<int>(a.get_int("year", 0, 1900, 2200));
  if (a.has("cumulative")) {
    if (a.has("year"))
      throw UsageError{"--year and --cumulative: give one (--cumulative FROM:TO ends at TO)"};
    std::tie(opt.from, opt.to) = parse_range(a.get("cumulative"));
  }
  opt.per = a.get("per", "");
  if (a.has("per-scale")) {
    const std::string s = a.get("per-scale");
    char* end = nullptr;
    opt.per_scale = std::strtod(s.c_str(), &end);
    if (s.empty() || *end != '\0' || !(opt.per_scale > 0) || !std::isfinite(opt.per_scale))
      throw UsageError{"--per-scale: '" + s + "' is not a positive number"};
  }
  opt.reference = a.get("reference", "");
  opt.rank = a.has("rank");
  opt.better = a.get("better", "auto");
  if (opt.better != "auto" && opt.better != "lower" && opt.better != "higher")
    throw UsageError{"--better: '" + opt.better + "' is not lower, higher or auto"};
  opt.by = a.get("by", "");
  if (!opt.by.empty() && opt.by != "province")
    throw UsageError{"--by: '" + opt.by + "' is not a breakdown zonesim knows (valid: province)"};
  opt.by_variable = a.get("by-variable", opt.by_variable);
  opt.bootstrap = static_cast<int>(a.get_int("bootstrap", 1000, 0, 1000000));
  const std::string format = a.get("format", "table");
  if (format != "table" && format != "csv" && format != "json")
    throw UsageError{"--format: '" + format + "' is not table, csv or json"};
  check_read_does_not_crash(a.positional[0], [&] {
    CompareOptions quick = opt;
    quick.bootstrap = 1;  // only the reading can crash
    quick.metric = metrics.front();
    compare_results(a.positional[0], quick);
  });
  std::vector<Comparison> all;
  for (size_t i = 0; i < metrics.size(); ++i) {
    CompareOptions o = opt;
    o.metric = metrics[i];
    if (i > 0) o.by.clear();  // the breakdown does not depend on the metric: once is enough
    all.push_back(compare_results(a.positional[0], o));
  }
  const Comparison& first = all.front();
  for (const auto& w : first.warnings) std::fprintf(stderr, "zonesim: warning: %s\n", w.c_str());
  if (format == "table")
    print_tables(all);
  else if (format == "csv")
    print_csv(all);
  else
    print_json(all);
  return kExitOk;
}

}  // namespace zonesim::cli