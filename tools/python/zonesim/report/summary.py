"""The plain-language summary: one item per question, every number a marked span of compare's JSON."""
import html

from .. import names
from .numbers import POLARIZATION
from .text import Quantity, decimals, fmt, listing, lowers_at_a_cost, show, span, verdict, years_text


def summary(num, noun):
    """The plain-language summary: one item per question, every number a marked span from compare's JSON."""
    items = [summary_metric(num, m, noun) for m in POLARIZATION]
    if num.has("cost"):
        items += [summary_cost(num, m) for m in ("top10_share_gdp", "theil_t_gdp")]
    items.append(summary_gdp(num))
    if num.has("provinces"):
        items.append(summary_provinces(num))
    items.append(summary_sure(num))
    return "<ul class=\"summary\">\n" + "\n".join(f"<li>{i}</li>" for i in items if i) + "\n</ul>"


def summary_metric(num, metric, noun):
    comp = num.comp("outcomes", metric)
    q = Quantity(comp)
    rows = num.rows("outcomes", metric)
    ref = num.reference_row("outcomes", metric)
    lower = sorted([r for r in rows if verdict(r) == -1], key=lambda r: r["difference"])
    higher = sorted([r for r in rows if verdict(r) == 1], key=lambda r: -r["difference"])
    unclear = [r for r in rows if verdict(r) == 0]
    text = f"<b>{html.escape(names.metric_label(metric))}</b> in {comp['year']}"
    if ref is not None:
        text += f" ({show(ref['label'])}: {q.level('outcomes', ref)})"
    effect = lambda r: f"{show(r['label'])} {q.effect('outcomes', r)}"  # noqa: E731
    parts = []
    if lower:
        parts.append(f"lower under {len(lower)} of {len(rows)} {noun}: " + listing(lower, 3, effect))
    if higher:
        parts.append("higher under " + listing(higher, 6, effect))
    if unclear:
        parts.append("not distinguishable from 0 under " + listing(unclear, 6, effect))
    if not parts:
        parts.append(f"no {noun} compared with the reference")
    return text + ": " + "; ".join(parts) + "."


def _per(num, call, metric, row, key, digits, scale):
    """One number of a row's `per` block (ratio or per_difference), as a span."""
    ci = key.endswith("_lo") or key.endswith("_hi")
    base = key[:-3] if ci else key
    v = row["per"][base] if not ci else (row["per"][base] or [None, None])[0 if key.endswith("_lo") else 1]
    return span(call, metric, row["label"], f"per.{key}", v, fmt(None if v is None else scale * v, digits, True))


class CostText:
    """How summary_cost() writes one metric's cost numbers: ratios, cost differences, cost per point."""

    def __init__(self, num, metric, rows):
        self.num, self.metric, self.per = num, metric, num.json["cost"]["per"]
        self.q = Quantity(num.comp("cost", metric))
        self.unit = html.escape(self.per["units"])
        self.cost_digits = decimals([r["per"]["difference"] for r in rows], False)

    def triple(self, r, key, digits, scale):
        """The `per` value `key` of a row with its interval: "v [lo, hi]"."""
        value, lo, hi = (_per(self.num, "cost", self.metric, r, k, digits, scale)
                         for k in (key, key + "_ci_lo", key + "_ci_hi"))
        return f"{value} [{lo}, {hi}]"

    def ratio(self, r):
        q, per = self.q, self.per
        digits = decimals([q.scale * r["per"]["ratio"]], False)
        text = self.triple(r, "ratio", digits, q.scale).replace(" [", f"{q.unit} [", 1)
        text += f" per {per['scale']:g} {self.unit} of extra public cost"
        if not q.pp:
            return text
        v = -per["scale"] / (q.scale * r["per"]["ratio"])
        point = span("cost", self.metric, r["label"], "per.cost_per_unit", v, fmt(v, decimals([v], False)))
        return f"{text} (about {point} {self.unit} per pp)"

    def cost(self, r):
        return self.triple(r, "difference", self.cost_digits, 1.0).replace(" [", f" {self.unit} [", 1)


def _lowers_and_saves(row):
    """The metric's interval lies below 0 and so does the public cost difference's."""
    hi = (row["per"].get("difference_ci") or [None, None])[1]
    return verdict(row) == -1 and hi is not None and hi < 0


def summary_cost(num, metric):
    """The cheapest scheme per point of `metric`, the strongest one's price, and the schemes that save money."""
    rows = [r for r in num.rows("cost", metric) if r.get("per")]
    if not rows:
        return ""
    t = CostText(num, metric, rows)
    years = years_text(t.per, num.comp("cost", metric)["year"])
    costly = [r for r in rows if lowers_at_a_cost(r)]
    savers = [r for r in rows if _lowers_and_saves(r)]
    name = html.escape(names.metric_en(metric))
    parts = []
    if costly:
        best = min(costly, key=lambda r: r["per"]["ratio"])
        parts.append(f"of the {len(costly)} schemes that lower it at an extra public cost, the cheapest per point is "
                     f"{show(best['label'])}: {t.ratio(best)}, for {t.cost(best)} more than the reference (public "
                     f"cost summed over {years})")
        strongest = min(costly, key=lambda r: r["difference"])
        if strongest is not best:
            parts.append(f"the one lowering it most, {show(strongest['label'])}, gives {t.ratio(strongest)}, for "
                         f"{t.cost(strongest)} more")
    if savers:
        parts.append("lower it while spending less public money: "
                     + listing(savers, 6, lambda r: f"{show(r['label'])} ({t.cost(r)})"))
    if not parts:
        return f"<b>Cost</b> of a lower {name}: no scheme lowers it at a public cost distinguishable from 0."
    return f"<b>Cost</b> of a lower {name}: " + "; ".join(parts) + "."


