// Reading data/zones.csv. A small RFC 4180 reader (quoted fields, doubled quotes), strict about columns.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "zonesim/errors.hpp"
#include "zonesim/zones.hpp"

namespace zonesim {
namespace {

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"')
        out.back() += '"', ++i;
      else if (c == '"')
        quoted = false;
      else
        out.back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else if (c != '\r') {
      out.back() += c;
    }
  }
  return out;
}

class Row {
 public:
  Row(const std::string& file, int line, const std::map<std::string, size_t>& cols,
      std::vector<std::string> v)
      : file_(file), line_(line), cols_(cols), values_(std::move(v)) {}

  const std::string& text(const std::string& col) const { return values_[cols_.at(col)]; }
  bool empty(const std::string& col) const { return text(col).empty(); }

  double number(const std::string& col, double lo, double hi) const {
    const std::string& s = text(col);
    size_t used = 0;
    double v = 0;
    try {
      v = std::stod(s, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (s.empty() || used != s.size() || !std::isfinite(v)) fail(col, "'" + s + "' is not a number");
    if (v < lo || v > hi) fail(col, "'" + s + "' is out of range");
    return v;
  }

  [[noreturn]] void fail(const std::string& col, const std::string& what) const {
    throw DataError(file_ + ":" + std::to_string(line_) + ": column " + col + ": " + what);
  }

 private:
  const std::string& file_;
  int line_;
  const std::map<std::string, size_t>& cols_;
  std::vector<std::string> values_;
};

const std::vector<std::string> kRequired = {"zone_id",     "name_zh",       "name_en", "province_zh",
                                            "province_en", "city_zh",       "city_en", "lat",
                                            "lon",         "approved_year", "in_2019", "land_km2"};
const std::vector<std::string> kYearly = {"rank", "gdp", "employment", "rnd_personnel", "invention_patents"};

constexpr std::uintmax_t kMaxTableBytes = 64u << 20;

}  // namespace

ZoneTable load_zone_table(const std::string& path, int year, bool later_zones) {
  // Refuse what is not a plain file of sensible size before reading lines (/dev/zero has no end of line).
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw DataError(path + ": is a directory (expected a zone table)");
  if (std::filesystem::exists(path, ec) && !std::filesystem::is_regular_file(path, ec))
    throw DataError(path + ": not a regular file (expected a zone table, CSV)");
  if (std::filesystem::is_regular_file(path, ec) && std::filesystem::file_size(path, ec) > kMaxTableBytes)
    throw DataError(path + ": larger than 64 MiB (expected a zone table, CSV)");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(path + ": cannot open the zone table");
  std::string line;
  if (!std::getline(in, line)) throw DataError(path + ": empty zone table (expected a CSV header)");
  if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // tolerate a UTF-8 byte-order mark
  const auto header = split_csv_line(line);
  std::map<std::string, size_t> cols;
  for (size_t i = 0; i < header.size(); ++i) cols[header[i]] = i;
  std::vector<std::string> needed = kRequired;
  for (const auto& c : kYearly) needed.push_back(c + "_" + std::to_string(year));
  if (later_zones)
    for (const auto& c : kYearly) needed.push_back(c + "_2024");
  for (const auto& c : needed)
    if (!cols.count(c)) throw DataError(path + ":1: missing column " + c);

  ZoneTable t;
  t.year = year;
  std::map<std::string, int> province_index, city_index;
  std::string y = "_";
  y += std::to_string(year);
  for (int lineno = 2; std::getline(in, line); ++lineno) {
    if (line.empty() || line == "\r") continue;
    auto fields = split_csv_line(line);
    if (fields.size() != header.size())
      throw DataError(path + ":" + std::to_string(lineno) + ": " + std::to_string(fields.size()) +
                      " fields, expected " + std::to_string(header.size()));
    const Row r(path, lineno, cols, std::move(fields));
    Zone z;
    z.table_id = static_cast<int>(r.number("zone_id", 0, 1e6));
    z.name_zh = r.text("name_zh");
    z.name_en = r.text("name_en");
    z.province_zh = r.text("province_zh");
    z.province_en = r.text("province_en");
    z.city_zh = r.text("city_zh");
    z.city_en = r.text("city_en");
    for (const char* c : {"name_en", "province_en", "city_en"})
      if (r.empty(c)) r.fail(c, "empty");
    z.lat = r.number("lat", -90, 90);
    z.lon = r.number("lon", -180, 180);
    z.approved_year = r.empty("approved_year") ? 0 : static_cast<int>(r.number("approved_year", 1988, 2100));
    z.in_2019 = r.number("in_2019", 0, 1) == 1;
    z.land_km2 = r.number("land_km2", 1e-6, 1e5);
    // Every province of the table gets an index, so the province axis is the same in 2019 and 2024.
    auto [p, newp] = province_index.emplace(z.province_en, static_cast<int>(t.provinces.size()));
    if (newp) t.provinces.push_back(z.province_en), t.provinces_zh.push_back(z.province_zh);
    z.province = p->second;
    const bool member = year == 2024 || (year == 2019 && z.in_2019);
    if (!member && !later_zones) continue;
    // A zone approved after `year` enters in its approval year with its 2024 figures, rescaled then.
    std::string fy = y;
    if (!member) {
      if (z.approved_year <= year)
        r.fail("approved_year", "a zone not in the 2019 set needs its approval year");
      z.entry_year = z.approved_year;
      fy = "_2024";
    }
    if (r.empty("gdp" + fy)) r.fail("gdp" + fy, "empty for a zone of " + std::to_string(year));
    z.rank = static_cast<int>(r.number("rank" + fy, 1, 1e6));
    z.gdp = r.number("gdp" + fy, 1e-9, 1e6);
    z.employment = r.number("employment" + fy, 1, 1e9);
    z.rnd_personnel = r.number("rnd_personnel" + fy, 0, 1e9);
    z.patents = r.number("invention_patents" + fy, 0, 1e9);
    if (later_zones) {
      z.gdp_2024 = r.number("gdp_2024", 1e-9, 1e6);
      z.employment_2024 = r.number("employment_2024", 1, 1e9);
      z.patents_2024 = r.number("invention_patents_2024", 0, 1e9);
    }
    auto [c, newc] = city_index.emplace(z.province_en + "/" + z.city_en, static_cast<int>(t.cities.size()));
    if (newc) t.cities.push_back(z.city_en), t.city_province.push_back(z.province);
    z.city = c->second;
    t.zones.push_back(std::move(z));
  }
  if (t.zones.empty()) throw DataError(path + ": no zone of " + std::to_string(year));
  return t;
}

}  // namespace zonesim
