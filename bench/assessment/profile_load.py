"""Where a load's time goes: every DuckDB statement of ``loading.load`` timed.

    python bench/assessment/profile_load.py /tmp/bench4 [--work /tmp/prof] [--csv]

Loads the archives generate.py wrote (or with ``--csv`` the extracted CSVs, which
leaves out decompression) into a fresh store (as benchmark.py does) with the store's
connection wrapped so that each statement's wall and CPU time are recorded, then
prints the statements grouped by their first words, the time spent waiting for
extraction, and the bare count for comparison.  CPU time is the process's (all
threads): steadier than wall time on a shared machine, but while archives are
extracted in their thread it includes that thread's work too.
"""

from __future__ import annotations

import argparse
import glob
import re
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from benchmark import setup_django  # noqa: E402

TIMES: dict[str, list[float]] = defaultdict(list)
CPU: dict[str, list[float]] = defaultdict(list)


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class _Timed:
    def __init__(self, con):
        self._con = con

    def execute(self, sql, *args):
        started, cpu = time.perf_counter(), _cpu()
        try:
            return self._con.execute(sql, *args)
        finally:
            key = re.sub(r"\s+", " ", sql.strip())[:70]
            TIMES[key].append(time.perf_counter() - started)
            CPU[key].append(_cpu() - cpu)

    def __getattr__(self, name):
        return getattr(self._con, name)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", type=Path)
    parser.add_argument("--work", type=Path)
    parser.add_argument("--csv", action="store_true", help="load DATA/csv, not the zips")
    args = parser.parse_args()
    work = args.work or args.data / "work-profile"
    for stale in (work / "crime.duckdb", work / "crime.duckdb.wal", work / "saferplan.sqlite3"):
        stale.unlink(missing_ok=True)
    setup_django(work)
    from saferplan.assessment import loading
    from saferplan.assessment import store as store_module
    from saferplan.assessment.conf import get_store
    from saferplan.assessment.geography import load_lookup

    store = get_store()
    for name in ("lookup_lsoa21_ltla24.csv",):
        load_lookup(args.data / name, store)
    csvs = sorted(glob.glob(str(args.data / "csv" / "*" / "*.csv")))
    started = time.perf_counter()
    store.count_csv(csvs)
    bare = time.perf_counter() - started

    real_connect = store_module.duckdb.connect
    store_module.duckdb.connect = lambda *a, **k: _Timed(real_connect(*a, **k))
    waits: list[float] = []
    real_extract = loading._extract

    def extract(batch, folder):
        t = time.perf_counter()
        out = real_extract(batch, folder)
        waits.append(time.perf_counter() - t)
        return out

    loading._extract = extract
    TIMES.clear()
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    inputs = [args.data / "csv"] if args.csv else sorted((args.data / "archives").glob("*.zip"))
    report = loading.load(inputs, store, progress_bar=False)
    total = time.perf_counter() - started
    store_module.duckdb.connect = real_connect
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = cpu1.ru_utime + cpu1.ru_stime - cpu0.ru_utime - cpu0.ru_stime
    duck = sum(sum(v) for v in TIMES.values())
    print(
        f"rows {report.rows:,}  bare count {bare:.2f} s  load {total:.2f} s  ({total / bare:.1f}x)"
    )
    print(f"CPU time of the load (all threads) {cpu:.2f} s")
    print(f"extraction (in its thread) {sum(waits):.2f} s over {len(waits)} batches")
    print(
        f"DuckDB statements {duck:.2f} s; the rest (Python, Django, waiting) {total - duck:.2f} s"
    )
    print("   wall     CPU")
    for key, values in sorted(TIMES.items(), key=lambda kv: -sum(kv[1])):
        if sum(values) > 0.02:
            print(f"{sum(values):7.2f} {sum(CPU[key]):7.2f} s  x{len(values):<3} {key}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
