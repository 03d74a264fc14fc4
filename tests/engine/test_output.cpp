// The result file honours the FIXED contract (docs/contract.md): names, axes, dimension scales, units, provenance.
// The expected names are spelled out here, independently of the tables that the writer uses.
#include <hdf5.h>
#include <hdf5_hl.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "helpers.hpp"
#include "zonesim/errors.hpp"
#include "zonesim/model/model.hpp"
#include "zonesim/output.hpp"
#include "zonesim/run.hpp"

using namespace zonesim;
using zonesim::test::TempDir;

namespace {

const std::vector<std::string> kZoneVarNames = {
    "gdp", "gdp_attributed", "employment", "firms", "hightech_firms", "patents", "patent_stock",
    "rnd_personnel", "subsidy", "fiscal_balance", "occupancy", "equity_out", "equity_in", "relocations_in",
    "relocations_out",
    // The governments' choices (docs/decisions.md).
    "poaching_offers", "poaching_moves", "retention_offers", "cooperation_proposals",
    "cooperation_agreements", "cooperation_refusals", "budget_subsidies", "budget_services", "budget_land",
    "budget_talent", "budget_cooperation"};
const std::vector<std::string> kTotals = {"total_gdp",
                                          "total_subsidy",
                                          "subsidy_waste",
                                          "relocations",
                                          "total_poaching_offers",
                                          "total_poaching_moves",
                                          "total_retention_offers",
                                          "total_cooperation_proposals",
                                          "total_cooperation_agreements",
                                          "total_cooperation_refusals",
                                          "total_budget_subsidies",
                                          "total_budget_services",
                                          "total_budget_land",
                                          "total_budget_talent",
                                          "total_budget_cooperation"};
const std::vector<std::string> kMoney = {
    "gdp",       "gdp_attributed", "subsidy",       "fiscal_balance",  "equity_out",       "equity_in",
    "total_gdp", "total_subsidy",  "subsidy_waste", "budget_services", "total_budget_land"};

std::vector<std::string> metric_names() {
  std::vector<std::string> out;
  for (const char* m : {"gini", "theil_t", "theil_l", "theil_between", "theil_within", "top10_share", "cv",
                        "hhi", "esteban_ray", "wolfson", "zhang_kanbur"})
    for (const char* v : {"gdp", "patents", "firms"}) out.push_back(std::string(m) + "_" + v);
  return out;
}

std::string attr_text(hid_t obj, const char* name) {
  if (H5Aexists(obj, name) <= 0) return "<missing>";
  const hid_t a = H5Aopen(obj, name, H5P_DEFAULT), t = H5Aget_type(a);
  std::string s(H5Tget_size(t), '\0');
  H5Aread(a, t, s.data());
  H5Tclose(t);
  H5Aclose(a);
  return s.substr(0, s.find('\0'));
}

std::vector<std::string> axes_of(hid_t ds) {
  const hid_t space = H5Dget_space(ds);
  const int rank = H5Sget_simple_extent_ndims(space);
  H5Sclose(space);
  std::vector<std::string> out;
  for (int i = 0; i < rank; ++i) {
    std::string name = "<none>";
    H5DSiterate_scales(
        ds, static_cast<unsigned>(i), nullptr,
        [](hid_t, unsigned, hid_t scale, void* data) -> herr_t {
          char buf[64] = {0};
          H5DSget_scale_name(scale, buf, sizeof buf);
          *static_cast<std::string*>(data) = buf;
          return 1;
        },
        &name);
    out.push_back(name);
  }
  return out;
}

struct Fixture {
  TempDir dir;
  ScenarioSpec spec = default_scenario();
  ZoneTable table;
  RunResult result;
  std::string path;
  Fixture() {
    spec.enterprises.count = 5000;
    spec.time.end = 2026;
    table = load_zone_table(spec.zones.table, 2024);
    result = simulate(spec, table, {spec.seed, 0}, make_models(spec));
    OutputLayout layout;
    layout.table = &table;
    for (const auto& y : result.years) layout.years.push_back(y.year);
    layout.scenario_labels = {"test"};
    layout.scenario_yamls = {spec.resolved_yaml};
    layout.seeds = {spec.seed};
    layout.command = "zonesim run test";
    path = dir.path("out.h5");
    ResultFile f = ResultFile::create(path, layout);
    f.write_run(0, 0, result);
    f.close();
  }
};

}  // namespace

