# Sweeps, designs and scheme comparison: the zonesim_sweep library and the two subcommands (docs/sweeps.md).
add_library(zonesim_sweep STATIC
  engine/design_grid.cpp
  engine/design_sobol.cpp
  engine/design_morris.cpp
  engine/sweep_stats.cpp
  engine/sweep_sensitivity.cpp
  engine/sweep_load.cpp
  engine/sweep_plan.cpp
  engine/sweep_layout.cpp
  engine/sweep_store.cpp
  engine/sweep_run.cpp
  engine/sweep_compare.cpp)
target_include_directories(zonesim_sweep PRIVATE engine)
target_link_libraries(zonesim_sweep PUBLIC zonesim_models)
target_sources(zonesim PRIVATE tools/zonesim/cmd_sweep.cpp tools/zonesim/cmd_compare.cpp tools/zonesim/cmd_bench.cpp)
target_link_libraries(zonesim PRIVATE zonesim_sweep)
