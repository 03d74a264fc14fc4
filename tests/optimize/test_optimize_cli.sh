#!/usr/bin/env bash
# zonesim optimize end to end: a real search killed with SIGKILL mid-way, resumed, and compared bit for bit with
# an uninterrupted one (and one on another thread count); bad files refused with exit 2 and FILE:LINE:COL; the
# output never overwritten but by a finished search; both shipped examples at reduced budget.
set -u
ZONESIM=${1:?usage: test_optimize_cli.sh path/to/zonesim}
source "$(dirname "$0")/../cli/lib.sh"
count_evals() { ls -A "$1" 2>/dev/null | grep -c '^eval-.*\.bin$'; }
# pareto_objectives, pareto_decisions and hypervolume of two files, bit for bit.
same_pareto() {
  /usr/bin/python3 - "$1" "$2" <<'PY'
import sys, h5py, numpy as np
a, b = (h5py.File(p, "r") for p in sys.argv[1:3])
for name in ("pareto_objectives", "pareto_decisions", "hypervolume", "evaluated_decisions", "evaluated_state_values"):
    x, y = a[name][()], b[name][()]
    if x.shape != y.shape or x.tobytes() != y.tobytes():
        sys.exit(f"{name} differs: {x.shape} vs {y.shape}")
PY
}

printf 'seed: 4\ntime:\n  end: 2027\nenterprises:\n  count: 1500\n' >"$TMP/base.yaml"
cat >"$TMP/opt.yaml" <<'YAML'
base: base.yaml
set:
  mechanisms.output_sharing.enabled: true
variables:
  mechanisms.output_sharing.years: {range: [1, 6]}
  mechanisms.output_sharing.origin_share: {range: [0.0, 1.0]}
uncertain:
  relocation.fixed_cost: {range: [1.0, 5.0]}
ensemble: {states: 2, seed: 1}
replicates: 2
objectives:
  theil: {variable: theil_t_gdp, year: 2027, sense: min, robustness: regret}
  cost: {variable: total_public_cost, years: [2025, 2027], sense: min}
  gdp: {variable: total_gdp, sense: max, robustness: percentile, percentile: 25}
constraints:
  cap: {variable: total_public_cost, years: [2025, 2027], at_most: 1.0e6}
algorithm: {population: 8, generations: 6, seed: 3}
YAML

"$ZONESIM" optimize "$TMP/opt.yaml" -o "$TMP/whole.h5" --threads 2 >"$TMP/whole.json" 2>/dev/null
check "a search writes pareto.h5" test -s "$TMP/whole.h5"
check "... and removes its directory of runs" test ! -e "$TMP/.whole.h5.runs"
TOTAL=$(json_field runs_done_now <"$TMP/whole.json")
echo "     $TOTAL runs, $(json_field runs_per_minute <"$TMP/whole.json") runs/min"
check "the FIXED names are there" /usr/bin/python3 -c "
import h5py
f = h5py.File('$TMP/whole.h5', 'r')
for n in ('design', 'objective', 'variable', 'pareto_objectives', 'pareto_decisions', 'objective_name',
          'objective_sense', 'variable_name', 'hypervolume'):
    assert n in f, n
assert [d[0].name for d in f['pareto_objectives'].dims] == ['/design', '/objective']
assert [d[0].name for d in f['pareto_decisions'].dims] == ['/design', '/variable']
assert list(f['objective_sense'].asstr()[()]) == ['min', 'min', 'max']
assert list(f['variable_name'].asstr()[()]) == ['mechanisms.output_sharing.years', 'mechanisms.output_sharing.origin_share']
assert f['hypervolume'].shape == (7,)
assert f.attrs['optimize_hash'] and f.attrs['zonesim_version'] and f.attrs['command']
"
check "regret: recomputed against the best of every evaluated design, 0 for the best, never negative" \
  /usr/bin/python3 -c "
import h5py, numpy as np
f = h5py.File('$TMP/whole.h5', 'r')
per_state = f['evaluated_state_values'][:, :, 0]              # theil per (design, state)
regret = (per_state - per_state.min(axis=0)).max(axis=1)       # regret: max over states
assert np.array_equal(f['evaluated_objectives'][:, 0], regret), (f['evaluated_objectives'][:, 0], regret)
assert (regret >= 0).all() and (per_state - per_state.min(axis=0)).min() == 0
years = f['pareto_decisions'][:, 0]
assert np.array_equal(years, np.round(years)) and years.min() >= 1 and years.max() <= 6   # an integer key
"
"$ZONESIM" optimize "$TMP/opt.yaml" -o "$TMP/one.h5" --threads 1 >/dev/null 2>&1
check "the same search on 1 thread: the same file" same_pareto "$TMP/whole.h5" "$TMP/one.h5"

