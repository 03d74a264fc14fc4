// The keys of the incentive schemes, mechanisms.<name>.* (MODEL.md section 5; docs/mechanisms.md).
#include "scenario/schema.hpp"

namespace zonesim::detail {

namespace {

using M = MechanismsSpec;

// Adds mechanisms.<name>.<key> rows for one mechanism; `get` maps a ScenarioSpec to the mechanism's struct.
template <class GetMechanism>
class Rows {
 public:
  Rows(std::vector<FieldDecl>& f, std::string name, GetMechanism get) : f_(f), prefix_("mechanisms." + name + "."), get_(get) {}

  template <class Member>
  void on(Member member, const std::string& help) {
    auto g = get_;
    f_.push_back(boolean(prefix_ + "enabled", [g, member](ScenarioSpec& s) -> auto& { return g(s).*member; }, false,
                         help));
  }
  template <class Member>
  void num(const std::string& key, Member member, double def, double lo, double hi, const char* unit,
           const std::string& help) {
    auto g = get_;
    f_.push_back(real(prefix_ + key, [g, member](ScenarioSpec& s) -> auto& { return g(s).*member; }, def, lo, hi,
                      unit, help));
  }
  template <class Member>
  void whole(const std::string& key, Member member, long long def, double lo, double hi, const char* unit,
             const std::string& help) {
    auto g = get_;
    f_.push_back(integer(prefix_ + key, [g, member](ScenarioSpec& s) -> auto& { return g(s).*member; }, def, lo,
                         hi, unit, help));
  }
  template <class Member>
  void flag(const std::string& key, Member member, bool def, const std::string& help) {
    auto g = get_;
    f_.push_back(boolean(prefix_ + key, [g, member](ScenarioSpec& s) -> auto& { return g(s).*member; }, def, help));
  }
  template <class Member>
  void word(const std::string& key, Member member, const std::string& def, std::vector<std::string> choices,
            const std::string& help) {
    auto g = get_;
    f_.push_back(text(prefix_ + key, FieldType::Text, [g, member](ScenarioSpec& s) -> auto& { return g(s).*member; },
                      def, help, std::move(choices)));
  }

