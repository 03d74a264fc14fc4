#!/usr/bin/env bash
# zonesim sweep under mpirun (a build with -DZONESIM_MPI=ON; docs/cluster.md): the same sweep in one process
# and on 2 and 3 ranks gives bit-identical data, the work is spread over the ranks, the file meets the
# contract, a bad file fails once with exit 2, a rank killed with SIGKILL fails the job with a message and
# keeps the finished runs, a failing run stops every rank, and --resume under mpirun finishes a sweep
# interrupted in either mode.
set -u
ZONESIM=${1:?usage: test_mpi.sh path/to/zonesim}
source "$(dirname "$0")/lib.sh"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
MPIRUN="mpirun --oversubscribe --allow-run-as-root --mca btl self,vader"

printf 'seed: 4\ntime:\n  end: 2027\nenterprises:\n  count: 3000\n' >"$TMP/base.yaml"
cat >"$TMP/sweep.yaml" <<'YAML'
base: base.yaml
schemes:
  ref: {}
  cheap: {relocation.fixed_cost: 1.0}
factors:
  entry.rate: [0.04, 0.08]
  enterprises.count: [1000, 3000]
replicates: 8
YAML
TOTAL=64

# The reference: one process (not started by mpirun: MPI is not even initialised).
"$ZONESIM" sweep "$TMP/sweep.yaml" -o "$TMP/one.h5" --threads 1 >"$TMP/one.json" 2>/dev/null
check "one-process sweep" test -f "$TMP/one.h5"

for np in 2 3; do
  $MPIRUN -np $np "$ZONESIM" sweep "$TMP/sweep.yaml" -o "$TMP/np$np.h5" --threads 1 >"$TMP/np$np.json" \
    2>"$TMP/np$np.err"
  check "mpirun -np $np: exit 0" test $? -eq 0
  check "mpirun -np $np: data bit-identical to one process" $SAME "$TMP/one.h5" "$TMP/np$np.h5"
  check "mpirun -np $np: ran on $np ranks" grep -q "runs on $np MPI ranks x 1 threads" "$TMP/np$np.err"
  check "mpirun -np $np: one summary line, from rank 0" test "$(grep -c '"runs_done_now"' "$TMP/np$np.json")" -eq 1
  check "mpirun -np $np: all $TOTAL runs done" test "$(json_field runs_done_now <"$TMP/np$np.json")" -eq $TOTAL
  check "mpirun -np $np: every rank ran some of the runs" /usr/bin/python3 -c "
import re, sys; m = re.search(r'runs done per MPI rank: ([0-9 ]+)', open('$TMP/np$np.err').read())
n = [int(x) for x in m.group(1).split()]; assert len(n) == $np and sum(n) == $TOTAL and min(n) > 0, n"
  check "mpirun -np $np: one start line" test "$(grep -c '^zonesim sweep: .* runs on' "$TMP/np$np.err")" -eq 1
  check "mpirun -np $np: no directory of runs left" test ! -e "$TMP/.np$np.h5.runs"
done
check "the MPI file meets the contract" /usr/bin/python3 "$HERE/../contract/check_contract.py" "$TMP/np3.h5" --seed 4
# Threads inside ranks too (2 ranks x 2 threads, oversubscribed).
$MPIRUN -np 2 "$ZONESIM" sweep "$TMP/sweep.yaml" -o "$TMP/np2t2.h5" --threads 2 >/dev/null 2>&1
check "mpirun -np 2 --threads 2: data bit-identical" $SAME "$TMP/one.h5" "$TMP/np2t2.h5"

# A bad sweep file: exit 2 and the error once (from rank 0), not once per rank.
printf 'base: base.yaml\nreplicate: 2\n' >"$TMP/bad.yaml"
$MPIRUN -np 3 "$ZONESIM" sweep "$TMP/bad.yaml" -o "$TMP/bad.h5" >/dev/null 2>"$TMP/err"
check "bad file under mpirun: exit 2" test $? -eq 2
check "... reported once" test "$(grep -c "^zonesim: error: .*bad.yaml:2:1: replicate: unknown key" "$TMP/err")" -eq 1

# Resume under mpirun a sweep that one process left unfinished (run files removed: as if killed).
"$ZONESIM" sweep "$TMP/sweep.yaml" -o "$TMP/res.h5" --threads 1 >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 3000); do [[ $(count_runs "$TMP/.res.h5.runs") -ge 10 ]] && break; sleep 0.01; done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
saved=$(count_runs "$TMP/.res.h5.runs")
ls "$TMP/.res.h5.runs" | grep '^run-' | head -n 3 | while read -r f; do rm "$TMP/.res.h5.runs/$f"; done
left=$(count_runs "$TMP/.res.h5.runs")
echo "     one process killed with $saved of $TOTAL runs saved; $left kept"
check "killed: some runs kept" test "$left" -ge 1 -a "$left" -lt $TOTAL
$MPIRUN -np 3 "$ZONESIM" sweep "$TMP/sweep.yaml" -o "$TMP/res.h5" --threads 1 --resume >"$TMP/res.json" 2>/dev/null
check "mpirun --resume: exit 0" test $? -eq 0
check "... reuses every kept run" test "$(json_field runs_done_before <"$TMP/res.json")" -eq "$left"
check "... runs only the rest" test "$(json_field runs_done_now <"$TMP/res.json")" -eq $((TOTAL - left))
check "... data bit-identical" $SAME "$TMP/one.h5" "$TMP/res.h5"

