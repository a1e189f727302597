"""Benchmark the strategic assessment on synthetic national data (see generate.py).

    python bench/assessment/generate.py /tmp/bench --rows 20000000 --months 36 --keep-csv
    python bench/assessment/benchmark.py /tmp/bench [--skip-pandas]

Prints, in one run: DuckDB's bare ``SELECT count(*) FROM read_csv(...)`` over the
extracted CSVs (best of two); DuckDB's own work on the same files (``store.YARDSTICKS``:
``CREATE TABLE AS`` of the columns a crime row keeps, and of the four columns that are
the least any store answering single-type street hotspots must hold, stored as rows
and grouped); load-crime from those CSV files (into a scratch store)
and from the zip archives (rows/s, and the ratios to the bare count and to DuckDB's
copy); the national assessment (every district and crime type, ranked within its force
area, with the top 10 LSOAs and street points of every district); a district's
assessment page (Django test client, cache cleared, median of 5); peak memory; and the
same national computation in pandas, the analyst's usual tool, in a subprocess.
Uses its own SQLite database and crime store under WORK (default DATA/work).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _csvs(data: Path) -> list[str]:
    return sorted(glob.glob(str(data / "csv" / "*" / "*.csv")))


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def setup_django(work: Path) -> None:
    work.mkdir(parents=True, exist_ok=True)
    os.environ["SAFERPLAN_VAR_DIR"] = str(work)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saferplan.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", type=Path, help="the folder generate.py wrote")
    parser.add_argument("--work", type=Path)
    parser.add_argument("--skip-pandas", action="store_true")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="skip the bare count and the load: time the queries and page on WORK again",
    )
    parser.add_argument("--repeat", type=int, default=1, help="national assessment: best of N")
    parser.add_argument("--pandas-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--yardstick", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.pandas_only:
        return pandas_baseline(args.data)
    work = args.work or args.data / "work"
    if args.yardstick:
        return yardstick(args.yardstick, _csvs(args.data), work)
    if args.reuse:
        setup_django(work)
        from saferplan.assessment.conf import get_store

        figures = national_assessment(get_store(), args.repeat)
        figures.update(district_page())
        figures["peak_mb"] = peak_mb()
        print(
            json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in figures.items()})
        )
        return 0
    for stale in (work / "crime.duckdb", work / "crime.duckdb.wal", work / "saferplan.sqlite3"):
        stale.unlink(missing_ok=True)
    setup_django(work)
    from saferplan.assessment.conf import get_store
    from saferplan.assessment.geography import load_lookup, load_population
    from saferplan.assessment.loading import load

    store = get_store()
    figures: dict[str, object] = {}
    for name in ("lookup_lsoa21_ltla24.csv", "lookup_ltla24_csp24_pfa24.csv"):
        load_lookup(args.data / name, store)
    load_population(args.data / "population.csv", "ltla24_code", "population", 2021)

    csvs = _csvs(args.data)
    # Best of two: the first may read the files from disk, the loads find them cached.
    timings = []
    bare = None
    for _ in range(2 if csvs else 0):
        started = time.perf_counter()
        bare = store.count_csv(csvs)
        timings.append(time.perf_counter() - started)
    figures["bare_count_s"] = min(timings) if timings else None
    figures["rows_in_csv"] = bare
    if csvs:
        figures.update(csv_yardsticks(args.data, work, figures["bare_count_s"]))
    archives = sorted((args.data / "archives").glob("*.zip"))
    started = time.perf_counter()
    report = load(archives, store, progress_bar=False)
    load_s = time.perf_counter() - started
    figures.update(
        rows_loaded=report.rows,
        load_s=load_s,
        load_rows_per_s=report.rows / load_s,
        load_peak_mb=peak_mb(),
    )
    if bare is not None:
        figures["load_vs_bare_count"] = load_s / figures["bare_count_s"]
    figures.update(national_assessment(store, args.repeat))
    figures.update(district_page())
    figures["store_mb"] = (work / "crime.duckdb").stat().st_size / 1e6
    figures["peak_mb"] = peak_mb()
    if not args.skip_pandas:
        figures.update(_subprocess(args.data, "--pandas-only"))
    print(
        json.dumps(
            {k: round(v, 3) if isinstance(v, float) else v for k, v in figures.items()}, indent=2
        )
    )
    return 0


def csv_yardsticks(data: Path, work: Path, bare_count_s: float) -> dict:
    """DuckDB's own work on the extracted CSV files (its plainest copy of the columns a
    crime row keeps; the least any store answering single-type street hotspots must
    write, as rows and grouped), each in its own process so that its memory is not
    counted as the load's; and load-crime of the same files into a scratch store."""
    from saferplan.assessment.geography import load_lookup
    from saferplan.assessment.loading import load
    from saferplan.assessment.store import YARDSTICKS, Store

    figures = {}
    for name in YARDSTICKS:
        ran = _subprocess(data, "--yardstick", name, "--work", str(work))
        figures[f"{name}_s"] = ran["s"]
        figures[f"{name}_vs_bare_count"] = ran["s"] / bare_count_s
        figures[f"{name}_peak_mb"] = ran["peak_mb"]
    csv_store = Store(work / "csv-load.duckdb")
    for stale in (work / "csv-load.duckdb", work / "csv-load.duckdb.wal"):
        stale.unlink(missing_ok=True)
    for name in ("lookup_lsoa21_ltla24.csv", "lookup_ltla24_csp24_pfa24.csv"):
        load_lookup(data / name, csv_store)
    started = time.perf_counter()
    load([data / "csv"], csv_store, progress_bar=False)
    figures["load_from_csv_s"] = time.perf_counter() - started
    (work / "csv-load.duckdb").unlink()
    figures["load_from_csv_vs_bare_count"] = figures["load_from_csv_s"] / bare_count_s
    figures["load_from_csv_vs_duckdb_copy"] = figures["load_from_csv_s"] / figures["duckdb_copy_s"]
    return figures


