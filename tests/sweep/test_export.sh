#!/usr/bin/env bash
# zonesim export: tidy CSV tables of a run and of a sweep. Every value read back (pandas) equals the HDF5 data
# bit for bit, in the row the identifying columns name; an unfinished run has no rows; units in the header and
# the codebook; --vars, --plain-header; bad input exit 2 with "did you mean"; nothing but the tables is
# touched, and an existing table is replaced whole.
set -u
ZONESIM=${1:?usage: test_export.sh path/to/zonesim}
source "$(dirname "$0")/../cli/lib.sh"

printf 'seed: 4\ntime:\n  end: 2027\nenterprises:\n  count: 1500\n' >"$TMP/base.yaml"
printf 'base: base.yaml\nschemes:\n  ref: {}\n  cheap: {relocation.fixed_cost: 1.0}\nreplicates: 2\n' >"$TMP/sweep.yaml"
"$ZONESIM" run "$TMP/base.yaml" -o "$TMP/run.h5" >/dev/null 2>&1
"$ZONESIM" sweep "$TMP/sweep.yaml" -o "$TMP/sweep.h5" >/dev/null 2>&1
check "inputs made" test -s "$TMP/run.h5" -a -s "$TMP/sweep.h5"

# The sweep with one run marked unfinished (a copy): its rows must be absent.
/usr/bin/python3 -c "
import h5py, shutil; shutil.copy('$TMP/sweep.h5', '$TMP/partial.h5')
with h5py.File('$TMP/partial.h5', 'r+') as f: f['completed'][1, 0] = 0"

for f in run sweep partial; do
  "$ZONESIM" export "$TMP/$f.h5" -o "$TMP/$f" -q
  check "$f: exit 0" test $? -eq 0
  check "$f: every value equals the HDF5 data, bit for bit" /usr/bin/python3 - "$TMP/$f.h5" "$TMP/$f" <<'PY'
import sys, re, h5py, numpy as np, pandas as pd
f, d = h5py.File(sys.argv[1], "r"), sys.argv[2]
done = f["completed"][()]
book = pd.read_csv(f"{d}/variables.csv", keep_default_na=False)
for table, dims in (("by_year_zone", ("time", "zone")), ("by_year", ("time",)), ("by_year_sector", ("time", "sector")), ("by_run", ())):
    t = pd.read_csv(f"{d}/{table}.csv", keep_default_na=False, na_values=[""], float_precision="round_trip")
    S, R = done.shape
    want = int(done.sum()) * int(np.prod([f[a].shape[0] for a in dims]) if dims else 1)
    assert len(t) == want, (table, len(t), want)
    pos = [t["scenario"].to_numpy(), t["replicate"].to_numpy()]
    for a in dims:
        col = "year" if a == "time" else a
        values = f[a][()]
        pos.append(np.searchsorted(values, t[col].to_numpy()))
        assert (values[pos[-1]] == t[col].to_numpy()).all(), (table, a)
    assert all(done[s, r] == 1 for s, r in zip(pos[0], pos[1])), table   # no row of an unfinished run
    if "zone_name" in t:
        names = f["zone_name"].asstr()[()]
        assert (names[pos[-1]] == t["zone_name"].to_numpy()).all()
    checked = 0
    for header in t.columns:
        name = re.sub(r" \[.*\]$", "", header)
        if name not in f or f[name].ndim < 2 or f[name].dims[0][0].name != "/scenario":
            continue
        units = f[name].attrs.get("units", b"")
        units = units.decode() if isinstance(units, bytes) else str(units)
        assert header == (name if units in ("", "1") else f"{name} [{units}]"), header
        row = book[(book.table == f"{table}.csv") & (book.column == name)]
        assert len(row) == 1 and row.units.iloc[0] == units, (table, name)
        x = f[name][()][tuple(pos)].astype(np.float64)
        y = t[header].to_numpy(dtype=np.float64)
        same = (x == y) | (np.isnan(x) & np.isnan(y))
        assert same.all(), (table, name, x[~same][:3], y[~same][:3])
        checked += 1
    assert checked >= 1, table
zones = pd.read_csv(f"{d}/zones.csv", keep_default_na=False)
assert list(zones["zone_name_zh"]) == list(f["zone_name_zh"].asstr()[()])   # UTF-8 names intact
assert len(pd.read_csv(f"{d}/scenarios.csv")) == done.shape[0]
PY
done
check "sweep: scheme names in the rows" /usr/bin/python3 -c "
import pandas as pd; t = pd.read_csv('$TMP/sweep/by_year.csv')
assert sorted(set(t.scheme)) == ['cheap', 'ref'], set(t.scheme)"

"$ZONESIM" export "$TMP/sweep.h5" -o "$TMP/some" --vars gdp,theil_t_gdp --plain-header -q
check "--vars: only the tables of those variables" /usr/bin/python3 -c "
import os, pandas as pd; files = sorted(os.listdir('$TMP/some'))
assert 'by_year_zone.csv' in files and 'by_year.csv' in files and 'by_year_sector.csv' not in files, files
assert list(pd.read_csv('$TMP/some/by_year_zone.csv').columns)[-1] == 'gdp'
assert list(pd.read_csv('$TMP/some/by_year.csv').columns)[-1] == 'theil_t_gdp'"

# Bad input: exit 2 and a useful message; no directory made.
"$ZONESIM" export "$TMP/sweep.h5" -o "$TMP/bad" --vars gdpp >/dev/null 2>"$TMP/err"
check "unknown variable: exit 2" test $? -eq 2
check "... did you mean" grep -q "did you mean 'gdp'" "$TMP/err"
check "... nothing made" test ! -e "$TMP/bad"
"$ZONESIM" export "$TMP/base.yaml" -o "$TMP/bad" >/dev/null 2>"$TMP/err"
check "not a result file: exit 2" test $? -eq 2
"$ZONESIM" export "$TMP/sweep.h5" --format parquet >/dev/null 2>"$TMP/err"
check "unknown format: exit 2" test $? -eq 2
"$ZONESIM" export "$TMP/sweep.h5" -o "$TMP/base.yaml" >/dev/null 2>"$TMP/err"
check "-o an existing file: exit 2, the file untouched" test $? -eq 2 -a "$(head -c 5 "$TMP/base.yaml")" = "seed:"

# Only the tables are touched; a rerun replaces them whole.
mkdir -p "$TMP/mixed" && echo keep >"$TMP/mixed/notes.txt" && echo stale >"$TMP/mixed/by_year.csv"
"$ZONESIM" export "$TMP/run.h5" -o "$TMP/mixed" -q
check "other files in the directory untouched" test "$(cat "$TMP/mixed/notes.txt")" = keep
check "a table of the same name replaced" cmp -s "$TMP/mixed/by_year.csv" "$TMP/run/by_year.csv"
check "no temporary file left" test -z "$(ls -A "$TMP/mixed" | grep '^\.')"
"$ZONESIM" export --help | grep -q "usage: zonesim export"
check "export --help" test $? -eq 0

echo "$fails failure(s)"
[[ $fails -eq 0 ]]
