"""Opening zonesim result files (docs/output.md, docs/sweeps.md) as xarray Datasets."""
import dataclasses
import os

import numpy as np
import xarray as xr

# Variables along one axis that become coordinates of that axis (when present in the file).
ZONE_COORDS = ("zone_name", "zone_name_zh", "zone_province", "zone_city", "zone_lat", "zone_lon",
               "zone_province_index", "zone_land_km2")
PROVINCE_COORDS = ("province_name", "province_name_zh")
SECTOR_COORDS = ("sector_name",)
SCENARIO_COORDS = ("scenario_label", "scheme", "scheme_name", "design_point", "morris_factor", "morris_step")
SAMPLED_DESIGNS = ("lhs", "sobol", "morris")


def _decode(values):
    return np.array([v.decode("utf-8") if isinstance(v, bytes) else v for v in np.asarray(values).ravel()],
                    dtype=object).reshape(np.shape(values))


def open_result(path, load=False):
    """Open a zonesim result file (a `zonesim run` or a `zonesim sweep`) as an xarray Dataset.

    The dimensions keep their file values (scenario and replicate indices, calendar years, zone ids, province
    indices). The zone table, the province names and the scenario labels/schemes become coordinates, so
    `ds.gdp.sel(time=2035)` carries zone_name, zone_province, zone_lat, zone_lon along `zone` and
    `ds.top10_share_gdp` carries scenario_label (and scheme_name for sweeps) along `scenario`.
    Runs not completed (`completed` == 0) are set to NaN in every float variable of the runs.
    load=True reads everything into memory and closes the file."""
    if not os.path.exists(path):
        raise FileNotFoundError(f"{path}: no such file (make one with `zonesim run` or `zonesim sweep`)")
    try:
        ds = xr.open_dataset(path, engine="h5netcdf")
    except OSError as e:
        raise ValueError(f"{path}: cannot open as HDF5/netCDF-4 ({e}); expected a zonesim result file") from None
    if "zonesim_version" not in ds.attrs or "completed" not in ds.variables:
        ds.close()
        raise ValueError(f"{path}: not a zonesim result file (no zonesim_version attribute or completed variable)")
    if load:
        loaded = ds.load()
        ds.close()
        ds = loaded
    names = [v for v in ZONE_COORDS + PROVINCE_COORDS + SECTOR_COORDS + SCENARIO_COORDS if v in ds.data_vars]
    for v in names:
        if ds[v].dtype == object:
            ds[v] = ds[v].copy(data=_decode(ds[v].values))
    ds = ds.set_coords(names)
    done = ds["completed"]
    if bool((done != 1).any()):
        for v in ds.data_vars:
            da = ds[v]
            if {"scenario", "replicate"} <= set(da.dims) and v != "completed" and da.dtype.kind == "f":
                ds[v] = da.where(done == 1)
    ds.attrs["source_path"] = os.path.abspath(path)
    return ds


@dataclasses.dataclass
class ResultInfo:
    """What a result file is: a single run or a sweep, its design, factors, schemes and years."""
    kind: str             # "run" or "sweep"
    design: str           # "none", "grid", "lhs", "sobol", "morris"
    factors: list         # factor key paths (sweep_factors), in design order
    schemes: list         # scheme names, reference first
    reference: str        # name of scheme 0
    points: int           # design points per scheme
    samples: int          # design samples (sobol: base rows N; morris: trajectories r)
    design_seed: int
    years: list
    n_scenarios: int
    n_replicates: int

    @property
    def pooled(self):
        """True when schemes are compared pooled over their design points (lhs, sobol, morris)."""
        return self.design in SAMPLED_DESIGNS

    def param_name(self, factor):
        """The file variable of a factor's values: param_<key_path_with_underscores>."""
        return "param_" + factor.replace(".", "_")


