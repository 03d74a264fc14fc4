// Where result files go: atomic replacement, path checks, and reading a file back for `zonesim info`.
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <sstream>

#include "h5.hpp"
#include "zonesim/output.hpp"

namespace fs = std::filesystem;

namespace zonesim {
namespace {

// The temporary file to remove if the process is interrupted (one output at a time per process).
char g_temp_path[4096] = {0};
std::atomic<bool> g_handlers_installed{false};

extern "C" void remove_temp_and_exit(int sig) {
  if (g_temp_path[0]) unlink(g_temp_path);
  signal(sig, SIG_DFL);
  raise(sig);
}

void install_handlers() {
  if (g_handlers_installed.exchange(true)) return;
  struct sigaction sa {};
  sa.sa_handler = remove_temp_and_exit;
  sigemptyset(&sa.sa_mask);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaction(sig, &sa, nullptr);
}

}  // namespace

void check_output_path(const std::string& path) {
  if (path.empty()) throw InputError("-o: empty output path");
  std::error_code ec;
  if (fs::is_directory(path, ec)) throw InputError(path + ": is a directory (expected an output file name)");
  fs::path dir = fs::path(path).parent_path();
  if (dir.empty()) dir = ".";
  if (!fs::is_directory(dir, ec))
    throw InputError(path + ": output directory " + dir.string() + " does not exist");
  if (access(dir.c_str(), W_OK) != 0)
    throw InputError(path + ": output directory " + dir.string() + " is not writable");
}

AtomicOutput::AtomicOutput(std::string final_path) : final_(std::move(final_path)) {
  const fs::path p(final_);
  std::string name = ".";
  name += p.filename().string();
  name += ".partial-";
  name += std::to_string(getpid());
  temp_ = (p.parent_path() / name).string();
  if (temp_.size() >= sizeof g_temp_path) throw InputError(final_ + ": output path too long");
  std::memcpy(g_temp_path, temp_.c_str(), temp_.size() + 1);
  install_handlers();
}

AtomicOutput::~AtomicOutput() {
  if (!committed_) unlink(temp_.c_str());
  g_temp_path[0] = 0;
}

void AtomicOutput::commit() {
  if (std::rename(temp_.c_str(), final_.c_str()) != 0)
    throw OutputError(final_ + ": cannot rename " + temp_ + " into place: " + std::strerror(errno));
  committed_ = true;
  g_temp_path[0] = 0;
}

std::string describe_result_file(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw InputError(path + ": no such file");
  if (fs::is_directory(path, ec)) throw InputError(path + ": is a directory (expected a result file)");
  h5::quiet();
  if (H5Fis_hdf5(path.c_str()) <= 0)
    throw InputError(path + ": not an HDF5 file (expected a zonesim result)");
  const h5::Context c{path};
  h5::Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (file.get() < 0) throw InputError(path + ": cannot open as HDF5 (corrupted?)");
  if (!h5::has_attr(file, "zonesim_version"))
    throw InputError(path + ": not a zonesim result file (no zonesim_version attribute)");
  auto dim = [&](const char* name) -> hsize_t {
    h5::Handle ds(H5Dopen2(file, name, H5P_DEFAULT), H5Dclose);
    if (ds.get() < 0) throw InputError(path + ": not a zonesim result file (no " + name + " axis)");
    h5::Handle space(c.check(H5Dget_space(ds), "read the space of " + std::string(name)), H5Sclose);
    hsize_t n = 0;
    H5Sget_simple_extent_dims(space, &n, nullptr);
    return n;
  };
  std::ostringstream out;
  for (const char* a : {"title", "zonesim_version", "git_commit", "created", "command"})
    if (h5::has_attr(file, a)) out << a << ": " << h5::get_string_attr(c, file, a) << "\n";
  const hsize_t S = dim("scenario"), R = dim("replicate"), T = dim("time"), Z = dim("zone"),
                P = dim("province");
  out << "dimensions: scenario " << S << ", replicate " << R << ", time " << T << ", zone " << Z
      << ", province " << P << "\n";
  std::vector<int> years(T);
  {
    h5::Handle ds(c.check(H5Dopen2(file, "time", H5P_DEFAULT), "open time"), H5Dclose);
    c.ok(H5Dread(ds, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, years.data()), "read time");
  }
  if (T) out << "years: " << years.front() << " to " << years.back() << "\n";
  std::vector<long long> done(S * R);
  {
    h5::Handle ds(H5Dopen2(file, "completed", H5P_DEFAULT), H5Dclose);
    if (ds.get() < 0) throw InputError(path + ": not a zonesim result file (no completed variable)");
    c.ok(H5Dread(ds, H5T_NATIVE_LLONG, H5S_ALL, H5S_ALL, H5P_DEFAULT, done.data()), "read completed");
  }
  long long n_done = 0;
  for (auto d : done) n_done += d == 1;
  out << "runs completed: " << n_done << " of " << S * R << "\n";
  if (h5::has_attr(file, "sweep_hash")) {  // a sweep (docs/sweeps.md)
    out << "sweep: schemes " << h5::get_string_attr(c, file, "sweep_schemes") << "; design "
        << h5::get_string_attr(c, file, "sweep_design") << " with "
        << h5::get_string_attr(c, file, "sweep_points") << " points";
    const std::string factors = h5::get_string_attr(c, file, "sweep_factors");
    out << (factors.empty() ? "" : " over " + factors) << "; hash "
        << h5::get_string_attr(c, file, "sweep_hash") << "\n";
  }
  return out.str();
}

}  // namespace zonesim
