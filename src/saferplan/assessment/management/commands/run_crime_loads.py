"""saferplan run-crime-loads : load web uploads still waiting (if the web process stopped)."""

from django.core.management.base import BaseCommand

from saferplan.assessment.jobs import run_queued


class Command(BaseCommand):
    help = "Run every queued crime upload now."

    def handle(self, *args, **options):
        self.stdout.write(f"{run_queued()} queued loads run.")
