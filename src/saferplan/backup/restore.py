"""Loading a backup into an empty database: the other half of ``archive.py``."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

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
        _prepare_schema(manifest["migrations"])
        if replace:
            call_command("flush", interactive=False, verbosity=0)
        elif _has_data():
            raise BackupError(
                "the database already holds data: restore into an empty one, "
                "or give --replace to delete everything in it first"
            )
        ContentType.objects.clear_cache()
        files = _restore_media(archive, replace=replace)
        with transaction.atomic():
            rows = _load_tables(archive, manifest)
    # Now bring the schema up to this code's migrations (a no-op when they are the same).
    call_command("migrate", interactive=False, verbosity=0)
    return Restored(rows=rows, files=files)


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


def _rows(archive: zipfile.ZipFile, member: str) -> tuple[list[str], Iterator[list]]:
    stream = archive.open(member)
    columns = json.loads(stream.readline())

    def rows() -> Iterator[list]:
        with stream:
            for line in stream:
                if line.strip():
                    yield json.loads(line)

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
    unknown = sorted(set(expected) - set(known))
    if unknown:
        raise BackupError(f"the backup has tables this SaferPlan does not: {', '.join(unknown)}")
    total = 0
    loaded = []
    for label, model in known.items():
        if label not in expected:
            continue  # a table added by a later migration than the backup's: empty
        columns, rows = _rows(archive, _member(model))
        count = _insert(
            model,
            columns,
            rows,
            {"contenttypes.contenttype": types, "auth.permission": permissions},
        )
        if count != expected[label]:
            raise BackupError(f"{label}: {count} rows read, the manifest says {expected[label]}")
        total += count
        loaded.append(model)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), loaded):
            cursor.execute(sql)
    return total


def _insert(model, columns: list[str], rows: Iterator[list], remaps: dict) -> int:
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
        for row in rows:
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


def _restore_media(archive: zipfile.ZipFile, *, replace: bool) -> int:
    count = 0
    for info, name in media_members(archive):
        if default_storage.exists(name):
            with default_storage.open(name, "rb") as existing:
                same = existing.read() == archive.read(info)
            if same:
                count += 1
                continue
            if not replace:
                raise BackupError(f"{name} is already in the media folder with other content")
            default_storage.delete(name)
        with archive.open(info) as source:
            saved = default_storage.save(name, File(source, name=name))
        if saved != name:
            raise BackupError(f"{name} was stored as {saved}")
        count += 1
    return count
