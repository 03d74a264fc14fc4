#!/usr/bin/python3
"""Which behavioural parameters drive the ranking of schemes? From a Morris sweep with schemes
(scenarios/sweeps/decisions_screening.yaml).

usage: tools/screen_ranking.py DECISIONS.h5 [--metric top10_share_gdp] [--year 2035]

At each design point, each scheme's effect is its metric minus the reference scheme's (the first), averaged over
replicates (common random numbers). Printed: each scheme's effect over the design (mean, range, share of points
where it lowers the metric); per factor and scheme, the Morris mu* (mean absolute elementary effect, per unit of
the factor's range) and sigma; how often each scheme ranks first (lowest metric); and for each factor, mu* of the
rank of the scheme that ranks first at the defaults' neighbourhood (the mean ranking). Markdown on stdout.
"""
import argparse

import h5py
import numpy as np
from scipy import stats


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--metric", default="top10_share_gdp")
    ap.add_argument("--year", type=int, default=2035)
    a = ap.parse_args()
    f = h5py.File(a.file, "r")
    names = [n.decode() if isinstance(n, bytes) else str(n) for n in f["scheme_name"][...]]
    scheme = f["scheme"][...]
    schemes = sorted(set(scheme.tolist()))
    S = len(schemes)
    P = len(scheme) // S
    at = int(np.where(f["time"][...] == a.year)[0][0])
    y = f[a.metric][...][:, :, at].mean(axis=1).reshape(S, P)  # [scheme, point], scenario = scheme * P + point
    label = [names[s * P] for s in range(S)]
    effect = y[1:] - y[0]  # [scheme - 1, point]
    raw = f.attrs.get("sweep_factors", b"")
    factors = (raw.decode() if isinstance(raw, bytes) else str(raw)).split()
    moved = f["morris_factor"][...][:P]
    step = f["morris_step"][...][:P]
    k = int(moved.max()) + 1
    if len(factors) != k:
        factors = [f"factor {i}" for i in range(k)]
    print(f"Effect on {a.metric} {a.year} against {label[0]}, over {P} design points:\n")
    print("| scheme | mean | min | max | share of points lowering it | ranks first |")
    print("|---|---|---|---|---|---|")
    first = np.argmin(effect, axis=0)
    for i in range(S - 1):
        e = effect[i]
        print(f"| {label[i + 1]} | {e.mean():+.4f} | {e.min():+.4f} | {e.max():+.4f} | {np.mean(e < 0):.2f} | "
              f"{np.mean(first == i):.2f} |")
    mean_rank = np.argsort(np.argsort(effect.mean(axis=1)))
    ranks = np.argsort(np.argsort(effect, axis=0), axis=0)  # [scheme - 1, point]
    rho = [stats.spearmanr(ranks[:, p], mean_rank).correlation for p in range(P)]
    print(f"\nSpearman correlation of each point's ranking with the mean ranking: median {np.median(rho):.2f}, "
          f"min {np.min(rho):.2f}; share of points where the first scheme differs from the mean ranking's first: "
          f"{np.mean(first != np.argmin(effect.mean(axis=1))):.2f}\n")
    print("Morris mu* (sigma) of each scheme's effect, per unit of each factor's range:\n")
    print("| factor | " + " | ".join(label[1:]) + " |")
    print("|---|" + "---|" * (S - 1))
    for j in range(k):
        cells = []
        for i in range(S - 1):
            ee = [(effect[i, p] - effect[i, p - 1]) / step[p] for p in range(1, P) if moved[p] == j]
            cells.append(f"{np.mean(np.abs(ee)):.4f} ({np.std(ee, ddof=1):.4f})" if len(ee) > 1 else "")
        print(f"| {factors[j]} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
