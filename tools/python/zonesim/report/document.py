"""The whole page: what the sections share (the context), the sections in order, the header, the style and the
list of compare calls."""
import datetime
import html
import json
import os
import time

import numpy as np

from .. import reader
from .channels import section_channels
from .cost import section_cost
from .discovery import section_discovery
from .for_whom import section_for_whom
from .numbers import Numbers
from .page import section
from .polarization import section_polarization
from .summary import summary
from .sure import section_sure
from .text import show


CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"

STYLE = """
body { font-family: "Noto Sans", "DejaVu Sans", "Noto Sans CJK SC", "Noto Sans CJK JP", sans-serif; font-size: 10.5pt;
       line-height: 1.45; max-width: 8in; margin: 0.4in auto; color: #111; padding: 0 0.2in; }
h1 { font-size: 17pt; margin-bottom: 0.1em; } h2 { font-size: 13.5pt; border-bottom: 1px solid #aaa; margin-top: 1.6em; }
h3 { font-size: 11.5pt; } .zh { color: #444; font-weight: normal; } .meta { color: #444; font-size: 9pt; }
ul.summary li { margin-bottom: 0.45em; } .num { white-space: nowrap; font-variant-numeric: tabular-nums; }
table { border-collapse: collapse; font-size: 9pt; margin: 0.6em 0; } th, td { padding: 2px 6px; vertical-align: top; }
th { background: #eee; text-align: left; } tr:nth-child(even) td { background: #fafafa; }
table.numbers td { font-variant-numeric: tabular-nums; } table.small { font-size: 9pt; }
td.good, span.good { color: #1d6b1d; font-weight: 600; } td.bad, span.bad { color: #b01c1c; font-weight: 600; }
td.nd, span.nd { color: #666; } td.moved, span.moved { font-weight: 600; } td.ref { color: #444; font-style: italic; } .key { font-size: 9pt; }
div.wide { overflow-x: auto; } figure { margin: 0.8em 0; } figure img { max-width: 100%; height: auto; display: block; }
figcaption { font-size: 9pt; color: #333; } pre { font-size: 8.5pt; margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; } code { font-size: 9pt; overflow-wrap: anywhere; }
.warn { color: #8a5a00; } @media print { body { margin: 0; max-width: none; } section { break-inside: auto; }
figure, table { break-inside: avoid; } }
"""


def page(ctx, sections, elapsed=None):
    ds, info, num = ctx["ds"], ctx["info"], ctx["num"]
    a = ds.attrs
    title = html.escape(str(a.get("title", os.path.basename(ctx["path"]))))
    design = info.design + (f" over {len(info.factors)} factors ({', '.join(info.factors)}), {info.points} points"
                            if info.factors else "")
    meta = (f"{html.escape(os.path.basename(ctx['path']))}: {len(info.schemes)} schemes, design {html.escape(design)}, "
            f"{info.n_replicates} replicates, {info.years[0]}\u2013{info.years[-1]}; reference "
            f"{show(ctx['reference'])}; zonesim {html.escape(str(a.get('zonesim_version', '?')))} "
            f"(commit {html.escape(str(a.get('git_commit', '?')))}), file created {html.escape(str(a.get('created', '?')))}")
    calls = "\n".join(f'<li id="call-{n}" data-call="{n}" data-args="{html.escape(json.dumps(args))}"><code>'
                      f"zonesim {html.escape(' '.join(args))}</code></li>" for n, args in num.args.items())
    warn = "".join(f'<p class="warn">compare: {html.escape(w)}</p>' for w in num.warnings())
    return html_page(title, meta, f"""{section("summary", "Summary", "摘要", summary(num, ctx["noun"]) + warn)}
{sections}
<section id="method"><h2>How the numbers were computed <span class="zh">计算方法</span></h2>
<p>The summary and the tables of comparisons are the JSON of these commands (the file's units; shares shown in
percentage points); the zone, replicate and design-point figures are computed from the file. Written by
<code>zonesim report</code>{"" if elapsed is None else f" in {elapsed:.0f} s"}, {ctx["written"]}.</p>
<ol class="calls">
{calls}
</ol></section>""")


def html_page(title, meta, body):
    """The self-contained page: inline style, no script, a policy that forbids loading anything."""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>zonesim report: {title}</title>
<style>{STYLE}</style></head>
<body>
<header><h1>{title}</h1><p class="meta">{meta}</p></header>
{body}
</body></html>
"""


def written_now():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def context(path, ds, info, year, reference, num):
    """What the sections share: the file, the comparison's rows and the zones' GDP."""
    labels = [str(v) for v in ds["scenario_label"].values]
    series_ref = reference       # the reference of the trajectories: a scheme, or one scenario of a grid
    if len(info.schemes) > 1 and info.points > 1 and reference not in info.schemes:
        series_ref = reader.scheme_names(ds)[labels.index(reference)]
    gdp = ds["gdp"]
    return dict(path=path, ds=ds, info=info, year=year, years=info.years, reference=reference, num=num,
                series_reference=series_ref, labels=ordered_labels(num),
                noun="schemes" if info.pooled or info.points == 1 else "scenarios",
                zone_gdp=np.asarray(gdp.sel(time=year).values, dtype=float),
                zone_gdp_start=np.asarray(gdp.isel(time=0).values, dtype=float),
                written=written_now())


def ordered_labels(num, metric="top10_share_gdp"):
    """The compared rows' labels, the largest reduction of `metric` first."""
    return [r["label"] for r in sorted(num.rows("outcomes", metric), key=lambda r: r["difference"])]


def build(path, zonesim, year, reference, ds, info):
    started = time.monotonic()
    first = info.years[1] if len(info.years) > 1 and year > info.years[0] else year
    num = Numbers(path, zonesim, year, first, reference, ds)
    ctx = context(path, ds, info, year, reference, num)
    import matplotlib
    matplotlib.use("Agg")
    parts = [section_polarization(ctx), section_cost(ctx), section_for_whom(ctx), section_channels(ctx),
             section_sure(ctx), section_discovery(ctx)]
    return page(ctx, "\n".join(parts), time.monotonic() - started)
