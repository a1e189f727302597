"""The manager's dashboard, the quarter's controls and rolling a plan over."""

from __future__ import annotations

import pytest

from saferplan.monitoring.models import PeriodSnapshot, ReportingPeriod
from saferplan.monitoring.periods import ensure_periods
from saferplan.monitoring.returns import ReturnInput, save_return
from saferplan.plans.models import Action, Plan

pytestmark = pytest.mark.django_db


def dashboard(plan, q=None) -> str:
    return f"/returns/plan/{plan.pk}/" + (f"?q={q}" if q else "")


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("manager", 200),
        ("viewer", 200),
        ("lead_officer", 403),
        ("other_officer", 403),
        ("scrutiny", 404),  # the plan is a draft: scrutiny readers cannot see it exists
        ("outsider", 404),
        ("anonymous", 302),
    ],
)
def test_who_may_see_the_dashboard(returns_plan, as_persona, persona, status):
    assert as_persona(persona).get(dashboard(returns_plan, 1)).status_code == status


def test_a_published_plan_is_still_refused_to_people_without_dashboard_rights(
    returns_plan, as_persona
):
    Plan.objects.filter(pk=returns_plan.pk).update(status="published")
    assert as_persona("scrutiny").get(dashboard(returns_plan, 1)).status_code == 403
    assert as_persona("outsider").get(dashboard(returns_plan, 1)).status_code == 403


def test_the_dashboard_counts_returns_and_lists_exceptions_with_lead_agencies(
    returns_plan, as_persona
):
    response = as_persona("manager").get(dashboard(returns_plan, 1))
    board = response.context["board"]
    assert (board.total.due, board.total.submitted, board.total.no_data) == (4, 3, 1)
    exceptions = response.context["exceptions"]
    assert [(line.action.ref, status) for line, status in exceptions] == [
        ("1.2", "no_data"),
        ("2.1", "no_data"),
        ("2.2", "off_track"),
    ]
    page = response.content.decode()
    assert "Returns for 2024/25 Q1" in page
    assert "Returns by lead agency" in page and "Returns by priority" in page
    assert f'href="/plans/actions/{Action.objects.get(ref="2.2").pk}/"' in page
    assert f'href="/returns/action/{Action.objects.get(ref="2.2").pk}/1/"' in page
    # Status is written on every tag, not only coloured.
    assert '<strong class="govuk-tag sp-tag sp-tag--off-track">Off track</strong>' in page


def test_the_default_quarter_is_the_latest_open_or_past_its_deadline(returns_plan, as_persona):
    periods = ensure_periods(returns_plan)
    later = ReportingPeriod.objects.filter(pk__in=[periods[2].pk, periods[3].pk])
    later.update(deadline="2099-01-15")
    ReportingPeriod.objects.filter(pk=periods[2].pk).update(status="open")
    response = as_persona("manager").get(dashboard(returns_plan))
    assert response.context["period"].number == 3


def test_managers_see_the_quarter_controls_and_viewers_do_not(returns_plan, as_persona):
    manager_page = as_persona("manager").get(dashboard(returns_plan, 2)).content.decode()
    assert "Run the quarter" in manager_page
    assert "Open 2024/25 Q2" in manager_page
    assert "Send secure link" in manager_page
    viewer_page = as_persona("viewer").get(dashboard(returns_plan, 2)).content.decode()
    assert "Run the quarter" not in viewer_page
    assert "Send secure link" not in viewer_page


def test_a_manager_opens_and_locks_a_quarter_and_reopening_is_recorded(returns_plan, as_persona):
    client = as_persona("manager")
    url = f"/returns/plan/{returns_plan.pk}/1/status/"
    for move in ("open", "lock"):
        response = client.post(url, {"move": move})
        assert response.status_code == 302
        assert response["Location"] == dashboard(returns_plan, 1)
    period = ReportingPeriod.objects.get(plan=returns_plan, number=1)
    assert period.status == "locked"
    assert PeriodSnapshot.objects.filter(period=period).count() == 1
    client.post(url, {"move": "reopen"})
    page = client.get(dashboard(returns_plan, 1)).content.decode()
    assert "2024/25 Q1 reopened" in page
    assert "Quarter reopened" in page and "Quarter locked" in page  # the quarter's history


def test_a_move_the_state_does_not_allow_is_explained(returns_plan, as_persona):
    client = as_persona("manager")
    client.post(f"/returns/plan/{returns_plan.pk}/1/status/", {"move": "reopen"})
    page = client.get(dashboard(returns_plan, 1)).content.decode()
    assert "2024/25 Q1 is not open yet: it cannot be reopened" in page


@pytest.mark.parametrize("persona", ["viewer", "lead_officer"])
def test_only_managers_may_change_a_quarter(returns_plan, as_persona, persona):
    ensure_periods(returns_plan)
    url = f"/returns/plan/{returns_plan.pk}/1/status/"
    assert as_persona(persona).post(url, {"move": "open"}).status_code == 403
    assert ReportingPeriod.objects.get(plan=returns_plan, number=1).status == "planned"


def test_a_manager_moves_the_deadline(returns_plan, as_persona, manager):
    url = f"/returns/plan/{returns_plan.pk}/2/deadline/"
    client = as_persona("manager")
    assert client.get(url).status_code == 200
    response = client.post(url, {"day": "31", "month": "2", "year": "2024"})
    assert response.status_code == 400
    assert "The deadline must be a real date" in response.content.decode()
    assert client.post(url, {"day": "22", "month": "10", "year": "2024"}).status_code == 302
    period = ReportingPeriod.objects.get(plan=returns_plan, number=2)
    assert str(period.deadline) == "2024-10-22"
    assert period.history.first().history_user == manager
    assert as_persona("viewer").get(url).status_code == 403


def test_the_roll_over_page_says_what_is_copied_and_left_behind(returns_plan, as_persona, manager):
    q2 = ensure_periods(returns_plan)[1]
    save_return(Action.objects.get(ref="2.1"), q2, ReturnInput("Done", "completed"), user=manager)
    url = f"/returns/plan/{returns_plan.pk}/roll-over/"
    page = as_persona("manager").get(url).content.decode()
    assert "Start the 2025/26 plan from this one" in page
    assert "2 priorities" in page
    assert "3 open actions" in page
    assert "1 completed action:" in page and "Anti-social behaviour 2.1" in page
    client = as_persona("manager")
    response = client.post(url)
    new_plan = Plan.objects.get(year="2025/26")
    assert response["Location"] == new_plan.get_absolute_url()
    assert new_plan.status == "draft"
    again = client.post(url)
    assert again.status_code == 400
    assert "already has a plan for 2025/26" in again.content.decode()


@pytest.mark.parametrize(("persona", "status"), [("viewer", 403), ("lead_officer", 403)])
def test_only_managers_may_roll_a_plan_over(returns_plan, as_persona, persona, status):
    url = f"/returns/plan/{returns_plan.pk}/roll-over/"
    assert as_persona(persona).post(url).status_code == status
    assert not Plan.objects.filter(year="2025/26").exists()


def test_the_dashboard_reads_a_large_plan_in_a_bounded_number_of_queries(
    big_plan, verified_client, manager, django_assert_max_num_queries
):
    client = verified_client(manager)
    client.get(dashboard(big_plan, 2))  # the first visit creates the quarters
    with django_assert_max_num_queries(16):
        response = client.get(dashboard(big_plan, 2))
    assert response.context["board"].total.due == 36
    assert len(response.context["exceptions"]) == 36