def _subprocess(data: Path, *options: str) -> dict:
    """Run this script again in a new process and return the figures it prints."""
    out = subprocess.run(
        [sys.executable, __file__, str(data), *options], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def yardstick(name: str, csvs: list[str], work: Path) -> int:
    """One of DuckDB's own jobs on the CSV files (``store.YARDSTICKS``), timed."""
    from saferplan.assessment.store import Store

    work.mkdir(parents=True, exist_ok=True)
    scratch = work / "yardstick.duckdb"
    scratch.unlink(missing_ok=True)
    started = time.perf_counter()
    rows = Store.yardstick(name, csvs, scratch)
    elapsed = time.perf_counter() - started
    scratch.unlink()
    print(json.dumps({"s": elapsed, "rows": rows, "peak_mb": peak_mb()}))
    return 0


def _counties():
    from saferplan.assessment.models import County

    return {c.name: c.district_codes for c in County.objects.all()}


def national_assessment(store, repeat: int = 1) -> dict:
    """Every district, every type, ranked within its force area, with hotspots (best of
    ``repeat`` runs)."""
    runs = [_national(store) for _ in range(max(repeat, 1))]
    return min(runs, key=lambda r: r["national_assessment_s"])


def _national(store) -> dict:
    from saferplan.assessment.geography import district_names, populations_for
    from saferplan.assessment.rules import build_figures
    from saferplan.assessment.services import compute

    counties = _counties()
    codes = [c for members in counties.values() for c in members]
    started = time.perf_counter()
    result = compute(codes, "England and Wales", hotspots=10)  # one pass over the store
    names, populations = district_names(codes), populations_for(codes, result.window.end.year)
    counts: dict[tuple[str, str], tuple[int, int]] = {}
    for f in result.figures:
        counts[(f.district_code, f.crime_type)] = (f.count, f.previous)
    ranked = []
    for members in counties.values():  # ranks, county rates and changes per force area
        ranked += build_figures(
            {k: v for k, v in counts.items() if k[0] in members},
            {c: names[c] for c in members},
            {c: populations[c] for c in members},
        )
    elapsed = time.perf_counter() - started
    return {
        "national_assessment_s": elapsed,
        "national_rows": len(ranked),
        "national_districts": len(codes),
        "national_hotspot_rows": sum(len(v) for v in result.lsoa_hotspots.values())
        + sum(len(v) for v in result.street_hotspots.values()),
        "window": str(result.window),
    }


def district_page() -> dict:
    from django.core.cache import cache
    from django.test import Client
    from django.test.utils import setup_test_environment

    from saferplan.accounts.models import PartnershipRole, Role
    from saferplan.partnerships.models import Partnership

    setup_test_environment()
    counties = _counties()
    county, members = sorted(counties.items())[0]
    from django.contrib.auth import get_user_model

    partnership = Partnership.objects.filter(name="Bench CSP").first()
    if partnership is None:
        partnership = Partnership.objects.create(name="Bench CSP", district_codes=[members[0]])
        user = get_user_model().objects.create_user("bench", password="x" * 20)
        PartnershipRole.objects.create(user=user, partnership=partnership, role=Role.VIEWER)
    user = get_user_model().objects.get(username="bench")
    client = Client()
    client.force_login(user)
    timings = []
    client.get(f"/assessment/{partnership.slug}/")  # imports, templates: not the store's cost
    for _ in range(5):
        cache.clear()
        started = time.perf_counter()
        response = client.get(f"/assessment/{partnership.slug}/")
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    started = time.perf_counter()
    client.get(f"/assessment/{partnership.slug}/")
    warm = time.perf_counter() - started
    return {
        "district_page_cold_median_s": statistics.median(timings),
        "district_page_cached_s": warm,
        "district_page_county": county,
    }


def pandas_baseline(data: Path) -> int:
    """The same national figures and hotspots with pandas, reading the CSVs it needs."""
    import pandas as pd

    started = time.perf_counter()
    files = sorted(glob.glob(str(data / "csv" / "*" / "*.csv")))
    months = sorted({Path(f).parent.name for f in files})[-24:]  # window + comparison
    use = ["Month", "Longitude", "Latitude", "Location", "LSOA code", "LSOA name", "Crime type"]
    dtypes = {
        "Month": "category",
        "Location": "category",
        "LSOA code": "category",
        "LSOA name": "category",
        "Crime type": "category",
    }
    frames = [
        pd.read_csv(f, usecols=use, dtype=dtypes) for f in files if Path(f).parent.name in months
    ]
    crimes = pd.concat(frames, ignore_index=True)
    del frames
    read_s = time.perf_counter() - started
    lookup = pd.read_csv(data / "lookup_lsoa21_ltla24.csv", usecols=["lsoa21_code", "ltla24_code"])
    areas = pd.read_csv(data / "lookup_ltla24_csp24_pfa24.csv")
    population = pd.read_csv(data / "population.csv")
    crimes = crimes.merge(lookup, left_on="LSOA code", right_on="lsoa21_code", how="left")
    crimes["window"] = crimes["Month"].astype(str) >= months[12]
    counts = crimes.groupby(["ltla24_code", "Crime type", "window"], observed=True).size()
    table = counts.unstack("window", fill_value=0).reset_index()
    table = table.merge(population, on="ltla24_code").merge(
        areas[["ltla24_code", "pfa24_code"]], on="ltla24_code"
    )
    table["rate"] = table[True] / table["population"] * 1000
    table["rank"] = table.groupby(["pfa24_code", "Crime type"])["rate"].rank(
        ascending=False, method="min"
    )
    window = crimes[crimes["window"]]
    lsoas = window.groupby(["ltla24_code", "LSOA code"], observed=True).size()
    top_lsoas = lsoas.sort_values(ascending=False).groupby(level=0).head(10)
    streets = (
        window.dropna(subset=["Longitude"])
        .groupby(["ltla24_code", "Location", "Longitude", "Latitude"], observed=True)
        .size()
    )
    top_streets = streets.sort_values(ascending=False).groupby(level=0).head(10)
    total_s = time.perf_counter() - started
    print(
        json.dumps(
            {
                "pandas_rows": len(crimes),
                "pandas_read_s": read_s,
                "pandas_total_s": total_s,
                "pandas_compute_s": total_s - read_s,
                "pandas_peak_mb": peak_mb(),
                "pandas_result_rows": len(table),
                "pandas_hotspot_rows": len(top_lsoas) + len(top_streets),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parents[1] / "src"))
    sys.exit(main())
