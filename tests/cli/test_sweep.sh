#!/usr/bin/env bash
# zonesim sweep and compare end to end. The heart of it: a real sweep process killed with SIGKILL mid-way (and
# again while it assembles OUT.h5), resumed, and compared bit for bit with an uninterrupted sweep. Then the
# refusals, the error format, compare's three formats, and every sweep shipped in scenarios/sweeps/.
set -u
ZONESIM=${1:?usage: test_sweep.sh path/to/zonesim}
source "$(dirname "$0")/lib.sh"

printf 'seed: 4\ntime:\n  end: 2027\nenterprises:\n  count: 3000\n' >"$TMP/base.yaml"
cat >"$TMP/sweep.yaml" <<'YAML'
base: base.yaml
schemes:
  ref: {}
  cheap: {relocation.fixed_cost: 1.0}
factors:
  entry.rate: [0.04, 0.08]
replicates: 40
YAML
TOTAL=160

# The reference: uninterrupted, one thread.
"$ZONESIM" sweep "$TMP/sweep.yaml" -o "$TMP/whole.h5" --threads 1 >"$TMP/whole.json" 2>"$TMP/whole.err"
check "uninterrupted sweep" test -f "$TMP/whole.h5"
check "progress lines off a terminal" grep -q "$TOTAL/$TOTAL runs (100%)" "$TMP/whole.err"
check "sweep leaves no directory of runs" test ! -e "$TMP/.whole.h5.runs"
"$ZONESIM" info "$TMP/whole.h5" >"$TMP/info"
check "info describes the sweep" grep -q "^sweep: schemes ref cheap; design grid with 2 points over entry.rate; hash " "$TMP/info"
check "contract holds for a sweep" /usr/bin/python3 "$HERE/../contract/check_contract.py" "$TMP/whole.h5" --seed 4

# Replicate 0 of a scenario is what `zonesim run` gives for it (scenario 1: scheme ref, entry.rate 0.08).
"$ZONESIM" run "$TMP/base.yaml" -o "$TMP/run.h5" --set entry.rate=0.08 >/dev/null
check "sweep replicate 0 = zonesim run" /usr/bin/python3 -c "
import h5py, numpy as np
a, b = h5py.File('$TMP/whole.h5'), h5py.File('$TMP/run.h5')
for v in ('gdp', 'top10_share_gdp', 'relocations_in', 'beta_convergence_gdp'):
    assert np.array_equal(a[v][1, 0], b[v][0, 0]), v"

# kill -9 a real sweep once some but not all runs are saved.
RUNS="$TMP/.killed.h5.runs"
"$ZONESIM" sweep "$TMP/sweep.yaml" -o "$TMP/killed.h5" --threads 2 >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 3000); do
  n=$(count_runs "$RUNS")
  [[ $n -ge 8 ]] && break
  sleep 0.01
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
saved=$(count_runs "$RUNS")
echo "     killed with $saved of $TOTAL runs saved"
check "killed mid-way: some runs saved" test "$saved" -ge 1 -a "$saved" -lt "$TOTAL"
check "killed mid-way: no OUT.h5" test ! -e "$TMP/killed.h5"
"$ZONESIM" sweep "$TMP/sweep.yaml" -o "$TMP/killed.h5" --threads 2 >/dev/null 2>"$TMP/err"
check "without --resume the saved runs are not overwritten" grep -q "add --resume" "$TMP/err"
printf 'base: base.yaml\nschemes:\n  ref: {}\nreplicates: 2\n' >"$TMP/other.yaml"
"$ZONESIM" sweep "$TMP/other.yaml" -o "$TMP/killed.h5" --resume >/dev/null 2>"$TMP/err"
check "another definition is refused (exit 2)" test $? -eq 2
check "... with a clear message" grep -q "belong to a different sweep definition" "$TMP/err"
"$ZONESIM" sweep "$TMP/sweep.yaml" -o "$TMP/killed.h5" --resume --threads 2 >"$TMP/resumed.json" 2>/dev/null
check "resume exits 0" test $? -eq 0
before=$(json_field runs_done_before <"$TMP/resumed.json")
now=$(json_field runs_done_now <"$TMP/resumed.json")
check "resume reuses every saved run ($before)" test "$before" -eq "$saved"
check "resume runs only the rest ($now), none twice" test $((before + now)) -eq $TOTAL
check "resumed data identical to the uninterrupted sweep" $SAME "$TMP/whole.h5" "$TMP/killed.h5"
check "the directory of runs is gone" test ! -e "$RUNS"

