#!/usr/bin/python3
"""Unit tests of the Python reader (tools/python/zonesim) and tools/plot.py.

usage: /usr/bin/python3 tests/python/test_reader.py [ZONESIM] [unittest options]
       ZONESIM=build/zonesim /usr/bin/python3 -m unittest discover -s tests/python -p 'test_*.py'

Three groups: the statistics against known values (t quantiles, SplitMix64, Sobol' on the Ishigami function,
Morris on a linear model); the helpers on a synthetic result file with known answers; and, with the zonesim
binary (argument, $ZONESIM or build/zonesim; skipped without), real small runs and sweeps checked against
`zonesim compare --format json` and tools/plot.py's exit codes. Also: notebooks are committed without outputs.
"""
import glob
import math
import os
import subprocess
import sys
import tempfile
import unittest

import numpy as np
import xarray as xr

import _fixtures as fx  # first: it puts tools/python on sys.path
import zonesim as zs  # noqa: E402
from zonesim import stats  # noqa: E402

REPO = fx.REPO
BINARY = fx.find_binary(fx.binary_argument(__name__ == "__main__"))


class TestStats(unittest.TestCase):
    def test_t_quantile_table(self):
        # Two-sided 95% critical values (standard tables).
        for df, want in ((1, 12.7062047), (2, 4.30265273), (3, 3.18244631), (10, 2.22813885), (30, 2.04227246),
                         (1000, 1.96233908)):
            self.assertAlmostEqual(stats.t_quantile(0.975, df), want, places=6)
        self.assertAlmostEqual(stats.t_quantile(0.025, 5), -stats.t_quantile(0.975, 5), places=12)
        self.assertEqual(stats.t_quantile(0.5, 4), 0.0)
        with self.assertRaises(ValueError):
            stats.t_quantile(1.0, 3)

    def test_t_quantile_matches_scipy(self):
        try:
            from scipy import stats as sst
        except ImportError:
            self.skipTest("scipy not installed")
        for df in (1, 2, 4, 7, 19, 99):
            for p in (0.6, 0.9, 0.975, 0.995):
                self.assertAlmostEqual(stats.t_quantile(p, df), sst.t.ppf(p, df), places=8)

    def test_mean_interval(self):
        m, lo, hi, sd, n = stats.mean_interval([1.0, 2.0, 3.0, float("nan")])
        self.assertEqual((m, n), (2.0, 3))
        self.assertAlmostEqual(sd, 1.0)
        half = 4.30265273 / math.sqrt(3)
        self.assertAlmostEqual(lo, 2.0 - half, places=6)
        self.assertAlmostEqual(hi, 2.0 + half, places=6)
        m, lo, hi, sd, n = stats.mean_interval([5.0])
        self.assertEqual((m, n), (5.0, 1))
        self.assertTrue(math.isnan(lo) and math.isnan(hi) and math.isnan(sd))
        self.assertEqual(stats.mean_interval([])[4], 0)

    def test_summarize_matches_mean_interval(self):
        rng = np.random.default_rng(3)
        x = rng.normal(size=(4, 5, 6))
        x[1, 2, 3] = np.nan
        s = stats.summarize(x, axis=1)
        for i in range(4):
            for t in range(6):
                m, lo, hi, sd, n = stats.mean_interval(x[i, :, t])
                self.assertAlmostEqual(s["mean"][i, t], m, places=12)
                self.assertAlmostEqual(s["lo"][i, t], lo, places=12)
                self.assertAlmostEqual(s["hi"][i, t], hi, places=12)
                self.assertEqual(s["n"][i, t], n)
        spread = stats.summarize(x, axis=1, band="spread")
        self.assertAlmostEqual(spread["lo"][0, 0], np.percentile(x[0, :, 0], 2.5))
        one = stats.summarize(x[:, :1], axis=1)
        self.assertTrue(np.isnan(one["lo"]).all() and np.isfinite(one["mean"]).all())

    def test_splitmix64_reference(self):
        # The reference outputs of SplitMix64 (Vigna's splitmix64.c) for seed 1234567, and the engine's below().
        r = stats.SplitMix64(1234567)
        self.assertEqual([r.next() for _ in range(3)],
                         [6457827717110365317, 3203168211198807973, 9817491932198370423])
        q = stats.SplitMix64(7)
        self.assertEqual([q.below(64) for _ in range(5)], [24, 1, 57, 37, 28])  # include/zonesim/design.hpp

    def test_sobol_ishigami(self):
        # Ishigami (a = 7, b = 0.1) on [-pi, pi]^3: S1 = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437).
        n, k = 8192, 3
        rng = np.random.default_rng(11)
        A = rng.uniform(-np.pi, np.pi, (n, k))
        B = rng.uniform(-np.pi, np.pi, (n, k))

        def f(x):
            return np.sin(x[:, 0]) + 7 * np.sin(x[:, 1]) ** 2 + 0.1 * x[:, 2] ** 4 * np.sin(x[:, 0])

        rows = [f(A), f(B)] + [f(np.where(np.arange(k) == i, B, A)) for i in range(k)]
        y = np.stack(rows, axis=1).ravel()      # A_j, B_j, AB_1j .. AB_kj for each base row j
        r = stats.sobol_from_outputs(y, n, k, bootstrap=50, seed=1)
        np.testing.assert_allclose(r["S1"], [0.3139, 0.4424, 0.0], atol=0.04)
        np.testing.assert_allclose(r["ST"], [0.5576, 0.4424, 0.2437], atol=0.04)
        self.assertTrue(np.all(r["S1_lo"] <= r["S1"]) and np.all(r["S1"] <= r["S1_hi"]))
        with self.assertRaises(ValueError):
            stats.sobol_from_outputs(y[:-1], n, k)

    def test_morris_linear(self):
        # f = 2 u0 - 3 u1 (unit cube): every elementary effect of factor 0 is 2, of factor 1 is -3, sigma 0.
        r, k = 5, 2
        rng = np.random.default_rng(5)
        f, factor, step = [], [], []
        for _ in range(r):
            u = rng.uniform(0, 0.5, k)
            f.append(2 * u[0] - 3 * u[1]), factor.append(-1), step.append(0.0)
            for i in rng.permutation(k):
                d = 2 / 3 * rng.choice([-1, 1])
                u[i] += d
                f.append(2 * u[0] - 3 * u[1]), factor.append(int(i)), step.append(d)
        m = stats.morris_from_outputs(f, factor, step, r, k, bootstrap=100, seed=3)
        np.testing.assert_allclose(m["mu"], [2, -3])
        np.testing.assert_allclose(m["mu_star"], [2, 3])
        np.testing.assert_allclose(m["sigma"], [0, 0], atol=1e-12)
        np.testing.assert_allclose(m["mu_star_lo"], [2, 3])
        self.assertEqual(list(m["n"]), [5, 5])


