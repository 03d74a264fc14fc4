# Hostile input, I/O failures and numerical guards (issue 11; docs/robustness.md). Included from
# tests/CMakeLists.txt, so zonesim_test() and the test directory are in scope.
zonesim_test(test_robust test_robust.cpp)
target_link_libraries(test_robust PRIVATE zonesim_sweep)
target_include_directories(test_robust PRIVATE ${HDF5_INCLUDE_DIRS})

# The CLI against hostile files, full disks and damaged results: exit 2 (bad input) or 1 (I/O), a located
# message, no crash and no partial output.
add_test(NAME test_hostile COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/cli/test_hostile.sh $<TARGET_FILE:zonesim>
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
set_tests_properties(test_hostile PROPERTIES TIMEOUT 300)

# Inputs the fuzzers found (tests/fuzz/regressions/): each replayed through the loaders and the result reader.
add_executable(fuzz_replay ${CMAKE_SOURCE_DIR}/tests/fuzz/replay_main.cpp ${CMAKE_SOURCE_DIR}/tests/fuzz/fuzz_scenario.cpp)
target_link_libraries(fuzz_replay PRIVATE zonesim_sweep)
target_include_directories(fuzz_replay PRIVATE ${CMAKE_SOURCE_DIR}/engine)
add_executable(fuzz_replay_h5 ${CMAKE_SOURCE_DIR}/tests/fuzz/replay_main.cpp ${CMAKE_SOURCE_DIR}/tests/fuzz/fuzz_h5.cpp)
target_link_libraries(fuzz_replay_h5 PRIVATE zonesim_sweep)
add_test(NAME fuzz_regressions_scenario
         COMMAND fuzz_replay ${CMAKE_SOURCE_DIR}/tests/fuzz/corpus_scenario ${CMAKE_SOURCE_DIR}/tests/fuzz/regressions
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
add_test(NAME fuzz_regressions_h5
         COMMAND fuzz_replay_h5 ${CMAKE_SOURCE_DIR}/tests/fuzz/corpus_h5 ${CMAKE_SOURCE_DIR}/tests/fuzz/regressions
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
# HDF5 1.10 leaks a damaged object header it fails to read (tests/fuzz/lsan.supp): not ours to free.
set_tests_properties(fuzz_regressions_scenario fuzz_regressions_h5 PROPERTIES
                     ENVIRONMENT "LSAN_OPTIONS=suppressions=${CMAKE_SOURCE_DIR}/tests/fuzz/lsan.supp;ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0")
