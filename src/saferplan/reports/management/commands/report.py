"""``saferplan report KIND PLAN --format docx|pdf|xlsx|html --period 2014/15-Q2 -o FILE``."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from saferplan.plans.lookups import find_plan
from saferplan.plans.models import Plan
from saferplan.reports.services import KINDS, RENDERERS, ReportError, parse_quarter, produce


class Command(BaseCommand):
    help = "Produce a plan's document: " + "; ".join(f"{k} ({v})" for k, v in KINDS.items())

    def add_arguments(self, parser) -> None:
        parser.add_argument("kind", choices=sorted(KINDS))
        parser.add_argument("plan", help="plan id, or partnership-slug/2014-15")
        parser.add_argument("--format", dest="fmt", choices=sorted(RENDERERS), default="pdf")
        parser.add_argument(
            "--period", help="the quarter, such as 2014/15-Q2 (default: latest with returns)"
        )
        parser.add_argument("--today", help="the date to count deadlines from (YYYY-MM-DD)")
        parser.add_argument("--public", action="store_true", help="leave out contact details")
        parser.add_argument("-o", "--output", help="the file to write; - for standard output")

    def handle(self, *args, kind, plan, fmt, period, today, public, output, **options) -> None:
        try:
            found = find_plan(plan)
        except Plan.DoesNotExist as error:
            raise CommandError(str(error), returncode=2) from None
        try:
            day = date.fromisoformat(today) if today else None
            result = produce(
                kind, found, fmt, today=day, quarter=parse_quarter(period), public=public
            )
        except (ReportError, ValueError) as error:
            raise CommandError(str(error)) from None
        if output == "-":
            sys.stdout.buffer.write(result.content)
            return
        path = Path(output or result.filename)
        path.write_bytes(result.content)
        self.stdout.write(f"Wrote {path} ({len(result.content):,} bytes)")
