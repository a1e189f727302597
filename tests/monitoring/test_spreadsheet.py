import io

import pytest
from openpyxl import load_workbook

from saferplan.monitoring.periods import change_status, ensure_periods
from saferplan.monitoring.returns import ReturnInput, save_return
from saferplan.monitoring.spreadsheet import SpreadsheetErrors, apply_workbook, build_workbook
from saferplan.partnerships.models import Agency
from saferplan.plans.models import Action, ProgressUpdate


@pytest.fixture
def abc(plan):
    return Agency.objects.get(name="ABC")


def filled(data: bytes, rows: dict[int, tuple]) -> bytes:
    """The workbook with (status, update, value) written into the given rows."""
    book = load_workbook(io.BytesIO(data))
    sheet = book["Returns"]
    for row, values in rows.items():
        for offset, value in enumerate(values):
            sheet.cell(row=row, column=6 + offset, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_download_lists_the_agencys_actions_with_a_status_drop_down(plan, abc):
    q2 = ensure_periods(plan)[1]
    book = load_workbook(io.BytesIO(build_workbook(q2, abc)))
    sheet = book["Returns"]
    assert [c.value for c in sheet[3]][:8] == [
        "Ref",
        "Priority",
        "Action",
        "Measure",
        "Last quarter's update",
        "Status",
        "Update",
        "Value",
    ]
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert [(r[0], r[4]) for r in rows] == [("1.2", "Data to be provided"), ("2.1", None)]
    validation = sheet.data_validations.dataValidation[0]
    assert "on_track" in validation.formula1 and "F4" in str(validation.sqref)


def test_a_filled_in_workbook_submits_every_row(plan, abc, make_user):
    officer = make_user("olive", role="lead_officer", partnership=plan.partnership, agency=abc)
    q2 = ensure_periods(plan)[1]
    data = filled(
        build_workbook(q2, abc),
        {4: ("on_track", "Two sessions held", 2), 5: ("at_risk", "Patrols short of staff", None)},
    )
    assert apply_workbook(data, q2, abc, "abc.xlsx", user=officer) == 2
    update = ProgressUpdate.objects.get(action__ref="1.2", period="2024/25 Q2")
    assert (update.status, update.text, update.value, update.state) == (
        "on_track",
        "Two sessions held",
        2,
        "submitted",
    )
    assert update.updated_by == officer


def test_one_bad_row_stops_the_whole_upload_and_every_error_names_its_row(plan, abc, make_user):
    officer = make_user("olive", role="lead_officer", partnership=plan.partnership, agency=abc)
    q2 = ensure_periods(plan)[1]
    book = load_workbook(
        io.BytesIO(
            filled(
                build_workbook(q2, abc),
                {
                    4: ("on_track", "Fine", None),
                    5: ("green", "Bad status", None),
                },
            )
        )
    )
    sheet = book["Returns"]
    sheet.append(["9.9", None, None, None, None, "on_track", "Unknown ref"])
    sheet.append(["2.2", None, None, None, None, "on_track", "Not ours"])
    sheet.append(["1.1", None, None, None, None, "on_track", "x", "many"])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(SpreadsheetErrors) as refused:
        apply_workbook(out.getvalue(), q2, abc, "abc.xlsx", user=officer)
    assert refused.value.errors == [
        "row 5: status must be one of not_started, on_track, at_risk, off_track, completed, "
        "no_data, not 'green'",
        "row 6: there is no action '9.9' in this plan",
        "row 7: action 2.2 is not led by ABC",
        "row 8: action 1.1 is not led by ABC",
    ]
    assert not ProgressUpdate.objects.filter(period="2024/25 Q2").exists()


def test_a_locked_quarter_refuses_uploads(plan, abc, make_user):
    officer = make_user("olive", role="lead_officer", partnership=plan.partnership, agency=abc)
    q2 = ensure_periods(plan)[1]
    data = filled(build_workbook(q2, abc), {4: ("on_track", "Fine", None)})
    change_status(change_status(q2, "open", user=officer), "lock", user=officer)
    q2.refresh_from_db()
    with pytest.raises(SpreadsheetErrors, match="locked"):
        apply_workbook(data, q2, abc, "abc.xlsx", user=officer)


def test_an_upload_never_overwrites_a_web_edit_made_after_the_download(plan, abc, make_user):
    officer = make_user("olive", role="lead_officer", partnership=plan.partnership, agency=abc)
    q2 = ensure_periods(plan)[1]
    data = filled(build_workbook(q2, abc), {4: ("on_track", "From the spreadsheet", None)})
    save_return(
        Action.objects.get(ref="1.2"), q2, ReturnInput("From the web", "at_risk"), user=officer
    )
    with pytest.raises(SpreadsheetErrors, match="row 4: action 1.2 was changed by olive"):
        apply_workbook(data, q2, abc, "abc.xlsx", user=officer)
    assert ProgressUpdate.objects.get(action__ref="1.2", period=q2.label).text == "From the web"


@pytest.mark.parametrize("data", [b"", b"not a workbook", b"PK\x03\x04broken"])
def test_something_that_is_not_a_workbook_is_refused_clearly(plan, abc, data):
    q2 = ensure_periods(plan)[1]
    with pytest.raises(SpreadsheetErrors, match="abc.xlsx: this is not an Excel .xlsx workbook"):
        apply_workbook(data, q2, abc, "abc.xlsx", user=None)
