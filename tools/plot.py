#!/usr/bin/python3
"""Write the standard figures of a zonesim result file, without Jupyter.

usage: tools/plot.py OUT.h5 -o FIGDIR [--format png,svg] [--metric top10_share_gdp] [--year YEAR]
                     [--scheme NAME] [--replicate N|mean] [--dpi 110] [-q]

Figures (FIGDIR/<name>.<format>, for each format):
  trajectories     top-10 share, Gini, Theil T of GDP and total GDP over time: mean per scenario (per scheme,
                   pooled over design points, for lhs/sobol/morris sweeps) with the 95% t interval of the mean
  theil_split      Theil T of GDP split into between- and within-province parts (the reference scenario)
  forest           sweeps with two or more schemes: paired difference of --metric at --year from the reference
                   scheme, mean and 95% t interval over replicates (the numbers of `zonesim compare`)
  sobol, morris    sobol / morris sweeps: Sobol' S1 and ST with intervals; Morris mu*-sigma
  zone_map         zones at their coordinates, size = GDP, colour = yearly growth; the reference beside --scheme
                   (default the second scheme) when the file has several schemes
  province_flows   net relocations per province (moved in minus moved out) in the reference scenario
  grid_<scheme>    grids over 2 factors: a heatmap of each scheme's paired difference in --metric at --year from
                   the reference at every cell (the reference itself: its mean)

Schemes are labelled with their display names, English and Chinese (zonesim.names; fonts-noto-cjk). Many lines
get a key below the panels, never none; `zonesim report` writes the full HTML report.

--year defaults to the file's last year. Exit codes: 0 success, 2 bad input (file, option), 1 other failure.
Uses only Debian packages (python3-xarray, -h5netcdf, -numpy, -pandas, -matplotlib) and the Agg backend.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "python"))

import zonesim as zs  # noqa: E402  (matplotlib is imported once the inputs are checked)
from zonesim.cli import InputError, command_main  # noqa: E402

FORMATS = ("png", "svg", "pdf")


def parse(argv):
    ap = argparse.ArgumentParser(prog="tools/plot.py", description=__doc__.split("\n")[1],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__.split("\n\n", 1)[1])
    ap.add_argument("path", metavar="OUT.h5")
    ap.add_argument("-o", "--output", required=True, metavar="FIGDIR", help="directory for the figures (created)")
    ap.add_argument("--format", default="png", help="comma-separated: png, svg, pdf (default png)")
    ap.add_argument("--metric", default="top10_share_gdp", help="metric of the forest/sobol/morris figures")
    ap.add_argument("--year", type=int, help="year of the forest, sensitivity and map figures (default: last)")
    ap.add_argument("--scheme", help="scheme shown beside the reference on the zone map")
    ap.add_argument("--replicate", default="0", help="replicate of the map and flows (index or 'mean'; default 0)")
    ap.add_argument("--dpi", type=int, default=110)
    ap.add_argument("-q", "--quiet", action="store_true")
    return ap.parse_args(argv)


def main(argv=None):
    return command_main("tools/plot.py: error", parse, draw, argv)


def draw(a):
    formats = [f.strip().lower() for f in a.format.split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if not formats or bad:
        raise InputError(f"--format {a.format}: expected a comma-separated list of {', '.join(FORMATS)}")
    replicate = a.replicate if a.replicate == "mean" else _int(a.replicate, "--replicate")
    try:
        ds = zs.open_result(a.path)
    except (OSError, ValueError) as e:
        raise InputError(str(e)) from e
    info = zs.info(ds)
    if a.metric not in ds.variables:
        raise InputError(f"--metric {a.metric}: no such variable in {a.path}")
    if a.year is not None and a.year not in info.years:
        raise InputError(f"--year {a.year}: not on the file's time axis ({info.years[0]} to {info.years[-1]})")
    if replicate != "mean" and not 0 <= replicate < info.n_replicates:
        raise InputError(f"--replicate {replicate}: the file has replicates 0..{info.n_replicates - 1}")
    if a.scheme is not None and a.scheme not in info.schemes:
        raise InputError(f"--scheme {a.scheme}: not a scheme of the file ({', '.join(info.schemes)})")
    year = a.year or info.years[-1]
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from zonesim import plots
    os.makedirs(a.output, exist_ok=True)
    written = []

    def save(fig, name):
        for fmt in formats:
            path = os.path.join(a.output, f"{name}.{fmt}")
            fig.savefig(path, dpi=a.dpi, metadata={"Date": None} if fmt == "svg" else None)
            written.append(path)
        plt.close(fig)

    save(plots.plot_trajectories(ds), "trajectories")
    save(plots.plot_theil_split(ds, "gdp", scenario=0), "theil_split")
    if len(info.schemes) > 1:
        diff = zs.scheme_differences(ds, a.metric, year)
        save(plots.plot_forest(diff), "forest")
    if info.design == "sobol":
        save(plots.plot_sobol(zs.sobol_indices(ds, a.metric, year)), "sobol")
    if info.design == "morris":
        save(plots.plot_morris(zs.morris_indices(ds, a.metric, year)), "morris")
    ref = zs.zone_map_data(ds, scenario=0, replicate=replicate, year=year)
    other = a.scheme or (info.schemes[1] if len(info.schemes) > 1 else None)
    if other is not None:
        right = zs.zone_map_data(ds, scenario=other, replicate=replicate, year=year)
        save(plots.plot_zone_maps(ref, right), "zone_map")
    else:
        fig, _ = plots.plot_zone_map(ref)
        save(fig, "zone_map")
    save(plots.plot_province_flows(zs.province_flows(ds, scenario=0, replicate=replicate, year=year)),
         "province_flows")
    if info.design == "grid" and len(info.factors) == 2:
        for scheme in info.schemes:
            save(plots.plot_grid_heatmap(ds, a.metric, year, scheme=scheme), f"grid_{scheme}")
    ds.close()
    if not a.quiet:
        for p in written:
            print(p)


def _int(text, option):
    try:
        return int(text)
    except ValueError:
        raise InputError(f"{option} {text}: expected an integer or 'mean'") from None


if __name__ == "__main__":
    sys.exit(main())