# A rank killed with SIGKILL in the middle of an MPI sweep: the job fails with a message, runs stay on disk.
# (mpirun then sends the other ranks SIGCONT, and SIGTERM a second later: runs of 20,000 enterprises, so that
# the sweep does not finish in that second.)
cat >"$TMP/long.yaml" <<'YAML'
base: base.yaml
set: {enterprises.count: 20000, time.end: 2030}
schemes:
  ref: {}
  cheap: {relocation.fixed_cost: 1.0}
replicates: 32
YAML
LONG=64
"$ZONESIM" sweep "$TMP/long.yaml" -o "$TMP/long.h5" --threads 1 >/dev/null 2>&1
$MPIRUN -np 2 "$ZONESIM" sweep "$TMP/long.yaml" -o "$TMP/dead.h5" --threads 1 >/dev/null 2>"$TMP/dead.err" &
pid=$!
for _ in $(seq 1 3000); do [[ $(count_runs "$TMP/.dead.h5.runs") -ge 4 ]] && break; sleep 0.01; done
victim=""
for child in $(pgrep -P $pid); do
  grep -qz '^OMPI_COMM_WORLD_RANK=1$' "/proc/$child/environ" 2>/dev/null && victim=$child
done
kill -9 "$victim" 2>/dev/null
wait $pid
status=$?
saved=$(count_runs "$TMP/.dead.h5.runs")
echo "     rank 1 (pid $victim) killed; mpirun exit $status; $saved of $LONG runs on disk"
check "killed rank: the job fails" test -n "$victim" -a "$status" -ne 0
check "... with a zonesim error that says how to resume" grep -q "^zonesim: error: .*--resume" "$TMP/dead.err"
check "... no OUT.h5" test ! -e "$TMP/dead.h5"
check "... the finished runs are kept" test "$saved" -ge 4 -a "$saved" -lt $LONG
$MPIRUN -np 2 "$ZONESIM" sweep "$TMP/long.yaml" -o "$TMP/dead.h5" --threads 1 --resume >"$TMP/dead.json" 2>/dev/null
check "mpirun --resume after a killed rank: exit 0" test $? -eq 0
check "... reuses the runs on disk" test "$(json_field runs_done_before <"$TMP/dead.json")" -eq "$saved"
check "... data bit-identical" $SAME "$TMP/long.h5" "$TMP/dead.h5"
$MPIRUN -np 2 "$ZONESIM" sweep "$TMP/long.yaml" -o "$TMP/dead.h5" --resume >/dev/null 2>"$TMP/err"
check "mpirun --resume of a complete file: nothing to do" grep -q "already complete" "$TMP/err"

# A run that fails on some rank (the base file changed under the sweep): exit 2, the error once, naming the
# run; no rank hangs; the finished runs are kept and, the file restored, --resume finishes the sweep.
cp "$TMP/base.yaml" "$TMP/base.good"
$MPIRUN -np 3 "$ZONESIM" sweep "$TMP/long.yaml" -o "$TMP/fail.h5" --threads 1 >/dev/null 2>"$TMP/fail.err" &
pid=$!
for _ in $(seq 1 3000); do [[ $(count_runs "$TMP/.fail.h5.runs") -ge 4 ]] && break; sleep 0.01; done
echo "bogus_key: 1" >>"$TMP/base.yaml"
wait $pid
check "a failing run: exit 2" test $? -eq 2
check "... one error naming the run" test "$(grep -c '^zonesim: error: scenario [01] (.*), replicate [0-9]*: .*bogus_key: unknown key' "$TMP/fail.err")" -eq 1
saved=$(count_runs "$TMP/.fail.h5.runs")
check "... the finished runs are kept" test "$saved" -ge 4 -a ! -e "$TMP/fail.h5"
cp "$TMP/base.good" "$TMP/base.yaml"
$MPIRUN -np 3 "$ZONESIM" sweep "$TMP/long.yaml" -o "$TMP/fail.h5" --threads 1 --resume >"$TMP/fail.json" 2>/dev/null
check "... resumed" test "$(json_field runs_done_before <"$TMP/fail.json")" -eq "$saved"
check "... data bit-identical" $SAME "$TMP/long.h5" "$TMP/fail.h5"

echo "$fails failure(s)"
[[ $fails -eq 0 ]]
