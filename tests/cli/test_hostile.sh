#!/usr/bin/env bash
# Hostile input for every command (docs/robustness.md): missing, empty, binary, directory, badly
# encoded and alias-bomb YAML, numbers out of their domain, extends cycles, outputs that cannot be written,
# full disks, damaged and foreign result files. Each must end with exit 2 (bad input) or 1 (I/O failure), a
# `zonesim: error:` line naming the file (and key), no crash and nothing at -o.
set -u
ZONESIM=${1:?usage: test_hostile.sh path/to/zonesim}
HERE=$(cd "$(dirname "$0")" && pwd)
TMP=$(mktemp -d)
MNT=""
cleanup() {
  [[ -n $MNT ]] && umount "$MNT" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT
fails=0
fail() { echo "FAIL $*"; fails=$((fails + 1)); }

expect() {  # expect NAME CODE STDERR_PATTERN -- command...
  local name=$1 code=$2 pattern=$3
  shift 4
  timeout 120 "$@" >"$TMP/out" 2>"$TMP/err"
  local got=$?
  if [[ $got -ne $code ]]; then
    fail "$name: exit $got, expected $code"; head -5 "$TMP/err"; return
  fi
  if [[ -n $pattern ]] && ! grep -qE -- "$pattern" "$TMP/err"; then
    fail "$name: stderr does not match /$pattern/:"; head -5 "$TMP/err"; return
  fi
  if grep -v "^zonesim: error: " "$TMP/err" | grep -qiE "sanitizer|terminate called|core dumped|Segmentation"; then
    fail "$name: crashed"; head -5 "$TMP/err"; return
  fi
  echo "ok   $name"
}
nothing_at() {  # nothing_at OUT NAME: neither OUT nor its temporary files or run directory exist
  local base dir
  base=$(basename "$1") dir=$(dirname "$1")
  if [[ -e $1 ]] || compgen -G "$dir/.$base.partial-*" >/dev/null || [[ -e $dir/.$base.runs ]]; then
    fail "$2: output or partial output left at $1"; ls -la "$dir"
  else
    echo "ok   $2: nothing at -o"
  fi
}

# --- hostile YAML, through run, sweep and validate ---
F=$TMP/in
mkdir -p "$F"
printf 'seed: 3\ntime:\n  end: 2026\nenterprises:\n  count: 2000\n' >"$F/small.yaml"
: >"$F/empty.yaml"
head -c 4096 "$(command -v bash)" >"$F/binary.yaml"
mkdir "$F/dir.yaml"
printf 'seed: 1\nenterprises:\n  count: 2000\n  count: 3000\n' >"$F/dupkeys.yaml"
{
  echo 'lol:'
  echo '  a0: &a0 [x, x, x, x, x, x, x, x, x, x]'
  for l in 1 2 3 4 5 6 7 8; do
    p="*a$((l - 1))"
    echo "  a$l: &a$l [$p, $p, $p, $p, $p, $p, $p, $p, $p, $p]"
  done
} >"$F/bomb.yaml"
printf 'seed: &a [1, *a]\n' >"$F/cycle.yaml"
printf 'time:\n\tend: 2030\n' >"$F/tabs.yaml"
printf '\xff\xfes\x00e\x00e\x00d\x00:\x00 \x001\x00\n\x00' >"$F/utf16.yaml"
printf 'title: caf\xe9\n' >"$F/latin1.yaml"
printf 'title: \xc3\x28\n' >"$F/badutf8.yaml"
printf 'extends: /dev/zero\n' >"$F/devzero.yaml"
printf 'extends: b.yaml\nseed: 1\n' >"$F/a.yaml"
printf 'extends: a.yaml\nseed: 2\n' >"$F/b.yaml"
printf 'extends: self.yaml\n' >"$F/self.yaml"

yaml_case() {  # yaml_case NAME FILE PATTERN: run, sweep and validate all refuse FILE with PATTERN
  local name=$1 file=$2 pattern=$3
  expect "run: $name" 2 "^zonesim: error: .*$pattern" -- "$ZONESIM" run "$file" -o "$TMP/y.h5"
  nothing_at "$TMP/y.h5" "run: $name"
  expect "sweep: $name" 2 "^zonesim: error: .*$(basename "$file")" -- "$ZONESIM" sweep "$file" -o "$TMP/y.h5"
  nothing_at "$TMP/y.h5" "sweep: $name"
  expect "validate: $name" 2 "^zonesim: error: .*$pattern" -- "$ZONESIM" validate "$file"
}
yaml_case "nonexistent file" "$F/nope.yaml" "nope.yaml: no such file"
yaml_case "empty file" "$F/empty.yaml" "empty.yaml: empty scenario"
yaml_case "binary file" "$F/binary.yaml" "binary.yaml:1:[0-9]+: (byte 0x[0-9A-F]+ is not valid UTF-8|control character|a NUL byte)"
yaml_case "directory" "$F/dir.yaml" "dir.yaml: is a directory"
yaml_case "duplicate key" "$F/dupkeys.yaml" "dupkeys.yaml:4:3: enterprises.count: duplicate key \(first given at line 3\)"
yaml_case "alias bomb" "$F/bomb.yaml" "bomb.yaml: more than 1000000 YAML nodes once aliases are expanded"
yaml_case "alias cycle" "$F/cycle.yaml" "cycle.yaml: YAML nested more than 32 levels deep, or an alias that contains itself"
yaml_case "tab indentation" "$F/tabs.yaml" "tabs.yaml:2:[0-9]+: malformed YAML: .*indented with a tab"
yaml_case "UTF-16" "$F/utf16.yaml" "utf16.yaml: encoded as UTF-16"
yaml_case "Latin-1" "$F/latin1.yaml" "latin1.yaml:1:11: byte 0xE9 is not valid UTF-8"
yaml_case "invalid UTF-8" "$F/badutf8.yaml" "badutf8.yaml:1:8: byte 0xC3 is not valid UTF-8"
yaml_case "extends cycle" "$F/a.yaml" "extends: .*a.yaml: cycle"
yaml_case "extends itself" "$F/self.yaml" "self.yaml: extends: .*self.yaml: cycle"
yaml_case "extends /dev/zero" "$F/devzero.yaml" "/dev/zero: larger than 16 MiB"

# --- numbers where counts, shares and money are expected ---
num_case() {  # num_case NAME KEY=VALUE PATTERN: as a file and as --set
  local name=$1 set=$2 pattern=$3 key=${2%%=*} value=${2#*=}
  local file=$F/num_${key//./_}.yaml
  local yaml="" indent="" part
  IFS=. read -ra parts <<<"$key"
  for ((i = 0; i < ${#parts[@]} - 1; i++)); do yaml+="$indent${parts[i]}:"$'\n'; indent+="  "; done
  printf '%s%s%s: %s\n' "$yaml" "$indent" "${parts[-1]}" "$value" >"$file"
  expect "run: $name (file)" 2 "^zonesim: error: .*num_.*yaml:${#parts[@]}:[0-9]+: $key: .*$pattern" \
    -- "$ZONESIM" run "$file" -o "$TMP/n.h5"
  nothing_at "$TMP/n.h5" "run: $name"
  expect "run: $name (--set)" 2 "^zonesim: error: --set:1:[0-9]+: $key: .*$pattern" \
    -- "$ZONESIM" run "$F/small.yaml" -o "$TMP/n.h5" --set "$set"
  expect "validate: $name" 2 "$key: .*$pattern" -- "$ZONESIM" validate "$file"
}
num_case "NaN count" "enterprises.count=.nan" "'.nan' is not finite"
num_case "infinite money" "mechanisms.transfer_payments.project_funding=.inf" "'.inf' is not finite"
num_case "negative money" "mechanisms.transfer_payments.project_funding=-1" "'-1' is out of range"
num_case "negative count" "enterprises.count=-1000" "'-1000' is out of range"
num_case "huge count" "enterprises.count=1e30" "'1e30' is out of range"
num_case "count past double" "enterprises.count=1e999" "'1e999' is not a number"
num_case "fractional count" "enterprises.count=1000.5" "'1000.5' is not a whole number"
num_case "share above 1" "enterprises.digital_share=1.5" "'1.5' is out of range"
num_case "seed past 2^64" "seed=1e20" "'1e20' is out of range"
expect "run: --set value not UTF-8" 2 "^zonesim: error: --set:1:[0-9]+: title: bad value: byte 0xE9 is not valid UTF-8" \
  -- "$ZONESIM" run "$F/small.yaml" -o "$TMP/n.h5" --set "title=caf$(printf '\xe9')"
expect "run: --set value malformed" 2 "^zonesim: error: --set:1:[0-9]+: seed: bad value: malformed YAML" \
  -- "$ZONESIM" run "$F/small.yaml" -o "$TMP/n.h5" --set "seed=[1, 2"
expect "run: --set alias cycle" 2 "^zonesim: error: --set:1:[0-9]+: seed: bad value: YAML nested more than 32" \
  -- "$ZONESIM" run "$F/small.yaml" -o "$TMP/n.h5" --set "seed=&a [*a]"
printf 'mechanisms:\n  synergy_fund:\n    enabled: true\n    development_share: 0.5\n    industry_share: 0.5\n    venture_share: 0.2\n' >"$F/shares.yaml"
expect "run: shares that do not sum to 1" 2 \
  "^zonesim: error: .*shares.yaml:6:[0-9]+: mechanisms.synergy_fund: development_share \+ industry_share \+ venture_share = 1.2 \(expected 1\)" \
  -- "$ZONESIM" run "$F/shares.yaml" -o "$TMP/s.h5"
nothing_at "$TMP/s.h5" "shares"

# The zone table a scenario names is input too.
printf 'zones:\n  table: /dev/zero\n' >"$F/table_dev.yaml"
printf 'zones:\n  table: .\n' >"$F/table_dir.yaml"
printf 'zones:\n  table: binary.yaml\n' >"$F/table_bin.yaml"
expect "run: zone table /dev/zero" 2 "^zonesim: error: /dev/zero: not a regular file" -- "$ZONESIM" run "$F/table_dev.yaml" -o "$TMP/t.h5"
expect "run: zone table a directory" 2 "^zonesim: error: .*in/?\.?: is a directory \(expected a zone table\)" -- "$ZONESIM" run "$F/table_dir.yaml" -o "$TMP/t.h5"
expect "run: zone table binary" 2 "^zonesim: error: .*binary.yaml:1: missing column" -- "$ZONESIM" run "$F/table_bin.yaml" -o "$TMP/t.h5"
nothing_at "$TMP/t.h5" "hostile zone tables"

# --- sweeps: hostile sweep files ---
printf 'base: small.yaml\nreplicates: 3\n' >"$F/sweep.yaml"
printf 'base: small.yaml\nset: &s {a: *s}\n' >"$F/sweep_cycle.yaml"
printf 'base: small.yaml\nreplicates: .nan\n' >"$F/sweep_nan.yaml"
printf 'base: small.yaml\nreplicates: 1000000\ndesign: {type: lhs, samples: 10000000}\nfactors:\n  enterprises.digital_share: {range: [0, 1]}\n' >"$F/sweep_huge.yaml"
printf 'base: sweep_base_loop.yaml\n' >"$F/sweep_base_loop.yaml"
expect "sweep: alias cycle under set" 2 "sweep_cycle.yaml: YAML nested more than 32 levels" -- "$ZONESIM" sweep "$F/sweep_cycle.yaml" -o "$TMP/w.h5"
expect "sweep: NaN replicates" 2 "sweep_nan.yaml:2:[0-9]+: replicates: '.nan' is not a whole number" -- "$ZONESIM" sweep "$F/sweep_nan.yaml" -o "$TMP/w.h5"
expect "sweep: 10^13 runs" 2 "sweep_huge.yaml: the sweep has 10000000000000 runs, more than the 10,000,000" -- "$ZONESIM" sweep "$F/sweep_huge.yaml" -o "$TMP/w.h5"
expect "sweep: base is a sweep" 2 "sweep_base_loop.yaml" -- "$ZONESIM" sweep "$F/sweep_base_loop.yaml" -o "$TMP/w.h5"
nothing_at "$TMP/w.h5" "hostile sweeps"

# --- runs that would not fit in memory: refused before allocating, with the estimate ---
printf 'base: small.yaml\nreplicates: 1000\n' >"$F/sweep_many.yaml"
expect "sweep: parallel runs past memory" 2 \
  "^zonesim: error: .*sweep_many.yaml: enterprises.count: 1000 parallel runs of up to 200000000 enterprises need about [0-9.]+ GB, more than the [0-9.]+ GB this process may use" \
  -- "$ZONESIM" sweep "$F/sweep_many.yaml" -o "$TMP/m.h5" --threads 1024 --set enterprises.count=200000000
nothing_at "$TMP/m.h5" "memory refusal (sweep)"
if ldd "$ZONESIM" 2>/dev/null | grep -q libasan; then
  echo "skip run past memory under ulimit -v (AddressSanitizer reserves more address space)"
else
  expect "run: enterprises past ulimit -v" 2 \
    "^zonesim: error: .*small.yaml: enterprises.count: 100000000 enterprises over 2 years need about [0-9.]+ GB, more than the 2.[0-9] GB this process may use" \
    -- bash -c "ulimit -v 2500000 && exec \"\$0\" run \"$F/small.yaml\" -o \"$TMP/m.h5\" --set enterprises.count=100000000" "$ZONESIM"
  nothing_at "$TMP/m.h5" "memory refusal (run)"
fi

# --- outputs that cannot be written (as root too) ---
expect "output directory missing" 2 "no/such/dir/x.h5: output directory .* does not exist" \
  -- "$ZONESIM" run "$F/small.yaml" -o "$TMP/no/such/dir/x.h5"
expect "output under a regular file" 2 "small.yaml/x.h5: output directory .*small.yaml does not exist" \
  -- "$ZONESIM" run "$F/small.yaml" -o "$F/small.yaml/x.h5"
expect "output under /proc" 2 "/proc/zonesim-test.h5: output directory /proc is not writable" \
  -- "$ZONESIM" run "$F/small.yaml" -o /proc/zonesim-test.h5
expect "sweep output under /proc" 2 "output directory /proc is not writable" \
  -- "$ZONESIM" sweep "$F/sweep.yaml" -o /proc/zonesim-test.h5
expect "output is a directory" 2 "is a directory \(expected an output file name\)" \
  -- "$ZONESIM" run "$F/small.yaml" -o "$F"
if mkdir -p "$TMP/ro" && mount -t tmpfs -o ro,size=1m tmpfs "$TMP/ro" 2>/dev/null; then
  MNT=$TMP/ro
  expect "output on a read-only mount" 2 "ro/x.h5: output directory .*ro is not writable \(Read-only file system\)" \
    -- "$ZONESIM" run "$F/small.yaml" -o "$TMP/ro/x.h5"
  umount "$MNT" && MNT=""
else
  echo "skip read-only mount (mount not permitted here)"
fi

# --- a good run and sweep to damage ---
expect "good run" 0 "" -- "$ZONESIM" run "$F/small.yaml" -o "$TMP/good.h5" -q
expect "good sweep" 0 "" -- "$ZONESIM" sweep "$F/sweep.yaml" -o "$TMP/sweep.h5" -q
size=$(stat -c %s "$TMP/good.h5")
head -c $((size / 2)) "$TMP/good.h5" >"$TMP/truncated.h5"
head -c 2000 "$TMP/good.h5" >"$TMP/truncated_early.h5"
cp "$TMP/good.h5" "$TMP/flipped.h5"
# Flip bytes in the superblock and object headers (the first kilobytes) and in the middle.
for off in 20 40 200 600 1000 3000 $((size / 2)); do
  printf '\xa5\x5a\xff\x00' | dd of="$TMP/flipped.h5" bs=1 seek=$off conv=notrunc status=none
done
cp "$F/small.yaml" "$TMP/text.h5"
for c in info compare; do
  expect "$c: nonexistent" 2 "nope.h5: no such file" -- "$ZONESIM" $c "$TMP/nope.h5"
  expect "$c: directory" 2 "^zonesim: error: .*in: (is a directory|not an HDF5 file)" -- "$ZONESIM" $c "$F"
  expect "$c: empty" 2 "empty.yaml: not an HDF5 file" -- "$ZONESIM" $c "$F/empty.yaml"
  expect "$c: text file" 2 "text.h5: not an HDF5 file" -- "$ZONESIM" $c "$TMP/text.h5"
  expect "$c: truncated" 2 "^zonesim: error: .*truncated.h5: " -- "$ZONESIM" $c "$TMP/truncated.h5"
  expect "$c: truncated early" 2 "^zonesim: error: .*truncated_early.h5: " -- "$ZONESIM" $c "$TMP/truncated_early.h5"
  expect "$c: foreign HDF5" 2 "foreign.h5: not a zonesim result" -- "$ZONESIM" $c "$HERE/../fuzz/corpus_h5/foreign.h5"
  # Flipped bytes may land where HDF5 does not look; what matters is no crash and no exit code but 0 or 2.
  timeout 60 "$ZONESIM" $c "$TMP/flipped.h5" >/dev/null 2>"$TMP/err"
  code=$?
  if [[ $code -eq 0 ]] || { [[ $code -eq 2 ]] && grep -q "^zonesim: error: .*flipped.h5" "$TMP/err"; }; then
    echo "ok   $c: bytes flipped (exit $code)"
  else
    fail "$c: bytes flipped: exit $code"; head -3 "$TMP/err"
  fi
done
# A damaged file on which HDF5 1.10 itself crashes (found by fuzzing: a corrupt global heap under the
# scenario labels): refused after a trial read in a child process.
expect "compare: file that crashes HDF5" 2 \
  "^zonesim: error: .*h5-hdf5-global-heap-segv.h5: damaged: the HDF5 library crashed reading it \(signal 11" \
  -- "$ZONESIM" compare "$HERE/../fuzz/regressions/h5-hdf5-global-heap-segv.h5"
# ... and one on which it loops forever (the same heap code): refused when the trial read does not finish.
export ZONESIM_TRIAL_SECONDS=2
expect "compare: file that hangs HDF5" 2 \
  "^zonesim: error: .*h5-hdf5-global-heap-loop.h5: damaged: the HDF5 library did not finish reading it in 2 s" \
  -- "$ZONESIM" compare "$HERE/../fuzz/regressions/h5-hdf5-global-heap-loop.h5"
unset ZONESIM_TRIAL_SECONDS
expect "compare: unknown metric" 2 "--metric nope: no such variable" -- "$ZONESIM" compare "$TMP/good.h5" --metric nope
expect "compare: year off the axis" 2 "--year 1999: not on the file's time axis" -- "$ZONESIM" compare "$TMP/good.h5" --year 1999

# sweep --resume into OUT.h5 that is damaged, foreign or text (no directory of runs): refused, file untouched.
for bad in truncated text; do
  cp "$TMP/$bad.h5" "$TMP/resume_$bad.h5"
  expect "sweep --resume into a $bad file" 2 "resume_$bad.h5: (not an HDF5 file|cannot open as HDF5)" \
    -- "$ZONESIM" sweep "$F/sweep.yaml" -o "$TMP/resume_$bad.h5" --resume
  cmp -s "$TMP/$bad.h5" "$TMP/resume_$bad.h5" && echo "ok   $bad file untouched" || fail "$bad file changed"
done
cp "$HERE/../fuzz/corpus_h5/foreign.h5" "$TMP/resume_foreign.h5"
expect "sweep --resume into a foreign HDF5 file" 2 "resume_foreign.h5: holds no sweep" \
  -- "$ZONESIM" sweep "$F/sweep.yaml" -o "$TMP/resume_foreign.h5" --resume
expect "sweep --resume into a single run's file" 2 "good.h5: holds no sweep" \
  -- "$ZONESIM" sweep "$F/sweep.yaml" -o "$TMP/good.h5" --resume

# An existing output is replaced whole or not at all: a run refused for memory leaves it byte for byte.
cp "$TMP/good.h5" "$TMP/keep.h5"
"$ZONESIM" sweep "$F/sweep_many.yaml" -o "$TMP/good.h5" --threads 1024 --set enterprises.count=200000000 2>/dev/null
cmp -s "$TMP/good.h5" "$TMP/keep.h5" && echo "ok   refused sweep leaves the old file intact" || fail "old file changed"

# --- full disk: ulimit -f (EFBIG, SIGXFSZ ignored) ---
expect "run past ulimit -f" 1 "^zonesim: error: .*full.h5: not written \(nothing left behind\): .*File too large" \
  -- bash -c "ulimit -f 64 && exec \"\$0\" run \"$F/small.yaml\" -o \"$TMP/full.h5\" --set output.compression=0" "$ZONESIM"
nothing_at "$TMP/full.h5" "run past ulimit -f"
cp "$TMP/keep.h5" "$TMP/old.h5"
bash -c "ulimit -f 64 && exec \"\$0\" run \"$F/small.yaml\" -o \"$TMP/old.h5\" --set output.compression=0" "$ZONESIM" 2>/dev/null
cmp -s "$TMP/old.h5" "$TMP/keep.h5" && echo "ok   disk full leaves the old file intact" || fail "old file changed after disk full"
# A sweep whose runs fit but whose OUT.h5 does not: the finished runs stay, --resume finishes without redoing them.
expect "sweep past ulimit -f" 1 "^zonesim: error: .*fs.h5: not written \(finished runs are kept in .*--resume\): .*File too large" \
  -- bash -c "ulimit -f 200 && exec \"\$0\" sweep \"$F/sweep.yaml\" -o \"$TMP/fs.h5\" -q --set output.compression=0" "$ZONESIM"
[[ ! -e $TMP/fs.h5 ]] && ! compgen -G "$TMP/.fs.h5.partial-*" >/dev/null && echo "ok   no partial sweep output" || fail "partial sweep output"
runs=$(ls "$TMP/.fs.h5.runs" 2>/dev/null | grep -c '^run-')
[[ $runs -eq 3 ]] && echo "ok   3 finished runs kept" || fail "finished runs kept: $runs"
expect "sweep --resume after disk full" 0 "" -- "$ZONESIM" sweep "$F/sweep.yaml" -o "$TMP/fs.h5" --resume --set output.compression=0
grep -q '"runs_done_before": 3, "runs_done_now": 0' "$TMP/out" && echo "ok   resume reused the 3 runs" || fail "resume redid runs: $(cat "$TMP/out")"
# A finished run damaged on disk is redone, not trusted.
expect "sweep interrupted by disk full again" 1 "" \
  -- bash -c "ulimit -f 200 && exec \"\$0\" sweep \"$F/sweep.yaml\" -o \"$TMP/fs2.h5\" -q --set output.compression=0" "$ZONESIM"
printf '\xff\xff\xff\xff' | dd of="$TMP/.fs2.h5.runs/run-0-1.bin" bs=1 seek=100 conv=notrunc status=none
expect "sweep --resume with a damaged run file" 0 "" \
  -- "$ZONESIM" sweep "$F/sweep.yaml" -o "$TMP/fs2.h5" --resume --set output.compression=0
grep -q '"runs_done_before": 2, "runs_done_now": 1' "$TMP/out" && echo "ok   the damaged run was redone" || fail "damaged run: $(cat "$TMP/out")"
# A damaged manifest of finished runs: refused (exit 2), nothing mixed in.
bash -c "ulimit -f 200 && exec \"\$0\" sweep \"$F/sweep.yaml\" -o \"$TMP/fs3.h5\" -q --set output.compression=0" "$ZONESIM" \
  >/dev/null 2>&1
if [[ ! -d $TMP/.fs3.h5.runs ]]; then
  fail "no finished runs kept for fs3.h5"
else
  printf '\x00garbage\xff\n' >"$TMP/.fs3.h5.runs/manifest"
  expect "sweep --resume with a damaged manifest" 2 "fs3.h5: the finished runs in .* belong to a different sweep definition" \
    -- "$ZONESIM" sweep "$F/sweep.yaml" -o "$TMP/fs3.h5" --resume --set output.compression=0
fi
if mkdir -p "$TMP/tiny" && mount -t tmpfs -o size=64k tmpfs "$TMP/tiny" 2>/dev/null; then
  MNT=$TMP/tiny
  expect "run onto a full file system" 1 "^zonesim: error: .*tiny/x.h5: not written \(nothing left behind\): .*No space left on device" \
    -- "$ZONESIM" run "$F/small.yaml" -o "$TMP/tiny/x.h5" --set output.compression=0
  [[ -z $(ls -A "$TMP/tiny") ]] && echo "ok   full file system left empty" || fail "left on the full file system: $(ls -A "$TMP/tiny")"
  umount "$MNT" && MNT=""
else
  echo "skip tiny tmpfs (mount not permitted here)"
fi

# --- params and usage ---
expect "params: unknown option" 2 "unknown option --frob" -- "$ZONESIM" params --frob
expect "params: stray argument" 2 "^zonesim: error: " -- "$ZONESIM" params extra
expect "info: two files" 2 "^zonesim: error: info: expected one result file" -- "$ZONESIM" info a b

echo "$fails failure(s)"
[[ $fails -eq 0 ]]
