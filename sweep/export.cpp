// zonesim export: a result file as tidy CSV tables (docs/export.md). The variables with axes (scenario,
// replicate, ...) are grouped by their remaining axes: by_run.csv (none), by_year.csv (time), by_year_zone.csv
// (time, zone), by_year_sector.csv (time, sector), and so on for any other axes. Each row is one completed run
// at one place on those axes, led by the identifying columns (scenario, its label and scheme, replicate, then
// the value of each axis and its name where the file has one), one column per variable. Variables on a single
// axis make that axis's table (zones.csv, scenarios.csv, ...); variables.csv is the codebook. Runs are read one
// at a time (a (scenario, replicate) slab of each variable), so memory stays small whatever the sweep's size.
#include "zonesim/export.hpp"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

#include "compare/internal.hpp"
#include "sweep_internal.hpp"

namespace fs = std::filesystem;

namespace zonesim {
namespace {

struct Column {
  std::string name, units, long_name;
  bool integer = false;
};

// A CSV field: quoted when it holds a separator, a quote or a line break (RFC 4180).
std::string field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) {
    if (c == '"') q += '"';
    q += c;
  }
  q += '"';
  return q;
}

// The shortest text that reads back to the same double; empty for a missing value (NA in R, . in Stata).
std::string number(double x) {
  if (!std::isfinite(x)) return "";
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, r.ptr);
}

std::string header(const Column& c, bool units) {
  if (!units || c.units.empty() || c.units == "1") return field(c.name);
  std::string h = c.name;
  h += " [";
  h += c.units;
  h += "]";
  return field(h);
}

// The file's dimension names of a dataset, from its netCDF-4 dimension scales ("" where one has none).
std::vector<std::string> axes_of(const h5::Context& c, hid_t file, const std::string& name) {
  h5::Handle ds(c.check(H5Dopen2(file, name.c_str(), H5P_DEFAULT), "open " + name), H5Dclose);
  const auto shape = h5::shape_of(c, file, name);
  std::vector<std::string> axes(shape.size());
  for (unsigned k = 0; k < shape.size(); ++k) {
    std::string found;
    H5DSiterate_scales(
        ds, k, nullptr,
        [](hid_t, unsigned, hid_t scale, void* out) -> herr_t {
          char buf[256] = {};
          if (H5Iget_name(scale, buf, sizeof buf) > 0) *static_cast<std::string*>(out) = buf + 1;  // drop "/"
          return 1;
        },
        &found);
    axes[k] = found;
  }
  return axes;
}

Column column_of(const h5::Context& c, hid_t file, const std::string& name) {
  h5::Handle ds(c.check(H5Dopen2(file, name.c_str(), H5P_DEFAULT), "open " + name), H5Dclose);
  Column col;
  col.name = name;
  if (h5::has_attr(ds, "units")) col.units = h5::get_string_attr(c, ds, "units");
  if (h5::has_attr(ds, "long_name")) col.long_name = h5::get_string_attr(c, ds, "long_name");
  h5::Handle type(H5Dget_type(ds), H5Tclose);
  col.integer = H5Tget_class(type) == H5T_INTEGER;
  return col;
}

// One (scenario, replicate) slab of a variable with those leading axes, as doubles.
std::vector<double> read_run(const h5::Context& c, hid_t file, const std::string& name, long long s,
                             long long r, size_t count) {
  h5::Handle ds(c.check(H5Dopen2(file, name.c_str(), H5P_DEFAULT), "open " + name), H5Dclose);
  h5::Handle space(c.check(H5Dget_space(ds), "dataspace of " + name), H5Sclose);
  const int rank = H5Sget_simple_extent_ndims(space);
  std::vector<hsize_t> dims(static_cast<size_t>(rank)), start(dims.size(), 0), block(dims.size(), 1);
  H5Sget_simple_extent_dims(space, dims.data(), nullptr);
  start[0] = static_cast<hsize_t>(s), start[1] = static_cast<hsize_t>(r);
  for (size_t k = 2; k < dims.size(); ++k) block[k] = dims[k];
  c.ok(H5Sselect_hyperslab(space, H5S_SELECT_SET, start.data(), nullptr, block.data(), nullptr),
       "select a run of " + name);
  h5::Handle mem(H5Screate_simple(1, std::vector<hsize_t>{count}.data(), nullptr), H5Sclose);
  std::vector<double> out(count);
  c.ok(H5Dread(ds, H5T_NATIVE_DOUBLE, mem, space, H5P_DEFAULT, out.data()), "read " + name);
  return out;
}