def synthetic_file(path, completed=None):
    """A small file with the layout of a schemes sweep (2 schemes x 2 points, 3 replicates, 3 years, 4 zones in
    2 provinces) and known values: metric = 0.1 * scheme + 0.01 * replicate + 0.001 * point + 0.0001 * year_index;
    gdp of zone z = (z + 1) * 1.1 ** year_index * (1 + scheme); relocations known per zone."""
    S, R, T, Z = 4, 3, 3, 4
    scheme = np.array([0, 0, 1, 1])
    point = np.array([0, 1, 0, 1])
    s_, r_, t_ = np.meshgrid(np.arange(S), np.arange(R), np.arange(T), indexing="ij")
    metric = 0.1 * scheme[s_] + 0.01 * r_ + 0.001 * point[s_] + 0.0001 * t_
    gdp = np.empty((S, R, T, Z))
    for z in range(Z):
        gdp[..., z] = (z + 1) * 1.1 ** t_ * (1 + scheme[s_])
    rin = np.zeros((S, R, T, Z), dtype=np.int64)
    rout = np.zeros((S, R, T, Z), dtype=np.int64)
    # each simulated year: 2 moves from zone 0 to zone 2 (province A -> B), 1 from zone 0 to zone 1 (inside A)
    rout[:, :, 1:, 0] = 3
    rin[:, :, 1:, 2] = 2
    rin[:, :, 1:, 1] = 1
    done = np.ones((S, R), dtype=np.int64) if completed is None else completed
    ds = xr.Dataset(
        {
            "zone_name": ("zone", np.array(["Z0", "Z1", "Z2", "Z3"], dtype=object)),
            "zone_province": ("zone", np.array(["A", "A", "B", "B"], dtype=object)),
            "zone_city": ("zone", np.array(["a0", "a1", "b0", "b1"], dtype=object)),
            "zone_lat": ("zone", [30.0, 31.0, 40.0, 41.0]),
            "zone_lon": ("zone", [110.0, 111.0, 120.0, 121.0]),
            "province_name": ("province", np.array(["A", "B"], dtype=object)),
            "scenario_label": ("scenario", np.array(["ref p0: x=1", "ref p1: x=2", "alt p0: x=1", "alt p1: x=2"],
                                                    dtype=object)),
            "scheme": ("scenario", scheme),
            "scheme_name": ("scenario", np.array(["ref", "ref", "alt", "alt"], dtype=object)),
            "design_point": ("scenario", point),
            "completed": (("scenario", "replicate"), done),
            "top10_share_gdp": (("scenario", "replicate", "time"), metric, {"units": "1", "long_name": "m"}),
            "sigma_convergence_gdp": (("scenario", "replicate"), metric[..., -1], {"units": "year-1"}),
            "gdp": (("scenario", "replicate", "time", "zone"), gdp, {"units": "billion CNY"}),
            "relocations_in": (("scenario", "replicate", "time", "zone"), rin),
            "relocations_out": (("scenario", "replicate", "time", "zone"), rout),
            "relocations": (("scenario", "replicate", "time"), rout.sum(-1)),
        },
        coords={"scenario": np.arange(S), "replicate": np.arange(R), "time": np.array([2024, 2025, 2026], np.int32),
                "zone": np.arange(Z), "province": np.arange(2)},
        attrs={"zonesim_version": "test", "title": "synthetic", "sweep_hash": "x", "sweep_design": "grid",
               "sweep_factors": "a.x", "sweep_points": "2", "sweep_samples": "0", "sweep_design_seed": "1"},
    )
    ds.to_netcdf(path, engine="h5netcdf")


