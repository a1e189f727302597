from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from saferplan.monitoring.dashboard import build_dashboard
from saferplan.monitoring.models import PeriodSnapshot, ReportingPeriod
from saferplan.monitoring.periods import PeriodError, change_status, ensure_periods
from saferplan.monitoring.returns import ReturnError, ReturnInput, StaleReturn, save_return
from saferplan.plans.models import Action, ProgressUpdate


@pytest.fixture
def alice(db):
    return get_user_model().objects.create_user("alice", first_name="Alice", last_name="Ames")


@pytest.fixture
def bob(db):
    return get_user_model().objects.create_user("bob")


def test_a_plan_gets_its_four_quarters_with_default_deadlines(plan):
    periods = ensure_periods(plan)
    assert [p.label for p in periods] == [f"2024/25 Q{n}" for n in range(1, 5)]
    assert [p.deadline for p in periods] == [
        date(2024, 7, 15),
        date(2024, 10, 15),
        date(2025, 1, 15),
        date(2025, 4, 15),
    ]
    assert ensure_periods(plan) == periods  # idempotent


def test_locking_freezes_a_snapshot_and_reopening_is_recorded(plan, alice):
    q1 = ensure_periods(plan)[0]
    change_status(q1, "open", user=alice)
    change_status(q1, "close", user=alice)
    q1 = change_status(q1, "lock", user=alice)
    snapshot = PeriodSnapshot.objects.get(period=q1)
    assert sorted(r["ref"] for r in snapshot.returns) == ["1.1", "1.2", "2.2"]
    assert snapshot.taken_by == alice
    q1 = change_status(q1, "reopen", user=alice)
    assert q1.status == ReportingPeriod.Status.OPEN
    reasons = [h.history_change_reason for h in q1.history.order_by("history_date")]
    assert reasons[-4:] == ["period.open", "period.close", "period.lock", "period.reopen"]
    assert q1.history.first().history_user == alice


def test_a_period_refuses_a_change_its_state_does_not_allow(plan, alice):
    q1 = ensure_periods(plan)[0]
    with pytest.raises(PeriodError, match="cannot be reopened"):
        change_status(q1, "reopen", user=alice)


def test_a_locked_period_takes_no_returns(plan, alice):
    q2 = change_status(ensure_periods(plan)[1], "open", user=alice)
    q2 = change_status(q2, "lock", user=alice)
    with pytest.raises(ReturnError, match="locked"):
        save_return(Action.objects.get(ref="2.1"), q2, ReturnInput("x", "on_track"), user=alice)


def test_a_return_saves_as_draft_then_submits_with_its_history(plan, alice):
    q2 = ensure_periods(plan)[1]
    action = Action.objects.get(ref="2.1")
    action.measure = "Number of patrols a week"  # so that its return may carry a value
    action.save()
    draft = save_return(action, q2, ReturnInput("Started patrols", "on_track"), user=alice)
    assert (draft.state, draft.version) == ("draft", 1)
    submitted = save_return(
        action,
        q2,
        ReturnInput("Patrols weekly", "on_track", Decimal("14"), submit=True, based_on_version=1),
        user=alice,
    )
    assert (submitted.state, submitted.version, submitted.value) == ("submitted", 2, 14)
    texts = [h.text for h in submitted.history.order_by("history_date")]
    assert texts == ["Started patrols", "Patrols weekly"]


def test_the_second_of_two_people_editing_a_return_is_refused(plan, alice, bob):
    q1 = ensure_periods(plan)[0]
    action = Action.objects.get(ref="1.1")
    opened_version = ProgressUpdate.objects.get(action=action, period=q1.label).version
    save_return(
        action,
        q1,
        ReturnInput("Alice's text", "on_track", based_on_version=opened_version),
        user=alice,
    )
    with pytest.raises(StaleReturn) as refused:
        save_return(
            action,
            q1,
            ReturnInput("Bob's text", "at_risk", based_on_version=opened_version),
            user=bob,
        )
    assert refused.value.current.text == "Alice's text"
    assert "Alice Ames changed this return" in str(refused.value)
    assert ProgressUpdate.objects.get(action=action, period=q1.label).text == "Alice's text"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (ReturnInput("x", "green"), "status must be one of"),
        (ReturnInput("  ", "on_track", submit=True), "needs a progress update"),
    ],
)
def test_a_return_is_validated(plan, alice, data, message):
    q2 = ensure_periods(plan)[1]
    with pytest.raises(ReturnError, match=message):
        save_return(Action.objects.get(ref="2.1"), q2, data, user=alice)


def test_the_dashboard_counts_returns_per_agency_and_priority(plan):
    q1 = ensure_periods(plan)[0]
    dashboard = build_dashboard(q1, today=date(2024, 8, 1))
    total = dashboard.total
    assert (total.due, total.submitted, total.overdue, total.no_data) == (4, 3, 1, 1)
    assert dashboard.rag["on_track"] == 1 and dashboard.rag["off_track"] == 1
    assert dashboard.rag["no_data"] == 2  # 1.2 said so; 2.1 sent nothing
    assert [line.action.ref for line in dashboard.exceptions] == ["1.2", "2.1", "2.2"]
    by_agency = {agency.name: tally for agency, tally in dashboard.by_agency}
    assert (by_agency["ABC"].due, by_agency["ABC"].overdue) == (2, 1)
    assert by_agency["Ashcombe Police"].no_data == 1
    missing = {
        agency.name: [line.action.ref for line in lines]
        for agency, lines in dashboard.missing_by_agency()
    }
    assert missing == {"ABC": ["1.2", "2.1"], "Ashcombe Police": ["1.2"]}


def test_the_dashboard_needs_a_fixed_number_of_queries(plan, django_assert_num_queries):
    q1 = ensure_periods(plan)[0]
    with django_assert_num_queries(3):
        build_dashboard(q1, today=date(2024, 8, 1))