def info(ds):
    """ResultInfo of an opened result."""
    a = ds.attrs
    S, R = ds.sizes["scenario"], ds.sizes["replicate"]
    if "scheme_name" in ds.coords:
        names = [str(x) for x in ds["scheme_name"].values]
        idx = [int(x) for x in ds["scheme"].values]
        schemes = [names[idx.index(i)] for i in sorted(set(idx))]
    else:
        schemes = [str(x) for x in ds["scenario_label"].values]
    return ResultInfo(
        kind="sweep" if "sweep_hash" in a else "run",
        design=str(a.get("sweep_design", "none")),
        factors=str(a.get("sweep_factors", "")).split(),
        schemes=schemes,
        reference=schemes[0] if schemes else "",
        points=int(a.get("sweep_points", 1)),
        samples=int(a.get("sweep_samples", 0)),
        design_seed=int(a.get("sweep_design_seed", 1)),
        years=[int(y) for y in ds["time"].values],
        n_scenarios=S,
        n_replicates=R,
    )


def scheme_of(ds):
    """(scheme index, design point) of every scenario: from the file's scheme/design_point variables, or, for a
    run or a file without them, every scenario its own scheme at point 0 (as `zonesim compare` does)."""
    S = ds.sizes["scenario"]
    if "scheme" in ds.coords and "design_point" in ds.coords:
        return np.asarray(ds["scheme"].values, dtype=np.int64), np.asarray(ds["design_point"].values, dtype=np.int64)
    return np.arange(S, dtype=np.int64), np.zeros(S, dtype=np.int64)


def scheme_names(ds):
    """Name of every scenario's scheme (scheme_name, or the label where the file has no schemes)."""
    if "scheme_name" in ds.coords:
        return [str(x) for x in ds["scheme_name"].values]
    return [str(x) for x in ds["scenario_label"].values]


def scenario_index(ds, which=0):
    """Scenario index from an int (the index), a scheme name (its first design point) or a scenario label."""
    if isinstance(which, (int, np.integer)):
        S = ds.sizes["scenario"]
        if not 0 <= int(which) < S:
            raise IndexError(f"scenario {which}: the file has scenarios 0..{S - 1}")
        return int(which)
    which = str(which)
    scheme, point = scheme_of(ds)
    names = scheme_names(ds)
    for s, name in enumerate(names):
        if name == which and point[s] == 0:
            return s
    labels = [str(x) for x in ds["scenario_label"].values]
    if which in labels:
        return labels.index(which)
    raise KeyError(f"scenario {which!r}: not a scheme name or label of this file "
                   f"(schemes: {', '.join(dict.fromkeys(names))})")


def year_or_last(ds, year=None, warn=True):
    """`year` if it is on the time axis, the last year when year is None. A year off the axis falls back to the
    last year with a printed note when warn is True, else raises ValueError."""
    years = [int(y) for y in ds["time"].values]
    if year is None:
        return years[-1]
    if int(year) in years:
        return int(year)
    if warn:
        print(f"note: {year} is not on the file's time axis ({years[0]} to {years[-1]}); using {years[-1]}")
        return years[-1]
    raise ValueError(f"year {year}: not on the file's time axis ({years[0]} to {years[-1]})")


def metric_values(ds, metric, year=None):
    """The metric as a numpy array (scenario, replicate[, time]); with `year`, the values at that year
    (scenario, replicate). Variables without a time axis (sigma/beta convergence) ignore `year`."""
    if metric not in ds.variables:
        choices = [v for v in ds.data_vars if ds[v].dims[:2] == ("scenario", "replicate") and "zone" not in ds[v].dims]
        raise KeyError(f"{metric}: no such variable in the file (metrics: {', '.join(sorted(choices))})")
    da = ds[metric]
    if da.dims[:2] != ("scenario", "replicate") or "zone" in da.dims:
        raise ValueError(f"{metric}: has axes {da.dims}; expected (scenario, replicate[, time])")
    if year is not None and "time" in da.dims:
        da = da.sel(time=int(year))
    return np.asarray(da.values, dtype=float)
