"""Statistics of result files, computed the way `zonesim compare` computes them (docs/sweeps.md).

Everything here works on plain numpy arrays; zonesim.analysis applies it to result files. Student's t comes from
SciPy's incomplete beta function and its inverse. The bootstrap's random numbers and its percentile rule are
implemented here (SciPy has neither) so that the intervals are those of `zonesim compare`: the same SplitMix64
stream seeded by the design seed, the same rule.
"""
import math

import numpy as np
from scipy import special

_MASK64 = (1 << 64) - 1


class SplitMix64:
    """The generator of engine designs and bootstraps (include/zonesim/design.hpp), bit for bit."""

    def __init__(self, seed):
        self.state = int(seed) & _MASK64

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & _MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK64
        return z ^ (z >> 31)

    def below(self, n):
        """A uniform integer in [0, n), n > 0 (Lemire's multiply-shift, as the engine)."""
        return (self.next() * int(n)) >> 64

    def resample(self, n):
        return np.array([self.below(n) for _ in range(n)], dtype=np.int64)


# --- Student's t ------------------------------------------------------------------------------------------------
# SciPy's incomplete beta and its inverse. Not scipy.stats.t.ppf: in SciPy 1.10 (Debian 12) it is accurate to
# about 1e-9 only, the inverse of the incomplete beta to 1e-13 (the engine's quantile, and tests/python checks the
# closed forms of df = 1 and 2).

def incomplete_beta(x, a, b):
    """Regularized incomplete beta function I_x(a, b) for 0 <= x <= 1, a, b > 0 (scipy.special.betainc)."""
    return float(special.betainc(a, b, min(max(x, 0.0), 1.0)))


def t_cdf(t, df):
    """P(T <= t) for Student's t with df > 0 degrees of freedom."""
    tail = 0.5 * incomplete_beta(df / (df + t * t), 0.5 * df, 0.5)
    return 1.0 - tail if t > 0 else tail


def t_quantile(p, df):
    """The p-quantile of Student's t with df > 0 degrees of freedom, 0 < p < 1."""
    if not 0.0 < p < 1.0 or not df > 0:
        raise ValueError(f"t_quantile: need 0 < p < 1 and df > 0 (got p={p}, df={df})")
    if p == 0.5:
        return 0.0
    if p < 0.5:
        return -t_quantile(1.0 - p, df)
    # P(|T| > t) = I_x(df/2, 1/2) with x = df / (df + t^2); near x = 1 invert 1 - x ~ Beta(1/2, df/2) instead.
    x = float(special.betaincinv(0.5 * df, 0.5, 2.0 * (1.0 - p)))
    if x < 0.5:
        return math.sqrt(df * (1.0 / x - 1.0))
    y = float(special.betaincinv(0.5, 0.5 * df, 2.0 * p - 1.0))
    return math.sqrt(df * y / (1.0 - y))


# --- means and intervals ----------------------------------------------------------------------------------------

def mean_interval(x, level=0.95):
    """Mean of the finite values of x with its t interval. Returns (mean, low, high, sd, n); the bounds (and sd)
    are NaN with fewer than two values, everything NaN with none."""
    v = np.asarray(x, dtype=float).ravel()
    v = v[np.isfinite(v)]
    n = v.size
    if n == 0:
        return (math.nan, math.nan, math.nan, math.nan, 0)
    mean = float(v.mean())
    if n < 2:
        return (mean, math.nan, math.nan, math.nan, 1)
    sd = float(v.std(ddof=1))
    half = t_quantile(0.5 + level / 2.0, n - 1) * sd / math.sqrt(n)
    return (mean, mean - half, mean + half, sd, n)


