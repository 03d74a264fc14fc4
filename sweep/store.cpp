// The directory of finished runs beside OUT.h5: one file per run, written atomically; manifest and lock.
#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cinttypes>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <type_traits>

#include "sweep_store.hpp"
#include "zonesim/version.hpp"

namespace fs = std::filesystem;

namespace zonesim::detail {
namespace {

constexpr char kMagic[8] = {'Z', 'S', 'R', 'U', 'N', '0', '2', '\0'};
constexpr int kMetricDoubles = sizeof(metrics::MetricSet) / sizeof(double);
static_assert(std::is_trivially_copyable_v<metrics::MetricSet> &&
              sizeof(metrics::MetricSet) == kMetricDoubles * sizeof(double));

struct RunHeader {
  char magic[8];
  std::uint64_t hash;
  std::uint32_t scenario, replicate, years, zones;
  std::uint64_t count;     // doubles in the payload
  std::uint64_t checksum;  // FNV-1a of the payload bytes
};

std::uint64_t checksum(const std::vector<double>& data) {
  std::uint64_t h = 0xCBF29CE484222325ULL;
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  for (size_t i = 0; i < data.size() * sizeof(double); ++i) h = (h ^ p[i]) * 0x100000001B3ULL;
  return h;
}

std::uint64_t payload_count(int years, int zones) {
  const std::uint64_t per_year = 1 + static_cast<std::uint64_t>(kZoneVarCount) * zones + kTotalVarCount +
                                 kSectorVarCount * kSectorCount + kMetricVars.size() * kMetricDoubles;
  return per_year * years + 2;
}

std::vector<double> encode(const RunResult& r) {
  std::vector<double> out;
  for (const YearStats& y : r.years) {
    out.push_back(y.year);
    for (const auto& v : y.zone) out.insert(out.end(), v.begin(), v.end());
    out.insert(out.end(), y.total.begin(), y.total.end());
    for (const auto& v : y.sector) out.insert(out.end(), v.begin(), v.end());
    for (const auto& m : y.metric) {
      double d[kMetricDoubles];
      std::memcpy(d, &m, sizeof m);
      out.insert(out.end(), d, d + kMetricDoubles);
    }
  }
  out.push_back(r.sigma_convergence_gdp);
  out.push_back(r.beta_convergence_gdp);
  return out;
}

RunResult decode(const std::vector<double>& in, int years, int zones) {
  RunResult r;
  size_t i = 0;
  for (int t = 0; t < years; ++t) {
    YearStats y(zones);
    y.year = static_cast<int>(in[i++]);
    for (auto& v : y.zone)
      for (auto& x : v) x = in[i++];
    for (auto& x : y.total) x = in[i++];
    for (auto& v : y.sector)
      for (auto& x : v) x = in[i++];
    for (auto& m : y.metric) {
      std::memcpy(static_cast<void*>(&m), &in[i], sizeof m);
      i += kMetricDoubles;
    }
    r.years.push_back(std::move(y));
  }
  r.sigma_convergence_gdp = in[i++];
  r.beta_convergence_gdp = in[i++];
  return r;
}

void write_all(int fd, const void* data, size_t n, const std::string& path) {
  const char* p = static_cast<const char*>(data);
  while (n > 0) {
    const ssize_t w = ::write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) throw OutputError(path + ": cannot write: " + std::strerror(errno));
    p += w, n -= static_cast<size_t>(w);
  }
}

// The payload of a run file when it is whole: magic, size and checksum right (its header in `h` either way).
std::optional<std::vector<double>> read_run_file(const std::string& path, std::uint64_t count, RunHeader& h) {
  std::ifstream in(path, std::ios::binary);
  in.read(reinterpret_cast<char*>(&h), sizeof h);
  if (!in || std::memcmp(h.magic, kMagic, sizeof kMagic) != 0 || h.count != count) return std::nullopt;
  std::vector<double> data(count);
  in.read(reinterpret_cast<char*>(data.data()), static_cast<std::streamsize>(count * sizeof(double)));
  if (!in || in.peek() != std::ifstream::traits_type::eof() || checksum(data) != h.checksum)
    return std::nullopt;
  return data;
}

std::string manifest_text(const SweepPlan& plan, int years, int zones) {
  std::ostringstream m;
  m << "zonesim sweep runs\nhash: " << sweep_hash_hex(plan) << "\nzonesim: " << kVersion << " " << kGitCommit
    << "\nscenarios: " << plan.scenarios.size() << "\nreplicates: " << plan.replicates << "\nyears: " << years
    << "\nzones: " << zones << "\nsweep: " << plan.source << "\n";
  return m.str();
}

// The manifest's text, empty when it cannot be read.
std::string read_manifest(const std::string& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

std::string manifest_field(const std::string& text, const std::string& key) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.rfind(key + ": ", 0) == 0) return line.substr(key.size() + 2);
  return "";
}

