#!/usr/bin/python3
"""Tests of `zonesim report` (tools/python/zonesim/report/) and PRIM (zonesim.prim).

usage: /usr/bin/python3 tests/python/test_report.py [ZONESIM] [unittest options]

PRIM on a planted box needs nothing else. With the zonesim binary (argument, $ZONESIM or build/zonesim; skipped
without) the tests build small sweeps in a temporary directory (a schemes sweep, a Latin hypercube over two
factors with schemes, a single run) and check that the report is one self-contained HTML file, that headless
Chromium renders it without errors or blocked requests, that every number of its summary is the number of
`zonesim compare --format json` for the same file, and that bad input exits 2 with a message. About 40 s on 2 cores.
"""
import html.parser
import json
import math
import os
import re
import shutil
import subprocess
import tempfile
import unittest

import numpy as np

import _fixtures as fx  # first: it puts tools/python on sys.path
from zonesim import names, prim  # noqa: E402

REPO = fx.REPO
BINARY = fx.find_binary(fx.binary_argument(__name__ == "__main__"))

LHS_SWEEP = """title: report test, schemes over a Latin hypercube
base: {base}
set:
  enterprises.count: 2000
  time.end: 2027
schemes:
  baseline: {{}}
  transfer_payments:
    mechanisms.transfer_payments.enabled: true
  one_plus_n:
    mechanisms.one_plus_n.enabled: true
factors:
  relocation.fixed_cost: {{range: [0.5, 6.0]}}
  governments.horizon: {{range: [1, 6]}}
design:
  type: lhs
  samples: 20
  seed: 5
replicates: 2
"""


class TestPrim(unittest.TestCase):
    def planted(self, seed, n=400, noise=0.05):
        """Uniform points in [0, 1]^4; the cases are the box 0.2 < x0 < 0.6, x2 > 0.5, with `noise` of the labels
        flipped."""
        rng = np.random.default_rng(seed)
        X = rng.uniform(0, 1, (n, 4))
        y = ((X[:, 0] > 0.2) & (X[:, 0] < 0.6) & (X[:, 2] > 0.5)).astype(float)
        flip = rng.uniform(size=n) < noise
        y[flip] = 1 - y[flip]
        return X, y

    def test_finds_the_planted_box(self):
        for seed in (1, 2, 4):
            X, y = self.planted(seed)
            box = prim.prim(X, y, alpha=0.05, paste=True, names=["a", "b", "c", "d"])
            self.assertEqual(box.restricted, [0, 2], box.rules())            # the noise factors are left free
            np.testing.assert_allclose([box.lower[0], box.upper[0], box.lower[2]], [0.2, 0.6, 0.5], atol=0.08)
            self.assertGreater(box.upper[2], 0.9)
            self.assertGreater(box.density, 0.85)
            self.assertGreater(box.coverage, 0.6)
            self.assertAlmostEqual(box.support, box.inside.mean())
            self.assertAlmostEqual(box.density, y[box.inside].mean())
            self.assertAlmostEqual(box.coverage, y[box.inside].sum() / y.sum())

    def test_exact_box_without_noise(self):
        X, y = self.planted(3, n=600, noise=0.0)
        box = prim.prim(X, y, alpha=0.05, paste=True)
        self.assertGreater(box.density, 0.97)        # within PRIM's tolerance (0.02) of a pure box
        np.testing.assert_allclose([box.lower[0], box.upper[0], box.lower[2]], [0.2, 0.6, 0.5], atol=0.05)
        self.assertEqual(box.trajectory[0][0], 1.0)          # peeling starts from all points
        self.assertTrue(all(b[0] >= 0.05 for b in box.trajectory))

    def test_bad_arguments(self):
        with self.assertRaises(ValueError):
            prim.prim(np.zeros((3, 2)), [1, 0])
        with self.assertRaises(ValueError):
            prim.prim(np.zeros((3, 2)), [1, 0, 1], alpha=0.6)


