"""The standard figures (matplotlib), shared by tools/plot.py and the notebooks.

Each function draws on `ax` (or on a new figure) and returns the figure. Nothing here selects a backend:
tools/plot.py uses Agg; notebooks use their inline backend.
"""
import math

import numpy as np

from . import analysis, reader

# Labels for the metric names of the file.
METRIC_LABELS = {
    "top10_share": "top-10 share", "gini": "Gini", "theil_t": "Theil T", "theil_l": "Theil L",
    "theil_between": "between-province Theil T", "theil_within": "within-province Theil T", "cv": "CV",
    "hhi": "HHI", "esteban_ray": "Esteban-Ray", "wolfson": "Wolfson", "zhang_kanbur": "Zhang-Kanbur",
}
OTHER_LABELS = {"total_gdp": "total GDP", "total_subsidy": "total subsidy", "subsidy_waste": "subsidy waste",
                "relocations": "relocated enterprises", "total_external_funds": "external funds",
                "sigma_convergence_gdp": "sigma convergence of GDP", "beta_convergence_gdp": "beta convergence of GDP"}
STANDARD_METRICS = ("top10_share_gdp", "gini_gdp", "theil_t_gdp", "total_gdp")


def _plt():
    import matplotlib.pyplot as plt
    return plt


def metric_label(metric, units=None):
    for prefix, text in METRIC_LABELS.items():
        for v in ("gdp", "patents", "firms"):
            if metric == f"{prefix}_{v}":
                return f"{text} of {'GDP' if v == 'gdp' else v}"
    label = OTHER_LABELS.get(metric, metric.replace("_", " "))
    if units and units != "1":
        label += f" ({units})"
    return label


def _axes(ax, figsize=(6, 4)):
    plt = _plt()
    if ax is None:
        fig, ax = plt.subplots(figsize=figsize, layout="constrained")
        return fig, ax
    return ax.figure, ax


def plot_series(ds, metric, ax=None, by="auto", band="ci", level=0.95, max_lines=12, legend=True, colors=None):
    """A metric over time: the mean across replicates per scenario (or scheme) with its band (shaded)."""
    fig, ax = _axes(ax)
    s = analysis.metric_series(ds, metric, by=by, band=band, level=level)
    dim = "scheme" if "scheme" in s.dims else "scenario"
    n = s.sizes[dim]
    cmap = _plt().get_cmap("tab10" if n <= 10 else "viridis")
    for j in range(n):
        row = s.isel({dim: j})
        color = (colors or {}).get(str(row["label"].values)) or (cmap(j % 10) if n <= 10 else cmap(j / max(n - 1, 1)))
        ax.plot(s["time"], row["mean"], color=color, lw=1.8 if j == 0 else 1.3,
                label=str(row["label"].values) if n <= max_lines else None)
        if np.isfinite(row["lo"]).any():
            ax.fill_between(s["time"], row["lo"], row["hi"], color=color, alpha=0.18, lw=0)
    ax.set_xlabel("year")
    ax.set_ylabel(metric_label(metric, s.attrs["units"]))
    reps = ds.sizes["replicate"]
    what = {"ci": f"{int(level * 100)}% CI of the mean", "spread": f"{int(level * 100)}% of replicates"}[band]
    ax.set_title(metric_label(metric, s.attrs["units"]) + (f"\n(mean of {reps} replicates, band: {what})"
                                                           if reps > 1 else ""), fontsize=9)
    if legend and 1 < n <= max_lines:
        ax.legend(fontsize=7, frameon=False)
    ax.grid(alpha=0.3)
    return fig


def plot_trajectories(ds, metrics=STANDARD_METRICS, by="auto", band="ci", ncols=2):
    """A panel per metric (default: top-10 share, Gini, Theil T of GDP and total GDP)."""
    plt = _plt()
    metrics = [m for m in metrics if m in ds.variables]
    nrows = math.ceil(len(metrics) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(5.2 * ncols, 3.6 * nrows), layout="constrained", squeeze=False)
    for i, m in enumerate(metrics):
        plot_series(ds, m, ax=axes.flat[i], by=by, band=band, legend=(i == 0))
    for ax in axes.flat[len(metrics):]:
        ax.set_visible(False)
    fig.suptitle(ds.attrs.get("title", ""), fontsize=10)
    return fig