// Writes bytes to path atomically: a temporary file renamed into place. With `sync`, the data and the rename
// are also on disk before it returns (for the manifest); run files skip that (5-10 ms each): they survive the
// death of the process anyway, and after a power loss --resume finds a damaged one by its checksum and redoes
// it.
void write_atomically(const std::string& path, const void* a, size_t na, const void* b, size_t nb,
                      bool sync) {
  const std::string tmp = (fs::path(path).parent_path() /
                           (".tmp-" + fs::path(path).filename().string() + "-" + std::to_string(getpid())))
                              .string();
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw OutputError(tmp + ": cannot create: " + std::strerror(errno));
  try {
    write_all(fd, a, na, tmp);
    if (nb) write_all(fd, b, nb, tmp);
    if (sync && ::fsync(fd) != 0) throw OutputError(tmp + ": cannot sync: " + std::strerror(errno));
  } catch (...) {
    ::close(fd);
    ::unlink(tmp.c_str());
    throw;
  }
  ::close(fd);
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    throw OutputError(path + ": cannot rename into place: " + std::strerror(errno));
  }
  if (!sync) return;
  const int dfd = ::open(fs::path(path).parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) ::fsync(dfd), ::close(dfd);
}

// What both ways of opening the directory set: the plan's shape, nothing on disk yet.
RunStore::RunStore(const std::string& output, const SweepPlan& plan, int zones, Layout)
    : output_(output),
      dir_(sweep_run_directory(output)),
      hash_(plan.hash),
      hash_hex_(sweep_hash_hex(plan)),
      scenarios_(static_cast<int>(plan.scenarios.size())),
      replicates_(plan.replicates),
      years_(plan.first.years() + 1),
      zones_(zones),
      done_(static_cast<size_t>(plan.runs()), 0) {}

