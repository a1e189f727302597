"""The invite page: managers only (with a second factor); everyone else sees nothing."""

import pytest
from django.core import mail
from django.test import Client

from saferplan.accounts.models import Invitation, Role

URL = "/account/invite/ashcombe-csp/"


def test_anonymous_people_are_asked_to_sign_in(client, partnership):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == f"/account/sign-in/?next={URL}"


@pytest.mark.parametrize("persona", ["lead_officer", "viewer", "scrutiny", "outsider"])
def test_everyone_but_the_manager_gets_404(verified_client, personas, persona):
    client = verified_client(personas[persona])

    assert client.get(URL).status_code == 404
    assert client.post(URL, {"email": "x@example.org", "role": Role.MANAGER}).status_code == 404
    assert not Invitation.objects.exists()


def test_an_unknown_partnership_is_404(verified_client, manager):
    assert verified_client(manager).get("/account/invite/nowhere/").status_code == 404


def test_a_manager_without_a_second_factor_is_sent_to_set_one_up(manager):
    client = Client()
    client.force_login(manager)

    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == "/account/two-factor/?next=%2Faccount%2Finvite%2Fashcombe-csp%2F"


def test_the_form_offers_four_roles_and_the_member_agencies(verified_client, manager, police):
    html = verified_client(manager).get(URL).content.decode()

    for label in ("Manager", "Lead officer", "Viewer", "Scrutiny reader"):
        assert f">{label}</label>" in html
    assert "Submits quarterly returns for the actions their agency leads" in html
    assert "Ashcombe Police" in html
    assert "Ashcombe Borough Council (ABC)" in html
    assert "novalidate" in html


def test_agencies_of_other_partnerships_are_not_offered(verified_client, manager, outsider):
    from saferplan.partnerships.models import Agency

    stranger = Agency.objects.create(name="Brookfield Housing")

    client = verified_client(manager)
    assert "Brookfield Housing" not in client.get(URL).content.decode()
    response = client.post(
        URL, {"email": "x@example.org", "role": Role.LEAD_OFFICER, "agency": stranger.pk}
    )
    assert "Select an agency from the list" in response.content.decode()


def test_a_manager_invites_a_lead_officer(verified_client, manager, police):
    client = verified_client(manager)

    response = client.post(
        URL, {"email": " Fiona@Police.example ", "role": Role.LEAD_OFFICER, "agency": police.pk}
    )

    assert response.status_code == 302
    assert response["Location"] == URL
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.agency) == (
        "fiona@police.example",
        Role.LEAD_OFFICER,
        police,
    )
    assert invitation.invited_by == manager
    assert mail.outbox[0].to == ["fiona@police.example"]
    page = client.get(URL).content.decode()
    assert "Invitation sent to fiona@police.example" in page
    assert "fiona@police.example" in page.split('<h2 class="govuk-heading-m">Invitations</h2>')[1]
    assert "Pending" in page


def test_accepted_invitations_are_listed_as_accepted(verified_client, manager, viewer):
    from django.utils import timezone

    Invitation.objects.create(
        email="carol@example.org",
        partnership=manager.partnership_roles.get().partnership,
        role=Role.VIEWER,
        token_hash="x" * 64,
        expires_at=timezone.now(),
        accepted_at=timezone.now(),
        accepted_by=viewer,
    )

    page = verified_client(manager).get(URL).content.decode()

    assert "Accepted" in page


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"role": Role.VIEWER}, "id_email", "Enter an email address"),
        ({"email": "nope", "role": Role.VIEWER}, "id_email", "correct format"),
        ({"email": "x@example.org"}, "id_role_0", "Select a role"),
        ({"email": "x@example.org", "role": "owner"}, "id_role_0", "Select a role"),
        (
            {"email": "x@example.org", "role": Role.LEAD_OFFICER},
            "id_agency",
            "Select the agency the lead officer works for",
        ),
        (
            {"email": "Carol@example.org", "role": Role.MANAGER},
            "id_email",
            "carol@example.org already has a role in Ashcombe CSP",
        ),
    ],
)
def test_mistakes_are_gov_uk_errors(verified_client, manager, viewer, data, field, message):
    response = verified_client(manager).post(URL, data)

    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="#{field}"' in html
    assert message in html
    assert not Invitation.objects.exists()


def test_a_superuser_may_invite(verified_client, make_user, partnership):
    root = make_user("root", is_superuser=True, is_staff=True)

    assert verified_client(root).get(URL).status_code == 200
