#!/usr/bin/env bash
# zonesim optimize under mpirun (a build with -DZONESIM_MPI=ON; docs/cluster.md): the same search in one
# process and on 2 and 3 ranks (and 2 ranks x 2 threads) gives the same pareto.h5 in every dataset, the runs
# are spread over the ranks, a bad file fails once with exit 2, a rank killed with SIGKILL fails the job with
# a message and keeps the finished runs, --resume (under mpirun or not) finishes a search interrupted in
# either mode bit for bit, and a run that fails on some rank stops every rank with one error naming the run.
set -u
ZONESIM=${1:?usage: test_mpi_optimize.sh path/to/zonesim}
source "$(dirname "$0")/../cli/lib.sh"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
MPIRUN="mpirun --oversubscribe --allow-run-as-root --mca btl self,vader"
count_evals() { ls -A "$1" 2>/dev/null | grep -c '^eval-.*\.bin$'; }
# Every dataset of two pareto.h5 files, value for value (numbers bit for bit).
same_file() {
  /usr/bin/python3 - "$1" "$2" <<'PY'
import sys, h5py
def datasets(path):
    out = {}
    h5py.File(path, "r").visititems(lambda n, o: out.__setitem__(n, o[()]) if isinstance(o, h5py.Dataset) else None)
    return out
a, b = datasets(sys.argv[1]), datasets(sys.argv[2])
if a.keys() != b.keys():
    sys.exit(f"datasets differ: {sorted(a.keys() ^ b.keys())}")
for name, x in a.items():
    y = b[name]
    same = x.shape == y.shape and (list(x.ravel()) == list(y.ravel()) if x.dtype == object else x.tobytes() == y.tobytes())
    if not same:
        sys.exit(f"{name} differs")
PY
}
# The rank-1 process of the mpirun with this pid.
rank_one() {
  for child in $(pgrep -P "$1"); do
    grep -qz '^OMPI_COMM_WORLD_RANK=1$' "/proc/$child/environ" 2>/dev/null && echo "$child"
  done
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

# The reference: one process, not started by mpirun (MPI is not even initialised).
"$ZONESIM" optimize "$TMP/opt.yaml" -o "$TMP/one.h5" --threads 1 >"$TMP/one.json" 2>/dev/null
check "one-process search" test -s "$TMP/one.h5"
TOTAL=$(json_field runs_done_now <"$TMP/one.json")

for np in 2 3; do
  $MPIRUN -np $np "$ZONESIM" optimize "$TMP/opt.yaml" -o "$TMP/np$np.h5" --threads 1 >"$TMP/np$np.json" \
    2>"$TMP/np$np.err"
  check "mpirun -np $np: exit 0" test $? -eq 0
  check "mpirun -np $np: pareto.h5 identical to one process in every dataset" same_file "$TMP/one.h5" "$TMP/np$np.h5"
  check "mpirun -np $np: ran on $np ranks" grep -q "$np MPI ranks x 1 thread ->" "$TMP/np$np.err"
  check "mpirun -np $np: one summary line, from rank 0" test "$(grep -c '"runs_done_now"' "$TMP/np$np.json")" -eq 1
  check "mpirun -np $np: all $TOTAL runs done" test "$(json_field runs_done_now <"$TMP/np$np.json")" -eq "$TOTAL"
  check "mpirun -np $np: every rank ran some of the runs" /usr/bin/python3 -c "
import re; m = re.search(r'runs done per MPI rank: ([0-9 ]+)', open('$TMP/np$np.err').read())
n = [int(x) for x in m.group(1).split()]; assert len(n) == $np and sum(n) == $TOTAL and min(n) > 0, n"
  check "mpirun -np $np: one start line" test "$(grep -c '^zonesim optimize: .* MPI ranks' "$TMP/np$np.err")" -eq 1
  check "mpirun -np $np: no directory of runs left" test ! -e "$TMP/.np$np.h5.runs"
done
$MPIRUN -np 2 "$ZONESIM" optimize "$TMP/opt.yaml" -o "$TMP/np2t2.h5" --threads 2 >/dev/null 2>&1
check "mpirun -np 2 --threads 2: identical" same_file "$TMP/one.h5" "$TMP/np2t2.h5"

# A bad file: exit 2 and the error once (from rank 0), not once per rank; nothing written.
sed 's/^replicates: 2/replicats: 2/' "$TMP/opt.yaml" >"$TMP/bad.yaml"
$MPIRUN -np 3 "$ZONESIM" optimize "$TMP/bad.yaml" -o "$TMP/bad.h5" >/dev/null 2>"$TMP/err"
check "bad file under mpirun: exit 2" test $? -eq 2
check "... reported once" test "$(grep -c "^zonesim: error: .*bad.yaml:10:1: replicats: unknown key" "$TMP/err")" -eq 1
check "... nothing written" test ! -e "$TMP/bad.h5" -a ! -e "$TMP/.bad.h5.runs"

# Longer runs for the interruptions (20,000 enterprises to 2030: a search that does not end within the second
# between mpirun's SIGCONT and SIGTERM).
LONG="--set enterprises.count=20000 --set time.end=2030"
"$ZONESIM" optimize "$TMP/opt.yaml" -o "$TMP/long.h5" $LONG --threads 2 >"$TMP/long.json" 2>/dev/null
check "the long search in one process" test -s "$TMP/long.h5"
LONGTOTAL=$(json_field runs_done_now <"$TMP/long.json")

# Rank 1 killed with SIGKILL mid-search: the job fails with a message, no pareto.h5, the runs stay on disk.
$MPIRUN -np 2 "$ZONESIM" optimize "$TMP/opt.yaml" -o "$TMP/dead.h5" $LONG --threads 1 >/dev/null 2>"$TMP/dead.err" &
pid=$!
for _ in $(seq 1 3000); do [[ $(count_evals "$TMP/.dead.h5.runs") -ge 12 ]] && break; sleep 0.01; done
victim=$(rank_one $pid)
kill -9 $victim 2>/dev/null
wait $pid
status=$?
saved=$(count_evals "$TMP/.dead.h5.runs")
echo "     rank 1 (pid $victim) killed; mpirun exit $status; $saved of $LONGTOTAL runs on disk"
check "killed rank: the job fails" test -n "$victim" -a "$status" -ne 0
check "... with a zonesim error that says how to resume" grep -q "^zonesim: error: .*--resume" "$TMP/dead.err"
check "... no pareto.h5" test ! -e "$TMP/dead.h5"
check "... the finished runs are kept" test "$saved" -ge 12 -a "$saved" -lt "$LONGTOTAL"
$MPIRUN -np 3 "$ZONESIM" optimize "$TMP/opt.yaml" -o "$TMP/dead.h5" $LONG --threads 1 --resume \
  >"$TMP/dead.json" 2>/dev/null
check "mpirun -np 3 --resume after a killed rank: exit 0" test $? -eq 0
check "... reuses the runs on disk" test "$(json_field runs_done_before <"$TMP/dead.json")" -eq "$saved"
check "... runs only the rest" test "$(json_field runs_done_now <"$TMP/dead.json")" -eq $((LONGTOTAL - saved))
check "... identical to the uninterrupted search" same_file "$TMP/long.h5" "$TMP/dead.h5"
$MPIRUN -np 2 "$ZONESIM" optimize "$TMP/opt.yaml" -o "$TMP/dead.h5" $LONG --resume >/dev/null 2>"$TMP/err"
check "mpirun --resume of a complete file: nothing to do" grep -q "already complete" "$TMP/err"

# A search killed in one process, resumed under mpirun; and one killed under mpirun, resumed in one process.
"$ZONESIM" optimize "$TMP/opt.yaml" -o "$TMP/cross.h5" $LONG --threads 1 >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 3000); do [[ $(count_evals "$TMP/.cross.h5.runs") -ge 6 ]] && break; sleep 0.01; done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
saved=$(count_evals "$TMP/.cross.h5.runs")
$MPIRUN -np 2 "$ZONESIM" optimize "$TMP/opt.yaml" -o "$TMP/cross.h5" $LONG --threads 1 --resume \
  >"$TMP/cross.json" 2>/dev/null
