"""``saferplan backup`` and ``saferplan restore``: every row, its history, and the uploads.

The archive is a zip that any database can be restored from (SQLite to
PostgreSQL and back):

- ``manifest.json``: format, when, from which database, the migrations the
  data was written under, and the number of rows of each table;
- ``data/<app>.<model>.jsonl``: one JSON list per row, column values in the
  order ``fields`` gives on the first line; the history tables of
  django-simple-history and the many-to-many tables are tables like any other;
- ``contenttypes.json`` and ``permissions.json``: the ids they had, so rows
  pointing at them can be re-pointed (the target database numbers its own);
- ``media/...``: every uploaded file, under its storage name.

Restore brings the empty target database to the migrations of the backup,
inserts every row with its original primary key inside one transaction,
checks the counts, then migrates to the current code.  Sessions are not
kept (everyone signs in again); content types and permissions are made by
migrate.
"""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db import connection, models, transaction
from django.utils import timezone

from saferplan.backup import migrations_state
from saferplan.backup.encoding import to_json

FORMAT = "saferplan-backup"
VERSION = 1
# Made by migrate on the target (re-pointed through their natural keys), or not worth keeping.
SKIPPED = {"contenttypes.contenttype", "auth.permission", "sessions.session"}
BATCH = 2000


class BackupError(Exception):
    """The archive cannot be written or restored; the message says why."""


def backed_up_models() -> list[type[models.Model]]:
    """Every concrete table the project owns, many-to-many tables included, in a fixed order."""
    chosen = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and model._meta.label_lower not in SKIPPED
    ]
    return sorted(chosen, key=lambda m: m._meta.label_lower)


def _member(model) -> str:
    return f"data/{model._meta.label_lower}.jsonl"


def _rows(model) -> Iterator[list]:
    columns = [f.attname for f in model._meta.concrete_fields]
    queryset = model._base_manager.order_by(model._meta.pk.attname).values_list(*columns)
    for row in queryset.iterator(chunk_size=BATCH):
        yield [to_json(value) for value in row]


def _dumps(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


@dataclass
class Summary:
    path: Path
    rows: dict[str, int] = field(default_factory=dict)
    files: int = 0

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def write_backup(path: Path, *, include_media: bool = True) -> Summary:
    """Write the whole database (one consistent snapshot) and the uploads to ``path``.

    The archive is written beside ``path`` and renamed into place when complete,
    so a backup interrupted half-way never leaves a half-written file under its name.
    """
    path = Path(path)
    summary = Summary(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            with transaction.atomic():
                if connection.vendor == "postgresql":
                    # Every table as of the same instant, while others carry on writing.
                    with connection.cursor() as cursor:
                        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                _write_tables(archive, summary)
                state = migrations_state.applied()
            if include_media:
                summary.files = _write_media(archive)
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "created_at": timezone.now().isoformat(),
                "database": connection.vendor,
                "migrations": state,
                "rows": summary.rows,
                "files": summary.files,
            }
            archive.writestr("manifest.json", json.dumps(manifest, indent=2, sort_keys=True))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return summary


def _write_tables(archive: zipfile.ZipFile, summary: Summary) -> None:
    archive.writestr(
        "contenttypes.json",
        _dumps(list(ContentType.objects.order_by("pk").values_list("pk", "app_label", "model"))),
    )
    permissions = Permission.objects.order_by("pk").values_list(
        "pk", "content_type__app_label", "content_type__model", "codename", "name"
    )
    archive.writestr("permissions.json", _dumps(list(permissions)))
    for model in backed_up_models():
        count = 0
        with archive.open(_member(model), "w", force_zip64=True) as out:
            out.write(_dumps([f.attname for f in model._meta.concrete_fields]) + b"\n")
            for row in _rows(model):
                out.write(_dumps(row) + b"\n")
                count += 1
        summary.rows[model._meta.label_lower] = count


def _storage_files(directory: str = "") -> Iterator[str]:
    try:
        folders, files = default_storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{directory}/{name}" if directory else name
    for folder in sorted(folders):
        yield from _storage_files(f"{directory}/{folder}" if directory else folder)


def _write_media(archive: zipfile.ZipFile) -> int:
    count = 0
    for name in _storage_files():
        with default_storage.open(name, "rb") as source, archive.open(f"media/{name}", "w") as out:
            for chunk in iter(lambda s=source: s.read(1024 * 1024), b""):
                out.write(chunk)
        count += 1
    return count


def read_manifest(archive: zipfile.ZipFile) -> dict:
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except (KeyError, ValueError) as error:
        raise BackupError(f"not a SaferPlan backup: {error}") from None
    if manifest.get("format") != FORMAT:
        raise BackupError("not a SaferPlan backup (no manifest of ours)")
    if manifest.get("version") != VERSION:
        raise BackupError(
            f"backup format {manifest.get('version')} is not one this version reads ({VERSION})"
        )
    return manifest


def media_members(archive: zipfile.ZipFile) -> Iterator[tuple[zipfile.ZipInfo, str]]:
    """The uploaded files in the archive and their storage names, refusing unsafe names."""
    for info in archive.infolist():
        if not info.filename.startswith("media/") or info.is_dir():
            continue
        name = info.filename[len("media/") :]
        parts = PurePosixPath(name).parts
        if not name or name.startswith("/") or ".." in parts or "\\" in name:
            raise BackupError(f"unsafe file name in the backup: {info.filename!r}")
        yield info, name
