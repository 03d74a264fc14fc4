#!/usr/bin/python3
"""Generate data/zones.csv from the identified zones, the published figures and the published aggregates.

usage: tools/data/make_zone_table.py [--check] [--report]     (run from the repository root)

Inputs (all in data/, documented in data/README.md):
  zones_identified.csv   identity of the 178 zones (names, province, city, coordinates, approval)
  zone_observations.csv  published figures per zone, one row per figure, as published (value and unit)
  zone_sources.csv       who published each figure (publisher, title, year, address)
Every value of zones.csv gets a provenance (observed / derived / synthetic) and the sources it rests on:
  observed   a published figure of that zone, column and year, only converted to the table's unit;
  derived    computed from published figures by a documented rule (another year's figure moved with the
             zones' aggregate growth; revenue converted with the zones' aggregate GDP/revenue ratio; a managed
             area from the approved area; evaluation top-10 members without a figure sharing the top-10's
             published total);
  synthetic  no published figure: the residual of the published aggregate, spread over the zones without a
             figure in proportion to a fit on the zones with one (no random numbers).
--check regenerates the table in memory and exits 1 if data/zones.csv differs (run by the test suite).
--report prints the counts per column and provenance, and the fits.
"""
import csv
import io
import math
import sys

IDENTIFIED = "data/zones_identified.csv"
OBSERVATIONS = "data/zone_observations.csv"
SOURCES = "data/zone_sources.csv"
OUT = "data/zones.csv"
YEARS = (2019, 2024)

# Published aggregates (data/README.md gives the sources). The zones' GDP and operating revenue of all zones of a
# year are read from zone_observations.csv (zone ALL) where published there; 2017 is the blue book's figure.
GDP_TOTAL = {2017: 9517.0}  # billion CNY, all zones of the year; completed by read_aggregates()
EVAL_TOP10_2019 = ["中关村科技园区", "深圳市高新技术产业园区", "上海张江高新技术产业开发区", "武汉东湖新技术开发区",
                   "苏州工业园区", "合肥高新技术产业开发区", "西安高新技术产业开发区", "杭州高新技术产业开发区",
                   "广州高新技术产业开发区", "成都高新技术产业开发区"]
EVAL_TOP10_SHARE_2019 = {"gdp": 0.365, "invention_patents": 0.648}
EMPLOYMENT_TOTAL = {2019: 22.13e6}
PATENTS_TOTAL = {2019: 0.375 * 452804, 2024: 0.50 * 1045000}  # invention patents granted in the year
RND_PER_EMPLOYEE = 822 / 10000  # 2019, seed 003; assumed to hold in 2024
GDP_PER_REVENUE = None  # zones' GDP over operating revenue in 2021, from the aggregates (read_aggregates)
NATIONAL_LAND_SHARE_KM2 = 0.003 * 9.6e6  # ~0.3% of national land (seed 001): a check, not a target
ASSUMED_EMPLOYMENT_GDP_ELASTICITY = 0.9  # used where fewer than MIN_FIT zones publish a column
MIN_FIT = 8
CAP_RANK = 10  # a zone without a published GDP is assumed smaller than the 10th largest published one (assumed)

MONEY = {"亿元": 0.1, "万亿元": 1000.0, "万元": 1e-5, "billion": 1.0, "billion yuan": 1.0, "十亿元": 1.0,
         "trillion yuan": 1000.0}
UNITS = {  # unit as published -> factor to the table's unit
    "gdp": MONEY,
    "revenue": MONEY,
    "employment": {"人": 1.0, "万人": 1e4},
    "rnd_personnel": {"人": 1.0, "万人": 1e4, "million": 1e6},
    "invention_patents_granted": {"件": 1.0, "项": 1.0, "万件": 1e4},
    "land_approved": {"公顷": 0.01, "平方公里": 1.0},
    "land_planned": {"公顷": 0.01, "平方公里": 1.0},
    "land_admin": {"公顷": 0.01, "平方公里": 1.0},
}


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def aggregate_gdp(year):
    """Zones' GDP in `year`, log-linear between the published years."""
    known = sorted(GDP_TOTAL)
    lo = max(y for y in known if y <= year) if year >= known[0] else known[0]
    hi = min(y for y in known if y >= year) if year <= known[-1] else known[-1]
    if lo == hi:
        if year == lo:
            return GDP_TOTAL[lo]
        a, b = (known[0], known[1]) if year < known[0] else (known[-2], known[-1])
        g = math.log(GDP_TOTAL[b] / GDP_TOTAL[a]) / (b - a)
        return GDP_TOTAL[a if year < a else b] * math.exp(g * (year - (a if year < a else b)))
    t = (year - lo) / (hi - lo)
    return math.exp((1 - t) * math.log(GDP_TOTAL[lo]) + t * math.log(GDP_TOTAL[hi]))


