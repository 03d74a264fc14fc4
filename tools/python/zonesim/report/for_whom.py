"""Section "For whom": the map of zones, leading and lagging zones, the zones and provinces that gain and lose."""
import html

import numpy as np

from .. import names, reader, stats
from .page import figure, section, table
from .text import fmt, show, verdict


def section_for_whom(ctx):
    num, ds = ctx["num"], ctx["ds"]
    from .. import plots
    body = []
    lower = [r["label"] for r in sorted(num.rows("outcomes", "top10_share_gdp"), key=lambda r: r["difference"])
             if verdict(r) == -1]
    panels = (lower[:5] + [x for x in ("all_schemes",) if x in ctx["labels"] and x not in lower[:5]]) \
        or ctx["labels"][:3]
    changes = []
    for label in panels:
        diff, ref = zone_changes(ctx, label)
        with np.errstate(invalid="ignore", divide="ignore"):
            changes.append(100.0 * np.nanmean(diff, 0) / np.nanmean(ref, 0))
    size = np.nanmean(zone_changes(ctx, panels[0])[1], 0)
    fig = plots.plot_zone_change_maps(ds["zone_lon"].values, ds["zone_lat"].values, changes,
                                      [plots.display_wrapped(p) for p in panels], size=size,
                                      label=f"GDP change vs the reference in {ctx['year']} (%)")
    body.append(figure(fig, "map of zones", "Zones on the outline of China (Natural Earth), coloured by the change of "
                       f"their GDP in {ctx['year']} against the reference (% of the reference's, mean over "
                       "replicates; red: lower, blue: higher), marker area proportional to the reference's GDP. "
                       "Panels: the schemes that lower the top-10 share most."))
    body.append(leading_lagging(ctx))
    body.append(zone_extremes(ctx, panels[0]))
    if num.has("provinces") and num.json["provinces"].get("province"):
        body.append(province_table(ctx))
    return section("for-whom", "For whom", "谁受益, 谁受损", "\n".join(body))


def scenario_pairs(ctx, label):
    """(scenario, reference scenario) pairs behind a compare row: a scheme's design points each with the
    reference at the same point (pooled designs), or one scenario with its reference."""
    ds, info, reference = ctx["ds"], ctx["info"], ctx["reference"]
    scheme, point = reader.scheme_of(ds)
    schemes = reader.scheme_names(ds)
    labels = [str(v) for v in ds["scenario_label"].values]
    fixed = labels.index(reference) if reference in labels and reference not in schemes else None

    def ref_of(s):
        if fixed is not None:
            return fixed
        hit = [t for t in range(len(labels)) if schemes[t] == reference and point[t] == point[s]]
        return hit[0] if hit else None

    if info.pooled:
        ss = [s for s in range(len(labels)) if schemes[s] == label]
    else:
        ss = [labels.index(label)] if label in labels else []
    return [(s, ref_of(s)) for s in ss if ref_of(s) is not None]


def zone_changes(ctx, label):
    """Per replicate and zone, GDP at the year minus the reference's (averaged over paired design points), and
    the reference's GDP (replicate, zone)."""
    g = ctx["zone_gdp"]                      # (scenario, replicate, zone)
    pairs = scenario_pairs(ctx, label)
    diff = np.mean([g[s] - g[r] for s, r in pairs], axis=0)
    ref = np.mean([g[r] for _, r in pairs], axis=0)
    return diff, ref