# kill -9 while OUT.h5 is being assembled (best effort: when every run is saved), then resume.
RUNS="$TMP/.late.h5.runs"
"$ZONESIM" sweep "$TMP/sweep.yaml" -o "$TMP/late.h5" --threads 2 >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 5000); do
  [[ $(count_runs "$RUNS") -ge $TOTAL || -e "$TMP/late.h5" ]] && break
  sleep 0.002
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
[[ -e "$TMP/late.h5" ]] && echo "     (the sweep finished before the kill)" || echo "     killed while assembling"
"$ZONESIM" sweep "$TMP/sweep.yaml" -o "$TMP/late.h5" --resume >"$TMP/late.json" 2>/dev/null
check "resume after a kill during assembly" $SAME "$TMP/whole.h5" "$TMP/late.h5"
check "no temporary files left" test -z "$(ls -A "$TMP" | grep -E 'partial|runs')"

# Ctrl-C: the runs in progress finish, are kept, and the sweep stops with a hint to resume.
"$ZONESIM" sweep "$TMP/sweep.yaml" -o "$TMP/int.h5" --threads 1 >/dev/null 2>"$TMP/err" &
pid=$!
for _ in $(seq 1 3000); do [[ $(count_runs "$TMP/.int.h5.runs") -ge 2 ]] && break; sleep 0.01; done
kill -INT $pid
wait $pid
check "SIGINT stops with exit 1" test $? -eq 1
check "... and says how to resume" grep -q "finish with the same command and --resume" "$TMP/err"
"$ZONESIM" sweep "$TMP/sweep.yaml" -o "$TMP/int.h5" --resume >/dev/null 2>&1
check "resume after SIGINT" $SAME "$TMP/whole.h5" "$TMP/int.h5"
"$ZONESIM" sweep "$TMP/sweep.yaml" -o "$TMP/int.h5" --resume >/dev/null 2>"$TMP/err"
check "resume of a complete file: nothing to do" grep -q "already complete" "$TMP/err"

# On a terminal: a progress bar with runs done, rate and ETA (script(1) provides the terminal).
if command -v script >/dev/null; then
  script -qec "'$ZONESIM' sweep '$TMP/other.yaml' -o '$TMP/tty.h5'" /dev/null | tr '\r' '\n' >"$TMP/tty"
  check "progress bar on a terminal" grep -qE "^sweep \[#+\] 2/2 runs +[0-9.]+ runs/min +ETA " "$TMP/tty"
fi

# Errors: exit 2 and FILE:LINE:COL: key.path: message.
printf 'base: base.yaml\nschemes:\n  a: {}\n  b: {relocation.fixed_cots: 1}\nreplicate: 2\n' >"$TMP/bad.yaml"
"$ZONESIM" validate "$TMP/bad.yaml" 2>"$TMP/err"
check "validate a bad sweep: exit 2" test $? -eq 2
check "... unknown scheme key located" grep -qE "^zonesim: error: .*bad.yaml:4:7: schemes.b.relocation.fixed_cots: unknown key \(did you mean 'relocation.fixed_cost'\?\)" "$TMP/err"
check "... unknown top key located" grep -qE "^zonesim: error: .*bad.yaml:5:1: replicate: unknown key \(did you mean 'replicates'\?\)" "$TMP/err"
"$ZONESIM" sweep "$TMP/bad.yaml" -o "$TMP/bad.h5" 2>/dev/null
check "sweep of a bad file: exit 2, no output" test $? -eq 2 -a ! -e "$TMP/bad.h5" -a ! -e "$TMP/.bad.h5.runs"
"$ZONESIM" validate "$TMP/sweep.yaml" >"$TMP/out"
check "validate a good sweep" grep -q "ok (sweep: 4 scenarios = 2 schemes x 2 design points, 40 replicates, 160 runs)" "$TMP/out"
"$ZONESIM" sweep "$TMP/sweep.yaml" 2>/dev/null
check "sweep without -o: exit 2" test $? -eq 2

# compare: table, csv, json.
"$ZONESIM" compare "$TMP/whole.h5" >"$TMP/table"
check "compare table" grep -qE "^1 +ref p1: entry.rate=0.08 " "$TMP/table"
"$ZONESIM" compare "$TMP/whole.h5" --metric gini_gdp --year 2027 --format csv >"$TMP/csv"
check "compare csv" /usr/bin/python3 -c "
import csv; rows = list(csv.DictReader(open('$TMP/csv')))
d = [r for r in rows if r['statistic'] == 'difference']
assert len(rows) == 6 and len(d) == 2 and all(r['n'] == '40' and r['year'] == '2027' for r in d), rows"
"$ZONESIM" compare "$TMP/whole.h5" --format json >"$TMP/json"
check "compare json" /usr/bin/python3 -c "
import json; c = json.load(open('$TMP/json'))
assert c['reference'] == 'ref' and len(c['comparison']) == 4 and c['comparison'][0]['difference'] is None
assert c['comparison'][2]['pairs'] == 40 and c['comparison'][2]['difference_ci'][0] <= c['comparison'][2]['difference']"
"$ZONESIM" compare "$TMP/whole.h5" --metric gdp 2>"$TMP/err"
check "compare a per-zone variable: exit 2" test $? -eq 2
"$ZONESIM" compare "$TMP/whole.h5" --format xml 2>/dev/null
check "compare --format xml: exit 2" test $? -eq 2

