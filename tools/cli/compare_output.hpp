#pragma once
// The three outputs of `zonesim compare` (cmd_compare.cpp): the table (compare_table.cpp), CSV and JSON
// (compare_export.cpp). Each prints every comparison of one command, the first metric's breakdown with it.
#include <vector>

#include "zonesim/compare.hpp"

namespace zonesim::cli {

void print_tables(const std::vector<Comparison>& all);
void print_csv(const std::vector<Comparison>& all);
void print_json(const std::vector<Comparison>& all);

}  // namespace zonesim::cli