class TestNames(unittest.TestCase):
    def test_display_names(self):
        self.assertEqual(names.scheme_label("transfer_payments"), "Transfer payments 转移支付")
        self.assertEqual(names.scheme_label("baseline", chinese=False), "Baseline")
        self.assertEqual(names.scheme_label("a p0: x=1"), "a p0: x=1")          # unknown: the raw name
        self.assertEqual(names.metric_label("nothing_known"), "nothing known")
        for key in ("cross_holding", "one_plus_n", "output_sharing", "one_plus_n_with_transfers", "synergy_fund",
                    "central_pilot", "evaluation_reform", "strategic_bureau", "competing_parks", "digital_shift",
                    "all_schemes"):
            self.assertTrue(names.scheme_zh(key), key)


class Spans(html.parser.HTMLParser):
    """The summary's marked numbers (span.num inside section#summary) with their text, and the compare calls."""

    def __init__(self):
        super().__init__()
        self.depth, self.in_summary, self.current = 0, False, None
        self.spans, self.calls, self.summary_text = [], {}, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section":
            self.in_summary = a.get("id") == "summary"
        if tag == "li" and "data-call" in a:
            self.calls[a["data-call"]] = json.loads(a["data-args"])
        if tag == "span" and self.in_summary and a.get("class") == "num":
            self.current = dict(a, text="")
            self.spans.append(self.current)

    def handle_endtag(self, tag):
        if tag == "span":
            self.current = None
        if tag == "section":
            self.in_summary = False

    def handle_data(self, data):
        if self.current is not None:
            self.current["text"] += data
        elif self.in_summary:
            self.summary_text.append(data)


def shown_number(text):
    """The number a span shows ("−1.25 pp", "+1,053", "37.96%") and the half-width of its last digit."""
    m = re.search(r"[+\u2212-]?[0-9][0-9,]*(\.[0-9]+)?", text)
    digits = len(m.group(1)) - 1 if m.group(1) else 0
    return float(m.group(0).replace(",", "").replace("\u2212", "-")), 0.5 * 10.0 ** -digits