class Cell:
    __slots__ = ("value", "provenance", "sources", "basis")

    def __init__(self, value, provenance, sources, basis=""):
        self.value, self.provenance, self.sources, self.basis = value, provenance, sorted(set(sources)), basis


def index_observations(rows, names):
    """(zone, column, year) -> (value in the table's unit, source id); the first row of a key wins."""
    obs = {}
    for n, r in enumerate(rows, start=2):
        if r["zone"] not in names and r["zone"] != "ALL":
            sys.exit(f"{OBSERVATIONS}:{n}: zone '{r['zone']}' is not in {IDENTIFIED}")
        col = r["column"]
        if col not in UNITS:
            continue  # kept for the record (ranks, enterprises, ...), not a table column
        if r["unit"] not in UNITS[col]:
            sys.exit(f"{OBSERVATIONS}:{n}: unit '{r['unit']}' unknown for {col}")
        key = (r["zone"], col, int(r["year"]))
        obs.setdefault(key, (float(r["value"]) * UNITS[col][r["unit"]], r["source"]))
    return obs


def fit_loglog(pairs):
    """Least squares of log y on log x: (intercept, slope)."""
    xs = [math.log(x) for x, _ in pairs]
    ys = [math.log(y) for _, y in pairs]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx if sxx > 0 else 1.0
    return my - b * mx, b


def gdp_cells(zones, obs, year, members):
    """GDP (billion CNY) of the zones of `year`."""
    cells = {}
    for z in members:
        name = zones[z]["name_zh"]
        if (name, "gdp", year) in obs:
            v, s = obs[(name, "gdp", year)]
            cells[z] = Cell(v, "observed", [s])
            continue
        # Nearest other year with a GDP figure (within 3 years), moved with the zones' aggregate growth.
        near = sorted((abs(y - year), y) for (n, c, y) in obs if n == name and c == "gdp" and abs(y - year) <= 3)
        if near:
            y = near[0][1]
            v, s = obs[(name, "gdp", y)]
            cells[z] = Cell(v * aggregate_gdp(year) / aggregate_gdp(y), "derived", [s])
            continue
        near = sorted((abs(y - year), y) for (n, c, y) in obs if n == name and c == "revenue" and abs(y - year) <= 3)
        if near:
            y = near[0][1]
            v, s = obs[(name, "revenue", y)]
            cells[z] = Cell(v * GDP_PER_REVENUE * aggregate_gdp(year) / aggregate_gdp(y), "derived", [s], "revenue")
    return cells


def fill_synthetic(cells, members, total, weight, note, report, cap=None):
    """Spread what the known cells leave of `total` over the other members in proportion to `weight(z)`; with
    `cap`, no share exceeds it (the excess goes to the others in proportion, until none is above)."""
    known = sum(c.value for z, c in cells.items() if z in members)
    rest = [z for z in members if z not in cells]
    if not rest:
        return
    residual = total - known
    if residual <= 0:
        sys.exit(f"{note}: the zones with a figure hold {known:.1f} of a total of {total:.1f}; nothing is left")
    w = {z: weight(z) for z in rest}
    if cap is None:
        s = sum(w.values())
        value = {z: residual * w[z] / s for z in rest}
    else:
        # A rank-size law below the cap over the zones in the order of their weights: value_k = cap * (k+1)^-b, b
        # solved so that the values hold the residual.
        order = sorted(rest, key=lambda z: (-w[z], z))
        held = lambda b: sum(cap * (k + 2) ** -b for k in range(len(order)))
        if held(0.0) < residual:
            sys.exit(f"{note}: {len(rest)} zones at the cap {cap:.1f} cannot hold the residual {residual:.1f}")
        lo, hi = 0.0, 10.0
        for _ in range(200):
            b = (lo + hi) / 2
            lo, hi = (b, hi) if held(b) > residual else (lo, b)
        value = {z: cap * (k + 2) ** -lo for k, z in enumerate(order)}
        report.append(f"{note}: synthetic tail value = {cap:.1f} x rank^-{lo:.4f} below the cap")
    for z in rest:
        cells[z] = Cell(value[z], "synthetic", [])
    report.append(f"{note}: {len(members) - len(rest)} zones known hold {known:,.1f}; "
                  f"{len(rest)} synthetic share the residual {residual:,.1f}")


