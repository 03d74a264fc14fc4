#!/usr/bin/python3
"""Import collected figures into data/zone_observations.csv and data/zone_sources.csv (kept for the record).

usage: tools/data/import_observations.py COLLECTED.csv...   (run from the repository root)

Each collected file has the columns name_zh, column, year, value, unit, scope, publisher, title, pub_year, url,
evidence: one published figure per row, found in public pages (data/README.md says how). This script
- drops figures that are not for a whole year (the evidence says first half, first quarter, January-April ...),
  targets and forecasts (years after 2024), figures of another scope (scope other: indicator ranks, a town for
  its zone; the aggregates of all zones, zone ALL, are kept), a core park's figures (scope core_area) and rows whose zone is not in zones_identified.csv;
- keeps one figure per zone, column and year: the zone's own figure before its district's, the first found
  otherwise;
- gives every distinct page a source id (S001, ...) and writes both files sorted, so a rerun is stable.
The two output files are what the table generator reads; edit them by hand for a correction, with its source.
"""
import csv
import sys

PARTIAL = ("上半年", "一季度", "前三季度", "1-4月", "1-6月", "1-9月", "H1", "Q1", "Q3", "first half", "ONLY", "only:")
SCOPE_ORDER = {"zone": 0, "demonstration_zone": 1, "core_area": 2, "district": 3}


def main(paths):
    names = {r["name_zh"] for r in csv.DictReader(open("data/zones_identified.csv", encoding="utf-8"))}
    rows = []
    for p in paths:
        with open(p, encoding="utf-8", newline="") as f:
            rows += list(csv.DictReader(f))
    kept, sources = {}, {}
    for r in rows:
        ev = r.get("evidence", "") or ""
        if r["name_zh"] not in names and r["name_zh"] != "ALL":
            continue
        if r["column"].startswith("land_") and not r["year"].strip():
            r["year"] = "0"  # an area without a year: kept (year 0 = not stated)
        if any(t in ev for t in PARTIAL) or not r["year"].strip():
            continue
        if r["scope"] == "core_area":  # a core park's figure is not the zone's, in any column
            continue
        if r["scope"] == "other" and r["name_zh"] != "ALL":  # indicator ranks, a town for a zone, ...
            continue
        if r["year"].strip().isdigit() and int(r["year"]) > 2024:  # a target or forecast, not a statistic
            continue
        try:
            float(r["value"])
            int(r["year"])
        except ValueError:
            continue
        r["unit"] = r["unit"].split("(")[0].split("（")[0].strip()  # "亿元 (首次突破)" -> "亿元"
        key = (r["name_zh"], r["column"], int(r["year"]))
        rank = SCOPE_ORDER.get(r["scope"], 9)
        if key in kept and kept[key][0] <= rank:
            continue
        kept[key] = (rank, r)
    for _, r in kept.values():
        sources.setdefault((r["url"], r["publisher"], r["title"], r["pub_year"]), None)
    ids = {k: f"S{i + 1:03d}" for i, k in enumerate(sorted(sources))}
    with open("data/zone_sources.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "publisher", "title", "pub_year", "url"])
        for k, i in sorted(ids.items(), key=lambda kv: kv[1]):
            w.writerow([i, k[1], k[2], k[3], k[0]])
    with open("data/zone_observations.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["zone", "column", "year", "value", "unit", "scope", "source", "note"])
        for key in sorted(kept):
            r = kept[key][1]
            sid = ids[(r["url"], r["publisher"], r["title"], r["pub_year"])]
            w.writerow([r["name_zh"], r["column"], r["year"], r["value"], r["unit"], r["scope"], sid,
                        (r.get("evidence") or "")[:100]])
    print(f"{len(kept)} figures from {len(ids)} sources", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
