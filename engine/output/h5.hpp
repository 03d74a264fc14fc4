#pragma once
// Private to the engine: thin RAII handles and helpers over the HDF5 C API. Every failure throws OutputError
// naming the file and what was being done.
#include <hdf5.h>
#include <hdf5_hl.h>

#include <string>
#include <utility>
#include <vector>

#include "zonesim/errors.hpp"

namespace zonesim::h5 {

class Handle {
 public:
  Handle() = default;
  Handle(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
  Handle(Handle&& o) noexcept : id_(std::exchange(o.id_, -1)), close_(o.close_) {}
  Handle& operator=(Handle&& o) noexcept {
    reset();
    id_ = std::exchange(o.id_, -1);
    close_ = o.close_;
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() { reset(); }
  hid_t get() const { return id_; }
  operator hid_t() const { return id_; }
  hid_t release() { return std::exchange(id_, -1); }
  void reset() {
    if (id_ >= 0 && close_) close_(id_);
    id_ = -1;
  }

 private:
  hid_t id_ = -1;
  herr_t (*close_)(hid_t) = nullptr;
};

// Silence HDF5's own error printing; we report errors ourselves.
void quiet();

struct Context {
  std::string path;
  // A file the user gave to read (info, compare, --resume): failures are bad input (InputError, exit 2), not
  // failures to write.
  bool input = false;
  [[noreturn]] void fail(const std::string& what) const;
  hid_t check(hid_t id, const std::string& what) const {
    if (id < 0) fail(what);
    return id;
  }
  void ok(herr_t status, const std::string& what) const {
    if (status < 0) fail(what);
  }
};

void set_string_attr(const Context& c, hid_t obj, const char* name, const std::string& value);
std::string get_string_attr(const Context& c, hid_t obj, const char* name);
bool has_attr(hid_t obj, const char* name);

// Reading whole datasets back (compare, resume checks). Each names the file and dataset when it fails, and
// refuses a dataset larger than kMaxReadBytes or than the file could hold compressed (a damaged header).
bool has_dataset(hid_t file, const std::string& name);
std::vector<hsize_t> shape_of(const Context& c, hid_t file, const std::string& name);
std::vector<double> read_doubles(const Context& c, hid_t file, const std::string& name);
std::vector<long long> read_integers(const Context& c, hid_t file, const std::string& name);
std::vector<std::string> read_strings(const Context& c, hid_t file, const std::string& name);
// Names of the datasets at the root of the file, in name order.
std::vector<std::string> dataset_names(hid_t file);

}  // namespace zonesim::h5
