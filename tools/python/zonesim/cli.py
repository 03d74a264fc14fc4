"""Calling the zonesim binary from Python: locate it, run scenarios and sweeps, read `zonesim compare` JSON; and
the exit codes of the Python command line tools (tools/plot.py, zonesim.report)."""
import json
import os
import pathlib
import shutil
import subprocess
import sys

REPO = pathlib.Path(__file__).resolve().parents[3]


class InputError(Exception):
    """Bad input (a file, an option): the command exits 2 with the message."""


def command_main(prefix, parse, run, argv=None):
    """A command line tool's exit code: 0 when run(parse(argv)) returns; 2 on a usage error or an InputError, 1 on
    any other exception, each with one line `prefix: message` on stderr."""
    try:
        a = parse(argv)
    except SystemExit as e:          # argparse: 2 on usage errors, 0 on --help
        return e.code if isinstance(e.code, int) else 2
    try:
        run(a)
    except InputError as e:
        print(f"{prefix}: {e}", file=sys.stderr)
        return 2
    except Exception as e:  # noqa: BLE001 - one line for the user, exit 1
        print(f"{prefix}: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    return 0


def find_zonesim(explicit=None):
    """Path of the zonesim binary: `explicit`, else $ZONESIM, else <repo>/build/zonesim, else `zonesim` on PATH."""
    for candidate in (explicit, os.environ.get("ZONESIM")):
        if candidate:
            if not (os.path.isfile(candidate) and os.access(candidate, os.X_OK)):
                raise FileNotFoundError(f"zonesim binary {candidate!r} (from ZONESIM or the argument) is not an "
                                        "executable file")
            return str(candidate)
    built = REPO / "build" / "zonesim"
    if built.is_file() and os.access(built, os.X_OK):
        return str(built)
    found = shutil.which("zonesim")
    if found:
        return found
    raise FileNotFoundError(f"no zonesim binary: build it (cmake -S . -B build && cmake --build build) in {REPO}, "
                            "or set ZONESIM=/path/to/zonesim")


def _call(args, zonesim=None, cwd=None):
    cmd = [find_zonesim(zonesim)] + [str(a) for a in args]
    p = subprocess.run(cmd, cwd=cwd or REPO, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed (exit {p.returncode}):\n{p.stderr.strip()}")
    return p.stdout


def run(scenario, out, sets=None, seed=None, threads=None, zonesim=None):
    """`zonesim run SCENARIO -o OUT [--seed N] [--threads N] [--set k=v ...]`; scenario paths relative to the
    repository root. sets: dict of key.path -> value. Returns the output path."""
    args = ["run", scenario, "-o", out]
    if seed is not None:
        args += ["--seed", seed]
    if threads is not None:
        args += ["--threads", threads]
    for k, v in (sets or {}).items():
        args += ["--set", f"{k}={_yaml_value(v)}"]
    _call(args, zonesim)
    return str(out)


def sweep(sweep_file, out, sets=None, threads=None, resume=False, zonesim=None):
    """`zonesim sweep SWEEP -o OUT [--threads N] [--resume] [--set k=v ...] -q`. Returns the output path."""
    args = ["sweep", sweep_file, "-o", out, "-q"]
    if threads is not None:
        args += ["--threads", threads]
    if resume:
        args.append("--resume")
    for k, v in (sets or {}).items():
        args += ["--set", f"{k}={_yaml_value(v)}"]
    _call(args, zonesim)
    return str(out)


def compare_json(path, metric="top10_share_gdp", year=None, bootstrap=None, zonesim=None):
    """The parsed output of `zonesim compare PATH --format json` (comparison, sobol, morris). Note: the CLI prints
    6 significant digits; zonesim.analysis computes the same numbers from the file at full precision."""
    args = ["compare", os.path.abspath(path), "--metric", metric, "--format", "json"]
    if year is not None:
        args += ["--year", year]
    if bootstrap is not None:
        args += ["--bootstrap", bootstrap]
    return json.loads(_call(args, zonesim))


def _yaml_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)
