"""An optimisation's result (`zonesim optimize`, pareto.h5; docs/optimize.md) as plain arrays: the non-dominated
set, every evaluated design, the states of the world and the hypervolume per generation."""
import h5py
import numpy as np


def is_pareto_file(path):
    """True when `path` is an HDF5 file written by `zonesim optimize` (it has `pareto_objectives`)."""
    try:
        with h5py.File(path, "r") as f:
            return "pareto_objectives" in f
    except OSError:
        return False


def _text(values):
    return [v.decode() if isinstance(v, bytes) else str(v) for v in values]


def _attr(v):
    return v.decode() if isinstance(v, bytes) else v


class Front:
    """pareto.h5 read whole (it is small: designs x states x objectives)."""

    def __init__(self, path):
        with h5py.File(path, "r") as f:
            self.path = path
            self.attrs = {k: _attr(v) for k, v in f.attrs.items()}
            self.objectives = _text(f["objective_name"][()])
            self.senses = _text(f["objective_sense"][()])
            self.measures = _text(f["objective_measure"][()])
            self.units = _text(f["objective_units"][()])
            self.variables = _text(f["variable_name"][()])
            self.variable_units = _text(f["variable_units"][()])
            self.low = f["variable_low"][()].astype(float)
            self.high = f["variable_high"][()].astype(float)
            self.integer = f["variable_integer"][()].astype(bool)
            self.objectives_values = f["pareto_objectives"][()].astype(float)
            self.decisions = f["pareto_decisions"][()].astype(float)
            self.pareto_evaluated = f["pareto_evaluated"][()].astype(int)
            self.evaluated_objectives = f["evaluated_objectives"][()].astype(float)
            self.evaluated_decisions = f["evaluated_decisions"][()].astype(float)
            self.feasible = f["evaluated_feasible"][()].astype(bool)
            self.evaluated_generation = f["evaluated_generation"][()].astype(int)
            self.state_values_all = f["evaluated_state_values"][()].astype(float)
            self.hypervolume = f["hypervolume"][()].astype(float)
            self.generation = f["generation"][()].astype(int)
            self.states = f["state_values"][()].astype(float)
            self.uncertain = _text(f["uncertain_name"][()])
            self.constraints = _text(f["constraint_name"][()])
        self.short_variables = [v.replace("mechanisms.", "") for v in self.variables]

    @property
    def n_evaluated(self):
        return len(self.evaluated_objectives)

    def pareto_state_values(self):
        """design x state x objective: each non-dominated design's objective quantities per state of the world."""
        return self.state_values_all[self.pareto_evaluated][:, :, :len(self.objectives)]

    def best(self, i):
        """The index (along the non-dominated set) of the design best in objective i."""
        col = self.objectives_values[:, i]
        return int(np.argmin(col) if self.senses[i] == "min" else np.argmax(col))

    def order(self, i=0):
        """Non-dominated designs from best to worst in objective i."""
        col = self.objectives_values[:, i]
        return np.argsort(col if self.senses[i] == "min" else -col, kind="stable")

    def axis_label(self, i, unit_only=True):
        unit = self.units[i] if self.units[i] not in ("", "1") else ""
        name = self.objectives[i] if unit_only else f"{self.objectives[i]}\n({self.senses[i]})"
        return f"{name} ({unit})" if unit else name

    def decision_text(self, j, value):
        """Decision variable j's value: whole numbers for integer keys."""
        return f"{int(round(value)):,}" if self.integer[j] else self.fmt(value)

    @staticmethod
    def fmt(value):
        """Three significant digits, thousands separated."""
        if not np.isfinite(value):
            return "n/a"
        if value == 0:
            return "0"
        digits = int(max(0, 2 - np.floor(np.log10(abs(value)))))
        return f"{value:,.{digits}f}"