// Writes a table through a temporary file in the same directory, renamed into place when complete.
class Table {
 public:
  // `dry`: read everything, write nothing (the trial read of a possibly damaged file).
  Table(const std::string& dir, const std::string& name, bool dry)
      : path_((fs::path(dir) / name).string()), dry_(dry) {
    temp_ = (fs::path(dir) / ("." + name + ".tmp-" + std::to_string(::getpid()))).string();
    if (dry_) return;
    out_.open(temp_, std::ios::binary | std::ios::trunc);
    if (!out_) throw OutputError(temp_ + ": cannot write");
  }
  ~Table() {
    if (!done_ && !dry_) {
      std::error_code ec;
      fs::remove(temp_, ec);
    }
  }
  Table(const Table&) = delete;
  Table& operator=(const Table&) = delete;
  void row(const std::vector<std::string>& fields) {
    ++rows_;
    if (dry_) return;
    for (size_t k = 0; k < fields.size(); ++k) {
      if (k) out_ << ',';
      out_ << fields[k];
    }
    out_ << '\n';
  }
  ExportTable commit(long long columns) {
    if (dry_) return {path_, rows_ - 1, columns};
    out_.close();
    if (!out_) throw OutputError(temp_ + ": write failed (disk full?)");
    std::error_code ec;
    fs::rename(temp_, path_, ec);
    if (ec) throw OutputError(path_ + ": cannot rename into place: " + ec.message());
    done_ = true;
    return {path_, rows_ - 1, columns};
  }

 private:
  std::string path_, temp_;
  std::ofstream out_;
  long long rows_ = 0;
  bool dry_ = false, done_ = false;
};

std::string column_name(const std::string& axis) { return axis == "time" ? "year" : axis; }

}  // namespace

