"""Section "Where a scheme fails": scenario discovery with PRIM and a CART tree, and the sensitivity indices."""
import html

import numpy as np

from .. import reader
from .page import section, table
from .sure import point_values
from .text import fmt, show


def section_discovery(ctx):
    info = ctx["info"]
    if not info.factors:
        return section("discovery", "Where a scheme fails", "方案何时失效",
                       "<p>The file has no factors: scenario discovery needs a sweep over factors.</p>")
    body = [f"<p>A scheme fails at a design point where it does not lower the top-10 share in {ctx['year']} "
            "(its mean paired difference from the reference over replicates is 0 or more). PRIM (peeling "
            "alpha 0.05, boxes holding at least 5% of the points, pasting) finds the box of factor values where "
            "failures concentrate; coverage: failures inside the box / all failures; density: failures / points in "
            "the box; support: points in the box / all points. The CART tree (depth at most 3) says the same as "
            "rules.</p>"]
    values = point_values(ctx)
    reference = ctx["series_reference"] if ctx["series_reference"] in values else info.schemes[0]
    rows = [discover(ctx, s, values[s] - values[reference]) for s in values if s != reference]
    if not rows:
        body = ["<p>The file has one scheme: no scheme to fail against a reference.</p>"]
    else:
        body.append(table(["scheme", "fails at", "PRIM box", "coverage", "density", "support", "CART rules"], rows,
                          "numbers"))
    body.append(sensitivity(ctx))
    return section("discovery", "Where a scheme fails", "方案何时失效", "\n".join(body))


def factor_matrix(ctx, scheme):
    """The factors' values at each design point of `scheme` (points x factors), ordered by design point, and the
    factor names (text factors as integer codes)."""
    ds, info = ctx["ds"], ctx["info"]
    ids, point = reader.scheme_of(ds)
    sel = np.flatnonzero(ids == info.schemes.index(scheme))
    sel = sel[np.argsort(point[sel])]
    cols, labels = [], []
    for f in info.factors:
        v = np.asarray(ds[info.param_name(f)].values)[sel]
        if v.dtype.kind not in "iuf":
            cats = sorted(set(str(x) for x in v))
            v = np.array([cats.index(str(x)) for x in v], dtype=float)
            labels.append(f"{f} ({', '.join(f'{i}={c}' for i, c in enumerate(cats))})")
        else:
            labels.append(f)
        cols.append(np.asarray(v, dtype=float))
    return np.column_stack(cols), labels


def discover(ctx, scheme, effect):
    from .. import prim
    X, labels = factor_matrix(ctx, scheme)
    ok = np.isfinite(effect)
    X, fails = X[ok], effect[ok] >= 0
    head = [show(scheme), f"{int(fails.sum())} of {fails.size} points"]
    if fails.size < 10 or min(fails.sum(), (~fails).sum()) < 3:
        why = ("too few points" if fails.size < 10 else "never fails" if not fails.any() else
               "fails everywhere" if fails.all() else "too few failures or successes (fewer than 3) to describe")
        return head + [why, "", "", "", ""]
    box = prim.prim(X, fails, alpha=0.05, min_support=0.05, paste=True, names=labels)
    rules = "<br>".join(html.escape(r) for r in box.rules()) or "(no restriction)"
    return head + [rules, fmt(box.coverage, 2), fmt(box.density, 2), fmt(box.support, 2),
                   f"<pre>{html.escape(cart_rules(X, fails, labels))}</pre>"]


def cart_rules(X, y, labels):
    """A depth-3 classification tree of failing points, as nested if-rules with each leaf's count."""
    try:
        from sklearn.tree import DecisionTreeClassifier
    except ImportError:
        return "(python3-sklearn is not installed)"
    tree = DecisionTreeClassifier(max_depth=3, min_samples_leaf=max(2, int(0.05 * y.size)), random_state=0)
    tree.fit(X, y)
    t = tree.tree_
    lines = []

    def walk(node, depth):
        pad = "  " * depth
        if t.children_left[node] < 0:
            n = t.value[node][0]
            fails = n[list(tree.classes_).index(True)] if True in tree.classes_ else 0.0
            frac = fails / n.sum()
            lines.append(f"{pad}-> {'fails' if frac >= 0.5 else 'works'} ({frac:.0%} of "
                         f"{int(t.n_node_samples[node])} points fail)")
            return
        name, cut = labels[t.feature[node]], t.threshold[node]
        lines.append(f"{pad}if {name} <= {cut:.3g}:")
        walk(t.children_left[node], depth + 1)
        lines.append(f"{pad}else:  # {name} > {cut:.3g}")
        walk(t.children_right[node], depth + 1)

    walk(0, 0)
    return "\n".join(lines)


def sensitivity(ctx):
    """Sobol' or Morris indices of the top-10 share from compare, per scheme and factor."""
    comp = ctx["num"].comp("outcomes", "top10_share_gdp")
    sobol, morris = comp.get("sobol") or [], comp.get("morris") or []
    ci = lambda v: f"[{fmt(v[0], 3)}, {fmt(v[1], 3)}]" if v else ""  # noqa: E731
    if sobol:
        rows = [[show(r["scheme"]), html.escape(r["factor"]), fmt(r["S1"], 3), ci(r.get("S1_ci")), fmt(r["ST"], 3),
                 ci(r.get("ST_ci"))] for r in sobol]
        return ("<h3>Sobol' indices <span class=\"zh\">Sobol'指数</span></h3><p>Of the top-10 share in "
                f"{comp['year']}, per scheme, from <code>zonesim compare</code> (95% bootstrap intervals).</p>"
                + table(["scheme", "factor", "S1", "95% interval", "ST", "95% interval"], rows, "numbers"))
    if morris:
        rows = [[show(r["scheme"]), html.escape(r["factor"]), fmt(r["mu_star"], 4), ci(r.get("mu_star_ci")),
                 fmt(r["mu"], 4), fmt(r["sigma"], 4)] for r in morris]
        return ("<h3>Morris screening <span class=\"zh\">Morris筛选</span></h3><p>Elementary effects on the top-10 "
                f"share in {comp['year']} per unit of each factor's range, per scheme, from <code>zonesim "
                "compare</code>.</p>" + table(["scheme", "factor", "mu*", "95% interval", "mu", "sigma"], rows, "numbers"))
    return f"<p>The design ({html.escape(ctx['info'].design)}) has no Sobol' or Morris indices.</p>"
