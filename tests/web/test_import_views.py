"""Importing a plan through the web: upload, preview, confirm; staff only."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from saferplan.plans.models import Action, Plan

pytestmark = pytest.mark.django_db

RIVERSIDE = Path(__file__).resolve().parents[1] / "fixtures" / "riverside-action-plan.txt"
NO_NAME = b"Community Safety Partnership Action Plan 2024/25\n\nPriority 1: Domestic Abuse\n\n" + (
    b"\tAction\tLead\tMeasure\n1.1\tRun awareness sessions.\tDAVSS\tSessions delivered.\n"
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def upload(client, data: bytes = b"", name="riverside.txt", **fields):
    document = SimpleUploadedFile(name, data or RIVERSIDE.read_bytes(), "text/plain")
    return client.post("/import/", {"document": document, **fields})


def staged_value(response) -> str:
    return response.context["form"]["staged"].value()


def test_anonymous_people_are_sent_to_sign_in(client, settings):
    settings.LOGIN_URL = "/sign-in/"  # whatever the accounts app names it
    response = client.get("/import/")
    assert response.status_code == 302
    assert response["Location"] == "/sign-in/?next=/import/"


def test_signed_in_people_who_manage_no_partnership_get_not_found(verified_client, personas):
    for role in ("lead_officer", "viewer", "scrutiny"):
        client = verified_client(personas[role])
        assert client.get("/import/").status_code == 404
        assert client.post("/import/confirm/", {"staged": "x"}).status_code == 404


def test_a_manager_imports_into_their_own_partnership_only(verified_client, manager, outsider):
    client = verified_client(manager)
    refused = upload(client)  # Riverside: a partnership nobody manages
    response = client.post(
        "/import/confirm/",
        {"staged": staged_value(refused), "partnership": "Riverside CSP", "year": "2024/25"},
    )
    assertContains(response, "Only an administrator can add a new partnership", status_code=403)
    response = client.post(
        "/import/confirm/",
        {
            "staged": staged_value(upload(client)),
            "partnership": "Brookfield CSP",
            "year": "2024/25",
        },
    )
    assertContains(
        response,
        "only import plans for partnerships you manage, not Brookfield CSP",
        status_code=403,
    )
    response = client.post(
        "/import/confirm/",
        {"staged": staged_value(upload(client)), "partnership": "Ashcombe CSP", "year": "2024/25"},
    )
    plan = Plan.objects.get()
    assertRedirects(response, plan.get_absolute_url())
    assert plan.partnership.name == "Ashcombe CSP"


def test_the_upload_page(staff_client):
    response = staff_client.get("/import/")
    assertContains(response, "Import a plan – SaferPlan")
    assertContains(response, 'enctype="multipart/form-data" novalidate')
    assertContains(response, 'class="govuk-file-upload"')


def test_no_file_is_a_gov_uk_error(staff_client):
    response = staff_client.post("/import/", {})
    assert response.status_code == 400
    assertContains(response, '<a href="#id_document">Select a plan document</a>', status_code=400)
    assertContains(response, "<title>Error: Import a plan", status_code=400)


def test_a_bad_year_is_a_gov_uk_error(staff_client):
    response = upload(staff_client, year="2024")
    assertContains(response, "Enter a financial year such as 2024/25", status_code=400)


def test_an_unreadable_document_shows_the_readers_message(staff_client):
    response = upload(staff_client, b"%PDF-1.7 not really", name="plan.pdf")
    assertContains(response, "There is a problem", status_code=400)
    assertContains(response, "plan.pdf: this is a PDF", status_code=400)


def test_upload_shows_a_preview_and_saves_nothing(staff_client):
    response = upload(staff_client)
    assert response.status_code == 200
    assertContains(response, "Check the plan before importing")
    assertContains(response, "Riverside Community Safety Partnership")
    assertContains(response, "Fund an independent domestic violence adviser")
    assertContains(response, "5 actions")
    assertContains(response, "Confirm import")
    assert not Plan.objects.exists()


def test_confirm_imports_and_shows_the_plan_with_a_banner(staff_client, staff):
    preview = upload(staff_client)
    response = staff_client.post(
        "/import/confirm/",
        {
            "staged": staged_value(preview),
            "partnership": "Riverside Community Safety Partnership",
            "year": "2024/25",
        },
        follow=True,
    )
    plan = Plan.objects.get()
    assertRedirects(response, plan.get_absolute_url())
    assertContains(response, "govuk-notification-banner--success")
    assertContains(response, "Imported: 2 priorities, 5 actions")
    assert plan.source_name == "riverside.txt"
    assert plan.history.first().history_user == staff
    assert Action.objects.filter(priority__plan=plan).count() == 5


def test_partnership_and_year_typed_at_upload_fill_the_preview(staff_client):
    response = upload(staff_client, NO_NAME, partnership="Ashcombe CSP")
    assertContains(response, 'value="Ashcombe CSP"')


def test_confirm_needs_a_partnership_name(staff_client):
    preview = upload(staff_client, NO_NAME)
    response = staff_client.post(
        "/import/confirm/", {"staged": staged_value(preview), "partnership": "", "year": "2024/25"}
    )
    assertContains(
        response, '<a href="#id_partnership">Enter the name of the partnership</a>', status_code=400
    )
    assertContains(response, "Run awareness sessions.", status_code=400)  # preview again
    assert not Plan.objects.exists()


def test_a_forged_or_expired_reference_starts_again(staff_client):
    forged = signing.dumps({"t": "../../etc/passwd", "n": "x.txt", "u": 1}, salt="other")
    response = staff_client.post(
        "/import/confirm/", {"staged": forged, "partnership": "X", "year": "2024/25"}
    )
    assertContains(response, "The preview has expired: upload the document again", status_code=400)
    assert not Plan.objects.exists()


def test_another_administrator_cannot_confirm_my_upload(
    staff_client, verified_client, django_user_model
):
    staged = staged_value(upload(staff_client))
    other = django_user_model.objects.create_superuser("otto", "otto@example.org", "x" * 16)
    client = verified_client(other)
    response = client.post(
        "/import/confirm/", {"staged": staged, "partnership": "X", "year": "2024/25"}
    )
    assert response.status_code == 400
    assert not Plan.objects.exists()


def test_confirm_only_accepts_post(staff_client):
    assert staff_client.get("/import/confirm/").status_code == 405


def test_the_staged_file_is_removed_after_import(staff_client, settings):
    preview = upload(staff_client)
    staging = Path(settings.MEDIA_ROOT) / "import-staging"
    assert len(list(staging.iterdir())) == 1
    staff_client.post(
        "/import/confirm/",
        {"staged": staged_value(preview), "partnership": "Riverside", "year": "2024/25"},
    )
    assert list(staging.iterdir()) == []
    assertNotContains(staff_client.get("/"), "There is a problem")
