// What a measure reads from a run (a total or a metric of the year's record, at a year or summed over
// years) and the robustness measures over the states of the world. docs/optimize.md, "Robustness".
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "optimize_internal.hpp"
#include "zonesim/model/model.hpp"

namespace zonesim::detail {

const std::vector<OutputVariable>& output_variables() {
  static const std::vector<OutputVariable> all = [] {
    std::vector<OutputVariable> v;
    for (size_t i = 0; i < kTotalVars.size(); ++i)
      v.push_back({kTotalVars[i].name, kTotalVars[i].units, kTotalVars[i].long_name, static_cast<int>(i)});
    for (size_t m = 0; m < metrics::kMetrics.size(); ++m)
      for (size_t of = 0; of < kMetricVars.size(); ++of) {
        std::string name = metrics::kMetrics[m].name;
        name += '_';
        name += kMetricVarNames[of];
        std::string long_name = metrics::kMetrics[m].long_name;
        long_name += " of ";
        long_name += kMetricVarNames[of];
        v.push_back({name, "1", long_name, -1, static_cast<int>(m), static_cast<int>(of)});
      }
    return v;
  }();
  return all;
}

const OutputVariable* find_output_variable(const std::string& name) {
  for (const auto& v : output_variables())
    if (v.name == name) return &v;
  return nullptr;
}

double measure_value(const OptMeasure& m, const RunResult& result) {
  const OutputVariable* v = find_output_variable(m.variable);
  if (!v || result.years.empty()) throw std::logic_error("measure of an unknown variable: " + m.variable);
  const int first_year = result.years.front().year;
  double sum = 0;
  for (int year = m.from; year <= m.to; ++year) {
    const YearStats& y = result.years.at(static_cast<size_t>(year - first_year));
    sum += v->total >= 0 ? y.total[static_cast<size_t>(v->total)]
                         : y.metric[static_cast<size_t>(v->of)].*
                               (metrics::kMetrics[static_cast<size_t>(v->metric)].member);
  }
  return sum;
}

double percentile_of(std::vector<double> values, double p) {
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(values.begin(), values.end());
  const double rank = p / 100.0 * static_cast<double>(values.size() - 1);
  const auto lo = static_cast<size_t>(std::floor(rank));
  const size_t hi = std::min(lo + 1, values.size() - 1);
  return values[lo] + (rank - static_cast<double>(lo)) * (values[hi] - values[lo]);
}

double robust_value(const OptMeasure& m, const std::vector<double>& per_state,
                    const std::vector<double>& best, bool maximize) {
  double sum = 0;
  switch (m.robustness) {
    case Robustness::mean:
      for (double x : per_state) sum += x;
      return sum / static_cast<double>(per_state.size());
    case Robustness::percentile:
      return percentile_of(per_state, m.percentile);
    case Robustness::regret: {
      double worst = 0;
      for (size_t s = 0; s < per_state.size(); ++s) {
        const double regret = maximize ? best[s] - per_state[s] : per_state[s] - best[s];
        sum += regret;
        worst = std::max(worst, regret);
      }
      return m.regret_mean ? sum / static_cast<double>(per_state.size()) : worst;
    }
  }
  return 0;
}

}  // namespace zonesim::detail

namespace zonesim {

std::vector<double> ModelEvaluator::run(const std::vector<double>& design, int state, int replicate) const {
  omp_set_num_threads(1);  // the loops inside a run run serially (one thread per inner team)
  const ScenarioSpec spec = load_scenario(plan_.base, plan_.overrides(design, state));
  const RunResult result =
      simulate(spec, table_, RunKey{plan_.seed, static_cast<std::uint64_t>(replicate)}, make_models(spec));
  std::vector<double> values;
  for (const OptMeasure* m : plan_.measures()) values.push_back(detail::measure_value(*m, result));
  return values;
}

}  // namespace zonesim