def evaluation_top10(zones, cells, column, year_total, report, later=None):
    """The 2019 evaluation's top 10 hold the published share. What the members with a figure of their own leave
    goes to the others: to the members whose GDP rests on their revenue (the demonstration zones, whose
    GDP/revenue ratio is unknown and is fitted here; the same ratio then holds for them in `later`, the 2024
    cells, so their growth is their revenue's), else to every member without a published figure."""
    ids = [next(i for i, z in enumerate(zones) if z["name_zh"] == n) for n in EVAL_TOP10_2019]
    target = EVAL_TOP10_SHARE_2019[column] * year_total
    free = [i for i in ids if cells[i].basis == "revenue"] or [i for i in ids if cells[i].provenance != "observed"]
    fixed = sum(cells[i].value for i in ids if i not in free)
    if not free:
        report.append(f"{column} 2019: every evaluation top-10 member is observed; share "
                      f"{fixed / year_total:.4f} (published {EVAL_TOP10_SHARE_2019[column]})")
        return
    scale = (target - fixed) / sum(cells[i].value for i in free)
    if scale <= 0:
        sys.exit(f"{column} 2019: the other evaluation top-10 members exceed the published share")
    for i in free:
        cells[i] = Cell(cells[i].value * scale, "derived", cells[i].sources + ["agg:eval_top10_2019"], cells[i].basis)
        if later is not None and i in later and later[i].basis == "revenue":
            later[i] = Cell(later[i].value * scale, "derived", later[i].sources + ["agg:eval_top10_2019"], "revenue")
    names = ", ".join(zones[i]["name_en"] for i in free)
    report.append(f"{column} 2019: {names} scaled by {scale:.3f} so that the evaluation's ten hold "
                  f"{EVAL_TOP10_SHARE_2019[column]:.1%}" + (" (GDP/revenue ratio %.4f)" % (scale * GDP_PER_REVENUE)
                                                              if cells[free[0]].basis == "revenue" else ""))


def read_aggregates(obs):
    global GDP_PER_REVENUE
    for (zone, col, year), (v, _) in sorted(obs.items()):
        if zone == "ALL" and col == "gdp":
            GDP_TOTAL[year] = v
    GDP_PER_REVENUE = obs[("ALL", "gdp", 2021)][0] / obs[("ALL", "revenue", 2021)][0]


