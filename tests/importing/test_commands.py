"""The import-plan and export-plan commands, as an administrator runs them."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError

from saferplan.plans.models import Action, Plan

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "riverside-action-plan.txt"
pytestmark = pytest.mark.django_db


def saferplan(*args, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["SAFERPLAN_VAR_DIR"] = str(tmp_path)
    return subprocess.run(
        [sys.executable, "-m", "saferplan", *args], env=env, capture_output=True, text=True
    )


def test_a_dry_run_prints_the_json_contract_and_stores_nothing(run_command):
    output = json.loads(run_command("import_plan", str(FIXTURE), "--dry-run", "--format", "json"))
    assert output["partnership"] == "Riverside Community Safety Partnership"
    assert output["year"] == "2024/25"
    assert [len(p["actions"]) for p in output["priorities"]] == [2, 3]
    first = output["priorities"][0]["actions"][0]
    assert first["leads"] == ["RBC", "Riverside Police"]
    assert set(first) >= {
        "ref",
        "text",
        "leads",
        "partners",
        "aim",
        "baseline",
        "target",
        "measure",
        "evidence",
        "updates",
    }
    assert "id" not in output
    assert Plan.objects.count() == 0


def test_an_import_reports_what_it_stored_and_the_plan_id(run_command):
    output = json.loads(run_command("import_plan", str(FIXTURE), "--format", "json"))
    plan = Plan.objects.get()
    assert output["id"] == plan.pk
    assert Action.objects.filter(priority__plan=plan).count() == 5
    text = run_command("import_plan", str(FIXTURE))
    assert "2 priorities, 5 actions" in text
    assert f"updated plan {plan.pk}" in text


def test_a_plan_exported_and_imported_again_is_the_same_plan(run_command, export_and_reimport):
    run_command("import_plan", str(FIXTURE))
    before, after = export_and_reimport(Plan.objects.get())
    assert after == before


def test_a_bad_file_among_several_stores_none_of_them(run_command, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError) as error:
        run_command("import_plan", str(FIXTURE), str(empty))
    assert error.value.returncode == 2
    assert "empty.txt" in str(error.value)
    assert Plan.objects.count() == 0


def test_an_unknown_plan_is_a_clear_error(run_command):
    with pytest.raises(CommandError, match="no plan '999'"):
        run_command("export_plan", "999")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.txt", None, "no such file"),
        ("empty.txt", b"", "empty"),
        ("picture.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), ""),
    ],
)
def test_bad_input_exits_2_with_one_line_and_no_traceback(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = saferplan("import-plan", str(path), tmp_path=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert name in lines[0] and message in lines[0].lower()
    assert "Traceback" not in result.stderr
