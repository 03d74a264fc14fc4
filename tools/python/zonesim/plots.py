"""The standard figures (matplotlib), shared by tools/plot.py, the notebooks and the report (zonesim.report).

Each function draws on `ax` (or on a new figure) and returns the figure. Nothing here selects a backend:
tools/plot.py and the report use Agg; notebooks use their inline backend. No figure drops its legend: many lines
become an outside legend, a colour bar (one numeric factor) or small multiples against the reference; schemes are
shown by their display names (zonesim.names), English and, with a CJK font installed, Chinese.
"""
import math

import numpy as np

from . import analysis, names, reader

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
CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK TC")
# Forest plot colours: better than the reference, worse, not distinguishable (the interval covers 0).
BETTER, WORSE, UNCLEAR = "#2a7a2a", "#b22222", "#666666"
_FONT = {}


def _plt():
    import matplotlib.pyplot as plt
    if "cjk" not in _FONT:
        _FONT["cjk"] = use_cjk_font()
    return plt


def use_cjk_font():
    """Add the first installed Noto Sans CJK family (fonts-noto-cjk) as the fallback for Chinese glyphs. Returns
    its name, or None (then figures show English names only)."""
    import matplotlib
    from matplotlib import font_manager
    installed = {f.name for f in font_manager.fontManager.ttflist}
    for family in CJK_FAMILIES:
        if family in installed:
            current = [f for f in matplotlib.rcParams["font.family"] if f not in CJK_FAMILIES]
            if current == ["sans-serif"]:
                current = ["DejaVu Sans"]
            matplotlib.rcParams["font.family"] = current + [family]
            return family
    return None


def chinese():
    """True when a CJK font is in use (Chinese names can be drawn)."""
    _plt()
    return _FONT["cjk"] is not None


def display(name):
    """A scheme's display name for figures: English and, when a CJK font is installed, Chinese."""
    return names.scheme_label(name, chinese=chinese())


def display_wrapped(name, width=26):
    """display() on two lines or more when longer than `width` characters: the Chinese name on its own line, a
    long label (a grid's scenario label) wrapped at its spaces."""
    import textwrap
    text = display(name)
    if len(text) <= width:
        return text
    if names.scheme_zh(name) and chinese():
        return names.scheme_label(name, sep="\n")
    return "\n".join(textwrap.wrap(text, max(width, 30)))


def metric_label(metric, units=None):
    for prefix, text in METRIC_LABELS.items():
        for v in ("gdp", "patents", "firms"):
            if metric == f"{prefix}_{v}":
                return f"{text} of {'GDP' if v == 'gdp' else v}"
    label = OTHER_LABELS.get(metric, metric.replace("_", " "))
    if units and units != "1":
        label += f" ({units})"
    return label


def is_share(metric, units):
    """Shown in percentage points: a share (unit 1, "share" in the name), as `zonesim compare` does."""
    return str(units) == "1" and "share" in str(metric)


def _axes(ax, figsize=(6, 4)):
    plt = _plt()
    if ax is None:
        fig, ax = plt.subplots(figsize=figsize, layout="constrained")
        return fig, ax
    return ax.figure, ax


def _panels(nrows, ncols, figsize, key_height=0.5, share=False):
    """A grid of panels with a row below them for one key (matplotlib 3.6 cannot place a figure legend outside
    the panels with constrained layout). Returns (figure, axes [nrows x ncols], key axes)."""
    plt = _plt()
    fig = plt.figure(figsize=(figsize[0], figsize[1] + key_height), layout="constrained")
    gs = fig.add_gridspec(nrows + 1, ncols, height_ratios=[figsize[1] / nrows] * nrows + [key_height])
    axes = np.empty((nrows, ncols), dtype=object)
    for i in range(nrows):
        for j in range(ncols):
            first = axes[0, 0] if share and (i or j) else None
            axes[i, j] = fig.add_subplot(gs[i, j], sharex=first, sharey=first)
    key = fig.add_subplot(gs[nrows, :])
    key.axis("off")
    return fig, axes, key


