"""Returns by spreadsheet through the pages: download an agency's workbook, upload it."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from saferplan.monitoring.periods import ensure_periods
from saferplan.plans.models import ProgressUpdate

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download_url(plan, agency, q=2) -> str:
    return f"/returns/plan/{plan.pk}/{q}/agency/{agency.pk}.xlsx"


def filled(content: bytes, rows: dict[str, tuple[str, str]]) -> SimpleUploadedFile:
    book = load_workbook(io.BytesIO(content))
    sheet = book["Returns"]
    for row in sheet.iter_rows(min_row=4):
        if row[0].value in rows:
            row[5].value, row[6].value = rows[row[0].value]
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("returns.xlsx", out.getvalue(), content_type=XLSX)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("manager", 200),
        ("lead_officer", 200),  # the police's own workbook
        ("other_officer", 403),
        ("viewer", 403),
        ("scrutiny", 404),
        ("outsider", 404),
        ("anonymous", 302),
    ],
)
def test_who_may_download_an_agency_workbook(returns_plan, as_persona, police, persona, status):
    response = as_persona(persona).get(download_url(returns_plan, police))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == XLSX
        assert "ashcombe-police-returns-202425-q2.xlsx" in response["Content-Disposition"]


def test_a_lead_officer_uploads_their_filled_in_workbook(returns_plan, as_persona, police):
    client = as_persona("lead_officer")
    content = client.get(download_url(returns_plan, police)).content
    upload = filled(content, {"1.1": ("on_track", "From the sheet"), "1.2": ("at_risk", "Late")})
    url = f"/returns/plan/{returns_plan.pk}/2/upload/"
    page = client.get(url).content.decode()
    assert '<select class="govuk-select"' not in page  # a lead officer has one agency
    response = client.post(url, {"agency": police.pk, "workbook": upload})
    assert response.status_code == 302
    assert "Submitted 2 returns for Ashcombe Police" in client.get(url).content.decode()
    texts = ProgressUpdate.objects.filter(period="2024/25 Q2").values_list("text", flat=True)
    assert sorted(texts) == ["From the sheet", "Late"]


def test_every_row_error_is_listed_and_nothing_saved(returns_plan, as_persona, police):
    client = as_persona("manager")
    content = client.get(download_url(returns_plan, police)).content
    upload = filled(content, {"1.1": ("on_track", "Good"), "1.2": ("sideways", "Bad")})
    url = f"/returns/plan/{returns_plan.pk}/2/upload/"
    response = client.post(url, {"agency": police.pk, "workbook": upload})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Row 5: status must be one of" in page
    assert '<a href="#id_workbook">' in page
    assert not ProgressUpdate.objects.filter(period="2024/25 Q2").exists()


def test_a_lead_officer_cannot_upload_for_another_agency(returns_plan, as_persona, council):
    ensure_periods(returns_plan)
    upload = SimpleUploadedFile("returns.xlsx", b"PK", content_type=XLSX)
    url = f"/returns/plan/{returns_plan.pk}/2/upload/"
    response = as_persona("lead_officer").post(url, {"agency": council.pk, "workbook": upload})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_the_upload_refuses_a_file_that_is_not_a_workbook(returns_plan, as_persona, police):
    url = f"/returns/plan/{returns_plan.pk}/2/upload/"
    upload = SimpleUploadedFile("returns.xlsx", b"not a zip", content_type=XLSX)
    response = as_persona("manager").post(url, {"agency": police.pk, "workbook": upload})
    assert response.status_code == 400
    assert "This is not an Excel .xlsx workbook" in response.content.decode()
