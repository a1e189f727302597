"""Fixtures for the documents: seed plans in the database, and readers for every format."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import date

import pytest
from django.core.management import call_command
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from saferplan.plans.models import Plan

# Seed 000 does not print its partnership's name.
PARTNERSHIP = {"000": "Tonbridge and Malling CSP"}


@pytest.fixture
def import_seed(seeds_dir, db) -> Callable[[str], Plan]:
    def do(number: str) -> Plan:
        path = next(seeds_dir.glob(f"{number}_*.txt"))
        args = ["import_plan", str(path), "--format", "json"]
        if number in PARTNERSHIP:
            args += ["--partnership", PARTNERSHIP[number]]
        call_command(*args, stdout=io.StringIO())
        return Plan.objects.order_by("-pk").first()

    return do


@pytest.fixture
def sample(db) -> Plan:
    """The sample plan with two quarterly indicators (targets and six quarters of values)."""
    from factories import add_sample_indicators, sample_plan

    plan = sample_plan()
    add_sample_indicators(plan)
    return plan


TODAY = date(2024, 11, 20)  # after the Q2 deadline of 2024/25


def docx_text(data: bytes) -> str:
    """Every paragraph and table cell of a Word file, one per line."""
    word = Document(io.BytesIO(data))
    lines = [p.text for p in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def docx_rows(data: bytes) -> list[list[str]]:
    word = Document(io.BytesIO(data))
    return [[c.text for c in row.cells] for table in word.tables for row in table.rows]


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def pdf_flat(data: bytes) -> str:
    """The PDF's text with all whitespace collapsed (cells wrap across lines)."""
    return " ".join(pdf_text(data).split())


def xlsx_rows(data: bytes) -> dict[str, list[list[str]]]:
    book = load_workbook(io.BytesIO(data))
    return {
        sheet.title: [
            ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
        ]
        for sheet in book.worksheets
    }


def json_of(data: bytes) -> dict:
    return json.loads(data.decode("utf-8"))


class Readers:
    docx_text = staticmethod(docx_text)
    docx_rows = staticmethod(docx_rows)
    pdf_text = staticmethod(pdf_text)
    pdf_flat = staticmethod(pdf_flat)
    xlsx_rows = staticmethod(xlsx_rows)
    json_of = staticmethod(json_of)


@pytest.fixture
def read() -> Readers:
    """``read.docx_text(bytes)``, ``read.pdf_flat(bytes)``, ``read.xlsx_rows(bytes)`` ..."""
    return Readers()


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def manager_of(make_user):
    """``manager_of(partnership)``: a manager of that partnership (the sample plan's own)."""
    from saferplan.accounts.models import Role

    def make(partnership, username: str = "mona"):
        return make_user(username, role=Role.MANAGER, partnership=partnership)

    return make