class TestSynthetic(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.path = os.path.join(cls.tmp.name, "synthetic.h5")
        synthetic_file(cls.path)
        cls.ds = zs.open_result(cls.path)

    @classmethod
    def tearDownClass(cls):
        cls.ds.close()
        cls.tmp.cleanup()

    def test_open_result_coordinates(self):
        ds = self.ds
        for c in ("zone_name", "zone_province", "zone_lat", "zone_lon", "province_name", "scenario_label",
                  "scheme_name"):
            self.assertIn(c, ds.coords)
        self.assertEqual(list(ds.gdp.sel(time=2025).zone_name.values), ["Z0", "Z1", "Z2", "Z3"])
        info = zs.info(ds)
        self.assertEqual((info.kind, info.design, info.factors, info.schemes, info.reference, info.points),
                         ("sweep", "grid", ["a.x"], ["ref", "alt"], "ref", 2))
        self.assertEqual(info.param_name("a.b.c"), "param_a_b_c")

    def test_not_a_result(self):
        with self.assertRaises(FileNotFoundError):
            zs.open_result(os.path.join(self.tmp.name, "nothing.h5"))
        other = os.path.join(self.tmp.name, "other.h5")
        xr.Dataset({"x": ("a", [1.0])}).to_netcdf(other, engine="h5netcdf")
        with self.assertRaises(ValueError):
            zs.open_result(other)

    def test_scenario_index_and_year(self):
        self.assertEqual(zs.scenario_index(self.ds, "alt"), 2)
        self.assertEqual(zs.scenario_index(self.ds, "ref p1: x=2"), 1)
        self.assertEqual(zs.scenario_index(self.ds, 3), 3)
        with self.assertRaises(KeyError):
            zs.scenario_index(self.ds, "nope")
        with self.assertRaises(IndexError):
            zs.scenario_index(self.ds, 4)
        self.assertEqual(zs.year_or_last(self.ds, None), 2026)
        self.assertEqual(zs.year_or_last(self.ds, 2025), 2025)
        self.assertEqual(zs.year_or_last(self.ds, 2035), 2026)    # falls back, with a note
        with self.assertRaises(ValueError):
            zs.year_or_last(self.ds, 2035, warn=False)

    def test_metric_series(self):
        s = zs.metric_series(self.ds, "top10_share_gdp")
        self.assertEqual(s["mean"].dims, ("scenario", "time"))
        # mean over replicates 0, 0.01, 0.02 -> + 0.01; sd 0.01; t(0.975, 2) * 0.01 / sqrt(3)
        np.testing.assert_allclose(s["mean"].sel(scenario=3, time=2026), 0.1 + 0.01 + 0.001 + 0.0002)
        half = stats.t_quantile(0.975, 2) * 0.01 / math.sqrt(3)
        np.testing.assert_allclose(s["hi"] - s["mean"], half, rtol=1e-9)
        self.assertEqual(list(s["label"].values), list(self.ds.scenario_label.values))
        p = zs.metric_series(self.ds, "top10_share_gdp", by="scheme")
        self.assertEqual(list(p["label"].values), ["ref", "alt"])
        np.testing.assert_allclose(p["mean"].sel(scheme=1, time=2024), 0.1 + 0.01 + 0.0005)
        with self.assertRaises(KeyError):
            zs.metric_series(self.ds, "no_such_metric")

    def test_scheme_differences_paired(self):
        d = zs.scheme_differences(self.ds, "top10_share_gdp", 2026)
        self.assertEqual(list(d["scenario"]), [0, 1, 2, 3])
        # the reference rows have no difference; alt - ref at the same point and replicate is exactly 0.1
        self.assertTrue(d.loc[:1, "difference"].isna().all())
        np.testing.assert_allclose(d.loc[2:, "difference"], 0.1)
        np.testing.assert_allclose(d.loc[2:, "diff_hi"] - d.loc[2:, "diff_lo"], 0.0, atol=1e-12)  # no noise
        self.assertEqual(list(d["pairs"]), [0, 0, 3, 3])
        self.assertEqual(d.attrs["reference"], "ref")
        pooled = zs.scheme_differences(self.ds, "top10_share_gdp", 2026, by="scheme")
        self.assertEqual(list(pooled["label"]), ["ref", "alt"])
        np.testing.assert_allclose(pooled["difference"].iloc[1], 0.1)
        conv = zs.scheme_differences(self.ds, "sigma_convergence_gdp")      # no time axis
        np.testing.assert_allclose(conv["difference"].iloc[2], 0.1)
        back = zs.scheme_differences(self.ds, "top10_share_gdp", 2026, reference="alt")
        np.testing.assert_allclose(back.loc[:1, "difference"], -0.1)

    def test_incomplete_runs_are_nan(self):
        path = os.path.join(self.tmp.name, "partial.h5")
        done = np.ones((4, 3), dtype=np.int64)
        done[2, 1] = 0
        synthetic_file(path, completed=done)
        with zs.open_result(path) as ds:
            self.assertTrue(np.isnan(ds.top10_share_gdp.values[2, 1]).all())
            d = zs.scheme_differences(ds, "top10_share_gdp")
            self.assertEqual(int(d.loc[2, "pairs"]), 2)
            self.assertEqual(int(d.loc[2, "n"]), 2)

    def test_zone_map_data(self):
        m = zs.zone_map_data(self.ds, scenario="alt", replicate=1, year=2026)
        self.assertEqual(list(m.columns), ["name", "province", "city", "lat", "lon", "gdp", "share", "gdp_since",
                                           "growth"])
        np.testing.assert_allclose(m["growth"], 0.1)                     # 1.1 ** t
        np.testing.assert_allclose(m["gdp"], [2 * (z + 1) * 1.21 for z in range(4)])
        np.testing.assert_allclose(m["share"].sum(), 1.0)
        self.assertEqual(m.attrs["year"], 2026)
        mean = zs.zone_map_data(self.ds, scenario=0, replicate="mean", year=2025, since=2025)
        self.assertTrue(mean["growth"].isna().all())                     # no span
        with self.assertRaises(ValueError):
            zs.zone_map_data(self.ds, year=2024, since=2025)

    def test_province_flows(self):
        f = zs.province_flows(self.ds, scenario=0, replicate=0)
        # two simulated years: A sends 3 per year (1 of them to its own zone 1), B receives 2 per year
        self.assertEqual(f.loc["A", "moved_out"], 6)
        self.assertEqual(f.loc["A", "moved_in"], 2)
        self.assertEqual(f.loc["A", "net"], -4)
        self.assertEqual(f.loc["B", "net"], 4)
        self.assertEqual(f["net"].sum(), 0)
        self.assertEqual(list(f.index), ["A", "B"])                        # sorted by net
        one = zs.province_flows(self.ds, year=2025)
        self.assertEqual(one.loc["B", "moved_in"], 2)


class TestNotebooksCommittedClean(unittest.TestCase):
    def test_no_outputs(self):
        import nbformat
        paths = sorted(glob.glob(os.path.join(REPO, "notebooks", "*.ipynb")))
        self.assertGreaterEqual(len(paths), 4)
        for p in paths:
            nb = nbformat.read(p, as_version=4)
            nbformat.validate(nb)
            self.assertEqual(nb.metadata.kernelspec.name, "python3", p)
            for cell in nb.cells:
                if cell.cell_type == "code":
                    self.assertEqual(cell.outputs, [], f"{p}: commit notebooks without outputs")
                    self.assertIsNone(cell.execution_count, f"{p}: commit notebooks without execution counts")


@fx.needs_binary(BINARY)
class TestWithBinary(fx.SmallRuns):
    binary, run_end, sweeps = BINARY, 2028, ("schemes", "sobol", "morris")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ds = {k: zs.open_result(v) for k, v in cls.files.items()}

    @classmethod
    def tearDownClass(cls):
        for d in cls.ds.values():
            d.close()
        super().tearDownClass()

    def compare(self, name, metric="top10_share_gdp", year=None):
        return zs.compare_json(self.files[name], metric, year, zonesim=self.bin)

    def test_run_layout(self):
        ds = self.ds["run"]
        self.assertEqual((ds.sizes["scenario"], ds.sizes["replicate"]), (1, 1))
        self.assertEqual(int(ds.time[0]), 2024)
        self.assertEqual(int(ds.time[-1]), 2028)
        self.assertEqual(zs.info(ds).kind, "run")
        self.assertEqual(ds.zone_name.dtype, object)
        self.assertTrue(all(isinstance(v, str) for v in ds.zone_province.values))
        # relocations: every move leaves one zone and enters another
        rin = ds.relocations_in.sum("zone")
        np.testing.assert_array_equal(rin, ds.relocations_out.sum("zone"))
        np.testing.assert_array_equal(rin, ds.relocations)
        f = zs.province_flows(ds)
        self.assertEqual(f["net"].sum(), 0)
        self.assertEqual(f["moved_in"].sum(), int(ds.relocations.isel(time=slice(1, None)).sum()))
        m = zs.zone_map_data(ds)
        self.assertAlmostEqual(m["gdp"].sum(), float(ds.total_gdp.isel(scenario=0, replicate=0, time=-1)), places=6)
        self.assertFalse(m[["lat", "lon"]].isna().any().any())

    def test_schemes_match_compare(self):
        for metric, year in (("top10_share_gdp", None), ("gini_gdp", 2027), ("total_gdp", 2030),
                             ("beta_convergence_gdp", None)):
            cli = self.compare("schemes", metric, year)
            ours = zs.scheme_differences(self.ds["schemes"], metric, year)
            self.assertEqual(len(cli["comparison"]), len(ours))
            for row, (_, o) in zip(cli["comparison"], ours.iterrows()):
                self.assertEqual(row["label"], o["label"])
                self.assertEqual(row["n"], o["n"])
                np.testing.assert_allclose([o["mean"], o["mean_lo"], o["mean_hi"]], [row["mean"]] + row["mean_ci"],
                                           rtol=1e-5)
                if row["difference"] is None:
                    self.assertTrue(math.isnan(o["difference"]))
                else:
                    np.testing.assert_allclose([o["difference"], o["diff_lo"], o["diff_hi"]],
                                               [row["difference"]] + row["difference_ci"], rtol=1e-5, atol=1e-12)
                    self.assertEqual(row["pairs"], o["pairs"])

    def test_series_equal_direct_mean(self):
        ds = self.ds["schemes"]
        s = zs.metric_series(ds, "gini_gdp")
        np.testing.assert_allclose(s["mean"].values, ds.gini_gdp.mean("replicate").values)
        self.assertEqual(list(s["label"].values), zs.info(ds).schemes)

    def test_sobol_matches_compare(self):
        cli = self.compare("sobol")
        ours = zs.sobol_indices(self.ds["sobol"])
        self.assertEqual([r["factor"] for r in cli["sobol"]], list(ours["factor"]))
        for row, (_, o) in zip(cli["sobol"], ours.iterrows()):
            np.testing.assert_allclose([o.S1, o.S1_lo, o.S1_hi, o.ST, o.ST_lo, o.ST_hi],
                                       [row["S1"]] + row["S1_ci"] + [row["ST"]] + row["ST_ci"], rtol=1e-5, atol=1e-12)
        pooled = zs.scheme_differences(self.ds["sobol"])
        np.testing.assert_allclose(pooled["mean"].iloc[0], cli["comparison"][0]["mean"], rtol=1e-5)
        with self.assertRaises(ValueError):
            zs.sobol_indices(self.ds["morris"])

    def test_morris_matches_compare(self):
        cli = self.compare("morris", "gini_gdp", 2028)
        ours = zs.morris_indices(self.ds["morris"], "gini_gdp", 2028)
        for row, (_, o) in zip(cli["morris"], ours.iterrows()):
            self.assertEqual(row["factor"], o.factor)
            self.assertEqual(row["n"], o.n)
            np.testing.assert_allclose([o.mu_star, o.mu_star_lo, o.mu_star_hi, o.mu, o.sigma],
                                       [row["mu_star"]] + row["mu_star_ci"] + [row["mu"], row["sigma"]],
                                       rtol=1e-5, atol=1e-12)
        with self.assertRaises(ValueError):
            zs.morris_indices(self.ds["sobol"])

    def test_param_variables(self):
        ds = self.ds["morris"]
        info = zs.info(ds)
        for f in info.factors:
            self.assertIn(info.param_name(f), ds.variables)

    def plot(self, *args):
        return subprocess.run([sys.executable, os.path.join(REPO, "tools", "plot.py"), *args], capture_output=True,
                              text=True, env=dict(os.environ, MPLCONFIGDIR=os.path.join(self.tmp.name, "mpl")))

    def test_plot_py(self):
        out = os.path.join(self.tmp.name, "figs")
        p = self.plot(self.files["schemes"], "-o", out, "--format", "png,svg", "--year", "2027", "--scheme",
                      "one_plus_n", "--replicate", "mean")
        self.assertEqual(p.returncode, 0, p.stderr)
        for name in ("trajectories", "theil_split", "forest", "zone_map", "province_flows"):
            for fmt in ("png", "svg"):
                self.assertTrue(os.path.getsize(os.path.join(out, f"{name}.{fmt}")) > 1000, name)
        self.assertEqual(len(p.stdout.split()), 10)
        for args in (["/nonexistent.h5", "-o", out], [self.files["run"], "-o", out, "--format", "gif"],
                     [self.files["run"], "-o", out, "--year", "1999"], [self.files["run"], "-o", out, "--metric", "x"],
                     [self.files["schemes"], "-o", out, "--scheme", "nope"], [self.files["run"]],
                     [self.files["run"], "-o", out, "--replicate", "7"]):
            p = self.plot(*args)
            self.assertEqual(p.returncode, 2, f"{args}: {p.stderr}")
            self.assertIn("error", p.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
