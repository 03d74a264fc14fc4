// The HDF5 result file: dimension scales on every axis, units and long names on every variable, provenance at
// the root; chunked per run and deflate-compressed. Layout documented in docs/output.md.
#include <array>
#include <cmath>
#include <cstring>
#include <ctime>
#include <functional>
#include <limits>
#include <map>

#include "output/h5.hpp"
#include "zonesim/output.hpp"
#include "zonesim/version.hpp"

namespace zonesim {
namespace {

using h5::Handle;

using metrics::kMetrics;
using metrics::MetricInfo;

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

struct ResultFile::Impl {
  h5::Context ctx;
  Handle file;
  hsize_t S = 0, R = 0, T = 0, Z = 0, P = 0;
  int compression = 4;
  std::map<std::string, Handle> dims;
  std::map<std::string, Handle> vars;

  Handle dataset(const std::string& name, hid_t type, std::vector<hsize_t> shape, bool chunk_per_run) {
    Handle space(ctx.check(H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr),
                           "create the space of " + name),
                 H5Sclose);
    Handle dcpl(ctx.check(H5Pcreate(H5P_DATASET_CREATE), "create properties"), H5Pclose);
    ctx.ok(H5Pset_attr_creation_order(dcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
           "order attributes");
    if (chunk_per_run) {
      std::vector<hsize_t> chunk = shape;
      chunk[0] = chunk[1] = 1;  // one chunk per (scenario, replicate) run
      ctx.ok(H5Pset_chunk(dcpl, static_cast<int>(chunk.size()), chunk.data()), "chunk " + name);
      if (compression > 0) {
        ctx.ok(H5Pset_shuffle(dcpl), "shuffle " + name);
        ctx.ok(H5Pset_deflate(dcpl, static_cast<unsigned>(compression)), "compress " + name);
      }
    }
    if (H5Tget_class(type) == H5T_FLOAT) {
      const double nan = std::numeric_limits<double>::quiet_NaN();
      ctx.ok(H5Pset_fill_value(dcpl, H5T_NATIVE_DOUBLE, &nan), "set the fill value of " + name);
    }
    return Handle(ctx.check(H5Dcreate2(file, name.c_str(), type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
                            "create dataset " + name),
                  H5Dclose);
  }

  void describe(hid_t ds, const std::string& units, const std::string& long_name) {
    if (!units.empty()) h5::set_string_attr(ctx, ds, "units", units);
    h5::set_string_attr(ctx, ds, "long_name", long_name);
  }

  void attach(hid_t ds, const std::vector<std::string>& axes, const std::string& name) {
    for (size_t i = 0; i < axes.size(); ++i)
      ctx.ok(H5DSattach_scale(ds, dims.at(axes[i]), static_cast<unsigned>(i)),
             "attach " + axes[i] + " to " + name);
  }

  template <class T>
  void make_dim(const std::string& name, hid_t type, const std::vector<T>& values, const std::string& units,
                const std::string& long_name) {
    Handle ds = dataset(name, type, {values.size()}, false);
    ctx.ok(H5Dwrite(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), "write " + name);
    ctx.ok(H5DSset_scale(ds, name.c_str()), "make " + name + " a dimension scale");
    describe(ds, units, long_name);
    dims[name] = std::move(ds);
  }

  void make_strings(const std::string& name, const std::string& axis, const std::vector<std::string>& values,
                    const std::string& long_name) {
    Handle type(ctx.check(H5Tcopy(H5T_C_S1), "copy a string type"), H5Tclose);
    ctx.ok(H5Tset_size(type, H5T_VARIABLE), "size a string type");
    ctx.ok(H5Tset_cset(type, H5T_CSET_UTF8), "set UTF-8");
    Handle ds = dataset(name, type, {values.size()}, false);
    std::vector<const char*> ptrs;
    for (const auto& v : values) ptrs.push_back(v.c_str());
    ctx.ok(H5Dwrite(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()), "write " + name);
    describe(ds, "1", long_name);  // text: dimensionless by CF convention
    attach(ds, {axis}, name);
  }

  // As make_strings, with the values produced one at a time by `value(i)` and written as they come.
  void make_strings_one_by_one(const std::string& name, const std::string& axis, hsize_t n,
                               const std::function<std::string(std::size_t)>& value,
                               const std::string& long_name) {
    Handle type(ctx.check(H5Tcopy(H5T_C_S1), "copy a string type"), H5Tclose);
    ctx.ok(H5Tset_size(type, H5T_VARIABLE), "size a string type");
    ctx.ok(H5Tset_cset(type, H5T_CSET_UTF8), "set UTF-8");
    Handle ds = dataset(name, type, {n}, false);
    Handle fspace(ctx.check(H5Dget_space(ds), "get the space of " + name), H5Sclose);
    const hsize_t one = 1;
    Handle mspace(ctx.check(H5Screate_simple(1, &one, nullptr), "create a memory space"), H5Sclose);
    for (hsize_t i = 0; i < n; ++i) {
      const std::string text = value(static_cast<std::size_t>(i));
      const char* ptr = text.c_str();
      ctx.ok(H5Sselect_hyperslab(fspace, H5S_SELECT_SET, &i, nullptr, &one, nullptr), "select in " + name);
      ctx.ok(H5Dwrite(ds, type, mspace, fspace, H5P_DEFAULT, &ptr), "write " + name);
    }
    describe(ds, "1", long_name);
    attach(ds, {axis}, name);
  }

  template <class T>
  void make_values(const std::string& name, const std::string& axis, hid_t type, const std::vector<T>& values,
                   const std::string& units, const std::string& long_name) {
    Handle ds = dataset(name, type, {values.size()}, false);
    ctx.ok(H5Dwrite(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), "write " + name);
    describe(ds, units, long_name);
    attach(ds, {axis}, name);
  }

  void make_scenario_variable(const ScenarioVariable& v) {
    const size_t n = v.texts.size() + v.integers.size() + v.reals.size();
    if (n != S)
      throw OutputError(ctx.path + ": " + v.name + " has " + std::to_string(n) +
                        " values, not one per scenario");
    if (!v.texts.empty()) {
      make_strings(v.name, "scenario", v.texts, v.long_name);
    } else if (!v.integers.empty()) {
      make_values(v.name, "scenario", H5T_STD_I64LE, v.integers, v.units, v.long_name);
    } else {
      make_values(v.name, "scenario", H5T_IEEE_F64LE, v.reals, v.units, v.long_name);
    }
  }

  void make_run_var(const std::string& name, const std::vector<std::string>& axes, bool integer,
                    const std::string& units, const std::string& long_name) {
    std::vector<hsize_t> shape;
    for (const auto& a : axes)
      shape.push_back(a == "scenario"    ? S
                      : a == "replicate" ? R
                      : a == "time"      ? T
                      : a == "sector"    ? static_cast<hsize_t>(kSectorCount)
                                         : Z);
    Handle ds = dataset(name, integer ? H5T_STD_I64LE : H5T_IEEE_F64LE, shape, true);
    describe(ds, units, long_name);
    attach(ds, axes, name);
    vars[name] = std::move(ds);
  }

  // Writes `data` (the run's block: time x zone, time x sector, time, or one value) into slot (s, r).
  void write_slot(const std::string& name, hsize_t s, hsize_t r, const std::vector<double>& data,
                  bool integer) {
    hid_t ds = vars.at(name);
    Handle fspace(ctx.check(H5Dget_space(ds), "get the space of " + name), H5Sclose);
    const int rank = H5Sget_simple_extent_ndims(fspace);
    std::vector<hsize_t> start(static_cast<size_t>(rank), 0), count(static_cast<size_t>(rank), 1);
    start[0] = s;
    start[1] = r;
    if (rank > 2) count[2] = T;
    if (rank > 3) {
      std::vector<hsize_t> extent(static_cast<size_t>(rank));
      H5Sget_simple_extent_dims(fspace, extent.data(), nullptr);
      count[3] = extent[3];
    }
    ctx.ok(H5Sselect_hyperslab(fspace, H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr),
           "select a run in " + name);
    Handle mspace(ctx.check(H5Screate_simple(rank, count.data(), nullptr), "create a memory space"),
                  H5Sclose);
    if (integer) {
      std::vector<long long> ints(data.size());
      for (size_t i = 0; i < data.size(); ++i) ints[i] = static_cast<long long>(std::llround(data[i]));
      ctx.ok(H5Dwrite(ds, H5T_NATIVE_LLONG, mspace, fspace, H5P_DEFAULT, ints.data()), "write " + name);
    } else {
      ctx.ok(H5Dwrite(ds, H5T_NATIVE_DOUBLE, mspace, fspace, H5P_DEFAULT, data.data()), "write " + name);
    }
  }
};

ResultFile::ResultFile(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ResultFile::ResultFile(ResultFile&&) noexcept = default;
ResultFile& ResultFile::operator=(ResultFile&&) noexcept = default;
ResultFile::~ResultFile() = default;

ResultFile ResultFile::create(const std::string& path, const OutputLayout& layout) {
  h5::quiet();
  auto m = std::make_unique<Impl>();
  Impl& f = *m;
  f.ctx.path = path;
  const ZoneTable& table = *layout.table;
  f.S = layout.scenario_labels.size();
  f.R = layout.seeds.size();
  f.T = layout.years.size();
  f.Z = static_cast<hsize_t>(table.size());
  f.P = table.provinces.size();
  f.compression = layout.compression;
  // netCDF-4 expects creation order to be tracked on the root group.
  Handle fcpl(f.ctx.check(H5Pcreate(H5P_FILE_CREATE), "create file properties"), H5Pclose);
  f.ctx.ok(H5Pset_link_creation_order(fcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED), "order links");
  f.ctx.ok(H5Pset_attr_creation_order(fcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
           "order attributes");
  f.file = Handle(f.ctx.check(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, fcpl, H5P_DEFAULT), "create the file"),
                  H5Fclose);

  const std::string created = utc_now();
  h5::set_string_attr(f.ctx, f.file, "Conventions", "CF-1.8");
  h5::set_string_attr(f.ctx, f.file, "title", layout.title);
  h5::set_string_attr(f.ctx, f.file, "institution", "zonesim");
  h5::set_string_attr(f.ctx, f.file, "zonesim_version", kVersion);
  h5::set_string_attr(f.ctx, f.file, "git_commit", kGitCommit);
  h5::set_string_attr(f.ctx, f.file, "created", created);
  h5::set_string_attr(f.ctx, f.file, "command", layout.command);
  h5::set_string_attr(f.ctx, f.file, "history", created + ": " + layout.command);
  h5::set_string_attr(f.ctx, f.file, "zone_table_year", std::to_string(table.year));
  for (const auto& [name, value] : layout.attributes) h5::set_string_attr(f.ctx, f.file, name.c_str(), value);

  std::vector<long long> scen(f.S), rep(f.R), zone_ids, prov(f.P);
  for (hsize_t i = 0; i < f.S; ++i) scen[i] = static_cast<long long>(i);
  for (hsize_t i = 0; i < f.R; ++i) rep[i] = layout.first_replicate + static_cast<long long>(i);
  for (hsize_t i = 0; i < f.P; ++i) prov[i] = static_cast<long long>(i);
  for (const Zone& z : table.zones) zone_ids.push_back(z.table_id);
  f.make_dim("scenario", H5T_STD_I64LE, scen, "1", "scenario (scheme or design point) index");
  f.make_dim("replicate", H5T_STD_I64LE, rep, "1",
             "replicate index (common random numbers across scenarios)");
  f.make_dim("time", H5T_STD_I32LE, layout.years, "year", "calendar year (first entry: initial state)");
  f.make_dim("zone", H5T_STD_I64LE, zone_ids, "1", "zone id (zone_id in data/zones.csv)");
  f.make_dim("province", H5T_STD_I64LE, prov, "1", "province index");
  std::vector<long long> sector_ids(kSectorCount);
  std::vector<std::string> sector_names;
  for (int k = 0; k < kSectorCount; ++k)
    sector_ids[static_cast<std::size_t>(k)] = k,
    sector_names.emplace_back(sector_name(static_cast<Sector>(k)));
  f.make_dim("sector", H5T_STD_I64LE, sector_ids, "1", "sector index");

  std::vector<std::string> name, name_zh, province, city;
  std::vector<double> lat, lon, land;
  std::vector<int> province_index;
  for (const Zone& z : table.zones) {
    name.push_back(z.name_en), name_zh.push_back(z.name_zh), province.push_back(z.province_en);
    city.push_back(z.city_en), lat.push_back(z.lat), lon.push_back(z.lon), land.push_back(z.land_km2);
    province_index.push_back(z.province);
  }
  f.make_strings("zone_name", "zone", name, "zone name (English)");
  f.make_strings("zone_name_zh", "zone", name_zh, "zone name (Chinese)");
  f.make_strings("zone_province", "zone", province, "province of the zone");
  f.make_strings("zone_city", "zone", city, "host city of the zone");
  f.make_values("zone_lat", "zone", H5T_IEEE_F64LE, lat, "degrees_north", "latitude of the host city");
  f.make_values("zone_lon", "zone", H5T_IEEE_F64LE, lon, "degrees_east", "longitude of the host city");
  f.make_values("zone_land_km2", "zone", H5T_IEEE_F64LE, land, "km2",
                "zone land area as the model uses it (data/zones.csv: land_km2 and its provenance)");
  f.make_values("zone_province_index", "zone", H5T_STD_I32LE, province_index, "1",
                "index on the province axis");
  f.make_strings("province_name", "province", table.provinces, "province name (English)");
  f.make_strings("province_name_zh", "province", table.provinces_zh, "province name (Chinese)");
  f.make_strings("sector_name", "sector", sector_names,
                 "sector name (electronics ... new_energy are the industrial sectors)");
  f.make_strings("scenario_label", "scenario", layout.scenario_labels, "scheme or design point label");
  if (layout.scenario_yamls.empty() && layout.scenario_yaml_at)
    f.make_strings_one_by_one("scenario_yaml", "scenario", f.S, layout.scenario_yaml_at,
                              "fully resolved scenario (YAML)");
  else
    f.make_strings("scenario_yaml", "scenario", layout.scenario_yamls, "fully resolved scenario (YAML)");
  for (const ScenarioVariable& v : layout.scenario_variables) f.make_scenario_variable(v);
  f.make_values("seed", "replicate", H5T_STD_U64LE, layout.seeds, "1",
                "base seed; a replicate's random streams are keyed by (seed, replicate coordinate)");

  f.make_run_var("completed", {"scenario", "replicate"}, true, "1",
                 "1 when the run finished and was written");
  std::vector<long long> zeros(f.S * f.R, 0);
  f.ctx.ok(H5Dwrite(f.vars["completed"], H5T_NATIVE_LLONG, H5S_ALL, H5S_ALL, H5P_DEFAULT, zeros.data()),
           "write completed");
  const std::vector<std::string> zone_axes{"scenario", "replicate", "time", "zone"};
  const std::vector<std::string> time_axes{"scenario", "replicate", "time"};
  for (const VarInfo& v : kZoneVars) f.make_run_var(v.name, zone_axes, v.integer, v.units, v.long_name);
  for (const VarInfo& v : kTotalVars) f.make_run_var(v.name, time_axes, v.integer, v.units, v.long_name);
  const std::vector<std::string> sector_axes{"scenario", "replicate", "time", "sector"};
  for (const VarInfo& v : kSectorVars) f.make_run_var(v.name, sector_axes, v.integer, v.units, v.long_name);
  for (const MetricInfo& mi : kMetrics)
    for (const char* var : kMetricVarNames)
      f.make_run_var(std::string(mi.name) + "_" + var, time_axes, false, "1",
                     std::string(mi.long_name) + " of " + var + " across zones");
  f.make_run_var("sigma_convergence_gdp", {"scenario", "replicate"}, false, "year-1",
                 "slope of the cross-zone s.d. of log GDP per zone on year (negative = convergence)");
  f.make_run_var("beta_convergence_gdp", {"scenario", "replicate"}, false, "year-1",
                 "slope of mean yearly log GDP growth on initial log GDP per zone (negative = convergence)");
  f.ctx.ok(H5Fflush(f.file, H5F_SCOPE_GLOBAL), "flush");
  return ResultFile(std::move(m));
}

void ResultFile::write_run(int scenario, int replicate, const RunResult& result, bool flush_now) {
  Impl& f = *impl_;
  const auto s = static_cast<hsize_t>(scenario), r = static_cast<hsize_t>(replicate);
  if (s >= f.S || r >= f.R || result.years.size() != f.T)
    throw OutputError(f.ctx.path + ": run (" + std::to_string(scenario) + ", " + std::to_string(replicate) +
                      ") does not fit the file's layout");
  std::vector<double> block;
  for (int v = 0; v < kZoneVarCount; ++v) {
    block.clear();
    for (const auto& y : result.years) block.insert(block.end(), y.zone[v].begin(), y.zone[v].end());
    f.write_slot(kZoneVars[v].name, s, r, block, kZoneVars[v].integer);
  }
  for (int v = 0; v < kTotalVarCount; ++v) {
    block.clear();
    for (const auto& y : result.years) block.push_back(y.total[v]);
    f.write_slot(kTotalVars[v].name, s, r, block, kTotalVars[v].integer);
  }
  for (int v = 0; v < kSectorVarCount; ++v) {
    block.clear();
    for (const auto& y : result.years) block.insert(block.end(), y.sector[v].begin(), y.sector[v].end());
    f.write_slot(kSectorVars[v].name, s, r, block, kSectorVars[v].integer);
  }
  for (const MetricInfo& mi : kMetrics)
    for (size_t m = 0; m < kMetricVarNames.size(); ++m) {
      block.clear();
      for (const auto& y : result.years) block.push_back(y.metric[m].*mi.member);
      f.write_slot(std::string(mi.name) + "_" + kMetricVarNames[m], s, r, block, false);
    }
  f.write_slot("sigma_convergence_gdp", s, r, {result.sigma_convergence_gdp}, false);
  f.write_slot("beta_convergence_gdp", s, r, {result.beta_convergence_gdp}, false);
  f.write_slot("completed", s, r, {1.0}, true);
  if (flush_now) flush();
}

void ResultFile::flush() { impl_->ctx.ok(H5Fflush(impl_->file, H5F_SCOPE_GLOBAL), "flush"); }

void ResultFile::close() {
  if (!impl_) return;
  impl_->vars.clear();
  impl_->dims.clear();
  const hid_t file = impl_->file.release();
  if (file >= 0 && H5Fclose(file) < 0) impl_->ctx.fail("close the file");
}

}  // namespace zonesim
