#!/usr/bin/python3
"""usage: same_data.py A.h5 B.h5 -- exit 0 when every dataset of A and B holds bit-identical data (attributes
such as the creation time are not compared), 1 otherwise with the first differences."""
import sys

import h5py
import numpy as np


def datasets(f):
    out = {}
    f.visititems(lambda name, obj: out.__setitem__(name, obj[()]) if isinstance(obj, h5py.Dataset) else None)
    return out


a, b = (datasets(h5py.File(p, "r")) for p in sys.argv[1:3])
bad = sorted(set(a) ^ set(b))
for name in sorted(set(a) & set(b)):
    x, y = a[name], b[name]
    if x.dtype.kind == "f":
        same = x.shape == y.shape and np.array_equal(x.view(np.uint64), y.view(np.uint64))
    else:
        same = x.shape == y.shape and np.array_equal(x, y)
    if not same:
        bad.append(name)
for name in bad[:10]:
    print(f"differs: {name}")
sys.exit(1 if bad else 0)
