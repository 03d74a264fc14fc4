# The MPI sweep tests (only with -DZONESIM_MPI=ON; label mpi): tests/cli/test_mpi.sh runs small sweeps in one
# process and under mpirun -np 2 and 3, compares the data bit for bit, kills a rank, and resumes.
if(ZONESIM_MPI)
  find_program(ZONESIM_MPIRUN NAMES mpirun mpiexec REQUIRED)
  add_test(NAME test_mpi_sweep COMMAND bash ${CMAKE_SOURCE_DIR}/tests/cli/test_mpi.sh $<TARGET_FILE:zonesim>
           WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(test_mpi_sweep PROPERTIES LABELS mpi TIMEOUT 600)
endif()
