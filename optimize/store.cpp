// The optimizer's directory of finished runs: one file per (design, state, replicate), written atomically;
// manifest and lock. A saved run carries its design's decision values, so a replayed search that asked for
// another design under the same number would be caught rather than mixed.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "optimize_internal.hpp"
#include "sweep_store.hpp"
#include "zonesim/sweep.hpp"
#include "zonesim/version.hpp"

namespace fs = std::filesystem;

namespace zonesim::detail {
namespace {

constexpr char kMagic[8] = {'Z', 'S', 'O', 'P', 'T', '0', '1', '\0'};

struct EvalHeader {
  char magic[8];
  std::uint64_t hash;
  std::uint64_t design;
  std::uint32_t state, replicate, decisions, values;
  std::uint64_t checksum;  // FNV-1a of the payload bytes (decisions then values)
};

std::uint64_t checksum(const std::vector<double>& data) {
  std::uint64_t h = 0xCBF29CE484222325ULL;
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  for (size_t i = 0; i < data.size() * sizeof(double); ++i) h = (h ^ p[i]) * 0x100000001B3ULL;
  return h;
}

std::string manifest_text(const OptPlan& plan) {
  std::ostringstream m;
  m << "zonesim optimize runs\nhash: " << hash_text(plan.hash) << "\nzonesim: " << kVersion << " "
    << kGitCommit << "\nfile: " << plan.source << "\n";
  return m.str();
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

}  // namespace

EvalStore::EvalStore(const std::string& output, const OptPlan& plan, bool resume)
    : dir_(sweep_run_directory(output)), hash_(plan.hash) {
  std::error_code ec;
  fs::create_directory(dir_, ec);
  if (!fs::is_directory(dir_, ec)) throw OutputError(dir_ + ": cannot create the directory of finished runs");
  lock_fd_ = ::open((dir_ + "/lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd_ < 0) throw OutputError(dir_ + "/lock: cannot open: " + std::strerror(errno));
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    ::close(lock_fd_);
    throw InputError(output + ": another zonesim process is writing it (" + dir_ + "/lock is held)");
  }
  const std::string manifest = dir_ + "/manifest";
  const std::string want = manifest_text(plan);
  if (fs::exists(manifest, ec)) {
    std::ifstream in(manifest);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string why;
    if (!resume)
      why = "an interrupted optimisation left its finished runs in " + dir_ +
            ": add --resume to finish it, or remove that directory to start over";
    else if (manifest_field(text, "hash") != manifest_field(want, "hash"))
      why = "the finished runs in " + dir_ + " belong to a different optimisation (" +
            manifest_field(text, "file") + ", hash " + manifest_field(text, "hash") +
            "): resume with the same file and options, or remove that directory";
    else if (manifest_field(text, "zonesim") != manifest_field(want, "zonesim"))
      why = "the finished runs in " + dir_ + " were made by zonesim " + manifest_field(text, "zonesim") +
            ": resume with the same build, or remove that directory";
    if (!why.empty()) {
      ::close(lock_fd_);
      throw InputError(output + ": " + why);
    }
  } else {
    write_atomically(manifest, want.data(), want.size(), nullptr, 0, true);
  }
  scan();
}

EvalStore::~EvalStore() {
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

std::string EvalStore::run_path(long long design, int state, int replicate) const {
  std::string path = dir_;
  path += "/eval-";
  path += std::to_string(design);
  path += '-';
  path += std::to_string(state);
  path += '-';
  path += std::to_string(replicate);
  path += ".bin";
  return path;
}

// Keeps the whole run files of this plan; removes temporary and damaged ones (they are run again).
void EvalStore::scan() {
  for (const auto& entry : fs::directory_iterator(dir_)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(".tmp-", 0) == 0) {
      fs::remove(entry.path());
      continue;
    }
    long long d = -1;
    int s = -1, r = -1, used = 0;
    if (std::sscanf(name.c_str(), "eval-%lld-%d-%d.bin%n", &d, &s, &r, &used) != 3 ||
        used != static_cast<int>(name.size()))
      continue;
    std::ifstream in(entry.path(), std::ios::binary);
    EvalHeader h{};
    in.read(reinterpret_cast<char*>(&h), sizeof h);
    bool whole = in && std::memcmp(h.magic, kMagic, sizeof kMagic) == 0 && h.hash == hash_ &&
                 static_cast<long long>(h.design) == d && static_cast<int>(h.state) == s &&
                 static_cast<int>(h.replicate) == r && h.decisions < 100000 && h.values < 100000;
    std::vector<double> payload(whole ? h.decisions + h.values : 0);
    if (whole) {
      in.read(reinterpret_cast<char*>(payload.data()),
              static_cast<std::streamsize>(payload.size() * sizeof(double)));
      whole = in && in.peek() == std::ifstream::traits_type::eof() && checksum(payload) == h.checksum;
    }
    if (!whole) {
      fs::remove(entry.path());
      continue;
    }
    Saved saved;
    saved.x.assign(payload.begin(), payload.begin() + h.decisions);
    saved.values.assign(payload.begin() + h.decisions, payload.end());
    runs_[{d, s, r}] = std::move(saved);
  }
}

bool EvalStore::find(long long design, int state, int replicate, const std::vector<double>& x,
                     std::vector<double>& values) const {
  const auto it = runs_.find({design, state, replicate});
  if (it == runs_.end()) return false;
  if (!same_bits(it->second.x, x))
    throw InputError(
        run_path(design, state, replicate) +
        ": saved for another design than the resumed search asks for (the search is not the same); "
        "remove " +
        dir_ + " to start over");
  values = it->second.values;
  return true;
}

void EvalStore::save(long long design, int state, int replicate, const std::vector<double>& x,
                     const std::vector<double>& values) const {
  std::vector<double> payload = x;
  payload.insert(payload.end(), values.begin(), values.end());
  EvalHeader h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.hash = hash_;
  h.design = static_cast<std::uint64_t>(design);
  h.state = static_cast<std::uint32_t>(state), h.replicate = static_cast<std::uint32_t>(replicate);
  h.decisions = static_cast<std::uint32_t>(x.size()), h.values = static_cast<std::uint32_t>(values.size());
  h.checksum = checksum(payload);
  write_atomically(run_path(design, state, replicate), &h, sizeof h, payload.data(),
                   payload.size() * sizeof(double), false);
}

void EvalStore::remove() {
  const std::string trash = dir_ + ".done-" + std::to_string(getpid());
  if (lock_fd_ >= 0) ::close(lock_fd_);
  lock_fd_ = -1;
  std::error_code ec;
  fs::rename(dir_, trash, ec);
  fs::remove_all(ec ? dir_ : trash, ec);
}

}  // namespace zonesim::detail
