// The list of models, in the order they run within a phase: the enterprise economy, then the incentive
// schemes that are switched on (each its own file pair in models/, found by __has_include so that adding one
// touches only its own files), then the governments.
#include "core/entry_exit.hpp"
#include "core/fiscal.hpp"
#include "core/innovation.hpp"
#include "core/production.hpp"
#include "core/relocation.hpp"
#include "core/subsidy.hpp"
#include "core/tournament.hpp"
#include "zonesim/model/model.hpp"

// Each mechanism header declares std::unique_ptr<Model> make_<name>(const ScenarioSpec&), null when disabled.
#if __has_include("mechanisms/evaluation_reform/evaluation_reform.hpp")
#include "mechanisms/evaluation_reform/evaluation_reform.hpp"
#define ZONESIM_EVALUATION_REFORM make_evaluation_reform
#endif
#if __has_include("mechanisms/central_pilot/central_pilot.hpp")
#include "mechanisms/central_pilot/central_pilot.hpp"
#define ZONESIM_CENTRAL_PILOT make_central_pilot
#endif
#if __has_include("mechanisms/digital_shift/digital_shift.hpp")
#include "mechanisms/digital_shift/digital_shift.hpp"
#define ZONESIM_DIGITAL_SHIFT make_digital_shift
#endif
#if __has_include("mechanisms/competing_parks/competing_parks.hpp")
#include "mechanisms/competing_parks/competing_parks.hpp"
#define ZONESIM_COMPETING_PARKS make_competing_parks
#endif
#if __has_include("mechanisms/one_plus_n/one_plus_n.hpp")
#include "mechanisms/one_plus_n/one_plus_n.hpp"
#define ZONESIM_ONE_PLUS_N make_one_plus_n
#endif
#if __has_include("mechanisms/cross_holding/cross_holding.hpp")
#include "mechanisms/cross_holding/cross_holding.hpp"
#define ZONESIM_CROSS_HOLDING make_cross_holding
#endif
#if __has_include("mechanisms/output_sharing/output_sharing.hpp")
#include "mechanisms/output_sharing/output_sharing.hpp"
#define ZONESIM_OUTPUT_SHARING make_output_sharing
#endif
#if __has_include("mechanisms/transfer_payments/transfer_payments.hpp")
#include "mechanisms/transfer_payments/transfer_payments.hpp"
#define ZONESIM_TRANSFER_PAYMENTS make_transfer_payments
#endif
#if __has_include("mechanisms/synergy_fund/synergy_fund.hpp")
#include "mechanisms/synergy_fund/synergy_fund.hpp"
#define ZONESIM_SYNERGY_FUND make_synergy_fund
#endif
#if __has_include("mechanisms/strategic_bureau/strategic_bureau.hpp")
#include "mechanisms/strategic_bureau/strategic_bureau.hpp"
#define ZONESIM_STRATEGIC_BUREAU make_strategic_bureau
#endif

namespace zonesim {

namespace {

[[maybe_unused]] void add(ModelList& models, std::unique_ptr<Model> m) {
  if (m) models.push_back(std::move(m));
}

// Mechanisms in the order they run within a phase (docs/mechanisms.md says which phases each uses): the
// evaluation and orientation changes first, then those that shape the economy, then the money flows.
void add_mechanisms([[maybe_unused]] ModelList& models, [[maybe_unused]] const ScenarioSpec& spec) {
#ifdef ZONESIM_EVALUATION_REFORM
  add(models, ZONESIM_EVALUATION_REFORM(spec));
#endif
#ifdef ZONESIM_CENTRAL_PILOT
  add(models, ZONESIM_CENTRAL_PILOT(spec));
#endif
#ifdef ZONESIM_DIGITAL_SHIFT
  add(models, ZONESIM_DIGITAL_SHIFT(spec));
#endif
#ifdef ZONESIM_COMPETING_PARKS
  add(models, ZONESIM_COMPETING_PARKS(spec));
#endif
#ifdef ZONESIM_ONE_PLUS_N
  add(models, ZONESIM_ONE_PLUS_N(spec));
#endif
#ifdef ZONESIM_CROSS_HOLDING
  add(models, ZONESIM_CROSS_HOLDING(spec));
#endif
#ifdef ZONESIM_OUTPUT_SHARING
  add(models, ZONESIM_OUTPUT_SHARING(spec));
#endif
#ifdef ZONESIM_TRANSFER_PAYMENTS
  add(models, ZONESIM_TRANSFER_PAYMENTS(spec));
#endif
#ifdef ZONESIM_SYNERGY_FUND
  add(models, ZONESIM_SYNERGY_FUND(spec));
#endif
#ifdef ZONESIM_STRATEGIC_BUREAU
  add(models, ZONESIM_STRATEGIC_BUREAU(spec));
#endif
}

}  // namespace

ModelList make_models(const ScenarioSpec& spec) {
  ModelList models;
  models.push_back(std::make_unique<Production>(spec));
  models.push_back(std::make_unique<Innovation>(spec));
  models.push_back(std::make_unique<EntryExit>(spec));
  models.push_back(std::make_unique<Relocation>(spec));
  add_mechanisms(models, spec);
  // Governments, in order: pay this year's subsidies and build services, score the tournament, set next
  // year's subsidy policy.
  models.push_back(std::make_unique<Fiscal>(spec));
  models.push_back(std::make_unique<Tournament>(spec));
  models.push_back(std::make_unique<SubsidyPolicy>(spec));
  return models;
}

}  // namespace zonesim
