// Reading YAML input files defensively: size, encoding, and the size and depth of the parsed tree.
#include "scenario/yaml_read.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "zonesim/errors.hpp"

namespace zonesim::detail {
namespace {

// Bytes of the file, at most limit + 1 (so that "too large" is detectable); false with `error` set otherwise.
bool read_bytes(const std::string& path, const std::string& what, std::string& out, std::string& error) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = errno == ENOENT ? "no such file" : std::string("cannot open: ") + std::strerror(errno);
    return false;
  }
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    error = "is a directory (expected a YAML " + what + " file)";
    return false;
  }
  char buf[65536];
  while (out.size() <= kMaxYamlBytes) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = std::string("cannot read: ") + std::strerror(errno);
      ::close(fd);
      return false;
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  if (out.size() > kMaxYamlBytes) {
    error = "larger than " + std::to_string(kMaxYamlBytes >> 20) + " MiB (expected a YAML " + what +
            " file, which is a small text file)";
    return false;
  }
  return true;
}

std::string at(const std::string& name, int line, int column) {
  return name + ":" + std::to_string(line) + ":" + std::to_string(column);
}

// Length of the valid UTF-8 sequence at s[i], or 0 if the bytes there are not one.
size_t utf8_length(const std::string& s, size_t i) {
  const auto b = [&](size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
  const unsigned c = b(i);
  auto cont = [&](size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) { return b(k) >= lo && b(k) <= hi; };
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c == 0xE0) return cont(i + 1, 0xA0) && cont(i + 2) ? 3 : 0;
  if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) return cont(i + 1) && cont(i + 2) ? 3 : 0;
  if (c == 0xED) return cont(i + 1, 0x80, 0x9F) && cont(i + 2) ? 3 : 0;
  if (c == 0xF0) return cont(i + 1, 0x90) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  if (c >= 0xF1 && c <= 0xF3) return cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  if (c == 0xF4) return cont(i + 1, 0x80, 0x8F) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  return 0;
}

// An empty string if `text` is UTF-8 text; otherwise what is wrong, located.
std::string encoding_problem(const std::string& text, const std::string& name) {
  const auto starts = [&](const char* p, size_t n) {
    return text.size() >= n && text.compare(0, n, p, n) == 0;
  };
  if (starts("\x00\x00\xFE\xFF", 4) || starts("\xFF\xFE\x00\x00", 4))
    return name + ": encoded as UTF-32 (expected UTF-8; convert it, e.g. with iconv -t UTF-8)";
  if (starts("\xFE\xFF", 2) || starts("\xFF\xFE", 2))
    return name + ": encoded as UTF-16 (expected UTF-8; convert it, e.g. with iconv -f UTF-16 -t UTF-8)";
  int line = 1, column = 1;
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0) {
      const bool utf16 = (i + 1 < text.size() && text[i + 1] != 0 && i % 2 == 0) || (i % 2 == 1);
      return at(name, line, column) + ": " +
             (utf16 ? "a NUL byte: the file looks like UTF-16 text (expected UTF-8; convert it, e.g. with "
                      "iconv)"
                    : "a NUL byte: binary data, not YAML text");
    }
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", c);
      return at(name, line, column) + ": control character " + hex + ": binary data, not YAML text";
    }
    const size_t n = utf8_length(text, i);
    if (n == 0) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", c);
      return at(name, line, column) + ": byte " + hex +
             " is not valid UTF-8 (expected UTF-8 text; a Latin-1 or GBK file? convert it, e.g. with iconv "
             "-f GBK -t UTF-8)";
    }
    if (c == '\n')
      ++line, column = 1;
    else
      ++column;
    i += n;
  }
  return "";
}

enum class TreeProblem { none, too_many, too_deep };

// Visits every node as the program will see it (aliases expanded), stopping at the limits.
TreeProblem walk(const YAML::Node& n, int depth, long& visits) {
  if (++visits > kMaxYamlNodes) return TreeProblem::too_many;
  if (depth > kMaxYamlDepth) return TreeProblem::too_deep;
  if (n.IsMap()) {
    for (auto it = n.begin(); it != n.end(); ++it) {
      if (auto p = walk(it->first, depth + 1, visits); p != TreeProblem::none) return p;
      if (auto p = walk(it->second, depth + 1, visits); p != TreeProblem::none) return p;
    }
  } else if (n.IsSequence()) {
    for (auto it = n.begin(); it != n.end(); ++it)
      if (auto p = walk(*it, depth + 1, visits); p != TreeProblem::none) return p;
  }
  return TreeProblem::none;
}

// The text of 1-based line `line`.
std::string line_text(const std::string& text, int line) {
  size_t start = 0;
  for (int l = 1; l < line && start != std::string::npos; ++l) {
    start = text.find('\n', start);
    if (start != std::string::npos) ++start;
  }
  if (start == std::string::npos || start > text.size()) return "";
  return text.substr(start, text.find('\n', start) - start);
}

}  // namespace

bool parse_yaml_text(const std::string& text, const std::string& name, YAML::Node& root,
                     std::vector<std::string>& problems) {
  if (std::string e = encoding_problem(text, name); !e.empty()) return problems.push_back(e), false;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    const int line = e.mark.line + 1;
    std::string msg = "malformed YAML: " + e.msg;
    for (int l : {line - 1, line}) {
      const std::string t = line_text(text, l);
      const size_t indent = t.find_first_not_of(" \t");
      if (t.substr(0, indent).find('\t') != std::string::npos) {
        msg += " (line " + std::to_string(l) + " is indented with a tab; YAML indents with spaces only)";
        break;
      }
    }
    problems.push_back(located({name, line, e.mark.column + 1}, "", msg));
    return false;
  } catch (const YAML::Exception& e) {
    problems.push_back(name + ": malformed YAML: " + e.msg);
    return false;
  }
  long visits = 0;
  switch (walk(root, 0, visits)) {
    case TreeProblem::none:
      return true;
    case TreeProblem::too_many:
      problems.push_back(name + ": more than " + std::to_string(kMaxYamlNodes) +
                         " YAML nodes once aliases are expanded (an alias bomb?); refused");
      return false;
    case TreeProblem::too_deep:
      problems.push_back(name + ": YAML nested more than " + std::to_string(kMaxYamlDepth) +
                         " levels deep, or an alias that contains itself; refused");
      return false;
  }
  return false;
}

bool read_yaml_file(const std::string& path, const std::string& what, YAML::Node& root,
                    std::vector<std::string>& problems) {
  std::string text, error;
  if (!read_bytes(path, what, text, error)) return problems.push_back(path + ": " + error), false;
  return parse_yaml_text(text, path, root, problems);
}

}  // namespace zonesim::detail
