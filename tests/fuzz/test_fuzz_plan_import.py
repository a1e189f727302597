"""Every plan importer, through the service that writes: whatever the file, the import
stores a plan or refuses with a clear ``PlanImportError``, and a refusal writes nothing.

Each test starts from a real document (the demo plans: a text extract, a Word file, a
workbook, SaferPlan JSON), damages it, reads it with ``read_document`` and stores it
with ``import_plan``, exactly as the upload page and ``saferplan import-plan`` do.
"""

from __future__ import annotations

import io
import json
from functools import cache

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzz.mutations import (
    damage_bytes,
    mutate_json,
    mutate_text,
    mutate_workbook,
    rezip,
    unzip,
)
from fuzz.profiles import examples
from fuzz.state import rolled_back
from saferplan.demo import document_paths
from saferplan.demo.thornbury_vale import plan_2025_26
from saferplan.importing import services
from saferplan.importing.document import PlanImportError
from saferplan.importing.json_format import dump_json
from saferplan.importing.readers import ReaderCrash
from saferplan.importing.services import import_plan, read_document

pytestmark = pytest.mark.django_db

TEXT_TOKENS = [
    "\t", "\n", "\n\n", "Priority 1: ", "1.1\t", "\tAction\tLead\tMeasure\n", "Qrt 1\t",
    "Data to be provided", "2024/25", "2099/00", "N/A", "Glossary\n", "Lead agency:", "•",
    "Subsidiary priorities",
]  # fmt: skip


@cache
def demo(suffix: str) -> bytes:
    return next(p for p in document_paths() if p.suffix == suffix).read_bytes()


@cache
def small_json() -> dict:
    plan = plan_2025_26()
    plan.priorities = plan.priorities[:2]
    return json.loads(dump_json(plan))


def store(filename: str, data: bytes, snapshot) -> None:
    """Read and store ``data``; a refusal must be a clear one that left the database alone."""
    with rolled_back():
        _store(filename, data, snapshot)


def _store(filename: str, data: bytes, snapshot) -> None:
    before = snapshot()
    try:
        parsed = read_document(filename, data)
        result = import_plan(parsed, source_name=filename, source_bytes=data)
    except ReaderCrash as crash:
        raise AssertionError(f"reader crashed: {crash.__cause__!r}") from crash
    except PlanImportError as error:
        message = str(error)
        assert message.startswith(filename), message
        assert "\n" not in message, message
        assert snapshot() == before, f"a refused import changed the database: {message}"
        return
    assert result.plan.pk is not None
    assert result.plan.priorities.count() >= 1


@settings(max_examples=examples(5))
@given(data=st.data())
def test_mutated_plan_text(data, snapshot):
    text = demo(".txt").decode("utf-8")
    store("plan.txt", mutate_text(data.draw, text, TEXT_TOKENS).encode("utf-8"), snapshot)


@settings(max_examples=examples(10))
@given(data=st.data())
def test_mutated_json(data, snapshot):
    mutated = mutate_json(data.draw, small_json())
    store(
        "plan.json", json.dumps(mutated, ensure_ascii=data.draw(st.booleans())).encode(), snapshot
    )


@settings(max_examples=examples(8))
@given(data=st.data())
def test_damaged_docx(data, snapshot):
    store("plan.docx", damage_bytes(data.draw, demo(".docx")), snapshot)


@settings(max_examples=examples(5))
@given(data=st.data())
def test_docx_with_edited_text(data, snapshot):
    files = unzip(demo(".docx"))
    xml = files["word/document.xml"].decode("utf-8")
    tokens = ["<w:t>1.1</w:t>", "<w:t>\t</w:t>", "</w:tc><w:tc>", "<w:t>Priority 2</w:t>"]
    edited = mutate_text(data.draw, xml, tokens).encode("utf-8")
    store("plan.docx", rezip(files | {"word/document.xml": edited}), snapshot)


@settings(max_examples=examples(8))
@given(data=st.data())
def test_damaged_xlsx(data, snapshot):
    store("plan.xlsx", damage_bytes(data.draw, demo(".xlsx")), snapshot)


@settings(max_examples=examples(5))
@given(data=st.data())
def test_xlsx_with_junk_cells_shuffled_rows_and_swapped_headers(data, snapshot):
    store("plan.xlsx", mutate_workbook(data.draw, demo(".xlsx")), snapshot)


@settings(max_examples=examples(12))
@given(
    data=st.binary(max_size=1024),
    filename=st.sampled_from(["plan.txt", "plan.docx", "plan.xlsx", "x.json"]),
)
def test_random_bytes(data, filename, snapshot):
    store(filename, data, snapshot)


@settings(max_examples=examples(4))
@given(failing_write=st.integers(min_value=1, max_value=400))
def test_an_import_that_fails_at_any_write_leaves_the_database_as_before(
    failing_write, snapshot, monkeypatch
):
    """Whichever write of an import fails (the disk fills, the database goes away), the
    plan, its agencies, glossary, history and indicators are all as they were."""
    parsed = read_document("plan.txt", demo(".txt"))
    before = snapshot()
    writes = {"n": 0}
    real_save = services._PlanWriter.save

    def save(self, obj):
        writes["n"] += 1
        if writes["n"] == failing_write:
            raise PlanImportError("the disk is full", source="plan.txt")
        real_save(self, obj)

    monkeypatch.setattr(services._PlanWriter, "save", save)
    try:
        import_plan(parsed, source_name="plan.txt")
    except PlanImportError:
        assert snapshot() == before
    else:
        assert writes["n"] < failing_write  # the import finished before that write


@settings(max_examples=examples(2))
@given(data=st.data())
def test_the_command_stores_all_the_files_or_none(data, snapshot, tmp_path_factory):
    """``saferplan import-plan`` with a damaged file among good ones: all or nothing."""
    folder = tmp_path_factory.mktemp("plans")
    good = folder / "thornbury.txt"
    good.write_bytes(demo(".txt"))
    xlsx = folder / "thornbury.xlsx"
    xlsx.write_bytes(demo(".xlsx"))
    damaged = folder / "damaged.xlsx"
    damaged.write_bytes(mutate_workbook(data.draw, demo(".xlsx")))
    before = snapshot()
    try:
        call_command("import_plan", str(good), str(xlsx), str(damaged), stdout=io.StringIO())
    except CommandError as error:
        assert "damaged.xlsx" in str(error) or "thornbury" in str(error), str(error)
        assert snapshot() == before
