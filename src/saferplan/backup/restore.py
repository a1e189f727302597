"""Loading a backup into an empty database: the other half of ``archive.py``.

A restore is all or nothing.  The archive is checked through first (every
member readable, every line JSON, every column known, every count as the
manifest says, every file name safe) before the database is touched.  Then,
in one transaction, the database is emptied (``--replace``) and every table
loaded; the uploaded files are meanwhile unpacked into a folder of their own.
Only once the transaction has committed are the files moved into the media
storage, keeping any file they replace until all are in: a restore that fails
anywhere leaves the database and the uploads exactly as they were.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DatabaseError, connection, transaction

from saferplan.backup import migrations_state
from saferplan.backup.archive import (
    BackupError,
    _member,
    backed_up_models,
    media_members,
    read_manifest,
)
from saferplan.backup.encoding import from_json

BATCH = 1000


@dataclass
class Restored:
    rows: int
    files: int


def restore_backup(path: Path, *, replace: bool = False) -> Restored:
    """Restore ``path`` into this database (empty, or emptied first when ``replace``)."""
    with zipfile.ZipFile(path) as archive:
        manifest = read_manifest(archive)
        check_archive(archive, manifest)
        _prepare_schema(manifest["migrations"])
        if not replace and _has_data():
            raise BackupError(
                "the database already holds data: restore into an empty one, "
                "or give --replace to delete everything in it first"
            )
        with _staged_media(archive, replace=replace) as staged:
            with transaction.atomic():
                if replace:
                    call_command("flush", interactive=False, verbosity=0)
                ContentType.objects.clear_cache()
                rows = _load_tables(archive, manifest)
            ContentType.objects.clear_cache()
            files = staged.move_in()
    # Now bring the schema up to this code's migrations (a no-op when they are the same).
    call_command("migrate", interactive=False, verbosity=0)
    return Restored(rows=rows, files=files)


def check_archive(archive: zipfile.ZipFile, manifest: dict) -> None:
    """Read the whole archive once, refusing it before anything is written if any part is bad."""
    try:
        broken = archive.testzip()
    except (OSError, zipfile.BadZipFile, EOFError) as error:
        raise BackupError(f"the archive is damaged: {error}") from None
    if broken is not None:
        raise BackupError(f"the archive is damaged: {broken} fails its checksum")
    expected = manifest.get("rows")
    if not isinstance(expected, dict) or not isinstance(manifest.get("migrations"), dict):
        raise BackupError("the manifest lists no tables or migrations")
    known = {model._meta.label_lower: model for model in backed_up_models()}
    unknown = sorted(set(expected) - set(known))
    if unknown:
        raise BackupError(f"the backup has tables this SaferPlan does not: {', '.join(unknown)}")
    for name in ("contenttypes.json", "permissions.json"):
        try:
            json.loads(archive.read(name))
        except (KeyError, ValueError) as error:
            raise BackupError(f"{name} is missing or not JSON ({error})") from None
    for label, count in expected.items():
        _check_table(archive, known[label], count)
    list(media_members(archive))  # refuses unsafe names


def _check_table(archive: zipfile.ZipFile, model, count: int) -> None:
    member = _member(model)
    fields = {f.attname for f in model._meta.concrete_fields}
    try:
        columns, rows = _rows(archive, member)
    except KeyError:
        raise BackupError(f"{member} is missing from the backup") from None
    except ValueError as error:
        raise BackupError(f"{member}, line 1: not JSON ({error})") from None
    if not isinstance(columns, list) or any(
        not isinstance(c, str) or c not in fields for c in columns
    ):
        raise BackupError(f"{member}, line 1: columns this schema does not have")
    read = 0
    for line, row in rows:
        if not isinstance(row, list) or len(row) != len(columns):
            raise BackupError(f"{member}, line {line}: not a row of {len(columns)} values")
        read += 1
    if read != count:
        raise BackupError(
            f"{model._meta.label_lower}: {read} rows in the backup, the manifest says {count}"
        )


def _prepare_schema(state: dict[str, list[str]]) -> None:
    current = migrations_state.applied()
    if current == state:
        return
    if current:
        raise BackupError(
            "the database's migrations differ from the backup's: restore into a new, empty "
            "database (no tables); it is migrated to the backup's schema, loaded, then upgraded"
        )
    missing = migrations_state.migrate_to(state)
    if missing:
        raise BackupError(
            "the backup was made by a newer SaferPlan (unknown migrations: "
            f"{', '.join(missing[:5])}): upgrade SaferPlan first"
        )


def _has_data() -> bool:
    return any(model._base_manager.exists() for model in backed_up_models())


def _rows(archive: zipfile.ZipFile, member: str) -> tuple[list[str], Iterator[tuple[int, list]]]:
    """The member's column names, and its rows with their line numbers (the first is 2)."""
    stream = archive.open(member)
    try:
        columns = json.loads(stream.readline())
    except (ValueError, UnicodeDecodeError):
        stream.close()
        raise

    def rows() -> Iterator[tuple[int, list]]:
        with stream:
            for number, line in enumerate(stream, start=2):
                if not line.strip():
                    continue
                try:
                    yield number, json.loads(line)
                except (ValueError, UnicodeDecodeError) as error:
                    raise BackupError(f"{member}, line {number}: not JSON ({error})") from None

    return columns, rows()


