// zonesim report OUT.h5 -o REPORT.html: the HTML report is written by the Python package (zonesim.report,
// tools/python/zonesim/report/), which draws with matplotlib and reads its numbers from `zonesim compare`.
// This command finds the package and Debian's interpreter, and replaces itself by them, so that the report's
// options, help text and exit codes are the package's own. docs/report.md.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli.hpp"

#ifndef ZONESIM_PYTHON_DIR
#error "ZONESIM_PYTHON_DIR (the source tree's tools/python) is set by tools/cli/CMakeLists.txt"
#endif

namespace fs = std::filesystem;

namespace zonesim::cli {
namespace {

// Debian's interpreter sees Debian's python3-* packages; a python3 earlier on PATH may not.
constexpr const char* kDefaultPython = "/usr/bin/python3";

std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::string{v} : fallback;
}

// The package's folder: $ZONESIM_PYTHONPATH, else the source tree this binary was built from.
std::string package_dir() {
  const std::string dir = env_or("ZONESIM_PYTHONPATH", ZONESIM_PYTHON_DIR);
  if (!fs::exists(fs::path{dir} / "zonesim" / "__init__.py"))
    throw std::runtime_error{"report: the Python package zonesim is not in " + dir +
                             " (the source tree this zonesim was built from); set ZONESIM_PYTHONPATH to the "
                             "folder that holds tools/python/zonesim"};
  return dir;
}

std::string this_binary() {
  std::error_code ec;
  const fs::path p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string{} : p.string();
}

bool gives_zonesim(const std::vector<std::string>& argv) {
  for (const auto& a : argv)
    if (a == "--zonesim" || a.rfind("--zonesim=", 0) == 0) return true;
  return false;
}

}  // namespace

int cmd_report(const std::vector<std::string>& argv) {
  const std::string python = env_or("ZONESIM_PYTHON", kDefaultPython);
  std::string path = package_dir();
  const std::string old_path = env_or("PYTHONPATH", "");
  if (!old_path.empty()) path += ":" + old_path;
  setenv("PYTHONPATH", path.c_str(), 1);

  std::vector<std::string> args{python, "-m", "zonesim.report"};
  args.insert(args.end(), argv.begin(), argv.end());
  const std::string self = this_binary();
  if (!gives_zonesim(argv) && !self.empty()) {  // compare is run by the same binary as the report
    args.emplace_back("--zonesim");
    args.push_back(self);
  }
  std::vector<char*> c_args;
  for (auto& a : args) c_args.push_back(a.data());
  c_args.push_back(nullptr);
  std::fflush(stdout);
  std::fflush(stderr);
  execv(python.c_str(), c_args.data());
  std::string message = "report: cannot run ";
  message += python;
  message += ": ";
  message += std::strerror(errno);
  message +=
      " (tools/setup.sh installs Debian's python3 and the packages the report uses; "
      "ZONESIM_PYTHON names another interpreter)";
  throw std::runtime_error{message};
}

}  // namespace zonesim::cli
