import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from saferplan.accounts.models import PartnershipRole
from saferplan.monitoring.models import ReportingPeriod
from saferplan.plans.models import Action, Plan

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
