"""``saferplan restore FILE``: load a backup into an empty database (any kind)."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from saferplan.backup.archive import BackupError
from saferplan.backup.restore import restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by 'saferplan backup' into an empty database: it is migrated "
        "to the backup's schema, loaded in one transaction, checked, then upgraded."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup zip.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete everything in the database (and clashing uploads) first.",
        )

    def handle(self, *args, path, replace=False, **options):
        started = time.monotonic()
        try:
            result = restore_backup(Path(path), replace=replace)
        except (BackupError, OSError, zipfile.BadZipFile) as error:
            raise CommandError(f"restore failed: {error}") from None
        self.stdout.write(
            f"Restored {result.rows} rows and {result.files} files from {path} "
            f"in {time.monotonic() - started:.1f} s"
        )
