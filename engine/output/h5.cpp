#include "output/h5.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace zonesim::h5 {

void quiet() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

void Context::fail(const std::string& what) const {
  if (input)
    throw InputError(path + ": HDF5: cannot " + what + " (a damaged file, or not a zonesim result?)");
  const int e = errno;  // what the failed write left, when it says why
  const bool known = e == ENOSPC || e == EFBIG || e == EDQUOT || e == EIO || e == EROFS;
  throw OutputError(path + ": HDF5: cannot " + what +
                    (known ? std::string(" (") + std::strerror(e) + ")" : ""));
}

// Scalar fixed-length UTF-8 string attributes: the form netCDF reads as a text (NC_CHAR) attribute.
void set_string_attr(const Context& c, hid_t obj, const char* name, const std::string& value) {
  Handle type(c.check(H5Tcopy(H5T_C_S1), "copy a string type"), H5Tclose);
  c.ok(H5Tset_size(type, value.empty() ? 1 : value.size()), "size a string type");
  c.ok(H5Tset_strpad(type, H5T_STR_NULLTERM), "pad a string type");
  c.ok(H5Tset_cset(type, H5T_CSET_UTF8), "set a string type to UTF-8");
  Handle space(c.check(H5Screate(H5S_SCALAR), "create a scalar space"), H5Sclose);
  if (H5Aexists(obj, name) > 0) c.ok(H5Adelete(obj, name), std::string("replace attribute ") + name);
  Handle attr(c.check(H5Acreate2(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT),
                      std::string("create attribute ") + name),
              H5Aclose);
  c.ok(H5Awrite(attr, type, value.empty() ? "" : value.data()), std::string("write attribute ") + name);
}

bool has_attr(hid_t obj, const char* name) { return H5Aexists(obj, name) > 0; }

std::string get_string_attr(const Context& c, hid_t obj, const char* name) {
  Handle attr(c.check(H5Aopen(obj, name, H5P_DEFAULT), std::string("open attribute ") + name), H5Aclose);
  Handle type(c.check(H5Aget_type(attr), "read an attribute type"), H5Tclose);
  if (H5Tget_class(type) != H5T_STRING) c.fail(std::string("read attribute ") + name + " (not a string)");
  {
    Handle space(c.check(H5Aget_space(attr), "read an attribute space"), H5Sclose);
    if (H5Sget_simple_extent_npoints(space) != 1)
      c.fail(std::string("read attribute ") + name + " (not a single text)");
  }
  if (H5Tis_variable_str(type) > 0) {
    char* text = nullptr;
    Handle mem(c.check(H5Tcopy(H5T_C_S1), "copy a string type"), H5Tclose);
    c.ok(H5Tset_size(mem, H5T_VARIABLE), "size a string type");
    c.ok(H5Aread(attr, mem, &text), std::string("read attribute ") + name);
    std::string out = text ? text : "";
    H5free_memory(text);
    return out;
  }
  const size_t n = H5Tget_size(type);
  if (n == 0 || n > (16u << 20))
    c.fail(std::string("read attribute ") + name + " (size " + std::to_string(n) + ")");
  std::string out(n, '\0');
  c.ok(H5Aread(attr, type, out.data()), std::string("read attribute ") + name);
  return out.substr(0, out.find('\0'));
}

bool has_dataset(hid_t file, const std::string& name) {
  return H5Lexists(file, name.c_str(), H5P_DEFAULT) > 0 &&
         H5Oexists_by_name(file, name.c_str(), H5P_DEFAULT) > 0;
}

std::vector<hsize_t> shape_of(const Context& c, hid_t file, const std::string& name) {
  Handle ds(c.check(H5Dopen2(file, name.c_str(), H5P_DEFAULT), "open " + name), H5Dclose);
  Handle space(c.check(H5Dget_space(ds), "read the space of " + name), H5Sclose);
  const int rank = H5Sget_simple_extent_ndims(space);
  std::vector<hsize_t> dims(static_cast<size_t>(rank < 0 ? 0 : rank));
  if (rank > 0) H5Sget_simple_extent_dims(space, dims.data(), nullptr);
  return dims;
}

