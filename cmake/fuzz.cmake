# libFuzzer builds (docs/robustness.md): -DZONESIM_FUZZ=ON with clang (CC=clang CXX=clang++). Everything is
# built with AddressSanitizer, UBSan and libFuzzer's coverage instrumentation; tests/fuzz/CMakeLists.txt adds
# the targets fuzz_scenario (bytes -> a scenario or sweep file -> load and validate) and fuzz_h5 (bytes -> a
# result file -> what info and compare do). Seeds: tests/fuzz/corpus_*/. CI: .ci/steps/fuzz.sh.
option(ZONESIM_FUZZ "Build the libFuzzer targets (needs clang)" OFF)
if(ZONESIM_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "ZONESIM_FUZZ needs clang (CC=clang CXX=clang++), not ${CMAKE_CXX_COMPILER_ID}")
  endif()
  string(APPEND CMAKE_C_FLAGS " -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer")
  string(APPEND CMAKE_CXX_FLAGS " -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer")
  string(APPEND CMAKE_EXE_LINKER_FLAGS " -fsanitize=address,undefined")
endif()
