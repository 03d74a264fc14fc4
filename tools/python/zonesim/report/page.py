"""Pieces of the page: embedded figures, tables, sections and the tables of comparisons."""
import base64
import html
import io

from .. import names
from .text import Quantity, fmt, show, verdict


def figure(fig, alt, caption, dpi=130):
    """A matplotlib figure as an <img> with a PNG data URI, shown at its print size."""
    import matplotlib.pyplot as plt
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    width = fig.get_size_inches()[0]
    plt.close(fig)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return (f'<figure><img alt="{html.escape(alt)}" style="width:{width:.2f}in" src="data:image/png;base64,{data}">'
            f"<figcaption>{caption}</figcaption></figure>")


def table(header, rows, cls=""):
    """An HTML table; cells are HTML already (escape text before), a (html, class) pair sets a cell's class."""
    def cell(tag, c):
        text, klass = c if isinstance(c, tuple) else (c, "")
        attr = f' class="{klass}"' if klass else ""
        return f"<{tag}{attr}>{text}</{tag}>"
    head = "".join(cell("th", h) for h in header)
    body = "\n".join("<tr>" + "".join(cell("td", c) for c in r) + "</tr>" for r in rows)
    return (f'<div class="wide"><table class="{cls}"><thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody>'
            "</table></div>")


def section(ident, title, zh, body):
    return f'<section id="{ident}"><h2>{html.escape(title)} <span class="zh">{html.escape(zh)}</span></h2>\n{body}\n</section>'


def effect_cell(q, row, judge=True):
    """A table cell: the paired difference with its interval, coloured by what the interval says (judge=False:
    only whether it excludes 0, for quantities that are neither good nor bad, such as budget lines)."""
    if row is None or row["difference"] is None:
        return ("(reference)", "ref")
    v = verdict(row)
    better = q.comp.get("better")        # None: compare does not say which way is better for this metric
    judge = judge and better in ("lower", "higher")
    klass = {None: "", 0: "nd"}.get(v, ("good" if (v < 0) == (better == "lower") else "bad") if judge else "moved")
    ci = row["difference_ci"] or [None, None]
    text = (f"{fmt(q.scale * row['difference'], q.digits, True)} "
            f"<small>[{fmt(None if ci[0] is None else q.scale * ci[0], q.digits, True)}, "
            f"{fmt(None if ci[1] is None else q.scale * ci[1], q.digits, True)}]</small>")
    return (text, klass)


KEY = ('<p class="key">Colours: <span class="good">better than the reference</span> (the 95% interval excludes 0), '
       '<span class="bad">worse</span>, <span class="nd">not distinguishable from 0</span> (the interval covers '
       '0); "better" is lower for polarization and costs, higher for GDP.</p>')


def comparison_table(num, call, metrics, labels, level_row=True, judge=True):
    """Rows: the reference's level, then each compared row's paired differences, one column per metric."""
    qs = [Quantity(num.comp(call, m)) for m in metrics]
    header = ["scheme"] + [f"{html.escape(names.metric_label(m))}<br><small>{_unit_text(q)}</small>"
                           for m, q in zip(metrics, qs)]
    rows = []
    ref = num.reference_row(call, metrics[0])
    if level_row and ref is not None:
        rows.append([f"{show(ref['label'])} <small>(reference: level)</small>"]
                    + [q.level_text(num.reference_row(call, m)["mean"]) for m, q in zip(metrics, qs)])
    for label in labels:
        rows.append([show(label)] + [effect_cell(q, num.row(call, m, label), judge) for m, q in zip(metrics, qs)])
    return table(header, rows, "numbers")


def _unit_text(q):
    c = q.comp
    what = f"summed over {c['years'][0]}\u2013{c['years'][1]}" if c.get("statistic") == "sum" and c.get("years") \
        else f"in {c['year']}"
    unit = "percentage points" if q.pp else (c.get("units") if c.get("units") not in ("", "1") else "")
    return html.escape(f"{what}" + (f", {unit}" if unit else ""))
