#pragma once
// Shared by the tests: temporary directories and files, the shipped zone table, the GDP metrics of a year and
// paired differences over replicates.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "zonesim/model/statistics.hpp"
#include "zonesim/scenario.hpp"

namespace zonesim::test {

// A fresh directory under the system temp dir, removed when the object goes out of scope.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("zonesim-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string file(const std::string& name, const std::string& text) const {
    const auto p = path_ / name;
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
  std::string path(const std::string& name = "") const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline std::string repo(const std::string& rel) { return std::string(ZONESIM_SOURCE_DIR) + "/" + rel; }

// The inequality metrics of zone GDP in a year's statistics (kMetricVars: gdp, patents, firms).
static_assert(kMetricVars[0] == ZoneVar::gdp);
inline const metrics::MetricSet& gdp_metrics(const YearStats& s) { return s.metric[0]; }

// Paired differences d_r = scheme[r] - base[r] of one outcome over replicates run with common random numbers
// (replicate r of both arms with the same RunKey): their mean, standard error (sample standard deviation over
// sqrt(n)) and count. An effect test asserts its sign with the interval, e.g. CHECK(d.mean + 3 * d.se < 0).
struct Paired {
  double mean = 0, se = 0;
  int n = 0;
};

inline Paired paired(const std::vector<double>& scheme, const std::vector<double>& base) {
  if (scheme.size() != base.size() || scheme.size() < 2)
    throw std::invalid_argument("paired: two arms of the same size, at least 2 replicates");
  const auto n = static_cast<double>(scheme.size());
  double mean = 0;
  for (std::size_t r = 0; r < scheme.size(); ++r) mean += scheme[r] - base[r];
  mean /= n;
  double ss = 0;
  for (std::size_t r = 0; r < scheme.size(); ++r)
    ss += (scheme[r] - base[r] - mean) * (scheme[r] - base[r] - mean);
  return {mean, std::sqrt(ss / (n - 1) / n), static_cast<int>(scheme.size())};
}

// For INFO and CAPTURE: "mean +- se (n = ...)".
inline std::ostream& operator<<(std::ostream& o, const Paired& p) {
  return o << p.mean << " +- " << p.se << " (n = " << p.n << ")";
}

}  // namespace zonesim::test
