"""The demo documents that ship with SaferPlan: they import, and they are up to date."""

from __future__ import annotations

import re

import pytest

from saferplan.demo import ashcombe, build_documents, document_paths
from saferplan.demo.thornbury_vale import plan_2025_26
from saferplan.importing.readers import read_document

# file -> (partnership, year, actions per priority, glossary entries)
EXPECTED = {
    "ashcombe-action-plan-2025-26.docx": (
        "Ashcombe Community Safety Partnership", "2025/26", [7, 8, 5, 5, 6], 9,
    ),
    "thornbury-vale-action-plan-2024-25.txt": (
        "Thornbury Vale Community Safety Partnership", "2024/25", [9, 9, 7, 6], 11,
    ),
    "thornbury-vale-plan-2025-26.xlsx": (
        "Thornbury Vale Community Safety Partnership", "2025/26", [6, 5, 5, 5, 0], 8,
    ),
}  # fmt: skip


def test_document_paths_lists_the_three_demo_documents():
    paths = document_paths()
    assert [p.name for p in paths] == sorted(EXPECTED)
    assert all(p.is_file() and p.stat().st_size < 100_000 for p in paths)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_demo_document_imports_with_the_expected_shape(name):
    path = next(p for p in document_paths() if p.name == name)
    plan = read_document(path.name, path.read_bytes())
    partnership, year, actions, glossary = EXPECTED[name]
    assert (plan.partnership, plan.year) == (partnership, year)
    assert [len(p.actions) for p in plan.priorities] == actions
    assert len(plan.glossary) == glossary
    assert plan.warnings == []
    assert all(action.leads for p in plan.priorities for action in p.actions)


def test_the_text_extract_has_quarterly_updates_and_gaps_to_chase():
    path = next(p for p in document_paths() if p.suffix == ".txt")
    plan = read_document(path.name, path.read_bytes())
    updates = [u for p in plan.priorities for a in p.actions for u in a.updates]
    assert {u.period for u in updates} == {"2024/25 Q1", "2024/25 Q2"}
    assert sum(u.status == "no_data" for u in updates) >= 5


def test_the_word_document_matches_its_content_module():
    path = next(p for p in document_paths() if p.suffix == ".docx")
    plan = read_document(path.name, path.read_bytes())
    assert [p.title for p in plan.priorities] == [title for title, _ in ashcombe.PRIORITIES]
    assert plan.action_count() == ashcombe.action_count()


def test_the_workbook_reads_back_as_its_content_module():
    path = next(p for p in document_paths() if p.suffix == ".xlsx")
    assert read_document(path.name, path.read_bytes()) == plan_2025_26()


def test_the_committed_documents_are_what_the_build_script_makes(tmp_path):
    for built in build_documents.main(tmp_path):
        committed = next(p for p in document_paths() if p.name == built.name)
        assert built.read_bytes() == committed.read_bytes(), (
            f"{built.name} is stale: run python -m saferplan.demo.build_documents"
        )


def test_the_demo_is_fictional():
    # Real places and forces from the seed documents must not leak into demo content.
    real = re.compile(r"Kent|Tonbridge|Malling|Tunbridge|Ashford|Maidstone|Medway", re.I)
    for path in document_paths():
        plan = read_document(path.name, path.read_bytes())
        assert not real.search(str(plan.to_json())), path.name
