#pragma once
// Tidy CSV tables from a result file, for R, Stata, Excel and SQL users (zonesim export; docs/export.md).
// One table per group of variables that share their axes, one row per (scenario, replicate, ...) of a
// completed run, one column per variable; the axes' tables (zones, scenarios, sectors, ...) and a codebook of
// every column's units and meaning beside them.
#include <string>
#include <vector>

namespace zonesim {

struct ExportOptions {
  std::string input;                   // a zonesim result file (run or sweep)
  std::string directory;               // where the tables go (created if missing)
  std::vector<std::string> variables;  // only these (and the axes' tables); empty: every variable
  bool units_in_header = true;         // "gdp [1e8 CNY]" rather than "gdp"
  bool dry = false;                    // read everything, write nothing (a trial read of an untrusted file)
};

struct ExportTable {
  std::string file;  // path of the CSV written
  long long rows = 0, columns = 0;
};

// Writes the tables (each to a temporary name renamed into place) and returns them in writing order.
// InputError for a file that is not a zonesim result or an unknown variable name (with "did you mean").
std::vector<ExportTable> export_csv(const ExportOptions& options);

}  // namespace zonesim
