"""zonesim: read zonesim result files (HDF5, netCDF-4) in Python and draw the standard figures.

    import sys; sys.path.insert(0, "<repo>/tools/python")
    import zonesim as zs
    ds = zs.open_result("out.h5")                      # xarray Dataset, zone/province/scenario names as coordinates
    zs.metric_series(ds, "top10_share_gdp")            # mean and 95% band per scenario over time
    zs.scheme_differences(ds, "top10_share_gdp", 2035) # paired differences from the reference scheme (compare)
    zs.zone_map_data(ds, scenario="baseline")          # lat, lon, gdp, growth per zone
    zs.sobol_indices(ds) / zs.morris_indices(ds)       # sensitivity indices of sobol / morris sweeps
    zs.prim_box(X, y)                                  # PRIM: the box of factor values where y (0/1) concentrates
    zs.scheme_label("transfer_payments")               # display names: "Transfer payments 转移支付"

`python3 -m zonesim.report OUT.h5 -o report.html` (what `zonesim report` runs) writes the HTML report (docs/report.md).

Only Debian packages: python3-xarray, python3-h5netcdf, python3-numpy, python3-pandas, python3-matplotlib; the
report also uses python3-geopandas (the outline of China), python3-sklearn (CART) and fonts-noto-cjk when installed.
docs/notebooks.md describes the module, tools/plot.py and the notebooks.
"""
from .analysis import (metric_series, morris_indices, paired_differences, province_flows, scheme_differences,
                       sobol_indices, zone_map_data)
from .cli import compare_json, find_zonesim, run, sweep
from .names import metric_label, scheme_label
from .prim import Box as PrimBox, prim as prim_box
from .reader import ResultInfo, info, open_result, scenario_index, year_or_last
from .stats import mean_interval, morris_from_outputs, sobol_from_outputs, t_quantile

__all__ = [
    "open_result", "info", "ResultInfo", "scenario_index", "year_or_last",
    "metric_series", "paired_differences", "scheme_differences", "sobol_indices", "morris_indices",
    "zone_map_data", "province_flows",
    "mean_interval", "t_quantile", "sobol_from_outputs", "morris_from_outputs",
    "find_zonesim", "run", "sweep", "compare_json",
    "scheme_label", "metric_label", "prim_box", "PrimBox",
]
