"""saferplan export-plan PLAN --format json : a stored plan in the import contract."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from saferplan.importing.services import export_plan
from saferplan.plans.lookups import find_plan
from saferplan.plans.models import Plan


class Command(BaseCommand):
    help = "Export a plan as SaferPlan JSON (import it again with import-plan)."

    def add_arguments(self, parser):
        parser.add_argument("plan", metavar="PLAN", help="plan id, or partnership-slug/2014-15")
        parser.add_argument("--format", choices=["json"], default="json")
        parser.add_argument("-o", "--output", help="write to this file instead of standard output")

    def handle(self, *args, **options):
        try:
            plan = find_plan(options["plan"])
        except Plan.DoesNotExist as error:
            raise CommandError(str(error), returncode=2) from None
        payload = export_plan(plan).to_json()
        payload["id"] = plan.pk
        text = json.dumps(payload, indent=2, ensure_ascii=False)
        if options["output"]:
            Path(options["output"]).write_text(text + "\n", encoding="utf-8")
            self.stderr.write(f"wrote {options['output']}")
        else:
            self.stdout.write(text)
