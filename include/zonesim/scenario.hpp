#pragma once
// The validated description of one run. YAML is parsed once into these plain structs (engine/scenario_load.cpp);
// the world and the models read only these. Every field's default, range, unit and help text are declared in one
// table (engine/schema.cpp), from which docs/parameters.md is generated (`zonesim params --markdown`).
#include <cstdint>
#include <string>
#include <vector>

namespace zonesim {

struct TimeSpec {
  int start = 0;  // calendar year of the initial state
  int end = 0;    // last simulated year (one step per year)
};

struct ZonesSpec {
  int year = 0;       // 2019 -> the 169 zones of 2019; 2024 -> all 178
  std::string table;  // path of the zone table (CSV), resolved against the file that set it
  double max_density = 0;                 // persons per km2 of zone land at full occupancy
  double initial_patent_stock_years = 0;  // initial patent stock in years of the initial flow
};

struct EnterpriseSpec {
  std::int64_t count = 0;             // simulated enterprises (agents), shared out over zones
  double size_sigma = 0;              // log-s.d. of enterprise employment within a zone
  double productivity_sigma = 0;      // log-s.d. of enterprise productivity within a zone
  double rnd_intensity_median = 0;    // median R&D spending / output
  double rnd_intensity_sigma = 0;     // log-s.d. of R&D intensity
  double hightech_rnd_threshold = 0;  // R&D intensity at or above which a firm is high-tech
  double digital_share = 0;           // share of enterprises in the digital sector
};

struct MetricsSpec {
  int top_k = 0;
  double esteban_ray_alpha = 0;
};

struct OutputSpec {
  int compression = 0;  // deflate level 0-9
};

struct ScenarioSpec {
  std::string title;
  std::uint64_t seed = 0;
  TimeSpec time;
  ZonesSpec zones;
  EnterpriseSpec enterprises;
  MetricsSpec metrics;
  OutputSpec output;

  std::string source;         // the scenario file ("" when built in code)
  std::string resolved_yaml;  // defaults + extends + --set, every key, as stored in the output
  int years() const { return time.end - time.start; }
};

// One `--set key.path=value` from the command line.
struct Override {
  std::string key_path;
  std::string value;  // YAML text
};

// Load, merge (`extends:`), override and validate. Throws ScenarioError listing every problem found.
ScenarioSpec load_scenario(const std::string& path, const std::vector<Override>& overrides = {});
// Parse "a.b.c=value" as given to --set; throws InputError when there is no '='.
Override parse_override(const std::string& text);
// The defaults alone (as if from an empty file), for tests and tools.
ScenarioSpec default_scenario();

// Field declarations, for documentation and "did you mean".
struct FieldInfo {
  std::string path, type, default_text, range, unit, help;
};
std::vector<FieldInfo> scenario_fields();
std::string parameters_markdown();

// The zone table shipped with zonesim (data/zones.csv): $ZONESIM_DATA_DIR, else the source tree's data/.
std::string default_zone_table();

}  // namespace zonesim
