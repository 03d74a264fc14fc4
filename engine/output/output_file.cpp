// Where result files go: atomic replacement, path checks, and reading a file back for `zonesim info`.
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <sstream>

#include "output/h5.hpp"
#include "zonesim/output.hpp"

namespace fs = std::filesystem;

namespace zonesim {
namespace {

// No axis of a zonesim result is longer (a sweep holds at most 10^7 runs).
constexpr hsize_t kMaxAxisLength = 100000000;

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
  // access() says yes to root even where nothing can be created (/proc, a read-only mount): try it.
  const std::string probe = (dir / (".zonesim-probe-" + std::to_string(getpid()))).string();
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    throw InputError(path + ": output directory " + dir.string() + " is not writable (" +
                     std::strerror(errno) + ")");
  ::close(fd);
  ::unlink(probe.c_str());
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
  const h5::Context c{path, true};
  h5::Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (file.get() < 0) throw InputError(path + ": cannot open as HDF5 (corrupted?)");
  if (!h5::has_attr(file, "zonesim_version"))
    throw InputError(path + ": not a zonesim result file (no zonesim_version attribute)");
  auto dim = [&](const char* name) -> hsize_t {
    if (!h5::has_dataset(file, name))
      throw InputError(path + ": not a zonesim result file (no " + name + " axis)");
    const std::vector<hsize_t> shape = h5::shape_of(c, file, name);
    if (shape.size() != 1 || shape[0] > kMaxAxisLength)
      throw InputError(path + ": not a zonesim result file (" + name + " is not an axis)");
    return shape[0];
  };
  std::ostringstream out;
  for (const char* a : {"title", "zonesim_version", "git_commit", "created", "command"})
    if (h5::has_attr(file, a)) out << a << ": " << h5::get_string_attr(c, file, a) << "\n";
  const hsize_t S = dim("scenario"), R = dim("replicate"), T = dim("time"), Z = dim("zone"),
                P = dim("province");
  out << "dimensions: scenario " << S << ", replicate " << R << ", time " << T << ", zone " << Z
      << ", province " << P;
  if (h5::has_dataset(file, "sector")) out << ", sector " << dim("sector");  // files since the markets
  out << "\n";
  const std::vector<long long> years = h5::read_integers(c, file, "time");
  if (years.size() != T) throw InputError(path + ": damaged: the time axis does not match its dimension");
  if (T) out << "years: " << years.front() << " to " << years.back() << "\n";
  if (!h5::has_dataset(file, "completed"))
    throw InputError(path + ": not a zonesim result file (no completed variable)");
  const std::vector<long long> done = h5::read_integers(c, file, "completed");
  if (static_cast<double>(done.size()) != static_cast<double>(S) * static_cast<double>(R))
    throw InputError(path + ": damaged: completed does not have the shape (scenario, replicate)");
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
