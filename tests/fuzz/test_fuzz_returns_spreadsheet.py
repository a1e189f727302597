"""The returns spreadsheet upload (``monitoring.spreadsheet.apply_workbook``): whatever the
workbook, its returns are all saved or none are, and a refusal is a ``SpreadsheetErrors``
whose lines name the file and, for a bad row, the row.

Each test downloads the police's workbook for a quarter, fills it in as an officer
would, then damages it: junk in cells, rows shuffled, moved or deleted, headers
swapped, the sheet renamed, bytes flipped or cut off.
"""

from __future__ import annotations

import io
import re

import pytest
from django.db import OperationalError
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from factories import ActionAgencyFactory, ActionFactory, PlanFactory, PriorityFactory
from fuzz.mutations import damage_bytes, mutate_workbook, rezip, unzip
from fuzz.profiles import examples
from fuzz.state import rolled_back
from saferplan.monitoring.periods import change_status, ensure_periods
from saferplan.monitoring.returns import ReturnInput, save_return
from saferplan.monitoring.spreadsheet import (
    SHEET,
    SpreadsheetErrors,
    apply_workbook,
    build_workbook,
)

pytestmark = pytest.mark.django_db
SOURCE = "police-returns.xlsx"
HEADER_ROW = 3


@pytest.fixture
def quarter(partnership, police, council, manager, lead_officer):
    """Ashcombe's 2024/25 plan: the police lead 1.1 to 1.3 (1.1 has a Q2 draft already),
    the council leads 2.1; Q2 is open."""
    plan = PlanFactory(partnership=partnership, year="2024/25")
    first = PriorityFactory(plan=plan, ref="1", title="Domestic abuse")
    second = PriorityFactory(plan=plan, ref="2", title="Anti-social behaviour")
    actions = []
    for ref, priority, agency in [
        ("1.1", first, police),
        ("1.2", first, police),
        ("1.3", first, police),
        ("2.1", second, council),
    ]:
        action = ActionFactory(
            priority=priority,
            ref=ref,
            text=f"Action {ref}",
            measure="Number of cases",
            target="120",
        )
        ActionAgencyFactory(action=action, agency=agency)
        actions.append(action)
    period = ensure_periods(plan)[1]
    change_status(period, "open", user=manager)
    save_return(actions[0], period, ReturnInput("Begun", "on_track"), user=lead_officer)
    return period


@pytest.fixture
def workbook(quarter, police) -> bytes:
    """The police's workbook for the quarter, downloaded and filled in: a status, an update
    and a value on each of their three rows."""
    book = load_workbook(io.BytesIO(build_workbook(quarter, police)))
    sheet = book[SHEET]
    for index, row in enumerate(sheet.iter_rows(min_row=HEADER_ROW + 1)):
        row[5].value = ["on_track", "at_risk", "completed"][index % 3]
        row[6].value = f"Progress on {row[0].value}"
        row[7].value = 10 + index
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(data: bytes, period, agency, user, snapshot) -> None:
    with rolled_back():
        _upload(data, period, agency, user, snapshot)


def _upload(data: bytes, period, agency, user, snapshot) -> None:
    before = snapshot()
    try:
        count = apply_workbook(data, period, agency, SOURCE, user=user)
    except SpreadsheetErrors as problems:
        assert str(problems).startswith(f"{SOURCE}: "), str(problems)
        assert problems.errors and all(e and "\n" not in e for e in problems.errors)
        for error in problems.errors:
            if error.startswith("row"):
                assert re.match(r"row \d+: ", error), error
        assert snapshot() == before, f"a refused upload changed the database: {problems}"
        return
    assert 1 <= count <= 3


def test_the_filled_in_workbook_is_accepted(workbook, quarter, police, lead_officer):
    assert apply_workbook(workbook, quarter, police, SOURCE, user=lead_officer) == 3


@settings(max_examples=examples(15))
@given(data=st.data())
def test_junk_cells_shuffled_rows_and_swapped_headers(
    data, workbook, quarter, police, lead_officer, snapshot
):
    damaged = mutate_workbook(data.draw, workbook, sheet=SHEET, header_row=HEADER_ROW)
    upload(damaged, quarter, police, lead_officer, snapshot)


@settings(max_examples=examples(10))
@given(data=st.data())
def test_damaged_bytes(data, workbook, quarter, police, lead_officer, snapshot):
    upload(damage_bytes(data.draw, workbook), quarter, police, lead_officer, snapshot)


@settings(max_examples=examples(10))
@given(data=st.data())
def test_edited_sheet_xml(data, workbook, quarter, police, lead_officer, snapshot):
    """Cell XML rewritten by hand: types, numbers and strings an Excel would never write."""
    files = unzip(workbook)
    name = next(n for n in files if n.startswith("xl/worksheets/sheet1"))
    xml = files[name].decode("utf-8")
    for _ in range(data.draw(st.integers(1, 4))):
        values = re.findall(r"<v>[^<]*</v>", xml)
        if not values:
            break
        target = data.draw(st.sampled_from(values))
        junk = data.draw(
            st.sampled_from(["nan", "inf", "-inf", "1e400", "", "x", "99999999999999999999", "-0"])
        )
        xml = xml.replace(target, f"<v>{junk}</v>", 1)
        if data.draw(st.booleans()):
            xml = xml.replace(
                ' t="n"', data.draw(st.sampled_from([' t="s"', ' t="b"', ' t="e"'])), 1
            )
    upload(rezip(files | {name: xml.encode()}), quarter, police, lead_officer, snapshot)


@settings(max_examples=examples(10))
@given(data=st.binary(max_size=1024))
def test_random_bytes(data, quarter, police, lead_officer, snapshot):
    upload(data, quarter, police, lead_officer, snapshot)


@settings(max_examples=examples(3))
@given(failing_row=st.integers(min_value=1, max_value=3))
def test_an_upload_that_fails_at_any_row_saves_none_of_them(
    failing_row, workbook, quarter, police, lead_officer, snapshot, monkeypatch
):
    """The database failing while the third return is saved (or the first, or the second)
    leaves the first ones unsaved too: one transaction, as a killed import."""
    from saferplan.monitoring import spreadsheet

    calls = {"n": 0}
    real = spreadsheet.save_return

    def save_return(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == failing_row:
            raise OperationalError("disk I/O error")
        return real(*args, **kwargs)

    monkeypatch.setattr(spreadsheet, "save_return", save_return)
    with rolled_back():
        before = snapshot()
        with pytest.raises(OperationalError):
            apply_workbook(workbook, quarter, police, SOURCE, user=lead_officer)
        assert snapshot() == before
