// Numerical and memory guards (docs/robustness.md).
#include "zonesim/guards.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "zonesim/errors.hpp"
#include "zonesim/model/world.hpp"

namespace zonesim {
namespace {

struct ZoneArray {
  const char* name;
  std::vector<double> ZoneState::*values;
  bool may_be_negative;
};

// The zone state every phase reads; signed where a balance or a score can go below zero.
constexpr ZoneArray kZoneArrays[] = {
    {"land_capacity", &ZoneState::land_capacity, false},
    {"patents", &ZoneState::patents, false},
    {"patent_stock", &ZoneState::patent_stock, false},
    {"rnd_personnel", &ZoneState::rnd_personnel, false},
    {"place_factor", &ZoneState::place_factor, false},
    {"labour_cost", &ZoneState::labour_cost, false},
    {"occupancy", &ZoneState::occupancy, false},
    {"service_capacity", &ZoneState::service_capacity, false},
    {"infrastructure", &ZoneState::infrastructure, false},
    {"wage", &ZoneState::wage, false},
    {"rnd_spending", &ZoneState::rnd_spending, false},
    {"talent_wage", &ZoneState::talent_wage, false},
    {"rnd_input_ratio", &ZoneState::rnd_input_ratio, false},
    {"talent_programme", &ZoneState::talent_programme, false},
    {"subsidy_offer", &ZoneState::subsidy_offer, false},
    {"payout_ratio", &ZoneState::payout_ratio, false},
    {"subsidy_share", &ZoneState::subsidy_share, false},
    {"revenue", &ZoneState::revenue, false},
    {"transfers_in", &ZoneState::transfers_in, true},
    {"subsidy_budget", &ZoneState::subsidy_budget, false},
    {"services_spending", &ZoneState::services_spending, false},
    {"development_spending", &ZoneState::development_spending, false},
    {"subsidy_paid", &ZoneState::subsidy_paid, false},
    {"subsidy_waste", &ZoneState::subsidy_waste, false},
    {"fiscal_balance", &ZoneState::fiscal_balance, true},
    {"tournament_score", &ZoneState::tournament_score, true},
    {"tournament_pressure", &ZoneState::tournament_pressure, false},
    {"national_orientation", &ZoneState::national_orientation, true},
    {"equity_out", &ZoneState::equity_out, false},
    {"equity_in", &ZoneState::equity_in, false},
    {"service_import", &ZoneState::service_import, false},
    {"earmarked", &ZoneState::earmarked, true},
    {"venture_capital", &ZoneState::venture_capital, false},
    {"external_funds", &ZoneState::external_funds, false},
    {"public_spending", &ZoneState::public_spending, false},
    {"public_cost", &ZoneState::public_cost, false},
    {"industrial_gdp", &ZoneState::industrial_gdp, false},
    {"energy_use", &ZoneState::energy_use, false},
    {"co2_emissions", &ZoneState::co2_emissions, false},
    {"energy_intensity", &ZoneState::energy_intensity, false},
    {"co2_intensity", &ZoneState::co2_intensity, false},
    {"service_export", &ZoneState::service_export, false},
    {"talent_share", &ZoneState::talent_share, false},
    {"development_share", &ZoneState::development_share, false},
    {"offer_payments", &ZoneState::offer_payments, false},
    {"offer_waste", &ZoneState::offer_waste, false},
    {"agreement_cost", &ZoneState::agreement_cost, false},
    {"agreement_support", &ZoneState::agreement_support, false},
    {"poaching_offers", &ZoneState::poaching_offers, false},
    {"poaching_moves", &ZoneState::poaching_moves, false},
    {"retention_offers", &ZoneState::retention_offers, false},
    {"cooperation_proposals", &ZoneState::cooperation_proposals, false},
    {"cooperation_agreements", &ZoneState::cooperation_agreements, false},
    {"cooperation_refusals", &ZoneState::cooperation_refusals, false},
    {"budget_subsidies", &ZoneState::budget_subsidies, false},
    {"budget_services", &ZoneState::budget_services, false},
    {"budget_land", &ZoneState::budget_land, false},
    {"budget_talent", &ZoneState::budget_talent, false},
    {"budget_cooperation", &ZoneState::budget_cooperation, false},
    {"relocations_in", &ZoneState::relocations_in, false},
    {"relocations_out", &ZoneState::relocations_out, false},
};

// Peak resident memory per enterprise of whole runs, measured with `zonesim run` (peak_rss_mib) on
// scenarios/all_schemes.yaml: 52 bytes over 4 years, 69 over 12 (births add enterprises), 1-3 million
// enterprises. The 34 bytes of state plus the models' scratch; rounded up for headroom.
constexpr double kPeakBytesPerEnterprise = 80;
constexpr double kFixedBytes = 32.0 * 1024 * 1024;  // measured about 11 MiB

}  // namespace

void check_zone_state(const World& w) {
  const auto zones = static_cast<std::size_t>(w.zone_count());
  for (const ZoneArray& a : kZoneArrays) {
    const std::vector<double>& v = w.zones.*a.values;
    const std::size_t per_zone = zones ? v.size() / zones : 0;  // some arrays hold one value per sector
    for (std::size_t i = 0; i < v.size(); ++i) {
      const double x = v[i];
      if (std::isfinite(x) && (a.may_be_negative || x >= 0)) continue;
      const std::size_t z = per_zone ? i / per_zone : 0;
      char value[32];
      std::snprintf(value, sizeof value, "%g", x);
      throw NumericalError("zone state " + std::string(a.name) + " is " + value + " in zone " +
                           std::to_string(z) + " (" +
                           (z < w.table.zones.size() ? w.table.zones[z].name_en : std::string("?")) +
                           ") in year " + std::to_string(w.year) +
                           (per_zone > 1 ? " (entry " + std::to_string(i % per_zone) + " of the zone)" : ""));
    }
  }
}

double estimate_run_bytes(const ScenarioSpec& spec) {
  const double years = spec.time.end - spec.time.start + 1;
  return static_cast<double>(spec.enterprises.count) * kPeakBytesPerEnterprise + kFixedBytes +
         years * 200 * 1024;
}

double usable_memory_bytes() {
  double have =
      0.8 * static_cast<double>(sysconf(_SC_PHYS_PAGES)) * static_cast<double>(sysconf(_SC_PAGE_SIZE));
  for (int resource : {RLIMIT_AS, RLIMIT_DATA}) {
    struct rlimit limit {};
    if (getrlimit(resource, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
      have = have > 0 ? std::min(have, static_cast<double>(limit.rlim_cur))
                      : static_cast<double>(limit.rlim_cur);
  }
  return have;
}

void check_memory(const std::string& source, const std::string& what, double need,
                  const std::string& advice) {
  const double have = usable_memory_bytes();
  if (have <= 0 || need <= have) return;
  char text[160];
  std::snprintf(text, sizeof text, " need about %.1f GB, more than the %.1f GB this process may use",
                need / 1e9, have / 1e9);
  throw InputError(source + ": enterprises.count: " + what + text + " (" + advice + ")");
}

}  // namespace zonesim
