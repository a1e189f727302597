"""A backup restored into an emptied database gives back exactly the same rows and files."""

from __future__ import annotations

import json
import zipfile
from decimal import Decimal

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from factories import sample_plan
from saferplan.api.tokens import create_token
from saferplan.backup.archive import BackupError, backed_up_models, write_backup
from saferplan.backup.restore import restore_backup
from saferplan.indicators.models import Indicator, IndicatorValue
from saferplan.monitoring.evidence import attach_evidence
from saferplan.monitoring.periods import ensure_periods
from saferplan.monitoring.returns import ReturnInput, save_return
from saferplan.plans.models import Action

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def everything() -> dict:
    """Every row of every table backed up (by primary key) and every uploaded file."""
    rows = {}
    for model in backed_up_models():
        columns = [f.attname for f in model._meta.concrete_fields]
        rows[model._meta.label_lower] = list(
            model._base_manager.order_by("pk").values_list(*columns)
        )
    files = {}
    stack = [""]
    while stack:
        folder = stack.pop()
        try:
            folders, names = default_storage.listdir(folder)
        except FileNotFoundError:
            continue
        for name in names:
            path = f"{folder}/{name}" if folder else name
            with default_storage.open(path, "rb") as handle:
                files[path] = handle.read()
        stack.extend(f"{folder}/{f}" if folder else f for f in folders)
    return {"rows": rows, "files": files}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def data(transactional_db, media, lead_officer, manager):
    """A plan with history, returns by two people, an evidence file, indicator values,
    a two-factor device and an API token."""
    plan = sample_plan()
    action = Action.objects.filter(priority__plan=plan).first()
    period = ensure_periods(plan)[2]  # the sample plan has returns for Q1 and Q2
    update = save_return(action, period, ReturnInput("First", "on_track"), user=lead_officer)
    save_return(
        action,
        period,
        ReturnInput("Second", "at_risk", Decimal("12.50"), submit=True, based_on_version=1),
        user=manager,
    )
    attach_evidence(update, "photo.png", PNG, user=lead_officer)
    indicator = Indicator.objects.create(partnership=plan.partnership, name="Thefts")
    IndicatorValue.objects.create(indicator=indicator, period="2024-05", value=Decimal("3.1416"))
    create_token(manager, "dashboard")
    from personas import confirmed_device

    confirmed_device(manager)
    return plan


def test_a_round_trip_gives_identical_data(data, tmp_path, media):
    before = everything()
    assert before["rows"]["plans.historicalprogressupdate"], "history must be in the test"
    assert before["files"], "an uploaded file must be in the test"
    archive = tmp_path / "backup.zip"
    summary = write_backup(archive)
    assert summary.files == len(before["files"])

    call_command("flush", interactive=False, verbosity=0)
    for name in before["files"]:
        default_storage.delete(name)
    assert everything()["rows"]["plans.plan"] == []

    restored = restore_backup(archive)
    assert restored.rows == summary.total_rows
    after = everything()
    assert after["files"] == before["files"]
    for label, rows in before["rows"].items():
        assert after["rows"][label] == rows, label


def test_restore_refuses_a_database_that_holds_data(data, tmp_path):
    archive = tmp_path / "backup.zip"
    write_backup(archive)
    with pytest.raises(BackupError, match="already holds data"):
        restore_backup(archive)
    assert restore_backup(archive, replace=True).rows > 0


def test_the_archive_is_plain_json_lines_with_a_manifest(data, tmp_path):
    archive = tmp_path / "backup.zip"
    write_backup(archive)
    with zipfile.ZipFile(archive) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        assert manifest["format"] == "saferplan-backup"
        assert manifest["rows"]["plans.plan"] == 1
        assert "sessions.session" not in manifest["rows"]
        lines = zf.read("data/plans.plan.jsonl").decode().splitlines()
        assert json.loads(lines[0])[0] == "id"
        assert len(lines) == 2
        assert any(name.startswith("media/evidence/") for name in zf.namelist())


def test_a_file_that_is_not_a_backup_is_refused(tmp_path, db):
    bogus = tmp_path / "bogus.zip"
    with zipfile.ZipFile(bogus, "w") as zf:
        zf.writestr("manifest.json", '{"format": "something-else"}')
    with pytest.raises(BackupError, match="not a SaferPlan backup"):
        restore_backup(bogus)


def test_unsafe_file_names_in_a_backup_are_refused(data, tmp_path):
    archive = tmp_path / "backup.zip"
    write_backup(archive)
    with zipfile.ZipFile(archive, "a") as zf:
        zf.writestr("media/../../etc/evil", b"x")
    with pytest.raises(BackupError, match="unsafe file name"):
        restore_backup(archive, replace=True)


def test_an_interrupted_backup_leaves_no_file_behind(data, tmp_path, monkeypatch):
    from saferplan.backup import archive as module

    def explode(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(module, "_write_media", explode)
    with pytest.raises(OSError):
        write_backup(tmp_path / "backup.zip")
    assert list(tmp_path.glob("*backup.zip*")) == []
