#!/usr/bin/python3
"""Does the calibrated 2019->2024 run land on the 2024 table, and how well does it predict published growth?

usage: tools/validate_calibration.py [--zonesim build/zonesim] [--seeds 3] [--enterprises 100000] [--json]
                                     [--assert]

Runs scenarios/calibration_2019.yaml (169 zones of 2019, the later zones entering in their approval year) for
each seed and compares its 2024 zone GDP, averaged over seeds, with data/zones.csv's 2024 figures:
- consistency (docs/calibration.md): the top-10 GDP share within 2 percentage points of the table's, total GDP
  within 2%, Spearman rank correlation over zones at least 0.9;
- hold-out: for the zones with two published whole-year GDP figures within the run (years y0 < y1 in
  2019-2024, at least two years apart; data/zone_observations.csv), the mean absolute error of the log growth
  from y0 to y1 (model against published) and the rank correlation of the growth over those zones. The later
  figure is not an input of the run, which starts from the 2019 table.
With --assert, exits 1 if consistency fails or the hold-out is worse than the documented first measurement
(HOLDOUT_MAE_MAX, HOLDOUT_RANK_MIN below; docs/calibration.md).
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile

import h5py
import numpy as np
from scipy import stats

# The first measurement (2026-12-01, 3 seeds, 100,000 enterprises, 10 zones; docs/calibration.md): MAE 0.0737,
# rank correlation 0.721. With the markets of the economy (labour and talent pools, sector demand; 2026-12-02,
# refitted): MAE 0.0772, rank correlation 0.648 (Xi'an's growth now under-predicted, Suzhou High-tech Zone's
# over-predicted; docs/calibration.md). With governments that decide (budget split, targeted offers,
# cooperation agreements; 2026-12-02, refitted): MAE 0.0714, rank correlation 0.515 — the errors are smaller
# but two mid-sized zones swap places with their neighbours in growth (docs/calibration.md). The run is
# deterministic, so the margins only let a model change that barely moves the hold-out pass; anything worse
# fails and must be explained.
HOLDOUT_MAE_MAX = 0.0714 + 0.005
HOLDOUT_RANK_MIN = 0.515 - 0.03


def model_gdp(zonesim, seeds, enterprises, tmp):
    """Zone ids, years and the zone GDP per year averaged over seeds."""
    runs = []
    for seed in range(1, seeds + 1):
        out = os.path.join(tmp, f"v{seed}.h5")
        subprocess.run([zonesim, "run", "scenarios/calibration_2019.yaml", "-o", out, "--seed", str(seed), "-q",
                        "--set", f"enterprises.count={enterprises}"], check=True)
        with h5py.File(out, "r") as f:
            years = list(f["time"][()])
            runs.append(f["gdp"][0, 0, :, :])
            ids = f["zone"][()]
    return ids, years, np.mean(runs, axis=0)


def published_pairs(table, ids):
    """Per zone of the run: (index, y0, y1, published log growth) from the earliest and latest figures."""
    with open("data/zone_observations.csv", encoding="utf-8", newline="") as f:
        obs = [r for r in csv.DictReader(f) if r["column"] == "gdp" and 2019 <= int(r["year"]) <= 2024]
    by_name = {table[int(i)]["name_zh"]: k for k, i in enumerate(ids)}
    figures = {}
    for r in obs:
        if r["zone"] in by_name:
            figures.setdefault(r["zone"], {})[int(r["year"])] = (float(r["value"]), r["unit"])
    pairs = []
    for name, f in sorted(figures.items()):
        y0, y1 = min(f), max(f)
        if y1 - y0 >= 2 and f[y0][1] == f[y1][1]:
            pairs.append((by_name[name], y0, y1, float(np.log(f[y1][0] / f[y0][0]))))
    return pairs


def top10(v):
    v = np.sort(v)[::-1]
    return v[:10].sum() / v.sum()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--zonesim", default="build/zonesim")
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--enterprises", type=int, default=100000)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--assert", dest="check", action="store_true")
    a = ap.parse_args()
    with open("data/zones.csv", encoding="utf-8", newline="") as f:
        table = {int(r["zone_id"]): r for r in csv.DictReader(f)}
    with tempfile.TemporaryDirectory() as tmp:
        ids, years, series = model_gdp(a.zonesim, a.seeds, a.enterprises, tmp)
    model = series[years.index(2024)]
    data = np.array([float(table[int(i)]["gdp_2024"]) for i in ids])
    res = {
        "zones": int(len(ids)),
        "top10_share_model": float(top10(model)), "top10_share_table": float(top10(data)),
        "total_model": float(model.sum()), "total_table": float(data.sum()),
        "spearman": float(stats.spearmanr(model, data).statistic),
    }
    res["top10_gap_points"] = 100 * (res["top10_share_model"] - res["top10_share_table"])
    res["total_gap"] = res["total_model"] / res["total_table"] - 1
    pairs = published_pairs(table, ids)
    held = [p[0] for p in pairs]
    published = np.array([p[3] for p in pairs])
    simulated = np.array([np.log(series[years.index(y1)][k] / series[years.index(y0)][k]) for k, y0, y1, _ in pairs])
    res["holdout_zones"] = len(held)
    res["holdout_mae_log_growth"] = float(np.mean(np.abs(simulated - published))) if held else float("nan")
    res["holdout_rank_correlation"] = float(stats.spearmanr(simulated, published).statistic) if len(held) > 2 \
        else float("nan")
    res["holdout_published_mean_log_growth"] = float(np.mean(published)) if held else float("nan")
    res["holdout_model_mean_log_growth"] = float(np.mean(simulated)) if held else float("nan")
    res["holdout"] = [{"zone": table[int(ids[k])]["name_en"], "years": [y0, y1], "published": round(p, 4),
                       "model": round(float(m), 4)} for (k, y0, y1, p), m in zip(pairs, simulated)]
    if a.json:
        print(json.dumps(res, indent=1))
    else:
        for k, v in res.items():
            if k == "holdout":
                for h in v:
                    print(f"  {h['zone']:44} {h['years'][0]}-{h['years'][1]}  published {h['published']:+.3f}"
                          f"  model {h['model']:+.3f}")
            else:
                print(f"{k:36} {v:.4f}" if isinstance(v, float) else f"{k:36} {v}")
    if a.check:
        bad = []
        if abs(res["top10_gap_points"]) > 2:
            bad.append(f"top-10 share {res['top10_gap_points']:+.2f} points from the table (at most 2)")
        if abs(res["total_gap"]) > 0.02:
            bad.append(f"total GDP {100 * res['total_gap']:+.2f}% from the table (at most 2%)")
        if res["spearman"] < 0.9:
            bad.append(f"Spearman {res['spearman']:.3f} (at least 0.9)")
        if HOLDOUT_MAE_MAX is not None and res["holdout_mae_log_growth"] > HOLDOUT_MAE_MAX:
            bad.append(f"hold-out MAE of log growth {res['holdout_mae_log_growth']:.4f} > {HOLDOUT_MAE_MAX}")
        if HOLDOUT_RANK_MIN is not None and res["holdout_rank_correlation"] < HOLDOUT_RANK_MIN:
            bad.append(f"hold-out rank correlation {res['holdout_rank_correlation']:.3f} < {HOLDOUT_RANK_MIN}")
        if bad:
            print("calibration check failed:", *bad, sep="\n  ", file=sys.stderr)
            sys.exit(1)


if __name__ == "__main__":
    main()
