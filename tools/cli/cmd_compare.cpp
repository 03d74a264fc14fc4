// zonesim compare OUT.h5 [--metric top10_share_gdp] [--year YEAR] [--format table|csv|json] [--bootstrap N]
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <tuple>

#include "cli.hpp"
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
  std::string when = c.year == 0 ? " over the horizon"
                     : c.summed  ? " summed over " + std::to_string(c.from) + "-" + std::to_string(c.year)
                     : c.from    ? " in " + std::to_string(c.year) + " (a level: not summed)"
                                 : " in " + std::to_string(c.year);
  return c.metric + (c.long_name.empty() ? "" : " (" + c.long_name + ")") + when + ", " +
         (c.percentage_points ? "percentage points" : "units " + c.units);
}

// Terminal columns of `s`: CJK characters (three- and four-byte UTF-8 sequences) take two.
size_t display_width(const std::string& s) {
  size_t columns = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if ((b & 0xC0) == 0x80) continue;  // a continuation byte
    columns += b >= 0xE0 ? 2 : 1;
  }
  return columns;
}

// `s` padded with spaces to `width` terminal columns (printf's %-*s counts bytes, not columns).
std::string padded(const std::string& s, size_t width) {
  const size_t columns = display_width(s);
  return s + std::string(width > columns ? width - columns : 0, ' ');
}

// The label column's width in terminal columns: the widest label of every metric's rows (at least "label"),
// so that every table of the output lines up.
size_t label_width(const std::vector<Comparison>& all) {
  size_t width = 5;
  for (const auto& c : all)
    for (const auto& r : c.rows) width = std::max(width, display_width(r.label));
  return width;
}

