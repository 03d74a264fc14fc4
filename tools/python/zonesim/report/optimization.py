"""The page for an optimisation's result (`zonesim optimize`, pareto.h5): a summary generated from the file's
numbers, the Pareto front, the designs in parallel coordinates, each design's objectives across the states of the
world, the hypervolume per generation, the non-dominated designs and the ensemble as tables."""
import html
import os
import time

import numpy as np

from .. import plots_pareto
from ..pareto import Front
from .document import html_page, written_now
from .page import figure, section, table
from .text import span

TABLE_ROWS = 60          # non-dominated designs listed in the table; the file has them all


def value_span(front, design, i):
    """A non-dominated design's robust value of objective i, marked with where it is in the file."""
    v = front.objectives_values[design, i]
    return span("pareto", front.objectives[i], int(design), "pareto_objectives", float(v), front.fmt(v))


def design_text(front, design):
    parts = [f"{html.escape(n)} = {front.decision_text(j, v)}"
             for j, (n, v) in enumerate(zip(front.short_variables, front.decisions[design]))]
    return ", ".join(parts)


def summary(front):
    k, n = len(front.objectives), len(front.objectives_values)
    feasible = int(front.feasible.sum())
    states = front.states.shape[0]
    hv = front.hypervolume
    items = [f"<b>The search</b>: {front.n_evaluated} designs evaluated over {len(front.generation) - 1} generations "
             f"({feasible} meeting every constraint), each in {states} states of the world; <b>{n}</b> are "
             "non-dominated (no other evaluated design is at least as good in every objective and better in one)."]
    for i in range(k):
        best = front.best(i)
        others = "; ".join(f"{html.escape(front.objectives[j])} {value_span(front, best, j)}" for j in range(k) if j != i)
        col = front.objectives_values[:, i]
        worst = int(np.argmax(col) if front.senses[i] == "min" else np.argmin(col))
        items.append(f"<b>{html.escape(front.objectives[i])}</b> ({front.senses[i]}, {html.escape(front.measures[i])}"
                     f"): from {value_span(front, best, i)} to {value_span(front, worst, i)} over the front. "
                     f"The best design for it ({design_text(front, best)}) has {others}.")
    peak = int(np.argmax(hv))
    gen = lambda g: span("pareto", "hypervolume", int(g), "hypervolume", float(hv[g]), front.fmt(hv[g]))  # noqa: E731
    items.append(f"<b>Convergence</b>: the hypervolume went from {gen(0)} (initial population) to {gen(len(hv) - 1)} "
                 f"(generation {len(hv) - 1})" + (f", with its peak {gen(peak)} at generation {peak}"
                                                   if peak != len(hv) - 1 else "")
                 + "; NSGA-II's population hypervolume need not rise every generation.")
    return '<ul class="summary">' + "".join(f"<li>{t}</li>" for t in items) + "</ul>"


def designs_table(front):
    order = front.order(0)
    header = (["#"] + [html.escape(v) + (f"<br><small>{html.escape(u)}</small>" if u not in ("", "1") else "")
                       for v, u in zip(front.short_variables, front.variable_units)]
              + [html.escape(o) + f"<br><small>{s}</small>" for o, s in zip(front.objectives, front.senses)])
    rows = [[str(d)] + [front.decision_text(j, v) for j, v in enumerate(front.decisions[d])]
            + [front.fmt(v) for v in front.objectives_values[d]]
            for d in order[:TABLE_ROWS]]
    more = (f"<p>The first {TABLE_ROWS} of {len(order)} designs, by {html.escape(front.objectives[0])}; the file's "
            "<code>pareto_decisions</code> and <code>pareto_objectives</code> hold them all.</p>"
            if len(order) > TABLE_ROWS else "")
    return table(header, rows, "numbers small") + more


def ensemble_table(front):
    header = ["state"] + [html.escape(u) for u in front.uncertain]
    rows = [[str(s)] + [front.fmt(v) for v in row] for s, row in enumerate(front.states)]
    return table(header, rows, "numbers small")


def sections(front):
    order = front.order(0)
    body = [section("front", "The Pareto front", "帕累托前沿", figure(
        plots_pareto.plot_front(front), "objective pairs",
        "Every pair of objectives: each evaluated design (grey; red crosses: violates a constraint) and the "
        "non-dominated set (blue), robust values.") + designs_table(front))]
    body.append(section("designs", "What the designs look like", "方案参数", figure(
        plots_pareto.plot_parallel(front), "parallel coordinates",
        "Each non-dominated design as a line over its decision variables (scaled to their bounds, given under each "
        f"name) and its objectives (shaded; scaled to the front's range), coloured by {html.escape(front.objectives[0])}.")))
    uncertain = ", ".join(html.escape(u) for u in front.uncertain) or "none"
    body.append(section("ensemble", "Across the states of the world", "不确定情景", figure(
        plots_pareto.plot_ensemble(front, order), "objectives per state of the world",
        "Each non-dominated design's value in each state of the world (dots; mean over replicates) and the robust "
        "value the search used (line).") + f"<p>Uncertain parameters: {uncertain}.</p>" + ensemble_table(front)))
    body.append(section("convergence", "Convergence", "收敛", figure(
        plots_pareto.plot_hypervolume(front), "hypervolume per generation",
        "The hypervolume of the population's feasible non-dominated robust objectives against the file's "
        "<code>hypervolume_reference</code>.")))
    return "\n".join(body)


def build_optimization(path):
    started = time.monotonic()
    import matplotlib
    matplotlib.use("Agg")
    front = Front(path)
    a = front.attrs
    title = html.escape(str(a.get("title", os.path.basename(path))))
    meta = (f"{html.escape(os.path.basename(path))}: optimisation ({html.escape(str(a.get('optimize_algorithm', '?')))}), "
            f"{len(front.variables)} decision variables, {len(front.objectives)} objectives, "
            f"{front.states.shape[0]} states of the world; zonesim {html.escape(str(a.get('zonesim_version', '?')))} "
            f"(commit {html.escape(str(a.get('git_commit', '?')))}), file created {html.escape(str(a.get('created', '?')))}")
    body = (section("summary", "Summary", "摘要", summary(front)) + "\n" + sections(front)
            + f'\n<section id="method"><h2>How the numbers were computed <span class="zh">计算方法</span></h2>'
            "<p>Every number is read from the file (robust values as the search computed them: docs/optimize.md). "
            f"Written by <code>zonesim report</code> in {time.monotonic() - started:.0f} s, {written_now()}.</p></section>")
    return html_page(title, meta, body)
