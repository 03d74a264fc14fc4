#!/usr/bin/python3
"""The project's own check of a result file against the FIXED contract (docs/contract.md), as users read it.

usage: check_contract.py OUT.h5 [--years FIRST LAST] [--seed N]
Opens the file with xarray (h5netcdf engine) and ncdump, and checks names, dimensions, units, finiteness and
provenance. Exit 0 when all holds, 1 with one line per problem.
"""
import argparse
import shutil
import subprocess
import sys

import h5py
import numpy as np
import xarray as xr

ZONE = ["gdp", "gdp_attributed", "employment", "firms", "hightech_firms", "patents", "patent_stock",
        "rnd_personnel", "subsidy", "fiscal_balance", "occupancy", "equity_out", "equity_in", "relocations_in",
        "relocations_out"]
# The governments' choices (docs/decisions.md), FIXED since they were added.
CHOICES = ["poaching_offers", "poaching_moves", "retention_offers", "cooperation_proposals",
           "cooperation_agreements", "cooperation_refusals", "budget_subsidies", "budget_services", "budget_land",
           "budget_talent", "budget_cooperation"]
ZONE += CHOICES
TOTALS = ["total_gdp", "total_subsidy", "subsidy_waste", "relocations"] + [f"total_{v}" for v in CHOICES]
METRICS = [f"{m}_{v}" for m in ("gini", "theil_t", "theil_l", "theil_between", "theil_within", "top10_share",
                                "cv", "hhi", "esteban_ray", "wolfson", "zhang_kanbur")
           for v in ("gdp", "patents", "firms")]
MONEY = {"gdp", "gdp_attributed", "subsidy", "fiscal_balance", "equity_out", "equity_in", "total_gdp",
         "total_subsidy", "subsidy_waste"} | {v for v in CHOICES if v.startswith("budget_")} | \
        {f"total_{v}" for v in CHOICES if v.startswith("budget_")}
PEOPLE = {"employment", "rnd_personnel"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("path")
    ap.add_argument("--years", nargs=2, type=int)
    ap.add_argument("--seed", type=int)
    a = ap.parse_args()
    problems = []
    ds = xr.open_dataset(a.path, engine="h5netcdf")
    for d in ("scenario", "replicate", "time", "zone", "province"):
        if d not in ds.dims:
            problems.append(f"dimension {d} missing")
        if d not in ds.coords:
            problems.append(f"coordinate {d} missing")
    want = {**{v: ("scenario", "replicate", "time", "zone") for v in ZONE},
            **{v: ("scenario", "replicate", "time") for v in TOTALS + METRICS},
            **{v: ("zone",) for v in ("zone_name", "zone_province", "zone_city", "zone_lat", "zone_lon")},
            "province_name": ("province",), "scenario_label": ("scenario",), "scenario_yaml": ("scenario",),
            "seed": ("replicate",), "completed": ("scenario", "replicate"),
            "sigma_convergence_gdp": ("scenario", "replicate"), "beta_convergence_gdp": ("scenario", "replicate")}
    for name, dims in want.items():
        if name not in ds.variables:
            problems.append(f"variable {name} missing")
            continue
        v = ds[name]
        if v.dims != dims:
            problems.append(f"{name}: dims {v.dims}, expected {dims}")
        for attr in ("units", "long_name"):
            if attr not in v.attrs:
                problems.append(f"{name}: no {attr}")
        units = v.attrs.get("units")
        if name in MONEY and units != "billion CNY":
            problems.append(f"{name}: units {units!r}, expected 'billion CNY'")
        if name in PEOPLE and units != "persons":
            problems.append(f"{name}: units {units!r}, expected 'persons'")
        if v.dtype.kind == "f" and not np.isfinite(v.values).all():
            problems.append(f"{name}: non-finite values")
    if ds["time"].attrs.get("units") != "year":
        problems.append("time: units are not 'year'")
    for attr in ("Conventions", "title", "zonesim_version", "git_commit", "created", "command", "history"):
        if attr not in ds.attrs:
            problems.append(f"root attribute {attr} missing")
    if not (ds["completed"].values == 1).all():
        problems.append("completed: not every run finished")
    if a.years and [int(ds.time[0]), int(ds.time[-1])] != a.years:
        problems.append(f"time runs {int(ds.time[0])}..{int(ds.time[-1])}, expected {a.years}")
    if a.seed is not None and int(ds.seed[0]) != a.seed:
        problems.append(f"seed {int(ds.seed[0])}, expected {a.seed}")
    if "seed: " not in str(ds.scenario_yaml.values[0]):
        problems.append("scenario_yaml does not hold the resolved scenario")
    with h5py.File(a.path, "r") as f:
        for d in ("scenario", "replicate", "time", "zone", "province"):
            if f[d].attrs.get("CLASS") != b"DIMENSION_SCALE":
                problems.append(f"/{d} is not an HDF5 dimension scale")
        if f["gdp"].chunks is None or f["gdp"].chunks[:2] != (1, 1) or f["gdp"].compression != "gzip":
            problems.append("gdp is not chunked per run and deflate-compressed")
    if shutil.which("ncdump"):
        r = subprocess.run(["ncdump", "-h", a.path], capture_output=True, text=True)
        if r.returncode != 0:
            problems.append(f"ncdump -h fails: {r.stderr.strip()[:300]}")
    else:
        problems.append("ncdump not installed (Debian netcdf-bin)")
    for p in problems:
        print(p)
    print(f"{a.path}: {'contract holds' if not problems else f'{len(problems)} problem(s)'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