def leading_lagging(ctx):
    ds = ctx["ds"]
    g0 = ctx["zone_gdp_start"]
    ref_s = [r for _, r in scenario_pairs(ctx, ctx["labels"][0])] or [0]
    start = np.nanmean(g0[ref_s], axis=(0, 1))
    lead = np.zeros(start.size, dtype=bool)
    lead[np.argsort(-np.nan_to_num(start))[:10]] = True
    rows = []
    for label in ctx["labels"]:
        diff, ref = zone_changes(ctx, label)
        cells = [show(label)]
        for group in (lead, ~lead):
            with np.errstate(invalid="ignore", divide="ignore"):
                pct = 100.0 * diff[:, group].sum(1) / np.nanmean(ref[:, group].sum(1))
            m, lo, hi, _, _ = stats.mean_interval(pct)
            cls = "nd" if not (lo > 0 or hi < 0) else ("good" if m > 0 else "bad")
            cells.append((f"{fmt(m, 2, True)}% <small>[{fmt(lo, 2, True)}, {fmt(hi, 2, True)}]</small>", cls))
        rows.append(cells)
    zn, zh = ds["zone_name"].values, ds["zone_name_zh"].values if "zone_name_zh" in ds.coords else ds["zone_name"].values
    leaders = ", ".join(html.escape(names.place_label(zn[z], zh[z])) for z in np.flatnonzero(lead))
    return (f"<h3>Leading and lagging zones <span class=\"zh\">领先园区与后进园区</span></h3><p>Leading: the ten "
            f"zones with the largest GDP in {ctx['years'][0]} under the reference ({leaders}); lagging: the other "
            f"{int((~lead).sum())}. Each cell: the change of the group's GDP in {ctx['year']} against the reference, "
            "% of the reference's, mean over replicates of the paired change with its 95% t interval (computed from "
            "the file).</p>" + table(["scheme", "leading ten zones", "lagging zones"], rows, "numbers"))


def zone_extremes(ctx, label):
    ds = ctx["ds"]
    diff, ref = zone_changes(ctx, label)
    with np.errstate(invalid="ignore", divide="ignore"):
        pct = 100.0 * np.nanmean(diff, 0) / np.nanmean(ref, 0)
    absolute = np.nanmean(diff, 0)
    zh = ds["zone_name_zh"].values if "zone_name_zh" in ds.coords else ds["zone_name"].values
    order = np.argsort(np.nan_to_num(pct))
    rows = []
    for z in list(order[::-1][:5]) + list(order[:5]):
        rows.append([html.escape(names.place_label(ds["zone_name"].values[z], zh[z])),
                     html.escape(str(ds["zone_province"].values[z])), fmt(pct[z], 2, True) + "%",
                     fmt(absolute[z], 1, True)])
    return (f"<h3>Zones gaining and losing most under {show(label)}</h3><p>GDP in {ctx['year']} against the reference "
            "(mean over replicates): the five largest relative gains, then the five largest losses.</p>"
            + table(["zone", "province", "change", "change (billion CNY)"], rows, "numbers"))


def province_table(ctx):
    """Provinces x schemes (six schemes a table, so that it prints): the paired change of the province's share of
    all zones' GDP, from compare."""
    prov = ctx["num"].json["provinces"]["province"]
    chunks = [ctx["labels"][i:i + 6] for i in range(0, min(len(ctx["labels"]), 18), 6)]
    intro = (f"<h3>Provinces <span class=\"zh\">各省</span></h3><p>Each province's share of all zones' "
             f"{html.escape(prov['variable'])} in {prov['year']} under the reference, and its paired change under each "
             "scheme in percentage points (green: the interval lies above 0, red: below, grey: covers 0), from "
             "<code>zonesim compare --by province</code>.</p>")
    return intro + "\n".join(province_chunk(ctx, prov, labels) for labels in chunks)


def province_chunk(ctx, prov, labels):
    cell = {(r["province"], r["label"]): r for r in prov["rows"]}
    provinces = list(dict.fromkeys(r["province"] for r in prov["rows"]))
    zh = {r["province"]: r.get("province_zh") for r in prov["rows"]}
    ref = ctx["num"].reference_row("outcomes", "top10_share_gdp")
    rows = []
    for p in provinces:
        base = cell.get((p, ref["label"])) if ref else None
        cells = [html.escape(names.place_label(p, zh[p])), fmt(100 * base["share"], 2) if base else ""]
        for label in labels:
            r = cell.get((p, label))
            if r is None or r.get("share_difference") is None:
                cells.append("")
                continue
            lo, hi = r.get("share_difference_ci") or [None, None]
            cls = "nd" if lo is None or not (lo > 0 or hi < 0) else ("good" if lo > 0 else "bad")
            cells.append((fmt(100 * r["share_difference"], 2, True), cls))
        rows.append(cells)
    header = ["province", "reference share (%)"] + [show(x) for x in labels]
    return table(header, rows, "numbers small")
