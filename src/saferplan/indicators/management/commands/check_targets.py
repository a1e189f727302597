"""saferplan check-targets PLAN : recompute a plan's target rows and flag printed errors."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from saferplan.indicators.checks import check_plan_targets
from saferplan.plans.lookups import find_plan
from saferplan.plans.models import Plan


class Command(BaseCommand):
    help = "Recompute every target row of a plan and list where the printed change disagrees."

    def add_arguments(self, parser):
        parser.add_argument("plan", metavar="PLAN", help="plan id, or partnership-slug/2014-15")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options):
        try:
            plan = find_plan(options["plan"])
        except Plan.DoesNotExist as error:
            raise CommandError(str(error), returncode=2) from None
        checks = check_plan_targets(plan)
        if options["format"] == "json":
            self.stdout.write(
                json.dumps([c.as_dict() for c in checks], indent=2, ensure_ascii=False)
            )
            return
        flagged = [c for c in checks if c.flag]
        for c in checks:
            mark = "!" if c.flag else " "
            self.stdout.write(
                f"{mark} {c.title[:70]:70}  {c.baseline or '-':>7} {c.target or '-':>7} "
                f"{c.actual or '-':>7}  printed {c.printed_change or '-':>16}  "
                f"computed {c.computed_change_text:>8}  {c.status or '-'}"
            )
            if c.flag:
                self.stdout.write(f"    {c.flag}")
        self.stdout.write(f"{len(checks)} target rows, {len(flagged)} flagged")
