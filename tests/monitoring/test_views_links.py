"""Secure links: sent by a manager, used without an account, refused once withdrawn."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from saferplan.monitoring.links import create_link
from saferplan.monitoring.models import SecureLink, SecureLinkUse
from saferplan.monitoring.periods import ensure_periods
from saferplan.plans.models import Action, ProgressUpdate

pytestmark = pytest.mark.django_db


def send_url(plan, agency, q=2) -> str:
    return f"/returns/plan/{plan.pk}/{q}/agency/{agency.pk}/link/"


def test_a_manager_sends_a_link_that_is_e_mailed_and_shown_once(
    returns_plan, as_persona, police, lead_officer
):
    client = as_persona("manager")
    form = client.get(send_url(returns_plan, police))
    assert form.status_code == 200
    assert 'value="bob@example.org"' in form.content.decode()  # the police's lead officer
    response = client.post(send_url(returns_plan, police), {"email": "bob@example.org"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    url = re.search(r"http://testserver(/returns/link/[^<\s]+/)", page)[1]
    assert mail.outbox[0].to == ["bob@example.org"]
    assert url in mail.outbox[0].body
    link = SecureLink.objects.get()
    assert (link.agency, link.period.number, link.created_by.username) == (police, 2, "alice")
    dashboard = client.get(f"/returns/plan/{returns_plan.pk}/?q=2").content.decode()
    assert "bob@example.org" in dashboard and "Revoke" in dashboard


def test_a_link_needs_a_valid_address(returns_plan, as_persona, police):
    response = as_persona("manager").post(send_url(returns_plan, police), {"email": "bob"})
    assert response.status_code == 400
    assert 'href="#id_email">Enter an e-mail address in the correct format' in (
        response.content.decode()
    )
    assert not SecureLink.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("viewer", 403), ("lead_officer", 403), ("outsider", 404), ("anonymous", 302)],
)
def test_only_managers_send_links(returns_plan, as_persona, police, persona, status):
    response = as_persona(persona).post(send_url(returns_plan, police), {"email": "x@example.org"})
    assert response.status_code == status
    assert not SecureLink.objects.exists()


def test_an_agency_that_leads_nothing_gets_no_link(returns_plan, as_persona, partnership):
    from saferplan.partnerships.models import Agency

    idle = Agency.objects.create(name="Idle Trust")
    assert as_persona("manager").get(send_url(returns_plan, idle)).status_code == 404


@pytest.fixture
def police_link(returns_plan, police, manager):
    period = ensure_periods(returns_plan)[1]
    link, token = create_link(period, police, "bob@example.org", user=manager)
    return link, f"/returns/link/{token}/"


def test_someone_without_an_account_submits_their_agency_returns_by_link(police_link):
    link, url = police_link
    client = Client()
    page = client.get(url).content.decode()
    assert "Ashcombe Police returns for 2024/25 Q2" in page
    assert "Action 1.1" in page and "Action 1.2" in page and "Action 2.2" not in page
    one = Action.objects.get(ref="1.1").pk
    response = client.post(
        url,
        {
            f"a{one}-status": "on_track",
            f"a{one}-text": "Sent by link",
            f"a{one}-version": "0",
            "action": "submit",
        },
    )
    assert response.status_code == 302
    update = ProgressUpdate.objects.get(action_id=one, period="2024/25 Q2")
    assert (update.text, update.state, update.updated_by) == ("Sent by link", "submitted", None)
    assert update.history.first().history_change_reason == f"return.secure_link {link.pk}"
    uses = list(SecureLinkUse.objects.filter(link=link).values_list("what", flat=True))
    assert uses.count("opened the returns page") == 1
    assert uses.count("submitted returns") == 1


def test_a_revoked_link_is_refused_with_a_clear_page(police_link, as_persona):
    link, url = police_link
    response = as_persona("manager").post(f"/returns/links/{link.pk}/revoke/")
    assert response.status_code == 302
    refused = Client().get(url)
    assert refused.status_code == 410
    assert "This link has been withdrawn" in refused.content.decode()
    posted = Client().post(url, {"action": "submit"})
    assert posted.status_code == 410
    assert not ProgressUpdate.objects.filter(period="2024/25 Q2").exists()


def test_an_expired_link_is_gone_and_a_forged_one_forbidden(police_link):
    link, url = police_link
    SecureLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(days=1))
    assert Client().get(url).status_code == 410
    forged = Client().get("/returns/link/not-a-real-token/")
    assert forged.status_code == 403
    assert "This link is not valid" in forged.content.decode()


@pytest.mark.parametrize(("persona", "status"), [("viewer", 403), ("outsider", 404)])
def test_only_managers_revoke_links(police_link, as_persona, persona, status):
    link, _url = police_link
    assert as_persona(persona).post(f"/returns/links/{link.pk}/revoke/").status_code == status
    link.refresh_from_db()
    assert link.revoked_at is None
