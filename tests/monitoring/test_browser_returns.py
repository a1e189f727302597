"""The returns pages in a real browser: a lead officer signs in and submits a return with
the keyboard alone, and axe-core finds no WCAG 2.2 A/AA violation on the dashboard, the
returns pages and the history page.

Run with ``pytest -m browser``; reuses the Chromium and axe helpers of tests/web.  With
``SAFERPLAN_SCREENSHOTS=1`` it also saves docs/screenshots/dashboard.png and returns.png.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from saferplan.monitoring.links import create_link
from saferplan.monitoring.periods import ensure_periods
from saferplan.plans.models import Action, ProgressUpdate
from web.test_browser import (  # noqa: F401  (fixtures)
    assert_styled,
    browser_type_launch_args,
    built_assets,
    check_accessibility,
)

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("built_assets")]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def use_session(page, live_server, client) -> None:
    host = live_server.url.split("//", 1)[1].split(":")[0]
    cookie = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": cookie, "domain": host, "path": "/"}])


def tab_to(page, predicate: str, limit: int = 200) -> None:
    """Press Tab until the focused element matches ``predicate`` (a JS expression on ``el``)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => Boolean({predicate}))(document.activeElement)"):
            return
    raise AssertionError(f"never reached {predicate} with the Tab key")


def test_a_lead_officer_submits_a_return_with_the_keyboard_alone(
    page, live_server, returns_plan, lead_officer, password
):
    ensure_periods(returns_plan)
    one = Action.objects.get(ref="1.1").pk
    page.goto(
        f"{live_server.url}/account/sign-in/?next=/returns/%3Fplan%3D{returns_plan.pk}%26q%3D2"
    )
    tab_to(page, "el.id === 'id_username'")
    page.keyboard.type("bob")
    tab_to(page, "el.id === 'id_password'")
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="My returns for 2024/25 Q2").wait_for()

    tab_to(page, f"el.name === 'a{one}-status'")
    page.keyboard.press("ArrowRight")  # from Not started to On track: arrows select a radio
    assert page.is_checked(f"#id_a{one}-status-2")
    page.keyboard.press("Tab")
    page.keyboard.type("Fifteen families supported through the sanctuary scheme")
    page.keyboard.press("Tab")
    page.keyboard.type("15")
    tab_to(page, "el.textContent.trim() === 'Submit all'")
    page.keyboard.press("Enter")
    page.get_by_text("Submitted 1 return for 2024/25 Q2").wait_for()

    update = ProgressUpdate.objects.get(action_id=one, period="2024/25 Q2")
    assert (update.status, update.state, update.value) == ("on_track", "submitted", 15)
    assert update.text.startswith("Fifteen families")
    assert update.updated_by == lead_officer


def test_the_returns_pages_are_accessible(
    page, live_server, returns_plan, lead_officer, manager, verified_client, police
):
    periods = ensure_periods(returns_plan)
    one = Action.objects.get(ref="1.1").pk
    _link, token = create_link(periods[1], police, "bob@example.org", user=manager)

    use_session(page, live_server, verified_client(lead_officer))
    pages = {
        "my returns": f"/returns/?plan={returns_plan.pk}&q=2",
        "single return": f"/returns/action/{one}/2/",
        "history": f"/returns/history/action/{one}/",
        "upload": f"/returns/plan/{returns_plan.pk}/2/upload/",
    }
    for label, path in pages.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, label
        assert_styled(page)
        check_accessibility(page, label)
    page.goto(live_server.url + pages["my returns"])
    page.get_by_role("button", name="Submit all").click()  # nothing filled in: no error
    page.goto(live_server.url + pages["my returns"])
    page.fill(f"#id_a{one}-text", "Words but no status")
    page.get_by_role("button", name="Submit all").click()
    page.get_by_text("There is a problem").wait_for()
    check_accessibility(page, "my returns with errors")
    if os.environ.get("SAFERPLAN_SCREENSHOTS"):
        page.goto(live_server.url + pages["my returns"])
        page.set_viewport_size({"width": 1280, "height": 900})
        page.screenshot(path=str(SCREENSHOTS / "returns.png"), full_page=True)

    page.context.clear_cookies()
    for label, path, status in [
        ("secure link", f"/returns/link/{token}/", 200),
        ("refused link", "/returns/link/forged/", 403),
    ]:
        response = page.goto(live_server.url + path)
        assert response.status == status, label
        check_accessibility(page, label)

    use_session(page, live_server, verified_client(manager))
    for label, path in {
        "dashboard": f"/returns/plan/{returns_plan.pk}/?q=1",
        "deadline": f"/returns/plan/{returns_plan.pk}/2/deadline/",
        "send link": f"/returns/plan/{returns_plan.pk}/2/agency/{police.pk}/link/",
        "roll over": f"/returns/plan/{returns_plan.pk}/roll-over/",
    }.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, label
        assert_styled(page)
        check_accessibility(page, label)
    if os.environ.get("SAFERPLAN_SCREENSHOTS"):
        page.goto(f"{live_server.url}/returns/plan/{returns_plan.pk}/?q=1")
        page.set_viewport_size({"width": 1280, "height": 900})
        page.screenshot(path=str(SCREENSHOTS / "dashboard.png"), full_page=True)