def _numeric_factor(ds, dim, n):
    """(factor, value per line) when the lines are the scenarios of one scheme over a single numeric factor."""
    info = reader.info(ds)
    if dim != "scenario" or len(info.factors) != 1 or len(info.schemes) != 1:
        return None
    var = info.param_name(info.factors[0])
    if var not in ds.variables or ds[var].dtype.kind not in "iuf":
        return None
    values = np.asarray(ds[var].values, dtype=float)
    return (info.factors[0], values) if values.size == n and np.unique(values).size > 1 else None


def plot_series(ds, metric, ax=None, by="auto", band="ci", level=0.95, max_lines=12, legend=True, colors=None):
    """A metric over time: the mean across replicates per scenario (or scheme) with its band (shaded).

    Up to max_lines lines get a legend inside the axes; more lines are coloured by the sweep's factor with a colour
    bar (one numeric factor) or get a legend outside the axes (legend=False leaves the key to the caller, as
    plot_trajectories does with one legend for all panels)."""
    plt = _plt()
    fig, ax = _axes(ax)
    s = analysis.metric_series(ds, metric, by=by, band=band, level=level)
    dim = "scheme" if "scheme" in s.dims else "scenario"
    n = s.sizes[dim]
    factor = _numeric_factor(ds, dim, n) if n > max_lines and not colors else None
    cmap = plt.get_cmap("tab10" if n <= 10 else ("viridis" if factor else "tab20"))
    if factor:
        from matplotlib.colors import Normalize
        norm = Normalize(np.nanmin(factor[1]), np.nanmax(factor[1]))
    for j in range(n):
        row = s.isel({dim: j})
        label = str(row["label"].values)
        if factor:
            color = cmap(norm(factor[1][j]))
        else:
            color = (colors or {}).get(label) or cmap(j % cmap.N)
        ax.plot(s["time"], row["mean"], color=color, lw=1.8 if j == 0 else 1.3, label=display_wrapped(label, 40),
                ls="-" if n <= 20 or j < 20 else "--")
        if np.isfinite(row["lo"]).any():
            ax.fill_between(s["time"], row["lo"], row["hi"], color=color, alpha=0.18 if n <= max_lines else 0.06, lw=0)
    ax.set_xlabel("year")
    ax.xaxis.set_major_locator(plt.MaxNLocator(6, integer=True))
    ax.set_ylabel(metric_label(metric, s.attrs["units"]))
    reps = ds.sizes["replicate"]
    what = {"ci": f"{int(level * 100)}% CI of the mean", "spread": f"{int(level * 100)}% of replicates"}[band]
    ax.set_title(metric_label(metric, s.attrs["units"]) + (f"\n(mean of {reps} replicates, band: {what})"
                                                           if reps > 1 else ""), fontsize=9)
    if factor:
        fig.colorbar(plt.cm.ScalarMappable(norm=norm, cmap=cmap), ax=ax, label=factor[0], shrink=0.8)
    elif legend and 1 < n <= max_lines:
        ax.legend(fontsize=7, frameon=False)
    elif legend and n > max_lines:
        ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.02, 1.0), ncol=math.ceil(n / 24))
    ax.grid(alpha=0.3)
    return fig


