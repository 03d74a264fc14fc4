#!/usr/bin/python3
"""usage: same_data.py [--portable-paths] [--ignore NAME ...] A.h5 B.h5 -- exit 0 when every dataset of A and B holds bit-identical
data (attributes such as the creation time are not compared), 1 otherwise with the first differences.

--portable-paths: in text datasets, an absolute path to a file under a data/ folder (the zone table in the
stored scenario) is compared from its data/ part on, so that files written in two clones of the repository
compare equal.

--ignore NAME: leave the dataset NAME out (the golden tier leaves out scenario_yaml, the resolved scenario's text,
which lists every key: a new key, for a new mechanism that is off, changes the text and not the results)."""
import re
import sys

import h5py
import numpy as np

PORTABLE = re.compile(rb'"/[^"\n]*/(data/[^"\n]*)"')


def datasets(f):
    out = {}
    f.visititems(lambda name, obj: out.__setitem__(name, obj[()]) if isinstance(obj, h5py.Dataset) else None)
    return out


def portable(x):
    if x.dtype.kind == "O" or x.dtype.kind == "S":
        return np.array([PORTABLE.sub(rb'"<repo>/\1"', v if isinstance(v, bytes) else v.encode())
                         for v in x.ravel()], dtype=object).reshape(x.shape)
    return x


args = sys.argv[1:]
make_portable = "--portable-paths" in args
ignored = {args[i + 1] for i, arg in enumerate(args[:-1]) if arg == "--ignore"}
paths = [arg for i, arg in enumerate(args)
         if arg not in ("--portable-paths", "--ignore") and (i == 0 or args[i - 1] != "--ignore")]
if len(paths) != 2:
    sys.exit(__doc__)
a, b = (datasets(h5py.File(p, "r")) for p in paths)
for name in ignored:
    a.pop(name, None)
    b.pop(name, None)
bad = sorted(set(a) ^ set(b))
for name in sorted(set(a) & set(b)):
    x, y = a[name], b[name]
    if make_portable:
        x, y = portable(x), portable(y)
    if x.dtype.kind == "f":
        same = x.shape == y.shape and np.array_equal(x.view(np.uint64), y.view(np.uint64))
    else:
        same = x.shape == y.shape and np.array_equal(x, y)
    if not same:
        bad.append(name)
for name in bad[:10]:
    print(f"differs: {name}")
sys.exit(1 if bad else 0)
