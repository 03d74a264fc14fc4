# Shared by the CLI test scripts (sourced after ZONESIM is set): a scratch directory, pass/fail bookkeeping and
# small readers. Each script ends with `echo "$fails failure(s)"; [[ $fails -eq 0 ]]`.
HERE=$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)
SAME="/usr/bin/python3 $HERE/../contract/same_data.py"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0
ok() { echo "ok   $1"; }
fail() { echo "FAIL $1"; fails=$((fails + 1)); }
check() { local name=$1; shift; if "$@"; then ok "$name"; else fail "$name"; fi; }
json_field() { /usr/bin/python3 -c "import json,sys; print(json.loads(sys.stdin.readline())['$1'])"; }
count_runs() { ls "$1" 2>/dev/null | grep -c '^run-.*\.bin$'; }