def summarize(values, axis, level=0.95, band="ci"):
    """Mean, band and count of `values` along `axis`, NaNs left out (per position).

    band="ci": the t interval of the mean (what `zonesim compare` reports); band="spread": the 2.5% and 97.5%
    percentiles of the values themselves (where single replicates fall; for level != 0.95 the matching
    percentiles). Returns a dict of arrays mean, lo, hi, sd, n with `axis` removed."""
    v = np.moveaxis(np.asarray(values, dtype=float), axis, -1)
    finite = np.isfinite(v)
    n = finite.sum(-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        total = np.where(finite, v, 0.0).sum(-1)
        mean = np.where(n > 0, total / np.maximum(n, 1), np.nan)
        dev = np.where(finite, v - mean[..., None], 0.0)
        sd = np.where(n > 1, np.sqrt((dev ** 2).sum(-1) / np.maximum(n - 1, 1)), np.nan)
    lo = np.full(mean.shape, np.nan)
    hi = np.full(mean.shape, np.nan)
    if band == "ci":
        for df in np.unique(n[n > 1]):
            sel = n == df
            half = t_quantile(0.5 + level / 2.0, int(df) - 1) * sd[sel] / math.sqrt(df)
            lo[sel], hi[sel] = mean[sel] - half, mean[sel] + half
    elif band == "spread":
        q = [50.0 * (1.0 - level), 50.0 * (1.0 + level)]
        with np.errstate(invalid="ignore"):
            import warnings
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                p = np.nanpercentile(v, q, axis=-1)
        ok = n > 1
        lo[ok], hi[ok] = p[0][ok], p[1][ok]
    else:
        raise ValueError(f"band={band!r}: expected 'ci' or 'spread'")
    return {"mean": mean, "lo": lo, "hi": hi, "sd": sd, "n": n}


# --- Sobol' and Morris, as sweep/sensitivity.cpp -------------------------------------------------------

def _percentile_interval(v):
    v = np.sort(np.asarray(v, dtype=float)[np.isfinite(v)])
    if v.size == 0:
        return (math.nan, math.nan)
    last = v.size - 1
    return (float(v[int(math.floor(0.025 * last))]), float(v[int(math.ceil(0.975 * last))]))


def _sobol_estimate(f, k, rows):
    stride = k + 2
    fa = f[rows * stride]
    fb = f[rows * stride + 1]
    both = np.concatenate([fa, fb])
    mean = both.mean()
    variance = (both ** 2).mean() - mean * mean
    if not variance > 0:
        return np.full(k, np.nan), np.full(k, np.nan)
    first, total = np.empty(k), np.empty(k)
    for i in range(k):
        fab = f[rows * stride + 2 + i]
        first[i] = ((fb - mean) * (fab - fa)).sum() / rows.size / variance
        total[i] = ((fa - fab) ** 2).sum() / (2.0 * rows.size) / variance
    return first, total


def sobol_from_outputs(f, n, k, bootstrap=1000, seed=1):
    """First-order (Saltelli et al. 2010, centred outputs) and total (Jansen 1999) Sobol' indices of k factors
    from the n * (k + 2) outputs of a Saltelli design in its order (A_j, B_j, AB_1j .. AB_kj for each base row j),
    with 95% percentile bootstrap intervals over the base rows. Returns a dict of arrays (length k):
    S1, S1_lo, S1_hi, ST, ST_lo, ST_hi."""
    f = np.asarray(f, dtype=float)
    if n < 1 or k < 1 or f.size != n * (k + 2):
        raise ValueError("sobol_from_outputs: expected n * (k + 2) outputs")
    first, total = _sobol_estimate(f, k, np.arange(n))
    out = {"S1": first, "ST": total, "S1_lo": np.full(k, np.nan), "S1_hi": np.full(k, np.nan),
           "ST_lo": np.full(k, np.nan), "ST_hi": np.full(k, np.nan)}
    if bootstrap > 0:
        rng = SplitMix64(seed)
        bf, bt = np.empty((bootstrap, k)), np.empty((bootstrap, k))
        for b in range(bootstrap):
            bf[b], bt[b] = _sobol_estimate(f, k, rng.resample(n))
        for i in range(k):
            out["S1_lo"][i], out["S1_hi"][i] = _percentile_interval(bf[:, i])
            out["ST_lo"][i], out["ST_hi"][i] = _percentile_interval(bt[:, i])
    return out


def morris_from_outputs(f, factor, step, r, k, bootstrap=1000, seed=1):
    """Morris elementary effects from the r * (k + 1) outputs of a Morris design and its factor/step lists
    (morris_factor, morris_step of the file): effect = (f[p] - f[p-1]) / step[p], per unit of the factor's
    unit-cube coordinate. Returns a dict of arrays (length k): mu_star, mu_star_lo, mu_star_hi (95% percentile
    bootstrap over trajectories), mu, sigma (sample s.d. of the effects), n (trajectories with an effect), and
    `effects` (k x r)."""
    f = np.asarray(f, dtype=float)
    factor = np.asarray(factor, dtype=np.int64)
    step = np.asarray(step, dtype=float)
    points = r * (k + 1)
    if r < 1 or k < 1 or f.size != points or factor.size != points or step.size != points:
        raise ValueError("morris_from_outputs: expected r * (k + 1) outputs, factors and steps")
    effect = np.full((k, r), np.nan)
    for p in range(points):
        if 0 <= factor[p] < k and step[p] != 0:
            effect[factor[p], p // (k + 1)] = (f[p] - f[p - 1]) / step[p]
    out = {key: np.full(k, np.nan) for key in ("mu_star", "mu_star_lo", "mu_star_hi", "mu", "sigma")}
    out["n"] = np.zeros(k, dtype=np.int64)
    out["effects"] = effect
    rng = SplitMix64(seed)
    for i in range(k):
        mu, _, _, sigma, _ = mean_interval(effect[i])
        mu_star, _, _, _, n = mean_interval(np.abs(effect[i]))
        out["mu"][i], out["sigma"][i], out["mu_star"][i], out["n"][i] = mu, sigma, mu_star, n
        if bootstrap <= 0:
            continue
        absolute = np.abs(effect[i])
        boot = [absolute[rng.resample(r)].sum() / r for _ in range(bootstrap)]
        out["mu_star_lo"][i], out["mu_star_hi"][i] = _percentile_interval(boot)
    return out
