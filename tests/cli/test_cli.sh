#!/usr/bin/env bash
# The zonesim CLI end to end: exit codes, the error format, no partial output at -o, and the result file read
# by the tools researchers use (xarray/h5netcdf, ncdump) through the project's own contract check.
set -u
ZONESIM=${1:?usage: test_cli.sh path/to/zonesim}
HERE=$(cd "$(dirname "$0")" && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0

expect() {  # expect NAME CODE STDERR_PATTERN -- command...
  local name=$1 code=$2 pattern=$3
  shift 4
  "$@" >"$TMP/out" 2>"$TMP/err"
  local got=$?
  if [[ $got -ne $code ]]; then
    echo "FAIL $name: exit $got, expected $code"; cat "$TMP/err"; fails=$((fails + 1)); return
  fi
  if [[ -n $pattern ]] && ! grep -qE -- "$pattern" "$TMP/err"; then
    echo "FAIL $name: stderr does not match /$pattern/:"; cat "$TMP/err"; fails=$((fails + 1)); return
  fi
  echo "ok   $name"
}
no_file() {
  if [[ -e $1 ]]; then echo "FAIL $2: $1 exists"; fails=$((fails + 1)); else echo "ok   $2"; fi
}

printf 'seed: 1\nenterprises:\n  cuont: 10\n' >"$TMP/typo.yaml"
printf 'seed: [1, 2\n' >"$TMP/broken.yaml"
printf 'seed: 3\ntime:\n  end: 2026\nenterprises:\n  count: 3000\n' >"$TMP/small.yaml"

expect "no arguments" 2 "usage" -- "$ZONESIM"
expect "unknown command" 2 "^zonesim: error: unknown command" -- "$ZONESIM" frobnicate
expect "help" 0 "" -- "$ZONESIM" --help
for c in run sweep compare report optimize validate info params bench; do expect "$c --help" 0 "" -- "$ZONESIM" $c --help; done
expect "report missing file" 2 "no such file" -- "$ZONESIM" report "$TMP/none.h5" -o "$TMP/r.html"
expect "report without python" 1 "cannot run /nonexistent/python3" -- env ZONESIM_PYTHON=/nonexistent/python3 \
  "$ZONESIM" report "$TMP/none.h5" -o "$TMP/r.html"
expect "report without package" 1 "package zonesim is not in" -- env ZONESIM_PYTHONPATH="$TMP" \
  "$ZONESIM" report "$TMP/none.h5" -o "$TMP/r.html"
no_file "$TMP/r.html" "report: no output on failure"
expect "run without -o" 2 "missing -o" -- "$ZONESIM" run "$TMP/small.yaml"
expect "run unknown option" 2 "unknown option --frob" -- "$ZONESIM" run "$TMP/small.yaml" -o "$TMP/x.h5" --frob
expect "run bad --threads" 2 "--threads: 'two' is not an integer" -- "$ZONESIM" run "$TMP/small.yaml" -o "$TMP/x.h5" --threads two
expect "typo key" 2 "^zonesim: error: .*typo.yaml:3:3: enterprises.cuont: unknown key \(did you mean 'count'\?\)" \
  -- "$ZONESIM" run "$TMP/typo.yaml" -o "$TMP/typo.h5"
no_file "$TMP/typo.h5" "no file after a bad key"
expect "malformed YAML" 2 "^zonesim: error: .*broken.yaml:[0-9]+:[0-9]+: malformed YAML" \
  -- "$ZONESIM" run "$TMP/broken.yaml" -o "$TMP/broken.h5"
no_file "$TMP/broken.h5" "no file after malformed YAML"
expect "missing scenario" 2 "nope.yaml: no such file" -- "$ZONESIM" run "$TMP/nope.yaml" -o "$TMP/nope.h5"
no_file "$TMP/nope.h5" "no file after a missing scenario"
expect "bad --set" 2 "^zonesim: error: --set:1:[0-9]+: enterprises.count: '-1' is out of range" \
  -- "$ZONESIM" run "$TMP/small.yaml" -o "$TMP/set.h5" --set enterprises.count=-1
no_file "$TMP/set.h5" "no file after a bad --set"
expect "missing output dir" 2 "does not exist" -- "$ZONESIM" run "$TMP/small.yaml" -o "$TMP/no/dir/x.h5"
expect "validate good and bad" 2 "typo.yaml:3:3" -- "$ZONESIM" validate "$TMP/small.yaml" "$TMP/typo.yaml"
grep -q "small.yaml: ok" "$TMP/out" && echo "ok   validate reports the good file" || { echo "FAIL validate ok line"; fails=$((fails + 1)); }
expect "info on a non-result" 2 "not an HDF5 file" -- "$ZONESIM" info "$TMP/small.yaml"

# A good run, with --seed and --set, off a terminal: one JSON line on stdout, no stray files.
expect "run" 0 "" -- "$ZONESIM" run "$TMP/small.yaml" -o "$TMP/r.h5" --seed 9 --threads 2 --set time.end=2027
grep -q '"output": ' "$TMP/out" && echo "ok   machine-readable summary" || { echo "FAIL summary"; cat "$TMP/out"; fails=$((fails + 1)); }
[[ -z $(ls -A "$TMP" | grep partial) ]] && echo "ok   no temporary file left" || { echo "FAIL temporary file left"; fails=$((fails + 1)); }
expect "info" 0 "" -- "$ZONESIM" info "$TMP/r.h5"
grep -q "runs completed: 1 of 1" "$TMP/out" && echo "ok   info counts the run" || { echo "FAIL info"; cat "$TMP/out"; fails=$((fails + 1)); }
/usr/bin/python3 "$HERE/../contract/check_contract.py" "$TMP/r.h5" --years 2024 2027 --seed 9 \
  && echo "ok   contract" || { echo "FAIL contract"; fails=$((fails + 1)); }

# An existing output is replaced only when the new run is complete: a failing run leaves it untouched.
cp "$TMP/r.h5" "$TMP/keep.h5"
"$ZONESIM" run "$TMP/typo.yaml" -o "$TMP/r.h5" 2>/dev/null
cmp -s "$TMP/r.h5" "$TMP/keep.h5" && echo "ok   failed run leaves the old file intact" || { echo "FAIL old file changed"; fails=$((fails + 1)); }

# Same scenario and seed, 1 and 2 threads: identical data (h5diff compares data, not creation times).
"$ZONESIM" run "$TMP/small.yaml" -o "$TMP/t1.h5" --threads 1 >/dev/null
"$ZONESIM" run "$TMP/small.yaml" -o "$TMP/t2.h5" --threads 2 >/dev/null
/usr/bin/python3 "$HERE/../contract/same_data.py" "$TMP/t1.h5" "$TMP/t2.h5" && echo "ok   1 and 2 threads identical" \
  || { echo "FAIL thread counts differ"; fails=$((fails + 1)); }

# An interrupted run leaves nothing at -o.
"$ZONESIM" run "$TMP/small.yaml" -o "$TMP/int.h5" --set enterprises.count=3000000 --set time.end=2035 >/dev/null 2>&1 &
pid=$!
sleep 0.3
kill -TERM $pid 2>/dev/null
wait $pid 2>/dev/null
no_file "$TMP/int.h5" "no file after SIGTERM"
[[ -z $(ls -A "$TMP" | grep partial) ]] && echo "ok   SIGTERM removed the temporary file" || { echo "FAIL temporary file left after SIGTERM"; fails=$((fails + 1)); }

# zonesim bench: machine-readable off a terminal, every part of the step measured, sizes as asked; never a time
# asserted (docs/performance.md).
expect "bench (small)" 0 "" -- "$ZONESIM" bench "$TMP/small.yaml" --sizes 2000,4000 --threads 1,2 --repeat 1 \
  --sweep-runs 2 --no-stream
/usr/bin/python3 - "$TMP/out" <<'PY' && echo "ok   bench JSON" || { echo "FAIL bench JSON"; fails=$((fails + 1)); }
import json, sys
b = json.load(open(sys.argv[1]))
assert [(r["enterprises"], r["threads"]) for r in b["runs"]] == [(2000, 1), (2000, 2), (4000, 1), (4000, 2)]
for r in b["runs"]:
    parts = [r["t_" + p] for p in ("production", "innovation", "entry_exit", "relocation", "statistics",
                                   "governments", "other")]
    assert all(t >= 0 for t in parts) and abs(sum(parts) - r["step_seconds"]) < 1e-6 * max(1, r["step_seconds"])
    assert r["esteps_per_second"] > 0 and r["peak_rss_mib"] > 0 and r["state_bytes_per_enterprise"] == 43
    assert 2000 * 2 < r["enterprise_steps"] < r["enterprises"] * 3  # 2 years of about `enterprises` each
assert [s["runs"] for s in b["sweeps"]] == [2, 2] and b["bandwidth"] == []
PY
expect "bench bad --sizes" 2 "^zonesim: error: bench: --sizes: 'ten' is not an integer" -- "$ZONESIM" bench --sizes ten

echo "$fails failure(s)"
[[ $fails -eq 0 ]]
