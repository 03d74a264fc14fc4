# Optional: sweeps across the ranks of an MPI job (mpirun -np K zonesim sweep ...; docs/cluster.md).
# Off by default: the default build needs no MPI. With it, engine/sweep_mpi.cpp joins zonesim_sweep and the
# hooks in engine/sweep_run.cpp and tools/zonesim/cmd_sweep.cpp are compiled (ZONESIM_MPI).
option(ZONESIM_MPI "Distribute zonesim sweep over MPI ranks (Debian: openmpi-bin libopenmpi-dev)" OFF)
if(ZONESIM_MPI)
  find_package(MPI REQUIRED COMPONENTS C)
  target_sources(zonesim_sweep PRIVATE engine/sweep_mpi.cpp)
  target_link_libraries(zonesim_sweep PUBLIC MPI::MPI_C)
  target_compile_definitions(zonesim_sweep PUBLIC ZONESIM_MPI)
endif()
