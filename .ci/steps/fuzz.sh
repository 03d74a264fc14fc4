#!/usr/bin/env bash
# CI: fuzz the scenario/sweep loaders and the result-file reader for a bounded time each (docs/robustness.md).
# Run from the repository root (by .ci/run). Fails if a fuzzer finds a crash, a leak, a timeout or an input
# that exhausts memory; the input is left in build-fuzz/findings/ (add it to tests/fuzz/regressions/).
set -euo pipefail
SECONDS_PER_TARGET=${ZONESIM_FUZZ_SECONDS:-60}
# A fixed seed makes CI's mutations the same from run to run (a red run can be repeated); fuzz longer or with
# other seeds by hand: ZONESIM_FUZZ_SEED=0 (random) ZONESIM_FUZZ_SECONDS=3600 bash .ci/steps/fuzz.sh

if ! command -v clang++ >/dev/null || ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a \
  >/dev/null 2>&1 || ! ls /usr/lib/llvm-*/lib/libomp.so >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq clang libclang-rt-dev libomp-dev >/dev/null
fi

CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DZONESIM_FUZZ=ON >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target fuzz_scenario fuzz_h5

mkdir -p build-fuzz/findings
status=0
for target in scenario h5; do
  max_len=16384
  [[ $target == h5 ]] && max_len=400000  # result files are ~250-350 KB
  # A scratch corpus: what the fuzzer adds does not go into the repository's seeds.
  work=build-fuzz/corpus_$target
  mkdir -p "$work"
  echo "== fuzz_$target: ${SECONDS_PER_TARGET} s =="
  # Slow unwinding on malloc: the LSan suppression of HDF5's own leak needs frames inside libhdf5.
  if ! ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0:allocator_may_return_null=0 \
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 LSAN_OPTIONS=suppressions=$PWD/tests/fuzz/lsan.supp \
    "build-fuzz/fuzz_$target" "$work" "tests/fuzz/corpus_$target" "tests/fuzz/regressions" \
    -seed="${ZONESIM_FUZZ_SEED:-1}" -max_total_time="$SECONDS_PER_TARGET" -timeout=20 -rss_limit_mb=2048 -max_len=$max_len \
    -artifact_prefix="build-fuzz/findings/$target-" -print_final_stats=1 2>"build-fuzz/fuzz_$target.log"; then
    echo "fuzz_$target found a problem:"
    grep -E "ERROR|SUMMARY|==[0-9]+==" "build-fuzz/fuzz_$target.log" | head -20
    ls -la build-fuzz/findings
    status=1
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "build-fuzz/fuzz_$target.log" || true
done
exit $status