def build():
    zones = read_csv(IDENTIFIED)
    names = {z["name_zh"] for z in zones}
    sources = {r["id"] for r in read_csv(SOURCES)}
    raw = read_csv(OBSERVATIONS)
    for n, r in enumerate(raw, start=2):
        if r["source"] not in sources:
            sys.exit(f"{OBSERVATIONS}:{n}: source '{r['source']}' is not in {SOURCES}")
    obs = index_observations(raw, names)
    read_aggregates(obs)
    report = [f"aggregates: GDP {GDP_TOTAL}; GDP per revenue {GDP_PER_REVENUE:.4f} (2021)"]
    Z = len(zones)
    members = {2019: [z for z in range(Z) if zones[z]["in_2019"] == "1"], 2024: list(range(Z))}
    capital = {z: zones[z]["city_zh"] in CAPITALS and primary(zones[z]) for z in range(Z)}
    east = {z: zones[z]["province_en"] in EAST for z in range(Z)}
    land = land_cells(zones, obs, report)

    # GDP: observed or derived first, in both years, then each year's synthetic tail from a fit of log GDP on
    # log land area over the zones with a figure (capital and east as shifts).
    gdp = {y: gdp_cells(zones, obs, y, members[y]) for y in YEARS}
    for y in YEARS:  # a zone published in the other year only: moved with the aggregate growth
        other = 2024 if y == 2019 else 2019
        for z in members[y]:
            if z not in gdp[y] and z in gdp[other] and gdp[other][z].provenance != "synthetic":
                c = gdp[other][z]
                gdp[y][z] = Cell(c.value * aggregate_gdp(y) / aggregate_gdp(other), "derived", c.sources, c.basis)
    fit = tail_fit(zones, gdp, land, capital, east, report)
    top10 = {next(i for i, z in enumerate(zones) if z["name_zh"] == n) for n in EVAL_TOP10_2019}

    def tail(y, note):
        # Large zones publish their figures: a zone without one is assumed smaller than the CAP_RANK-th largest
        # published one of the year.
        known = sorted((c.value for c in gdp[y].values() if c.provenance != "synthetic"), reverse=True)
        cap = known[min(CAP_RANK, len(known)) - 1]
        fill_synthetic(gdp[y], members[y], GDP_TOTAL[y], lambda z: fit(z, y), f"gdp {y}{note}", report, cap)
        report.append(f"gdp {y}{note}: synthetic values at most {cap:.1f} (the {CAP_RANK}th largest published)")

    for y in YEARS:
        tail(y, "")
    evaluation_top10(zones, gdp[2019], "gdp", GDP_TOTAL[2019], report, later=gdp[2024])
    for y in YEARS:  # the tail again around the rescaled members (a synthetic top-10 member keeps its value)
        for z in [z for z, c in gdp[y].items() if c.provenance == "synthetic" and z not in top10]:
            del gdp[y][z]
        tail(y, ", after the evaluation's top 10")
    synthetic_land(zones, land, gdp[2024], report)

    # Zones publish R&D personnel as headcounts; the table holds full-time equivalents (the aggregate's unit).
    fte = (RND_PER_EMPLOYEE * EMPLOYMENT_TOTAL[2019] / obs[("ALL", "rnd_personnel", 2019)][0],
           obs[("ALL", "rnd_personnel", 2019)][1])
    report.append(f"rnd_personnel: {fte[0]:.4f} full-time equivalents per person (2019 aggregates)")
    table = {}
    for y in YEARS:
        table[("gdp", y)] = gdp[y]
        emp = proportional_column(zones, obs, "employment", y, members[y], gdp[y],
                                  EMPLOYMENT_TOTAL.get(y) or employment_2024(), report)
        table[("employment", y)] = emp
        rnd_total = RND_PER_EMPLOYEE * sum(c.value for c in emp.values())
        table[("rnd_personnel", y)] = proportional_column(zones, obs, "rnd_personnel", y, members[y], gdp[y],
                                                          rnd_total, report, fte)
        weight = None
        if y == 2024:
            # Patenting keeps its 2019 concentration: a zone's 2019 patents per unit of GDP, moved to 2024; a zone
            # upgraded later gets the median ratio of patents to GDP^e of the 2019 zones.
            p19, g19, e = table[("invention_patents", 2019)], table[("gdp", 2019)], ASSUMED_EMPLOYMENT_GDP_ELASTICITY
            ratios = sorted(p19[z].value / g19[z].value ** e for z in p19)
            median = ratios[len(ratios) // 2]
            weight = (lambda z: p19[z].value * gdp[y][z].value / g19[z].value if z in p19
                      else median * gdp[y][z].value ** e)
        pat = proportional_column(zones, obs, "invention_patents_granted", y, members[y], gdp[y],
                                  PATENTS_TOTAL[y], report, weight=weight)
        if y == 2019:
            evaluation_top10(zones, pat, "invention_patents", PATENTS_TOTAL[y], report)
            rebalance(pat, members[y], PATENTS_TOTAL[y], report, "patents 2019")
        table[("invention_patents", y)] = pat
    return write(zones, table, land), report


def primary(z):
    return z["name_zh"].startswith(z["city_zh"]) or z["name_zh"].startswith(z["province_zh"])


CAPITALS = set("北京 天津 石家庄 太原 呼和浩特 沈阳 长春 哈尔滨 上海 南京 杭州 合肥 福州 南昌 济南 郑州 武汉 长沙 广州 "
               "南宁 海口 重庆 成都 贵阳 昆明 拉萨 西安 兰州 西宁 银川 乌鲁木齐 大连 青岛 宁波 厦门 深圳".split())
EAST = set("Beijing Tianjin Hebei Shanghai Jiangsu Zhejiang Fujian Shandong Guangdong Hainan".split())


def land_cells(zones, obs, report):
    """Approved area (the legal area: approved in the 2018 catalogue or planned in the State Council reply) and
    the zone's land as the model uses it (the published managed or administrative area, else the approved area
    times the median ratio of managed to approved area over the zones publishing both). Zones publishing neither
    are filled later (synthetic_land)."""
    approved, managed = {}, {}
    for z, row in enumerate(zones):
        n = row["name_zh"]
        for col in ("land_approved", "land_planned"):
            hits = sorted(y for (m, c, y) in obs if m == n and c == col)
            if hits and z not in approved:
                v, s = obs[(n, col, hits[-1])]
                approved[z] = Cell(v, "observed", [s])
        hits = sorted(y for (m, c, y) in obs if m == n and c == "land_admin")
        if hits:
            v, s = obs[(n, "land_admin", hits[-1])]
            managed[z] = Cell(v, "observed", [s])
    ratios = sorted(managed[z].value / approved[z].value for z in managed if z in approved)
    ratio = ratios[len(ratios) // 2] if ratios else 1.0
    report.append(f"land: {len(approved)} approved or planned areas, {len(managed)} managed areas; "
                  f"median managed/approved ratio {ratio:.2f} over {len(ratios)} zones")
    for z in range(len(zones)):
        if z in managed and z not in approved:
            approved[z] = Cell(managed[z].value / ratio, "derived", managed[z].sources)
        if z in approved and z not in managed:
            managed[z] = Cell(approved[z].value * ratio, "derived", approved[z].sources)
    return {"approved": approved, "managed": managed, "ratio": ratio}


def synthetic_land(zones, land, gdp, report):
    """Zones without any published area: log managed land fitted on log 2024 GDP over the zones with both."""
    pairs = [(gdp[z].value, land["managed"][z].value) for z in land["managed"]]
    a, b = fit_loglog(pairs)
    missing = [z for z in range(len(zones)) if z not in land["managed"]]
    for z in missing:
        v = math.exp(a + b * math.log(gdp[z].value))
        land["managed"][z] = Cell(v, "synthetic", [])
        land["approved"][z] = Cell(v / land["ratio"], "synthetic", [])
    report.append(f"land: {len(missing)} zones without a published area, synthetic from "
                  f"log land = {a:.3f} + {b:.3f} log gdp_2024 (fitted on {len(pairs)} zones)")


def tail_fit(zones, gdp, land, capital, east, report):
    """Weight of a zone without a GDP figure: exp of a least-squares fit of log GDP (in 2024 terms) on a capital
    shift, an east shift, a shift for zones upgraded after 2019 and, where the zone publishes an area, log land;
    fitted over the zones with a published (or derived) figure."""
    late = {z: float(zones[z]["in_2019"] != "1") for z in range(len(zones))}
    known = []
    for z in range(len(zones)):
        for y in YEARS:
            if z in gdp[y] and gdp[y][z].provenance != "synthetic":
                known.append((z, math.log(gdp[y][z].value * GDP_TOTAL[2024] / GDP_TOTAL[y])))
                break
    with_land = [(z, t) for z, t in known if z in land["managed"]]
    b_land = least_squares([[1.0, math.log(land["managed"][z].value), capital[z], east[z], late[z]]
                            for z, _ in with_land], [t for _, t in with_land])
    b_none = least_squares([[1.0, capital[z], east[z], late[z]] for z, _ in known], [t for _, t in known])
    report.append(f"gdp tail fit over {len(with_land)} zones: log gdp = {b_land[0]:.3f} + {b_land[1]:.3f} log land "
                  f"+ {b_land[2]:.3f} capital + {b_land[3]:.3f} east + {b_land[4]:.3f} upgraded after 2019")
    report.append(f"gdp tail fit without land over {len(known)} zones: log gdp = {b_none[0]:.3f} "
                  f"+ {b_none[1]:.3f} capital + {b_none[2]:.3f} east + {b_none[3]:.3f} upgraded after 2019")

    def weight(z, year):
        if z in land["managed"]:
            return math.exp(b_land[0] + b_land[1] * math.log(land["managed"][z].value) + b_land[2] * capital[z] +
                            b_land[3] * east[z] + b_land[4] * late[z])
        return math.exp(b_none[0] + b_none[1] * capital[z] + b_none[2] * east[z] + b_none[3] * late[z])
    return weight


def least_squares(X, y, ridge=1e-6):
    """Normal equations with a tiny ridge, so that a regressor without variation gets a zero coefficient."""
    k = len(X[0])
    A = [[sum(r[i] * r[j] for r in X) + (ridge if i == j and i > 0 else 0.0) for j in range(k)] for i in range(k)]
    b = [sum(r[i] * t for r, t in zip(X, y)) for i in range(k)]
    for i in range(k):  # Gauss-Jordan with partial pivoting; k is at most 5
        p = max(range(i, k), key=lambda r: abs(A[r][i]))
        A[i], A[p], b[i], b[p] = A[p], A[i], b[p], b[i]
        for r in range(k):
            if r != i:
                f = A[r][i] / A[i][i]
                A[r] = [a - f * c for a, c in zip(A[r], A[i])]
                b[r] -= f * b[i]
    return [b[i] / A[i][i] for i in range(k)]


def rebalance(cells, members, total, report, note):
    """After the top-10 rule, the synthetic cells absorb the difference so that the total still holds."""
    syn = [z for z in members if cells[z].provenance == "synthetic"]
    diff = total - sum(cells[z].value for z in members)
    s = sum(cells[z].value for z in syn)
    if syn and abs(diff) > 0:
        if s + diff <= 0:
            sys.exit(f"{note}: the synthetic zones cannot absorb {diff:.1f}")
        for z in syn:
            cells[z].value *= (s + diff) / s
        report.append(f"{note}: synthetic cells rescaled by {(s + diff) / s:.3f} to keep the total")


def proportional_column(zones, obs, column, year, members, gdp, total, report, factor=None, weight=None):
    """Observed where published (times `factor`, a documented conversion, which makes the cell derived); the rest
    shares the residual in proportion to GDP^e, e fitted on the zones with a figure (or assumed where fewer than
    MIN_FIT publish one)."""
    cells = {}
    for z in members:
        key = (zones[z]["name_zh"], column, year)
        if key in obs:
            v, src = obs[key]
            cells[z] = Cell(v, "observed", [src]) if factor is None else Cell(v * factor[0], "derived", [src, factor[1]])
    pairs = [(gdp[z].value, cells[z].value) for z in cells if cells[z].value > 0]
    e = fit_loglog(pairs)[1] if len(pairs) >= MIN_FIT else ASSUMED_EMPLOYMENT_GDP_ELASTICITY
    report.append(f"{column} {year}: elasticity to GDP {e:.3f} "
                  f"({'fitted on %d zones' % len(pairs) if len(pairs) >= MIN_FIT else 'assumed'})")
    fill_synthetic(cells, members, total, weight or (lambda z: gdp[z].value ** e), f"{column} {year}", report)
    return cells


def employment_2024():
    """No published 2024 total in our sources: 2019 employment grown with half the GDP growth (assumed)."""
    return EMPLOYMENT_TOTAL[2019] * math.sqrt(GDP_TOTAL[2024] / GDP_TOTAL[2019])


def write(zones, table, land):
    value_cols = [(c, y) for y in YEARS for c in ("gdp", "employment", "rnd_personnel", "invention_patents")]
    fields = (["zone_id"] + list(zones[0].keys()) +
              [f"{c}_{y}" for y in YEARS for c in ("rank", "gdp", "employment", "rnd_personnel",
                                                   "invention_patents")] +
              ["land_km2", "land_approved_km2"] +
              [f"{c}_{y}_{k}" for c, y in value_cols for k in ("provenance", "source")] +
              [f"{c}_{k}" for c in ("land_km2", "land_approved_km2") for k in ("provenance", "source")])
    buf = io.StringIO()
    w = csv.DictWriter(buf, fields, lineterminator="\n", restval="")
    w.writeheader()
    ranks = {}
    for y in YEARS:
        cells = table[("gdp", y)]
        for r, z in enumerate(sorted(cells, key=lambda z: (-cells[z].value, z))):
            ranks[(z, y)] = r + 1
    fmt = {"gdp": "{:.6f}", "employment": "{:.0f}", "rnd_personnel": "{:.0f}", "invention_patents": "{:.0f}"}
    for z, row in enumerate(zones):
        out = {"zone_id": z, **row}
        for (c, y) in value_cols:
            cell = table[(c, y)].get(z)
            if cell is None:
                continue
            out[f"{c}_{y}"] = fmt[c].format(cell.value)
            out[f"{c}_{y}_provenance"] = cell.provenance
            out[f"{c}_{y}_source"] = ";".join(cell.sources)
            out[f"rank_{y}"] = ranks[(z, y)]
        for c, key in (("land_km2", "managed"), ("land_approved_km2", "approved")):
            cell = land[key][z]
            out[c] = f"{cell.value:.4f}"
            out[f"{c}_provenance"] = cell.provenance
            out[f"{c}_source"] = ";".join(cell.sources)
        w.writerow(out)
    return buf.getvalue()


def main():
    text, report = build()
    if "--report" in sys.argv:
        print("\n".join(report))
    if "--check" in sys.argv:
        with open(OUT, encoding="utf-8") as f:
            same = f.read() == text
        print(f"{OUT}: {'matches' if same else 'DIFFERS FROM'} its generator")
        sys.exit(0 if same else 1)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