def plot_theil_split(ds, variable="gdp", scenario=0, ax=None):
    """Theil T of `variable` split into its between-province and within-province parts (stacked, mean over
    replicates) for one scenario, with the total as a line."""
    fig, ax = _axes(ax)
    s = reader.scenario_index(ds, scenario)
    between = ds[f"theil_between_{variable}"].isel(scenario=s).mean("replicate")
    within = ds[f"theil_within_{variable}"].isel(scenario=s).mean("replicate")
    total = ds[f"theil_t_{variable}"].isel(scenario=s).mean("replicate")
    t = ds["time"].values
    ax.stackplot(t, between, within, labels=["between provinces", "within provinces"],
                 colors=["#4c72b0", "#dd8452"], alpha=0.75)
    ax.plot(t, total, color="k", lw=1.5, label="Theil T (total)")
    ax.set_xlabel("year")
    ax.set_ylabel(f"Theil T of {'GDP' if variable == 'gdp' else variable}")
    label = str(ds["scenario_label"].values[s])
    ax.set_title(f"Theil T split by provinces: {label}", fontsize=9)
    ax.legend(fontsize=7, frameon=False, loc="upper left")
    ax.grid(alpha=0.3)
    return fig


def plot_forest(diff, ax=None, title=None):
    """Forest plot of a scheme_differences() table: each scheme's paired difference from the reference with its
    interval; the reference is the zero line."""
    rows = diff[diff["pairs"] > 0]
    fig, ax = _axes(ax, figsize=(6, 0.9 + 0.45 * max(len(rows), 1)))
    y = np.arange(len(rows))[::-1]
    d = rows["difference"].to_numpy()
    lo, hi = rows["diff_lo"].to_numpy(), rows["diff_hi"].to_numpy()
    excludes_zero = (lo > 0) | (hi < 0)
    colors = np.where(excludes_zero, np.where(d < 0, "#2a7a2a", "#b22222"), "#555555")
    for yi, di, l, h, c in zip(y, d, lo, hi, colors):
        if np.isfinite(l) and np.isfinite(h):
            ax.plot([l, h], [yi, yi], color=c, lw=2, solid_capstyle="butt")
            ax.plot([l, l, np.nan, h, h], [yi - 0.12, yi + 0.12, np.nan, yi - 0.12, yi + 0.12], color=c, lw=1)
    ax.scatter(d, y, c=list(colors), zorder=3, s=30)
    ax.axvline(0, color="k", lw=0.8)
    ax.set_yticks(y)
    ax.set_yticklabels(rows["label"].tolist(), fontsize=8)
    a = diff.attrs
    units = a.get("units", "")
    ax.set_xlabel(f"difference in {metric_label(a.get('metric', ''))}" + (f" ({units})" if units not in ("", "1") else "")
                  + f" vs {a.get('reference', 'reference')}")
    ax.set_title(title or f"{metric_label(a.get('metric', ''))} in {a.get('year', '')}: paired difference from "
                 f"'{a.get('reference', '')}'\n(mean over {a.get('replicates', '?')} replicates, 95% t interval)",
                 fontsize=9)
    ax.grid(axis="x", alpha=0.3)
    ax.xaxis.set_major_locator(_plt().MaxNLocator(5))
    ax.set_ylim(-0.7, len(rows) - 0.3)
    return fig


def _growth_norm(growth, vmin=None, vmax=None, vcenter=None):
    """A diverging colour scale for growth (%): centred on the median zone, so red grows faster than the typical
    zone and blue slower; limits at the 2nd and 98th percentiles."""
    from matplotlib.colors import TwoSlopeNorm
    g = growth[np.isfinite(growth)]
    lo, mid, hi = np.percentile(g, [2, 50, 98]) if g.size else (-1.0, 0.0, 1.0)
    lo, hi = (lo if vmin is None else vmin), (hi if vmax is None else vmax)
    mid = mid if vcenter is None else vcenter
    mid = min(max(mid, lo + 1e-9), hi - 1e-9) if hi - lo > 2e-9 else mid
    if not lo < mid < hi:
        lo, hi = mid - 1.0, mid + 1.0
    return TwoSlopeNorm(vcenter=mid, vmin=lo, vmax=hi)


