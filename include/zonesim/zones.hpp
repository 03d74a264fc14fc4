#pragma once
// The zone table (data/zones.csv): identity and location of each national high-tech zone (observed) and its
// initial size in 2019 or 2024 (synthetic, calibrated; data/README.md).
#include <string>
#include <vector>

namespace zonesim {

struct Zone {
  int table_id = 0;  // zone_id in the CSV (stable across years)
  std::string name_zh, name_en, province_zh, province_en, city_zh, city_en;
  double lat = 0, lon = 0;
  int approved_year = 0;  // 0 = not recorded (approved by 2019)
  bool in_2019 = false;
  int province = 0;  // index into ZoneTable::provinces
  int city = 0;      // index into ZoneTable::cities
  // Initial figures for the table's year.
  int rank = 0;
  double gdp = 0;            // billion CNY
  double employment = 0;     // persons
  double rnd_personnel = 0;  // persons (full-time equivalent)
  double patents = 0;        // invention patents granted in the year
  double land_km2 = 0;
  // With later zones (zones.entry): the year the zone enters (0 = present from the start), and the 2024
  // figures that size zones entering later relative to the others.
  int entry_year = 0;
  double gdp_2024 = 0, employment_2024 = 0, patents_2024 = 0;
};

struct ZoneTable {
  int year = 0;
  std::vector<Zone> zones;             // the zones of `year`, in table order
  std::vector<std::string> provinces;  // English names; every province of the whole table, table order
  std::vector<std::string> provinces_zh;
  std::vector<std::string> cities;  // English names of host cities ("Province/City" unique)
  std::vector<int> city_province;   // province of each city
  int size() const { return static_cast<int>(zones.size()); }
};

// Reads the CSV and keeps the zones of `year` (2019: in_2019 == 1; 2024: all rows); with `later_zones`, also
// the zones approved after `year`, marked with their entry year. Throws DataError naming file, line and
// column.
ZoneTable load_zone_table(const std::string& path, int year, bool later_zones = false);

}  // namespace zonesim
