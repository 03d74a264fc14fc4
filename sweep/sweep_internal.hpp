#pragma once
// Private to the sweep code (and the optimizer, optimize/, which reads its files alike): the steps of load_sweep() shared between sweep/load.cpp (the file) and
// sweep/plan.cpp (designs and the generated scenarios).
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "scenario/schema.hpp"
#include "zonesim/model/model.hpp"
#include "zonesim/sweep.hpp"

namespace zonesim::detail {

using Problems = std::vector<std::string>;

SourceMark mark_of(const YAML::Node& node, const std::string& file);
const FieldDecl* find_field(const std::string& key_path);
// "unknown key (did you mean 'x'?); valid keys here: a, b" over the candidates.
std::string unknown_key(const std::string& key, const std::vector<std::string>& candidates);

// A YAML double-quoted scalar of `s` (quotes, backslashes and newlines escaped).
std::string quoted_yaml(const std::string& s);

// Keys only a sweep file has at its top level (base, design, factors, replicates, schemes).
bool is_sweep_key(const std::string& key);
// Parses the sweep file into `plan` (everything but the scenarios), recording problems.
void parse_sweep(const std::string& path, SweepPlan& plan, Problems& problems);
// Checks `--set` overrides given on the command line and appends them to plan.common.
void add_command_line_overrides(const std::vector<Override>& overrides, SweepPlan& plan, Problems& problems);
// Generates the design points and every scenario, validating each through load_scenario.
void build_scenarios(SweepPlan& plan, Problems& problems);
// How many points the design will have, known before generating them (a grid over many factors would not fit
// in memory). A double: the product of many levels may not fit in an integer.
double planned_points(const SweepPlan& plan);
// The resolved sweep as YAML text (stored in the output as sweep_definition).
std::string definition_yaml(const SweepPlan& plan);

}  // namespace zonesim::detail