RunStore::RunStore(const std::string& output, const SweepPlan& plan, int zones, bool resume)
    : RunStore(output, plan, zones, Layout{}) {
  std::error_code ec;
  fs::create_directory(dir_, ec);
  if (!fs::is_directory(dir_, ec)) throw OutputError(dir_ + ": cannot create the directory of finished runs");
  lock_.fd = ::open((dir_ + "/lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_.fd < 0) throw OutputError(dir_ + "/lock: cannot open: " + std::strerror(errno));
  if (::flock(lock_.fd, LOCK_EX | LOCK_NB) != 0)
    throw InputError(output + ": another zonesim sweep is writing it (" + dir_ + "/lock is held)");
  const std::string manifest = dir_ + "/manifest";
  if (fs::exists(manifest, ec)) {
    const std::string text = read_manifest(manifest);
    if (!resume)
      throw InputError(output + ": an interrupted sweep left its finished runs in " + dir_ +
                       ": add --resume to finish it, or remove that directory to start over");
    if (manifest_field(text, "hash") != hash_hex_)
      throw InputError(output + ": the finished runs in " + dir_ +
                       " belong to a different sweep definition (" + manifest_field(text, "sweep") +
                       ", hash " + manifest_field(text, "hash") + "; this sweep's hash is " + hash_hex_ +
                       "): resume with the same sweep file and --set options, or remove that directory");
    const std::string made_by = std::string(kVersion) + " " + kGitCommit;
    if (manifest_field(text, "zonesim") != made_by)
      throw InputError(output + ": the finished runs in " + dir_ + " were made by zonesim " +
                       manifest_field(text, "zonesim") + ", this is zonesim " + made_by +
                       ": resume with the same build, or remove that directory");
  } else {
    const std::string text = manifest_text(plan, years_, zones_);
    write_atomically(manifest, text.data(), text.size(), nullptr, 0, true);
  }
  scan();
}

RunStore::RunStore(const std::string& output, const SweepPlan& plan, int zones, Attach)
    : RunStore(output, plan, zones, Layout{}) {
  const std::string text = read_manifest(dir_ + "/manifest");  // empty when there is none
  if (manifest_field(text, "hash") != hash_hex_)
    throw OutputError(dir_ + "/manifest: not found, or not this sweep's");
}

void FileDescriptor::reset() {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

std::string RunStore::run_path(int s, int r) const {
  return dir_ + "/run-" + std::to_string(s) + "-" + std::to_string(r) + ".bin";
}

bool RunStore::done(int s, int r) const { return done_[static_cast<size_t>(s) * replicates_ + r] != 0; }

// Marks the complete run files (checksum verified); removes temporary files and incomplete or damaged ones,
// which are then run again.
void RunStore::scan() {
  const std::uint64_t count = payload_count(years_, zones_);
  for (const auto& entry : fs::directory_iterator(dir_)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(".tmp-", 0) == 0) {
      fs::remove(entry.path());
      continue;
    }
    int s = -1, r = -1, used = 0;
    if (std::sscanf(name.c_str(), "run-%d-%d.bin%n", &s, &r, &used) != 2 ||
        used != static_cast<int>(name.size()))
      continue;
    RunHeader h{};
    const bool whole = read_run_file(entry.path().string(), count, h).has_value();
    if (whole && h.hash != hash_)
      throw InputError(entry.path().string() + ": a run of a different sweep definition; remove " + dir_ +
                       " to start over");
    const bool fits = s >= 0 && s < scenarios_ && r >= 0 && r < replicates_ &&
                      static_cast<int>(h.scenario) == s && static_cast<int>(h.replicate) == r &&
                      static_cast<int>(h.years) == years_ && static_cast<int>(h.zones) == zones_;
    if (!whole || !fits) {
      fs::remove(entry.path());
      continue;
    }
    auto& d = done_[static_cast<size_t>(s) * replicates_ + r];
    if (!d) d = 1, ++done_count_;
  }
}

void RunStore::save(int s, int r, const RunResult& result) const {
  const std::vector<double> data = encode(result);
  RunHeader h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.hash = hash_;
  h.scenario = static_cast<std::uint32_t>(s), h.replicate = static_cast<std::uint32_t>(r);
  h.years = static_cast<std::uint32_t>(years_), h.zones = static_cast<std::uint32_t>(zones_);
  h.count = data.size();
  h.checksum = checksum(data);
  if (h.count != payload_count(years_, zones_))
    throw OutputError(run_path(s, r) + ": run does not fit the sweep");
  write_atomically(run_path(s, r), &h, sizeof h, data.data(), data.size() * sizeof(double), false);
}

RunResult RunStore::load(int s, int r) const {
  const std::string path = run_path(s, r);
  RunHeader h{};
  const auto data = read_run_file(path, payload_count(years_, zones_), h);
  if (!data || h.hash != hash_) {
    fs::remove(path);
    throw OutputError(path +
                      ": unreadable or damaged (checksum); it was removed: run the same command with "
                      "--resume to redo that run");
  }
  return decode(*data, years_, zones_);
}

void RunStore::remove() {
  // Rename first, so that a crash while deleting leaves no directory that looks like unfinished work.
  const std::string trash = dir_ + ".done-" + std::to_string(getpid());
  lock_.reset();
  std::error_code ec;
  fs::rename(dir_, trash, ec);
  fs::remove_all(ec ? dir_ : trash, ec);
}

}  // namespace zonesim::detail
