#!/usr/bin/python3
"""The schemes table of docs/mechanisms.md from a sweep of scenarios/sweeps/schemes.yaml.

usage: tools/schemes_table.py SCHEMES.h5 [--reference baseline] [--year 2035] [--from 2025]

For each scheme: 2035 values of the polarization outcomes and total GDP, and the channels summed over the
simulated years (targeted offers, agreement-years, public cost), each as the mean over replicates and the paired
difference to the reference (replicate r of each scheme shares the reference's random numbers) with its 95%
interval (t distribution, n - 1 degrees of freedom). Markdown on stdout.
"""
import argparse

import h5py
import numpy as np
from scipy import stats

OUTCOMES = [("top10_share_gdp", 4), ("theil_t_gdp", 4), ("theil_between_gdp", 4), ("total_gdp", 0)]
CHANNELS = [("total_poaching_offers", 0), ("total_cooperation_agreements", 0), ("total_public_cost", 0)]


def cell(values, reference, digits):
    if reference is None:
        return f"{values.mean():.{digits}f}"
    d = values - reference
    n = len(d)
    half = stats.t.ppf(0.975, n - 1) * d.std(ddof=1) / np.sqrt(n) if n > 1 else float("nan")
    f = f"{{:.{digits}f}}"
    return (f"{f.format(values.mean())} ({'+' if d.mean() >= 0 else ''}{f.format(d.mean())} "
            f"[{f.format(d.mean() - half)}, {f.format(d.mean() + half)}])")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--reference", default="baseline")
    ap.add_argument("--year", type=int, default=2035)
    ap.add_argument("--from", dest="first", type=int, default=2025)
    a = ap.parse_args()
    f = h5py.File(a.file, "r")
    names = [n.decode() if isinstance(n, bytes) else str(n) for n in f["scheme_name"][...]]
    years = f["time"][...]
    at = int(np.where(years == a.year)[0][0])
    span = (years >= a.first) & (years <= a.year)
    ref = names.index(a.reference)
    cols = [f"{v} {a.year}" for v, _ in OUTCOMES] + [f"{v} {a.first}-{a.year}" for v, _ in CHANNELS]
    print("| scheme | " + " | ".join(cols) + " |")
    print("|---|" + "---|" * len(cols))
    for i, name in enumerate(names):
        row = []
        for v, digits in OUTCOMES:
            x = f[v][...]
            row.append(cell(x[i, :, at], x[ref, :, at] if i != ref else None, digits))
        for v, digits in CHANNELS:
            x = f[v][...][:, :, span].sum(axis=2)
            row.append(cell(x[i], x[ref] if i != ref else None, digits))
        print(f"| {name} | " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
