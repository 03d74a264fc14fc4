#!/usr/bin/env bash
# Instructions per enterprise-step of the yearly step, counted by valgrind's callgrind on a small fixed case
# (one thread, 100,000 enterprises, the baseline 2024-2035). Unlike wall time this is stable on a busy
# machine: use it to compare two versions of the engine (docs/performance.md).
# usage: tools/bench/callgrind.sh [ZONESIM] [ENTERPRISES]     prints one JSON line; the top functions on stderr
set -euo pipefail
cd "$(dirname "$0")/../.."
zonesim=${1:-build/zonesim}
count=${2:-100000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Only the yearly step is counted (world building and output are not).
valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" --toggle-collect='zonesim::step(*' \
  "$zonesim" run scenarios/baseline.yaml -o "$work/out.h5" --threads 1 -q \
  --set enterprises.count="$count" 2>"$work/valgrind.log" || { cat "$work/valgrind.log" >&2; exit 1; }
instructions=$(awk '/^totals:/ {print $2}' "$work/cg.out")
callgrind_annotate "$work/cg.out" 2>/dev/null | grep -E '^ *[0-9,]+ \(' | head -16 | cut -c1-150 >&2 || true
/usr/bin/python3 - "$work/out.h5" "$instructions" "$count" <<'PY'
import json, sys
import h5py, numpy as np
path, instructions, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with h5py.File(path, "r") as f:
    firms = np.asarray(f["firms"][...]).reshape(len(f["time"]), -1).sum(axis=1)  # per year, all zones
steps = float(firms[:-1].sum())  # living enterprises at the start of each simulated year
print(json.dumps({"enterprises": count, "enterprise_steps": steps, "instructions": instructions,
                  "instructions_per_enterprise_step": round(instructions / steps, 1)}))
PY
