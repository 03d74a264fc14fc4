"""The numbers of the report: the `zonesim compare --format json` calls it makes, and the metrics it asks about."""
import json
import os

from .. import cli


POLARIZATION = ("top10_share_gdp", "theil_t_gdp", "theil_between_gdp", "gini_gdp")

CHANNELS = ("total_poaching_offers", "total_poaching_moves", "total_cooperation_agreements")

BUDGETS = ("total_budget_subsidies", "total_budget_services", "total_budget_land", "total_budget_talent",
           "total_budget_cooperation")

COST = "total_public_cost"


class Numbers:
    """The JSON outputs of the `zonesim compare` calls the report makes, by name."""

    def __init__(self, path, zonesim, year, first, reference, ds):
        self.path, self.zonesim, self.year, self.first = os.path.abspath(path), zonesim, year, first
        self.reference = reference
        have = set(ds.variables)
        self.args, self.json = {}, {}
        cumulative = ["--cumulative", f"{first}:{year}"]
        self._call("outcomes", list(POLARIZATION) + ["total_gdp"], ["--year", year, "--rank"])
        if COST in have:
            self._call("cost", list(POLARIZATION) + [COST], cumulative + ["--per", COST])
        self._call("provinces", ["total_gdp"], ["--year", year, "--by", "province"])
        channels = [m for m in CHANNELS + BUDGETS if m in have]
        if channels:
            self._call("channels", channels, cumulative)

    def _call(self, name, metrics, extra):
        args = ["compare", self.path, "--metric", ",".join(metrics), "--format", "json"] + [str(x) for x in extra]
        args += ["--reference", self.reference]
        self.args[name] = args
        try:
            self.json[name] = json.loads(cli._call(args, self.zonesim))
        except (RuntimeError, ValueError) as e:
            raise RuntimeError(f"`zonesim {' '.join(args)}` gave no JSON comparison ({e}); the report needs "
                               "zonesim compare with --cumulative, --per, --by and --rank") from None

    def has(self, call):
        return call in self.json

    def comp(self, call, metric):
        for c in self.json[call]["comparisons"]:
            if c["metric"] == metric:
                return c
        raise KeyError(f"{metric}: not in the {call} comparison")

    def rows(self, call, metric, compared=True):
        """The rows of a comparison (compared=True: only those with a paired difference)."""
        return [r for r in self.comp(call, metric)["comparison"] if not compared or r["difference"] is not None]

    def row(self, call, metric, label):
        for r in self.comp(call, metric)["comparison"]:
            if r["label"] == label:
                return r
        return None

    def reference_row(self, call, metric):
        """The reference's own row when there is exactly one (a plain sweep or a pooled design)."""
        refs = [r for r in self.comp(call, metric)["comparison"] if r["difference"] is None]
        return refs[0] if len(refs) == 1 else None

    def warnings(self):
        return sorted({w for j in self.json.values() for w in j.get("warnings", [])})
