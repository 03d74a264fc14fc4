#pragma once
// Provincial transfer payments (docs/specification.md 5.4; seed 001 incentive 3): the province funds co-built projects and
// compensates the zone that loses enterprises to a partner (docs/mechanisms/transfer_payments.md). Partners
// are zones linked by a cooperation or equity edge (one_plus_n, cross_holding): without them it pays nothing.
#include <memory>
#include <utility>
#include <vector>

#include "zonesim/model/model.hpp"
#include "zonesim/model/world.hpp"

namespace zonesim {

struct KeyCatalogue;
class Checks;

class TransferPayments : public Model {
 public:
  explicit TransferPayments(const ScenarioSpec& spec)
      : p_(spec.mechanisms.transfer_payments), tax_rate_(spec.governments.tax_rate) {}
  const char* name() const override { return "transfer_payments"; }
  std::span<const Phase> phases() const override;
  void run(Phase phase, World& world, const YearStats& stats) override;

  // Paid in the last year run: compensation and project funding, billion CNY.
  double compensation_paid() const { return compensation_paid_; }
  double project_funding_paid() const { return project_funding_paid_; }

 private:
  void compensate(World& world, const std::vector<std::pair<int, int>>& links);
  void fund_projects(World& world, const std::vector<std::pair<int, int>>& links);
  TransferPaymentsSpec p_;
  double tax_rate_;
  double compensation_paid_ = 0, project_funding_paid_ = 0;
};

// Zone pairs (a < b) linked by a cooperation or an equity edge in either direction, sorted, each once.
std::vector<std::pair<int, int>> partner_pairs(const World& world);

// Null when mechanisms.transfer_payments.enabled is false.
std::unique_ptr<Model> make_transfer_payments(const ScenarioSpec& spec);

// Its keys, mechanisms.transfer_payments.*, declared in the catalogue of scenario keys (models/models.cpp).
void declare_transfer_payments(KeyCatalogue& keys);

}  // namespace zonesim
