"""saferplan load-demo : fill an empty database with the demo content that ships with SaferPlan."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from saferplan.assessment.geography import GeographyError
from saferplan.assessment.loading import LoadError
from saferplan.assessment.store import StoreBusy
from saferplan.demo import document_paths
from saferplan.demo.accounts import ACCOUNTS, create_accounts, open_periods
from saferplan.demo.crime import load_demo_crime
from saferplan.demo.dates import move_years, years_to_present
from saferplan.importing.services import import_plan, read_document
from saferplan.plans.models import Plan


class Command(BaseCommand):
    help = (
        "Load the demo plans and demo accounts, unless the database already holds plans "
        "(or --force). Refused in production."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="load even if plans exist")

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("demo content is not for production databases", returncode=2)
        if Plan.objects.exists() and not options["force"]:
            self.stdout.write("The database already holds plans: demo content not loaded.")
            return
        documents = [(path, path.read_bytes()) for path in document_paths()]
        parsed = [read_document(path.name, data) for path, data in documents]
        # This financial year's plan and last year's, whatever today's date.
        years = years_to_present(parsed, timezone.localdate())
        with transaction.atomic():
            for (path, data), plan_document in zip(documents, parsed, strict=True):
                result = import_plan(
                    move_years(plan_document, years), source_name=path.name, source_bytes=data
                )
                plan = result.plan
                plan.status = Plan.Status.PUBLISHED
                plan.save(update_fields=["status"])
                self.stdout.write(
                    f"Loaded {plan.partnership.name} {plan.year}: "
                    f"{result.priorities} priorities, {result.actions} actions"
                )
            password = create_accounts(os.environ.get("SAFERPLAN_DEMO_PASSWORD"))
            open_periods(timezone.localdate())
        try:  # the crime store is a file of its own, beside the database
            self.stdout.write(load_demo_crime(timezone.localdate()))
        except (GeographyError, LoadError, StoreBusy) as error:
            raise CommandError(f"demo crime data not loaded: {error}", returncode=2) from None
        names = ", ".join(username for username, *_ in ACCOUNTS)
        self.stdout.write(
            f"Demo accounts: {names}; password: {password}\n"
            "(managers set up two-factor sign-in with an authenticator app on first sign-in)"
        )