# compare's answers in one command: several metrics, a year range, a ratio to public cost, provinces, a rank.
many=(--metric theil_t_gdp,top10_share_gdp --per total_public_cost --cumulative 2025:2027 --by province --rank)
"$ZONESIM" compare "$TMP/whole.h5" "${many[@]}" >"$TMP/many_table"
check "compare many: table" grep -q "^By province: gdp summed over 2025-2027" "$TMP/many_table"
check "compare many: shares in percentage points" grep -q "top10_share_gdp .* in 2027 (a level: not summed), percentage points" "$TMP/many_table"
"$ZONESIM" compare "$TMP/whole.h5" "${many[@]}" --format csv >"$TMP/many_csv"
check "compare many: csv" /usr/bin/python3 -c "
import csv; rows = list(csv.DictReader(open('$TMP/many_csv')))
assert {r['metric'] for r in rows if r['analysis'] == 'comparison'} == {'theil_t_gdp', 'top10_share_gdp'}, rows[:3]
assert sum(r['statistic'] == 'ratio' for r in rows) == 2 * 2, 'a ratio per metric and non-reference row'
p = [r for r in rows if r['analysis'] == 'province' and r['statistic'] == 'share' and r['scenario'] == '0']
assert len(p) == 31 and abs(sum(float(r['value']) for r in p) - 1) < 1e-9 and p[0]['from_year'] == '2025'"
"$ZONESIM" compare "$TMP/whole.h5" "${many[@]}" --format json >"$TMP/many_json"
check "compare many: json" /usr/bin/python3 -c "
import json; c = json.load(open('$TMP/many_json'))
assert [m['metric'] for m in c['comparisons']] == ['theil_t_gdp', 'top10_share_gdp']
assert c['per']['years'] == [2025, 2027] and c['per']['statistic'] == 'sum'
assert abs(sum(r['p_best'] for r in c['comparisons'][0]['comparison']) - 1) < 1e-9
assert len(c['province']['rows']) == 31 * len(c['comparison'])"
"$ZONESIM" compare "$TMP/whole.h5" --metric theil_t_gpd 2>"$TMP/err"
check "compare: misspelt metric, exit 2" test $? -eq 2
check "compare: misspelt metric, did you mean" grep -q "did you mean 'theil_t_gdp'" "$TMP/err"
"$ZONESIM" compare "$TMP/whole.h5" --cumulative 2020:2027 2>"$TMP/err"
check "compare: range off the axis, exit 2" test $? -eq 2
check "compare: range off the axis, the file's years" grep -q "(2024 to 2027)" "$TMP/err"
"$ZONESIM" compare "$TMP/whole.h5" --reference nobody 2>"$TMP/err"
check "compare: unknown reference, exit 2 with the schemes" grep -q "schemes: ref, " "$TMP/err"

# compare's refusals: exit 2 and the valid choices.
"$ZONESIM" compare "$TMP/run.h5" --rank 2>"$TMP/err"
check "compare a file of one scenario with --rank: exit 2" test $? -eq 2
check "... saying it holds one scenario" grep -q "holds one scenario ('.*') and nothing to compare it with: --rank" "$TMP/err"
"$ZONESIM" compare "$TMP/run.h5" --reference base 2>"$TMP/err"
check "compare a file of one scenario with --reference: exit 2" test $? -eq 2
"$ZONESIM" compare "$TMP/run.h5" >/dev/null
check "a file of one scenario alone: its mean (exit 0)" test $? -eq 0
"$ZONESIM" compare "$TMP/whole.h5" --metric nonsense 2>"$TMP/err"
check "compare: unknown metric, exit 2" test $? -eq 2
check "... listing the variables compare takes" grep -q "the variables with axes (scenario, replicate\[, time\]) in it: .*total_poaching_offers" "$TMP/err"
"$ZONESIM" compare "$TMP/whole.h5" --by province --by-variable gpd 2>"$TMP/err"
check "compare: misspelt --by-variable, did you mean a per-zone variable" grep -q "did you mean 'gdp'" "$TMP/err"
"$ZONESIM" compare "$TMP/whole.h5" --cumulative 2020:2027 2>"$TMP/err"
check "compare: range off the axis, did you mean" grep -q "did you mean --cumulative 2024:2027?" "$TMP/err"
"$ZONESIM" compare "$TMP/whole.h5" --year 2031 2>"$TMP/err"
check "compare: year off the axis, did you mean" grep -q "(2024 to 2027); did you mean --year 2027?" "$TMP/err"
"$ZONESIM" compare "$TMP/whole.h5" --metric sigma_convergence_gdp --year 2031 2>"$TMP/err"
check "compare: a year off the axis for a variable without time: exit 2" test $? -eq 2
"$ZONESIM" compare "$TMP/whole.h5" --metric total_poaching_offers --rank 2>"$TMP/err"
check "compare --rank of a channel: exit 2" test $? -eq 2
check "... asking for --better, naming the metric" grep -q "give --better lower or --better higher for total_poaching_offers" "$TMP/err"
"$ZONESIM" compare "$TMP/whole.h5" --metric total_poaching_offers --rank --better higher >/dev/null
check "compare --rank of a channel with --better: exit 0" test $? -eq 0