def plot_zone_map(df, ax=None, title=None, norm=None, size_scale=None, label_top=6, colorbar=True):
    """Zones at their coordinates: marker area proportional to GDP, colour = average yearly GDP growth, on a
    diverging scale centred on the median zone (a zone_map_data() table). No basemap (no map data in Debian's
    Python stack without downloads): longitude/latitude axes with the aspect of the map's mid-latitude.
    Returns (figure, the scatter's mappable)."""
    fig, ax = _axes(ax, figsize=(6.5, 5))
    gdp = df["gdp"].to_numpy(dtype=float)
    top = np.nanmax(gdp) if np.isfinite(gdp).any() else 0.0
    scale = size_scale or (600.0 / top if top > 0 else 1.0)
    growth = 100.0 * df["growth"].to_numpy(dtype=float)
    norm = norm or _growth_norm(growth)
    order = np.argsort(-np.nan_to_num(gdp))        # big markers first, small ones stay visible on top
    sc = ax.scatter(df["lon"].to_numpy()[order], df["lat"].to_numpy()[order], s=np.maximum(gdp[order] * scale, 2),
                    c=growth[order], cmap="RdBu_r", norm=norm, alpha=0.85, edgecolors="k", linewidths=0.3)
    for _, r in df.nlargest(label_top, "gdp").iterrows():
        ax.annotate(str(r["city"] or r["name"]), (r["lon"], r["lat"]), fontsize=6, xytext=(4, 4),
                    textcoords="offset points")
    mid = np.nanmean(df["lat"])
    ax.set_aspect(1.0 / math.cos(math.radians(mid)))
    ax.set_xlabel("longitude (degrees east)")
    ax.set_ylabel("latitude (degrees north)")
    a = df.attrs
    ax.set_title(title or f"{a.get('label', '')}, {a.get('year', '')}: size = GDP, colour = growth since "
                 f"{a.get('since', '')}", fontsize=9)
    ax.grid(alpha=0.2)
    if colorbar:
        fig.colorbar(sc, ax=ax, shrink=0.7, label=f"yearly GDP growth {a.get('since', '')}-{a.get('year', '')}"
                     " (%; white: median zone)")
    return fig, sc


def plot_zone_maps(left, right, titles=None):
    """Two zone maps side by side on one colour scale and one size scale (e.g. the baseline beside a scheme)."""
    plt = _plt()
    fig, axes = plt.subplots(1, 2, figsize=(12, 4.6), layout="constrained")
    growth = 100.0 * np.concatenate([left["growth"].to_numpy(float), right["growth"].to_numpy(float)])
    norm = _growth_norm(growth, vcenter=np.nanmedian(100.0 * left["growth"].to_numpy(float)))
    top = max(np.nanmax(left["gdp"]), np.nanmax(right["gdp"]))
    scale = 600.0 / top if top > 0 else 1.0
    sc = None
    for i, (df, ax) in enumerate(zip((left, right), axes)):
        _, sc = plot_zone_map(df, ax=ax, norm=norm, size_scale=scale, colorbar=False,
                              title=None if titles is None else titles[i])
    a = left.attrs
    fig.colorbar(sc, ax=axes, shrink=0.7, label=f"yearly GDP growth {a.get('since', '')}-{a.get('year', '')} (%)")
    fig.suptitle("size = GDP; colour = average yearly GDP growth, white = the median zone of the left map",
                 fontsize=9)
    return fig


def plot_province_flows(flows, ax=None, title=None, sort=True):
    """Net relocations per province (moved in minus moved out) as horizontal bars (a province_flows() table),
    sorted by net flow unless sort=False (then in the table's order, e.g. to align two panels)."""
    f = flows.sort_values("net") if sort else flows
    fig, ax = _axes(ax, figsize=(6, 0.6 + 0.2 * len(f)))
    colors = np.where(f["net"] >= 0, "#2a7a2a", "#b22222")
    ax.barh(f.index, f["net"], color=colors)
    ax.axvline(0, color="k", lw=0.8)
    ax.tick_params(axis="y", labelsize=7)
    a = flows.attrs
    ax.set_xlabel(f"enterprises moved in minus moved out, {a.get('since', '')}-{a.get('year', '')}")
    ax.set_title(title or f"net relocations per province: {a.get('label', '')}\n(per-zone in/out summed; the file "
                 "has no origin-destination pairs)", fontsize=9)
    ax.grid(axis="x", alpha=0.3)
    return fig


def plot_province_flow_map(flows, zones=None, ax=None, title=None, largest=None):
    """Net relocations per province at the province's mean zone position: marker area = |net| (relative to
    `largest`, default the largest |net| of the table: pass one value to compare panels), green in, red out;
    zones (a zone_map_data() table) drawn faintly underneath."""
    fig, ax = _axes(ax, figsize=(6.5, 5))
    if zones is not None:
        ax.scatter(zones["lon"], zones["lat"], s=4, color="0.75", zorder=1)
    net = flows["net"].to_numpy(float)
    big = largest or (np.nanmax(np.abs(net)) if np.isfinite(net).any() and np.nanmax(np.abs(net)) > 0 else 1.0)
    ax.scatter(flows["lon"], flows["lat"], s=20 + 800 * np.abs(net) / big,
               c=np.where(net >= 0, "#2a7a2a", "#b22222"), alpha=0.6, edgecolors="k", linewidths=0.3, zorder=2)
    for name, r in flows.iterrows():
        if abs(r["net"]) >= 0.25 * big:
            ax.annotate(f"{name} {int(round(r['net'])):+d}", (r["lon"], r["lat"]), fontsize=6, xytext=(4, 4),
                        textcoords="offset points")
    mid = np.nanmean(flows["lat"])
    ax.set_aspect(1.0 / math.cos(math.radians(mid)))
    ax.set_xlabel("longitude (degrees east)")
    ax.set_ylabel("latitude (degrees north)")
    a = flows.attrs
    ax.set_title(title or f"net relocations per province, {a.get('since', '')}-{a.get('year', '')} "
                 "(green: in, red: out)", fontsize=9)
    ax.grid(alpha=0.2)
    return fig


