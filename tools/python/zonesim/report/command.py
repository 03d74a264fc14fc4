"""`zonesim report`: one self-contained HTML page that answers, for the schemes of a sweep, which scheme lowers
polarization, at what public cost, for whom, through which channels, how sure we are and where a scheme fails.

usage: python3 -m zonesim.report OUT.h5 -o report.html [--zonesim PATH] [--year YEAR] [--reference NAME]

Every number of the summary and of the tables of comparisons is read from `zonesim compare --format json` (the
commands are listed at the end of the page); the figures of zones, replicates and design points are computed from
the file with zonesim.analysis. docs/report.md describes each section. The page loads nothing: figures are PNG
data URIs, the style is inline, there is no script. Exit codes: 0 written, 2 bad input, 1 other failure.
"""
import argparse
import difflib
import os
import tempfile

from .. import cli, reader
from ..cli import InputError
from .document import build
from .numbers import POLARIZATION
from .optimization import build_optimization
from ..pareto import is_pareto_file

PROG = "zonesim report"
ERROR_PREFIX = "zonesim: error: report"     # the CLI's error format (docs/contract.md)


def parse(argv):
    ap = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n\n")[0])
    ap.add_argument("path", metavar="OUT.h5", help="a sweep result (zonesim sweep) or an optimisation's (zonesim optimize)")
    ap.add_argument("-o", "--output", required=True, metavar="REPORT.html", help="the HTML file to write")
    ap.add_argument("--zonesim", metavar="PATH", help="the zonesim binary (default: $ZONESIM, build/zonesim, PATH)")
    ap.add_argument("--year", type=int, help="the year of the comparison (default: the file's last)")
    ap.add_argument("--reference", metavar="NAME", help="the scheme compared with (default: the first)")
    return ap.parse_args(argv)


def check_inputs(a):
    """Open the file and check the options; InputError names what is wrong and the valid choices."""
    try:
        ds = reader.open_result(a.path)       # lazily: the report reads two years of the zone variables
    except (OSError, ValueError) as e:
        raise InputError(str(e)) from None
    try:
        return _checked(a, ds)
    except InputError:
        ds.close()
        raise


def _checked(a, ds):
    """check_inputs() on the opened file: (ds, info, year, reference)."""
    info = reader.info(ds)
    if info.n_scenarios < 2:
        raise InputError(f"{a.path}: has one scenario ({ds['scenario_label'].values[0]}), no schemes to compare; "
                         "run a sweep first, e.g. `zonesim sweep scenarios/sweeps/schemes.yaml -o schemes.h5`")
    if info.pooled and len(info.schemes) < 2:
        raise InputError(f"{a.path}: one scheme ({info.schemes[0]}) over the {info.points} points of a {info.design} "
                         "design, which compare pools into one row: no schemes to compare; give the sweep schemes: "
                         "(docs/sweeps.md), or see its indices with `zonesim compare`")
    years = info.years
    if a.year is not None and a.year not in years:
        raise InputError(f"--year {a.year}: not on the file's time axis ({years[0]} to {years[-1]})")
    reference = a.reference or info.reference
    if a.reference is None and len(info.schemes) == 1 and not info.pooled:
        reference = str(ds["scenario_label"].values[0])     # a grid of one scheme: its first point, as compare does
    valid = list(info.schemes)
    if not info.pooled:
        valid += [str(v) for v in ds["scenario_label"].values if str(v) not in valid]
    if reference not in valid:
        close = difflib.get_close_matches(reference, valid, n=3)
        hint = f" (did you mean {' or '.join(close)}?)" if close else ""
        raise InputError(f"--reference {reference}: no such scheme in {a.path}{hint}; schemes: {', '.join(valid)}")
    check_output(a.output, a.path)
    missing = [m for m in POLARIZATION + ("total_gdp", "gdp") if m not in ds.variables]
    if missing:
        raise InputError(f"{a.path}: has no {', '.join(missing)}; expected a zonesim result with GDP and the "
                         "polarization metrics (docs/output.md)")
    return ds, info, a.year or years[-1], reference


def check_output(output, source):
    """The report replaces a regular file at `output` or creates one; it never touches anything else there (the
    result file itself, a directory, a FIFO, a device, a symbolic link's target)."""
    out_dir = os.path.dirname(os.path.abspath(output))
    if not os.path.isdir(out_dir):
        raise InputError(f"-o {output}: the directory {out_dir} does not exist")
    if os.path.islink(output) or (os.path.lexists(output) and not os.path.isfile(output)):
        raise InputError(f"-o {output}: exists and is not a regular file; the report only replaces a regular file")
    if os.path.exists(output) and os.path.samefile(output, source):
        raise InputError(f"-o {output}: is the result file being reported on; give the report another name")


def write_atomically(path, text):
    """Write `text` to a temporary file beside `path`, then rename it over `path` (readers never see half)."""
    path = os.path.abspath(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=os.path.dirname(path))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def main(argv=None):
    return cli.command_main(ERROR_PREFIX, parse, report, argv)


def report(a):
    """Check the inputs (InputError: exit 2), then build the page and write it."""
    if is_pareto_file(a.path):                 # a `zonesim optimize` result: the optimisation's page
        check_output(a.output, a.path)
        for option in ("year", "reference"):
            if getattr(a, option) is not None:
                raise InputError(f"--{option}: applies to sweep results; {a.path} is an optimisation's result")
        write_atomically(a.output, build_optimization(a.path))
        return
    ds, info, year, reference = check_inputs(a)
    try:
        try:
            zonesim = cli.find_zonesim(a.zonesim)
        except FileNotFoundError as e:
            raise InputError(str(e)) from None
        write_atomically(a.output, build(a.path, zonesim, year, reference, ds, info))
    finally:
        ds.close()
