"""The JSON contract of ``import-plan --format json`` and ``export-plan``, checked key by key,
as another program reading SaferPlan's output would rely on it."""

import json
from collections import Counter
from pathlib import Path

import pytest

from saferplan.plans.models import Plan

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "riverside-action-plan.txt"
pytestmark = pytest.mark.django_db

PLAN_KEYS = {"partnership", "title", "year", "priorities", "targets", "agencies", "glossary"}
PRIORITY_KEYS = {"ref", "title", "group", "subsidiary", "leads", "actions"}
ACTION_KEYS = {
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
UPDATE_KEYS = {"period", "text", "status"}
TARGET_KEYS = {"title", "reference", "baseline", "target", "actual", "printed_change"}
STATUSES = {"not_started", "on_track", "at_risk", "off_track", "completed", "no_data", None}


def assert_contract(plan: dict) -> None:
    """Every key the contract names is present, with values of the promised kinds."""
    assert set(plan) >= PLAN_KEYS | {"warnings"}
    assert isinstance(plan["warnings"], list)
    for priority in plan["priorities"]:
        assert set(priority) >= PRIORITY_KEYS
        assert isinstance(priority["subsidiary"], bool)
        assert all(isinstance(lead, str) for lead in priority["leads"])
        for action in priority["actions"]:
            assert set(action) >= ACTION_KEYS
            for key in ("aim", "baseline", "target", "measure", "evidence"):
                # Values as printed are strings; absent ones are null, never "".
                assert action[key] is None or (isinstance(action[key], str) and action[key])
            for update in action["updates"]:
                assert set(update) >= UPDATE_KEYS
                assert update["status"] in STATUSES
    for target in plan["targets"]:
        assert set(target) >= TARGET_KEYS
    for agency in plan["agencies"]:
        assert set(agency) >= {"name", "acronym"}
    for entry in plan["glossary"]:
        assert set(entry) >= {"term", "meaning"}


def test_a_dry_run_prints_every_key_of_the_contract(run_command):
    output = json.loads(run_command("import_plan", str(FIXTURE), "--dry-run", "--format", "json"))
    assert isinstance(output, dict)
    assert_contract(output)


def test_several_files_print_a_list_of_plans(run_command, tmp_path):
    second = tmp_path / "second.txt"
    second.write_text(FIXTURE.read_text().replace("2024/25", "2025/26").replace("2024", "2025"))
    output = json.loads(
        run_command("import_plan", str(FIXTURE), str(second), "--dry-run", "--format", "json")
    )
    assert isinstance(output, list) and len(output) == 2
    for plan in output:
        assert_contract(plan)
    assert [plan["year"] for plan in output] == ["2024/25", "2025/26"]


def test_seed_000_export_shows_the_quarters_missing_data(seed_path, run_command, tmp_path):
    """The counts a manager chases, read from the exported JSON as an outside tool would."""
    # Seed 000 names no partnership in its text (only its file name says whose it is).
    imported = json.loads(
        run_command(
            "import_plan",
            str(seed_path("000")),
            "--partnership",
            "Tonbridge and Malling CSP",
            "--format",
            "json",
        )
    )
    out = tmp_path / "000.json"
    run_command("export_plan", str(imported["id"]), "--format", "json", "-o", str(out))
    exported = json.loads(out.read_text())
    assert_contract(exported)

    statuses = Counter(
        (update["period"], update["status"])
        for priority in exported["priorities"]
        for action in priority["actions"]
        for update in action["updates"]
    )
    assert statuses[("2014/15 Q2", "no_data")] == 11
    assert statuses[("2014/15 Q1", "no_data")] == 1
    # "To be progressed" is printed four times in Qrt 1 and once in Qrt 2 of the document.
    assert statuses[("2014/15 Q1", "not_started")] == 4
    assert statuses[("2014/15 Q2", "not_started")] == 1
    assert sum(len(p["actions"]) for p in exported["priorities"]) == 39
    assert Plan.objects.count() == 1
