"""Personal API tokens: created on the web after two-factor sign-in, shown once, revocable."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from saferplan.api.models import ApiToken
from saferplan.api.tokens import create_token, hash_key


def _bearer(raw: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def _create(client, name="Council dashboard", scope="read"):
    return client.post("/account/tokens/", {"name": name, "scope": scope})


def test_a_manager_creates_a_token_that_is_shown_once_and_stored_hashed(
    manager, verified_client, world
):
    client = verified_client(manager)
    response = _create(client)
    assert response.status_code == 200
    raw = response.context["created"]["raw"]
    assert raw.startswith("sp_") and raw in response.content.decode()
    token = ApiToken.objects.get(user=manager)
    assert token.key_hash == hash_key(raw) and raw not in (token.prefix, token.key_hash)
    assert raw not in client.get("/account/tokens/").content.decode()
    plans = _bearer(raw).get("/api/plans/")
    assert plans.status_code == 200
    assert plans.json()["count"] == 2  # the published plan and the draft
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


def test_a_manager_without_the_second_factor_is_sent_to_enter_it(manager, world):
    client = Client()
    client.force_login(manager)
    response = _create(client)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/two-factor/")
    assert not ApiToken.objects.exists()


def test_a_lead_officer_creates_a_token_without_a_second_factor(lead_officer, world):
    client = Client()
    client.force_login(lead_officer)
    assert _create(client, scope="write").status_code == 200
    assert ApiToken.objects.get(user=lead_officer).scope == "write"


def test_a_token_needs_a_name(lead_officer, world):
    client = Client()
    client.force_login(lead_officer)
    response = _create(client, name="  ")
    assert response.status_code == 400
    assert "Enter a name" in response.content.decode()


def test_a_revoked_token_stops_working(lead_officer, world):
    token, raw = create_token(lead_officer, "script")
    assert _bearer(raw).get("/api/returns/").status_code == 200
    client = Client()
    client.force_login(lead_officer)
    response = client.post(f"/account/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    assert _bearer(raw).get("/api/returns/").status_code == 401


def test_nobody_can_revoke_someone_elses_token(lead_officer, viewer, world):
    token, _raw = create_token(lead_officer, "script")
    client = Client()
    client.force_login(viewer)
    assert client.post(f"/account/tokens/{token.pk}/revoke/").status_code == 404
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_expired_forged_and_inactive_tokens_are_refused(lead_officer, manager, world):
    token, raw = create_token(lead_officer, "old", lifetime=timedelta(days=1))
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert _bearer(raw).get("/api/plans/").status_code == 401
    assert _bearer("sp_" + "x" * 43).get("/api/plans/").status_code == 401
    assert _bearer("not-even-ours").get("/api/plans/").status_code == 401
    _token, raw = create_token(manager, "new")
    manager.is_active = False
    manager.save()
    assert _bearer(raw).get("/api/plans/").status_code == 401


def test_a_manager_token_is_not_blocked_by_the_two_factor_middleware(manager, world):
    _token, raw = create_token(manager, "dashboard")
    response = _bearer(raw).get("/api/plans/")
    assert response.status_code == 200


def test_an_unverified_manager_session_cannot_use_the_api(manager, world):
    client = Client()
    client.force_login(manager)
    response = client.get("/api/plans/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/two-factor/")
