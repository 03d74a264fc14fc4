"""Figures of an optimisation's result (`zonesim optimize`, pareto.h5; docs/optimize.md): the front as a matrix of
objective pairs, the designs in parallel coordinates, each design's objectives across the states of the world and
the hypervolume per generation. Each takes a zonesim.pareto.Front."""
import numpy as np

from .plots import _plt

FRONT, OTHER, INFEASIBLE = "#1f5fa8", "#bbbbbb", "#c0392b"


def plot_front(front):
    """Every pair of objectives: the evaluated designs (grey; infeasible: red crosses) and the non-dominated set."""
    plt = _plt()
    k = len(front.objectives)
    pairs = [(i, j) for i in range(k) for j in range(i + 1, k)]
    ncols = min(3, len(pairs))
    nrows = -(-len(pairs) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(2.5 * ncols + 0.6, 2.4 * nrows + 0.6), squeeze=False)
    ev, feasible = front.evaluated_objectives, front.feasible
    for ax, (i, j) in zip(axes.flat, pairs):
        ax.scatter(ev[feasible, i], ev[feasible, j], s=7, c=OTHER, label="evaluated")
        if (~feasible).any():
            ax.scatter(ev[~feasible, i], ev[~feasible, j], s=9, c=INFEASIBLE, marker="x", label="infeasible")
        ax.scatter(front.objectives_values[:, i], front.objectives_values[:, j], s=11, c=FRONT, label="non-dominated")
        ax.set_xlabel(front.axis_label(i), fontsize=8)
        ax.set_ylabel(front.axis_label(j), fontsize=8)
        ax.tick_params(labelsize=7)
        ax.grid(alpha=0.3)
    for ax in axes.flat[len(pairs):]:
        ax.set_visible(False)
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=len(labels), fontsize=8, frameon=False)
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    return fig


def plot_parallel(front, colour_by=0):
    """The non-dominated designs as lines over the decision variables (scaled to their bounds) and the objectives
    (scaled to the front's range), coloured by one objective."""
    plt = _plt()
    from matplotlib import cm, colors
    dec = (front.decisions - front.low) / np.where(front.high > front.low, front.high - front.low, 1)
    obj = front.objectives_values
    span = np.ptp(obj, axis=0)
    obj_scaled = (obj - obj.min(axis=0)) / np.where(span > 0, span, 1)
    data = np.hstack([dec, obj_scaled])
    names = [f"{n.replace('.', chr(10))}\n[{front.fmt(lo)}, {front.fmt(hi)}]"
             for n, lo, hi in zip(front.short_variables, front.low, front.high)]
    names += [f"{n}\n[{front.fmt(lo)}, {front.fmt(hi)}]" for n, lo, hi in
              zip(front.objectives, obj.min(axis=0), obj.max(axis=0))]
    fig, ax = plt.subplots(figsize=(max(6.0, 0.95 * data.shape[1] + 1.2), 3.8))
    norm = colors.Normalize(obj[:, colour_by].min(), obj[:, colour_by].max())
    cmap = plt.get_cmap("viridis_r" if front.senses[colour_by] == "min" else "viridis")
    x = np.arange(data.shape[1])
    for row, value in sorted(zip(data, obj[:, colour_by]), key=lambda p: -p[1] if front.senses[colour_by] == "min"
                             else p[1]):
        ax.plot(x, row, color=cmap(norm(value)), alpha=0.55, lw=0.9)
    for xi in x:
        ax.axvline(xi, color="#555", lw=0.6)
    ax.axvspan(len(front.variables) - 0.5, data.shape[1] - 0.5, color="#f3f3f3", zorder=-1)
    ax.set_xticks(x)
    ax.set_xticklabels(names, fontsize=7)
    ax.set_yticks([0, 1])
    ax.set_yticklabels(["low", "high"], fontsize=7)
    ax.set_xlim(-0.3, data.shape[1] - 0.7)
    fig.colorbar(cm.ScalarMappable(norm=norm, cmap=cmap), ax=ax, shrink=0.8, label=front.axis_label(colour_by))
    fig.tight_layout()
    return fig


def plot_ensemble(front, order):
    """Per objective: each non-dominated design's value in every state of the world (dots) and its robust value
    (black), designs in `order` (along the front by the first objective)."""
    plt = _plt()
    k = len(front.objectives)
    fig, axes = plt.subplots(k, 1, figsize=(7.0, 1.9 * k + 0.5), sharex=True, squeeze=False)
    per_state = front.pareto_state_values()        # design x state x objective
    x = np.arange(len(order))
    for i, ax in enumerate(axes[:, 0]):
        for s in range(per_state.shape[1]):
            ax.scatter(x, per_state[order, s, i], s=5, color="#8aa9d6", alpha=0.8,
                       label="one state of the world" if s == 0 else None)
        ax.plot(x, front.objectives_values[order, i], color="black", lw=1.0, label=f"robust value ({front.measures[i]})")
        ax.set_ylabel(front.axis_label(i, unit_only=False), fontsize=8)
        ax.tick_params(labelsize=7)
        ax.grid(alpha=0.3)
    axes[0, 0].legend(fontsize=7, loc="best")
    axes[-1, 0].set_xlabel(f"non-dominated designs, ordered by {front.objectives[0]}", fontsize=8)
    fig.tight_layout()
    return fig


def plot_hypervolume(front):
    plt = _plt()
    fig, ax = plt.subplots(figsize=(5.0, 2.6))
    ax.plot(front.generation, front.hypervolume, marker="o", ms=3, color=FRONT)
    ax.set_xlabel("generation (0: the initial population)", fontsize=8)
    ax.set_ylabel("hypervolume", fontsize=8)
    ax.tick_params(labelsize=7)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig
