"""saferplan load-demo : fill an empty database with the demo plans that ship with SaferPlan."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from saferplan.demo import document_paths
from saferplan.importing.services import import_plan, read_document
from saferplan.plans.models import Plan


class Command(BaseCommand):
    help = "Load the demo plans, unless the database already holds plans (or --force)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="load even if plans exist")

    def handle(self, *args, **options):
        if Plan.objects.exists() and not options["force"]:
            self.stdout.write("The database already holds plans: demo content not loaded.")
            return
        with transaction.atomic():
            for path in document_paths():
                data = path.read_bytes()
                result = import_plan(
                    read_document(path.name, data), source_name=path.name, source_bytes=data
                )
                plan = result.plan
                plan.status = Plan.Status.PUBLISHED
                plan.save(update_fields=["status"])
                self.stdout.write(
                    f"Loaded {plan.partnership.name} {plan.year}: "
                    f"{result.priorities} priorities, {result.actions} actions"
                )
