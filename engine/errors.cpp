#include "zonesim/errors.hpp"

namespace zonesim {

std::string SourceMark::str() const {
  if (line <= 0) return file;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

static std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i) out += '\n';
    out += lines[i];
  }
  return out;
}

ScenarioError::ScenarioError(std::vector<std::string> problems)
    : InputError(join_lines(problems)), problems_(std::move(problems)) {}

std::string located(const SourceMark& mark, const std::string& key_path, const std::string& message) {
  std::string out = mark.str();
  if (!key_path.empty()) {
    if (!out.empty()) out += ": ";
    out += key_path;
  }
  out += ": ";
  out += message;
  return out;
}

}  // namespace zonesim