def check_renders(test, page, tmp):
    """Headless Chromium opens the page from disk without console errors or blocked requests, and its screenshot
    is large enough to hold text and figures."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        missing = "chromium is not installed (tools/setup.sh installs it; Debian: apt-get install chromium)"
        if os.environ.get("CI"):
            test.fail(missing)                 # CI installs what the suite needs: a skip there would hide a gap
        test.skipTest(missing)
    shot = os.path.join(tmp, os.path.basename(page) + ".png")
    p = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                        "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--v=0",
                        f"--user-data-dir={os.path.join(tmp, 'chromium')}", f"--screenshot={shot}",
                        "--window-size=1200,3000", "file://" + page],
                       capture_output=True, text=True, timeout=120)
    test.assertEqual(p.returncode, 0, p.stderr[-2000:])
    test.assertTrue(os.path.exists(shot), p.stderr[-2000:])
    test.assertGreater(os.path.getsize(shot), 100_000)                      # text and figures, not a blank page
    for bad in ("Refused to", "Uncaught", "ERROR:CONSOLE", "net::ERR_"):
        test.assertNotIn(bad, p.stderr, bad)


@fx.needs_binary(BINARY)
class TestReport(fx.SmallRuns):
    binary, run_end, sweeps = BINARY, 2026, ("schemes",)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        t = cls.tmp.name
        cls.env = dict(os.environ, PYTHONPATH=os.path.join(REPO, "tools", "python"), MPLCONFIGDIR=os.path.join(t, "mpl"))
        cls.schemes, cls.single = cls.files["schemes"], cls.files["run"]
        lhs_yaml = os.path.join(t, "lhs.yaml")
        with open(lhs_yaml, "w") as f:
            f.write(LHS_SWEEP.format(base=os.path.join(REPO, "scenarios", "baseline.yaml")))
        cls.lhs = os.path.join(t, "lhs.h5")
        cls.zs("sweep", lhs_yaml, "-o", cls.lhs, "-q")
        os.makedirs(os.path.join(t, "out"))
        cls.html = os.path.join(t, "out", "report.html")
        p = cls.report(cls.schemes, "-o", cls.html)
        assert p.returncode == 0, p.stderr
        with open(cls.html, encoding="utf-8") as f:
            cls.text = f.read()

    @classmethod
    def zs(cls, *args):
        p = subprocess.run([cls.bin, *args], cwd=REPO, capture_output=True, text=True)
        assert p.returncode == 0, f"zonesim {' '.join(args)}: {p.stderr}"
        return p.stdout

    @classmethod
    def report(cls, *args):
        """`zonesim report ARGS` as a user runs it: the binary runs the package, and its own compare."""
        return subprocess.run([cls.bin, "report", *args], cwd=REPO, capture_output=True, text=True, env=cls.env)

    def test_self_contained(self):
        t = self.text
        self.assertIn('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data:; '
                      'style-src \'unsafe-inline\'">', t)
        self.assertIsNone(re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", t, re.I))
        self.assertIsNone(re.search(r"<(?:script|link|iframe|object|embed)\b", t, re.I))
        srcs = re.findall(r"""\ssrc\s*=\s*["']([^"']*)""", t)
        self.assertGreaterEqual(len(srcs), 6)
        self.assertTrue(all(s.startswith("data:image/png;base64,") for s in srcs))
        self.assertIsNone(re.search(r"url\(", t))
        for section in ("summary", "polarization", "cost", "for-whom", "channels", "sure", "discovery", "method"):
            self.assertIn(f'<section id="{section}">', t)
        self.assertIn("转移支付" if "transfer_payments" in t else "基准", t)        # bilingual names
        self.assertIn("no factors", t)                        # a schemes sweep: no rank stability, no discovery
        self.assertEqual(os.listdir(os.path.dirname(self.html)), ["report.html"])   # nothing left beside it

    def test_chromium_renders_without_errors(self):
        check_renders(self, self.html, self.tmp.name)

    def test_summary_numbers_equal_compare(self):
        page = Spans()
        page.feed(self.text)
        self.assertGreaterEqual(len(page.spans), 30)
        self.check_calls(page.calls)
        out = {n: json.loads(self.zs(*args)) for n, args in page.calls.items()}
        for s in page.spans:
            want = self.expected(out[s["data-call"]], s)
            got = float(s["data-value"]) if s["data-value"] != "None" else None
            if want is None:
                self.assertIsNone(got, s)
                continue
            self.assertTrue(math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-12), (s, want))
            shown, half = shown_number(s["text"])
            self.assertLessEqual(abs(shown - self.scale(out[s["data-call"]], s) * want), half * 1.0001 + 1e-12,
                                 (s, want))
        self.only_marked_numbers("".join(page.summary_text), out)

    def check_calls(self, calls):
        """The report asked compare the questions of the summary: the last year, the cumulative cost."""
        self.assertEqual(set(calls), {"outcomes", "cost", "provinces", "channels"})
        for args in calls.values():
            self.assertEqual(args[:2], ["compare", self.schemes])
            self.assertEqual(args[args.index("--format") + 1], "json")
        self.assertEqual(calls["outcomes"][calls["outcomes"].index("--year") + 1], "2030")
        cost = calls["cost"]
        self.assertEqual(cost[cost.index("--cumulative") + 1], "2025:2030")
        self.assertEqual(cost[cost.index("--per") + 1], "total_public_cost")
        self.assertIn("top10_share_gdp", cost[cost.index("--metric") + 1].split(","))

    @staticmethod
    def comparison(out, metric):
        return next(c for c in out["comparisons"] if c["metric"] == metric)

    def expected(self, out, s):
        """The value of compare's JSON that a span names."""
        if "data-province" in s:
            row = next(r for r in out["province"]["rows"]
                       if r["province"] == s["data-province"] and r["label"] == s["data-label"])
            return self.field(row, s["data-field"])
        comp = self.comparison(out, s["data-metric"])
        if s["data-label"] == "":
            return comp[s["data-field"]]
        row = next(r for r in comp["comparison"] if r["label"] == s["data-label"])
        field = s["data-field"]
        if field == "difference_percent":
            ref = [r for r in comp["comparison"] if r["difference"] is None]
            return 100.0 * row["difference"] / ref[0]["mean"]
        if field == "per.cost_per_unit":     # money per percentage point of the metric
            return -out["per"]["scale"] / (100.0 * row["per"]["ratio"])
        if field.startswith("per."):
            return self.field(row["per"], field[4:])
        return self.field(row, field)

    @staticmethod
    def field(row, name):
        for end, i in (("_lo", 0), ("_hi", 1)):
            if name.endswith(end):
                ci = row[name[:-3]]
                return None if ci is None else ci[i]
        return row[name]

    def scale(self, out, s):
        """How the report writes the value: shares and their differences in percentage points (x 100)."""
        field = s["data-field"]
        if "data-province" in s:
            return 100.0
        if field in ("difference_percent", "per.cost_per_unit", "p_best", "replicates") or \
                field.startswith("per.difference"):
            return 1.0
        return 100.0 if self.comparison(out, s["data-metric"])["percentage_points"] else 1.0

    def only_marked_numbers(self, text, out):
        """Outside the marked numbers the summary has only years, counts of schemes and provinces, and the names'
        own numbers (top-10, 95% interval, "1+N", per 100 billion CNY)."""
        first = self.comparison(out["outcomes"], "top10_share_gdp")
        allowed = {float(y) for y in range(2024, 2031)} | {float(i) for i in range(0, 32)} | {95.0, 100.0}
        for m in re.finditer(r"[0-9][0-9,.]*", text):
            value = float(m.group(0).rstrip(".").replace(",", ""))
            self.assertIn(value, allowed, f"unmarked number {m.group(0)!r} in the summary near "
                                          f"{text[max(0, m.start() - 60):m.end() + 20]!r}")
        self.assertEqual(first["replicates"], 3)

    def test_factors_give_rank_stability_and_discovery(self):
        out = os.path.join(self.tmp.name, "lhs.html")
        p = self.report(self.lhs, "-o", out, "--reference", "baseline")
        self.assertEqual(p.returncode, 0, p.stderr)
        with open(out, encoding="utf-8") as f:
            t = f.read()
        self.assertIn("Rank stability and regret", t)
        self.assertIn("PRIM box", t)
        self.assertIn("relocation.fixed_cost", t)
        self.assertNotIn("The file has no factors", t)

    def test_reference_and_year(self):
        out = os.path.join(self.tmp.name, "other.html")
        p = self.report(self.schemes, "-o", out, "--reference", "one_plus_n", "--year", "2028")
        self.assertEqual(p.returncode, 0, p.stderr)
        with open(out, encoding="utf-8") as f:
            t = f.read()
        page = Spans()
        page.feed(t)
        self.assertIn("--reference", page.calls["outcomes"])
        self.assertEqual(page.calls["outcomes"][page.calls["outcomes"].index("--reference") + 1], "one_plus_n")
        self.assertEqual(page.calls["cost"][page.calls["cost"].index("--cumulative") + 1], "2025:2028")
        self.assertIn("in 2028", t)

    def test_bad_input_exit_2(self):
        junk = os.path.join(self.tmp.name, "junk.h5")
        with open(junk, "w") as f:
            f.write("not hdf5\n")
        out = os.path.join(self.tmp.name, "bad.html")
        for args, says in (([junk], "zonesim result"), ([os.path.join(self.tmp.name, "none.h5")], "no such file"),
                           ([self.single], "run a sweep"), ([self.schemes, "--reference", "baselin"], "did you mean baseline"),
                           ([self.schemes, "--reference", "nothing"], "schemes: baseline"),
                           ([self.schemes, "--year", "1999"], "2024 to 2030"),
                           ([self.schemes, "-o", os.path.join(self.tmp.name, "no", "dir.html")], "does not exist"),
                           ([self.schemes, "-o", self.tmp.name], "not a regular file")):
            p = self.report(*args, *([] if "-o" in args else ["-o", out]))
            self.assertEqual(p.returncode, 2, f"{args}: {p.stderr}")
            self.assertTrue(p.stderr.startswith("zonesim: error: report: "), p.stderr)
            self.assertIn(says, p.stderr)
            self.assertFalse(os.path.exists(out))

    def test_never_replaces_the_result_file(self):
        with open(self.schemes, "rb") as f:
            before = f.read()
        p = self.report(self.schemes, "-o", self.schemes)
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn("is the result file being reported on", p.stderr)
        with open(self.schemes, "rb") as f:
            self.assertEqual(f.read(), before)


