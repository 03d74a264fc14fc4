// libFuzzer target: bytes -> a file -> what `zonesim info` and `zonesim compare` do with it. Only InputError
// (exit 2 in the CLI) may come out; anything else, or a crash, is a finding. docs/robustness.md.
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "zonesim/compare.hpp"
#include "zonesim/errors.hpp"
#include "zonesim/isolate.hpp"
#include "zonesim/output.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path =
      (std::filesystem::temp_directory_path() / ("zonesim-fuzz-" + std::to_string(getpid()) + ".h5"))
          .string();
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  // HDF5 1.10 itself crashes or loops on some damaged files (docs/robustness.md); the CLI refuses those after
  // trying them in a child process, and so does this target, so that the fuzzer looks for bugs in zonesim.
  const auto read = [&] {
    try {
      zonesim::describe_result_file(path);
    } catch (const zonesim::InputError&) {
    }
    zonesim::CompareOptions options;
    options.bootstrap = 1;
    zonesim::compare_results(path, options);
  };
  if (zonesim::crash_signal_of(read, 5) != 0) return 0;  // crashed or looped in HDF5
  try {
    zonesim::describe_result_file(path);
  } catch (const zonesim::InputError&) {
  }
  try {
    zonesim::CompareOptions options;
    options.bootstrap = 20;
    zonesim::compare_results(path, options);
  } catch (const zonesim::InputError&) {
  }
  return 0;
}
