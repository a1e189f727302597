"""The dashboard and My returns serve cached parts: never older than the data, never to
someone the reader's rights would not show them to, and in a few queries however big."""

from __future__ import annotations

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from saferplan.accounts.models import PartnershipRole, Role
from saferplan.accounts.permissions import agency_id_of, can
from saferplan.monitoring import queries
from saferplan.monitoring.links import create_link, revoke_link
from saferplan.monitoring.models import SecureLink
from saferplan.monitoring.periods import change_status, ensure_periods
from saferplan.monitoring.returns import ReturnInput, save_return
from saferplan.plans.models import Action, ActionAgency, Plan

pytestmark = pytest.mark.django_db


def dashboard(plan, q=2) -> str:
    return f"/returns/plan/{plan.pk}/?q={q}"


def my_returns(plan, q=2) -> str:
    return f"/returns/?plan={plan.pk}&q={q}"


def action(ref: str) -> Action:
    return Action.objects.get(ref=ref)


# The dashboard


def test_a_viewer_never_gets_the_managers_controls_from_the_cache(returns_plan, as_persona):
    manager_page = as_persona("manager").get(dashboard(returns_plan)).content.decode()
    assert "Send secure link" in manager_page and "/deadline/" in manager_page
    viewer_page = as_persona("viewer").get(dashboard(returns_plan)).content.decode()
    assert "Returns by lead agency" in viewer_page  # the same quarter, from the cache
    for control in ("Send secure link", "/deadline/", "Spreadsheet<", "Run the quarter"):
        assert control not in viewer_page


def test_a_manager_still_gets_the_controls_after_a_viewer_filled_the_cache(
    returns_plan, as_persona
):
    as_persona("viewer").get(dashboard(returns_plan, 3))
    page = as_persona("manager").get(dashboard(returns_plan, 3)).content.decode()
    assert "Send secure link" in page and "Change<span" in page
    assert "Open 2024/25 Q3" in page and 'name="csrfmiddlewaretoken"' in page


def test_a_new_deadline_and_a_move_show_at_once_with_the_quarters_history(returns_plan, as_persona):
    client = as_persona("manager")
    assertContains(client.get(dashboard(returns_plan)), "15 October 2024")  # now cached
    client.post(
        f"/returns/plan/{returns_plan.pk}/2/deadline/", {"day": "20", "month": "10", "year": "2024"}
    )
    page = client.get(dashboard(returns_plan)).content.decode()
    assert "20 October 2024" in page and "Deadline changed" in page
    client.post(f"/returns/plan/{returns_plan.pk}/2/status/", {"move": "open"})
    page = client.get(dashboard(returns_plan)).content.decode()
    assert "Quarter opened" in page and "Close 2024/25 Q2" in page


def test_a_submitted_return_counts_at_once(returns_plan, as_persona, lead_officer):
    client = as_persona("manager")
    period = ensure_periods(returns_plan)[1]
    before = client.get(dashboard(returns_plan)).context["board"].total.submitted
    save_return(
        action("1.1"), period, ReturnInput("Done", "on_track", submit=True), user=lead_officer
    )
    assert client.get(dashboard(returns_plan)).context["board"].total.submitted == before + 1


def test_secure_links_show_when_sent_and_go_when_revoked_or_expired(
    returns_plan, as_persona, police, manager
):
    client = as_persona("manager")
    period = ensure_periods(returns_plan)[1]
    assertNotContains(client.get(dashboard(returns_plan)), "officer@police.example")
    link, _token = create_link(period, police, "officer@police.example", user=manager)
    assertContains(client.get(dashboard(returns_plan)), "officer@police.example")
    revoke_link(link)
    assertNotContains(client.get(dashboard(returns_plan)), "officer@police.example")
    create_link(period, police, "late@police.example", user=manager)
    SecureLink.objects.filter(email="late@police.example").update(expires_at=timezone.now())
    assertNotContains(client.get(dashboard(returns_plan)), "late@police.example")


def test_the_cached_dashboard_costs_a_few_queries_however_big_the_plan(
    big_plan, verified_client, manager, viewer, django_assert_max_num_queries
):
    ensure_periods(big_plan)  # made on the first visit otherwise, which changes the plan
    url = dashboard(big_plan)
    for user, most in ((manager, 6), (viewer, 5)):
        client = verified_client(user)
        client.get(url)
        # Session, user, device, roles, the plan; the secure links for a manager.
        with django_assert_max_num_queries(most):
            assert client.get(url).status_code == 200


