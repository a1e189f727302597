"""Security headers on every page: a strict CSP, HSTS over HTTPS, and safe cookies."""

from __future__ import annotations

import pytest
from django.test import Client

from factories import sample_plan

STRICT = {
    "default-src": "'none'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'none'",
    "object-src": "'none'",
    "form-action": "'self'",
}


def _policy(response) -> dict[str, str]:
    header = response.headers["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


@pytest.fixture
def plan(db):
    return sample_plan()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/partnerships/",
        "/partnerships/agencies/",
        "/search/?q=abc",
        "/account/sign-in/",
        "/account/password-reset/",
        "/api/plans/",
        "/api/schema/",
        "/no-such-page/",
    ],
)
def test_every_answer_carries_the_strict_policy(path, plan, client):
    response = client.get(path)
    policy = _policy(response)
    for directive, value in STRICT.items():
        assert policy[directive] == value, (path, directive)
    assert "unsafe" not in response.headers["Content-Security-Policy"]


def test_plan_and_action_pages_carry_it_too(plan, client):
    action = plan.priorities.first().actions.first()
    for path in (plan.get_absolute_url(), action.get_absolute_url()):
        assert _policy(client.get(path))["script-src"] == "'self'"


def test_only_the_api_docs_page_allows_data_images(db, client):
    assert _policy(client.get("/api/docs/"))["img-src"] == "'self' data:"


def test_hsts_is_sent_over_https(db, client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/account/sign-in/", secure=True)
    assert response.headers["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_session_and_csrf_cookies_are_secure_and_the_session_is_http_only(
    lead_officer, password, settings
):
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    client = Client(enforce_csrf_checks=False)
    client.get("/account/sign-in/", secure=True)
    response = client.post(
        "/account/sign-in/", {"username": "bob", "password": password}, secure=True
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]
    assert session["samesite"] == "Lax"
    assert client.cookies["csrftoken"]["secure"]