TEST_CASE("every dimension is a dimension scale and every variable has its axes, units and long_name") {
  Fixture fx;
  const hid_t f = H5Fopen(fx.path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  REQUIRE(f >= 0);
  for (const char* d : {"scenario", "replicate", "time", "zone", "province"}) {
    INFO(d);
    const hid_t ds = H5Dopen2(f, d, H5P_DEFAULT);
    REQUIRE(ds >= 0);
    CHECK(H5DSis_scale(ds) > 0);
    H5Dclose(ds);
  }
  std::vector<std::pair<std::string, std::vector<std::string>>> expected;
  for (const auto& v : kZoneVarNames) expected.push_back({v, {"scenario", "replicate", "time", "zone"}});
  for (const auto& v : kTotals) expected.push_back({v, {"scenario", "replicate", "time"}});
  for (const auto& v : metric_names()) expected.push_back({v, {"scenario", "replicate", "time"}});
  for (const char* v : {"zone_name", "zone_province", "zone_city", "zone_lat", "zone_lon"})
    expected.push_back({v, {"zone"}});
  expected.push_back({"province_name", {"province"}});
  expected.push_back({"scenario_label", {"scenario"}});
  expected.push_back({"scenario_yaml", {"scenario"}});
  expected.push_back({"seed", {"replicate"}});
  expected.push_back({"completed", {"scenario", "replicate"}});
  expected.push_back({"sigma_convergence_gdp", {"scenario", "replicate"}});
  expected.push_back({"beta_convergence_gdp", {"scenario", "replicate"}});
  for (const auto& [name, axes] : expected) {
    INFO(name);
    const hid_t ds = H5Dopen2(f, name.c_str(), H5P_DEFAULT);
    REQUIRE(ds >= 0);
    CHECK(axes_of(ds) == axes);
    CHECK(attr_text(ds, "units") != "<missing>");
    CHECK(attr_text(ds, "long_name") != "<missing>");
    if (std::find(kMoney.begin(), kMoney.end(), name) != kMoney.end())
      CHECK(attr_text(ds, "units") == "billion CNY");
    H5Dclose(ds);
  }
  for (const char* a :
       {"Conventions", "title", "zonesim_version", "git_commit", "created", "command", "history"}) {
    INFO(a);
    CHECK(attr_text(f, a) != "<missing>");
  }
  H5Fclose(f);
}

TEST_CASE("the data read back equal the run's, and the run is marked completed") {
  Fixture fx;
  const hid_t f = H5Fopen(fx.path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  REQUIRE(f >= 0);
  const std::size_t T = fx.result.years.size(), Z = static_cast<std::size_t>(fx.table.size());
  std::vector<double> gdp(T * Z);
  const hid_t ds = H5Dopen2(f, "gdp", H5P_DEFAULT);
  H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, gdp.data());
  H5Dclose(ds);
  for (std::size_t t = 0; t < T; ++t)
    for (std::size_t z = 0; z < Z; ++z) REQUIRE(gdp[t * Z + z] == fx.result.years[t].zone[ZoneVar::gdp][z]);
  std::vector<long long> firms(T * Z);
  const hid_t fs = H5Dopen2(f, "firms", H5P_DEFAULT);
  H5Dread(fs, H5T_NATIVE_LLONG, H5S_ALL, H5S_ALL, H5P_DEFAULT, firms.data());
  H5Dclose(fs);
  CHECK(firms[5] == static_cast<long long>(fx.result.years[0].zone[ZoneVar::firms][5]));
  long long done = 0;
  const hid_t c = H5Dopen2(f, "completed", H5P_DEFAULT);
  H5Dread(c, H5T_NATIVE_LLONG, H5S_ALL, H5S_ALL, H5P_DEFAULT, &done);
  H5Dclose(c);
  CHECK(done == 1);
  H5Fclose(f);
  CHECK_THAT(describe_result_file(fx.path), Catch::Contains("runs completed: 1 of 1"));
}

TEST_CASE("info refuses what is not a zonesim result") {
  TempDir dir;
  CHECK_THROWS_AS(describe_result_file(dir.path("none.h5")), InputError);
  CHECK_THROWS_WITH(describe_result_file(dir.file("x.h5", "not hdf5")), Catch::Contains("not an HDF5 file"));
  const hid_t f = H5Fcreate(dir.path("foreign.h5").c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  H5Fclose(f);
  CHECK_THROWS_WITH(describe_result_file(dir.path("foreign.h5")), Catch::Contains("not a zonesim result"));
}

TEST_CASE("an atomic output appears only on commit and leaves nothing behind otherwise") {
  TempDir dir;
  const std::string out = dir.path("r.h5");
  {
    AtomicOutput a(out);
    std::ofstream(a.temp_path()) << "partial";
    CHECK(std::filesystem::exists(a.temp_path()));
    CHECK_FALSE(std::filesystem::exists(out));
  }
  CHECK_FALSE(std::filesystem::exists(out));
  CHECK(std::filesystem::is_empty(dir.path()));
  {
    AtomicOutput a(out);
    std::ofstream(a.temp_path()) << "whole";
    a.commit();
  }
  CHECK(std::filesystem::exists(out));
  CHECK_THROWS_WITH(check_output_path(dir.path("missing/r.h5")), Catch::Contains("does not exist"));
  CHECK_THROWS_WITH(check_output_path(dir.path()), Catch::Contains("is a directory"));
}
