"""How long documents take: every kind in every format for a 100-action plan with four
quarters of returns, then the same at 10x the actions.

    .venv/bin/python bench/reports/benchmark.py [--work /tmp/bench-reports] [--scales 1 10]

Builds a fresh SQLite database under ``--work`` with the product's own models, then times
``services.build`` (the database reads) and each renderer separately, best of ``--repeat``.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import time
from decimal import Decimal
from pathlib import Path

FORMATS = {
    "plan": ("docx", "pdf", "html", "xlsx"),
    "quarterly": ("docx", "pdf", "html", "xlsx"),
    "committee": ("docx", "pdf", "html"),
    "workbook": ("xlsx",),
}
STATUSES = ["on_track", "on_track", "at_risk", "off_track", "completed", "no_data", "not_started"]


def setup_django(work: Path) -> None:
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    os.environ["SAFERPLAN_VAR_DIR"] = str(work)
    os.environ["DATABASE_URL"] = f"sqlite:///{work}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saferplan.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def make_plan(name: str, actions: int, indicators: int = 6):
    """A published plan: 10 priorities, ``actions`` actions with a lead and a partner, four
    quarterly returns each (a tenth of Q4 still missing), and indicators with values."""
    from saferplan.indicators.models import Indicator, IndicatorTarget, IndicatorValue
    from saferplan.partnerships.models import Agency, AgencyMembership, Partnership
    from saferplan.plans.models import Action, ActionAgency, Plan, Priority, ProgressUpdate

    partnership = Partnership.objects.create(name=name, area="Benchmark borough")
    agencies = []
    for n in range(12):
        agency = Agency.objects.create(name=f"{name} agency {n}", acronym=f"A{n}{len(name)}")
        AgencyMembership.objects.create(partnership=partnership, agency=agency)
        agencies.append(agency)
    plan = Plan.objects.create(
        partnership=partnership,
        year="2024/25",
        title=f"{name} Community Safety Plan 2024/25",
        status=Plan.Status.PUBLISHED,
        introduction="The partnership's plan for the year.\n\nIt builds on last year's work.",
    )
    priorities = [
        Priority.objects.create(
            plan=plan,
            ref=str(p + 1),
            title=f"Priority {p + 1}",
            order=p,
            rationale=f"Offences rose by {p + 3}.{p}% against a county fall of 2.1%.",
        )
        for p in range(10)
    ]
    rows = [
        Action(
            priority=priorities[i % 10],
            ref=f"{i % 10 + 1}.{i // 10 + 1}",
            text=f"Deliver activity {i} with partners to reduce harm in the town centre",
            baseline=str(20 + i % 30),
            target=str(25 + i % 30),
            measure="Number of sessions delivered",
            order=i // 10,
        )
        for i in range(actions)
    ]
    created = Action.objects.bulk_create(rows)
    ActionAgency.objects.bulk_create(
        [
            ActionAgency(action=a, agency=agencies[i % 12], role=ActionAgency.LEAD)
            for i, a in enumerate(created)
        ]
        + [
            ActionAgency(action=a, agency=agencies[(i + 5) % 12], role=ActionAgency.PARTNER)
            for i, a in enumerate(created)
        ]
    )
    updates = []
    for i, action in enumerate(created):
        for q in range(1, 5):
            if q == 4 and i % 10 == 0:
                continue  # missing returns for the report to chase
            updates.append(
                ProgressUpdate(
                    action=action,
                    period=f"2024/25 Q{q}",
                    status=STATUSES[(i + q) % len(STATUSES)],
                    text=f"Quarter {q}: {i % 7 + 3} sessions held, {i % 5 + 10} people reached, "
                    "next steps agreed at the tasking meeting.",
                )
            )
    ProgressUpdate.objects.bulk_create(updates)
    for n in range(indicators):
        indicator = Indicator.objects.create(
            partnership=partnership, name=f"Indicator {n}", frequency="quarterly"
        )
        indicator.priorities.add(priorities[n % 10])
        IndicatorTarget.objects.create(
            indicator=indicator, year="2024/25", baseline_value=Decimal(400), target_value=380
        )
        for year, value in (("2022/23", 430), ("2023/24", 400)):
            IndicatorValue.objects.create(indicator=indicator, period=year, value=Decimal(value))
        for q in range(1, 5):
            IndicatorValue.objects.create(
                indicator=indicator, period=f"2024/25 Q{q}", value=Decimal(95 + q + n)
            )
    return plan


def best_of(repeat: int, function):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result


def run(plan, repeat: int) -> list[tuple[str, str, float, float, int]]:
    from datetime import date

    from django.db import connection, reset_queries

    from saferplan.plans.periods import Quarter
    from saferplan.reports.services import build, render

    today, quarter = date(2025, 4, 20), Quarter.parse("2024/25 Q4")
    results = []
    for kind, formats in FORMATS.items():
        reset_queries()
        connection.force_debug_cursor = True
        build_time, _ = best_of(repeat, lambda k=kind: build(k, plan, today=today, quarter=quarter))
        queries = len(connection.queries) // repeat
        connection.force_debug_cursor = False
        for fmt in formats:

            def make(k=kind, f=fmt):
                # Charts are drawn lazily and kept on the document: draw them afresh each time.
                return render(build(k, plan, today=today, quarter=quarter), f)

            total, output = best_of(repeat, make)
            results.append((kind, fmt, build_time, total, len(output.content), queries))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench-reports"))
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
    setup_django(args.work)
    print("| actions | document | format | build (reads) | build + render | size | queries |")
    print("|---|---|---|---|---|---|---|")
    for scale in args.scales:
        actions = 100 * scale
        plan = make_plan(f"Bench {actions}", actions)
        for kind, fmt, build_time, total, size, queries in run(plan, args.repeat):
            print(
                f"| {actions:,} | {kind} | {fmt} | {build_time * 1000:,.0f} ms | "
                f"{total * 1000:,.0f} ms | {size / 1024:,.0f} KB | {queries} |",
                flush=True,
            )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nPeak memory (RSS): {peak:,.0f} MB")


if __name__ == "__main__":
    main()
