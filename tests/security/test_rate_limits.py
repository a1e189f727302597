"""Rate limits on the pages that invite guessing, and on the API."""

from __future__ import annotations

import pytest
from django.test import Client

from saferplan.api.tokens import create_token
from saferplan.security import RedactSecretsFilter, client_address, redact


def test_password_reset_is_limited_per_address(db, settings):
    settings.SAFERPLAN_RATE_LIMITS = [
        ("password-reset", ["POST"], "/account/password-reset/", 3, 900)
    ]
    client = Client()
    codes = [
        client.post("/account/password-reset/", {"email": f"x{n}@example.org"}).status_code
        for n in range(5)
    ]
    assert codes == [302, 302, 302, 429, 429]
    refused = client.post("/account/password-reset/", {"email": "y@example.org"})
    assert int(refused["Retry-After"]) > 0
    assert "Too many attempts" in refused.content.decode()
    # Another address is not held back; GET (the form itself) never is.
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.post("/account/password-reset/", {"email": "z@example.org"}).status_code == 302
    assert client.get("/account/password-reset/").status_code == 200


def test_sign_in_and_invitation_links_are_limited(db, settings):
    settings.SAFERPLAN_RATE_LIMITS = [
        ("sign-in", ["POST"], "/account/sign-in/", 2, 600),
        ("invitation", ["GET", "POST"], "/account/invitation/", 2, 600),
    ]
    client = Client()
    for _ in range(2):
        client.post("/account/sign-in/", {"username": "nobody", "password": "wrong"})
    assert client.post("/account/sign-in/", {"username": "nobody"}).status_code == 429
    for _ in range(2):
        assert client.get("/account/invitation/guess/").status_code == 404
    assert client.get("/account/invitation/guess/").status_code == 429


def test_the_default_rules_cover_sign_in_reset_invitations_and_secure_links(settings):
    from saferplan.security import DEFAULT_RULES

    names = {rule.name for rule in DEFAULT_RULES}
    assert names == {"sign-in", "password-reset", "invitation", "secure-link"}


def test_the_api_is_throttled_per_token_and_for_anonymous_callers(lead_officer, settings):
    settings.SAFERPLAN_API_USER_RATE = "3/minute"
    settings.SAFERPLAN_API_ANON_RATE = "2/minute"
    _token, raw = create_token(lead_officer, "loop")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert [client.get("/api/plans/").status_code for _ in range(4)] == [200, 200, 200, 429]
    anonymous = Client()
    assert [anonymous.get("/api/plans/").status_code for _ in range(3)] == [200, 200, 429]


@pytest.mark.parametrize(
    ("forwarded", "proxies", "expected"),
    [
        ("", 0, "192.0.2.1"),
        ("203.0.113.5", 1, "203.0.113.5"),
        ("1.1.1.1, 203.0.113.5", 1, "203.0.113.5"),
        ("spoofed, 203.0.113.5", 0, "192.0.2.1"),
    ],
)
def test_the_callers_address_trusts_only_the_configured_proxies(
    rf, settings, forwarded, proxies, expected
):
    settings.SAFERPLAN_PROXY_COUNT = proxies
    request = rf.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


def test_secrets_are_taken_out_of_log_messages():
    assert redact("Not Found: /account/invitation/abc123XYZ/") == (
        "Not Found: /account/invitation/[redacted]/"
    )
    assert "tok" not in redact("GET /account/password-reset/MQ/tok-en12/ 200")
    assert redact("/account/password-reset/sent/") == "/account/password-reset/sent/"
    assert redact("Authorization: Bearer sp_abcdefghijkl") == "Authorization: Bearer [redacted]"
    assert redact("/returns/link/eyJhbGciOi.x.y/") == "/returns/link/[redacted]/"


def test_django_request_warnings_reach_the_log_redacted(db, caplog):
    caplog.handler.addFilter(RedactSecretsFilter())
    with caplog.at_level("WARNING", logger="django.request"):
        Client().get("/account/invitation/secret-token-value/")
    assert "secret-token-value" not in caplog.text
    assert "/account/invitation/[redacted]/" in caplog.text


def test_a_request_larger_than_any_upload_is_refused_before_it_is_read(db, client, settings):
    settings.SAFERPLAN_MAX_UPLOAD_BYTES = 1000
    big = "x" * (2 * 1024 * 1024)
    response = client.post("/account/sign-in/", {"username": big})
    assert response.status_code == 413
