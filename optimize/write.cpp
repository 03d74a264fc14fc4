// pareto.h5: the non-dominated set (FIXED names: dimensions design, objective, variable; pareto_objectives,
// pareto_decisions, objective_name, objective_sense, variable_name, hypervolume), every evaluated design with
// its objectives per state of the world, and the final population. The conventions of the result file: named
// dimensions (HDF5 dimension scales), units and long names on every variable, provenance at the root.
// docs/optimize.md, "The output".
#include <ctime>
#include <map>

#include "optimize_internal.hpp"
#include "output/h5.hpp"
#include "zonesim/version.hpp"

namespace zonesim::detail {
namespace {

using h5::Handle;

class Writer {
 public:
  explicit Writer(const std::string& path) : ctx_{path, false} {
    h5::quiet();
    Handle fcpl(ctx_.check(H5Pcreate(H5P_FILE_CREATE), "create file properties"), H5Pclose);
    ctx_.ok(H5Pset_link_creation_order(fcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED), "order links");
    ctx_.ok(H5Pset_attr_creation_order(fcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
            "order attributes");
    file_ = Handle(ctx_.check(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, fcpl, H5P_DEFAULT), "create the file"),
                   H5Fclose);
  }

  void attribute(const char* name, const std::string& value) {
    h5::set_string_attr(ctx_, file_, name, value);
  }

  // A dimension with the index 0..n-1 as its coordinate.
  void dimension(const std::string& name, size_t n, const std::string& long_name) {
    std::vector<long long> index(n);
    for (size_t i = 0; i < n; ++i) index[i] = static_cast<long long>(i);
    Handle ds = dataset(name, H5T_STD_I64LE, {n});
    if (n)
      ctx_.ok(H5Dwrite(ds, H5T_NATIVE_LLONG, H5S_ALL, H5S_ALL, H5P_DEFAULT, index.data()), "write " + name);
    ctx_.ok(H5DSset_scale(ds, name.c_str()), "make " + name + " a dimension scale");
    describe(ds, "1", long_name);
    dims_[name] = std::move(ds);
  }

  // Values in row-major order over the axes.
  void reals(const std::string& name, const std::vector<std::string>& axes, const std::vector<double>& values,
             const std::string& units, const std::string& long_name) {
    Handle ds = dataset(name, H5T_IEEE_F64LE, shape(axes));
    if (!values.empty())
      ctx_.ok(H5Dwrite(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), "write " + name);
    finish(ds, axes, name, units, long_name);
  }

  void integers(const std::string& name, const std::string& axis, const std::vector<long long>& values,
                const std::string& long_name) {
    Handle ds = dataset(name, H5T_STD_I64LE, shape({axis}));
    if (!values.empty())
      ctx_.ok(H5Dwrite(ds, H5T_NATIVE_LLONG, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), "write " + name);
    finish(ds, {axis}, name, "1", long_name);
  }

  void texts(const std::string& name, const std::string& axis, const std::vector<std::string>& values,
             const std::string& long_name) {
    Handle type(ctx_.check(H5Tcopy(H5T_C_S1), "copy a string type"), H5Tclose);
    ctx_.ok(H5Tset_size(type, H5T_VARIABLE), "size a string type");
    ctx_.ok(H5Tset_cset(type, H5T_CSET_UTF8), "set UTF-8");
    Handle ds = dataset(name, type, shape({axis}));
    std::vector<const char*> ptrs;
    for (const auto& v : values) ptrs.push_back(v.c_str());
    if (!ptrs.empty())
      ctx_.ok(H5Dwrite(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()), "write " + name);
    finish(ds, {axis}, name, "1", long_name);
  }

  void close() {
    dims_.clear();
    ctx_.ok(H5Fflush(file_, H5F_SCOPE_GLOBAL), "flush the file");
    file_.reset();
  }

 private:
  std::vector<hsize_t> shape(const std::vector<std::string>& axes) const {
    std::vector<hsize_t> s;
    for (const auto& a : axes) {
      hsize_t n = 0;
      Handle space(ctx_.check(H5Dget_space(dims_.at(a)), "get the space of " + a), H5Sclose);
      H5Sget_simple_extent_dims(space, &n, nullptr);
      s.push_back(n);
    }
    return s;
  }

