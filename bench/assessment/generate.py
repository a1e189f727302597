"""Synthetic police.uk street-level archives at any size, for the assessment benchmark.

    python bench/assessment/generate.py OUT --rows 20000000 --months 36 [--end 2025-12]

Writes, under OUT:
  archives/YYYY-MM.zip     one police.uk-style archive per month: YYYY-MM/YYYY-MM-<force>-street.csv
                           for each of the 43 territorial forces of England and Wales
  lookup_lsoa21_ltla24.csv synthetic LSOA → district lookup (ONS column names)
  lookup_ltla24_csp24_pfa24.csv  district → CSP → force area
  population.csv           a population per district

The data looks like the real thing where it matters to the loader and the queries:
about 344 districts and 34,000 LSOAs, skewed towards hotspots (a few LSOAs and
street points carry much of the crime); the police.uk mix of crime types; empty
Crime IDs on anti-social behaviour rows; about 1.5% "No Location" rows with no LSOA;
64-character hexadecimal Crime IDs; outcome categories on crimes.  DuckDB writes
the CSVs (fast), Python zips them (deflate level 1, two threads).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb

# the police.uk type mix, outcomes and place names of the demo data
from saferplan.demo.crime import OUTCOMES, PLACES, TYPE_MIX

FORCES = [
    "avon-and-somerset",
    "bedfordshire",
    "cambridgeshire",
    "cheshire",
    "city-of-london",
    "cleveland",
    "cumbria",
    "derbyshire",
    "devon-and-cornwall",
    "dorset",
    "durham",
    "dyfed-powys",
    "essex",
    "gloucestershire",
    "greater-manchester",
    "gwent",
    "hampshire",
    "hertfordshire",
    "humberside",
    "kent",
    "lancashire",
    "leicestershire",
    "lincolnshire",
    "merseyside",
    "metropolitan",
    "norfolk",
    "north-wales",
    "north-yorkshire",
    "northamptonshire",
    "northumbria",
    "nottinghamshire",
    "south-wales",
    "south-yorkshire",
    "staffordshire",
    "suffolk",
    "surrey",
    "sussex",
    "thames-valley",
    "warwickshire",
    "west-mercia",
    "west-midlands",
    "west-yorkshire",
    "wiltshire",
]
DISTRICTS_PER_FORCE, LSOAS_PER_DISTRICT, POINTS_PER_LSOA = 8, 100, 20


def _type_case() -> str:
    parts, total = [], 0.0
    for name, share in TYPE_MIX:
        total += share
        parts.append(f"WHEN u < {total:.4f} THEN '{name}'")
    return "CASE " + " ".join(parts) + f" ELSE '{TYPE_MIX[0][0]}' END"


def build_geography(con, out: Path) -> None:
    con.execute(
        "CREATE TABLE force AS SELECT * FROM (VALUES "
        + ", ".join(
            f"({i}, '{slug}', '{slug.replace('-', ' ').title()} Police')"
            for i, slug in enumerate(FORCES)
        )
        + ") f(force_id, slug, display)"
    )
    con.execute(f"""
        CREATE TABLE district AS
        SELECT f.force_id, d.i AS n, f.force_id * {DISTRICTS_PER_FORCE} + d.i AS district_id,
               printf('E07%06d', 1000 + f.force_id * {DISTRICTS_PER_FORCE} + d.i) AS code,
               replace(f.display, ' Police', '') || ' District ' || (d.i + 1) AS name,
               printf('E22%06d', 1000 + f.force_id * {DISTRICTS_PER_FORCE} + d.i) AS csp_code,
               printf('E23%06d', 100 + f.force_id) AS pfa_code, f.display AS pfa_name,
               (60000 + hash(f.force_id * 97 + d.i) % 300000)::INTEGER AS population,
               -3.0 + (f.force_id % 8) * 0.6 AS lon0, 50.5 + (f.force_id // 8) * 0.7 AS lat0
        FROM force f, range({DISTRICTS_PER_FORCE}) d(i)""")
    con.execute(f"""
        CREATE TABLE lsoa AS
        SELECT d.force_id, d.n * {LSOAS_PER_DISTRICT} + l.i AS idx, d.code AS district_code,
               d.name AS district_name,
               printf('E01%06d', d.district_id * {LSOAS_PER_DISTRICT} + l.i) AS lsoa_code,
               d.name || ' ' || printf('%03d', l.i // 4 + 1) || chr(65 + (l.i % 4)::INTEGER)
                   AS lsoa_name,
               d.lon0 + (d.n % 4) * 0.12 + (l.i % 10) * 0.01 AS lon,
               d.lat0 + (d.n // 4) * 0.15 + (l.i // 10) * 0.01 AS lat
        FROM district d, range({LSOAS_PER_DISTRICT}) l(i)""")
    con.execute(
        f"COPY (SELECT lsoa_code AS lsoa21_code, lsoa_name AS lsoa21_name, "
        f"district_code AS ltla24_code, district_name AS ltla24_name FROM lsoa) "
        f"TO '{out / 'lookup_lsoa21_ltla24.csv'}' (HEADER)"
    )
    con.execute(
        f"COPY (SELECT code AS ltla24_code, name AS ltla24_name, csp_code AS csp24_code, "
        f"name AS csp24_name, pfa_code AS pfa24_code, pfa_name AS pfa24_name FROM district) "
        f"TO '{out / 'lookup_ltla24_csp24_pfa24.csv'}' (HEADER)"
    )
    con.execute(
        f"COPY (SELECT code AS ltla24_code, population FROM district) "
        f"TO '{out / 'population.csv'}' (HEADER)"
    )


def write_month(con, month: str, rows_per_force: list[int], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    n_lsoas = DISTRICTS_PER_FORCE * LSOAS_PER_DISTRICT
    streets = "['" + "', '".join(PLACES) + "']"
    outcomes = "['" + "', '".join(OUTCOMES) + "']"
    for force_id, rows in enumerate(rows_per_force):
        slug = FORCES[force_id]
        target = folder / f"{month}-{slug}-street.csv"
        # pow(random(), 2.2) skews rows towards low LSOA and point numbers: hotspots.
        con.execute(f"""COPY (
            WITH r AS (
                SELECT random() AS u, random() AS v, random() AS w, random() AS x,
                       md5(random()::VARCHAR) || md5(random()::VARCHAR) AS crime_id
                FROM range({rows})),
            t AS (SELECT *, {_type_case()} AS crime_type,
                         (pow(v, 2.2) * {n_lsoas})::INTEGER % {n_lsoas} AS pick,
                         (pow(w, 2.0) * {POINTS_PER_LSOA})::INTEGER AS point FROM r)
            SELECT CASE WHEN crime_type = 'Anti-social behaviour' THEN NULL ELSE crime_id END
                       AS "Crime ID",
                   '{month}' AS "Month", f.display AS "Reported by", f.display AS "Falls within",
                   CASE WHEN x < 0.015 THEN NULL ELSE round(l.lon + point * 0.0007, 6) END
                       AS "Longitude",
                   CASE WHEN x < 0.015 THEN NULL ELSE round(l.lat + point * 0.0004, 6) END
                       AS "Latitude",
                   CASE WHEN x < 0.015 THEN 'No Location'
                        ELSE 'On or near '
                             || {streets}[1 + (hash(l.lsoa_code, point) % {len(PLACES)})::INTEGER]
                   END AS "Location",
                   CASE WHEN x < 0.015 THEN NULL ELSE l.lsoa_code END AS "LSOA code",
                   CASE WHEN x < 0.015 THEN NULL ELSE l.lsoa_name END AS "LSOA name",
                   crime_type AS "Crime type",
                   CASE WHEN crime_type = 'Anti-social behaviour' THEN NULL
                        ELSE {outcomes}[1 + (hash(crime_id) % {len(OUTCOMES)})::INTEGER]
                   END AS "Last outcome category",
                   NULL AS "Context"
            FROM t JOIN lsoa l ON l.force_id = {force_id} AND l.idx = t.pick
            JOIN force f ON f.force_id = {force_id}
        ) TO '{target}' (HEADER, DELIMITER ',')""")


def zip_month(folder: Path, archive: Path) -> None:
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        out.mkdir(folder.name)
        for csv in sorted(folder.iterdir()):
            out.write(csv, f"{folder.name}/{csv.name}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=1_000_000, help="total rows (default 1M)")
    parser.add_argument("--months", type=int, default=36)
    parser.add_argument("--end", default="2025-12", help="last month, YYYY-MM")
    parser.add_argument("--keep-csv", action="store_true", help="keep the CSVs beside the zips")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    out: Path = args.out
    (out / "archives").mkdir(parents=True, exist_ok=True)
    csv_root = out / "csv"
    con = duckdb.connect()
    con.execute("SELECT setseed(0.42)")
    build_geography(con, out)
    weights = [1.0 + (zlib.crc32(slug.encode()) % 7) / 3 for slug in FORCES]
    weights[FORCES.index("metropolitan")] = 8.0  # the Met is by far the largest force
    per_month = args.rows // args.months
    rows_per_force = [int(per_month * w / sum(weights)) for w in weights]
    year, month = map(int, args.end.split("-"))
    months = []
    for i in range(args.months):
        index = year * 12 + month - 1 - (args.months - 1 - i)
        months.append(f"{index // 12:04d}-{index % 12 + 1:02d}")
    with ThreadPoolExecutor(2) as pool:
        zipping = []
        for label in months:
            write_month(con, label, rows_per_force, csv_root / label)
            zipping.append(
                pool.submit(zip_month, csv_root / label, out / "archives" / f"{label}.zip")
            )
            print(f"{label}: {sum(rows_per_force):,} rows", file=sys.stderr)
        for job in zipping:
            job.result()
    if not args.keep_csv:
        shutil.rmtree(csv_root)
    total = sum(rows_per_force) * len(months)
    print(f"{total:,} rows in {len(months)} archives in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
