"""Summaries of result files: metric trajectories with intervals, paired scheme differences, Sobol' and Morris
indices (the numbers of `zonesim compare`, computed from the file), zone map data and provincial relocation
flows."""
import numpy as np
import pandas as pd
import xarray as xr

from . import reader, stats


def _pooled(ds, by):
    if by == "auto":
        return reader.info(ds).pooled
    if by not in ("scenario", "scheme"):
        raise ValueError(f"by={by!r}: expected 'auto', 'scenario' or 'scheme'")
    return by == "scheme"


def _by_scheme(values, scheme):
    """Per replicate, each scheme's mean over its design points ([scheme, replicate, ...]); NaN if any is."""
    ids = sorted(set(int(s) for s in scheme))
    return ids, np.stack([values[scheme == i].mean(axis=0) for i in ids])


def metric_series(ds, metric, by="auto", band="ci", level=0.95):
    """A metric's trajectory: mean over replicates with a band, per scenario (or per scheme).

    by="scenario": one row per scenario; by="scheme": each scheme pooled over its design points (replicate by
    replicate, then over replicates, as `zonesim compare` does); "auto" pools for lhs/sobol/morris designs.
    band="ci": 95% t interval of the mean across replicates; band="spread": 2.5-97.5% percentiles of the
    replicates. A single replicate gives no band (NaN lo/hi).

    Returns an xarray Dataset over (scenario|scheme, time) with mean, lo, hi, sd, n and a `label` coordinate;
    `.to_dataframe()` makes a tidy table."""
    x = reader.metric_values(ds, metric)
    pooled = _pooled(ds, by)
    time = ds["time"].values if x.ndim == 3 else None
    if pooled:
        scheme, _ = reader.scheme_of(ds)
        ids, x = _by_scheme(x, scheme)
        names = reader.scheme_names(ds)
        labels = [names[list(scheme).index(i)] for i in ids]
        dim, index = "scheme", np.asarray(ids)
    else:
        labels = [str(v) for v in ds["scenario_label"].values]
        dim, index = "scenario", ds["scenario"].values
    s = stats.summarize(x, axis=1, level=level, band=band)
    dims = (dim, "time") if time is not None else (dim,)
    coords = {dim: index, "label": (dim, labels)}
    if time is not None:
        coords["time"] = time
    out = xr.Dataset({k: (dims, v) for k, v in s.items()}, coords=coords)
    out.attrs.update(metric=metric, band=band, level=level, units=ds[metric].attrs.get("units", ""),
                     long_name=ds[metric].attrs.get("long_name", metric), replicates=ds.sizes["replicate"])
    return out


def paired_differences(ds, metric, year=None, reference=0, by="auto"):
    """Replicate-by-replicate differences from the reference scheme at the same design point (common random
    numbers), at `year` (default: the last). Returns a DataArray (scenario|scheme, replicate); the reference's
    own rows are 0. reference: scheme index or name (default the file's reference, scheme 0)."""
    year = reader.year_or_last(ds, year, warn=False)
    x = reader.metric_values(ds, metric, year)
    scheme, point = reader.scheme_of(ds)
    ref = _scheme_id(ds, reference)
    if _pooled(ds, by):
        ids, x = _by_scheme(x, scheme)
        d = x - x[ids.index(ref)]
        names = reader.scheme_names(ds)
        labels = [names[list(scheme).index(i)] for i in ids]
        return xr.DataArray(d, dims=("scheme", "replicate"),
                            coords={"scheme": ids, "label": ("scheme", labels), "replicate": ds["replicate"].values},
                            name=f"{metric}_difference", attrs={"year": year, "metric": metric})
    d = np.full_like(x, np.nan)
    for s in range(x.shape[0]):
        r = np.flatnonzero((scheme == ref) & (point == point[s]))
        if r.size:
            d[s] = x[s] - x[r[0]]
    return xr.DataArray(d, dims=("scenario", "replicate"),
                        coords={"scenario": ds["scenario"].values,
                                "label": ("scenario", [str(v) for v in ds["scenario_label"].values]),
                                "replicate": ds["replicate"].values},
                        name=f"{metric}_difference", attrs={"year": year, "metric": metric})


def _scheme_id(ds, which):
    if isinstance(which, (int, np.integer)):
        return int(which)
    scheme, _ = reader.scheme_of(ds)
    return int(scheme[reader.scenario_index(ds, which)])


