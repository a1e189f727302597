"""The assessment pages in Chromium: styled, and no axe-core WCAG 2.2 AA violation.

Run with ``pytest -m browser``; reuses the helpers of tests/web/test_browser.py.
With ``SAFERPLAN_SCREENSHOTS=1`` the Kent test also saves docs/screenshots/assessment.png.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
from test_browser import (  # noqa: E402, F401 - fixtures are used by name
    assert_styled,
    browser_type_launch_args,
    built_assets,
    check_accessibility,
)

from saferplan.assessment.loading import load  # noqa: E402

from .conftest import row, shared_path, write_street  # noqa: E402
from .test_assessment_kent import KCC, LOOKUPS  # noqa: E402

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, live_server, user, device):
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
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


def test_assessment_pages_are_accessible(
    page,
    live_server,
    built_assets,  # noqa: F811
    geography,
    tmp_path,
    partnership,
    manager,
):
    from personas import confirmed_device

    write_street(tmp_path, "2024-01", [row("2024-01", "Burglary"), row("2024-01", "Robbery")])
    write_street(
        tmp_path,
        "2025-01",
        [
            row("2025-01", "Burglary"),
            row("2025-01", "Shoplifting"),
            row("2025-01", "Burglary", lsoa="E01000003"),
        ],
    )
    load([tmp_path], geography, progress_bar=False)
    partnership.district_codes = ["E07000901"]
    partnership.save()
    _sign_in(page, live_server, manager, confirmed_device(manager))
    base = f"{live_server.url}/assessment/{partnership.slug}/"
    page.goto(base + "?window=2025-01:2025-01&compare=2024-01:2024-01")
    assert_styled(page)
    page.screenshot(path=str(tmp_path / "assessment.png"), full_page=True)
    check_accessibility(page, "assessment")
    page.get_by_role("button", name="Save this assessment").click()
    page.get_by_role("heading", name="Why are these priorities?").wait_for()
    check_accessibility(page, "saved assessment")
    page.goto(base + "upload/")
    check_accessibility(page, "upload")
    page.get_by_role("button", name="Upload and load").click()
    assert "There is a problem" in page.content()
    check_accessibility(page, "upload error")


def test_the_kent_assessment_page_is_accessible(
    page,
    live_server,
    built_assets,  # noqa: F811
    store,
    partnership,
    viewer,
    tmp_path,
):
    """Dartford and Gravesham on the real Kent data: the page a partnership really sees."""
    from personas import confirmed_device
    from saferplan.assessment.geography import load_lookup, load_population
    from saferplan.assessment.models import County

    ons = shared_path("data", "ons")
    for name in LOOKUPS:
        load_lookup(ons / name, store)
    load_population(
        ons / "lad_population_kent_surrey_essex.csv",
        "ltla24_code",
        "census2021_usual_residents",
        2021,
    )
    load([shared_path("data", "police-uk", "kent-2024-01_2025-12.zip")], store, progress_bar=False)
    County.objects.create(name="Kent County Council area", district_codes=KCC)
    partnership.name = "Dartford and Gravesham Community Safety Partnership"
    partnership.district_codes = ["E07000107", "E07000109"]
    partnership.save()
    _sign_in(page, live_server, viewer, confirmed_device(viewer))
    page.set_viewport_size({"width": 1280, "height": 900})
    # January to April: the months the 2024 file has, so the changes are like for like
    page.goto(
        f"{live_server.url}/assessment/{partnership.slug}/?window=2025-01:2025-04"
        "&county=kent-county-council-area"
    )
    assert_styled(page)
    assert page.get_by_role("heading", name="Strategic assessment: Dartford and Gravesham").count()
    for image in page.locator("img").all():  # the charts loaded and have a size
        assert image.evaluate("i => i.complete && i.naturalWidth > 0"), image.get_attribute("src")
    check_accessibility(page, "Kent assessment")
    if os.environ.get("SAFERPLAN_SCREENSHOTS"):
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "assessment.png"), full_page=True)
    page.screenshot(path=str(tmp_path / "kent-assessment.png"), full_page=True)
