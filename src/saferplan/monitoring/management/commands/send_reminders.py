"""saferplan send-reminders : e-mail lead officers about returns due or overdue.

Safe to run every day from cron: nobody gets the same reminder twice.  ``--enqueue``
puts the same run on the background task queue instead.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from saferplan.monitoring.reminders import send_reminders


def _days(text: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise CommandError(f"{text!r} is not a list of days such as 7,1", returncode=2) from None


class Command(BaseCommand):
    help = "E-mail each lead officer the returns their agency owes (due soon or overdue)."

    def add_arguments(self, parser):
        parser.add_argument("--before", default="7,1", help="days before the deadline (7,1)")
        parser.add_argument("--after", default="1,7,14", help="days after the deadline (1,7,14)")
        parser.add_argument(
            "--links",
            action="store_true",
            help="include a secure link to submit without an account",
        )
        parser.add_argument("--today", help="pretend today is this date (YYYY-MM-DD)")
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="queue the run as a background task for `saferplan db_worker` instead",
        )

    def handle(self, *args, **options):
        try:
            today = date.fromisoformat(options["today"]) if options["today"] else None
        except ValueError:
            raise CommandError("--today must be a date such as 2024-07-15", returncode=2) from None
        if options["enqueue"]:
            from saferplan.monitoring.tasks import send_reminders_task

            result = send_reminders_task.enqueue(
                today=today.isoformat() if today else None,
                before=list(_days(options["before"])),
                after=list(_days(options["after"])),
                with_links=options["links"],
            )
            self.stdout.write(f"Reminders queued as task {result.id}")
            return
        report = send_reminders(
            today or timezone.localdate(),
            before=_days(options["before"]),
            after=_days(options["after"]),
            base_url=settings.SAFERPLAN_BASE_URL.rstrip("/"),
            with_links=options["links"],
        )
        self.stdout.write(
            f"{report.sent} reminders sent, {report.skipped_already_sent} already sent earlier, "
            f"{report.agencies_without_officers} agencies owing returns have no lead officer"
        )