def plot_trajectories(ds, metrics=STANDARD_METRICS, by="auto", band="ci", ncols=2):
    """A panel per metric (default: top-10 share, Gini, Theil T of GDP and total GDP), one key for all panels
    (below them, or a colour bar per panel for a sweep over one numeric factor)."""
    metrics = [m for m in metrics if m in ds.variables]
    nrows = math.ceil(len(metrics) / ncols)
    shown = [display_wrapped(str(v), 40) for v in analysis.metric_series(ds, metrics[0], by=by)["label"].values] \
        if metrics else []
    longest = max([len(line) for t in shown for line in t.split("\n")] or [1])
    ncol = max(1, min(4, len(shown), int(5.2 * ncols / (0.07 * longest + 0.6))))
    lines = max(t.count("\n") + 1 for t in shown) * math.ceil(len(shown) / ncol) if shown else 0
    fig, axes, key = _panels(nrows, ncols, (5.2 * ncols, 3.6 * nrows), key_height=0.25 + 0.18 * lines)
    for i, m in enumerate(metrics):
        plot_series(ds, m, ax=axes.flat[i], by=by, band=band, legend=False)
    for ax in axes.flat[len(metrics):]:
        ax.set_visible(False)
    handles, labels = axes.flat[0].get_legend_handles_labels()
    if len(labels) > 1 and len(fig.axes) == axes.size + 1:     # else the panels' colour bars are the key
        key.legend(handles, labels, loc="center", ncol=ncol, fontsize=8, frameon=False)
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


def plot_small_multiples(ds, metric, reference=0, by="auto", band="ci", ncols=4, rows=None, scale=None):
    """One panel per scheme (or scenario): its trajectory (mean and band) against the reference's, the reference
    grey in every panel; one key for the figure. rows: the labels to show (default all but the reference);
    scale: multiply the values (default 100 for shares, shown in percentage points)."""
    s = analysis.metric_series(ds, metric, by=by, band=band)
    dim = "scheme" if "scheme" in s.dims else "scenario"
    labels = [str(v) for v in s["label"].values]
    ref = labels.index(reference) if isinstance(reference, str) else int(reference)
    show = [labels.index(r) for r in rows] if rows is not None else [j for j in range(len(labels)) if j != ref]
    units = s.attrs["units"]
    scale = scale or (100.0 if is_share(metric, units) else 1.0)
    ncols = max(1, min(ncols, len(show)))
    nrows = max(1, math.ceil(len(show) / ncols))
    plt = _plt()
    fig, axes, key = _panels(nrows, ncols, (max(min(2.3 * ncols + 0.6, 7.5), 5.0), 1.9 * nrows + 0.8),
                             key_height=0.35, share=True)
    t = s["time"].values
    r = s.isel({dim: ref})
    for ax, j in zip(axes.flat, show):
        row = s.isel({dim: j})
        for data, color, lw, lab in ((r, "0.45", 1.2, f"reference: {display(labels[ref])}"),
                                     (row, "#1f5fa8", 1.6, "scheme (panel title)")):
            ax.plot(t, scale * data["mean"], color=color, lw=lw, label=lab)
            if np.isfinite(data["lo"]).any():
                ax.fill_between(t, scale * data["lo"], scale * data["hi"], color=color, alpha=0.2, lw=0)
        ax.set_title(display_wrapped(labels[j]), fontsize=9)
        ax.grid(alpha=0.3)
        ax.tick_params(labelsize=9)
        ax.xaxis.set_major_locator(plt.MaxNLocator(4, integer=True))
    for ax in axes.flat[len(show):]:
        ax.set_visible(False)
    for i, j in np.ndindex(axes.shape):     # tick labels on the outer panels only (they share their axes)
        below = i + 1 < nrows and (i + 1) * ncols + j < len(show)
        axes[i, j].tick_params(labelbottom=not below, labelleft=j == 0)
    handles, lab = axes.flat[0].get_legend_handles_labels()
    key.legend(handles, lab, loc="center", ncol=2, fontsize=9, frameon=False)
    unit_text = "percentage points" if scale == 100.0 and is_share(metric, units) else (units if units != "1" else "")
    fig.suptitle(f"{names.metric_label(metric, chinese())}" + (f" ({unit_text})" if unit_text else "")
                 + f"\nmean of {ds.sizes['replicate']} replicates with its 95% interval", fontsize=10)
    return fig


