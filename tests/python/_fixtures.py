"""What the Python tests share: the repository, the zonesim binary they run and small runs and sweeps.

    import _fixtures as fx               # first: it puts tools/python on sys.path, for `import zonesim`
    BINARY = fx.find_binary(fx.binary_argument(__name__ == "__main__"))

    @fx.needs_binary(BINARY)
    class TestX(fx.SmallRuns):           # cls.bin, cls.tmp, cls.files["run"], cls.files[<sweep>]
        binary, sweeps = BINARY, ("schemes",)
"""
import os
import sys
import tempfile
import unittest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SWEEPS = os.path.join(REPO, "tests", "python", "sweeps")
sys.path.insert(0, os.path.join(REPO, "tools", "python"))

import zonesim as zs  # noqa: E402


def binary_argument(is_main):
    """The binary given as the first argument of a test run as a script, taken off sys.argv so that unittest does
    not read it as a test name."""
    if is_main and len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        return os.path.abspath(sys.argv.pop(1))
    return None


def find_binary(argument=None):
    """The zonesim binary: `argument`, else $ZONESIM, else build/zonesim; None when none is executable."""
    for c in (argument, os.environ.get("ZONESIM"), os.path.join(REPO, "build", "zonesim")):
        if c and os.access(c, os.X_OK):
            return os.path.abspath(c)
    return None


def small_sweep(name, directory, zonesim):
    """Run sweeps/<name>_small.yaml into <directory>/<name>.h5 and return that path."""
    return zs.sweep(os.path.join(SWEEPS, f"{name}_small.yaml"), os.path.join(directory, f"{name}.h5"), zonesim=zonesim)


def needs_binary(binary):
    """A class decorator: skip the tests when there is no binary."""
    return unittest.skipIf(binary is None, "no zonesim binary (pass it as the first argument or set ZONESIM)")


class SmallRuns(unittest.TestCase):
    """Tests that run zonesim `binary`: in a temporary directory cls.tmp, cls.files holds a baseline run of 2000
    enterprises to `run_end` ("run") and the small sweeps named in `sweeps` (sweeps/<name>_small.yaml)."""
    binary = None
    run_end = 2028
    sweeps = ()

    @classmethod
    def setUpClass(cls):
        cls.bin = cls.binary
        cls.tmp = tempfile.TemporaryDirectory()
        run = os.path.join(cls.tmp.name, "run.h5")
        cls.files = {"run": zs.run("scenarios/baseline.yaml", run, zonesim=cls.bin,
                                   sets={"enterprises.count": 2000, "time.end": cls.run_end})}
        for name in cls.sweeps:
            cls.files[name] = small_sweep(name, cls.tmp.name, cls.bin)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()
