"""Calling the zonesim binary from Python: locate it and the repository, run scenarios and sweeps, read `zonesim
compare` JSON; and the exit codes of the Python command line tools (tools/plot.py, zonesim.report).

Paths given to run and sweep are the caller's: relative ones are taken from the current directory, as a shell
would (the binary runs in the caller's directory). docs/python.md."""
import contextlib
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

PACKAGE = pathlib.Path(__file__).resolve().parent


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


def _is_clone(path):
    return (path / "tools" / "python" / "zonesim").is_dir() and (path / "scenarios").is_dir()


def source_tree():
    """The clone this package is imported from (it is that clone's tools/python/zonesim), else None: an installed
    copy does not know where a clone is."""
    root = PACKAGE.parents[2]
    return root if _is_clone(root) else None


def repository(start=None):
    """The zonesim clone whose scenarios/ and build/ to use: $ZONESIM_REPO, else the clone the package is imported
    from, else the first of `start` (default: the current directory) and its parents that is a clone; None when
    there is none."""
    if os.environ.get("ZONESIM_REPO"):
        return pathlib.Path(os.environ["ZONESIM_REPO"]).resolve()
    root = source_tree()
    if root is not None:
        return root
    here = pathlib.Path(start or os.getcwd()).resolve()
    return next((p for p in (here, *here.parents) if _is_clone(p)), None)


def find_zonesim(explicit=None):
    """Path of the zonesim binary: `explicit`, else $ZONESIM, else build/zonesim of repository(), else `zonesim`
    on PATH."""
    for candidate in (explicit, os.environ.get("ZONESIM")):
        if candidate:
            if not (os.path.isfile(candidate) and os.access(candidate, os.X_OK)):
                raise FileNotFoundError(f"zonesim binary {str(candidate)!r} (from ZONESIM or the argument) is not an "
                                        "executable file")
            return os.path.abspath(candidate)
    root = repository()
    if root is not None:
        built = root / "build" / "zonesim"
        if built.is_file() and os.access(built, os.X_OK):
            return str(built)
    found = shutil.which("zonesim")
    if found:
        return found
    where = f"in {root}" if root is not None else "in a clone"
    raise FileNotFoundError(f"no zonesim binary: set ZONESIM=/path/to/zonesim, put zonesim on PATH, or build it "
                            f"(cmake -S . -B build && cmake --build build) {where}")


def _call(args, zonesim=None):
    """Run the binary in the caller's current directory; its stdout, or RuntimeError with its stderr."""
    cmd = [find_zonesim(zonesim)] + [str(a) for a in args]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed (exit {p.returncode}):\n{p.stderr.strip()}")
    return p.stdout


def _set_args(sets):
    args = []
    for k, v in (sets or {}).items():
        args += ["--set", f"{k}={_yaml_value(v)}"]
    return args


def run(scenario, out, sets=None, seed=None, threads=None, zonesim=None):
    """`zonesim run SCENARIO -o OUT [--seed N] [--threads N] [--set k=v ...]`, relative paths from the current
    directory. sets: dict of key.path -> value. Returns the absolute output path."""
    args = ["run", scenario, "-o", out]
    if seed is not None:
        args += ["--seed", seed]
    if threads is not None:
        args += ["--threads", threads]
    _call(args + _set_args(sets), zonesim)
    return os.path.abspath(out)


def sweep(definition, out, sets=None, threads=None, resume=False, zonesim=None):
    """`zonesim sweep SWEEP -o OUT [--threads N] [--resume] [--set k=v ...] -q`. `definition` is a sweep file or a
    dict with the keys of one (docs/sweeps.md), relative paths from the current directory. Returns the absolute
    output path."""
    args = ["-o", out, "-q"]
    if threads is not None:
        args += ["--threads", threads]
    if resume:
        args.append("--resume")
    args += _set_args(sets)
    if not isinstance(definition, dict):
        _call(["sweep", definition] + args, zonesim)
        return os.path.abspath(out)
    with _sweep_file(definition) as path:
        try:
            _call(["sweep", path] + args, zonesim)
        except RuntimeError as e:
            raise RuntimeError(str(e).replace(path, "<sweep dict>")) from None
    return os.path.abspath(out)


@contextlib.contextmanager
def _sweep_file(definition):
    """A sweep dict as a file, removed afterwards. The binary takes a relative path in a file from that file's
    directory, so the file is written in the current directory (every relative path then means what it means to
    the caller) and `base` is made absolute (for the fallback to the temporary directory when the current one is
    not writable). JSON is YAML: no YAML writer needed, and the dict's order (the reference scheme first) is kept."""
    d = dict(definition)
    if "base" not in d:
        raise ValueError("sweep dict: needs a 'base' key (the base scenario file), as a sweep file does")
    d["base"] = os.path.abspath(os.fspath(d["base"]))
    text = json.dumps(d, indent=2, ensure_ascii=False, default=os.fspath) + "\n"
    try:
        fd, path = tempfile.mkstemp(prefix=".zonesim-sweep-", suffix=".yaml", dir=os.getcwd())
    except OSError:
        fd, path = tempfile.mkstemp(prefix="zonesim-sweep-", suffix=".yaml")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        yield path
    finally:
        os.unlink(path)


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
