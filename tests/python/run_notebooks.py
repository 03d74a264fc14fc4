#!/usr/bin/python3
"""CI: execute every notebook of notebooks/ headless on small inputs, check their figures, and run tools/plot.py.

usage: tests/python/run_notebooks.py [ZONESIM] [--workdir DIR] [--only 01,03]

1. Builds small inputs with the zonesim binary (argument, else $ZONESIM, else build/zonesim): a baseline run and
   the sweeps of tests/python/sweeps/ (schemes, sobol, morris).
2. Executes each notebooks/*.ipynb with nbclient in the python3 kernel (python3-ipykernel: /usr/bin/python3),
   its inputs and figure directory given by environment variables, and checks that it saved the figures listed in
   EXPECTED (a notebook not listed must save at least one figure named after its number).
3. Runs tools/plot.py on the run and on each sweep (png and svg) and checks its figures.
The notebooks in the repository are not modified (executed copies of failing ones are kept in the work
directory). Exit 0 when everything passed, 1 otherwise.
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SWEEPS = os.path.join(REPO, "tests", "python", "sweeps")

# The figures each notebook must save (FIGURES/<name>.png).
EXPECTED = {
    "01_quickstart": ["01_top10_share", "01_theil_split", "01_gini"],
    "02_schemes": ["02_trajectories", "02_forest", "02_forest_metrics"],
    "03_sensitivity": ["03_sobol", "03_sobol_over_time", "03_morris"],
    "04_map": ["04_zone_map", "04_gdp_change_map", "04_province_net_flows", "04_province_flow_map"],
}
# The figures of tools/plot.py by kind of input.
PLOT_COMMON = ["trajectories", "theil_split", "zone_map", "province_flows"]
PLOT_EXTRA = {"run": [], "schemes": ["forest"], "sobol": ["sobol"], "morris": ["morris"]}

PNG = b"\x89PNG\r\n\x1a\n"


def log(msg):
    print(msg, flush=True)


def check_png(path):
    """None when path is a non-empty PNG, else what is wrong."""
    if not os.path.isfile(path):
        return "missing"
    with open(path, "rb") as f:
        head = f.read(8)
    if os.path.getsize(path) < 1000 or head != PNG:
        return f"not a PNG image ({os.path.getsize(path)} bytes)"
    return None


def check_svg(path):
    if not os.path.isfile(path):
        return "missing"
    with open(path, "rb") as f:
        text = f.read(4096)
    return None if b"<svg" in text else "not an SVG image"


def build_inputs(zonesim, work):
    """The small result files the notebooks and plot.py read; returns {name: path}."""
    files = {"run": os.path.join(work, "run.h5")}
    t0 = time.time()
    subprocess.run([zonesim, "run", "scenarios/baseline.yaml", "-o", files["run"], "--set", "enterprises.count=5000",
                    "--set", "time.end=2030"], cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    for name in ("schemes", "sobol", "morris"):
        files[name] = os.path.join(work, f"{name}.h5")
        subprocess.run([zonesim, "sweep", os.path.join(SWEEPS, f"{name}_small.yaml"), "-o", files[name], "-q"],
                       cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    log(f"inputs built in {time.time() - t0:.1f} s: " + ", ".join(f"{k}={v}" for k, v in files.items()))
    return files


def kernel_argv():
    try:
        from jupyter_client.kernelspec import KernelSpecManager
        return KernelSpecManager().get_kernel_spec("python3").argv
    except Exception as e:  # noqa: BLE001 - reported, the execution will fail with the real error
        return [f"(no python3 kernel: {e})"]


def run_notebook(path, env, work):
    """Execute one notebook; returns (ok, seconds, message)."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    name = os.path.splitext(os.path.basename(path))[0]
    nb = nbformat.read(path, as_version=4)
    saved = dict(os.environ)
    os.environ.update(env)      # the kernel inherits this process's environment
    t0 = time.time()
    try:
        NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=False,
                       resources={"metadata": {"path": os.path.dirname(path)}}).execute()
        ok, message = True, ""
    except CellExecutionError as e:
        ok = False
        message = f"{getattr(e, 'ename', 'error')}: {getattr(e, 'evalue', '')}\n" + re.sub(r"\x1b\[[0-9;]*m", "", str(e))
    except Exception as e:  # noqa: BLE001 - a kernel that does not start, a timeout
        ok, message = False, f"{type(e).__name__}: {e}"
    finally:
        os.environ.clear()
        os.environ.update(saved)
    seconds = time.time() - t0
    if not ok:
        out = os.path.join(work, f"{name}.executed.ipynb")
        nbformat.write(nb, out)
        message += f"\n(executed notebook with its outputs: {out})"
    return ok, seconds, message


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("zonesim", nargs="?", help="the zonesim binary (default $ZONESIM, else build/zonesim)")
    ap.add_argument("--workdir", help="keep inputs and figures here (default: a temporary directory, removed)")
    ap.add_argument("--only", help="comma-separated notebook numbers or names to run (default all)")
    a = ap.parse_args()
    zonesim = os.path.abspath(a.zonesim or os.environ.get("ZONESIM") or os.path.join(REPO, "build", "zonesim"))
    if not os.access(zonesim, os.X_OK):
        print(f"run_notebooks.py: error: no zonesim binary at {zonesim}", file=sys.stderr)
        return 2
    work = os.path.abspath(a.workdir) if a.workdir else tempfile.mkdtemp(prefix="zonesim-notebooks-")
    os.makedirs(work, exist_ok=True)
    t_start = time.time()
    failures = []
    try:
        log(f"zonesim: {zonesim}\nkernel python3: {' '.join(kernel_argv())}\nwork directory: {work}")
        files = build_inputs(zonesim, work)

        notebooks = sorted(glob.glob(os.path.join(REPO, "notebooks", "*.ipynb")))
        if a.only:
            keys = a.only.split(",")
            notebooks = [p for p in notebooks if any(os.path.basename(p).startswith(k) for k in keys)]
        missing = sorted(set(EXPECTED) - {os.path.splitext(os.path.basename(p))[0] for p in notebooks})
        if missing and not a.only:
            failures.append(f"notebooks listed in EXPECTED but not in notebooks/: {', '.join(missing)}")
        for path in notebooks:
            name = os.path.splitext(os.path.basename(path))[0]
            figures = os.path.join(work, "figures", name)
            env = {
                "ZONESIM": zonesim, "ZONESIM_REPO": REPO, "ZONESIM_DATA": os.path.join(work, "data", name),
                "ZONESIM_FIGURES": figures, "ZONESIM_ENTERPRISES": "3000", "ZONESIM_SCHEMES": files["schemes"],
                "ZONESIM_SOBOL": files["sobol"], "ZONESIM_MORRIS": files["morris"],
                "PYDEVD_DISABLE_FILE_VALIDATION": "1", "MPLCONFIGDIR": os.path.join(work, "mpl"),
            }
            ok, seconds, message = run_notebook(path, env, work)
            problems = [] if ok else [message]
            if ok:
                wanted = EXPECTED.get(name)
                if wanted is None:
                    prefix = name.split("_")[0]
                    if not glob.glob(os.path.join(figures, f"{prefix}_*.png")):
                        problems.append(f"saved no figure {figures}/{prefix}_*.png")
                for fig in wanted or []:
                    bad = check_png(os.path.join(figures, f"{fig}.png"))
                    if bad:
                        problems.append(f"figure {fig}.png: {bad}")
            log(f"{'ok  ' if not problems else 'FAIL'} {name} ({seconds:.1f} s)")
            for p in problems:
                log("     " + p.replace("\n", "\n     "))
                failures.append(f"{name}: {p.splitlines()[0] if p else p}")

        if not a.only:
            for kind, path in files.items():
                out = os.path.join(work, "plot", kind)
                t0 = time.time()
                p = subprocess.run([sys.executable, os.path.join(REPO, "tools", "plot.py"), path, "-o", out,
                                    "--format", "png,svg", "-q"], cwd=REPO, capture_output=True, text=True,
                                   env=dict(os.environ, MPLCONFIGDIR=os.path.join(work, "mpl")))
                problems = [] if p.returncode == 0 else [f"exit {p.returncode}: {p.stderr.strip()}"]
                if p.returncode == 0:
                    for fig in PLOT_COMMON + PLOT_EXTRA[kind]:
                        for fmt, check in (("png", check_png), ("svg", check_svg)):
                            bad = check(os.path.join(out, f"{fig}.{fmt}"))
                            if bad:
                                problems.append(f"{fig}.{fmt}: {bad}")
                log(f"{'ok  ' if not problems else 'FAIL'} tools/plot.py {kind} ({time.time() - t0:.1f} s)")
                for prob in problems:
                    log("     " + prob)
                    failures.append(f"tools/plot.py {kind}: {prob}")
    finally:
        if not a.workdir and not failures:
            shutil.rmtree(work, ignore_errors=True)
    log(f"total {time.time() - t_start:.1f} s")
    if failures:
        log(f"{len(failures)} failure(s); inputs and figures kept in {work}:\n  " + "\n  ".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
