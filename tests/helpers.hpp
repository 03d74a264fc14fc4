#pragma once
// Shared by the tests: temporary directories and files, the shipped zone table.
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "zonesim/scenario.hpp"

namespace zonesim::test {

// A fresh directory under the system temp dir, removed when the object goes out of scope.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("zonesim-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string file(const std::string& name, const std::string& text) const {
    const auto p = path_ / name;
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
  std::string path(const std::string& name = "") const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline std::string repo(const std::string& rel) { return std::string(ZONESIM_SOURCE_DIR) + "/" + rel; }

}  // namespace zonesim::test
