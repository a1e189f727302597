"""The indicator pages in a real browser: axe-core finds no WCAG 2.2 AA violation.

Run with ``pytest -m browser``; reuses the Chromium and axe helpers of tests/web.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from saferplan.indicators.models import IndicatorValue, PrintedFigureCheck
from web.test_browser import (  # noqa: F401  (fixtures)
    assert_styled,
    browser_type_launch_args,
    built_assets,
    check_accessibility,
)

pytestmark = pytest.mark.browser


def sign_in(page, live_server, user, client: Client | None = None) -> None:
    if client is None:
        client = Client()
        client.force_login(user)
    host = live_server.url.split("//", 1)[1].split(":")[0]
    cookie = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": cookie, "domain": host, "path": "/"}])


@pytest.mark.usefixtures("built_assets")
def test_indicator_pages_are_accessible(page, live_server, indicator, lead_officer):
    IndicatorValue.objects.create(indicator=indicator, period="2024/25 Q1", value=Decimal(240))
    target = indicator.targets.get()
    PrintedFigureCheck.objects.create(
        target=target,
        plan=_plan(indicator),
        title="Reduce the number of violent crimes by 5%",
        baseline="1,193",
        actual="1,030",
        printed_change="- 6%",
        computed_change_text="-14%",
        agreement="inconsistent",
        flag="printed - 6% but the figures give -13.7%",
    )
    sign_in(page, live_server, lead_officer)
    slug = indicator.partnership.slug
    pages = {
        "indicator list": reverse("indicators:list", args=[slug]),
        "indicator": indicator.get_absolute_url(),
        "record a value": reverse("indicators:value_new", args=[slug, indicator.pk]),
        "upload values": reverse("indicators:upload", args=[slug]),
    }
    for label, path in pages.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, label
        assert_styled(page)
        check_accessibility(page, label)
    chart = page.request.get(
        live_server.url + reverse("indicators:chart", args=[slug, indicator.pk])
    )
    assert chart.headers["content-type"] == "image/svg+xml"
    page.goto(live_server.url + pages["record a value"])
    page.get_by_role("button", name="Save value").click()
    assert "There is a problem" in page.content()
    check_accessibility(page, "record a value with errors")
    page.get_by_label("Period").fill("2024/25 Q2")
    page.get_by_label("Count").fill("236")
    page.get_by_role("button", name="Save value").click()
    page.get_by_text("Recorded Violent crimes for 2024/25 Q2").wait_for()
    check_accessibility(page, "indicator after recording")


def _plan(indicator):
    from saferplan.plans.models import Plan

    return Plan.objects.create(partnership=indicator.partnership, year="2010/11", title="Plan")


@pytest.mark.usefixtures("built_assets")
def test_the_forms_to_define_indicators_and_set_targets_are_accessible(
    page, live_server, indicator, manager, verified_client
):
    from saferplan.plans.models import Action, Priority

    plan = _plan(indicator)
    priority = Priority.objects.create(plan=plan, title="Violent crime")
    Action.objects.create(priority=priority, ref="1", text="Street pastors in the town centre")
    indicator.partnership.district_codes = ["E07000105"]
    indicator.partnership.save()
    sign_in(page, live_server, manager, verified_client(manager))  # managers need two factors
    slug = indicator.partnership.slug
    target = indicator.targets.get()
    pages = {
        "define an indicator": reverse("indicators:new", args=[slug]),
        "change an indicator": reverse("indicators:edit", args=[slug, indicator.pk]),
        "set a target": reverse("indicators:target_new", args=[slug, indicator.pk]),
        "change a target": reverse("indicators:target_edit", args=[slug, indicator.pk, target.pk]),
        "partnership": indicator.partnership.get_absolute_url(),
    }
    for label, path in pages.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, label
        assert page.url == live_server.url + path, label  # not redirected to sign in
        assert_styled(page)
        check_accessibility(page, label)

    page.goto(live_server.url + pages["define an indicator"])
    page.get_by_label("Computed from the strategic assessment").check()
    page.get_by_role("button", name="Define indicator").click()
    assert "There is a problem" in page.content()
    check_accessibility(page, "define an indicator with errors")
    page.get_by_label("Name", exact=True).fill("Burglaries")
    page.get_by_label("Crime type").select_option("Burglary")
    page.get_by_label("Violent crime").check()
    page.get_by_role("button", name="Define indicator").click()
    page.get_by_text("Defined Burglaries").wait_for()
    check_accessibility(page, "indicator after defining")

    page.goto(live_server.url + pages["set a target"])
    page.get_by_label("Financial year").fill("2025/26")
    page.get_by_label("A change from the baseline", exact=True).check()
    page.get_by_label("A change: in per cent").fill("-5")
    page.get_by_role("button", name="Save target").click()
    assert "There is a problem" in page.content()  # no baseline given
    check_accessibility(page, "set a target with errors")
    page.get_by_label("Value", exact=True).fill("273")
    page.get_by_role("button", name="Save target").click()
    page.get_by_text("Saved the target for 2025/26").wait_for()
    assert page.get_by_role("cell", name="259", exact=True).count() == 2  # targets and chart
    assert "259.4" not in page.content()