# compare's table: long labels (two mechanism factors, a long scheme name) keep the numbers in columns, over
# every metric's table.
cat >"$TMP/long.yaml" <<'YAML'
base: base.yaml
schemes:
  ref: {}
  a_scheme_with_a_rather_long_name: {relocation.fixed_cost: 1.0}
factors:
  mechanisms.synergy_fund.size: [20, 60]
  mechanisms.one_plus_n.members: [1, 3]
replicates: 2
YAML
"$ZONESIM" sweep "$TMP/long.yaml" -o "$TMP/long.h5" -q --set enterprises.count=1000 --set time.end=2025
"$ZONESIM" compare "$TMP/long.h5" --metric top10_share_gdp,total_gdp >"$TMP/long_table" 2>/dev/null
"$ZONESIM" compare "$TMP/long.h5" --format json >"$TMP/long_json" 2>/dev/null
check "compare table: columns line up with long labels" /usr/bin/python3 - "$TMP/long_table" "$TMP/long_json" <<'PY'
import json, re, sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)
labels = [r["label"] for r in json.load(open(sys.argv[2]))["comparison"]]
assert max(map(len, labels)) > 48 and len(set(map(len, labels))) > 1, labels
tables = [b.splitlines() for b in open(sys.argv[1]).read().split("\n\n") if b.startswith("scenario ")]
assert len(tables) == 2, "one table per metric"
ends = []  # the display column where the mean's field ends, on the heading and every row of both tables
for lines in tables:
    assert len(lines) == 1 + len(labels), lines
    closes = set()  # where the intervals close, on the rows with two of them
    for line, label in zip(lines, ["label"] + labels):
        assert re.match(r"^\S+ +" + re.escape(label) + " ", line), (line, label)
        at = line.index(label) + len(label)
        ends.append(width(line[:at]) + re.match(r" +\S+", line[at:]).end())
        if line.count("]") == 2:
            closes.add(tuple(width(line[:i]) for i, ch in enumerate(line) if ch == "]"))
    assert len(closes) == 1, closes
assert len(set(ends)) == 1, ends
PY

# Every sweep shipped in scenarios/sweeps/ validates, runs (small) and compares.
for f in scenarios/sweeps/*.yaml; do
  name=$(basename "$f" .yaml)
  if "$ZONESIM" validate "$f" >/dev/null &&
     "$ZONESIM" sweep "$f" -o "$TMP/$name.h5" -q --set enterprises.count=1000 --set time.end=2025 &&
     "$ZONESIM" compare "$TMP/$name.h5" >"$TMP/$name.txt"; then
    ok "$f runs"
  else
    fail "$f does not run"
  fi
done
check "the sobol sweep reports Sobol' indices" grep -q "^Sobol' indices" "$TMP/sensitivity.txt"
check "the morris sweep reports mu*" grep -q "^Morris elementary effects" "$TMP/screening.txt"
# A design of one scheme: pooled it is one row; --rank compares its points with the first.
"$ZONESIM" compare "$TMP/screening.h5" --rank >"$TMP/screening_rank.txt"
check "a morris design of one scheme ranks its points (exit 0)" test $? -eq 0
check "... each against the first point" grep -qE "^0 +p0: .*\(reference\)" "$TMP/screening_rank.txt"
check "... one row per point" test "$(grep -cE '^[0-9]+ +p[0-9]+: ' "$TMP/screening_rank.txt")" -eq 70

echo "$fails failure(s)"
[[ $fails -eq 0 ]]
