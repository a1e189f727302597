"""``saferplan backup FILE``: the whole database and the uploaded files, in one zip."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from saferplan.backup.archive import BackupError, write_backup


class Command(BaseCommand):
    help = (
        "Write every row (history included) and every uploaded file to a zip "
        "that any database can be restored from."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            help="The file to write (default: saferplan-YYYYMMDD-HHMMSS.zip here). "
            "Keep it safe: it holds personal data and password hashes.",
        )
        parser.add_argument("--no-media", action="store_true", help="Leave uploaded files out.")

    def handle(self, *args, path=None, no_media=False, **options):
        target = Path(path or f"saferplan-{timezone.localtime():%Y%m%d-%H%M%S}.zip")
        if target.is_dir():
            target = target / f"saferplan-{timezone.localtime():%Y%m%d-%H%M%S}.zip"
        started = time.monotonic()
        try:
            summary = write_backup(target, include_media=not no_media)
        except (BackupError, OSError) as error:
            raise CommandError(f"backup failed: {error}") from None
        self.stdout.write(
            f"Wrote {summary.path}: {summary.total_rows} rows in {len(summary.rows)} tables, "
            f"{summary.files} files, {summary.path.stat().st_size / 1e6:.1f} MB "
            f"in {time.monotonic() - started:.1f} s"
        )