def _id_maps(archive: zipfile.ZipFile) -> tuple[dict[int, int], dict[int, int]]:
    """Old content type and permission ids → this database's, creating any missing."""
    types = {}
    for old, app_label, model in json.loads(archive.read("contenttypes.json")):
        types[old] = ContentType.objects.get_or_create(app_label=app_label, model=model)[0].pk
    permissions = {}
    for old, app_label, model, codename, name in json.loads(archive.read("permissions.json")):
        content_type = ContentType.objects.get_by_natural_key(app_label, model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        permissions[old] = permission.pk
    return types, permissions


def _load_tables(archive: zipfile.ZipFile, manifest: dict) -> int:
    types, permissions = _id_maps(archive)
    expected = manifest["rows"]
    known = {model._meta.label_lower: model for model in backed_up_models()}
    total = 0
    loaded = []
    for label, model in known.items():
        if label not in expected:
            continue  # a table added by a later migration than the backup's: empty
        columns, rows = _rows(archive, _member(model))
        remaps = {"contenttypes.contenttype": types, "auth.permission": permissions}
        try:
            count = _insert(model, columns, rows, remaps)
        except (DatabaseError, ValueError, TypeError, KeyError) as error:
            first = str(error).strip().splitlines()[0] if str(error).strip() else ""
            raise BackupError(
                f"{label}: cannot be loaded ({type(error).__name__}: {first}); nothing was restored"
            ) from error
        if count != expected[label]:
            raise BackupError(f"{label}: {count} rows read, the manifest says {expected[label]}")
        total += count
        loaded.append(model)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), loaded):
            cursor.execute(sql)
    try:
        # Foreign keys are checked at commit: check them here, inside, to say which failed.
        connection.check_constraints()
    except DatabaseError as error:
        raise BackupError(
            f"the backup's rows do not fit together ({error}); nothing was restored"
        ) from error
    return total


def _insert(model, columns: list[str], rows: Iterator[tuple[int, list]], remaps: dict) -> int:
    fields = {f.attname: f for f in model._meta.concrete_fields}
    unknown = [c for c in columns if c not in fields]
    if unknown:
        raise BackupError(f"{model._meta.label}: no column {unknown[0]!r} in this schema")
    chosen = [fields[c] for c in columns]
    remap = [
        remaps.get(f.related_model._meta.label_lower) if f.is_relation and f.related_model else None
        for f in chosen
    ]
    quote = connection.ops.quote_name
    # Table and column names come from the models, quoted; every value is a parameter.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in chosen),
        ", ".join(["%s"] * len(chosen)),
    )
    count, batch = 0, []
    with connection.cursor() as cursor:
        for _line, row in rows:
            values = []
            for field, mapping, value in zip(chosen, remap, row, strict=True):
                if mapping is not None and value is not None:
                    value = mapping[value]
                values.append(from_json(field, value, connection))
            batch.append(values)
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                count, batch = count + len(batch), []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


class _StagedMedia:
    """The archive's uploads unpacked beside the storage, to be moved in after the commit."""

    def __init__(self, folder: Path, files: list[tuple[str, Path, bool]]):
        self.folder = folder
        self.files = files  # (storage name, unpacked copy, whether the storage has it already)

    def move_in(self) -> int:
        """Put every unpacked file into the storage; on any failure, put the old ones back."""
        kept = self.folder / "replaced"
        done: list[tuple[str, Path | None]] = []
        try:
            for name, staged, same in self.files:
                if same:
                    continue
                previous = None
                if default_storage.exists(name):
                    previous = kept / name
                    previous.parent.mkdir(parents=True, exist_ok=True)
                    with default_storage.open(name, "rb") as old, previous.open("wb") as out:
                        shutil.copyfileobj(old, out)
                    default_storage.delete(name)
                done.append((name, previous))
                with staged.open("rb") as source:
                    saved = default_storage.save(name, File(source, name=name))
                if saved != name:
                    default_storage.delete(saved)
                    raise BackupError(f"{name} was stored as {saved}")
        except BaseException:
            for name, previous in reversed(done):
                if default_storage.exists(name):
                    default_storage.delete(name)
                if previous is not None:
                    with previous.open("rb") as source:
                        default_storage.save(name, File(source, name=name))
            raise
        return len(self.files)


@contextmanager
def _staged_media(archive: zipfile.ZipFile, *, replace: bool) -> Iterator[_StagedMedia]:
    """Unpack the uploads to a private folder, refusing clashes (without ``replace``) first."""
    with tempfile.TemporaryDirectory(prefix="saferplan-restore-") as tmp:
        folder = Path(tmp)
        files = []
        for index, (info, name) in enumerate(media_members(archive)):
            staged = folder / "new" / str(index)
            staged.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(info) as source, staged.open("wb") as out:
                shutil.copyfileobj(source, out, 1 << 20)
            same = False
            if default_storage.exists(name):
                same = _same_content(name, staged)
                if not same and not replace:
                    raise BackupError(f"{name} is already in the media folder with other content")
            files.append((name, staged, same))
        yield _StagedMedia(folder, files)


def _same_content(name: str, staged: Path) -> bool:
    with default_storage.open(name, "rb") as existing, staged.open("rb") as new:
        while True:
            a, b = existing.read(1 << 20), new.read(1 << 20)
            if a != b:
                return False
            if not a:
                return True
