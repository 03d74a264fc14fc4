#!/usr/bin/python3
"""Generate data/zones.csv: the identified zones (observed columns) plus synthetic initial figures.

usage: tools/data/make_zone_table.py [--check]      (run from the repository root)

The procedure is documented in data/README.md. In short: zones are ranked (the Torch Centre's 2019 top-10 first,
in its order; the rest by a seeded score favouring provincial capitals, sub-provincial cities and the east), and
each figure follows a rank-size (Zipf) law value_r = C * r^-b whose exponent b is solved so that the top-10 share
hits the published target and whose scale C hits the published total. Deterministic: the only randomness is a
splitmix64 stream with a fixed seed, implemented here so that no library version can change the table.
--check regenerates the table in memory and exits 1 if data/zones.csv differs (run by the test suite).
"""
import csv
import io
import math
import sys

SEED = 20191231
IDENTIFIED = "data/zones_identified.csv"
OUT = "data/zones.csv"

TORCH_TOP10_2019 = ["中关村科技园区", "深圳市高新技术产业园区", "上海张江高新技术产业开发区", "武汉东湖新技术开发区",
                    "苏州工业园区", "合肥高新技术产业开发区", "西安高新技术产业开发区", "杭州高新技术产业开发区",
                    "广州高新技术产业开发区", "成都高新技术产业开发区"]
CAPITALS = set("北京 天津 石家庄 太原 呼和浩特 沈阳 长春 哈尔滨 上海 南京 杭州 合肥 福州 南昌 济南 郑州 武汉 长沙 广州 "
               "南宁 海口 重庆 成都 贵阳 昆明 拉萨 西安 兰州 西宁 银川 乌鲁木齐".split())
SUB_PROVINCIAL = set("大连 青岛 宁波 厦门 深圳".split())
EAST = set("Beijing Tianjin Hebei Shanghai Jiangsu Zhejiang Fujian Shandong Guangdong Hainan".split())

# Targets (billion CNY, persons, counts); sources in data/README.md.
GDP_2019, GDP_2024 = 12200.0, 19300.0
TOP10_GDP_2019, TOP10_PATENTS_2019 = 0.365, 0.648
ZONES_2024 = 178                           # the official count; one of them is not identified (data/README.md)
EMPLOYMENT_2019 = 22.13e6
RND_PER_EMPLOYEE = 822 / 10000             # R&D full-time equivalents per employee (13.8x national)
PATENTS_2019 = 0.375 * 452804              # 37.5% of the invention patents granted in China in 2019
PATENTS_2024 = 0.50 * 1045000              # 50% of the ~1.045 million granted in 2024
EMPLOYMENT_2024 = EMPLOYMENT_2019 * math.sqrt(GDP_2024 / GDP_2019)  # assumption: half the GDP growth is jobs
LAND_KM2 = 0.003 * 9.6e6                   # ~0.3% of national land
EMPLOYMENT_GDP_ELASTICITY = 0.9            # larger zones have more output per worker
LAND_GDP_ELASTICITY = 0.5                  # ... and are denser


def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
    return state, z ^ (z >> 31)


def normals(n, seed):
    state, out = seed, []
    while len(out) < n:
        state, a = splitmix64(state)
        state, b = splitmix64(state)
        u1, u2 = (a >> 11) / 2.0**53, (b >> 11) / 2.0**53
        out.append(math.sqrt(-2 * math.log(1 - u1)) * math.cos(2 * math.pi * u2))
    return out


def zipf_exponent(n, k, share):
    """b such that the top-k of n ranks with value r^-b hold `share` of the total (bisection)."""
    lo, hi = 0.0, 5.0
    for _ in range(200):
        b = (lo + hi) / 2
        w = [r ** -b for r in range(1, n + 1)]
        lo, hi = (b, hi) if sum(w[:k]) / sum(w) < share else (lo, b)
    return (lo + hi) / 2


def shares(n, b):
    w = [r ** -b for r in range(1, n + 1)]
    s = sum(w)
    return [x / s for x in w]


