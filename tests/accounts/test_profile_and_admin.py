"""The "Your account" page and the admin pages for accounts."""

import pytest

from saferplan.accounts import services
from saferplan.accounts.models import Role


def test_your_account_needs_signing_in(client, db):
    assert client.get("/account/")["Location"] == "/account/sign-in/?next=/account/"


def test_your_account_shows_name_agency_roles_and_two_factor(verified_client, manager):
    manager.first_name, manager.last_name = "Alice", "Ng"
    manager.save()

    html = verified_client(manager).get("/account/").content.decode()

    assert "Alice Ng" in html
    assert "alice@example.org" in html
    assert "Ashcombe Borough Council (ABC)" in html
    assert "Ashcombe CSP" in html and "Manager" in html
    assert "/account/invite/ashcombe-csp/" in html
    assert "Set up, and used to sign in this time" in html
    assert 'action="/account/sign-out/"' in html


def test_a_viewer_sees_a_set_up_link_and_no_invite_link(client, viewer):
    client.force_login(viewer)

    html = client.get("/account/").content.decode()

    assert "Not set up" in html
    assert 'href="/account/two-factor/"' in html
    assert "/account/invite/" not in html


def test_an_unverified_manager_can_still_see_the_page(client, manager):
    client.force_login(manager)

    response = client.get("/account/")

    assert response.status_code == 200
    assert "you must enter a security code" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/accounts/profile/",
        "/admin/accounts/partnershiprole/",
        "/admin/accounts/invitation/",
        "/admin/accounts/partnershiprole/{role}/history/",
        "/admin/accounts/invitation/{invitation}/change/",
    ],
)
def test_the_admin_pages_open(verified_client, make_user, manager, partnership, url):
    root = make_user("root", is_superuser=True, is_staff=True)
    invitation, _ = services.invite(
        partnership=partnership,
        email="x@example.org",
        role=Role.VIEWER,
        agency=None,
        invited_by=root,
    )
    role = manager.partnership_roles.get()

    response = verified_client(root).get(url.format(role=role.pk, invitation=invitation.pk))

    assert response.status_code == 200
