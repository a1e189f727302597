"""Recording values: one from a form, or a spreadsheet all-or-nothing; permissions via ``can``."""

import io
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook

from saferplan.accounts.permissions import can
from saferplan.indicators.models import IndicatorValue
from saferplan.indicators.periods import parse_period
from saferplan.indicators.services import UploadError, record_value, upload_values

pytestmark = pytest.mark.django_db


def test_a_manager_records_a_value_and_its_history_says_who(indicator, manager):
    value = record_value(
        indicator, parse_period("2024/25 Q1"), D(240), "From police.uk", user=manager
    )
    assert (value.period_kind, value.source, value.entered_by) == ("quarter", "entered", manager)
    record_value(indicator, parse_period("2024/25 Q1"), D(245), "Revised", user=manager)
    history = list(value.history.order_by("history_date"))
    assert [h.value for h in history] == [D(240), D(245)]
    assert {h.history_user for h in history} == {manager}


def test_recording_the_same_figure_again_leaves_no_history(indicator, manager):
    record_value(indicator, parse_period("2024/25 Q1"), D(240), user=manager)
    record_value(indicator, parse_period("2024/25 Q1"), D(240), user=manager)
    assert IndicatorValue.history.filter(period="2024/25 Q1").count() == 1


def test_the_owning_agencys_lead_officer_may_record(indicator, lead_officer):
    record_value(indicator, parse_period("2024-05"), D(80), user=lead_officer)
    assert indicator.values.filter(period="2024-05").exists()


@pytest.mark.parametrize("persona", ["viewer", "scrutiny", "outsider", "anonymous"])
def test_others_may_not_record(indicator, personas, persona):
    with pytest.raises(PermissionDenied):
        record_value(indicator, parse_period("2024-05"), D(80), user=personas[persona])


def test_a_lead_officer_may_not_record_for_another_agencys_indicator(
    council_indicator, lead_officer
):
    with pytest.raises(PermissionDenied):
        record_value(council_indicator, parse_period("2024-05"), D(8), user=lead_officer)


@pytest.mark.parametrize(
    ("persona", "own", "other", "define"),
    [
        ("manager", True, True, True),
        ("lead_officer", True, False, False),
        ("viewer", False, False, False),
        ("scrutiny", False, False, False),
        ("outsider", False, False, False),
        ("anonymous", False, False, False),
    ],
)
def test_who_may_edit_and_define_indicators(
    indicator, council_indicator, personas, persona, own, other, define
):
    user = personas[persona]
    assert can(user, "edit_indicators", indicator) is own
    assert can(user, "edit_indicators", council_indicator) is other
    value = IndicatorValue(indicator=indicator, period="2024/25", value=D(1))
    assert can(user, "edit_indicators", value) is own  # a value belongs to its indicator
    assert can(user, "manage_indicators", indicator) is define


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("manager", True),
        ("lead_officer", True),
        ("viewer", True),
        ("scrutiny", True),
        ("outsider", False),
        ("anonymous", False),
    ],
)
def test_who_may_see_indicators(indicator, personas, persona, allowed):
    assert can(personas[persona], "view", indicator) is allowed


def test_a_lead_officer_without_an_agency_may_not_upload(make_user, partnership):
    from saferplan.accounts.models import Role

    nobody = make_user("nobody", role=Role.LEAD_OFFICER, partnership=partnership)
    assert can(nobody, "edit_indicators", partnership) is False


CSV = b"""indicator,period,value,note
Violent crimes,2024/25 Q1,240,From the police
West Kent Policing Plan,2024/25 Q2,"1,250",
LOCAL1,2024-05,12,fly-tipping
"""


def test_an_upload_stores_every_row(indicator, council_indicator, manager):
    result = upload_values(indicator.partnership, "values.csv", CSV, user=manager)
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    assert indicator.values.get(period="2024/25 Q2").value == D(1250)
    assert council_indicator.values.get(period="2024-05").source == "uploaded"
    again = upload_values(indicator.partnership, "values.csv", CSV, user=manager)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


BAD = b"""indicator,period,value,note
Violent crimes,2024/25 Q1,240,fine
Violent crimes,2024/25 Q5,240,
Burglary,2024/25 Q1,3,

Violent crimes,2024/25 Q2,TBC,
Violent crimes,2024/25 Q1,250,twice
,2024/25 Q3,1,
"""


def test_an_upload_with_a_bad_row_stores_nothing_and_names_each_row(indicator, manager):
    before = IndicatorValue.objects.count()
    with pytest.raises(UploadError) as raised:
        upload_values(indicator.partnership, "values.csv", BAD, user=manager)
    assert raised.value.errors == [
        "values.csv, row 3: '2024/25 Q5' is not a quarter such as 2014/15 Q1",
        "values.csv, row 4: no indicator 'Burglary' in Ashcombe CSP",
        "values.csv, row 6: the value must be a number, not 'TBC'",
        "values.csv, row 7: Violent crimes 2024/25 Q1 is already given in row 2",
        "values.csv, row 8: the indicator is missing",
    ]
    assert IndicatorValue.objects.count() == before


def test_a_lead_officer_may_upload_only_their_agencys_indicators(
    indicator, council_indicator, lead_officer
):
    with pytest.raises(UploadError) as raised:
        upload_values(indicator.partnership, "values.csv", CSV, user=lead_officer)
    assert raised.value.errors == [
        "values.csv, row 4: you may not record values for 'Fly-tipping incidents'"
    ]
    assert not indicator.values.filter(period="2024/25 Q1").exists()


def test_a_viewer_may_not_upload(indicator, viewer):
    with pytest.raises(PermissionDenied):
        upload_values(indicator.partnership, "values.csv", CSV, user=viewer)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "values.csv: the file is empty"),
        (
            b"name,when\nViolent crimes,2024/25\n",
            "values.csv, row 1: the header must name the columns indicator, period, value, note "
            "(missing: period, value)",
        ),
        (b"indicator,period,value\n", "values.csv: there are no values below the header"),
        (
            b"\xff\xfe\x00\x00binary\x81\x8d",
            "values.csv: the file is not text (save it as CSV UTF-8)",
        ),
    ],
)
def test_an_unusable_file_is_refused_with_a_reason(indicator, manager, data, message):
    with pytest.raises(UploadError) as raised:
        upload_values(indicator.partnership, "values.csv", data, user=manager)
    assert raised.value.errors == [message]


def xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_an_excel_upload_works_the_same(indicator, manager):
    from datetime import datetime

    data = xlsx(
        [
            ["Indicator", "Period", "Value", "Note"],
            ["Violent crimes", "2024/25 Q1", 240, None],
            [indicator.pk, datetime(2024, 5, 1), 81.0, "a date cell means its month"],
        ]
    )
    result = upload_values(indicator.partnership, "values.xlsx", data, user=manager)
    assert result.created == 2
    assert indicator.values.get(period="2024-05").value == D(81)


def test_a_broken_excel_file_is_refused(indicator, manager):
    with pytest.raises(UploadError) as raised:
        upload_values(indicator.partnership, "values.xlsx", b"PK\x03\x04 not really", user=manager)
    assert raised.value.errors == ["values.xlsx: not a readable Excel workbook (.xlsx)"]
