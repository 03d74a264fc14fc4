// zonesim export OUT.h5 [--format csv] [--vars a,b,...] [-o DIR] [--plain-header]: tidy CSV tables for R, Stata
// and Excel (sweep/export.cpp; docs/export.md).
#include <cstdio>
#include <filesystem>

#include "cli.hpp"
#include "zonesim/export.hpp"
#include "zonesim/isolate.hpp"

namespace zonesim::cli {

namespace {

constexpr const char* kHelp =
    "usage: zonesim export OUT.h5 [--format csv] [--vars NAME,...] [-o DIR] [--plain-header] [-q]\n"
    "\n"
    "Write a result file (run or sweep) as tidy CSV tables into DIR: one table per group of variables "
    "sharing\n"
    "their axes (by_run.csv, by_year.csv, by_year_zone.csv, by_year_sector.csv), one row per completed run "
    "and\n"
    "place on those axes, one column per variable; the axes' tables (zones.csv, scenarios.csv, ...) and the\n"
    "codebook variables.csv (every column's units and meaning). UTF-8, comma-separated, a missing value is "
    "an\n"
    "empty field. docs/export.md shows how to read them in R, Stata and Excel.\n"
    "\n"
    "options:\n"
    "  -o, --output DIR  directory of the tables (default: OUT_csv beside OUT.h5); created if missing, "
    "tables\n"
    "                    of the same names in it are replaced, nothing else in it is touched\n"
    "  --format csv      the format (csv, the only one)\n"
    "  --vars NAME,...   only these variables (and the axes' tables)\n"
    "  --plain-header    column names without units (\"gdp\" rather than \"gdp [1e8 CNY]\")\n"
    "  -q, --quiet       print nothing but errors\n"
    "  -h, --help        show this help\n";

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : s) {
    if (ch == ',') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else if (ch != ' ') {
      cur += ch;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

}  // namespace

int cmd_export(const std::vector<std::string>& argv) {
  const Args a = parse(argv, {{"output", 'o', true},
                              {"format", 0, true},
                              {"vars", 0, true, true},
                              {"plain-header", 0},
                              {"quiet", 'q'},
                              {"help", 'h'}});
  if (a.has("help")) {
    std::fputs(kHelp, stdout);
    return kExitOk;
  }
  if (a.positional.size() != 1)
    throw UsageError{"export: expected one result file (see zonesim export --help)"};
  const std::string format = a.get("format", "csv");
  if (format != "csv")
    throw UsageError{"export: --format " + format + ": unknown format (the one format is csv)"};
  ExportOptions opt;
  opt.input = a.positional[0];
  if (a.has("output")) {
    opt.directory = a.get("output");
  } else {
    const std::filesystem::path p(opt.input);
    opt.directory = (p.parent_path() / (p.stem().string() + "_csv")).string();
  }
  for (const auto& v : a.options.count("vars") ? a.options.at("vars") : std::vector<std::string>{})
    for (const auto& name : split_commas(v)) opt.variables.push_back(name);
  opt.units_in_header = !a.has("plain-header");
  ExportOptions trial = opt;  // a damaged file crashes a child reading it, not zonesim
  trial.dry = true;
  check_read_does_not_crash(opt.input, [&] { export_csv(trial); });
  const std::vector<ExportTable> tables = export_csv(opt);
  if (!a.has("quiet"))
    for (const auto& t : tables)
      std::fprintf(stderr, "zonesim export: %s: %lld rows x %lld columns\n", t.file.c_str(), t.rows,
                   t.columns);
  return kExitOk;
}

}  // namespace zonesim::cli
