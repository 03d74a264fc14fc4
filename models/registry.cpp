// Every incentive scheme, one line each: its name, its keys, its load-time rule and its model. Adding one
// touches this table, its own folder (mechanisms/<name>/), its spec struct (include/zonesim/scenario.hpp),
// a scenario, a doc page and a test (docs/developing.md).
#include "mechanisms/central_pilot/central_pilot.hpp"
#include "mechanisms/competing_parks/competing_parks.hpp"
#include "mechanisms/cross_holding/cross_holding.hpp"
#include "mechanisms/digital_shift/digital_shift.hpp"
#include "mechanisms/evaluation_reform/evaluation_reform.hpp"
#include "mechanisms/one_plus_n/one_plus_n.hpp"
#include "mechanisms/output_sharing/output_sharing.hpp"
#include "mechanisms/strategic_bureau/strategic_bureau.hpp"
#include "mechanisms/synergy_fund/synergy_fund.hpp"
#include "mechanisms/transfer_payments/transfer_payments.hpp"
#include "zonesim/model/model.hpp"

namespace zonesim {

namespace {

// In the order of docs/specification.md section 5 (the order of their keys in docs/parameters.md and in the
// resolved scenario). `runs` is the mechanism's place among the mechanisms within a phase: the evaluation and
// orientation changes first, then what shapes the economy, then the money flows.
// clang-format off (a table reads best in columns)
constexpr Mechanism kMechanisms[] = {
    // name               runs  keys                        rule                    model
    {"cross_holding", 6, declare_cross_holding, nullptr, make_cross_holding},
    {"one_plus_n", 5, declare_one_plus_n, nullptr, make_one_plus_n},
    {"output_sharing", 7, declare_output_sharing, nullptr, make_output_sharing},
    {"transfer_payments", 8, declare_transfer_payments, nullptr, make_transfer_payments},
    {"synergy_fund", 9, declare_synergy_fund, validate_synergy_fund, make_synergy_fund},
    {"central_pilot", 2, declare_central_pilot, validate_central_pilot, make_central_pilot},
    {"evaluation_reform", 1, declare_evaluation_reform, nullptr, make_evaluation_reform},
    {"strategic_bureau", 10, declare_strategic_bureau, nullptr, make_strategic_bureau},
    {"competing_parks", 4, declare_competing_parks, nullptr, make_competing_parks},
    {"digital_shift", 3, declare_digital_shift, nullptr, make_digital_shift},
};
// clang-format on

}  // namespace

std::span<const Mechanism> mechanisms() { return kMechanisms; }

}  // namespace zonesim
