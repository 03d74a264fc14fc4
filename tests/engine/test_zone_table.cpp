// The shipped zone table reproduces the published distribution targets (docs/specification.md section 2) within 1%.
#include <algorithm>
#include <catch2/catch.hpp>
#include <functional>
#include <numeric>
#include <set>

#include "helpers.hpp"
#include "zonesim/errors.hpp"
#include "zonesim/zones.hpp"

using namespace zonesim;
using zonesim::test::repo;
using zonesim::test::TempDir;

namespace {

double sum_of(const ZoneTable& t, double Zone::*field) {
  double s = 0;
  for (const auto& z : t.zones) s += z.*field;
  return s;
}

double top_share(const ZoneTable& t, double Zone::*field, int k) {
  std::vector<double> v;
  for (const auto& z : t.zones) v.push_back(z.*field);
  std::sort(v.begin(), v.end(), std::greater<>());
  return std::accumulate(v.begin(), v.begin() + k, 0.0) / std::accumulate(v.begin(), v.end(), 0.0);
}

double share_of(const ZoneTable& t, double Zone::*field, const std::vector<std::string>& names) {
  double s = 0;
  for (const auto& z : t.zones)
    if (std::find(names.begin(), names.end(), z.name_zh) != names.end()) s += z.*field;
  return s / sum_of(t, field);
}

// The top 10 of the 2019 comprehensive evaluation (Torch Centre), which the published shares refer to.
const std::vector<std::string> kEvaluationTop10 = {
    "中关村科技园区",         "深圳市高新技术产业园区", "上海张江高新技术产业开发区",
    "武汉东湖新技术开发区",   "苏州工业园区",           "合肥高新技术产业开发区",
    "西安高新技术产业开发区", "杭州高新技术产业开发区", "广州高新技术产业开发区",
    "成都高新技术产业开发区"};

}  // namespace

TEST_CASE(
    "2019: 169 zones, 12.2 trillion yuan; the evaluation's top 10 hold 36.5% of GDP, 64.8% of patents") {
  const ZoneTable t = load_zone_table(repo("data/zones.csv"), 2019);
  CHECK(t.size() == 169);
  CHECK(sum_of(t, &Zone::gdp) == Approx(12200.0).epsilon(0.01));
  CHECK(share_of(t, &Zone::gdp, kEvaluationTop10) == Approx(0.365).epsilon(0.01));
  CHECK(share_of(t, &Zone::patents, kEvaluationTop10) == Approx(0.648).epsilon(0.01));
  // The ten largest by GDP hold at least as much (they need not be the evaluation's ten).
  CHECK(top_share(t, &Zone::gdp, 10) >= 0.365 * 0.99);
  CHECK(sum_of(t, &Zone::employment) == Approx(22.13e6).epsilon(0.01));
  CHECK(sum_of(t, &Zone::rnd_personnel) / sum_of(t, &Zone::employment) ==
        Approx(822.0 / 10000).epsilon(0.01));
}

TEST_CASE("2024: all 178 zones, 19.3 trillion yuan within 1%; nine approved in 2022-2023") {
  const ZoneTable t = load_zone_table(repo("data/zones.csv"), 2024);
  CHECK(t.size() == 178);
  CHECK(sum_of(t, &Zone::gdp) == Approx(19300.0).epsilon(0.01));
  int in2022 = 0, in2023 = 0;
  for (const auto& z : t.zones)
    if (!z.in_2019) {
      INFO(z.name_en);
      CHECK((z.approved_year == 2022 || z.approved_year == 2023));
      in2022 += z.approved_year == 2022;
      in2023 += z.approved_year == 2023;
    }
  CHECK(in2022 ==
        8);  // June 2022: Chuzhou, Xinyang, Karamay, Zunyi; December: Anqing, Lhasa, Ningxiang, Xuchang
  CHECK(in2023 == 1);  // Aksu-Alar
  std::set<std::string> provinces(t.provinces.begin(), t.provinces.end());
  CHECK(provinces.size() == 31);
}

TEST_CASE("zone identity is observed data: names, provinces, coordinates inside China") {
  const ZoneTable t = load_zone_table(repo("data/zones.csv"), 2024);
  std::set<std::string> names;
  for (const auto& z : t.zones) {
    INFO(z.name_en);
    CHECK(names.insert(z.name_en).second);
    CHECK(z.lat > 18);
    CHECK(z.lat < 54);
    CHECK(z.lon > 73);
    CHECK(z.lon < 135);
    CHECK(z.land_km2 > 0);
  }
}

TEST_CASE("a malformed zone table is a DataError naming file, line and column") {
  TempDir dir;
  const std::string header =
      "zone_id,name_zh,name_en,province_zh,province_en,city_zh,city_en,lat,lon,coord_source,approved_year,"
      "in_2019,rank_2019,gdp_2019,employment_2019,rnd_personnel_2019,invention_patents_2019,rank_2024,gdp_"
      "2024,"
      "employment_2024,rnd_personnel_2024,invention_patents_2024,land_km2\n";
  const std::string good = "0,甲,A,京,Beijing,京,Beijing,39.9,116.4,x,,1,1,10,100,5,3,1,12,120,6,4,50\n";
  CHECK(load_zone_table(dir.file("ok.csv", header + good), 2024).size() == 1);
  CHECK_THROWS_WITH(
      load_zone_table(dir.file("a.csv", header + "0,甲,A,京,Beijing,京,Beijing,abc,116.4,x,,1,1,10,"
                                                 "100,5,3,1,12,120,6,4,50\n"),
                      2024),
      Catch::Contains("a.csv:2: column lat: 'abc' is not a number"));
  CHECK_THROWS_WITH(load_zone_table(dir.file("b.csv", header + "0,甲,A\n"), 2024),
                    Catch::Contains("b.csv:2: 3 fields, expected 23"));
  CHECK_THROWS_WITH(load_zone_table(dir.file("c.csv", "zone_id,name_zh\n"), 2024),
                    Catch::Contains("c.csv:1: missing column"));
  CHECK_THROWS_WITH(load_zone_table(dir.file("d.csv", ""), 2024), Catch::Contains("empty zone table"));
  CHECK_THROWS_AS(load_zone_table(dir.path("none.csv"), 2024), DataError);
}
