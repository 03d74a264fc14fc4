# Sweep tests (included at the end of tests/CMakeLists.txt).
zonesim_test(test_design test_design.cpp)
target_link_libraries(test_design PRIVATE zonesim_sweep)
zonesim_test(test_sweep test_sweep.cpp)
target_link_libraries(test_sweep PRIVATE zonesim_sweep)
zonesim_test(test_sweep_run test_sweep_run.cpp)
target_link_libraries(test_sweep_run PRIVATE zonesim_sweep)
target_include_directories(test_sweep_run PRIVATE ${CMAKE_SOURCE_DIR}/engine)
# The CLI end to end, with a real sweep killed by SIGKILL and resumed (tests/cli/test_sweep.sh).
add_test(NAME test_sweep_cli COMMAND bash ${CMAKE_SOURCE_DIR}/tests/cli/test_sweep.sh $<TARGET_FILE:zonesim>
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