namespace {

// Deflate expands at most ~1032:1; a dataset claiming more than that over the whole file has a damaged
// header.
constexpr double kMaxExpansion = 1100;
constexpr double kMinReadLimit = 64.0 * 1024 * 1024;

size_t element_count(const Context& c, hid_t file, const std::string& name) {
  double n = 1;
  for (hsize_t d : shape_of(c, file, name)) n *= static_cast<double>(d);
  hsize_t file_size = 0;
  const hid_t f = H5Iget_file_id(file);
  if (f >= 0) H5Fget_filesize(f, &file_size), H5Fclose(f);
  const double limit = std::max(kMinReadLimit, kMaxExpansion * static_cast<double>(file_size));
  if (n * sizeof(double) > limit) {
    char count[32];
    std::snprintf(count, sizeof count, "%.0f", n);
    c.fail("read " + name + ": " + count + " elements, more than the file can hold");
  }
  return static_cast<size_t>(n);
}

template <class T>
std::vector<T> read_numbers(const Context& c, hid_t file, const std::string& name, hid_t mem_type) {
  std::vector<T> out(element_count(c, file, name));
  Handle ds(c.check(H5Dopen2(file, name.c_str(), H5P_DEFAULT), "open " + name), H5Dclose);
  if (!out.empty()) c.ok(H5Dread(ds, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()), "read " + name);
  return out;
}

}  // namespace

std::vector<double> read_doubles(const Context& c, hid_t file, const std::string& name) {
  return read_numbers<double>(c, file, name, H5T_NATIVE_DOUBLE);
}

std::vector<long long> read_integers(const Context& c, hid_t file, const std::string& name) {
  return read_numbers<long long>(c, file, name, H5T_NATIVE_LLONG);
}

std::vector<std::string> read_strings(const Context& c, hid_t file, const std::string& name) {
  const size_t n = element_count(c, file, name);
  Handle ds(c.check(H5Dopen2(file, name.c_str(), H5P_DEFAULT), "open " + name), H5Dclose);
  Handle type(c.check(H5Tcopy(H5T_C_S1), "copy a string type"), H5Tclose);
  c.ok(H5Tset_size(type, H5T_VARIABLE), "size a string type");
  c.ok(H5Tset_cset(type, H5T_CSET_UTF8), "set UTF-8");
  // HDF5 allocates every string it converts: free them also when the read fails halfway (a damaged file;
  // found by fuzz_h5, tests/fuzz/regressions/h5-leak-strings-after-failed-read.h5).
  struct Strings {
    std::vector<char*> raw;
    ~Strings() {
      for (char* p : raw) H5free_memory(p);
    }
  } strings{std::vector<char*>(n, nullptr)};
  if (n) c.ok(H5Dread(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, strings.raw.data()), "read " + name);
  std::vector<std::string> out;
  for (const char* p : strings.raw) out.emplace_back(p ? p : "");
  return out;
}

namespace {

#if H5_VERSION_GE(1, 12, 0)
using LinkInfo = H5L_info2_t;
#define ZONESIM_LITERATE H5Literate2
#else
using LinkInfo = H5L_info_t;
#define ZONESIM_LITERATE H5Literate
#endif

extern "C" herr_t collect_name(hid_t group, const char* name, const LinkInfo*, void* out) {
  const hid_t obj = H5Oopen(group, name, H5P_DEFAULT);
  if (obj < 0) return 0;
  if (H5Iget_type(obj) == H5I_DATASET) static_cast<std::vector<std::string>*>(out)->push_back(name);
  H5Oclose(obj);
  return 0;
}

}  // namespace

std::vector<std::string> dataset_names(hid_t file) {
  std::vector<std::string> out;
  ZONESIM_LITERATE(file, H5_INDEX_NAME, H5_ITER_INC, nullptr, collect_name, &out);
  return out;
}

}  // namespace zonesim::h5
