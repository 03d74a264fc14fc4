"""Section "At what cost": public cost, the metric per unit of cost, and the trade-off figures."""
import html

import numpy as np

from .. import names
from .numbers import COST
from .page import KEY, effect_cell, figure, section, table
from .text import Quantity, fmt, lowers_at_a_cost, show, years_text


def section_cost(ctx):
    num = ctx["num"]
    if not num.has("cost"):
        return section("cost", "At what cost", "成本", f"<p>The file has no {COST}: no costs.</p>")
    from .. import plots
    per = num.json["cost"]["per"]
    cost_q = Quantity(num.comp("cost", COST))
    years = years_text(per, ctx["year"])
    ref = num.reference_row("cost", COST)
    unit = html.escape(per["units"])
    rows = [cost_row(num, label, cost_q, per) for label in ctx["labels"]]
    body = [f"<p>Public cost: {html.escape(names.metric_en(COST))} summed over {years}"
            + (f" (the reference spends {fmt(ref['mean'], cost_q.digits)} {unit})" if ref else "")
            + ". The ratio is the mean paired difference in the metric over the mean paired difference in public cost, "
            "per " f"{per['scale']:g} {unit}, with a 95% bootstrap interval over replicates "
            "resampled in pairs; where the cost difference is negative the sign of the ratio reverses: read it with "
            "the difference. The cost per point is shown for the schemes that lower the top-10 share and cost more.</p>",
            table(cost_header(per, years), rows, "numbers"), KEY]
    body.append(figure(tradeoff_gdp(ctx), "equality gain against GDP change",
                       "Equality gain (the reduction of the top-10 share, pp) against the change of total GDP in "
                       f"{ctx['year']}, each with its 95% interval."))
    pts = tradeoff_points(ctx, "cost", COST, "top10_share_gdp", per_x=True)
    body.append(figure(plots.plot_tradeoff(pts, f"extra public cost {years} ({per['units']})",
                                           "reduction of the top-10 share (pp)"),
                       "equality gain against public cost", f"Equality gain against the extra public cost {years}."))
    return section("cost", "At what cost", "成本", "\n".join(body))


def cost_header(per, years):
    unit = html.escape(per["units"])
    return ["scheme", f"public cost {years}<br><small>{unit}, mean</small>",
            "difference from the reference<br><small>95% interval</small>",
            f"top-10 share per {per['scale']:g} {unit}<br><small>pp, 95% bootstrap interval</small>",
            f"{unit} per pp of lower top-10 share",
            f"Theil T per {per['scale']:g} {unit}<br><small>95% bootstrap interval</small>"]


def cost_row(num, label, cost_q, per):
    """A scheme's public cost, its difference, and per metric the ratio with its interval (and, for the top-10
    share, the cost per point where the scheme lowers it at a cost)."""
    c = num.row("cost", COST, label)
    cells = [show(label), fmt(c["mean"], cost_q.digits), effect_cell(cost_q, c)]
    for m in ("top10_share_gdp", "theil_t_gdp"):
        r = num.row("cost", m, label)
        q = Quantity(num.comp("cost", m))
        p = r.get("per") or {}
        ratio, ci = p.get("ratio"), p.get("ratio_ci") or [None, None]
        d = 4 if q.pp else 5
        cells.append(f"{fmt(None if ratio is None else q.scale * ratio, d, True)} <small>[" +
                     ", ".join(fmt(None if v is None else q.scale * v, d, True) for v in ci) + "]</small>")
        if m == "top10_share_gdp":
            cells.append(fmt(-per["scale"] / (q.scale * ratio), 0) if lowers_at_a_cost(r) else "\u2013")
    return cells


def tradeoff_points(ctx, call, x_metric, y_metric, per_x=False, x_relative=False):
    """label, x, x_lo, x_hi, y, y_lo, y_hi of compare's rows: x the difference in x_metric (per_x: the row's `per`
    difference; x_relative: as % of the reference), y the reduction of y_metric (in pp for a share)."""
    import pandas as pd
    num = ctx["num"]
    qy = Quantity(num.comp(call, y_metric))
    ref = num.reference_row(call, x_metric)
    out = []
    for label in ctx["labels"]:
        ry = num.row(call, y_metric, label)
        rx = num.row(call, x_metric, label)
        src = (ry["per"] or {}) if per_x else rx
        x, xci = src.get("difference"), src.get("difference_ci") or [np.nan, np.nan]
        f = 100.0 / ref["mean"] if x_relative and ref and ref["mean"] else 1.0
        yci = ry["difference_ci"] or [np.nan, np.nan]
        out.append(dict(label=label, x=_f(x) * f, x_lo=_f(xci[0]) * f, x_hi=_f(xci[1]) * f,
                        y=-qy.scale * _f(ry["difference"]), y_lo=-qy.scale * _f(yci[1]), y_hi=-qy.scale * _f(yci[0])))
    return pd.DataFrame(out)


def _f(v):
    return np.nan if v is None else float(v)


def tradeoff_gdp(ctx):
    from .. import plots
    rel = ctx["num"].reference_row("outcomes", "total_gdp") is not None
    pts = tradeoff_points(ctx, "outcomes", "total_gdp", "top10_share_gdp", x_relative=rel)
    return plots.plot_tradeoff(pts, f"change of total GDP in {ctx['year']} ("
                               + ("% of the reference" if rel else "billion CNY") + ")",
                               f"reduction of the top-10 share in {ctx['year']} (pp)")
