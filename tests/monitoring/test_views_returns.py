"""My returns and the single return page: who sees what, submitting, errors, conflicts."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from saferplan.monitoring.models import EvidenceFile
from saferplan.monitoring.periods import change_status, ensure_periods
from saferplan.monitoring.returns import ReturnInput, save_return
from saferplan.plans.models import Action, ProgressUpdate

pytestmark = pytest.mark.django_db


def action(ref: str) -> Action:
    return Action.objects.get(ref=ref)


def row(ref: str, status="", text="", value="", version=0) -> dict:
    prefix = f"a{action(ref).pk}"
    return {
        f"{prefix}-status": status,
        f"{prefix}-text": text,
        f"{prefix}-value": value,
        f"{prefix}-version": str(version),
    }


def my_returns(plan, q=2) -> str:
    return f"/returns/?plan={plan.pk}&q={q}"


def test_a_lead_officer_sees_the_actions_their_agency_leads_with_last_quarter(
    returns_plan, as_persona
):
    response = as_persona("lead_officer").get(my_returns(returns_plan))
    assert response.status_code == 200
    page = response.content.decode()
    assert "My returns for 2024/25 Q2" in page
    assert "Action 1.1" in page and "Action 1.2" in page
    assert "Action 2.1" not in page and "Action 2.2" not in page
    assert "12 supported" in page  # last quarter's update beside 1.1
    assert f'name="a{action("1.1").pk}-version"' in page


def test_a_manager_sees_every_action_of_the_plan(returns_plan, as_persona):
    page = as_persona("manager").get(my_returns(returns_plan)).content.decode()
    for ref in ("1.1", "1.2", "2.1", "2.2"):
        assert f"Action {ref}" in page


@pytest.mark.parametrize("persona", ["viewer", "scrutiny", "outsider"])
def test_people_who_write_no_returns_are_told_so(returns_plan, as_persona, persona):
    response = as_persona(persona).get("/returns/")
    assert response.status_code == 200
    assert "You have no quarterly returns to write" in response.content.decode()


def test_anonymous_people_are_sent_to_sign_in(returns_plan, as_persona):
    response = as_persona("anonymous").get("/returns/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/sign-in/")


def test_a_plan_the_user_does_not_report_on_is_not_found(returns_plan, as_persona):
    assert as_persona("lead_officer").get("/returns/?plan=999").status_code == 404
    assert (
        as_persona("lead_officer").get(f"/returns/?plan={returns_plan.pk}&q=9").status_code == 404
    )


def test_submit_all_submits_every_filled_row_in_one_go(returns_plan, as_persona, lead_officer):
    data = {
        **row("1.1", "on_track", "Helped 15 people", "15"),
        **row("1.2", "at_risk", "Trainer off sick"),
        "action": "submit",
    }
    client = as_persona("lead_officer")
    response = client.post(my_returns(returns_plan), data)
    assert response.status_code == 302
    updates = ProgressUpdate.objects.filter(period="2024/25 Q2").order_by("action__ref")
    assert [(u.action.ref, u.status, u.state, u.updated_by) for u in updates] == [
        ("1.1", "on_track", "submitted", lead_officer),
        ("1.2", "at_risk", "submitted", lead_officer),
    ]
    assert updates[0].value == 15
    follow = client.get(response["Location"])
    assert "Submitted 2 returns for 2024/25 Q2" in follow.content.decode()


def test_save_as_draft_keeps_rows_as_drafts_and_leaves_blank_rows_alone(returns_plan, as_persona):
    data = {**row("1.1", "on_track", "Half written"), **row("1.2"), "action": "draft"}
    response = as_persona("lead_officer").post(my_returns(returns_plan), data)
    assert response.status_code == 302
    update = ProgressUpdate.objects.get(period="2024/25 Q2")
    assert (update.action.ref, update.state, update.version) == ("1.1", "draft", 1)


def test_row_errors_are_listed_in_an_error_summary_linking_to_each_field(returns_plan, as_persona):
    data = {
        **row("1.1", "", "Text but no status"),
        **row("1.2", "on_track", "", "twelve"),
        "action": "submit",
    }
    response = as_persona("lead_officer").post(my_returns(returns_plan), data)
    assert response.status_code == 400
    page = response.content.decode()
    one, two = action("1.1").pk, action("1.2").pk
    assert "There is a problem" in page
    assert f'href="#id_a{one}-status">Select a status for action 1.1' in page
    assert f'href="#id_a{two}-text">Enter a progress update for action 1.2' in page
    assert f'href="#id_a{two}-value">Enter the value for action 1.2 as a number' in page
    assert "Text but no status" in page  # what was typed is kept
    assert not ProgressUpdate.objects.filter(period="2024/25 Q2").exists()


def test_a_stale_version_is_refused_and_both_versions_are_shown(returns_plan, as_persona, manager):
    q2 = ensure_periods(returns_plan)[1]
    save_return(action("1.1"), q2, ReturnInput("Manager's words", "at_risk"), user=manager)
    # Bob opened the page before the manager saved: his form still says version 0.
    data = {
        **row("1.1", "on_track", "Bob's words", version=0),
        **row("1.2", "on_track", "Fine"),
        "action": "submit",
    }
    response = as_persona("lead_officer").post(my_returns(returns_plan), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "changed this return at" in page and "after you opened it" in page
    assert "Their version (saved)" in page and "Manager&#x27;s words" in page
    assert "Your version (not saved)" in page and "Bob&#x27;s words" in page
    assert f'name="a{action("1.1").pk}-version" value="1"' in page  # saving again keeps his
    # Nothing was saved, not even the row that had no conflict.
    assert ProgressUpdate.objects.get(action__ref="1.1", period="2024/25 Q2").text == (
        "Manager's words"
    )
    assert not ProgressUpdate.objects.filter(action__ref="1.2", period="2024/25 Q2").exists()
    data[f"a{action('1.1').pk}-version"] = "1"
    assert as_persona("lead_officer").post(my_returns(returns_plan), data).status_code == 302
    assert ProgressUpdate.objects.get(action__ref="1.1", period="2024/25 Q2").text == "Bob's words"


def test_an_unchanged_row_is_not_saved_again(returns_plan, as_persona, lead_officer):
    q2 = ensure_periods(returns_plan)[1]
    save_return(action("1.1"), q2, ReturnInput("Done", "on_track", submit=True), user=lead_officer)
    data = {**row("1.1", "on_track", "Done", version=1), **row("1.2"), "action": "submit"}
    as_persona("lead_officer").post(my_returns(returns_plan), data)
    assert ProgressUpdate.objects.get(action__ref="1.1", period="2024/25 Q2").version == 1


def test_evidence_is_attached_to_the_return_and_refused_when_not_a_document(
    returns_plan, as_persona
):
    one = action("1.1").pk
    pdf = SimpleUploadedFile("report.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
    data = {**row("1.1", "on_track", "See report"), f"a{one}-evidence": pdf, "action": "submit"}
    assert as_persona("lead_officer").post(my_returns(returns_plan), data).status_code == 302
    evidence = EvidenceFile.objects.get()
    assert (evidence.original_name, evidence.content_type) == ("report.pdf", "application/pdf")
    download = as_persona("lead_officer").get(f"/returns/evidence/{evidence.pk}/")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert as_persona("scrutiny").get(f"/returns/evidence/{evidence.pk}/").status_code == 404

    exe = SimpleUploadedFile("report.pdf", b"MZ\x90\x00" + bytes(200))
    data = {**row("1.2", "on_track", "See"), f"a{action('1.2').pk}-evidence": exe}
    response = as_persona("lead_officer").post(
        my_returns(returns_plan), {**data, "action": "draft"}
    )
    assert response.status_code == 400
    assert "The evidence file for action 1.2 must be a PDF" in response.content.decode()


def test_a_locked_quarter_shows_returns_without_a_form(returns_plan, as_persona, manager):
    q1 = change_status(ensure_periods(returns_plan)[0], "open", user=manager)
    q1 = change_status(q1, "lock", user=manager)
    page = as_persona("lead_officer").get(my_returns(returns_plan, q=1)).content.decode()
    assert "2024/25 Q1 is locked" in page
    assert "<textarea" not in page
    assert q1.status == "locked"


def single(ref: str, q: int = 2) -> str:
    return f"/returns/action/{action(ref).pk}/{q}/"


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("manager", 200),
        ("lead_officer", 200),
        ("other_officer", 200),  # may read it, not change it
        ("viewer", 200),
        ("scrutiny", 404),  # a draft plan: scrutiny readers cannot see it
        ("outsider", 404),
        ("anonymous", 302),
    ],
)
def test_who_may_open_a_single_return(returns_plan, as_persona, persona, status):
    assert as_persona(persona).get(single("1.1")).status_code == status


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("manager", 302),
        ("lead_officer", 302),
        ("other_officer", 403),
        ("viewer", 403),
        ("scrutiny", 404),
        ("outsider", 404),
        ("anonymous", 302),
    ],
)
def test_who_may_submit_a_single_return(returns_plan, as_persona, persona, status):
    data = {**row("1.1", "on_track", "Going well"), "action": "submit"}
    response = as_persona(persona).post(single("1.1"), data)
    assert response.status_code == status
    saved = ProgressUpdate.objects.filter(action__ref="1.1", period="2024/25 Q2").exists()
    assert saved == (persona in ("manager", "lead_officer"))


def test_the_single_return_page_shows_the_form_only_to_those_who_may_write(
    returns_plan, as_persona
):
    assert "<textarea" in as_persona("lead_officer").get(single("1.1")).content.decode()
    page = as_persona("other_officer").get(single("1.1")).content.decode()
    assert "<textarea" not in page
    assert "Only the lead agency" in page


def test_quarter_numbers_outside_one_to_four_are_not_found(returns_plan, as_persona):
    assert as_persona("lead_officer").get(single("1.1", q=5)).status_code == 404


def test_my_returns_reads_a_large_plan_in_a_bounded_number_of_queries(
    big_plan, verified_client, manager, django_assert_max_num_queries
):
    client = verified_client(manager)
    client.get(f"/returns/?plan={big_plan.pk}&q=2")  # the first visit creates the quarters
    with django_assert_max_num_queries(16):
        response = client.get(f"/returns/?plan={big_plan.pk}&q=2")
    assert response.content.decode().count("<textarea") == 36
