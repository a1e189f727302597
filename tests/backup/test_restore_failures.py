"""A restore is all or nothing: one that fails anywhere leaves the data and the files as they were.

``--replace`` empties the database inside the transaction that loads the backup, and the
uploads are moved in only after it commits, so a damaged archive (caught while it is
checked, before anything is written) or a row the database refuses (caught half-way
through loading) changes nothing.
"""

from __future__ import annotations

import json
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from saferplan.backup.archive import BackupError, write_backup
from saferplan.backup.restore import restore_backup
from saferplan.plans.models import ProgressUpdate

from .test_round_trip import data, everything, media  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db(transaction=True)


def rewrite(path, member: str, edit) -> None:
    """Replace one member of the zip at ``path`` with ``edit(its lines)``."""
    with zipfile.ZipFile(path) as archive:
        contents = {name: archive.read(name) for name in archive.namelist()}
    lines = contents[member].decode().splitlines()
    contents[member] = ("\n".join(edit(lines)) + "\n").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in contents.items():
            archive.writestr(name, content)


@pytest.fixture
def changed_since(data, tmp_path):  # noqa: F811
    """A backup, then changes made after it: a return edited, an upload replaced, one added."""
    archive = tmp_path / "backup.zip"
    write_backup(archive)
    update = ProgressUpdate.objects.order_by("pk").first()
    update.text = "Written after the backup"
    update.save()
    evidence = next(n for n in everything()["files"] if n.startswith("evidence/"))
    default_storage.delete(evidence)
    default_storage.save(evidence, ContentFile(b"changed after the backup"))
    default_storage.save("evidence/new-after-backup.txt", ContentFile(b"new"))
    return archive


def test_a_row_the_database_refuses_half_way_restores_nothing(changed_since):
    before = everything()

    def null_text_in_the_last_row(lines):
        columns = json.loads(lines[0])
        row = json.loads(lines[-1])
        row[columns.index("text")] = None  # NOT NULL: refused by the database, not the check
        return [*lines[:-1], json.dumps(row)]

    rewrite(changed_since, "data/plans.progressupdate.jsonl", null_text_in_the_last_row)
    with pytest.raises(BackupError, match=r"plans\.progressupdate: cannot be loaded"):
        restore_backup(changed_since, replace=True)
    after = everything()
    assert after["files"] == before["files"]
    assert after["rows"] == before["rows"]
    assert ProgressUpdate.objects.filter(text="Written after the backup").exists()


def test_a_damaged_table_is_refused_before_anything_is_touched(changed_since):
    before = everything()
    rewrite(
        changed_since,
        "data/plans.historicalprogressupdate.jsonl",
        lambda lines: [*lines[:2], lines[2][: len(lines[2]) // 2], *lines[3:]],
    )
    with pytest.raises(CommandError, match=r"historicalprogressupdate\.jsonl, line 3: not JSON"):
        call_command("restore", str(changed_since), "--replace", verbosity=0)
    assert everything() == before


def test_a_manifest_that_miscounts_a_table_is_refused_before_anything_is_touched(changed_since):
    before = everything()

    def one_more_plan(lines):
        manifest = json.loads("\n".join(lines))
        manifest["rows"]["plans.plan"] += 1
        return [json.dumps(manifest)]

    rewrite(changed_since, "manifest.json", one_more_plan)
    with pytest.raises(BackupError, match="plans.plan: 1 rows in the backup, the manifest says 2"):
        restore_backup(changed_since, replace=True)
    assert everything() == before


def test_a_successful_replace_puts_back_the_backups_rows_and_files(changed_since):
    restore_backup(changed_since, replace=True)
    after = everything()
    assert not ProgressUpdate.objects.filter(text="Written after the backup").exists()
    evidence = next(n for n in after["files"] if n.startswith("evidence/") and "new-" not in n)
    assert after["files"][evidence].startswith(b"\x89PNG")
    # Files the backup does not have are left alone (restore never deletes uploads).
    assert after["files"]["evidence/new-after-backup.txt"] == b"new"
