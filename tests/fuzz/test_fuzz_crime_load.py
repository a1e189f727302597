"""The police.uk loader (``assessment.loading.load``), into a temporary crime store: whatever
the CSV or zip, it loads or refuses with a ``LoadError`` naming the file, and a refusal
leaves the store and its records (``ForceMonth``) as they were.

Inputs are one month of one force, which the loader writes in one DuckDB transaction
(a load of several months commits month by month, by design: each month is whole).
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzz.mutations import damage_bytes, mutate_csv
from fuzz.profiles import examples
from saferplan.assessment.conf import get_store
from saferplan.assessment.loading import LoadError, load
from saferplan.assessment.models import ForceMonth
from saferplan.assessment.store import HEADER

pytestmark = pytest.mark.django_db

MONTH = "2025-01"
NAME = f"{MONTH}-test-street.csv"


def _row(n: int, crime_type: str, lsoa: str = "E01000001") -> list[str]:
    return [
        f"id{n}" if n % 3 else "",
        MONTH,
        "Test Police",
        "Test Police",
        f"{0.1 + n / 1000:.6f}",
        f"{51.1 + n / 1000:.6f}",
        "On or near High Street",
        lsoa,
        "Alpha 001A",
        crime_type,
        "Under investigation" if n % 2 else "",
        "",
    ]


def valid_csv() -> str:
    types = ["Burglary", "Anti-social behaviour", "Shoplifting", "Drugs", "Vehicle crime"]
    out = io.StringIO()
    out.write(HEADER + "\n")
    csv.writer(out, lineterminator="\n").writerows(
        _row(n, types[n % len(types)], f"E0100000{n % 4 + 1}") for n in range(40)
    )
    return out.getvalue()


def zipped(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


@pytest.fixture
def store(settings, tmp_path):
    """A crime store in the test's folder, holding one good load of the month."""
    settings.SAFERPLAN_CRIME_DB = tmp_path / "crime.duckdb"
    store = get_store()
    good = tmp_path / "good" / NAME
    good.parent.mkdir()
    good.write_text(valid_csv())
    load([good], store, progress_bar=False)
    return store


def contents(store) -> tuple:
    crimes = store.query("SELECT * FROM crimes ORDER BY ALL")
    counts = store.query("SELECT * FROM counts ORDER BY ALL")
    months = list(
        ForceMonth.objects.order_by("pk").values_list(
            "force", "month", "rows", "bad_rows", "source"
        )
    )
    return crimes, counts, months


def check_load(paths: list[Path], store) -> None:
    before = contents(store)
    try:
        report = load(paths, store, progress_bar=False)
    except LoadError as error:
        message = str(error)
        assert "\n" not in message, message
        assert any(p.name in message for p in paths), message
        assert contents(store) == before, f"a refused load changed the store: {message}"
        return
    assert report.rows + report.bad_rows >= 0
    assert ForceMonth.objects.filter(force="test").count() == 1


@settings(max_examples=examples(5))
@given(data=st.data())
def test_a_csv_with_shuffled_rows_swapped_headers_and_junk_cells(data, store, tmp_path_factory):
    path = tmp_path_factory.mktemp("in") / NAME
    path.write_text(mutate_csv(data.draw, valid_csv()), encoding="utf-8")
    check_load([path], store)


@settings(max_examples=examples(5))
@given(data=st.data())
def test_a_csv_with_damaged_bytes(data, store, tmp_path_factory):
    path = tmp_path_factory.mktemp("in") / NAME
    path.write_bytes(damage_bytes(data.draw, valid_csv().encode()))
    check_load([path], store)


@settings(max_examples=examples(5))
@given(data=st.data())
def test_a_zip_with_damaged_members_or_bytes(data, store, tmp_path_factory):
    member = f"{MONTH}/{NAME}"
    csv_text = valid_csv()
    if data.draw(st.booleans()):
        csv_text = mutate_csv(data.draw, csv_text)
    files = {member: csv_text.encode()}
    if data.draw(st.booleans()):
        files[f"{MONTH}/{MONTH}-test-outcomes.csv"] = b"ignored"
    archive = zipped(files)
    if data.draw(st.booleans()):
        archive = damage_bytes(data.draw, archive)
    path = tmp_path_factory.mktemp("in") / "police-uk.zip"
    path.write_bytes(archive)
    check_load([path], store)


@settings(max_examples=examples(5))
@given(data=st.binary(max_size=2048), suffix=st.sampled_from([".zip", ".csv"]))
def test_random_bytes(data, suffix, store, tmp_path_factory):
    name = "police-uk.zip" if suffix == ".zip" else NAME
    path = tmp_path_factory.mktemp("in") / name
    path.write_bytes(data)
    check_load([path], store)
