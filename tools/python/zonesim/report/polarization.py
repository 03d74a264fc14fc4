"""Section "Which schemes lower polarization": the table of paired differences, forest plots, trajectories."""
import html

import numpy as np

from .. import analysis, names
from .numbers import POLARIZATION
from .page import KEY, comparison_table, figure, section
from .text import Quantity


def section_polarization(ctx):
    num, ds = ctx["num"], ctx["ds"]
    from .. import plots
    labels = ctx["labels"]
    body = [f"<p>Each cell: the paired difference from the reference in {num.comp('outcomes', POLARIZATION[0])['year']}"
            " (replicate by replicate, common random numbers), mean with its 95% t interval across replicates. "
            "Shares in percentage points (pp).</p>",
            comparison_table(num, "outcomes", list(POLARIZATION), labels), KEY]
    for pair in (POLARIZATION[:2], POLARIZATION[2:]):
        lines = sum(plots.display_wrapped(v, 40).count("\n") + 1 for v in labels)
        fig, axes, key = plots._panels(1, 2, (7.5, 0.9 + 0.22 * max(lines, 1) + 0.1 * len(labels)), key_height=0.7)
        for i, m in enumerate(pair):
            q = Quantity(num.comp("outcomes", m))
            plots.plot_forest(forest_table(num, m, labels), ax=axes[0, i], key=False,
                              title=f"{names.metric_en(m)}, {ctx['year']}")
            axes[0, i].set_xlabel("difference" + (" (pp)" if q.pp else ""), fontsize=9)
            if i:
                axes[0, i].tick_params(labelleft=False)
        forest_key(key)
        body.append(figure(fig, "forest plots", f"{html.escape(' and '.join(names.metric_en(m) for m in pair))}: "
                           "paired difference from the reference with its 95% interval."))
    by = "scheme" if ctx["info"].points > 1 and len(ctx["info"].schemes) > 1 else "auto"
    ref = ctx["series_reference"]
    series = analysis.metric_series(ds, "top10_share_gdp", by=by)
    shown = [v for v in (str(x) for x in series["label"].values) if v != ref][:15]
    for m in ("top10_share_gdp", "theil_t_gdp"):
        fig = plots.plot_small_multiples(ds, m, reference=ref, by=by, ncols=3, rows=shown)
        body.append(figure(fig, f"{m} trajectories", f"{html.escape(names.metric_en(m))} over time: each scheme "
                           "(blue) against the reference (grey), mean over replicates with its 95% interval."))
    return section("polarization", "Which schemes lower polarization", "哪些方案降低极化", "\n".join(body))


def forest_table(num, metric, labels):
    """A scheme_differences()-like table of compare's rows, for plots.plot_forest."""
    import pandas as pd
    comp = num.comp("outcomes", metric)
    rows = []
    for label in labels:
        r = num.row("outcomes", metric, label)
        ci = r["difference_ci"] or [np.nan, np.nan]
        rows.append(dict(label=label, difference=r["difference"], diff_lo=ci[0], diff_hi=ci[1], pairs=r["pairs"]))
    df = pd.DataFrame(rows)
    df.attrs.update(metric=metric, year=comp["year"], units=comp["units"], reference=comp["reference"],
                    replicates=comp["replicates"], better=comp["better"])
    return df


def forest_key(ax):
    from matplotlib.lines import Line2D
    from .. import plots
    entries = [(plots.BETTER, "lower than the reference"), (plots.WORSE, "higher"),
               (plots.UNCLEAR, "not distinguishable from 0")]
    ax.legend([Line2D([], [], color=c, marker="o", lw=2) for c, _ in entries], [t for _, t in entries], loc="center",
              fontsize=9, frameon=False, ncol=3, title="95% interval of the paired difference", title_fontsize=9)
