"""Signing in and out, and django-axes locking an account after five failures."""

import pytest
from django.urls import reverse

LOGIN = "/account/sign-in/"


def test_the_sign_in_page_has_a_gov_uk_form(client, db):
    response = client.get(LOGIN)

    assert response.status_code == 200
    assert reverse("accounts:login") == LOGIN
    html = response.content.decode()
    assert "Sign in to SaferPlan" in html
    assert "novalidate" in html
    assert 'autocomplete="current-password"' in html
    assert "{#" not in html  # no template comment leaks onto the page


def test_it_signs_in_with_a_username_and_follows_a_safe_next(client, viewer, password):
    response = client.post(LOGIN, {"username": "carol", "password": password, "next": "/search/"})

    assert response.status_code == 302
    assert response["Location"] == "/search/"
    assert client.session["_auth_user_id"] == str(viewer.pk)


def test_it_signs_in_with_an_email_address_in_any_case(client, viewer, password):
    response = client.post(LOGIN, {"username": "Carol@Example.ORG", "password": password})

    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")


def test_it_ignores_a_next_address_on_another_site(client, viewer, password):
    response = client.post(
        LOGIN, {"username": "carol", "password": password, "next": "https://evil.example/"}
    )

    assert response["Location"] == reverse("core:home")


def test_a_wrong_password_shows_a_gov_uk_error_summary(client, viewer):
    response = client.post(LOGIN, {"username": "carol", "password": "wrong"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert '<a href="#id_username">Enter a correct email address or username and password</a>' in (
        html
    )
    assert "<title>Error: Sign in" in html
    assert "_auth_user_id" not in client.session


def test_empty_fields_are_reported_one_by_one(client, db):
    html = client.post(LOGIN, {"username": "", "password": ""}).content.decode()

    assert "Enter your email address or username" in html
    assert "Enter your password" in html


def test_an_inactive_user_cannot_sign_in(client, make_user, password):
    make_user("frank", is_active=False)

    response = client.post(LOGIN, {"username": "frank", "password": password})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_five_failures_lock_the_account_even_for_the_right_password(client, viewer, password):
    for _ in range(4):
        assert client.post(LOGIN, {"username": "carol", "password": "wrong"}).status_code == 200
    fifth = client.post(LOGIN, {"username": "carol", "password": "wrong"})
    assert fifth.status_code == 429

    response = client.post(LOGIN, {"username": "carol", "password": password})

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    html = response.content.decode()
    assert "Too many attempts to sign in" in html
    assert "locked for 1 hour" in html
    assert "carol" not in html  # the page names no account


def test_failures_by_email_and_by_username_count_together(client, viewer, password):
    for i in range(5):
        name = "carol" if i % 2 else "carol@example.org"
        client.post(LOGIN, {"username": name, "password": "wrong"})

    response = client.post(LOGIN, {"username": "carol", "password": password})

    assert response.status_code == 429


def test_a_lockout_does_not_stop_other_people(client, viewer, lead_officer, password):
    for _ in range(5):
        client.post(LOGIN, {"username": "carol", "password": "wrong"})

    response = client.post(LOGIN, {"username": "bob", "password": password})

    assert response.status_code == 302


def test_signing_in_resets_the_failure_count(client, viewer, password):
    for _ in range(4):
        client.post(LOGIN, {"username": "carol", "password": "wrong"})
    assert client.post(LOGIN, {"username": "carol", "password": password}).status_code == 302
    client.post("/account/sign-out/")

    for _ in range(4):
        client.post(LOGIN, {"username": "carol", "password": "wrong"})
    assert client.post(LOGIN, {"username": "carol", "password": password}).status_code == 302


def test_sign_out_asks_first_on_get(client, viewer):
    client.force_login(viewer)

    response = client.get("/account/sign-out/")

    assert response.status_code == 200
    assert 'method="post"' in response.content.decode()
    assert client.session["_auth_user_id"] == str(viewer.pk)


def test_sign_out_by_post_ends_the_session(client, viewer):
    client.force_login(viewer)

    response = client.post("/account/sign-out/")

    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("method", ["get", "post"])
def test_sign_out_when_signed_out_goes_to_sign_in(client, db, method):
    response = getattr(client, method)("/account/sign-out/")

    assert response.status_code == 302
    assert response["Location"] == LOGIN