std::vector<ExportTable> export_csv(const ExportOptions& opt) {
  h5::Handle file = compare_detail::open_result(opt.input);
  const h5::Context c{opt.input, true};
  const long long S = compare_detail::axis_length(c, file, "scenario");
  const long long R = compare_detail::axis_length(c, file, "replicate");
  const std::vector<long long> completed = h5::read_integers(c, file, "completed");
  if (static_cast<long long>(completed.size()) != S * R)
    throw InputError(opt.input + ": completed does not match the scenario and replicate axes (damaged?)");
  const std::vector<std::string> names = h5::dataset_names(file);

  // Sort the datasets: axes, run variables grouped by their remaining axes, single-axis variables.
  std::map<std::string, long long> axis_length;  // the dimension scales
  for (const auto& n : names) {
    h5::Handle ds(c.check(H5Dopen2(file, n.c_str(), H5P_DEFAULT), "open " + n), H5Dclose);
    const auto shape = h5::shape_of(c, file, n);
    if (H5DSis_scale(ds) > 0 && shape.size() == 1) axis_length[n] = static_cast<long long>(shape[0]);
  }
  const auto is_axis = [&](const std::string& n) { return axis_length.count(n) > 0; };
  std::map<std::vector<std::string>, std::vector<std::string>> groups;  // remaining axes -> variables
  std::map<std::string, std::vector<std::string>> per_axis;             // axis -> its variables
  std::vector<std::string> selectable;
  for (const auto& n : names) {
    if (is_axis(n) || n == "completed" || n == "scenario_yaml") continue;
    const auto axes = axes_of(c, file, n);
    if (std::any_of(axes.begin(), axes.end(), [](const std::string& a) { return a.empty(); })) continue;
    if (axes.size() >= 2 && axes[0] == "scenario" && axes[1] == "replicate") {
      groups[std::vector<std::string>(axes.begin() + 2, axes.end())].push_back(n);
      selectable.push_back(n);
    } else if (axes.size() == 1) {
      per_axis[axes[0]].push_back(n);
    }
  }
  std::vector<std::string> wanted = opt.variables;
  for (const auto& v : wanted)
    if (std::find(selectable.begin(), selectable.end(), v) == selectable.end()) {
      const std::string msg = detail::unknown_key(v, selectable);  // "unknown key (did you mean 'x'?); ..."
      std::string text = "--vars ";
      text += v;
      text += ": no such variable with axes (scenario, replicate, ...) in ";
      text += opt.input;
      text += msg.substr(11, msg.find(';') - 11);
      text += "; `zonesim info ";
      text += opt.input;
      text += "` lists them";
      throw InputError(text);
    }

  std::error_code ec;
  if (fs::exists(opt.directory, ec) && !fs::is_directory(opt.directory, ec))
    throw InputError(opt.directory + ": exists and is not a directory (export writes a directory of tables)");
  if (!opt.dry) {
    fs::create_directories(opt.directory, ec);
    if (!fs::is_directory(opt.directory, ec))
      throw OutputError(opt.directory + ": cannot create the directory");
  }

  std::vector<ExportTable> written;
  std::vector<std::vector<std::string>> codebook;  // table, column, units, long_name
  const auto note = [&](const std::string& table, const Column& col) {
    codebook.push_back({table, col.name, col.units, col.long_name});
  };

  // The axes' tables: each axis's values and its variables (zone names, provinces, labels, ...).
  std::map<std::string, std::vector<std::string>> labels;  // axis -> its name per position, when it has one
  const auto label_of = [&](const std::string& axis) -> std::string {
    for (const char* suffix : {"_label", "_name"}) {
      const std::string n = axis + suffix;
      if (std::find(per_axis[axis].begin(), per_axis[axis].end(), n) != per_axis[axis].end()) return n;
    }
    return "";
  };
  for (const auto& [axis, vars] : per_axis) {
    if (!is_axis(axis)) continue;
    const std::string table = axis + "s.csv";
    Table out(opt.directory, table, opt.dry);
    std::vector<Column> cols{column_of(c, file, axis)};
    cols[0].name = column_name(axis);
    for (const auto& v : vars) cols.push_back(column_of(c, file, v));
    std::vector<std::vector<std::string>> values(cols.size());
    const auto fill = [&](size_t k, const std::string& dataset) {
      if (cols[k].integer) {
        for (long long x : h5::read_integers(c, file, dataset)) values[k].push_back(std::to_string(x));
        return;
      }
      h5::Handle ds(c.check(H5Dopen2(file, dataset.c_str(), H5P_DEFAULT), "open " + dataset), H5Dclose);
      h5::Handle type(H5Dget_type(ds), H5Tclose);
      if (H5Tget_class(type) == H5T_STRING)
        for (const auto& s : h5::read_strings(c, file, dataset)) values[k].push_back(field(s));
      else
        for (double x : h5::read_doubles(c, file, dataset)) values[k].push_back(number(x));
    };
    fill(0, axis);
    for (size_t k = 1; k < cols.size(); ++k) fill(k, vars[k - 1]);
    std::vector<std::string> head;
    for (const auto& col : cols) head.push_back(header(col, opt.units_in_header)), note(table, col);
    out.row(head);
    const size_t n = static_cast<size_t>(axis_length[axis]);
    for (size_t i = 0; i < n; ++i) {
      std::vector<std::string> row;
      for (auto& v : values) row.push_back(i < v.size() ? v[i] : "");
      out.row(row);
    }
    written.push_back(out.commit(static_cast<long long>(cols.size())));
    const std::string l = label_of(axis);
    if (!l.empty()) labels[axis] = h5::read_strings(c, file, l);
  }

  // The run tables.
  const std::vector<long long> scheme_index =
      h5::has_dataset(file, "scheme") ? h5::read_integers(c, file, "scheme") : std::vector<long long>{};
  const std::vector<std::string> scheme_name = h5::has_dataset(file, "scheme_name")
                                                   ? h5::read_strings(c, file, "scheme_name")
                                                   : std::vector<std::string>{};
  for (const auto& [rest, all_vars] : groups) {
    std::vector<std::string> vars;
    for (const auto& v : all_vars)
      if (wanted.empty() || std::find(wanted.begin(), wanted.end(), v) != wanted.end()) vars.push_back(v);
    if (vars.empty()) continue;
    std::string table = "by_run";
    if (!rest.empty()) table = "by";
    for (const auto& a : rest) table += "_" + column_name(a);
    table += ".csv";
    Table out(opt.directory, table, opt.dry);
    std::vector<Column> cols;
    for (const auto& v : vars) cols.push_back(column_of(c, file, v));
    // Identifying columns, then the variables.
    std::vector<std::string> head{"scenario"};
    if (labels.count("scenario")) head.push_back("scenario_label");
    if (!scheme_name.empty()) head.push_back("scheme");
    head.push_back("replicate");
    std::vector<std::vector<std::string>> axis_values;
    std::vector<long long> extent;
    for (const auto& a : rest) {
      head.push_back(column_name(a));
      if (labels.count(a)) head.push_back(a + "_name");
      extent.push_back(axis_length.count(a) ? axis_length[a] : 0);
      std::vector<std::string> vals;
      if (h5::has_dataset(file, a)) {
        h5::Handle ds(c.check(H5Dopen2(file, a.c_str(), H5P_DEFAULT), "open " + a), H5Dclose);
        h5::Handle type(H5Dget_type(ds), H5Tclose);
        if (H5Tget_class(type) == H5T_INTEGER)
          for (long long x : h5::read_integers(c, file, a)) vals.push_back(std::to_string(x));
        else
          for (double x : h5::read_doubles(c, file, a)) vals.push_back(number(x));
      }
      axis_values.push_back(std::move(vals));
    }
    for (const auto& h : head) note(table, Column{h, "", "identifies the row", false});
    for (const auto& col : cols) head.push_back(header(col, opt.units_in_header)), note(table, col);
    out.row(head);
    size_t cells = 1;
    for (long long e : extent) cells *= static_cast<size_t>(e);
    for (long long s = 0; s < S; ++s)
      for (long long r = 0; r < R; ++r) {
        if (completed[static_cast<size_t>(s * R + r)] != 1) continue;  // an unfinished run has no rows
        std::vector<std::vector<double>> data;
        for (const auto& v : vars) data.push_back(read_run(c, file, v, s, r, cells));
        for (size_t i = 0; i < cells; ++i) {
          std::vector<std::string> row{std::to_string(s)};
          if (labels.count("scenario")) row.push_back(field(labels["scenario"][static_cast<size_t>(s)]));
          if (!scheme_name.empty()) {
            const long long k = scheme_index.empty() ? 0 : scheme_index[static_cast<size_t>(s)];
            row.push_back(field(k >= 0 && k < static_cast<long long>(scheme_name.size())
                                    ? scheme_name[static_cast<size_t>(k)]
                                    : ""));
          }
          row.push_back(std::to_string(r));
          size_t rem = i;
          std::vector<size_t> at(rest.size());
          for (size_t k = rest.size(); k-- > 0;) {
            at[k] = rem % static_cast<size_t>(extent[k]);
            rem /= static_cast<size_t>(extent[k]);
          }
          for (size_t k = 0; k < rest.size(); ++k) {
            row.push_back(at[k] < axis_values[k].size() ? axis_values[k][at[k]] : std::to_string(at[k]));
            if (labels.count(rest[k])) row.push_back(field(labels[rest[k]][at[k]]));
          }
          for (size_t v = 0; v < vars.size(); ++v) {
            const double x = data[v][i];
            row.push_back(cols[v].integer && std::isfinite(x) ? std::to_string(static_cast<long long>(x))
                                                              : number(x));
          }
          out.row(row);
        }
      }
    written.push_back(out.commit(static_cast<long long>(head.size())));
  }

  Table book(opt.directory, "variables.csv", opt.dry);
  book.row({"table", "column", "units", "long_name"});
  for (const auto& e : codebook) book.row({field(e[0]), field(e[1]), field(e[2]), field(e[3])});
  written.push_back(book.commit(4));
  return written;
}

}  // namespace zonesim
