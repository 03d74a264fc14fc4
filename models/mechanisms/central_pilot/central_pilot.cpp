// Central pilot investment (seed 000 challenge 1:
// "建议先选择10家国家高新区作为试点，每年设立规模达1000亿元的专项 基金，每家高新区100亿元" — buy the pilots'
// commitment to national strategy with real money). Production phase (after production, from the first
// simulated year): each pilot receives `amount` (booked as external_funds). rnd_share of it raises the R&D
// intensity of the pilot's enterprises by the money / the zone's output of the year (each capped at
// kMaxIntensity) for the innovation phase only, so the centre, not the firms, pays for it: innovation sees
// more R&D (success ~ rho_i / mean rho, patents ~ R&D spending, R&D personnel follow spending) and the
// intensities are restored after it. The rest, and any R&D money above the caps, builds service capacity. In
// the first year innovation calibrates each zone's patent yield on its R&D spending, so funded R&D starts in
// the second year (the first year's R&D part builds services). Governments phase (from the initial state on):
// the pilots' national orientation rises to at least national_orientation.
#include "mechanisms/central_pilot/central_pilot.hpp"

#include <algorithm>
#include <cctype>

#include "zonesim/errors.hpp"
#include "zonesim/model/keys.hpp"
#include "zonesim/model/world.hpp"

namespace zonesim {

namespace {
constexpr Phase kPhases[] = {Phase::production, Phase::innovation, Phase::governments};
constexpr double kMaxIntensity = 0.5;  // the cap on R&D intensity at generation (docs/model.md)
constexpr const char* kListKey = "mechanisms.central_pilot.list";

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

// The zones named in `list` (zone_name, case-insensitive, ';'-separated), and a problem for each unknown name
// (with the closest one) or for an empty list.
struct NamedZones {
  std::vector<int> zones;
  std::vector<std::string> problems;
};

NamedZones named_zones(const std::string& list, const ZoneTable& table) {
  NamedZones out;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t end = std::min(list.find(';', start), list.size());
    const std::string name = trim(list.substr(start, end - start));
    start = end + 1;
    if (name.empty()) continue;
    int found = -1;
    std::size_t best_d = std::string::npos;
    std::string best;
    for (int z = 0; z < table.size() && found < 0; ++z) {
      const std::string& candidate = table.zones[static_cast<std::size_t>(z)].name_en;
      if (lower(candidate) == lower(name)) found = z;
      if (const std::size_t d = detail::edit_distance(lower(candidate), lower(name)); d < best_d)
        best_d = d, best = candidate;
    }
    if (found >= 0 && std::find(out.zones.begin(), out.zones.end(), found) == out.zones.end())
      out.zones.push_back(found);
    if (found < 0)
      out.problems.push_back("unknown zone '" + name + "' (did you mean '" + best +
                             "'?); names are zone_name (name_en) of the zone table, separated by ';'");
  }
  if (out.zones.empty() && out.problems.empty())
    out.problems.push_back("selection is 'list' but no zone is named");
  return out;
}

// A spec that did not pass through load_scenario (built in code) is checked here.
std::vector<int> listed_zones(const CentralPilotSpec& spec, const World& w, const std::string& source) {
  NamedZones named = named_zones(spec.list, w.table);
  if (named.problems.empty()) return named.zones;
  std::vector<std::string> problems;
  for (const auto& p : named.problems) problems.push_back(located(SourceMark{source}, kListKey, p));
  throw ScenarioError(problems);
}

}  // namespace

// The ten zones the Ministry of Science and Technology chose in 2021 to build world-leading science parks
// (Zhongguancun, Zhangjiang, Shenzhen) and world-class high-tech parks (the other seven): the zones whose
// commitment to national strategy the article's pilot fund would buy first (docs/mechanisms/central_pilot.md).
constexpr const char* kWorldClass[] = {"中关村科技园区",         "上海张江高新技术产业开发区",
                                       "深圳市高新技术产业园区", "武汉东湖新技术开发区",
                                       "苏州工业园区",           "合肥高新技术产业开发区",
                                       "西安高新技术产业开发区", "杭州高新技术产业开发区",
                                       "广州高新技术产业开发区", "成都高新技术产业开发区"};

std::vector<int> world_class_zones(const World& w) {
  std::vector<int> zones;
  for (int z = 0; z < w.zone_count(); ++z)
    for (const char* name : kWorldClass)
      if (w.table.zones[static_cast<std::size_t>(z)].name_zh == name && w.is_active(z)) zones.push_back(z);
  return zones;
}

std::vector<int> select_pilot_zones(const CentralPilotSpec& spec, const World& w, const std::string& source) {
  if (spec.selection == "list") return listed_zones(spec, w, source);
  if (spec.selection == "world_class") return world_class_zones(w);
  std::vector<int> active;
  for (int z = 0; z < w.zone_count(); ++z)
    if (w.is_active(z)) active.push_back(z);
  const bool largest = spec.selection != "lagging";
  // By the zone table's GDP for the start year (the initial state reproduces it); ties by table order.
  std::stable_sort(active.begin(), active.end(), [&](int a, int b) {
    const double ga = w.table.zones[static_cast<std::size_t>(a)].gdp,
                 gb = w.table.zones[static_cast<std::size_t>(b)].gdp;
    return largest ? ga > gb : ga < gb;
  });
  active.resize(std::min(active.size(), static_cast<std::size_t>(std::max(spec.zones, 0))));
  std::sort(active.begin(), active.end());
  return active;
}

