"""PRIM, the Patient Rule Induction Method (Friedman & Fisher 1999, Statistics and Computing 9): a box in factor
space where an outcome of interest (here: a scheme failing) is concentrated.

Peeling: starting from the box around all points, each step removes the `alpha` share of the points in the box
at the low or the high end of one factor, whichever removal leaves the highest mean outcome (density) in the box;
it stops when the box would hold fewer than `min_support` of all points. Of the boxes peeled that keep at least
`min_coverage` of all cases, the one returned is the largest whose density is within `tolerance` of the highest
(peeling further mostly trims noise points off a box that is already pure); then each restriction whose removal
lowers the density by less than `tolerance` is undone (it only trimmed noise). Pasting, optional, then widens that
box along one factor at a time, in steps of `alpha` of its points, while the density does not fall.

coverage = cases in the box / all cases; density = cases in the box / points in the box; support = points in the
box / all points (a case is a point with outcome 1)."""
import dataclasses

import numpy as np


@dataclasses.dataclass
class Box:
    lower: np.ndarray        # per factor, the box's lower bound (the factor's minimum where not restricted)
    upper: np.ndarray
    restricted: list         # indices of the factors whose bounds the box narrows
    coverage: float
    density: float
    support: float
    inside: np.ndarray       # bool per point
    trajectory: list         # (support, coverage, density) of every peeled box, the first being all points
    names: list

    def rules(self, digits=3):
        """The restricted bounds as text, one per factor: "2.5 <= relocation.fixed_cost <= 4.1"."""
        return [f"{self.lower[j]:.{digits}g} <= {self.names[j]} <= {self.upper[j]:.{digits}g}" for j in self.restricted]


def _stats(y, inside):
    n_in = int(inside.sum())
    cases = float(y.sum())
    hit = float(y[inside].sum())
    return (n_in / y.size, hit / cases if cases > 0 else float("nan"), hit / n_in if n_in else float("nan"))


def _peel_candidates(X, inside, lower, upper, alpha):
    """Every one-step peel of the box: (new inside mask, new lower, new upper)."""
    out = []
    for j in range(X.shape[1]):
        x = X[inside, j]
        if x.size == 0 or x.min() == x.max():
            continue
        lo, hi = np.quantile(x, alpha), np.quantile(x, 1.0 - alpha)
        # a quantile on a tie removes nothing: then remove the whole tied end value
        keep_low = X[:, j] >= lo if lo > x.min() else X[:, j] > x.min()
        keep_high = X[:, j] <= hi if hi < x.max() else X[:, j] < x.max()
        for keep, side in ((keep_low, 0), (keep_high, 1)):
            new = inside & keep
            if not new.any():
                continue
            lower_j, upper_j = lower.copy(), upper.copy()
            if side == 0:
                lower_j[j] = X[new, j].min()
            else:
                upper_j[j] = X[new, j].max()
            out.append((new, lower_j, upper_j))
    return out


def _paste(X, y, inside, lower, upper, alpha):
    """Widen the box one factor at a time, by 1 to 5 steps of `alpha` of its points, while the density does not
    fall."""
    n = y.size
    while True:
        base = _stats(y, inside)[2]
        best = None
        for j in range(X.shape[1]):
            in_other = np.all((X >= lower) & (X <= upper) | (np.arange(X.shape[1]) == j), axis=1)
            for side in (0, 1):
                cand = in_other & ((X[:, j] < lower[j]) if side == 0 else (X[:, j] > upper[j]))
                if not cand.any():
                    continue
                xs = np.sort(X[cand, j])[::-1] if side == 0 else np.sort(X[cand, j])
                k = max(1, int(round(alpha * max(inside.sum(), 1))))
                for steps in range(1, 6):       # a few steps at once, so one stray point at the edge does not block
                    edge = xs[min(steps * k, xs.size) - 1]
                    grown = inside | (cand & ((X[:, j] >= edge) if side == 0 else (X[:, j] <= edge)))
                    d = _stats(y, grown)[2]
                    if d >= base and (best is None or d > best[0]):
                        best = (d, j, side, edge, grown)
        if best is None or best[4].sum() >= n:
            return inside, lower, upper
        _, j, side, edge, inside = best
        lower, upper = lower.copy(), upper.copy()
        if side == 0:
            lower[j] = edge
        else:
            upper[j] = edge


def _drop_restrictions(X, y, inside, lower, upper, lower0, upper0, tolerance):
    """Undo, one at a time, the factor restrictions whose removal lowers the density by less than `tolerance`
    (a bound that only trimmed noise), the least useful first."""
    density = _stats(y, inside)[2]
    while True:
        best = None
        for j in np.flatnonzero((lower > lower0) | (upper < upper0)):
            lo, hi = lower.copy(), upper.copy()
            lo[j], hi[j] = lower0[j], upper0[j]
            grown = np.all((X >= lo) & (X <= hi), axis=1)
            d = _stats(y, grown)[2]
            if d > density - tolerance and (best is None or d > best[0]):
                best = (d, grown, lo, hi)
        if best is None:
            return inside, lower, upper
        _, inside, lower, upper = best


def prim(X, y, alpha=0.05, min_support=0.05, min_coverage=0.5, tolerance=0.02, paste=False, names=None):
    """The PRIM box of the points X (n x k) where y (n, 0/1 or booleans) is 1. See the module's description."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float).ravel()
    if X.ndim != 2 or X.shape[0] != y.size or y.size == 0:
        raise ValueError(f"prim: X must be (n, k) and y (n,); got {X.shape} and {y.shape}")
    if not 0 < alpha < 0.5:
        raise ValueError(f"prim: alpha={alpha} must be in (0, 0.5)")
    n, k = X.shape
    names = list(names) if names is not None else [f"x{j}" for j in range(k)]
    lower0, upper0 = X.min(0), X.max(0)
    boxes = [(np.ones(n, dtype=bool), lower0, upper0)]
    while True:
        cands = [c for c in _peel_candidates(X, *boxes[-1], alpha) if c[0].sum() >= max(min_support * n, 1)]
        if not cands:
            break
        boxes.append(max(cands, key=lambda c: (_stats(y, c[0])[2], c[0].sum())))
    trajectory = [_stats(y, b[0]) for b in boxes]
    eligible = [i for i, t in enumerate(trajectory) if not t[1] < min_coverage] or [0]
    best = max(trajectory[i][2] for i in eligible)
    # the largest box whose density is within `tolerance` of the best: peeling on beyond it mostly trims noise
    pick = min(i for i in eligible if trajectory[i][2] >= best - tolerance)
    inside, lower, upper = boxes[pick]
    inside, lower, upper = _drop_restrictions(X, y, inside, lower, upper, lower0, upper0, tolerance)
    if paste:
        inside, lower, upper = _paste(X, y, inside, lower, upper, alpha)
    support, coverage, density = _stats(y, inside)
    restricted = [j for j in range(k) if lower[j] > lower0[j] or upper[j] < upper0[j]]
    return Box(lower=lower, upper=upper, restricted=restricted, coverage=coverage, density=density,
               support=support, inside=inside, trajectory=trajectory, names=names)