  Handle dataset(const std::string& name, hid_t type, const std::vector<hsize_t>& shape) {
    Handle space(ctx_.check(H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr),
                            "create the space of " + name),
                 H5Sclose);
    Handle dcpl(ctx_.check(H5Pcreate(H5P_DATASET_CREATE), "create properties"), H5Pclose);
    ctx_.ok(H5Pset_attr_creation_order(dcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
            "order attributes");
    return Handle(ctx_.check(H5Dcreate2(file_, name.c_str(), type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
                             "create dataset " + name),
                  H5Dclose);
  }

  void describe(hid_t ds, const std::string& units, const std::string& long_name) {
    if (!units.empty()) h5::set_string_attr(ctx_, ds, "units", units);
    h5::set_string_attr(ctx_, ds, "long_name", long_name);
  }

  void finish(hid_t ds, const std::vector<std::string>& axes, const std::string& name,
              const std::string& units, const std::string& long_name) {
    describe(ds, units, long_name);
    for (size_t i = 0; i < axes.size(); ++i)
      ctx_.ok(H5DSattach_scale(ds, dims_.at(axes[i]), static_cast<unsigned>(i)),
              "attach " + axes[i] + " to " + name);
  }

  h5::Context ctx_;
  Handle file_;
  std::map<std::string, Handle> dims_;
};

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// The sense pareto_objectives is read in: a regret is always minimised.
std::string sense_of(const OptObjective& o) {
  return o.maximize && o.measure.robustness != Robustness::regret ? "max" : "min";
}

std::string measure_text(const OptMeasure& m) {
  std::string t = m.variable;
  if (m.from == m.to) {
    t += " in ";
  } else {
    t += " summed over ";
    t += std::to_string(m.from);
    t += '-';
  }
  t += std::to_string(m.to);
  t += ", ";
  t += robustness_name(m.robustness);
  if (m.robustness == Robustness::percentile) {
    char p[32];
    std::snprintf(p, sizeof p, " %g", m.percentile);
    t += p;
  }
  if (m.robustness == Robustness::regret)
    t += m.regret_mean ? " (mean over states)" : " (maximum over states)";
  t += " over the states of the world";
  return t;
}

std::vector<double> rows(const std::vector<std::vector<double>>& table, const std::vector<long long>& pick) {
  std::vector<double> out;
  for (long long i : pick)
    out.insert(out.end(), table[static_cast<size_t>(i)].begin(), table[static_cast<size_t>(i)].end());
  return out;
}

void write_axes(Writer& w, const OptPlan& plan) {
  std::vector<std::string> names, senses, measures, units, vnames, vunits, unames, cnames;
  std::vector<long long> vint;
  for (const auto& o : plan.objectives) {
    names.push_back(o.name);
    senses.push_back(sense_of(o));
    measures.push_back(measure_text(o.measure));
    units.push_back(o.measure.units);
  }
  w.texts("objective_name", "objective", names, "objective name (as in the optimisation file)");
  w.texts("objective_sense", "objective", senses,
          "direction in which the objective's robust value is better (min or max)");
  w.texts("objective_measure", "objective", measures,
          "output variable, years and robustness measure of the objective");
  w.texts("objective_units", "objective", units, "units of the objective's output variable");
  for (const auto& v : plan.variables) {
    vnames.push_back(v.key_path);
    vunits.push_back(v.unit);
    vint.push_back(v.integer);
  }
  w.texts("variable_name", "variable", vnames, "decision variable (scenario key)");
  w.texts("variable_units", "variable", vunits, "units of the decision variable");
  std::vector<double> lo, hi;
  for (const auto& v : plan.variables) lo.push_back(v.low), hi.push_back(v.high);
  w.reals("variable_low", {"variable"}, lo, "", "lower bound of the decision variable");
  w.reals("variable_high", {"variable"}, hi, "", "upper bound of the decision variable");
  w.integers("variable_integer", "variable", vint, "1 when the decision variable takes whole values");
  for (const auto& u : plan.uncertain) unames.push_back(u.key_path);
  w.texts("uncertain_name", "uncertain", unames, "uncertain parameter (scenario key)");
  std::vector<double> states;
  for (const auto& s : plan.state_values) states.insert(states.end(), s.begin(), s.end());
  w.reals("state_values", {"state", "uncertain"}, states, "",
          "value of each uncertain parameter in each state of the world (Latin hypercube)");
  for (const auto& c : plan.constraints) cnames.push_back(c.name);
  w.texts("constraint_name", "constraint", cnames, "constraint name (as in the optimisation file)");
}

}  // namespace

void write_pareto(const std::string& path, const OptPlan& plan, const OptResults& r,
                  const std::string& command) {
  Writer w(path);
  const std::string created = utc_now();
  w.attribute("Conventions", "CF-1.8");
  w.attribute("title", plan.title);
  w.attribute("institution", "zonesim");
  w.attribute("zonesim_version", kVersion);
  w.attribute("git_commit", kGitCommit);
  w.attribute("created", created);
  w.attribute("command", command);
  w.attribute("history", created + ": " + command);
  w.attribute("optimize_definition", plan.definition);
  w.attribute("optimize_hash", hash_text(plan.hash));
  w.attribute("optimize_algorithm", "pagmo2 nsga2 (Deb et al. 2002)");
  if (plan.first.resolved_yaml.size() < 60000)  // an attribute's limit is 64 KiB
    w.attribute("base_scenario_yaml", plan.first.resolved_yaml);
  const size_t M = plan.objectives.size(), Q = plan.measures().size();
  w.dimension("design", r.pareto.size(), "design of the non-dominated set (index)");
  w.dimension("objective", M, "objective (index)");
  w.dimension("variable", plan.variables.size(), "decision variable (index)");
  w.dimension("generation", r.hypervolume.size(), "generation (0: the initial population)");
  w.dimension("evaluated", r.decisions.size(),
              "evaluated design, in the order the search first asked for it");
  w.dimension("member", r.population.size(), "member of the final population");
  w.dimension("state", static_cast<size_t>(plan.states), "state of the world (index)");
  w.dimension("uncertain", plan.uncertain.size(), "uncertain parameter (index)");
  w.dimension("constraint", plan.constraints.size(), "constraint (index)");
  w.dimension("quantity", Q, "measured quantity: the objectives, then the constraints");
  write_axes(w, plan);

  w.reals("pareto_objectives", {"design", "objective"}, rows(r.objectives, r.pareto), "",
          "robust value of each objective (units: objective_units; sense: objective_sense)");
  w.reals("pareto_decisions", {"design", "variable"}, rows(r.decisions, r.pareto), "",
          "decision values (units: variable_units)");
  w.integers("pareto_evaluated", "design", r.pareto, "the design's index along evaluated");
  w.reals(
      "hypervolume", {"generation"}, r.hypervolume, "1",
      "hypervolume of the population's feasible non-dominated robust objectives (product of the objectives' "
      "units) against hypervolume_reference");
  w.reals("hypervolume_reference", {"objective"}, r.reference, "",
          "reference point of the hypervolume (units: objective_units)");

  w.reals("evaluated_decisions", {"evaluated", "variable"},
          rows(r.decisions,
               [&] {
                 std::vector<long long> all(r.decisions.size());
                 for (size_t i = 0; i < all.size(); ++i) all[i] = static_cast<long long>(i);
                 return all;
               }()),
          "", "decision values of every evaluated design (units: variable_units)");
  std::vector<double> objectives, constraints, per_state;
  for (const auto& o : r.objectives) objectives.insert(objectives.end(), o.begin(), o.end());
  for (const auto& c : r.constraints) constraints.insert(constraints.end(), c.begin(), c.end());
  for (const auto& d : r.state_values)
    for (const auto& s : d) per_state.insert(per_state.end(), s.begin(), s.end());
  w.reals("evaluated_objectives", {"evaluated", "objective"}, objectives, "",
          "robust value of each objective (final reference)");
  w.reals("evaluated_constraints", {"evaluated", "constraint"}, constraints, "",
          "robust value of each constraint's measure");
  w.reals("evaluated_state_values", {"evaluated", "state", "quantity"}, per_state, "",
          "each quantity's value in each state of the world, mean over replicates (units: objective_units, "
          "then the constraints')");
  std::vector<long long> feasible(r.feasible.begin(), r.feasible.end()),
      generation(r.generation.begin(), r.generation.end());
  w.integers("evaluated_feasible", "evaluated", feasible, "1 when the design meets every constraint");
  w.integers("evaluated_generation", "evaluated", generation,
             "generation in which the design was first evaluated");
  w.integers("population_evaluated", "member", r.population,
             "the final population's designs (index along evaluated)");
  w.reals("population_objectives", {"member", "objective"}, rows(r.objectives, r.population), "",
          "robust value of each objective");
  w.reals("population_decisions", {"member", "variable"}, rows(r.decisions, r.population), "",
          "decision values");
  w.close();
}

}  // namespace zonesim::detail
