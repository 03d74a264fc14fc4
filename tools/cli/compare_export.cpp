// The machine-readable output of `zonesim compare`: one tidy CSV table and one JSON document, numbers as the
// shortest text that reads back as the same double.
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "compare_output.hpp"

namespace zonesim::cli {
namespace {

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

}  // namespace

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

void print_csv(const std::vector<Comparison>& all) {
  std::fputs(kCsvHeader, stdout);
  for (size_t i = 0; i < all.size(); ++i) print_csv(all[i], i == 0 && !all.front().by_variable.empty());
}

}  // namespace zonesim::cli