@fx.needs_binary(BINARY)
class TestOptimizationReport(unittest.TestCase):
    """The page of a `zonesim optimize` result: its sections, every summary number equal to the file's."""

    @classmethod
    def setUpClass(cls):
        cls.bin = BINARY
        cls.tmp = tempfile.TemporaryDirectory()
        t = cls.tmp.name
        cls.env = dict(os.environ, MPLCONFIGDIR=os.path.join(t, "mpl"))
        cls.pareto = os.path.join(t, "pareto.h5")
        p = subprocess.run([cls.bin, "optimize", os.path.join(REPO, "scenarios", "optimize", "small.yaml"), "-o",
                            cls.pareto, "-q", "--population", "8", "--generations", "2", "--states", "2",
                            "--replicates", "1", "--set", "enterprises.count=1500"],
                           cwd=t, capture_output=True, text=True)
        assert p.returncode == 0, p.stderr
        cls.html = os.path.join(t, "pareto.html")
        p = subprocess.run([cls.bin, "report", cls.pareto, "-o", cls.html], cwd=t, capture_output=True, text=True,
                           env=cls.env)
        assert p.returncode == 0, p.stderr
        with open(cls.html, encoding="utf-8") as f:
            cls.text = f.read()

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_sections_and_self_contained(self):
        for section in ("summary", "front", "designs", "ensemble", "convergence", "method"):
            self.assertIn(f'<section id="{section}">', self.text)
        self.assertIn("Content-Security-Policy", self.text)
        self.assertIsNone(re.search(r"<(?:script|link|iframe|object|embed)\b", self.text, re.I))
        self.assertEqual(len(re.findall(r'src="data:image/png;base64,', self.text)), 4)

    def test_summary_numbers_equal_the_file(self):
        import h5py
        page = Spans()
        page.feed(self.text)
        with h5py.File(self.pareto, "r") as f:
            names = [n.decode() if isinstance(n, bytes) else n for n in f["objective_name"][()]]
            objectives, hypervolume = f["pareto_objectives"][()], f["hypervolume"][()]
        self.assertGreaterEqual(len(page.spans), 3 * len(names) + 2)
        for s in page.spans:
            self.assertEqual(s["data-call"], "pareto")
            row = int(s["data-label"])
            want = (hypervolume[row] if s["data-field"] == "hypervolume"
                    else objectives[row, names.index(s["data-metric"])])
            self.assertEqual(float(s["data-value"]), float(want), s)
            shown, half = shown_number(s["text"])
            self.assertLessEqual(abs(shown - want), half * 1.0001 + 1e-9 * abs(want), s)

    def test_chromium_renders_without_errors(self):
        check_renders(self, self.html, self.tmp.name)

    def test_sweep_options_refused(self):
        out = os.path.join(self.tmp.name, "no.html")
        p = subprocess.run([self.bin, "report", self.pareto, "-o", out, "--year", "2030"], capture_output=True,
                           text=True, env=self.env)
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn("optimisation's result", p.stderr)
        self.assertFalse(os.path.exists(out))


if __name__ == "__main__":
    unittest.main(verbosity=2)
