// zonesim compare OUT.h5 [--metric top10_share_gdp] [--year YEAR] [--format table|csv|json]
#include "cli.hpp"

namespace zonesim::cli {
int cmd_compare(const std::vector<std::string>&) { throw UsageError{"compare: not yet"}; }
}  // namespace zonesim::cli