def ranking(rows, noise):
    def score(i):
        r = rows[i]
        primary = r["name_zh"].startswith(r["city_zh"]) or r["name_zh"].startswith(r["province_zh"])
        return (1.0 * (primary and r["city_zh"] in CAPITALS) + 0.6 * (primary and r["city_zh"] in SUB_PROVINCIAL)
                + 0.4 * (r["province_en"] in EAST) - 1.0 * (r["in_2019"] != "1") + 0.35 * noise[i])
    top = [next(i for i, r in enumerate(rows) if r["name_zh"] == n) for n in TORCH_TOP10_2019]
    rest = sorted((i for i in range(len(rows)) if i not in top), key=lambda i: (-score(i), i))
    return top + rest


def scaled(weights, total):
    s = sum(weights)
    return [w * total / s for w in weights]


def build():
    rows = list(csv.DictReader(open(IDENTIFIED, encoding="utf-8")))
    order = ranking(rows, normals(len(rows), SEED))
    n2019 = sum(r["in_2019"] == "1" for r in rows)
    b_gdp = zipf_exponent(n2019, 10, TOP10_GDP_2019)
    b_pat = zipf_exponent(n2019, 10, TOP10_PATENTS_2019)
    out = {i: dict(rows[i]) for i in range(len(rows))}
    for year, members, n_ranks, gdp_total, emp_total, pat_total in [
        (2019, [i for i in order if rows[i]["in_2019"] == "1"], n2019, GDP_2019, EMPLOYMENT_2019, PATENTS_2019),
        (2024, order, ZONES_2024, GDP_2024, EMPLOYMENT_2024, PATENTS_2024)]:
        # Rank-size over the official count; an unidentified zone takes the last rank and is left out.
        gdp_share, pat_share = shares(n_ranks, b_gdp), shares(n_ranks, b_pat)
        emp_w = [gdp_share[r] ** EMPLOYMENT_GDP_ELASTICITY for r in range(n_ranks)]
        emp_share = [w / sum(emp_w) for w in emp_w]
        rnd_w = [math.sqrt(emp_share[r] * pat_share[r]) for r in range(n_ranks)]
        rnd_share = [w / sum(rnd_w) for w in rnd_w]
        for rank, i in enumerate(members):
            out[i][f"rank_{year}"] = rank + 1
            out[i][f"gdp_{year}"] = f"{gdp_total * gdp_share[rank]:.6f}"
            out[i][f"employment_{year}"] = f"{emp_total * emp_share[rank]:.0f}"
            out[i][f"rnd_personnel_{year}"] = f"{emp_total * RND_PER_EMPLOYEE * rnd_share[rank]:.0f}"
            out[i][f"invention_patents_{year}"] = f"{pat_total * pat_share[rank]:.0f}"
    land_share = shares(ZONES_2024, b_gdp * LAND_GDP_ELASTICITY)
    for rank, i in enumerate(order):
        out[i]["land_km2"] = f"{LAND_KM2 * land_share[rank]:.3f}"
    fields = (["zone_id"] + list(rows[0].keys()) +
              [f"{c}_{y}" for y in (2019, 2024) for c in
               ("rank", "gdp", "employment", "rnd_personnel", "invention_patents")] + ["land_km2"])
    buf = io.StringIO()
    w = csv.DictWriter(buf, fields, lineterminator="\n", restval="")
    w.writeheader()
    for i in range(len(rows)):
        w.writerow({"zone_id": i, **out[i]})
    return buf.getvalue(), b_gdp, b_pat


def main():
    text, b_gdp, b_pat = build()
    if "--check" in sys.argv:
        same = open(OUT, encoding="utf-8").read() == text
        print(f"{OUT}: {'matches' if same else 'DIFFERS FROM'} its generator")
        sys.exit(0 if same else 1)
    open(OUT, "w", encoding="utf-8").write(text)
    print(f"wrote {OUT}: Zipf exponents gdp {b_gdp:.6f}, invention patents {b_pat:.6f}", file=sys.stderr)


if __name__ == "__main__":
    main()
