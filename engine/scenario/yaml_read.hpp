#pragma once
// Private to the engine: reading a YAML input file defensively (scenario and sweep files). Hostile input
// becomes a located problem, never a crash, a hang or an explosion of memory: the file must be a regular file
// or a pipe of at most kMaxYamlBytes, UTF-8 text (no UTF-16, Latin-1 or binary), and its tree, aliases
// expanded, at most kMaxYamlNodes nodes and kMaxYamlDepth levels deep (a "billion laughs" document or an
// alias cycle is refused). docs/robustness.md.
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <string>
#include <vector>

namespace zonesim::detail {

inline constexpr std::size_t kMaxYamlBytes = 16u << 20;
inline constexpr long kMaxYamlNodes = 1000000;
inline constexpr int kMaxYamlDepth = 32;

// Parses the file at `path` into `root`; on failure appends one problem ("FILE[:LINE:COL]: what is wrong")
// to `problems` and returns false. `what` names the expected content ("scenario", "sweep").
bool read_yaml_file(const std::string& path, const std::string& what, YAML::Node& root,
                    std::vector<std::string>& problems);

// The same checks on text already in memory (`name` is used in messages).
bool parse_yaml_text(const std::string& text, const std::string& name, YAML::Node& root,
                     std::vector<std::string>& problems);

}  // namespace zonesim::detail