 private:
  std::vector<FieldDecl>& f_;
  std::string prefix_;
  GetMechanism get_;
};

template <class GetMechanism>
Rows<GetMechanism> rows(std::vector<FieldDecl>& f, const char* name, GetMechanism get) {
  return Rows<GetMechanism>(f, name, get);
}

void cross_holding(std::vector<FieldDecl>& f) {
  auto r = rows(f, "cross_holding", [](ScenarioSpec& s) -> auto& { return s.mechanisms.cross_holding; });
  using T = CrossHoldingSpec;
  r.on(&T::enabled, "Advanced zones' asset companies buy equity in lagging zones' projects (seed 001, incentive 2).");
  r.num("investor_share", &T::investor_share, 0.1, 0, 1, "1", "The most advanced zones that invest (share of zones, by GDP).");
  r.num("investee_share", &T::investee_share, 0.5, 0, 1, "1", "The lagging zones invested in (share of zones, by GDP).");
  r.num("investment_rate", &T::investment_rate, 0.05, 0, 1, "1/year", "Yearly investment as a share of the investor's fiscal revenue.");
  r.num("dividend_rate", &T::dividend_rate, 0.06, 0, 1, "1/year", "Yearly dividend as a share of the equity held.");
  r.num("same_province_preference", &T::same_province_preference, 0.7, 0, 1, "1",
        "Share of the investment that stays in the investor's province when it has lagging zones.");
  r.num("capital_to_services", &T::capital_to_services, 1, 0, 10, "1",
        "Service capacity built in the investee per unit of capital received.");
}

void one_plus_n(std::vector<FieldDecl>& f) {
  auto r = rows(f, "one_plus_n", [](ScenarioSpec& s) -> auto& { return s.mechanisms.one_plus_n; });
  using T = OnePlusNSpec;
  r.on(&T::enabled, "Provincial \"1+N\" networks: the first-class zone leads N weaker zones (seed 001, section 3).");
  r.word("leader_rule", &T::leader_rule, "largest", {"largest", "capital"},
         "The leader: the province's largest zone by GDP, or the main zone of the provincial capital.");
  r.whole("members", &T::members, 3, 0, 100, "1", "N: the weakest zones of the province that the leader leads (0 = all).");
  r.flag("tech_enabling", &T::tech_enabling, true, "Tech-enabling cooperation: knowledge spills from leader to members.");
  r.flag("chain_extension", &T::chain_extension, true,
         "Chain-extension cooperation: members share the leader's own-sector agglomeration (up/downstream).");
  r.flag("cross_fusion", &T::cross_fusion, true, "Cross-fusion cooperation: members share the leader's all-sector agglomeration.");
  r.num("service_export_share", &T::service_export_share, 0.2, 0, 1, "1",
        "Share of the leader's service capacity (brand, platforms) that each member uses.");
  r.num("spillover_weight", &T::spillover_weight, 1, 0, 10, "1", "Weight of the tech-enabling cooperation edge.");
  r.num("chain_link", &T::chain_link, 0.1, 0, 1, "1", "Leader's own-sector employment counted in a member's agglomeration.");
  r.num("fusion_link", &T::fusion_link, 0.05, 0, 1, "1", "Leader's total employment counted in a member's agglomeration.");
  r.num("move_cost_discount", &T::move_cost_discount, 0.5, 0, 1, "1",
        "Cut of the moving cost from the leader into its members (branch parks take its overflow).");
}

void output_sharing(std::vector<FieldDecl>& f) {
  auto r = rows(f, "output_sharing", [](ScenarioSpec& s) -> auto& { return s.mechanisms.output_sharing; });
  using T = OutputSharingSpec;
  r.on(&T::enabled, "A moved enterprise's output counts to its origin for K years (seed 001, incentive 1).");
  r.whole("years", &T::years, 2, 1, 30, "year", "K: years after a move during which the origin keeps its share.");
  r.num("origin_share", &T::origin_share, 0.5, 0, 1, "1", "Share counted to the origin: 1 (wholly), 0.5 (50:50), 0.3 (30:70).");
  r.num("co_built_share", &T::co_built_share, 0.5, 0, 1, "1",
        "Share of a co-built project's output (equity-held) counted to the investors, by their stakes.");
  r.num("origin_resistance", &T::origin_resistance, 0.3, 0, 1, "1",
        "Share of the moving cost between zones that is the origin's resistance; it falls by the share of the "
        "mover's output the origin keeps over official_horizon.");
  r.whole("official_horizon", &T::official_horizon, 5, 1, 50, "year",
          "Years over which the origin's officials weigh the loss of a mover (a term of office).");
}

void transfer_payments(std::vector<FieldDecl>& f) {
  auto r = rows(f, "transfer_payments", [](ScenarioSpec& s) -> auto& { return s.mechanisms.transfer_payments; });
  using T = TransferPaymentsSpec;
  r.on(&T::enabled, "The province funds co-built projects and compensates the losing side (seed 001, incentive 3).");
  r.num("compensation_rate", &T::compensation_rate, 0.5, 0, 1, "1",
        "Share of the fiscal revenue lost with enterprises moving to a partner zone that the province pays back.");
  r.num("project_funding", &T::project_funding, 1, 0, 1000, "billion CNY/year",
        "Provincial funding per co-built project (cooperation or equity link) a year.");
  r.whole("compensation_years", &T::compensation_years, 2, 1, 30, "year",
          "Years after a move to a partner zone during which the province compensates the revenue lost with it.");
}

void synergy_fund(std::vector<FieldDecl>& f) {
  auto r = rows(f, "synergy_fund", [](ScenarioSpec& s) -> auto& { return s.mechanisms.synergy_fund; });
  using T = SynergyFundSpec;
  r.on(&T::enabled, "Provincial synergy funds for lagging zones: development, industry, venture (seed 001, enabling 1).");
  r.num("size", &T::size, 100, 0, 1e5, "billion CNY/year", "All provinces' funds a year, shared by provincial GDP.");
  r.num("development_share", &T::development_share, 0.4, 0, 1, "1", "Part for land and infrastructure (zone capacity).");
  r.num("industry_share", &T::industry_share, 0.3, 0, 1, "1", "Part for industrial chains (the zone's services).");
  r.num("venture_share", &T::venture_share, 0.3, 0, 1, "1", "Part for start-ups (venture capital).");
  r.num("lagging_share", &T::lagging_share, 0.5, 0, 1, "1", "The lagging zones of each province that receive it (by GDP).");
  r.num("land_cost", &T::land_cost, 2, 0.01, 1000, "billion CNY/km2", "Cost of developing one km2 of zone land.");
}

void central_pilot(std::vector<FieldDecl>& f) {
  auto r = rows(f, "central_pilot", [](ScenarioSpec& s) -> auto& { return s.mechanisms.central_pilot; });
  using T = CentralPilotSpec;
  r.on(&T::enabled, "The centre funds pilot zones to buy their commitment to national strategy (seed 000, challenge 1).");
  r.word("selection", &T::selection, "largest", {"largest", "lagging", "list"},
         "Which zones: the largest by GDP, the most lagging, or those named in list.");
  r.word("list", &T::list, "", {}, "Pilot zones' English names (zone_name), separated by ';' (selection: list).");
  r.whole("zones", &T::zones, 10, 1, 178, "1", "Number of pilot zones (selection largest or lagging).");
  r.num("amount", &T::amount, 10, 0, 1e4, "billion CNY/year", "Money per pilot zone a year.");
  r.num("national_orientation", &T::national_orientation, 0.8, 0, 1, "1", "Pilot zones' weight of the national orientation.");
  r.num("rnd_share", &T::rnd_share, 0.5, 0, 1, "1", "Share of the money funding enterprises' R&D (the rest: services).");
}

void evaluation_reform(std::vector<FieldDecl>& f) {
  auto r = rows(f, "evaluation_reform", [](ScenarioSpec& s) -> auto& { return s.mechanisms.evaluation_reform; });
  using T = EvaluationReformSpec;
  using E = EvaluationSpec;
  r.on(&T::enabled, "Cooperation, radiation and the national evaluation enter the tournament (seed 000, seed 001).");
  auto w = [&](const char* key, double E::*member, double def, const char* help) {
    f.push_back(real(std::string("mechanisms.evaluation_reform.weights.") + key,
                     [member](ScenarioSpec& s) -> auto& { return s.mechanisms.evaluation_reform.weights.*member; }, def,
                     0, 100, "1", help));
  };
  w("gdp", &E::gdp, 0.4, "Reformed weight of attributed GDP growth.");
  w("tax", &E::tax, 0, "Reformed weight of fiscal revenue growth.");
  w("innovation", &E::innovation, 0.2, "Reformed weight of invention patent growth.");
  w("cooperation", &E::cooperation, 0.15, "Reformed weight of cooperation ties.");
  w("radiation", &E::radiation, 0.15, "Reformed weight of radiation (enterprises moved out, knowledge diffused).");
  w("national", &E::national, 0.1, "Reformed weight of the ministry's national evaluation.");
  r.num("national_orientation", &T::national_orientation, 0.4, 0, 1, "1",
        "Reformed weight of the national orientation (the ministry's evaluation counts in promotions).");
}

void strategic_bureau(std::vector<FieldDecl>& f) {
  auto r = rows(f, "strategic_bureau", [](ScenarioSpec& s) -> auto& { return s.mechanisms.strategic_bureau; });
  using T = StrategicBureauSpec;
  r.on(&T::enabled, "Zones fund 10-20-year disruptive projects that tolerate 80%+ failure (seed 000, challenge 4).");
  r.whole("zones", &T::zones, 20, 0, 178, "1", "The largest zones that set up a bureau (0 = all).");
  r.num("budget_share", &T::budget_share, 0.1, 0, 1, "1", "Share of the discretionary budget committed to projects.");
  r.whole("horizon", &T::horizon, 10, 1, 50, "year", "Years from a project's launch to its outcome.");
  r.num("success_probability", &T::success_probability, 0.15, 0, 1, "1", "A project's chance of success.");
  r.num("success_productivity", &T::success_productivity, 0.3, 0, 5, "1",
        "Productivity gain of the zone's enterprises in the project's sector when it succeeds.");
  r.num("knowledge_per_billion", &T::knowledge_per_billion, 50, 0, 1e5, "1/billion CNY",
        "Patent-equivalents added to the zone's knowledge per billion CNY spent, success or not (whale fall).");
  r.num("talent_per_billion", &T::talent_per_billion, 300, 0, 1e6, "persons/billion CNY",
        "R&D personnel the zone keeps per billion CNY spent, success or not.");
}

void competing_parks(std::vector<FieldDecl>& f) {
  auto r = rows(f, "competing_parks", [](ScenarioSpec& s) -> auto& { return s.mechanisms.competing_parks; });
  using T = CompetingParksSpec;
  r.on(&T::enabled, "Non-national parks and new science cities drain firms with generous subsidies (seed 000).");
  r.num("offer", &T::offer, 0.3, 0, 1, "1", "Subsidy the parks offer, as a share of the mover's value added.");
  r.num("offer_growth", &T::offer_growth, 0.02, -1, 1, "1/year", "Yearly growth of the parks' offer.");
  r.num("attractiveness", &T::attractiveness, -1, -100, 100, "1",
        "Utility of moving to a park apart from its offer (negative: thinner ecosystems than national zones).");
  r.num("place_share", &T::place_share, 1, 0, 1, "1",
        "Share (in logs) of its zone's place factor a mover keeps in a park nearby (1: same city; 0: factor 1).");
}

void digital_shift(std::vector<FieldDecl>& f) {
  auto r = rows(f, "digital_shift", [](ScenarioSpec& s) -> auto& { return s.mechanisms.digital_shift; });
  using T = DigitalShiftSpec;
  r.on(&T::enabled, "A growing share of digital enterprises, weakly tied to place (seed 000, challenge 5).");
  r.num("entrant_share_growth", &T::entrant_share_growth, 0.02, 0, 1, "1/year", "Yearly rise of the digital share of entrants.");
  r.num("max_share", &T::max_share, 0.5, 0, 1, "1", "Cap on the digital share of entrants.");
  r.num("place_tie_change", &T::place_tie_change, -0.02, -1, 1, "1/year",
        "Yearly change of the digital place tie (production.digital_place_tie), kept in [0, 1].");
}

}  // namespace

void add_mechanism_fields(std::vector<FieldDecl>& f) {
  cross_holding(f);
  one_plus_n(f);
  output_sharing(f);
  transfer_payments(f);
  synergy_fund(f);
  central_pilot(f);
  evaluation_reform(f);
  strategic_bureau(f);
  competing_parks(f);
  digital_shift(f);
}

}  // namespace zonesim::detail
