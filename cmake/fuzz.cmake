# libFuzzer targets (issue 11; docs/robustness.md): -DZONESIM_FUZZ=ON with clang (CC=clang CXX=clang++).
# Everything is built with AddressSanitizer and UBSan and libFuzzer's coverage instrumentation; the targets:
#   fuzz_scenario  bytes -> a scenario or sweep file -> load and validate (tests/fuzz/fuzz_scenario.cpp)
#   fuzz_h5        bytes -> a result file -> what info and compare do (tests/fuzz/fuzz_h5.cpp)
# Seeds: tests/fuzz/corpus_scenario/, tests/fuzz/corpus_h5/. CI: .ci/steps/fuzz.sh.
option(ZONESIM_FUZZ "Build the libFuzzer targets (needs clang)" OFF)
if(NOT ZONESIM_FUZZ)
  return()
endif()
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "ZONESIM_FUZZ needs clang (CC=clang CXX=clang++), not ${CMAKE_CXX_COMPILER_ID}")
endif()

# The flags of a directory are those it holds at its end, so these reach every target, the ones above too.
string(APPEND CMAKE_C_FLAGS " -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer")
string(APPEND CMAKE_CXX_FLAGS " -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer")
string(APPEND CMAKE_EXE_LINKER_FLAGS " -fsanitize=address,undefined")

foreach(target fuzz_scenario fuzz_h5)
  add_executable(${target} tests/fuzz/${target}.cpp)
  target_link_libraries(${target} PRIVATE zonesim_sweep)
  target_include_directories(${target} PRIVATE engine)
  target_link_options(${target} PRIVATE -fsanitize=fuzzer)
endforeach()
