"""Accepting an invitation: a new account, an existing one, and links that no longer work."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from saferplan.accounts import services
from saferplan.accounts.models import PartnershipRole, Role

NEW_PASSWORD = "lamp-post orchard 77"


@pytest.fixture
def invitation(partnership, police, manager):
    invitation, token = services.invite(
        partnership=partnership,
        email="Fiona@Police.example",
        role=Role.LEAD_OFFICER,
        agency=police,
        invited_by=manager,
    )
    return invitation, f"/account/invitation/{token}/"


def accept_form(**overrides):
    return {
        "first_name": "Fiona",
        "last_name": "Hart",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **overrides,
    }


def test_the_invitation_email_links_to_the_page(invitation):
    _invitation, url = invitation

    assert url in mail.outbox[0].body


def test_the_page_shows_partnership_role_and_agency(client, invitation):
    _invitation, url = invitation

    html = client.get(url).content.decode()

    assert "Ashcombe CSP" in html
    assert "Lead officer" in html
    assert "Ashcombe Police" in html
    assert "novalidate" in html


def test_accepting_creates_the_account_with_role_and_agency_and_signs_in(client, invitation):
    record, url = invitation

    response = client.post(url, accept_form())

    assert response.status_code == 302
    assert response["Location"] == "/"
    user = get_user_model().objects.get(email="fiona@police.example")
    assert user.get_full_name() == "Fiona Hart"
    assert user.check_password(NEW_PASSWORD)
    assert user.profile.agency.name == "Ashcombe Police"
    role = PartnershipRole.objects.get(user=user)
    assert (role.partnership.slug, role.role) == ("ashcombe-csp", Role.LEAD_OFFICER)
    assert client.session["_auth_user_id"] == str(user.pk)
    record.refresh_from_db()
    assert record.accepted_by == user
    home = client.get("/")
    assert "You have joined Ashcombe CSP as lead officer" in home.content.decode()


def test_the_new_account_can_sign_in_with_its_email_address(client, invitation):
    _record, url = invitation
    client.post(url, accept_form())
    client.post("/account/sign-out/")

    response = client.post(
        "/account/sign-in/", {"username": "fiona@police.example", "password": NEW_PASSWORD}
    )

    assert response.status_code == 302


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"first_name": ""}, "id_first_name", "Enter your first name"),
        ({"last_name": ""}, "id_last_name", "Enter your last name"),
        ({"password1": "", "password2": ""}, "id_password1", "Enter a password"),
        ({"password1": "short", "password2": "short"}, "id_password1", "too short"),
        ({"password1": "password123456", "password2": "password123456"}, "id_password1", "common"),
        ({"password2": "something else 99"}, "id_password2", "The passwords do not match"),
    ],
)
def test_each_field_error_is_shown(client, invitation, overrides, field, message):
    _record, url = invitation

    response = client.post(url, accept_form(**overrides))

    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="#{field}"' in html
    assert message in html
    assert not get_user_model().objects.filter(email="fiona@police.example").exists()


def test_a_used_invitation_is_refused(client, invitation):
    _record, url = invitation
    client.post(url, accept_form())
    client.post("/account/sign-out/")

    response = client.get(url)

    assert response.status_code == 404
    assert "This invitation has already been used" in response.content.decode()
    second = client.post(url, accept_form(first_name="Mallory"))
    assert second.status_code == 404
    assert get_user_model().objects.get(email="fiona@police.example").first_name == "Fiona"


def test_an_expired_invitation_is_refused(client, invitation):
    record, url = invitation
    record.expires_at = timezone.now() - timedelta(seconds=1)
    record.save()

    response = client.post(url, accept_form())

    assert response.status_code == 404
    assert "This invitation has expired" in response.content.decode()
    assert not get_user_model().objects.filter(email="fiona@police.example").exists()


@pytest.mark.parametrize("tamper", [lambda t: t[:-2] + "xx", lambda t: "nonsense", lambda t: t[1:]])
def test_a_tampered_token_is_refused(client, invitation, tamper):
    _record, url = invitation
    token = url.split("/")[-2]

    response = client.get(f"/account/invitation/{tamper(token)}/")

    assert response.status_code == 404
    assert "This invitation link is not valid" in response.content.decode()


def test_an_existing_account_must_sign_in_and_keeps_its_password(client, invitation, make_user):
    record, url = invitation
    existing = make_user("fiona", email="fiona@police.example")

    page = client.get(url)
    assert "Sign in to that account" in page.content.decode()
    assert client.post(url, accept_form()).status_code == 200  # the form is not offered
    assert not PartnershipRole.objects.filter(user=existing).exists()

    client.force_login(existing)
    response = client.post(url)

    assert response.status_code == 302
    assert PartnershipRole.objects.get(user=existing).role == Role.LEAD_OFFICER
    existing.refresh_from_db()
    assert not existing.check_password(NEW_PASSWORD)


def test_someone_else_signed_in_cannot_accept_for_an_existing_account(
    client, invitation, make_user, viewer
):
    _record, url = invitation
    make_user("fiona", email="fiona@police.example")
    client.force_login(viewer)

    response = client.post(url)

    assert "You are signed in as carol" in response.content.decode()
    assert not PartnershipRole.objects.filter(user__username="fiona").exists()
