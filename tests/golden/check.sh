#!/usr/bin/env bash
# usage: tests/golden/check.sh ZONESIM -- runs each golden case (cases.sh) into a scratch directory and
# requires its data to be bit-identical to the stored tests/golden/<name>.h5. A difference means the results
# changed: if on purpose, run tests/golden/regenerate.sh ZONESIM and say why in the commit message.
set -euo pipefail
zonesim=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
source "$here/cases.sh"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
status=0
cd "$here"
for case in "${GOLDEN_CASES[@]}"; do
  read -r name command scenario <<<"$case"
  "$zonesim" "$command" "$scenario" -o "$scratch/$name.h5" --threads 2 >/dev/null 2>"$scratch/$name.log" ||
    { echo "golden $name: zonesim $command failed:"; cat "$scratch/$name.log"; status=1; continue; }
  if /usr/bin/python3 ../contract/same_data.py --ignore scenario_yaml "$name.h5" "$scratch/$name.h5"; then
    echo "golden $name: bit-identical"
  else
    echo "golden $name: DIFFERS from tests/golden/$name.h5 (results changed; see tests/golden/README.md)"
    status=1
  fi
done
exit $status
