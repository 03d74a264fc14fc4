# Sweeps, designs and scheme comparison: the zonesim_sweep library and the two subcommands (docs/sweeps.md).
add_library(zonesim_sweep STATIC
  engine/design_grid.cpp
  engine/design_sobol.cpp
  engine/design_morris.cpp
  engine/sweep_stats.cpp
  engine/sweep_sensitivity.cpp)
target_include_directories(zonesim_sweep PRIVATE engine)
target_link_libraries(zonesim_sweep PUBLIC zonesim_models)
target_link_libraries(zonesim PRIVATE zonesim_sweep)
