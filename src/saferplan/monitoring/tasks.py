"""The reminders run as a background task, so that it can be queued and scheduled.

``saferplan send-reminders`` stays the way to run it from cron; this task runs the
same service (``reminders.send_reminders``), for a worker (``saferplan db_worker``)
to pick up, at once or later::

    from datetime import timedelta
    from django.utils import timezone
    send_reminders_task.using(run_after=timezone.now() + timedelta(hours=8)).enqueue()

Arguments are plain JSON (dates as ISO strings) because the queue stores them.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from saferplan.monitoring.reminders import AFTER, BEFORE, send_reminders


@task()
def send_reminders_task(
    today: str | None = None,
    before: list[int] | None = None,
    after: list[int] | None = None,
    with_links: bool = False,
) -> dict[str, int]:
    """E-mail every lead agency what it still owes; returns the counts of the run."""
    report = send_reminders(
        date.fromisoformat(today) if today else timezone.localdate(),
        before=tuple(before) if before is not None else BEFORE,
        after=tuple(after) if after is not None else AFTER,
        base_url=settings.SAFERPLAN_BASE_URL.rstrip("/"),
        with_links=with_links,
    )
    return asdict(report)