# My returns


def test_a_lead_officer_sees_an_action_their_agency_starts_to_lead_at_once(
    returns_plan, as_persona, police
):
    client = as_persona("lead_officer")
    assertNotContains(client.get(my_returns(returns_plan)), "Action 2.1")  # now cached
    link = ActionAgency.objects.create(action=action("2.1"), agency=police)
    assertContains(client.get(my_returns(returns_plan)), "Action 2.1")
    link.delete()
    assertNotContains(client.get(my_returns(returns_plan)), "Action 2.1")


def test_an_archived_action_leaves_my_returns_at_once(returns_plan, as_persona):
    client = as_persona("lead_officer")
    assertContains(client.get(my_returns(returns_plan)), "Action 1.2")
    archived = action("1.2")
    archived.archived_at = timezone.now()
    archived.save()
    page = client.get(my_returns(returns_plan)).content.decode()
    assert "Action 1.1" in page and "Action 1.2" not in page


def test_another_agencys_officer_gets_neither_the_rows_nor_the_drafts(
    returns_plan, as_persona, lead_officer
):
    period = ensure_periods(returns_plan)[1]
    save_return(action("1.1"), period, ReturnInput("Half written", "on_track"), user=lead_officer)
    assertContains(as_persona("lead_officer").get(my_returns(returns_plan)), "Half written")
    page = as_persona("other_officer").get(my_returns(returns_plan)).content.decode()
    assert "Action 2.2" in page
    for hidden in ("Action 1.1", "Action 1.2", "Half written"):
        assert hidden not in page
    assert as_persona("viewer").get(my_returns(returns_plan)).status_code == 404
    assertContains(as_persona("viewer").get("/returns/"), "You have no quarterly returns to write")


def test_a_lead_officer_who_loses_the_role_gets_nothing_from_the_cache(
    returns_plan, as_persona, lead_officer
):
    client = as_persona("lead_officer")
    assertContains(client.get(my_returns(returns_plan)), "Action 1.1")
    PartnershipRole.objects.filter(user=lead_officer).update(role=Role.VIEWER)
    assertContains(client.get("/returns/"), "You have no quarterly returns to write")
    assert client.get(my_returns(returns_plan)).status_code == 404


def test_a_closed_quarter_shows_at_once_without_the_form(returns_plan, as_persona, manager):
    client = as_persona("lead_officer")
    assertContains(client.get(my_returns(returns_plan)), "Submit all")
    change_status(ensure_periods(returns_plan)[1], "close", user=manager)
    page = client.get(my_returns(returns_plan)).content.decode()
    assert "returns can no longer be changed" in page and "Submit all" not in page


def test_the_cached_decisions_agree_with_can_on_the_actions(
    returns_plan, personas, other_officer, outsider
):
    Plan.objects.filter(pk=returns_plan.pk).update(status="published")
    plan = Plan.objects.get(pk=returns_plan.pk)
    actions = list(queries.plan_actions(plan))
    users = [u for u in personas.values() if u is not None] + [other_officer]
    for user in users:
        decisions = {
            agency: {a.pk: a for a in queries.action_decisions([plan], agency).get(plan.pk, [])}
            for agency in (None, agency_id_of(user))
        }
        for real in actions:
            for agency, led in decisions.items():
                leads = any(
                    link.agency_id == agency and link.role == "lead"
                    for link in real.agency_links.all()
                )
                assert (real.pk in led) == (agency is None or leads)
                if real.pk in led:
                    assert can(user, "submit_return", led[real.pk]) == can(
                        user, "submit_return", real
                    ), (user.username, real.ref)


def test_cached_my_returns_costs_a_few_queries_however_big_the_plan(
    big_plan, verified_client, lead_officer, manager, django_assert_max_num_queries
):
    ensure_periods(big_plan)
    url = my_returns(big_plan)
    for user, rows in ((lead_officer, 36), (manager, 36)):
        client = verified_client(user)
        client.get(url)
        # Session, user, device, roles, the plans, the user's agency.
        with django_assert_max_num_queries(6):
            response = client.get(url)
        assert response.content.decode().count("<textarea") == rows
