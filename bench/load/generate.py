"""A national-scale SaferPlan database for the load benchmark.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/saferplan_bench \
        .venv/bin/python bench/load/generate.py --partnerships 300 --years 10 --actions 100

Defaults: 300 partnerships, 10 plan years each (2016/17 to 2025/26), 100 actions a plan in
5 priorities, one lead agency per action (a partner on every third), 4 reporting periods
and 4 quarterly returns per action: 3,000 plans, 300,000 actions and 1,200,000 returns.
Rows are written with ``bulk_create`` (no change history: the benchmark reads, it does not
audit).  Also makes ``bench-manager`` (manager of the first partnership, with a confirmed
TOTP device) and ``bench-lead`` (lead officer at its council) and prints an API token for
the manager; ``--users-only`` adds just those two to an existing database.  Refuses a
database that already has plans.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saferplan.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import transaction  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from saferplan.accounts.models import PartnershipRole, Profile, Role  # noqa: E402
from saferplan.api.tokens import create_token  # noqa: E402
from saferplan.monitoring.models import ReportingPeriod  # noqa: E402
from saferplan.partnerships.models import Agency, AgencyMembership, Partnership  # noqa: E402
from saferplan.plans.models import (  # noqa: E402
    Action,
    ActionAgency,
    Plan,
    Priority,
    ProgressUpdate,
)
from saferplan.plans.periods import FinancialYear  # noqa: E402

PRIORITIES = [
    "Domestic abuse",
    "Anti-social behaviour",
    "Violent crime",
    "Substance misuse",
    "Road safety",
    "Acquisitive crime",
]
VERBS = ["Deliver", "Extend", "Review", "Run", "Fund", "Publicise", "Train staff in", "Map"]
THINGS = [
    "the sanctuary scheme",
    "detached youth work in the town centre",
    "a monthly hotspot tasking meeting",
    "the 16 Days of Action campaign",
    "Safer Streets lighting",
    "the Community Trigger",
    "a needle exchange",
    "speed awareness sessions",
]
STATUSES = ["on_track", "on_track", "on_track", "at_risk", "off_track", "completed", "no_data"]
BATCH = 5000


def _agencies(count: int) -> tuple[list[Agency], list[Agency]]:
    forces = [
        Agency(name=f"Force {n} Police", slug=f"force-{n}-police", acronym=f"F{n}P", kind="police")
        for n in range(1, 44)
    ]
    fires = [
        Agency(name=f"Fire Service {n}", slug=f"fire-service-{n}", acronym=f"FRS{n}", kind="fire")
        for n in range(1, 46)
    ]
    Agency.objects.bulk_create(forces + fires, batch_size=BATCH)
    return forces, fires


def _partnership(
    n: int, forces, fires, years: list[FinancialYear], actions: int, rng: random.Random
) -> tuple[int, int]:
    partnership = Partnership.objects.create(
        name=f"District {n:03d} Community Safety Partnership",
        slug=f"district-{n:03d}-csp",
        area=f"District {n:03d}",
        district_codes=[f"E07{n:06d}"],
    )
    own = [
        Agency(name=f"District {n:03d} Council", slug=f"district-{n:03d}-council", kind="council"),
        Agency(name=f"District {n:03d} Housing", slug=f"district-{n:03d}-housing", kind="housing"),
        Agency(name=f"Charity {n:03d}", slug=f"charity-{n:03d}", kind="charity"),
    ]
    Agency.objects.bulk_create(own)
    members = [*own, forces[n % len(forces)], fires[n % len(fires)]]
    AgencyMembership.objects.bulk_create(
        [AgencyMembership(partnership=partnership, agency=a) for a in members]
    )
    latest = years[-1]
    plans = Plan.objects.bulk_create(
        [
            Plan(
                partnership=partnership,
                year=str(fy),
                start_date=fy.start,
                end_date=fy.end,
                title=f"{partnership.name} Action Plan {fy}",
                status="published" if fy == latest or fy == years[-2] else "archived",
            )
            for fy in years
        ]
    )
    per_priority = max(1, actions // 5)
    priorities = Priority.objects.bulk_create(
        [
            Priority(plan=plan, ref=str(i + 1), title=PRIORITIES[(i + n) % 6], order=i)
            for plan in plans
            for i in range(5)
        ]
    )
    action_rows = [
        Action(
            priority=priority,
            ref=f"{priority.ref}.{j + 1}",
            text=f"{rng.choice(VERBS)} {rng.choice(THINGS)}",
            baseline=str(rng.randint(10, 900)),
            target=f"{rng.choice(['Reduce', 'Increase'])} by {rng.randint(2, 15)}%",
            order=j,
        )
        for priority in priorities
        for j in range(per_priority)
    ]
    made = Action.objects.bulk_create(action_rows, batch_size=BATCH)
    links = []
    for index, action in enumerate(made):
        lead = members[index % len(members)]
        links.append(ActionAgency(action=action, agency=lead, role="lead"))
        if index % 3 == 0:
            partner = members[(index + 1) % len(members)]
            links.append(ActionAgency(action=action, agency=partner, role="partner", order=1))
    ActionAgency.objects.bulk_create(links, batch_size=BATCH)
    ReportingPeriod.objects.bulk_create(
        [
            ReportingPeriod(
                plan=plan,
                number=q,
                deadline=date(plan.start_date.year + (q >= 3), (3 * q + 4 - 1) % 12 + 1, 15),
                status="locked" if plan.year != str(latest) else "open",
            )
            for plan in plans
            for q in range(1, 5)
        ]
    )
    plan_year = {plan.pk: plan.year for plan in plans}
    year_of = {priority.pk: plan_year[priority.plan_id] for priority in priorities}
    returns = [
        ProgressUpdate(
            action=action,
            period=f"{year_of[action.priority_id]} Q{q}",
            text="Work continues as planned; figures attached.",
            status=rng.choice(STATUSES),
            state="submitted",
            version=1,
        )
        for action in made
        for q in range(1, 5)
    ]
    ProgressUpdate.objects.bulk_create(returns, batch_size=BATCH)
    return len(made), len(returns)


def bench_users(partnership: Partnership) -> str | None:
    """``bench-manager`` (manager, with a confirmed TOTP device) and ``bench-lead`` (lead
    officer at the partnership's council, which leads a fifth of each plan's actions) of
    ``partnership``; made if missing.  The manager's new API token, or None if it existed."""
    users = get_user_model().objects
    council = Agency.objects.get(slug=partnership.slug.replace("-csp", "-council"))
    token = None
    if not users.filter(username="bench-manager").exists():
        user = users.create_user("bench-manager", password=os.urandom(16).hex())
        Profile.objects.create(user=user)
        PartnershipRole.objects.create(user=user, partnership=partnership, role=Role.MANAGER)
        TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
        token = create_token(user, "load benchmark", "read")[1]
    if not users.filter(username="bench-lead").exists():
        user = users.create_user("bench-lead", password=os.urandom(16).hex())
        Profile.objects.create(user=user, agency=council)
        PartnershipRole.objects.create(user=user, partnership=partnership, role=Role.LEAD_OFFICER)
    return token


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--partnerships", type=int, default=300)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--actions", type=int, default=100)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument(
        "--users-only", action="store_true", help="only add the benchmark's users (if missing)"
    )
    args = parser.parse_args()
    if args.users_only:
        bench_users(Partnership.objects.order_by("pk").first())
        return
    if Plan.objects.exists():
        sys.exit("the database already has plans: give an empty (migrated) database")
    rng = random.Random(args.seed)
    years = [FinancialYear(2026 - args.years + i) for i in range(args.years)]
    started = time.monotonic()
    with transaction.atomic():
        forces, fires = _agencies(args.partnerships)
    actions = returns = 0
    for n in range(1, args.partnerships + 1):
        with transaction.atomic():
            a, r = _partnership(n, forces, fires, years, args.actions, rng)
        actions, returns = actions + a, returns + r
        if n % 25 == 0 or n == args.partnerships:
            rate = returns / (time.monotonic() - started)
            print(f"{n} partnerships, {actions:,} actions, {returns:,} returns ({rate:,.0f}/s)")
    token = bench_users(Partnership.objects.order_by("pk").first())
    print(f"done in {time.monotonic() - started:.0f} s; API token for bench-manager: {token}")


if __name__ == "__main__":
    main()
