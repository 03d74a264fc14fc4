"""Section "How sure": replicate spread, rank and P(best), rank stability over design points, grid heatmaps."""
import numpy as np

from .. import analysis
from .page import figure, section, table
from .text import fmt, show


def section_sure(ctx):
    num, ds = ctx["num"], ctx["ds"]
    from .. import plots
    comp = num.comp("outcomes", "top10_share_gdp")
    d = analysis.paired_differences(ds, "top10_share_gdp", ctx["year"], reference=ctx["series_reference"])
    labels = [str(v) for v in d["label"].values]
    keep = [labels.index(v) for v in ctx["labels"] if v in labels][:24]
    fig = plots.plot_replicate_spread(100.0 * d.values[keep], [labels[i] for i in keep],
                                      f"paired difference in the top-10 share, {ctx['year']} (pp)")
    rows = [[show(r["label"]), "" if r.get("rank") is None else str(r["rank"]),
             "" if r.get("p_best") is None else fmt(r["p_best"], 2)]
            for r in sorted(comp["comparison"], key=lambda r: (r.get("rank") or 0))]
    body = [f"<p>Replicate spread: every replicate's paired difference ({comp['replicates']} replicates), the spread "
            "the 95% intervals summarize. Rank and P(best): the schemes ordered by their mean top-10 share in "
            f"{ctx['year']} and the share of replicates in which each has the lowest (from <code>zonesim compare "
            "--rank</code>).</p>", figure(fig, "replicate spread", "One dot per replicate, bar: the mean."),
            table(["scheme", "rank", "P(best)"], rows, "numbers")]
    if ctx["info"].factors:
        body.append(rank_stability(ctx))
        body.append(grid_heatmaps(ctx))
    else:
        body.append("<p>The file has no factors (no design points): rank stability, regret and scenario discovery "
                    "need a sweep over factors.</p>")
    return section("sure", "How sure", "稳健性", "\n".join(body))


def grid_heatmaps(ctx):
    """A 2-factor grid: each scheme's paired difference in the top-10 share at every cell (up to 4 schemes)."""
    info = ctx["info"]
    if info.design != "grid" or len(info.factors) != 2:
        return ""
    from .. import plots
    reference = ctx["series_reference"] if ctx["series_reference"] in info.schemes else info.schemes[0]
    shown = [s for s in info.schemes if s != reference][:4] or info.schemes[:1]
    figs = [figure(plots.plot_grid_heatmap(ctx["ds"], "top10_share_gdp", ctx["year"], scheme=s), f"grid {s}",
                   f"{show(s)}: the top-10 share at each cell of the grid (pp; for a scheme other than the first, its "
                   "paired difference from the first).") for s in shown]
    return "<h3>Over the grid <span class=\"zh\">参数网格</span></h3>" + "\n".join(figs)


def point_values(ctx, metric="top10_share_gdp"):
    """{scheme name: metric at the year per design point, mean over replicates}."""
    means = analysis._point_means(ctx["ds"], metric, ctx["year"])
    return {ctx["info"].schemes[i]: v for i, v in means.items()}


def rank_stability(ctx):
    from .. import plots
    values = point_values(ctx)
    schemes = list(values)
    if len(schemes) < 2 or ctx["info"].points < 2:
        return "<p>Rank stability needs two schemes or more over two design points or more.</p>"
    y = 100.0 * np.vstack([values[s] for s in schemes])       # (schemes, points), pp
    ok = np.isfinite(y).all(0)
    y = y[:, ok]
    ranks = np.argsort(np.argsort(y, axis=0), axis=0) + 1
    regret = y - y.min(0)
    mean_rank = ranks.mean(1)
    consensus = np.argsort(np.argsort(mean_rank)) + 1
    rho = [np.corrcoef(ranks[:, p], consensus)[0, 1] for p in range(y.shape[1])]
    rows = [[show(s), fmt(mean_rank[i], 2), fmt(100 * (ranks[i] == 1).mean(), 0) + "%", fmt(np.median(regret[i]), 3),
             fmt(regret[i].max(), 3)] for i, s in enumerate(schemes)]
    fig = plots.plot_rank_stability(ranks, regret, schemes, f"regret in the top-10 share, {ctx['year']} (pp)")
    return (f"<h3>Rank stability and regret <span class=\"zh\">排序稳定性与遗憾值</span></h3><p>At each of the "
            f"{y.shape[1]} design points the schemes are ranked by their top-10 share in {ctx['year']} (mean over "
            "replicates; rank 1 lowest); the regret of a scheme at a point is its top-10 share minus the best "
            "scheme's there. Spearman correlation of each point's ranking with the ranking by mean rank: median "
            f"{fmt(float(np.nanmedian(rho)), 2)}, lowest {fmt(float(np.nanmin(rho)), 2)}. With few replicates a point's "
            "ranking carries their noise.</p>"
            + table(["scheme", "mean rank", "first at", "median regret (pp)", "largest regret (pp)"], rows, "numbers")
            + figure(fig, "rank stability", "Ranks and regret over the design points."))
