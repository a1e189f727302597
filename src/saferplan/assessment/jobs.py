"""Web uploads of police.uk zips, loaded in the background.

A ``CrimeLoad`` row is the job: the upload view saves the file and the row, then a
thread of the web process runs the load once the transaction commits, updating the
row as months complete so the progress page can show them.  If the process stops
first, ``saferplan run-crime-loads`` picks up whatever is still queued (run it from
cron or a worker).  A database row and a thread were chosen over django-tasks to add
no dependency; the job function is the same either way.
"""

from __future__ import annotations

import logging
import threading

from django.db import connections, transaction
from django.utils import timezone

from saferplan.assessment.conf import get_store
from saferplan.assessment.loading import LoadError, load
from saferplan.assessment.models import CrimeLoad
from saferplan.assessment.store import StoreBusy

logger = logging.getLogger(__name__)
_lock = threading.Lock()  # one load at a time per process: DuckDB has one writer


def queue_upload(upload, *, user, partnership) -> CrimeLoad:
    job = CrimeLoad.objects.create(
        status=CrimeLoad.Status.QUEUED,
        sources=[upload.name],
        created_by=user,
        partnership=partnership,
    )
    job.upload.save(f"{job.pk}-{upload.name}"[-90:], upload, save=True)
    transaction.on_commit(lambda: start(job.pk))
    return job


def start(job_id: int) -> None:
    threading.Thread(
        target=_in_thread, args=(job_id,), daemon=True, name=f"crime-load-{job_id}"
    ).start()


def _in_thread(job_id: int) -> None:
    # A thread gets its own database connections; close them when it is done.
    try:
        run(job_id)
    finally:
        connections.close_all()


def run(job_id: int) -> None:
    """Run one queued job to the end; every outcome is written to the row."""
    with _lock:
        updated = CrimeLoad.objects.filter(pk=job_id, status=CrimeLoad.Status.QUEUED).update(
            status=CrimeLoad.Status.RUNNING
        )
        if not updated:
            return
        job = CrimeLoad.objects.get(pk=job_id)

        def progress(done: int, total: int) -> None:
            CrimeLoad.objects.filter(pk=job_id).update(files_done=done, files_total=total)

        try:
            report = load(
                [job.upload.path], get_store(), record=job, progress_bar=False, on_progress=progress
            )
        except (LoadError, StoreBusy) as error:
            _finish(
                job_id, CrimeLoad.Status.FAILED, str(error).replace(job.upload.path, job.sources[0])
            )
            return
        except Exception:  # the row must say it failed; the log has the details
            logger.exception("crime load %s failed", job_id)
            _finish(job_id, CrimeLoad.Status.FAILED, "The load failed unexpectedly.")
            return
        _finish(
            job_id, CrimeLoad.Status.DONE, "\n".join(report.lines()), report.rows, report.bad_rows
        )


def _finish(job_id: int, status: str, message: str, rows: int = 0, bad_rows: int = 0) -> None:
    CrimeLoad.objects.filter(pk=job_id).update(
        status=status, message=message, rows=rows, bad_rows=bad_rows, finished_at=timezone.now()
    )


def run_queued() -> int:
    ids = list(
        CrimeLoad.objects.filter(status=CrimeLoad.Status.QUEUED).values_list("pk", flat=True)
    )
    for job_id in ids:
        run(job_id)
    return len(ids)