def scheme_differences(ds, metric="top10_share_gdp", year=None, reference=0, by="auto", level=0.95):
    """The table of `zonesim compare`: per scenario (or per scheme, pooled over design points for lhs, sobol and
    morris designs) the mean across replicates with its t interval, and the paired difference from the
    reference scheme (same design point, same replicate) with its t interval across replicates.

    Returns a pandas DataFrame: scenario, scheme, scheme_name, label, mean, mean_lo, mean_hi, n, difference,
    diff_lo, diff_hi, pairs (NaN difference for the reference), with attrs metric, year, units, reference."""
    year = reader.year_or_last(ds, year, warn=False)
    x = reader.metric_values(ds, metric, year)
    scheme, point = reader.scheme_of(ds)
    names = reader.scheme_names(ds)
    ref = _scheme_id(ds, reference)
    pooled = _pooled(ds, by)
    diffs = paired_differences(ds, metric, year, reference=ref, by="scheme" if pooled else "scenario").values
    rows = []
    if pooled:
        ids, xs = _by_scheme(x, scheme)
        for j, i in enumerate(ids):
            s = list(scheme).index(i)
            m = stats.mean_interval(xs[j], level)
            d = stats.mean_interval(diffs[j], level) if i != ref else (np.nan,) * 4 + (0,)
            rows.append(dict(scenario=-1, scheme=i, scheme_name=names[s], label=names[s], mean=m[0], mean_lo=m[1],
                             mean_hi=m[2], n=m[4], difference=d[0], diff_lo=d[1], diff_hi=d[2], pairs=d[4]))
    else:
        labels = [str(v) for v in ds["scenario_label"].values]
        for s in range(x.shape[0]):
            m = stats.mean_interval(x[s], level)
            has_ref = scheme[s] != ref and bool(((scheme == ref) & (point == point[s])).any())
            d = stats.mean_interval(diffs[s], level) if has_ref else (np.nan,) * 4 + (0,)
            rows.append(dict(scenario=s, scheme=int(scheme[s]), scheme_name=names[s], label=labels[s], mean=m[0],
                             mean_lo=m[1], mean_hi=m[2], n=m[4], difference=d[0], diff_lo=d[1], diff_hi=d[2],
                             pairs=d[4]))
    df = pd.DataFrame(rows)
    s_ref = list(scheme).index(ref)
    df.attrs.update(metric=metric, year=year, units=ds[metric].attrs.get("units", ""),
                    long_name=ds[metric].attrs.get("long_name", metric), reference=names[s_ref],
                    replicates=ds.sizes["replicate"], pooled=pooled)
    return df


def _point_means(ds, metric, year):
    """Per scheme: the metric at each design point averaged over replicates ({scheme id: array[points]})."""
    info = reader.info(ds)
    x = reader.metric_values(ds, metric, year)
    scheme, point = reader.scheme_of(ds)
    with np.errstate(invalid="ignore"):
        means = np.array([stats.mean_interval(row)[0] for row in x])
    out = {}
    for i in sorted(set(int(s) for s in scheme)):
        f = np.full(info.points, np.nan)
        sel = (scheme == i) & (point < info.points)
        f[point[sel]] = means[sel]
        out[i] = f
    return out


def sobol_indices(ds, metric="top10_share_gdp", year=None, bootstrap=1000, seed=None):
    """Sobol' first-order (S1) and total (ST) indices per scheme and factor of a sobol sweep, with 95% percentile
    bootstrap intervals (the numbers of `zonesim compare`: outputs are replicate means per design point; the
    bootstrap uses the design seed, so the intervals match the CLI's exactly).

    Returns a DataFrame: scheme, factor, S1, S1_lo, S1_hi, ST, ST_lo, ST_hi, n (base rows)."""
    info = reader.info(ds)
    if info.design != "sobol":
        raise ValueError(f"sobol_indices: the file's design is {info.design!r}, not 'sobol'")
    year = reader.year_or_last(ds, year, warn=False)
    k, n = len(info.factors), info.samples
    seed = info.design_seed if seed is None else seed
    names = reader.scheme_names(ds)
    scheme, _ = reader.scheme_of(ds)
    rows = []
    for i, f in _point_means(ds, metric, year).items():
        r = stats.sobol_from_outputs(f, n, k, bootstrap, seed)
        for j, factor in enumerate(info.factors):
            rows.append(dict(scheme=names[list(scheme).index(i)], factor=factor,
                             **{key: float(r[key][j]) for key in ("S1", "S1_lo", "S1_hi", "ST", "ST_lo", "ST_hi")},
                             n=n))
    df = pd.DataFrame(rows)
    df.attrs.update(metric=metric, year=year, bootstrap=bootstrap)
    return df


def morris_indices(ds, metric="top10_share_gdp", year=None, bootstrap=1000, seed=None):
    """Morris screening per scheme and factor of a morris sweep: mu* (mean absolute elementary effect) with its
    95% bootstrap interval over trajectories, mu and sigma; effects per unit of the factor's range (unit cube).
    The numbers of `zonesim compare`.

    Returns a DataFrame: scheme, factor, mu_star, mu_star_lo, mu_star_hi, mu, sigma, n (trajectories)."""
    info = reader.info(ds)
    if info.design != "morris":
        raise ValueError(f"morris_indices: the file's design is {info.design!r}, not 'morris'")
    year = reader.year_or_last(ds, year, warn=False)
    k, r = len(info.factors), info.samples
    seed = info.design_seed if seed is None else seed
    names = reader.scheme_names(ds)
    scheme, point = reader.scheme_of(ds)
    mf = np.asarray(ds["morris_factor"].values, dtype=np.int64)
    ms = np.asarray(ds["morris_step"].values, dtype=float)
    rows = []
    for i, f in _point_means(ds, metric, year).items():
        factor = np.zeros(info.points, dtype=np.int64)
        step = np.zeros(info.points)
        sel = scheme == i
        factor[point[sel]], step[point[sel]] = mf[sel], ms[sel]
        m = stats.morris_from_outputs(f, factor, step, r, k, bootstrap, seed)
        for j, fac in enumerate(info.factors):
            rows.append(dict(scheme=names[list(scheme).index(i)], factor=fac,
                             **{key: float(m[key][j]) for key in ("mu_star", "mu_star_lo", "mu_star_hi", "mu", "sigma")},
                             n=int(m["n"][j])))
    df = pd.DataFrame(rows)
    df.attrs.update(metric=metric, year=year, bootstrap=bootstrap)
    return df


