"""The return's value field is offered only where the action is measured by a number."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from saferplan.monitoring.periods import ensure_periods
from saferplan.monitoring.spreadsheet import SpreadsheetErrors, apply_workbook, build_workbook
from saferplan.partnerships.models import Agency
from saferplan.plans.models import Action, ProgressUpdate

pytestmark = pytest.mark.django_db


def action(ref: str) -> Action:
    return Action.objects.get(ref=ref)


def value_input(ref: str) -> str:
    return f'name="a{action(ref).pk}-value"'


def test_the_page_offers_a_value_only_for_actions_measured_by_a_number(returns_plan, as_persona):
    page = as_persona("manager").get(f"/returns/?plan={returns_plan.pk}&q=2").content.decode()
    assert value_input("1.1") in page  # "Number of victims supported"
    assert value_input("1.2") in page  # target "40 staff trained"
    assert value_input("2.1") not in page  # hotspots agreed at a meeting
    assert value_input("2.2") not in page  # no measure at all


def test_a_value_recorded_before_stays_visible_and_is_kept_on_save(
    returns_plan, as_persona, manager
):
    q2 = ensure_periods(returns_plan)[1]
    # Recorded before the rule, as an imported plan or an older return may hold one.
    ProgressUpdate.objects.create(
        action=action("2.1"), period=q2.label, text="Two agreed", status="on_track", value=2
    )
    client = as_persona("manager")
    url = f"/returns/action/{action('2.1').pk}/2/"
    assert value_input("2.1") in client.get(url).content.decode()
    prefix = f"a{action('2.1').pk}"
    response = client.post(
        url,
        {
            f"{prefix}-status": "at_risk",
            f"{prefix}-text": "One more agreed",
            f"{prefix}-value": "3",
            f"{prefix}-version": "1",
            "action": "submit",
        },
    )
    assert response.status_code == 302
    assert ProgressUpdate.objects.get(action=action("2.1"), period=q2.label).value == 3


def test_saving_an_action_without_a_value_field_leaves_the_value_alone(returns_plan, as_persona):
    q2 = ensure_periods(returns_plan)[1]
    prefix = f"a{action('2.2').pk}"
    response = as_persona("manager").post(
        f"/returns/action/{action('2.2').pk}/2/",
        {
            f"{prefix}-status": "on_track",
            f"{prefix}-text": "Sessions resumed",
            f"{prefix}-value": "99",  # not offered: a forged field is ignored
            f"{prefix}-version": "0",
            "action": "submit",
        },
    )
    assert response.status_code == 302
    update = ProgressUpdate.objects.get(action=action("2.2"), period=q2.label)
    assert (update.text, update.value) == ("Sessions resumed", None)


def test_the_workbook_greys_out_values_it_will_not_accept(plan):
    abc = Agency.objects.get(name="ABC")
    q2 = ensure_periods(plan)[1]
    sheet = load_workbook(io.BytesIO(build_workbook(q2, abc)))["Returns"]
    fills = {row[0].value: row[7].fill.fgColor.rgb for row in sheet.iter_rows(min_row=4)}
    assert fills["2.1"].endswith("BBBBBB")  # not measured by a number
    assert not fills["1.2"].endswith("BBBBBB")  # target "40 staff trained"
    assert "grey: leave empty" in sheet["A2"].value


def test_an_upload_refuses_a_value_for_an_action_not_measured_by_a_number(plan):
    abc = Agency.objects.get(name="ABC")
    q2 = ensure_periods(plan)[1]
    book = load_workbook(io.BytesIO(build_workbook(q2, abc)))
    sheet = book["Returns"]
    for row, values in {4: ("on_track", "Done", 5), 5: ("on_track", "Agreed", 4)}.items():
        for offset, value in enumerate(values):
            sheet.cell(row=row, column=6 + offset, value=value)
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(SpreadsheetErrors) as refused:
        apply_workbook(out.getvalue(), q2, abc, "abc.xlsx", user=None)
    assert refused.value.errors == ["row 5: action 2.1 is not measured by a number"]
    assert not ProgressUpdate.objects.filter(period=q2.label).exists()