std::string fixed(double v, int decimals) {
  if (!std::isfinite(v)) return "";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

// Table cells in the display unit: percentage points for shares.
std::string shown(const Comparison& c, double v) { return num(c.percentage_points ? 100 * v : v); }
std::string shown(const Comparison& c, const stats::Estimate& e) {
  if (!std::isfinite(e.low)) return "n/a";
  std::string out = "[";
  out += shown(c, e.low);
  out += ", ";
  out += shown(c, e.high);
  return out + "]";
}

std::string per_heading(const Comparison& c) {
  char scale[32];
  std::snprintf(scale, sizeof scale, "%g", c.per_scale);
  return "per " + std::string(scale) + " " + c.per_units;
}

// What the table's numbers are: the heading, the pairing, the ratio and the rank.
void print_notes(const Comparison& c) {
  std::printf(
      "%s\n%d replicate%s; differences from the reference '%s' are paired by replicate (common\n"
      "random numbers), with 95%% t intervals across replicates.%s\n",
      heading(c).c_str(), c.replicates, c.replicates == 1 ? "" : "s", c.reference.c_str(),
      c.pooled ? "\nEach scheme's value is its mean over the design points." : "");
  if (!c.per.empty()) {
    const std::string unit = c.percentage_points ? "percentage points" : c.units;
    const std::string years =
        c.per_summed ? " summed over " + std::to_string(c.per_from) + "-" + std::to_string(c.year) : "";
    std::printf(
        "d(%s): each row's paired difference in %s%s\n(%s; negative: a saving). "
        "ratio: the metric's paired difference in %s\n%s of d(%s): the ratio of the mean paired "
        "differences, with a 95%% percentile\nbootstrap interval over replicates resampled in pairs (%d "
        "resamples). Where d(%s) is negative\nthe ratio's sign is reversed: read the two together.\n",
        c.per.c_str(), c.per.c_str(), years.c_str(), c.per_units.c_str(), unit.c_str(),
        per_heading(c).c_str(), c.per.c_str(), c.bootstrap, c.per.c_str());
  }
  if (c.rows.front().rank)
    std::printf("rank: by mean, %s is better; P(best): share of replicates in which the row is best.\n",
                c.better.c_str());
  std::printf("\n");
}

// Prints `lines` (the heading first) in columns: each as wide as its widest cell in terminal columns and at
// least `least[k]`, the first `left` left-aligned and the rest (numbers) right-aligned, so that a long label
// or interval moves no other cell.
void print_columns(const std::vector<std::vector<std::string>>& lines, std::vector<size_t> least,
                   size_t left) {
  for (const auto& line : lines)
    for (size_t k = 0; k < line.size(); ++k) least[k] = std::max(least[k], display_width(line[k]));
  for (const auto& line : lines) {
    std::string out;
    for (size_t k = 0; k < line.size(); ++k) {
      if (k) out += ' ';
      const std::string pad(least[k] - display_width(line[k]), ' ');
      out += k < left ? line[k] + pad : pad + line[k];
    }
    std::printf("%s\n", out.c_str());
  }
}

// One line per row, the label column `label_width` terminal columns wide.
void print_rows(const Comparison& c, size_t label_width) {
  const bool per = !c.per.empty(), rank = c.rows.front().rank != 0;
  std::vector<std::vector<std::string>> lines{
      {"scenario", c.pooled ? "scheme" : "label", "mean", "95% CI", "difference", "95% CI", "n"}};
  std::vector<size_t> least{8, label_width, 12, 24, 12, 26, 4};
  if (per) {
    lines[0].insert(lines[0].end(), {"d(" + c.per + ")", "ratio", "95% CI"});
    least.insert(least.end(), {std::max<size_t>(12, c.per.size() + 3), 12, 26});
  }
  if (rank) {
    lines[0].insert(lines[0].end(), {"rank", "P(best)"});
    least.insert(least.end(), {4, 7});
  }
  for (const auto& r : c.rows) {
    const bool ref = r.difference.n == 0;
    std::vector<std::string> line{r.scenario < 0 ? "-" : std::to_string(r.scenario),
                                  r.label,
                                  shown(c, r.mean.value),
                                  shown(c, r.mean),
                                  ref ? "(reference)" : shown(c, r.difference.value),
                                  ref ? "" : shown(c, r.difference),
                                  std::to_string(ref ? r.mean.n : r.difference.n)};
    if (per)
      line.insert(line.end(), {ref ? "" : num(r.per.difference.value), ref ? "" : shown(c, r.per.ratio.value),
                               ref ? "" : shown(c, r.per.ratio)});
    if (rank) line.insert(line.end(), {std::to_string(r.rank), num(r.p_best)});
    lines.push_back(std::move(line));
  }
  print_columns(lines, least, 2);
}

// Sobol' and Morris indices of the design's factors, per scheme.
void print_indices(const Comparison& c) {
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

void print_table(const Comparison& c, size_t label_width) {
  print_notes(c);
  print_rows(c, label_width);
  print_indices(c);
}

// Provinces as rows; the reference's value and share, then each other row's paired change of share.
void print_province_table(const Comparison& c) {
  std::vector<std::string> labels;
  for (const auto& r : c.rows)
    if (r.difference.n > 0) labels.push_back(r.label);
  const std::string when = c.by_from
                               ? " summed over " + std::to_string(c.by_from) + "-" + std::to_string(c.year)
                               : " in " + std::to_string(c.year);
  std::printf(
      "\nBy province: %s%s (%s), the reference '%s' and each row's paired change of the province's\n"
      "share of all zones in percentage points; * where the 95%% t interval excludes 0.\n\n",
      c.by_variable.c_str(), when.c_str(), c.by_units.c_str(), c.reference.c_str());
  std::printf("%-16s %-8s %12s %8s", "province", "", "reference", "share");
  for (const auto& l : labels) std::printf(" %12s", l.substr(0, 12).c_str());
  std::printf("\n");
  std::map<std::string, std::vector<const ProvinceRow*>> by;
  std::vector<std::string> order;
  for (const auto& p : c.provinces) {
    if (!by.count(p.province)) order.push_back(p.province);
    by[p.province].push_back(&p);
  }
  for (const auto& name : order) {
    const auto& rows = by[name];
    const ProvinceRow* ref = nullptr;
    for (const auto* p : rows)
      if (p->difference.n == 0) ref = p;
    std::printf("%-16s %s %12s %8s", name.c_str(), padded(rows.front()->province_zh, 8).c_str(),
                ref ? fixed(ref->value.value, 1).c_str() : "",
                ref ? fixed(100 * ref->share.value, 3).c_str() : "");
    for (const auto* p : rows) {
      if (p->difference.n == 0) continue;
      const auto& e = p->share_difference;
      const bool sure = std::isfinite(e.low) && (e.low > 0 || e.high < 0);
      std::printf(" %11s%s", fixed(100 * e.value, 3).c_str(), sure ? "*" : " ");
    }
    std::printf("\n");
  }
}

const char* kCsvHeader =
    "analysis,metric,year,scheme,scenario,label,factor,statistic,value,ci_low,ci_high,n,"
    "province,from_year\n";

void print_csv(const Comparison& c, bool with_provinces) {
  const std::string head = csv_text(c.metric) + "," + (c.year ? std::to_string(c.year) : "");
  const std::string from = c.summed ? std::to_string(c.from) : "";
  auto row = [&](const char* analysis, const std::string& scheme, const std::string& scen,
                 const std::string& label, const std::string& factor, const char* stat,
                 const stats::Estimate& e, const std::string& province = "", const std::string* h = nullptr,
                 const std::string* f = nullptr) {
    std::printf("%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%d,%s,%s\n", analysis, (h ? *h : head).c_str(),
                csv_text(scheme).c_str(), scen.c_str(), csv_text(label).c_str(), csv_text(factor).c_str(),
                stat, exact(e.value).c_str(), exact(e.low).c_str(), exact(e.high).c_str(), e.n,
                csv_text(province).c_str(), (f ? *f : from).c_str());
  };
  for (const auto& r : c.rows) {
    const std::string scen = r.scenario < 0 ? "" : std::to_string(r.scenario);
    row("comparison", r.scheme_name, scen, r.label, "", "mean", r.mean);
    if (r.difference.n > 0) row("comparison", r.scheme_name, scen, r.label, "", "difference", r.difference);
    if (r.per.ratio.n > 0) {
      row("comparison", r.scheme_name, scen, r.label, c.per, "per_difference", r.per.difference);
      row("comparison", r.scheme_name, scen, r.label, c.per, "ratio", r.per.ratio);
    }
    if (r.rank) {
      row("comparison", r.scheme_name, scen, r.label, "", "rank", {double(r.rank), NAN, NAN, NAN, r.mean.n});
      row("comparison", r.scheme_name, scen, r.label, "", "p_best", {r.p_best, NAN, NAN, NAN, r.mean.n});
    }
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
  if (!with_provinces) return;
  const std::string ph = csv_text(c.by_variable) + "," + std::to_string(c.year);
  const std::string pf = c.by_from ? std::to_string(c.by_from) : "";
  for (const auto& p : c.provinces) {
    const std::string scen = p.scenario < 0 ? "" : std::to_string(p.scenario);
    row("province", p.scheme_name, scen, p.label, "", "value", p.value, p.province, &ph, &pf);
    row("province", p.scheme_name, scen, p.label, "", "share", p.share, p.province, &ph, &pf);
    if (p.difference.n > 0) {
      row("province", p.scheme_name, scen, p.label, "", "difference", p.difference, p.province, &ph, &pf);
      row("province", p.scheme_name, scen, p.label, "", "share_difference", p.share_difference, p.province,
          &ph, &pf);
    }
  }
}

std::string json_estimate(const char* name, const stats::Estimate& e) {
  if (e.n == 0) return std::string("\"") + name + "\": null, \"" + name + "_ci\": null";
  return std::string("\"") + name + "\": " + json_num(e.value) + ", \"" + name + "_ci\": [" +
         json_num(e.low) + ", " + json_num(e.high) + "]";
}

// One metric's fields (without braces): also the top level of the document, for the first metric.
std::string json_comparison(const Comparison& c) {
  std::string out;
  auto add = [&](const std::string& s) { out += s; };
  add("\"metric\": " + json_text(c.metric) + ", \"long_name\": " + json_text(c.long_name) + ", \"units\": " +
      json_text(c.units) + ", \"percentage_points\": " + (c.percentage_points ? "true" : "false") +
      ", \"year\": " + (c.year ? std::to_string(c.year) : "null") + ", \"years\": " +
      (c.summed ? "[" + std::to_string(c.from) + ", " + std::to_string(c.year) + "]" : "null") +
      ", \"statistic\": " + (c.summed ? "\"sum\"" : "\"value\"") + ", \"design\": " + json_text(c.design) +
      ", \"reference\": " + json_text(c.reference) + ", \"replicates\": " + std::to_string(c.replicates) +
      ", \"pooled\": " + (c.pooled ? "true" : "false") +
      ", \"better\": " + (c.better.empty() ? "null" : json_text(c.better)) + ",\n \"comparison\": [");
  for (size_t i = 0; i < c.rows.size(); ++i) {
    const auto& r = c.rows[i];
    std::string per = "null";
    if (r.per.ratio.n) {
      per = "{";
      per += json_estimate("difference", r.per.difference);
      per += ", ";
      per += json_estimate("ratio", r.per.ratio);
      per += "}";
    }
    add(std::string(i ? "," : "") +
        "\n  {\"scenario\": " + (r.scenario < 0 ? "null" : std::to_string(r.scenario)) +
        ", \"scheme\": " + json_text(r.scheme_name) + ", \"label\": " + json_text(r.label) + ", " +
        json_estimate("mean", r.mean) + ", \"n\": " + std::to_string(r.mean.n) + ", " +
        json_estimate("difference", r.difference) + ", \"pairs\": " + std::to_string(r.difference.n) +
        ", \"per\": " + per + ", \"rank\": " + (r.rank ? std::to_string(r.rank) : "null") +
        ", \"p_best\": " + (r.rank ? json_num(r.p_best) : "null") + "}");
  }
  add("],\n \"sobol\": [");
  for (size_t i = 0; i < c.sobol.size(); ++i)
    add(std::string(i ? "," : "") + "\n  {\"scheme\": " + json_text(c.sobol[i].scheme) +
        ", \"factor\": " + json_text(c.sobol[i].factor) + ", " +
        json_estimate("S1", c.sobol[i].indices.first) + ", " + json_estimate("ST", c.sobol[i].indices.total) +
        ", \"n\": " + std::to_string(c.sobol[i].indices.first.n) + "}");
  add("],\n \"morris\": [");
  for (size_t i = 0; i < c.morris.size(); ++i)
    add(std::string(i ? "," : "") + "\n  {\"scheme\": " + json_text(c.morris[i].scheme) + ", \"factor\": " +
        json_text(c.morris[i].factor) + ", " + json_estimate("mu_star", c.morris[i].indices.mu_star) +
        ", \"mu\": " + json_num(c.morris[i].indices.mu) +
        ", \"sigma\": " + json_num(c.morris[i].indices.sigma) +
        ", \"n\": " + std::to_string(c.morris[i].indices.mu_star.n) + "}");
  add("]");
  return out;
}

void print_json(const std::vector<Comparison>& all) {
  const Comparison& c = all.front();
  std::string doc = "{\"file\": " + json_text(c.file) + ", " + json_comparison(c) + ",\n \"comparisons\": [";
  for (size_t i = 0; i < all.size(); ++i)
    doc += std::string(i ? ",\n" : "\n") + "{" + json_comparison(all[i]) + "}";
  doc += "],\n \"per\": ";
  if (c.per.empty())
    doc += "null";
  else
    doc += "{\"variable\": " + json_text(c.per) + ", \"units\": " + json_text(c.per_units) +
           ", \"scale\": " + json_num(c.per_scale) +
           ", \"statistic\": " + (c.per_summed ? "\"sum\"" : "\"value\"") + ", \"years\": " +
           (c.per_summed ? "[" + std::to_string(c.per_from) + ", " + std::to_string(c.year) + "]"
                         : std::string("null")) +
           "}";
  doc += ",\n \"province\": ";
  if (c.by_variable.empty()) {
    doc += "null";
  } else {
    doc += "{\"variable\": " + json_text(c.by_variable) + ", \"units\": " + json_text(c.by_units) +
           ", \"year\": " + std::to_string(c.year) + ", \"years\": " +
           (c.by_from ? "[" + std::to_string(c.by_from) + ", " + std::to_string(c.year) + "]"
                      : std::string("null")) +
           ", \"rows\": [";
    for (size_t i = 0; i < c.provinces.size(); ++i) {
      const auto& p = c.provinces[i];
      doc += std::string(i ? "," : "") + "\n  {\"province\": " + json_text(p.province) +
             ", \"province_zh\": " + json_text(p.province_zh) +
             ", \"scenario\": " + (p.scenario < 0 ? "null" : std::to_string(p.scenario)) +
             ", \"scheme\": " + json_text(p.scheme_name) + ", \"label\": " + json_text(p.label) + ", " +
             json_estimate("value", p.value) + ", " + json_estimate("share", p.share) + ", " +
             json_estimate("difference", p.difference) + ", " +
             json_estimate("share_difference", p.share_difference) +
             ", \"pairs\": " + std::to_string(p.difference.n) + "}";
    }
    doc += "]}";
  }
  doc += ",\n \"warnings\": [";
  for (size_t i = 0; i < c.warnings.size(); ++i) doc += (i ? ", " : "") + json_text(c.warnings[i]);
  doc += "]}\n";
  std::fputs(doc.c_str(), stdout);
}

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
  if (format == "table") {
    const size_t width = label_width(all);
    for (size_t i = 0; i < all.size(); ++i) {
      if (i) std::printf("\n");
      print_table(all[i], width);
    }
    if (!first.by_variable.empty()) print_province_table(first);
  } else if (format == "csv") {
    std::fputs(kCsvHeader, stdout);
    for (size_t i = 0; i < all.size(); ++i) print_csv(all[i], i == 0 && !first.by_variable.empty());
  } else {
    print_json(all);
  }
  return kExitOk;
}

}  // namespace zonesim::cli