def plot_sobol(df, ax=None, scheme=None, title=None):
    """First-order and total Sobol' indices per factor with their bootstrap intervals (a sobol_indices() table)."""
    d = df if scheme is None else df[df["scheme"] == scheme]
    if scheme is None and d["scheme"].nunique() > 1:
        d = d[d["scheme"] == d["scheme"].iloc[0]]
    fig, ax = _axes(ax, figsize=(1.5 + 1.3 * len(d), 4))
    x = np.arange(len(d))
    w = 0.38
    for off, key, color, name in ((-w / 2, "S1", "#4c72b0", "first order S1"), (w / 2, "ST", "#dd8452", "total ST")):
        v = d[key].to_numpy(float)
        err = np.vstack([v - d[f"{key}_lo"].to_numpy(float), d[f"{key}_hi"].to_numpy(float) - v])
        ax.bar(x + off, v, w, color=color, label=name)
        ax.errorbar(x + off, v, yerr=np.where(np.isfinite(err), err, 0), fmt="none", ecolor="k", capsize=3, lw=1)
    ax.axhline(0, color="k", lw=0.8)
    ax.set_xticks(x)
    ax.set_xticklabels([f.replace(".", ".\n", 1) for f in d["factor"]], fontsize=7)
    ax.set_ylabel("Sobol' index")
    a = df.attrs
    ax.set_title(title or f"Sobol' indices of {metric_label(a.get('metric', ''))} in {a.get('year', '')}\n"
                 f"(95% bootstrap intervals over {int(d['n'].iloc[0]) if len(d) else '?'} base rows)", fontsize=9)
    ax.legend(fontsize=7, frameon=False)
    ax.grid(axis="y", alpha=0.3)
    return fig


def plot_morris(df, ax=None, scheme=None, title=None):
    """Morris mu*-sigma plot (a morris_indices() table): mu* with its bootstrap interval against sigma, with the
    lines sigma/mu* = 0.1, 0.5 and 1 (Garcia Sanchez et al. 2014: below 0.1 almost linear, above 1 strongly
    non-linear or interacting)."""
    d = df if scheme is None else df[df["scheme"] == scheme]
    if scheme is None and d["scheme"].nunique() > 1:
        d = d[d["scheme"] == d["scheme"].iloc[0]]
    fig, ax = _axes(ax, figsize=(6, 4.5))
    mu, sg = d["mu_star"].to_numpy(float), d["sigma"].to_numpy(float)
    err = np.vstack([mu - d["mu_star_lo"].to_numpy(float), d["mu_star_hi"].to_numpy(float) - mu])
    ax.errorbar(mu, sg, xerr=np.where(np.isfinite(err), err, 0), fmt="o", color="#4c72b0", ecolor="0.5",
                capsize=3)
    top = np.nanmax(np.concatenate([d["mu_star_hi"].to_numpy(float), mu, sg, [1e-12]])) * 1.1
    for ratio, style in ((0.1, ":"), (0.5, "--"), (1.0, "-")):
        ax.plot([0, top], [0, ratio * top], color="0.6", ls=style, lw=0.8, label=f"sigma/mu* = {ratio:g}")
    for _, r in d.iterrows():
        ax.annotate(r["factor"], (r["mu_star"], r["sigma"]), fontsize=7, xytext=(4, 4), textcoords="offset points")
    ax.set_xlim(0, top * 1.15)
    ax.set_ylim(0, max(np.nanmax(sg) * 1.2 if np.isfinite(sg).any() else 1.0, 1e-12))
    ax.set_xlabel("mu* (mean |elementary effect|, per unit of the factor's range)")
    ax.set_ylabel("sigma (s.d. of the elementary effects)")
    a = df.attrs
    ax.set_title(title or f"Morris screening of {metric_label(a.get('metric', ''))} in {a.get('year', '')}\n"
                 f"({int(d['n'].max()) if len(d) else '?'} trajectories, 95% bootstrap intervals of mu*)", fontsize=9)
    ax.legend(fontsize=7, frameon=False, loc="upper left")
    ax.grid(alpha=0.3)
    return fig
