#!/usr/bin/env bash
# usage: tests/golden/regenerate.sh ZONESIM -- rewrites the stored golden files from the current code. Only on
# purpose: commit them with the change that alters the results, and say why in the commit message.
set -euo pipefail
zonesim=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
source "$here/cases.sh"
cd "$here"
for case in "${GOLDEN_CASES[@]}"; do
  read -r name command scenario <<<"$case"
  rm -f "$name.h5"
  "$zonesim" "$command" "$scenario" -o "$name.h5" --threads 1 >/dev/null 2>&1
  echo "wrote tests/golden/$name.h5 ($(stat -c %s "$name.h5") bytes)"
done
