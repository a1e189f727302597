"""saferplan sync-indicators PLAN : turn a plan's printed targets into indicators and checks."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from saferplan.indicators.sync import sync_from_target_rows
from saferplan.plans.lookups import find_plan
from saferplan.plans.models import Plan


class Command(BaseCommand):
    help = "Create or update the indicators, targets and values of a plan's target rows."

    def add_arguments(self, parser):
        parser.add_argument("plan", metavar="PLAN", help="plan id, or partnership-slug/2014-15")

    def handle(self, *args, **options):
        try:
            plan = find_plan(options["plan"])
        except Plan.DoesNotExist as error:
            raise CommandError(str(error), returncode=2) from None
        result = sync_from_target_rows(plan)
        self.stdout.write(
            f"{len(result.checks)} target rows: {result.indicators_created} new indicators, "
            f"{result.values_written} values written, {len(result.flags)} flagged"
        )
        for check in result.flags:
            self.stdout.write(f"! {check.title}: {check.flag}")