def plot_forest(diff, ax=None, title=None, display_names=True, percentage_points=None, key=True):
    """Forest plot of a scheme_differences() table: each scheme's paired difference from the reference with its
    interval; the reference is the zero line. Shares are shown in percentage points (percentage_points=None:
    decided from the metric and units, as `zonesim compare` does); colours: better than the reference (green),
    worse (red), not distinguishable from 0 (grey), "better" being attrs["better"] (default lower), with a key."""
    rows = diff[diff["pairs"] > 0]
    fig, ax = _axes(ax, figsize=(8, 1.9 + 0.3 * max(len(rows), 1)))
    a = diff.attrs
    metric, units = a.get("metric", ""), a.get("units", "")
    pp = is_share(metric, units) if percentage_points is None else bool(percentage_points)
    scale = 100.0 if pp else 1.0
    y = np.arange(len(rows))[::-1]
    d = scale * rows["difference"].to_numpy(float)
    lo, hi = scale * rows["diff_lo"].to_numpy(float), scale * rows["diff_hi"].to_numpy(float)
    lower_better = a.get("better", "lower") != "higher"
    colors = np.where((lo > 0) | (hi < 0), np.where((d < 0) == lower_better, BETTER, WORSE), UNCLEAR)
    for yi, l, h, c in zip(y, lo, hi, colors):
        if np.isfinite(l) and np.isfinite(h):
            ax.plot([l, h], [yi, yi], color=c, lw=2, solid_capstyle="butt")
            ax.plot([l, l, np.nan, h, h], [yi - 0.12, yi + 0.12, np.nan, yi - 0.12, yi + 0.12], color=c, lw=1)
    ax.scatter(d, y, c=list(colors), zorder=3, s=30)
    ax.axvline(0, color="k", lw=0.8)
    ax.set_yticks(y)
    shown = [display_wrapped(v, 40) if display_names else str(v) for v in rows["label"]]
    ax.set_yticklabels(shown, fontsize=9)
    unit_text = "percentage points" if pp else (units if units not in ("", "1") else "")
    reference = display(a.get("reference", "reference")) if display_names else a.get("reference", "")
    ax.set_xlabel(f"difference in {metric_label(metric)}" + (f" ({unit_text})" if unit_text else ""), fontsize=9)
    ax.set_title(title or f"{metric_label(metric)} in {a.get('year', '')}: paired difference from {reference}\n"
                 f"(mean over {a.get('replicates', '?')} replicates, 95% t interval)", fontsize=9)
    ax.grid(axis="x", alpha=0.3)
    ax.xaxis.set_major_locator(_plt().MaxNLocator(5))
    ax.set_ylim(-0.7, len(rows) - 0.3)
    if key:
        from matplotlib.lines import Line2D
        better = "lower" if lower_better else "higher"
        worse = "higher" if lower_better else "lower"
        entries = [(BETTER, f"{better} than the reference (95% interval excludes 0)"),
                   (WORSE, f"{worse} (interval excludes 0)"), (UNCLEAR, "not distinguishable from 0")]
        ax.legend([Line2D([], [], color=c, marker="o", lw=2) for c, _ in entries], [t for _, t in entries],
                  fontsize=9, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.1 - 0.5 / max(len(rows), 1)),
                  ncol=1)
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


