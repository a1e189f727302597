"""Secure links (``/returns/link/<token>/``) are rate limited per address: guessing stops."""

from __future__ import annotations

from django.test import Client

from factories import PlanFactory
from saferplan.monitoring.links import create_link
from saferplan.monitoring.models import SecureLinkUse
from saferplan.monitoring.periods import ensure_periods
from saferplan.security import DEFAULT_RULES


def test_guessing_secure_links_gets_429_after_the_default_limit(db):
    rule = next(rule for rule in DEFAULT_RULES if rule.name == "secure-link")
    client = Client(REMOTE_ADDR="198.51.100.7")
    codes = [client.get(f"/returns/link/guess-{n}/").status_code for n in range(rule.requests)]
    assert set(codes) == {403}  # forged tokens are refused, but answered
    refused = client.get("/returns/link/guess-again/")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= rule.seconds
    assert client.post("/returns/link/guess-post/").status_code == 429  # every method counts
    other = Client(REMOTE_ADDR="198.51.100.8")
    assert other.get("/returns/link/guess/").status_code == 403  # another address is not held


def test_a_real_link_is_limited_too_and_the_refused_requests_are_not_logged(
    db, settings, partnership, police, manager
):
    settings.SAFERPLAN_RATE_LIMITS = [("secure-link", ["GET", "POST"], "/returns/link/", 3, 900)]
    period = ensure_periods(PlanFactory(partnership=partnership, year="2024/25"))[0]
    link, token = create_link(period, police, "bob@example.org", user=manager)
    client = Client()
    codes = [client.get(f"/returns/link/{token}/").status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    # Refused before the view runs: only the three answered requests are in the link's log.
    assert SecureLinkUse.objects.filter(link=link).count() == 3
