"""saferplan load-crime PATH... : police.uk street-level files into the crime store."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from saferplan.assessment.conf import get_store
from saferplan.assessment.loading import LoadError, load
from saferplan.assessment.models import CrimeLoad
from saferplan.assessment.store import StoreBusy


class Command(BaseCommand):
    help = (
        "Load police.uk street-level crime: archive zips, monthly street CSVs or folders of "
        "them. A force-month loaded again replaces the earlier copy. Bad rows are skipped "
        "and reported; a file with the wrong header stops the load before anything is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar")

    def handle(self, *args, **options):
        started = time.perf_counter()
        record = CrimeLoad.objects.create(
            status=CrimeLoad.Status.RUNNING, sources=[str(p) for p in options["paths"]]
        )
        try:
            report = load(
                options["paths"],
                get_store(),
                record=record,
                progress_bar=not options["no_progress"],
            )
        except (LoadError, StoreBusy) as error:
            record.status, record.message = CrimeLoad.Status.FAILED, str(error)
            record.finished_at = timezone.now()
            record.save()
            raise CommandError(str(error), returncode=2) from None
        record.status = CrimeLoad.Status.DONE
        record.files_total = record.files_done = len(report.files)
        record.rows, record.bad_rows = report.rows, report.bad_rows
        record.message = "\n".join(report.lines())
        record.finished_at = timezone.now()
        record.save()
        elapsed = time.perf_counter() - started
        for line in report.lines():
            self.stdout.write(line)
        rate = report.rows / elapsed if elapsed else 0
        self.stdout.write(f"Took {elapsed:.1f} s ({rate:,.0f} rows/s).")
