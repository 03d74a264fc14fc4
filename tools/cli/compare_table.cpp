// The table of `zonesim compare`: notes on what was computed, rows aligned by display width (CJK characters
// count two), shares in percentage points, indices, and the province table.
#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "compare_output.hpp"

namespace zonesim::cli {
namespace {

std::string num(double v) {
  if (!std::isfinite(v)) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

// Machine-readable formats carry the shortest text that reads back as exactly the value.

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

}  // namespace

void print_tables(const std::vector<Comparison>& all) {
  const size_t width = label_width(all);
  for (size_t i = 0; i < all.size(); ++i) {
    if (i) std::printf("\n");
    print_table(all[i], width);
  }
  if (!all.front().by_variable.empty()) print_province_table(all.front());
}

}  // namespace zonesim::cli
