"""The pages in a real browser (Debian's Chromium): they load styled, and axe-core
finds no WCAG 2.2 AA violation on any of them.

Run with ``pytest -m browser``; needs /usr/bin/chromium and ``npm ci && npm run build``
(for the stylesheet and axe-core).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from factories import sample_plan
from saferplan.plans.models import Action

# live_server runs Django in a thread while Playwright's sync API holds an event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
STYLESHEET = ROOT / "src" / "saferplan" / "static" / "govuk" / "saferplan.css"
RIVERSIDE = ROOT / "tests" / "fixtures" / "riverside-action-plan.txt"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _missing(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(what)
    pytest.skip(what)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        _missing(f"{CHROMIUM} is missing: apt-get install chromium")
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def built_assets():
    for path in (AXE, STYLESHEET):
        if not path.exists():
            _missing(f"{path} is missing: run npm ci --no-audit --no-fund && npm run build")


def check_accessibility(page, label: str) -> None:
    # Evaluated through the DevTools protocol: a <script> tag would be refused by the CSP.
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    violations = [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]
    if violations:
        print(f"axe violations on {label}:\n{json.dumps(violations, indent=2)}")
    assert violations == [], f"{len(violations)} axe violation(s) on {label}: see output"


def assert_styled(page) -> None:
    """GOV.UK Frontend's stylesheet and script loaded: Arial type, JS classes set."""
    font = page.evaluate("getComputedStyle(document.querySelector('.govuk-footer')).fontFamily")
    assert "arial" in font.lower(), font
    assert "GDS Transport" not in font
    classes = page.evaluate("document.body.className")
    assert "govuk-frontend-supported" in classes


def test_public_pages_are_styled_and_accessible(page, live_server, built_assets):
    plan = sample_plan()
    action = Action.objects.filter(priority__plan=plan, ref="1.2").get()
    agency = plan.partnership.agencies.get(acronym="WP")
    pages = {
        "home": "/",
        "partnership": plan.partnership.get_absolute_url(),
        "plan": plan.get_absolute_url(),
        "action": action.get_absolute_url(),
        "agency": agency.get_absolute_url(),
        "agencies": "/partnerships/agencies/",
        "search results": "/search/?q=sanctuary",
        "search error": "/search/?q=",
        "not found": "/plans/99999/",
    }
    for label, path in pages.items():
        response = page.goto(live_server.url + path)
        assert response.status == (404 if label == "not found" else 200), label
        assert_styled(page)
        check_accessibility(page, label)


def test_plan_page_works_with_the_keyboard(page, live_server, built_assets):
    plan = sample_plan()
    page.goto(live_server.url + plan.get_absolute_url())
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
    page.get_by_role("link", name="Subsidiary priorities").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/#subsidiary-priorities")
    details = page.locator("details", has_text="Why this is a priority").first
    details.locator("summary").focus()
    page.keyboard.press("Enter")
    assert details.get_attribute("open") is not None


def test_import_journey_is_accessible(
    page, live_server, built_assets, django_user_model, verified_client
):
    admin = django_user_model.objects.create_superuser("stella", "stella@example.org", "x" * 16)
    client = verified_client(admin)  # signed in with a second factor
    host = live_server.url.split("//", 1)[1].split(":")[0]
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "domain": host,
                "path": "/",
            }
        ]
    )
    page.goto(live_server.url + "/import/")
    check_accessibility(page, "import upload")
    page.get_by_role("button", name="Read the document").click()
    assert "There is a problem" in page.content()
    check_accessibility(page, "import error")
    page.set_input_files("#id_document", str(RIVERSIDE))
    page.get_by_role("button", name="Read the document").click()
    page.get_by_role("heading", name="Check the plan before importing").wait_for()
    check_accessibility(page, "import preview")
    page.get_by_role("button", name="Confirm import").click()
    page.get_by_text("Imported: 2 priorities, 5 actions").wait_for()
    check_accessibility(page, "plan after import")