def plot_grid_heatmap(ds, metric="top10_share_gdp", year=None, scheme=None, difference=True, ax=None):
    """A 2-factor grid as a heatmap: per cell the mean over replicates of `metric` at `year` (default the last),
    or with difference=True (and a scheme other than the reference) its paired difference from the reference at
    the same point. Shares in percentage points. Cells are annotated with their values."""
    info = reader.info(ds)
    if info.design != "grid" or len(info.factors) != 2:
        raise ValueError(f"plot_grid_heatmap: needs a grid over 2 factors (the file: {info.design}, "
                         f"{len(info.factors)} factors)")
    year = reader.year_or_last(ds, year, warn=False)
    scheme = scheme if scheme is not None else (info.schemes[1] if difference and len(info.schemes) > 1
                                                else info.schemes[0])
    ids, points = reader.scheme_of(ds)
    sid = info.schemes.index(scheme) if isinstance(scheme, str) else int(scheme)
    use_diff = difference and sid != 0
    values = (analysis.paired_differences(ds, metric, year, by="scenario").values if use_diff
              else reader.metric_values(ds, metric, year))
    with np.errstate(invalid="ignore"):
        cell = np.nanmean(values, axis=1)
    units = ds[metric].attrs.get("units", "")
    scale = 100.0 if is_share(metric, units) else 1.0
    f0, f1 = (np.asarray(ds[info.param_name(f)].values) for f in info.factors)
    sel = ids == sid
    x0, x1 = np.unique(f0[sel]), np.unique(f1[sel])
    grid = np.full((x0.size, x1.size), np.nan)
    for s in np.flatnonzero(sel):
        grid[np.searchsorted(x0, f0[s]), np.searchsorted(x1, f1[s])] = scale * cell[s]
    fig, ax = _axes(ax, figsize=(max(5.5, 2.2 + 0.9 * x1.size), 1.8 + 0.5 * x0.size))
    top = np.nanmax(np.abs(grid)) if np.isfinite(grid).any() and np.nanmax(np.abs(grid)) > 0 else 1.0
    if use_diff:
        im = ax.imshow(grid, cmap="RdBu_r", vmin=-top, vmax=top, aspect="auto", origin="lower")
    else:
        im = ax.imshow(grid, cmap="viridis", aspect="auto", origin="lower")
    lo, hi = im.norm.vmin, im.norm.vmax
    for (i, j), v in np.ndenumerate(grid):
        if np.isfinite(v):
            dark = abs(v) > 0.6 * top if use_diff else (v - lo) < 0.5 * (hi - lo)
            ax.text(j, i, f"{v:.3g}", ha="center", va="center", fontsize=9, color="w" if dark else "k")
    ax.set_xticks(range(x1.size), [f"{v:g}" for v in x1], fontsize=9)
    ax.set_yticks(range(x0.size), [f"{v:g}" for v in x0], fontsize=9)
    ax.set_xlabel(info.factors[1])
    ax.set_ylabel(info.factors[0])
    what = f"difference from {display(info.schemes[0])}" if use_diff else "mean"
    unit_text = "percentage points" if scale == 100.0 else (units if units != "1" else "")
    fig.colorbar(im, ax=ax, label=("difference" if use_diff else "mean") + (f" ({unit_text})" if unit_text else ""))
    ax.set_title(f"{display(scheme)}: {metric_label(metric)} in {year}\n{what}, mean over {ds.sizes['replicate']} "
                 "replicates per cell", fontsize=9)
    return fig


def plot_tradeoff(points, xlabel, ylabel, ax=None, title=None):
    """Scatter of two paired effects with their intervals as error bars, one numbered point per scheme and a key
    of the numbers below (points: a DataFrame with label, x, x_lo, x_hi, y, y_lo, y_hi). Dashed lines: no change."""
    from matplotlib.lines import Line2D
    shown = [f"{i + 1}  {display_wrapped(v, 40)}" for i, v in enumerate(points["label"])]
    ncol = 2 if all(len(t) <= 44 for t in shown) else 1
    lines = sum(t.count("\n") + 1 for t in shown)
    if ax is None:
        fig, axes, key = _panels(1, 1, (7.0, 4.6), key_height=0.25 + 0.2 * math.ceil(lines / ncol))
        ax = axes[0, 0]
    else:
        fig, key = ax.figure, ax
    cmap = _plt().get_cmap("tab20")
    handles = []
    for i, (_, r) in enumerate(points.iterrows()):
        xerr = [[r.x - r.x_lo], [r.x_hi - r.x]] if np.isfinite(r.x_lo) else None
        yerr = [[r.y - r.y_lo], [r.y_hi - r.y]] if np.isfinite(r.y_lo) else None
        ax.errorbar([r.x], [r.y], xerr=xerr, yerr=yerr, fmt="o", color=cmap(i % 20), ms=5, capsize=2, lw=1)
        ax.annotate(str(i + 1), (r.x, r.y), fontsize=9, xytext=(4, 3), textcoords="offset points")
        handles.append(Line2D([], [], color=cmap(i % 20), marker="o", lw=0, label=shown[i]))
    ax.axhline(0, color="k", lw=0.7, ls="--")
    ax.axvline(0, color="k", lw=0.7, ls="--")
    ax.set_xlabel(xlabel, fontsize=9)
    ax.set_ylabel(ylabel, fontsize=9)
    ax.grid(alpha=0.3)
    if title:
        ax.set_title(title, fontsize=9)
    key.legend(handles=handles, loc="center" if key is not ax else "best", ncol=ncol if key is not ax else 1,
               fontsize=9, frameon=False)
    return fig


