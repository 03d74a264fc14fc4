"""Numbers as text: digits, signs, units, and the marked spans that say which compare field a number is."""
import html

import numpy as np

from .. import names


MINUS = "\u2212"


def decimals(values, pp):
    """Digits after the point: 2 for percentage points; else 3 significant digits of the largest |value|."""
    if pp:
        return 2
    v = [abs(x) for x in values if x is not None and np.isfinite(x) and x != 0]
    if not v:
        return 0
    return int(max(0, 2 - np.floor(np.log10(max(v)))))


def fmt(value, digits, signed=False):
    if value is None or not np.isfinite(value):
        return "n/a"
    text = f"{value:+,.{digits}f}" if signed else f"{value:,.{digits}f}"
    if float(text.replace(",", "")) == 0:
        text = text.lstrip("+-")       # no "-0.00"
    return text.replace("-", MINUS)


def span(call, metric, label, field, value, text, **extra):
    """A number of the summary, marked with where it comes from: the compare call, metric, row label and field
    (dotted for nested fields, _lo/_hi for an interval's ends); the test reads these back."""
    e = html.escape
    more = "".join(f' data-{k}="{e(str(v))}"' for k, v in extra.items())
    return (f'<span class="num" data-call="{e(call)}" data-metric="{e(metric)}" data-label="{e(str(label))}" '
            f'data-field="{e(field)}" data-value="{value!r}"{more}>{e(text)}</span>')


class Quantity:
    """How one comparison's numbers are written: scale (100 for shares in percentage points), digits, unit."""

    def __init__(self, comp, field="difference"):
        self.comp = comp
        self.pp = bool(comp.get("percentage_points"))
        self.scale = 100.0 if self.pp else 1.0
        rows = comp["comparison"]
        self.digits = decimals([self.scale * r[field] for r in rows if r.get(field) is not None], self.pp)
        units = comp.get("units", "")
        self.unit = " pp" if self.pp else ("" if units in ("", "1") else f" {units}")

    def value(self, call, row, field, signed=True, unit=True):
        v = row[field]
        return span(call, self.comp["metric"], row["label"], field, v,
                    fmt(None if v is None else self.scale * v, self.digits, signed) + (self.unit if unit else ""))

    def interval(self, call, row, field="difference_ci"):
        ci = row.get(field) or [None, None]
        lo = span(call, self.comp["metric"], row["label"], f"{field}_lo", ci[0],
                  fmt(None if ci[0] is None else self.scale * ci[0], self.digits, True))
        hi = span(call, self.comp["metric"], row["label"], f"{field}_hi", ci[1],
                  fmt(None if ci[1] is None else self.scale * ci[1], self.digits, True))
        return f"[{lo}, {hi}]"

    def effect(self, call, row):
        return f"{self.value(call, row, 'difference')} {self.interval(call, row)}"

    def level_text(self, mean):
        """A level: for a share in % with 2 digits, else one digit less than its differences."""
        return fmt(self.scale * mean, 2 if self.pp else max(self.digits - 1, 0))

    def level(self, call, row):
        """The reference's mean ("37.96%" for a share)."""
        return span(call, self.comp["metric"], row["label"], "mean", row["mean"],
                    self.level_text(row["mean"]) + ("%" if self.pp else self.unit))


def verdict(row):
    """-1: the interval lies below 0, +1: above, 0: covers 0 (not distinguishable), None: no interval."""
    ci = row.get("difference_ci")
    if not ci or ci[0] is None or ci[1] is None:
        return None
    return -1 if ci[1] < 0 else (1 if ci[0] > 0 else 0)


def lowers_at_a_cost(row):
    """A compare row of the cost call whose metric is lower (its interval below 0) at a higher public cost (the cost
    difference's interval above 0), with a ratio: the rows that have a cost per point."""
    per = row.get("per") or {}
    cost_lo = (per.get("difference_ci") or [None])[0]
    return verdict(row) == -1 and cost_lo is not None and cost_lo > 0 and bool(per.get("ratio"))


def years_text(block, default):
    """"2025–2030" for a block with the years of a sum, else `default` (a year)."""
    return f"{block['years'][0]}\u2013{block['years'][1]}" if block.get("years") else str(default)


def show(label):
    return html.escape(names.scheme_label(label))


def listing(items, limit, describe):
    """"A (..), B (..) and C (..)"; beyond `limit` items the rest are named without numbers."""
    shown = [describe(r) for r in items[:limit]]
    text = ", ".join(shown[:-1]) + (" and " if len(shown) > 1 else "") + shown[-1] if shown else ""
    rest = items[limit:]
    if rest:
        text += "; also, by less: " + ", ".join(show(r["label"]) for r in rest)
    return text
