#pragma once
// Private to `zonesim compare` (sweep/compare/): the data read from a result file and the steps that turn it
// into a Comparison, shared between reading (read.cpp), rows, references, ratios and ranks (rows.cpp), the
// province breakdown (provinces.cpp) and sensitivity indices and warnings (sensitivity.cpp).
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "output/h5.hpp"
#include "zonesim/compare.hpp"

namespace zonesim::compare_detail {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
inline constexpr stats::Estimate kNone{kNaN, kNaN, kNaN, kNaN, 0};  // no difference: the reference scheme

// The file's axes and design, and the metric per run.
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

// The time indices a selection covers: [first, last], both -1 for variables without a time axis.
struct Years {
  int first = -1, last = -1;
};

struct Variable {
  std::string name, units, long_name;
  bool summed = false;    // a flow summed over the selected years
  long long groups = 1;   // provinces for --by province, else 1
  std::vector<double> x;  // [(scenario * R + replicate) * groups + group]; NaN where the run is not completed
};

// A row of the comparison: one scenario, or one scheme pooled over its design points; `ref` is the row it
// is compared with (-1: none, itself the reference or without a counterpart).
struct Unit {
  int scenario = -1;
  long long scheme = 0;
  std::string scheme_name, label;
  int ref = -1;
};

// What the rows are compared with: a scheme (at the same design point, or pooled), or one fixed scenario.
struct Reference {
  long long scheme = 0;
  long long scenario = -1;  // >= 0: every row is compared with this scenario
  std::string name;
};

// Whether the options compare rows with each other (rather than only describe them).
inline bool asks_comparison(const CompareOptions& opt) {
  return opt.rank || !opt.per.empty() || !opt.reference.empty();
}

// --- read.cpp ---
h5::Handle open_result(const std::string& path);
long long axis_length(const h5::Context& c, hid_t file, const char* name);
void check_consistent(const std::string& path, const Data& d, size_t values);
double attr_number(const Data& d, const std::string& path, const char* name, double fallback, double lo,
                   double hi);
// Throws InputError naming the variables `flag` could have meant when `name` is not in the file.
void check_variable_name(const h5::Context& c, hid_t file, const std::string& name, const char* flag);
Variable read_variable(const h5::Context& c, hid_t file, const std::string& name, const char* flag,
                       const CompareOptions& opt, const std::vector<long long>& done, long long S,
                       long long R, Comparison& out, Years& years);
Variable read_by_province(const h5::Context& c, hid_t file, const std::string& name,
                          const CompareOptions& opt, const std::vector<long long>& done, long long S,
                          long long R, Comparison& out, Years& years,
                          const std::vector<long long>& province_of, long long P);
Data read_axes(const h5::Context& c, hid_t file);

// --- rows.cpp ---
long long scenario_of(const Data& d, long long scheme, long long point);
Reference resolve_reference(const Data& d, const CompareOptions& opt, bool pooled, const std::string& path);
std::vector<Unit> make_units(const Data& d, bool pooled, const Reference& ref);
std::vector<double> unit_values(const Data& d, const Unit& u, const Variable& v, long long g = 0,
                                bool share = false);
std::vector<double> minus(const std::vector<double>& a, const std::vector<double>& b);
stats::Estimate ratio_of_means(const std::vector<double>& dm, const std::vector<double>& dc, double scale,
                               int bootstrap);
// Whether every scheme is scheme 0: a plain grid, a sampled design of one scheme or a single run.
bool one_scheme(const Data& d);
// Throws InputError when the options ask for a comparison (--rank, --per, --reference) of a single scenario.
void check_comparable(const Data& d, const CompareOptions& opt, const std::string& path);
void rank_rows(const Data& d, const std::vector<Unit>& units, const Variable& v, Comparison& out);
// One row per unit: the metric's mean and its paired difference from the unit's reference.
void add_rows(const Data& d, const std::vector<Unit>& units, const Variable& metric, Comparison& out);
// --per: the paired differences in opt.per and the ratio of the metric's to them, per row.
void add_per(const h5::Context& c, hid_t file, const Data& d, const std::vector<Unit>& units,
             const Variable& metric, const CompareOptions& opt, const std::vector<long long>& done,
             const Years& years, Comparison& out);

// --- provinces.cpp ---
// --by province: reads the zones' provinces and by_variable, and adds the province rows.
void add_provinces(const h5::Context& c, hid_t file, const Data& d, const std::vector<Unit>& units,
                   const CompareOptions& opt, const std::vector<long long>& done, const Years& years,
                   Comparison& out);
void province_rows(const Data& d, const std::vector<Unit>& units, const Variable& v,
                   const std::vector<std::string>& names, const std::vector<std::string>& names_zh,
                   Comparison& out);

// --- sensitivity.cpp ---
void inert_factor_warnings(const h5::Context& c, hid_t file, const Data& d, Comparison& out);
void sensitivity(const Data& d, const CompareOptions& opt, Comparison& out);

}  // namespace zonesim::compare_detail