def _zone_values(ds, var, scenario, replicate):
    s = reader.scenario_index(ds, scenario)
    da = ds[var].isel(scenario=s)
    if isinstance(replicate, str):
        if replicate != "mean":
            raise ValueError(f"replicate={replicate!r}: expected an index or 'mean'")
        return da.mean("replicate", skipna=True)
    return da.isel(replicate=int(replicate))


def zone_map_data(ds, scenario=0, replicate=0, year=None, since=None):
    """One row per zone for a map: name, province, city, lat, lon, gdp at `year` (default the last), its share of
    all zones' GDP, gdp at `since` (default the first year), and growth, the average yearly growth rate of GDP from
    `since` to `year`. A zone with no GDP at `since` (a zone entering later) is measured from its first year with
    GDP; growth is NaN when that is `year` itself.

    scenario: index, scheme name or label; replicate: index or "mean" (GDP averaged over replicates).
    Returns a pandas DataFrame indexed by zone id (attrs: year, since, scenario label)."""
    year = reader.year_or_last(ds, year, warn=False)
    years = [int(y) for y in ds["time"].values]
    since = years[0] if since is None else int(since)
    if since not in years or since > year:
        raise ValueError(f"since={since}: must be a year of the file not after {year}")
    gdp = _zone_values(ds, "gdp", scenario, replicate).sel(time=slice(since, year))
    g = np.asarray(gdp.values, dtype=float)           # (time, zone)
    t = np.asarray(gdp["time"].values, dtype=float)
    positive = g > 0
    first = np.where(positive.any(0), positive.argmax(0), len(t) - 1)
    g0 = g[first, np.arange(g.shape[1])]
    span = t[-1] - t[first]
    with np.errstate(invalid="ignore", divide="ignore"):
        growth = np.where((span > 0) & (g0 > 0), (g[-1] / g0) ** (1.0 / np.where(span > 0, span, 1)) - 1.0, np.nan)
    total = np.nansum(g[-1])
    df = pd.DataFrame({
        "name": ds["zone_name"].values, "province": ds["zone_province"].values,
        "city": ds["zone_city"].values if "zone_city" in ds.coords else "",
        "lat": ds["zone_lat"].values, "lon": ds["zone_lon"].values,
        "gdp": g[-1], "share": g[-1] / total if total > 0 else np.nan,
        "gdp_since": g0, "growth": growth,
    }, index=pd.Index(ds["zone"].values, name="zone"))
    s = reader.scenario_index(ds, scenario)
    df.attrs.update(year=year, since=since, scenario=s, label=str(ds["scenario_label"].values[s]),
                    replicate=replicate, gdp_units=ds["gdp"].attrs.get("units", ""))
    return df


def province_flows(ds, scenario=0, replicate=0, year=None, since=None):
    """Relocated enterprises per province, summed over the simulated years after `since` (default the first year,
    the initial state) up to `year` (default the last): moved_in and moved_out (sums of the zones'
    relocations_in/out; moves between two zones of one province count in both), net = moved_in - moved_out
    (moves inside a province cancel), and each province's position (mean of its zones' lat/lon).

    The file holds per-zone in/out counts only, not origin-destination pairs, so this is the net flow of each
    province, not flows between provinces. Returns a DataFrame indexed by province name, sorted by net."""
    year = reader.year_or_last(ds, year, warn=False)
    years = [int(y) for y in ds["time"].values]
    since = years[0] if since is None else int(since)
    window = [y for y in years if since < y <= year]
    zin = _zone_values(ds, "relocations_in", scenario, replicate).sel(time=window).sum("time")
    zout = _zone_values(ds, "relocations_out", scenario, replicate).sel(time=window).sum("time")
    z = pd.DataFrame({"province": ds["zone_province"].values, "lat": ds["zone_lat"].values,
                      "lon": ds["zone_lon"].values, "moved_in": np.asarray(zin.values, dtype=float),
                      "moved_out": np.asarray(zout.values, dtype=float)})
    out = z.groupby("province").agg(zones=("lat", "size"), lat=("lat", "mean"), lon=("lon", "mean"),
                                    moved_in=("moved_in", "sum"), moved_out=("moved_out", "sum"))
    out["net"] = out["moved_in"] - out["moved_out"]
    out = out.sort_values("net")
    s = reader.scenario_index(ds, scenario)
    out.attrs.update(year=year, since=since, scenario=s, label=str(ds["scenario_label"].values[s]),
                     replicate=replicate)
    return out
