"""Every kind of page, in real Chromium under the strict Content-Security-Policy: the
browser reports no violation (no inline script or style, nothing from elsewhere)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from factories import sample_plan
from saferplan.accounts.models import Role
from saferplan.indicators.models import Indicator, IndicatorValue
from saferplan.plans.models import Action
from web.test_browser import browser_type_launch_args, built_assets  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser


def _sign_in(page, live_server, client: Client) -> None:
    host = live_server.url.split("//", 1)[1].split(":")[0]
    cookie = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": cookie, "domain": host, "path": "/"}])


def _violations(page, live_server, paths: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    current = {"path": ""}

    def note(message) -> None:
        if "Content Security Policy" in message.text:
            found.setdefault(current["path"], []).append(message.text[:300])

    page.on("console", note)
    for path in paths:
        current["path"] = path
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert "default-src 'none'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
    return found


@pytest.fixture
def signed_in_manager(db, make_user, verified_client):
    """A sample plan and an indicator, and a verified manager of its partnership."""
    plan = sample_plan()
    manager = make_user("csp-manager", role=Role.MANAGER, partnership=plan.partnership)
    indicator = Indicator.objects.create(partnership=plan.partnership, name="ASB incidents")
    IndicatorValue.objects.create(indicator=indicator, period="2024/25", value=Decimal(10))
    return plan, indicator, verified_client(manager)


@pytest.mark.usefixtures("built_assets")
def test_no_page_breaks_the_content_security_policy(page, live_server, signed_in_manager):
    plan, _indicator, client = signed_in_manager
    action = Action.objects.filter(priority__plan=plan).first()
    _sign_in(page, live_server, client)
    paths = [
        "/",
        "/partnerships/",
        plan.partnership.get_absolute_url(),
        plan.get_absolute_url(),
        action.get_absolute_url(),
        "/search/?q=youth",
        f"/indicators/{plan.partnership.slug}/",
        "/account/",
        "/account/tokens/",
        "/api/docs/",
    ]
    assert _violations(page, live_server, paths) == {}


@pytest.mark.usefixtures("built_assets")
def test_the_indicator_page_keeps_the_policy(page, live_server, signed_in_manager):
    _plan, indicator, client = signed_in_manager
    _sign_in(page, live_server, client)
    assert _violations(page, live_server, [indicator.get_absolute_url()]) == {}


@pytest.mark.usefixtures("built_assets")
def test_signed_out_pages_and_two_factor_setup_keep_the_policy(page, live_server, manager):
    paths = ["/account/sign-in/", "/account/password-reset/", "/partnerships/agencies/"]
    assert _violations(page, live_server, paths) == {}
    client = Client()
    client.force_login(manager)  # no second factor yet: the set-up page with its QR code
    _sign_in(page, live_server, client)
    assert _violations(page, live_server, ["/account/two-factor/"]) == {}
