#!/usr/bin/env bash
# Every scenario shipped in scenarios/ validates, and runs (with few enterprises and two years, to stay quick).
set -u
ZONESIM=${1:?usage: test_scenarios.sh path/to/zonesim}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0
for f in scenarios/*.yaml; do
  if ! "$ZONESIM" validate "$f"; then fails=$((fails + 1)); continue; fi
  start=$("$ZONESIM" validate "$f" >/dev/null && grep -E '^\s*start:' "$f" | head -1 | awk '{print $2}')
  end=$(( ${start:-2024} + 2 ))
  if "$ZONESIM" run "$f" -o "$TMP/out.h5" --set enterprises.count=5000 --set time.end=$end >/dev/null; then
    echo "ok   $f runs"
  else
    echo "FAIL $f does not run"; fails=$((fails + 1))
  fi
done
[[ $fails -eq 0 ]]
