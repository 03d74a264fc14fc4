#include "cli.hpp"

#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>

namespace zonesim::cli {
namespace {

volatile std::sig_atomic_t g_stop = 0;

extern "C" void request_stop(int sig) {
  g_stop = 1;
  signal(sig, SIG_DFL);  // a second signal stops at once
}

}  // namespace

volatile std::sig_atomic_t* install_stop_handlers() {
  struct sigaction sa {};
  sa.sa_handler = request_stop;
  sigemptyset(&sa.sa_mask);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaction(sig, &sa, nullptr);
  return &g_stop;
}

std::string Args::get(const std::string& name, const std::string& fallback) const {
  auto it = options.find(name);
  return it == options.end() || it->second.empty() ? fallback : it->second.back();
}

long long Args::get_int(const std::string& name, long long fallback, long long lo, long long hi) const {
  if (!has(name)) return fallback;
  const std::string s = get(name);
  size_t used = 0;
  long long v = 0;
  try {
    v = std::stoll(s, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (s.empty() || used != s.size()) throw UsageError{"--" + name + ": '" + s + "' is not an integer"};
  if (v < lo || v > hi)
    throw UsageError{"--" + name + ": " + s + " is out of range (" + std::to_string(lo) + " to " +
                     std::to_string(hi) + ")"};
  return v;
}

Args parse(const std::vector<std::string>& argv, const std::vector<OptionSpec>& specs) {
  Args out;
  auto find_long = [&](const std::string& n) -> const OptionSpec* {
    for (const auto& s : specs)
      if (s.long_name == n) return &s;
    return nullptr;
  };
  auto find_short = [&](char c) -> const OptionSpec* {
    for (const auto& s : specs)
      if (s.short_name && s.short_name == c) return &s;
    return nullptr;
  };
  bool only_positional = false;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (only_positional || a.size() < 2 || a[0] != '-') {
      out.positional.push_back(a);
      continue;
    }
    if (a == "--") {
      only_positional = true;
      continue;
    }
    const OptionSpec* spec = nullptr;
    std::string value;
    bool has_inline = false;
    if (a.rfind("--", 0) == 0) {
      const auto eq = a.find('=');
      spec = find_long(a.substr(2, eq == std::string::npos ? std::string::npos : eq - 2));
      if (eq != std::string::npos) value = a.substr(eq + 1), has_inline = true;
    } else if (a.size() == 2) {
      spec = find_short(a[1]);
    }
    if (!spec) throw UsageError{"unknown option " + a + " (see --help)"};
    if (spec->takes_value && !has_inline) {
      if (i + 1 >= argv.size()) throw UsageError{"option " + a + " needs a value"};
      value = argv[++i];
    } else if (!spec->takes_value && has_inline) {
      throw UsageError{"option --" + spec->long_name + " takes no value"};
    }
    auto& slot = out.options[spec->long_name];
    if (!slot.empty() && !spec->repeatable) throw UsageError{"option --" + spec->long_name + " given twice"};
    slot.push_back(value);
  }
  return out;
}

double now_seconds() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

bool stderr_is_terminal() { return isatty(STDERR_FILENO) == 1; }
bool stdout_is_terminal() { return isatty(STDOUT_FILENO) == 1; }

long peak_rss_kib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

ProgressBar::ProgressBar(std::string label, bool enabled)
    : label_(std::move(label)), enabled_(enabled), start_(now_seconds()) {}

void ProgressBar::update(int done, int total) {
  if (!enabled_ || total <= 0) return;
  constexpr int kWidth = 30;
  const int filled = kWidth * done / total;
  const double elapsed = now_seconds() - start_;
  const double eta = done > 0 ? elapsed * (total - done) / done : 0;
  std::fprintf(stderr, "\r%s [%-*s] %d/%d  %.1fs elapsed, ETA %.1fs ", label_.c_str(), kWidth,
               std::string(static_cast<size_t>(filled), '#').c_str(), done, total, elapsed, eta);
  std::fflush(stderr);
  last_width_ = filled;
}

void ProgressBar::finish() {
  if (enabled_ && last_width_ >= 0) std::fprintf(stderr, "\n");
  last_width_ = -1;
}

std::string format_duration(double seconds) {
  if (!(seconds >= 0) || seconds > 1e9) return "?";
  char buf[32];
  const long long t = static_cast<long long>(seconds + 0.5);
  if (t < 60)
    std::snprintf(buf, sizeof buf, "%llds", t);
  else if (t < 3600)
    std::snprintf(buf, sizeof buf, "%lldm%02llds", t / 60, t % 60);
  else
    std::snprintf(buf, sizeof buf, "%lldh%02lldm", t / 3600, t / 60 % 60);
  return buf;
}

RunProgress::RunProgress(std::string label, bool terminal, bool enabled, double interval)
    : label_(std::move(label)), terminal_(terminal), enabled_(enabled), interval_(interval) {}

void RunProgress::update(long long done, long long total, long long done_now, double seconds) {
  if (!enabled_ || total <= 0) return;
  const double rate = seconds > 0 ? 60.0 * static_cast<double>(done_now) / seconds : 0;  // runs per minute
  const std::string eta = rate > 0 ? format_duration(60.0 * static_cast<double>(total - done) / rate) : "?";
  if (terminal_) {
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(kWidth * done / total);
    std::fprintf(stderr, "\r%s [%-*s] %lld/%lld runs  %.1f runs/min  ETA %s ", label_.c_str(), kWidth,
                 std::string(static_cast<size_t>(filled), '#').c_str(), done, total, rate, eta.c_str());
    std::fflush(stderr);
    drawn_ = true;
    return;
  }
  const double now = now_seconds();
  if (done < total && last_line_ >= 0 && now - last_line_ < interval_) return;
  if (last_line_ < 0 && done < total && seconds < interval_) return;  // the first line after `interval`
  last_line_ = now;
  std::fprintf(stderr, "zonesim %s: %lld/%lld runs (%.0f%%), %.1f runs/min, ETA %s\n", label_.c_str(), done,
               total, 100.0 * static_cast<double>(done) / static_cast<double>(total), rate, eta.c_str());
}

void RunProgress::finish() {
  if (enabled_ && terminal_ && drawn_) std::fprintf(stderr, "\n");
  drawn_ = false;
}

}  // namespace zonesim::cli