check "one process killed ($saved runs saved), mpirun --resume: exit 0" test $? -eq 0
check "... reuses them" test "$(json_field runs_done_before <"$TMP/cross.json")" -eq "$saved"
check "... identical" same_file "$TMP/long.h5" "$TMP/cross.h5"
$MPIRUN -np 2 "$ZONESIM" optimize "$TMP/opt.yaml" -o "$TMP/back.h5" $LONG --threads 1 >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 3000); do [[ $(count_evals "$TMP/.back.h5.runs") -ge 6 ]] && break; sleep 0.01; done
kill -9 "$(rank_one $pid)" 2>/dev/null
wait $pid 2>/dev/null
saved=$(count_evals "$TMP/.back.h5.runs")
"$ZONESIM" optimize "$TMP/opt.yaml" -o "$TMP/back.h5" $LONG --threads 2 --resume >"$TMP/back.json" 2>/dev/null
check "mpirun killed ($saved runs saved), one-process --resume: exit 0" test $? -eq 0
check "... reuses them" test "$(json_field runs_done_before <"$TMP/back.json")" -eq "$saved"
check "... identical" same_file "$TMP/long.h5" "$TMP/back.h5"

# A run that fails on some rank (the base file changed under the search): exit 2, the error once, naming the
# run; no rank hangs; the finished runs are kept and, the file restored, --resume finishes the search.
cp "$TMP/base.yaml" "$TMP/base.good"
$MPIRUN -np 3 "$ZONESIM" optimize "$TMP/opt.yaml" -o "$TMP/fail.h5" $LONG --threads 1 >/dev/null 2>"$TMP/fail.err" &
pid=$!
for _ in $(seq 1 3000); do [[ $(count_evals "$TMP/.fail.h5.runs") -ge 6 ]] && break; sleep 0.01; done
echo "bogus_key: 1" >>"$TMP/base.yaml"
wait $pid
check "a failing run: exit 2" test $? -eq 2
check "... one error naming the run" test "$(grep -c '^zonesim: error: design [0-9]*, state of the world [01], replicate [01]: .*bogus_key: unknown key' "$TMP/fail.err")" -eq 1
saved=$(count_evals "$TMP/.fail.h5.runs")
check "... the finished runs are kept" test "$saved" -ge 6 -a ! -e "$TMP/fail.h5"
cp "$TMP/base.good" "$TMP/base.yaml"
$MPIRUN -np 3 "$ZONESIM" optimize "$TMP/opt.yaml" -o "$TMP/fail.h5" $LONG --threads 1 --resume \
  >"$TMP/fail.json" 2>/dev/null
check "... resumed" test "$(json_field runs_done_before <"$TMP/fail.json")" -eq "$saved"
check "... identical" same_file "$TMP/long.h5" "$TMP/fail.h5"

echo "$fails failure(s)"
[[ $fails -eq 0 ]]
