import io
import re
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from saferplan.accounts.models import PartnershipRole
from saferplan.assessment.models import County, ForceMonth
from saferplan.assessment.services import compute
from saferplan.demo.crime import TYPE_MIX, months_to, street_rows
from saferplan.demo.dates import move_text
from saferplan.monitoring.models import ReportingPeriod
from saferplan.partnerships.models import Partnership
from saferplan.plans.models import Action, Plan, ProgressUpdate

pytestmark = pytest.mark.django_db


def load(**kwargs) -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out, **kwargs)
    return out.getvalue()


def test_the_demo_fills_an_empty_site_with_plans_accounts_and_open_quarters(monkeypatch):
    monkeypatch.setenv("SAFERPLAN_DEMO_PASSWORD", "a demo password 123")
    output = load()
    assert Plan.objects.filter(status="published").count() == 3
    assert Action.objects.count() == 83
    assert "password: a demo password 123" in output
    officer = get_user_model().objects.get(username="police.officer")
    assert officer.check_password("a demo password 123")
    assert officer.profile.agency.name == "Wessex Police"
    roles = set(PartnershipRole.objects.values_list("user__username", "role"))
    assert {("manager", "manager"), ("viewer", "viewer"), ("councillor", "scrutiny")} <= roles
    assert ReportingPeriod.objects.filter(status="open").count() == 4


def test_the_demo_never_loads_over_existing_plans():
    load()
    assert "already holds plans" in load()
    assert Plan.objects.count() == 3


def test_the_demo_is_refused_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="not for production"):
        load()
    assert Plan.objects.count() == 0


@pytest.mark.parametrize(
    ("today", "current", "last", "open_quarter"),
    [
        (date(2026, 12, 1), "2026/27", "2025/26", 3),
        (date(2025, 4, 1), "2025/26", "2024/25", 1),
        (date(2031, 3, 31), "2030/31", "2029/30", 4),
    ],
)
def test_the_demo_plans_are_this_years_and_last_years(
    monkeypatch, today, current, last, open_quarter
):
    monkeypatch.setattr(timezone, "localdate", lambda: today)
    load()
    assert sorted(Plan.objects.values_list("year", flat=True)) == [last, current, current]
    periods = {u.period for u in ProgressUpdate.objects.filter(action__priority__plan__year=last)}
    assert periods == {f"{last} Q1", f"{last} Q2"}
    opened = ReportingPeriod.objects.filter(status="open", plan__year=current)
    assert set(opened.values_list("number", flat=True)) == {open_quarter}


@pytest.mark.parametrize(
    ("text", "moved"),
    [
        ("Target 2024/25", "Target 2026/27"),
        ("Baseline data (2023/24)", "Baseline data (2025/26)"),
        ("PSPO renewed by October 2024", "PSPO renewed by October 2026"),
        ("2099/00 stays a financial year", "2101/02 stays a financial year"),
        ("Reach 200 residents and 20 schools", "Reach 200 residents and 20 schools"),
    ],
)
def test_moving_the_demo_years_changes_years_only(text, moved):
    assert move_text(text, 2) == moved


def test_the_demo_loads_two_years_of_police_uk_data_for_its_partnerships(monkeypatch):
    """A demo site's strategic assessment has figures: 24 months for 6 districts, the
    latest published two months before today, the partnerships on their districts."""
    monkeypatch.setattr(timezone, "localdate", lambda: date(2026, 12, 1))
    assert "Loaded demo crime data" in load()
    months = sorted(ForceMonth.objects.filter(force="wessex").values_list("month", flat=True))
    assert (len(months), months[0], months[-1]) == (24, date(2024, 11, 1), date(2026, 10, 1))
    ashcombe = Partnership.objects.get(name="Ashcombe Community Safety Partnership")
    assert ashcombe.district_codes == ["E07000951"]
    county = County.objects.get(name="Wessex")
    assert len(county.district_codes) == 6
    result = compute(county.district_codes, "Wessex", focus="E07000951")
    assert str(result.window) == "2025-11:2026-10"
    figures = {(f.district_code, f.crime_type): f for f in result.figures}
    assert len(figures) == 6 * 16
    everything = figures[("E07000951", "All crime")]
    assert everything.count > 5000 and everything.previous > 5000
    assert result.street_hotspots["E07000951"][0].place.startswith("On or near ")


def test_the_demo_street_rows_are_shaped_like_police_uk_rows():
    rows = [r for month in street_rows(months_to(date(2026, 10, 1))).values() for r in month]
    assert all(len(r) == 12 for r in rows)
    assert all((r[0] == "") == (r[9] == "Anti-social behaviour") for r in rows)
    assert all(re.fullmatch(r"[0-9a-f]{64}", r[0]) for r in rows if r[0])
    nowhere = [r for r in rows if r[6] == "No Location"]
    assert all(r[4] == r[5] == r[7] == r[8] == "" for r in nowhere)
    assert 0.01 < len(nowhere) / len(rows) < 0.02
    assert {r[9] for r in rows} == {name for name, _ in TYPE_MIX}
    assert (
        street_rows(months_to(date(2026, 10, 1)))[date(2026, 10, 1)][:50]
        == [r for r in rows if r[1] == "2026-10"][:50]
    )  # the same rows every time: a seeded generator