std::span<const Phase> CentralPilot::phases() const { return kPhases; }

// Raises the R&D intensity of the pilots' enterprises by rnd_money / zone output (capped); `spent` receives
// what that costs per zone (sum of the intensity increases times output).
void CentralPilot::fund_rnd(World& w, const std::vector<double>& rnd_money, std::vector<double>& spent) {
  Enterprises& f = w.enterprises;
  const auto Z = static_cast<std::size_t>(w.zone_count());
  std::vector<double> output(Z, 0.0);
  funded_.clear();
  own_intensity_.clear();
  for (std::size_t e = 0; e < f.size(); ++e) {
    if (!(f.flags[e] & Enterprises::alive) || rnd_money[f.zone[e]] <= 0) continue;
    funded_.push_back(static_cast<std::uint32_t>(e));
    own_intensity_.push_back(f.rnd_intensity[e]);
    output[f.zone[e]] += f.output[e];
  }
  for (std::uint32_t e : funded_) {
    const std::size_t z = f.zone[e];
    if (output[z] <= 0) continue;
    const double before = f.rnd_intensity[e];
    f.rnd_intensity[e] = static_cast<float>(std::min(kMaxIntensity, before + rnd_money[z] / output[z]));
    spent[z] += (static_cast<double>(f.rnd_intensity[e]) - before) * f.output[e];
  }
}

void CentralPilot::restore_rnd(World& w) {
  for (std::size_t i = 0; i < funded_.size(); ++i)
    w.enterprises.rnd_intensity[funded_[i]] = own_intensity_[i];
  funded_.clear();
  own_intensity_.clear();
}

void CentralPilot::fund(World& w) {
  const auto Z = static_cast<std::size_t>(w.zone_count());
  std::vector<double> money(Z, 0.0), rnd_money(Z, 0.0), spent(Z, 0.0);
  for (int z : pilots_) {
    if (!w.is_active(z)) continue;
    money[static_cast<std::size_t>(z)] = spec_.amount;
    // The first year's R&D money builds services: innovation calibrates patent yields on that year's
    // spending.
    if (w.step >= 2) rnd_money[static_cast<std::size_t>(z)] = spec_.rnd_share * spec_.amount;
  }
  fund_rnd(w, rnd_money, spent);
  for (std::size_t z = 0; z < Z; ++z) {
    if (money[z] <= 0) continue;
    w.zones.external_funds[z] += money[z];
    w.zones.public_spending[z] += money[z];
    w.zones.service_capacity[z] += std::max(0.0, money[z] - spent[z]);
  }
}

void CentralPilot::run(Phase phase, World& w, const YearStats&) {
  if (!selected_) {
    pilots_ = select_pilot_zones(spec_, w, source_);
    selected_ = true;
  }
  switch (phase) {
    case Phase::production:
      fund(w);
      break;
    case Phase::innovation:
      restore_rnd(w);
      break;
    case Phase::governments:
      for (int z : pilots_) {
        double& nu = w.zones.national_orientation[static_cast<std::size_t>(z)];
        nu = std::max(nu, spec_.national_orientation);
      }
      break;
    default:
      break;
  }
}

std::unique_ptr<Model> make_central_pilot(const ScenarioSpec& spec) {
  if (!spec.mechanisms.central_pilot.enabled) return nullptr;
  return std::make_unique<CentralPilot>(spec.mechanisms.central_pilot, spec.source);
}

// Its keys, mechanisms.central_pilot.* (docs/parameters.md).
void declare_central_pilot(KeyCatalogue& keys) {
  using T = CentralPilotSpec;
  Rows<T> r(
      keys, "mechanisms.central_pilot", [](ScenarioSpec & s) -> auto& { return s.mechanisms.central_pilot; });
  r.on(&T::enabled,
       "The centre funds pilot zones to buy their commitment to national strategy (seed 000, challenge 1).");
  r.word(
      "selection", &T::selection, "world_class", {"world_class", "largest", "lagging", "list"},
      "Which zones: the ten the ministry chose in 2021 to build world-leading and world-class parks "
      "(Zhongguancun, Zhangjiang, Shenzhen; Wuhan East Lake, Suzhou Industrial Park, Hefei, Xi'an, "
      "Hangzhou, Guangzhou, Chengdu), the largest or the most lagging by GDP (zones of them), or those named "
      "in list.");
  r.word("list", &T::list, "", {},
         "Pilot zones' English names (zone_name), separated by ';' (selection: list).");
  r.whole("zones", &T::zones, 10, 1, 178, "1", "Number of pilot zones (selection largest or lagging).");
  r.num("amount", &T::amount, 10, 0, 1e4, "billion CNY/year", "Money per pilot zone a year.");
  r.num("national_orientation", &T::national_orientation, 0.8, 0, 1, "1",
        "Pilot zones' weight of the national orientation.");
  r.num("rnd_share", &T::rnd_share, 0.5, 0, 1, "1",
        "Share of the money funding enterprises' R&D (the rest: services).");
}

// Its rule at load time: every zone named in `list` exists in the scenario's zone table.
void validate_central_pilot(const ScenarioSpec& spec, Checks& checks) {
  const CentralPilotSpec& pilot = spec.mechanisms.central_pilot;
  if (!pilot.enabled || pilot.selection != "list") return;
  for (const std::string& problem : named_zones(pilot.list, zone_table_for(spec)).problems)
    checks.fail(kListKey, problem);
}

}  // namespace zonesim