def _relative(call, comp, row, ref):
    """A row's difference as a percentage of the reference's mean, as a span."""
    v = 100.0 * row["difference"] / ref["mean"] if ref and ref["mean"] else None
    return span(call, comp["metric"], row["label"], "difference_percent", v, fmt(v, 2, True) + "%")


def summary_gdp(num):
    comp = num.comp("outcomes", "total_gdp")
    q = Quantity(comp)
    ref = num.reference_row("outcomes", "total_gdp")
    lowering = {r["label"] for r in num.rows("outcomes", "top10_share_gdp") if verdict(r) == -1}
    rows = [r for r in num.rows("outcomes", "total_gdp") if r["label"] in lowering]
    if not rows:
        return "<b>GDP trade-off</b>: no scheme lowers the top-10 share."

    def effect(r):
        rel = f", {_relative('outcomes', comp, r, ref)}" if ref else ""
        return f"{show(r['label'])} {q.effect('outcomes', r)}{rel}"

    text = f"<b>GDP trade-off</b>: total GDP in {comp['year']}"
    if ref is not None:
        text += f" ({show(ref['label'])}: {q.level('outcomes', ref)})"
    text += " under the schemes that lower the top-10 share"
    parts = []
    for v, what, key in ((1, "higher under", lambda r: -r["difference"]), (-1, "lower under", lambda r: r["difference"]),
                         (0, "not distinguishable from 0 under", lambda r: r["difference"])):
        sel = sorted([r for r in rows if verdict(r) == v], key=key)
        if sel:
            parts.append(f"{what} " + listing(sel, 4, effect))
    return text + ": " + "; ".join(parts) + "."


def summary_provinces(num):
    """The provinces gaining and losing most GDP share under the scheme that lowers the top-10 share most."""
    lower = sorted([r for r in num.rows("outcomes", "top10_share_gdp") if verdict(r) == -1],
                   key=lambda r: r["difference"])
    prov = num.json["provinces"].get("province")
    if not lower or not prov:
        return ""
    label = lower[0]["label"]
    rows = [r for r in prov["rows"] if r["label"] == label and r.get("share_difference") is not None]
    ci = lambda r: r.get("share_difference_ci") or [None, None]  # noqa: E731
    gains = sorted([r for r in rows if ci(r)[0] is not None and ci(r)[0] > 0], key=lambda r: -r["share_difference"])
    losses = sorted([r for r in rows if ci(r)[1] is not None and ci(r)[1] < 0], key=lambda r: r["share_difference"])

    def one(r):
        def n(field, v):
            return span("provinces", prov["variable"], r["label"], field, v, fmt(None if v is None else 100 * v, 2, True),
                        province=r["province"])
        lo, hi = ci(r)
        return (f"{html.escape(names.place_label(r['province'], r.get('province_zh')))} "
                f"{n('share_difference', r['share_difference'])} pp [{n('share_difference_ci_lo', lo)}, "
                f"{n('share_difference_ci_hi', hi)}]")

    text = (f"<b>For whom</b>: under {show(label)}, the share of all zones' GDP in {prov['year']} rises most in "
            + (", ".join(one(r) for r in gains[:3]) or "no province (no interval above 0)")
            + " and falls most in " + (", ".join(one(r) for r in losses[:3]) or "no province (no interval below 0)"))
    return text + f" (of {len(gains)} provinces gaining and {len(losses)} losing share)."


def summary_sure(num):
    comp = num.comp("outcomes", "top10_share_gdp")
    rows = [r for r in comp["comparison"] if r.get("p_best") is not None]
    reps = span("outcomes", comp["metric"], "", "replicates", comp["replicates"], str(comp["replicates"]))
    pooled = (f" (each replicate's value the mean over the {comp['design']} design's points)"
              if comp.get("pooled") else "")
    text = (f"<b>How sure</b>: each difference is the mean over {reps} replicates{pooled} of the paired difference "
            "from the reference (the same random numbers), with its 95% t interval")
    if rows:
        best = max(rows, key=lambda r: r["p_best"])
        p = span("outcomes", comp["metric"], best["label"], "p_best", best["p_best"], fmt(best["p_best"], 2))
        text += (f"; {show(best['label'])} has the lowest top-10 share in {comp['year']} in the largest share of "
                 f"replicates (P(best) = {p})")
    return text + "."