def china_outline():
    """China's outline (and Taiwan's) from the Natural Earth low-resolution countries shipped with geopandas, as
    a GeoDataFrame; None without geopandas or its dataset."""
    if "outline" not in _FONT:
        try:
            import geopandas
            world = geopandas.read_file(geopandas.datasets.get_path("naturalearth_lowres"))
            _FONT["outline"] = world[world["name"].isin(["China", "Taiwan"])]
        except Exception:  # noqa: BLE001 - no map data: the maps are drawn without an outline
            _FONT["outline"] = None
    return _FONT["outline"]


def plot_zone_change_maps(lon, lat, values, titles, size=None, ncols=3, label="", limit=None):
    """Small multiples of zones on the outline of China, coloured by a change (one panel per row of `values`,
    a diverging scale shared by all panels, centred on 0); marker area proportional to `size` (e.g. GDP)."""
    plt = _plt()
    from matplotlib.colors import TwoSlopeNorm
    values = np.atleast_2d(np.asarray(values, dtype=float))
    n = values.shape[0]
    ncols = max(1, min(ncols, n))
    nrows = math.ceil(n / ncols)
    width = min(2.35 * ncols + 0.9, 7.5)
    fig, axes = plt.subplots(nrows, ncols, figsize=(width, (width - 0.9) / ncols * 0.78 * nrows + 0.5),
                             layout="constrained", squeeze=False)
    finite = np.abs(values[np.isfinite(values)])
    top = limit or (float(np.percentile(finite, 98)) if finite.size and finite.max() > 0 else 1.0)
    norm = TwoSlopeNorm(vcenter=0.0, vmin=-top, vmax=top)
    outline = china_outline()
    area = 8.0 if size is None else 4.0 + 120.0 * np.asarray(size, float) / max(np.nanmax(size), 1e-12)
    sc = None
    for ax, v, title in zip(axes.flat, values, titles):
        if outline is not None:
            outline.plot(ax=ax, color="#f2f2f2", edgecolor="0.4", linewidth=0.6)
        order = np.argsort(-np.asarray(area if np.ndim(area) else np.zeros(v.size)))
        sc = ax.scatter(np.asarray(lon)[order], np.asarray(lat)[order], c=v[order], cmap="RdBu", norm=norm,
                        s=area[order] if np.ndim(area) else area, edgecolors="k", linewidths=0.25, zorder=3)
        ax.set_title(title, fontsize=9)
        ax.set_axis_off()
        ax.set_xlim(73, 135)
        ax.set_ylim(17, 54)
        ax.set_aspect(1.0 / math.cos(math.radians(35)))
        ax.set_xticks([])
        ax.set_yticks([])
    for ax in axes.flat[n:]:
        ax.set_visible(False)
    fig.colorbar(sc, ax=axes, shrink=0.8, label=label, extend="both")
    return fig


