"""Error pages, template helpers and the admin registrations."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.template import loader
from django.test import Client
from simple_history.admin import SimpleHistoryAdmin

from factories import PlanFactory
from saferplan.core.templatetags.saferplan import plan_name, quarter_months, status_tag
from saferplan.partnerships.models import Agency, GlossaryEntry, Partnership
from saferplan.plans.models import Action, ActionAgency, Plan, Priority, ProgressUpdate, TargetRow


def test_the_500_page_renders_without_a_request():
    html = loader.get_template("500.html").render()
    assert "Sorry, there is a problem with the service" in html
    assert "Traceback" not in html


def test_a_crash_shows_the_500_page_not_a_traceback(db, settings, monkeypatch):
    settings.DEBUG = False

    def boom(*args, **kwargs):
        raise RuntimeError("secret detail")

    monkeypatch.setattr("saferplan.core.views.partnerships_with_latest_plan", boom)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Sorry, there is a problem with the service" in body
    assert "secret detail" not in body and "Traceback" not in body


def test_status_tags_name_their_meaning():
    assert status_tag("off_track") == (
        '<strong class="govuk-tag sp-tag sp-tag--off-track">Off track</strong>'
    )
    assert "Published" in status_tag("published")
    assert status_tag("") == ""


def test_quarter_months():
    assert quarter_months("2024/25 Q4") == "January to March 2025"
    assert quarter_months("Qrt 1") == ""


@pytest.mark.django_db
def test_plan_name_adds_the_year_only_when_missing():
    assert plan_name(PlanFactory(title="Action Plan 2014/15", year="2014/15")) == (
        "Action Plan 2014/15"
    )
    assert plan_name(PlanFactory(title="Partnership Plan", year="2015/16")) == (
        "Partnership Plan 2015/16"
    )


@pytest.mark.parametrize(
    "model",
    [
        Partnership,
        Agency,
        GlossaryEntry,
        Plan,
        Priority,
        Action,
        ActionAgency,
        ProgressUpdate,
        TargetRow,
    ],
)
def test_models_are_in_the_admin(model):
    assert model in admin.site._registry


@pytest.mark.parametrize("model", [Partnership, Agency, Plan, Priority, Action, ProgressUpdate])
def test_history_is_visible_in_the_admin(model):
    assert isinstance(admin.site._registry[model], SimpleHistoryAdmin)


@pytest.mark.django_db
def test_admin_changelists_open(staff_client, staff, plan):
    # A staff member with every permission (a superuser would first need a second factor).
    staff.user_permissions.set(Permission.objects.all())
    admin_client = staff_client
    for name in ["partnership", "agency", "glossaryentry"]:
        assert admin_client.get(f"/admin/partnerships/{name}/?q=a").status_code == 200
    for name in ["plan", "priority", "action", "actionagency", "progressupdate", "targetrow"]:
        assert admin_client.get(f"/admin/plans/{name}/?q=a").status_code == 200
    action = Action.objects.first()
    assert admin_client.get(f"/admin/plans/action/{action.pk}/change/").status_code == 200
    assert admin_client.get(f"/admin/plans/action/{action.pk}/history/").status_code == 200
