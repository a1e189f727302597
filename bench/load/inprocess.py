"""Per-request cost of the benchmark's pages, in-process (no gunicorn, no other clients).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/saferplan_bench \
        .venv/bin/python bench/load/inprocess.py [--repeat 20] [--only plan] [--cprofile]

Sends the same URLs as ``benchmark.py`` through Django's test client with the signed-in
sessions of the benchmark's users, and prints each page's median and minimum time, the
CPU time of this process alone (Python and the driver, not PostgreSQL: the other work on a
shared machine hardly changes it) and the number of queries.  The load average inflates
the benchmark's latencies; this shows what one request costs beside the floor.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import statistics
import time

import benchmark  # sets up Django with the floor's settings
from django.db import connection
from django.test import Client


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--only", default="", help="pages whose label contains this")
    parser.add_argument("--cprofile", action="store_true", help="profile the chosen pages")
    args = parser.parse_args()
    pages = benchmark.pages(random.Random(7))
    headers = benchmark.headers()
    print("| page | median ms | min ms | Python CPU ms (median) | queries | status |")
    print("|---|---:|---:|---:|---:|---|")
    for label, urls in pages.items():
        if args.only not in label:
            continue
        client = Client(HTTP_HOST="127.0.0.1")
        extra = _extra(headers[benchmark.persona_of(label)])
        for url in urls[:3]:
            client.get(url, **extra)  # warm caches and connections
        times = []
        queries: list[str] = []

        with connection.execute_wrapper(_Counter(queries)):
            response = client.get(urls[0], **extra)
        if args.cprofile:
            profiler = cProfile.Profile()
            profiler.enable()
        cpu = []
        for i in range(args.repeat):
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(urls[i % len(urls)], **extra)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        if args.cprofile:
            profiler.disable()
            pstats.Stats(profiler).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(35)
        print(
            f"| {label} | {statistics.median(times):.1f} | {min(times):.1f} "
            f"| {statistics.median(cpu):.1f} | {len(queries)} | {response.status_code} |"
        )


class _Counter:
    def __init__(self, queries: list[str]) -> None:
        self.queries = queries

    def __call__(self, execute, sql, params, many, context):
        self.queries.append(sql)
        return execute(sql, params, many, context)


def _extra(header: str) -> dict[str, str]:
    name, _, value = header.partition(": ")
    return {f"HTTP_{name.upper().replace('-', '_')}": value.strip()}


if __name__ == "__main__":
    main()