# kill -9 a real search once some but not all runs are saved; then resume.
RUNS="$TMP/.killed.h5.runs"
"$ZONESIM" optimize "$TMP/opt.yaml" -o "$TMP/killed.h5" --threads 2 >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 3000); do
  [[ $(count_evals "$RUNS") -ge 20 ]] && break
  sleep 0.01
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
saved=$(count_evals "$RUNS")
echo "     killed with $saved of $TOTAL runs saved"
check "killed mid-way: some runs saved" test "$saved" -ge 1 -a "$saved" -lt "$TOTAL"
check "killed mid-way: no pareto.h5" test ! -e "$TMP/killed.h5"
"$ZONESIM" optimize "$TMP/opt.yaml" -o "$TMP/killed.h5" >/dev/null 2>"$TMP/err"
check "without --resume the saved runs are not overwritten (exit 2)" test $? -eq 2
check "... and the message says --resume" grep -q "add --resume" "$TMP/err"
"$ZONESIM" optimize "$TMP/opt.yaml" -o "$TMP/killed.h5" --generations 5 --resume >/dev/null 2>"$TMP/err"
check "another definition is refused (exit 2)" test $? -eq 2
"$ZONESIM" optimize "$TMP/opt.yaml" -o "$TMP/killed.h5" --resume --threads 1 >"$TMP/resumed.json" 2>/dev/null
check "resume completes" test -s "$TMP/killed.h5"
check "resume: runs saved before are not run again" test "$(json_field runs_done_before <"$TMP/resumed.json")" -eq "$saved"
check "resume after kill -9 = the uninterrupted search, bit for bit" same_pareto "$TMP/whole.h5" "$TMP/killed.h5"
"$ZONESIM" optimize "$TMP/opt.yaml" -o "$TMP/killed.h5" --resume >/dev/null 2>"$TMP/err"
check "--resume on a finished file: nothing to do" grep -q "already complete" "$TMP/err"

# Bad files: exit 2, FILE:LINE:COL: key.path: message, nothing written.
bad() {  # name, replacement of the line matching $2 by $3, expected text
  sed "s|$2|$3|" "$TMP/opt.yaml" >"$TMP/bad.yaml"
  "$ZONESIM" optimize "$TMP/bad.yaml" -o "$TMP/bad.h5" >/dev/null 2>"$TMP/err"
  local code=$?
  check "$1: exit 2" test $code -eq 2
  check "$1: located message" grep -q "$4" "$TMP/err"
  check "$1: nothing written" test ! -e "$TMP/bad.h5" -a ! -e "$TMP/.bad.h5.runs"
}
bad "unknown key" "^replicates: 2" "replicats: 2" "bad.yaml:10:1: replicats: unknown key (did you mean 'replicates'?)"
bad "inverted bound" "range: \[1, 6\]" "range: [6, 1]" "bad.yaml:5:44: variables.mechanisms.output_sharing.years.range: inverted"
bad "objective not an output variable" "variable: theil_t_gdp" "variable: theil_gdp" "bad.yaml:12:21: objectives.theil.variable: 'theil_gdp' is not an output variable"
bad "budget 0" "generations: 6" "generations: 0" "bad.yaml:17:41: algorithm.generations: '0' is out of range"
"$ZONESIM" validate "$TMP/opt.yaml" >/dev/null 2>&1
check "zonesim validate takes an optimisation file" test $? -eq 0
"$ZONESIM" optimize --help | grep -q "usage: zonesim optimize"
check "optimize --help" test $? -eq 0

# The shipped examples at reduced budget (docs/optimize.md gives their full run times).
for f in scenarios/optimize/*.yaml; do
  "$ZONESIM" optimize "$f" -o "$TMP/example.h5" --population 8 --generations 1 --states 2 --replicates 1 \
    --set enterprises.count=1500 --set time.end=2035 >/dev/null 2>"$TMP/err"
  check "$f runs at reduced budget" test -s "$TMP/example.h5"
  rm -f "$TMP/example.h5"
done

echo "$fails failure(s)"
[[ $fails -eq 0 ]]
