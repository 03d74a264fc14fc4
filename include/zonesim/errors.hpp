#pragma once
// The error hierarchy. Every message names the place (file:line:col and key path, or the entity) and what
// was expected. The CLI maps InputError (and its children) to exit code 2, anything else to 1.
#include <stdexcept>
#include <string>
#include <vector>

namespace zonesim {

// Where a value came from: a file (or "--set") and a 1-based line and column; line 0 means unknown.
struct SourceMark {
  std::string file;
  int line = 0;
  int column = 0;
  std::string str() const;  // "FILE:LINE:COL" or "FILE" when the line is unknown
};

// Bad input: a file, YAML, key, value or command-line usage. Exit code 2.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One or more problems in a scenario; what() holds one line per problem.
class ScenarioError : public InputError {
 public:
  explicit ScenarioError(std::vector<std::string> problems);
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::vector<std::string> problems_;
};

// A problem in a data file (the zone table): names the file, row and column.
class DataError : public InputError {
 public:
  using InputError::InputError;
};

// Writing or reading a result file failed. Exit code 1 unless the file given was not a result (InputError).
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The simulation reached a state it must not write (non-finite or negative where it cannot be).
class NumericalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// "FILE:LINE:COL: key.path: message"
std::string located(const SourceMark& mark, const std::string& key_path, const std::string& message);

}  // namespace zonesim