def plot_stacked(table, columns, labels=None, ax=None, xlabel="", title=None):
    """Horizontal stacked bars, one per row of `table` (index: scheme names), segments `columns` with a key."""
    fig, ax = _axes(ax, figsize=(7, 1.2 + 0.32 * len(table)))
    y = np.arange(len(table))[::-1]
    left = np.zeros(len(table))
    cmap = _plt().get_cmap("tab10")
    for i, c in enumerate(columns):
        v = np.nan_to_num(table[c].to_numpy(float))
        ax.barh(y, v, left=left, color=cmap(i % 10), label=(labels or columns)[i], height=0.7)
        left += v
    ax.set_yticks(y, [display_wrapped(v, 40) for v in table.index], fontsize=9)
    ax.set_xlabel(xlabel, fontsize=9)
    ax.legend(fontsize=8, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.08 - 0.6 / max(len(table), 1)),
              ncol=min(3, len(columns)))
    ax.grid(axis="x", alpha=0.3)
    if title:
        ax.set_title(title, fontsize=9)
    return fig


def plot_replicate_spread(values, labels, xlabel, ax=None, title=None):
    """Every replicate's paired difference (one dot each) per scheme, with the mean as a bar: how much single
    runs vary around the mean effect. values: (schemes, replicates)."""
    values = np.asarray(values, dtype=float)
    fig, ax = _axes(ax, figsize=(7, 1.2 + 0.32 * len(labels)))
    y = np.arange(len(labels))[::-1]
    rng = np.random.default_rng(0)          # jitter only, for legibility
    for yi, v in zip(y, values):
        v = v[np.isfinite(v)]
        ax.scatter(v, yi + rng.uniform(-0.15, 0.15, v.size), s=10, color="#1f5fa8", alpha=0.7, zorder=3)
        if v.size:
            ax.plot([v.mean()] * 2, [yi - 0.3, yi + 0.3], color="k", lw=1.5)
    ax.axvline(0, color="k", lw=0.7)
    ax.set_yticks(y, [display_wrapped(v, 40) for v in labels], fontsize=9)
    ax.set_xlabel(xlabel, fontsize=9)
    ax.grid(axis="x", alpha=0.3)
    ax.set_title(title or "one dot per replicate, bar: the mean", fontsize=9)
    return fig


def plot_rank_stability(ranks, regret, labels, regret_label):
    """Left: for each scheme, the share of design points at which it takes each rank (stacked; rank 1 best);
    right: the distribution of its regret (its value minus the best scheme's at the same point) over points.
    ranks, regret: (schemes, points)."""
    plt = _plt()
    ranks = np.asarray(ranks)
    k, p = ranks.shape
    fig, (a, b) = plt.subplots(1, 2, figsize=(7.5, 2.0 + 0.34 * k), layout="constrained", sharey=True)
    y = np.arange(k)[::-1]
    cmap = plt.get_cmap("viridis", k)
    left = np.zeros(k)
    for r in range(1, k + 1):
        share = (ranks == r).sum(1) / p
        a.barh(y, share, left=left, color=cmap(r - 1), height=0.7)
        left += share
    a.set_yticks(y, [display_wrapped(v, 40) for v in labels], fontsize=9)
    a.set_xlabel("share of design points at each rank", fontsize=9)
    from matplotlib.colors import BoundaryNorm
    norm = BoundaryNorm(np.arange(0.5, k + 1.5), k)
    fig.colorbar(plt.cm.ScalarMappable(norm=norm, cmap=cmap), ax=a, ticks=range(1, k + 1), label="rank (1 = best)",
                 location="bottom", shrink=0.8)
    b.boxplot([r[np.isfinite(r)] for r in np.asarray(regret, float)], positions=y, vert=False, widths=0.5,
              flierprops={"markersize": 3})
    a.set_yticks(y, [display_wrapped(v, 30) for v in labels], fontsize=9)     # boxplot() reset the shared ticks
    b.set_xlabel(regret_label, fontsize=9)
    b.grid(axis="x", alpha=0.3)
    a.set_title(f"rank at each of {p} design points", fontsize=9)
    b.set_title("regret: gap to the best at the same point", fontsize=9)
    return fig
