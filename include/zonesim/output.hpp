#pragma once
// The result file (HDF5, netCDF-4 compatible; names FIXED by docs/contract.md, documented in docs/output.md).
// One layout for single runs and sweeps: every variable carries the scenario and replicate axes.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "zonesim/run.hpp"
#include "zonesim/scenario.hpp"
#include "zonesim/zones.hpp"

namespace zonesim {

// An extra variable along the scenario axis (sweeps: param_<key>, scheme, design_point ...). Exactly one of
// reals, integers or texts holds one value per scenario.
struct ScenarioVariable {
  std::string name, units, long_name;
  std::vector<double> reals;
  std::vector<long long> integers;
  std::vector<std::string> texts;
};

struct OutputLayout {
  const ZoneTable* table = nullptr;
  std::vector<int> years;                    // time axis
  std::vector<std::string> scenario_labels;  // one per scenario
  std::vector<std::string> scenario_yamls;   // resolved YAML per scenario
  // ... or, when scenario_yamls is empty, a function giving scenario s's (written one at a time, so that a
  // sweep of many scenarios need not hold them all)
  std::function<std::string(std::size_t)> scenario_yaml_at;
  std::vector<std::uint64_t> seeds;  // one per replicate
  int first_replicate = 0;           // the replicate coordinate starts here (zonesim run --replicate R)
  int compression = 4;
  std::string title = "zonesim results";
  std::string command;                               // the command line that made the file
  std::vector<ScenarioVariable> scenario_variables;  // written after scenario_label and scenario_yaml
  std::vector<std::pair<std::string, std::string>> attributes;  // extra root attributes (text)
};

class ResultFile {
 public:
  // Creates the file with every dimension, coordinate and variable (all runs marked not completed).
  static ResultFile create(const std::string& path, const OutputLayout& layout);
  ResultFile(ResultFile&&) noexcept;
  ResultFile& operator=(ResultFile&&) noexcept;
  ~ResultFile();
  // Writes one run's data into its (scenario, replicate) slot, then marks it completed; `flush` pushes it to
  // disk at once (a sweep assembling a file it renames into place at the end does not need that).
  void write_run(int scenario, int replicate, const RunResult& result, bool flush = true);
  void flush();
  void close();

 private:
  struct Impl;
  explicit ResultFile(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Writes OUT through a temporary file beside it, renamed over OUT only once complete: an interrupted or
// failed write never leaves a file at OUT. SIGINT/SIGTERM remove the temporary file.
class AtomicOutput {
 public:
  explicit AtomicOutput(std::string final_path);
  ~AtomicOutput();  // removes the temporary file unless commit() succeeded
  const std::string& temp_path() const { return temp_; }
  void commit();

 private:
  std::string final_, temp_;
  bool committed_ = false;
};

// Checks before any work that OUT can be written: its directory exists and is writable, OUT is not a
// directory.
void check_output_path(const std::string& path);

// Summary of a result file for `zonesim info`. Throws InputError when the file is not a zonesim result.
std::string describe_result_file(const std::string& path);

}  // namespace zonesim
