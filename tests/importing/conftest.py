"""Fixtures shared by the importing tests (``seeds_dir`` comes from tests/conftest.py)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command

from saferplan.importing.document import ParsedPlan
from saferplan.importing.text import parse_text
from saferplan.plans.models import Plan


@pytest.fixture(scope="session")
def seed_path(seeds_dir) -> Callable[[str], Path]:
    """The seed document numbered ``"000"`` ... ``"004"``."""

    def find(number: str) -> Path:
        return next(seeds_dir.glob(f"{number}_*.txt"))

    return find


@pytest.fixture(scope="session")
def parse_seed(seed_path) -> Callable[[str], ParsedPlan]:
    """A seed read by the text parser (a new plan on every call)."""

    def parse(number: str) -> ParsedPlan:
        path = seed_path(number)
        return parse_text(path.read_text(encoding="utf-8"), path.name)

    return parse


@pytest.fixture
def run_command() -> Callable[..., str]:
    """Run a management command; returns what it printed."""

    def run(*args: str) -> str:
        out = io.StringIO()
        call_command(*args, stdout=out)
        return out.getvalue()

    return run


@pytest.fixture
def export_and_reimport(run_command, tmp_path) -> Callable[[Plan], tuple[dict, dict]]:
    """Export a stored plan, delete every plan, import the export and export that:
    the two exports, without their ids, for the caller to compare."""

    def do(plan: Plan) -> tuple[dict, dict]:
        first = tmp_path / "first.json"
        call_command("export_plan", str(plan.pk), "-o", str(first), stderr=io.StringIO())
        exported = json.loads(first.read_text())
        Plan.objects.all().delete()
        again = json.loads(run_command("import_plan", str(first), "--format", "json"))
        second = json.loads(run_command("export_plan", str(again["id"])))
        exported.pop("id"), second.pop("id")
        return exported, second

    return do
