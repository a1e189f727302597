"""Cached parts of the plan page and the dashboard are never older than the plan, and never
reach someone who may not see the plan (see saferplan.core.freshness)."""

from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from saferplan.indicators.models import Indicator
from saferplan.partnerships.models import Agency
from saferplan.plans.models import Action, ActionAgency, Plan, ProgressUpdate, TargetRow

pytestmark = pytest.mark.django_db


def test_a_new_return_shows_at_once_on_a_cached_plan_page(client, plan):
    action = Action.objects.filter(priority__plan=plan, updates__isnull=True).first()
    assertNotContains(client.get(plan.get_absolute_url()), "Forty families helped")
    before = Plan.objects.get(pk=plan.pk).updated_at
    ProgressUpdate.objects.create(
        action=action, period="2024/25 Q4", text="Forty families helped", status="completed"
    )
    assert Plan.objects.get(pk=plan.pk).updated_at > before
    assertContains(client.get(plan.get_absolute_url()), "Forty families helped")


def test_edits_to_actions_links_and_agencies_show_at_once(client, plan):
    url = plan.get_absolute_url()
    client.get(url)
    action = Action.objects.filter(priority__plan=plan).first()
    action.text = "Run a brand new scheme"
    action.save()
    assertContains(client.get(url), "Run a brand new scheme")

    agency = Agency.objects.get(acronym="WP")
    agency.acronym = "WXP"
    agency.save()
    assertContains(client.get(url), ">WXP</a>")

    link = ActionAgency.objects.filter(action=action, role=ActionAgency.LEAD).first()
    link.delete()
    ActionAgency.objects.create(action=action, agency=agency, role=ActionAgency.LEAD)
    page = client.get(url).content.decode()
    row = page[page.index("Run a brand new scheme") :]
    assert row.index("WXP") < row.index("</tr>")

    action.archived_at = "2024-06-01T00:00Z"
    action.save()
    assertNotContains(client.get(url), "Run a brand new scheme")


def test_a_cached_draft_is_not_shown_to_people_who_may_not_see_drafts(
    client, verified_client, personas, draft_plan
):
    staff = verified_client(personas["viewer"])
    assert staff.get(draft_plan.get_absolute_url()).status_code == 200  # now cached
    for persona in ("scrutiny", "outsider", "anonymous"):
        other = verified_client(personas[persona])
        assert other.get(draft_plan.get_absolute_url()).status_code == 404


@pytest.fixture
def draft_plan(partnership, plan):
    Plan.objects.filter(pk=plan.pk).update(partnership=partnership, status="draft")
    return Plan.objects.get(pk=plan.pk)


def test_the_dashboard_counts_a_return_as_soon_as_it_is_saved(
    verified_client, personas, draft_plan
):
    client = verified_client(personas["manager"])
    url = f"/returns/plan/{draft_plan.pk}/?q=4"
    before = client.get(url).context["board"].total.submitted
    action = Action.objects.filter(priority__plan=draft_plan).exclude(updates__period="2024/25 Q4")
    action = action.first()
    ProgressUpdate.objects.create(
        action=action, period="2024/25 Q4", text="Done", status="completed", state="submitted"
    )
    assert client.get(url).context["board"].total.submitted == before + 1


def test_target_rows_and_indicators_show_at_once_on_a_cached_plan_page(
    client, verified_client, personas, plan
):
    url = plan.get_absolute_url()
    priority = plan.priorities.order_by("order").first()
    assertNotContains(client.get(url), "Repeat victims of hate crime")  # now cached
    TargetRow.objects.create(plan=plan, title="Repeat victims of hate crime", target="-5%")
    assertContains(client.get(url), "Repeat victims of hate crime")

    indicator = Indicator.objects.create(
        partnership=plan.partnership,
        name="Hate crimes recorded",
        unit=Indicator.Unit.COUNT,
        frequency=Indicator.Frequency.QUARTERLY,
    )
    indicator.priorities.add(priority)
    assertContains(client.get(url), f"Indicators for {priority.title}")
    assertNotContains(client.get(url), indicator.get_absolute_url())  # members only
    member = verified_client(personas["viewer"])
    Plan.objects.filter(pk=plan.pk).update(
        partnership=personas["viewer"].partnership_roles.get().partnership
    )
    indicator.partnership = Plan.objects.get(pk=plan.pk).partnership
    indicator.save()
    assertContains(member.get(url), indicator.get_absolute_url())

    priority.indicators.remove(indicator)
    assertNotContains(client.get(url), f"Indicators for {priority.title}")
    indicator.priorities.add(priority)
    assertContains(client.get(url), f"Indicators for {priority.title}")
    indicator.delete()
    assertNotContains(client.get(url), f"Indicators for {priority.title}")


def test_a_cached_plan_page_costs_one_query_whatever_its_size(
    client, plan, django_assert_num_queries
):
    url = plan.get_absolute_url()
    client.get(url)
    with django_assert_num_queries(1):  # the plan and its partnership; the rest is cached
        assert client.get(url).status_code == 200


def test_a_cached_action_page_shows_new_returns_and_edits_at_once(client, plan):
    action = Action.objects.filter(priority__plan=plan).first()
    url = action.get_absolute_url()
    assertNotContains(client.get(url), "Thirty homes visited")  # now cached
    ProgressUpdate.objects.create(
        action=action, period="2024/25 Q4", text="Thirty homes visited", status="completed"
    )
    assertContains(client.get(url), "Thirty homes visited")
    ProgressUpdate.objects.create(
        action=action, period="2025/26 Q1", text="A draft in progress", state="draft"
    )
    assertNotContains(client.get(url), "A draft in progress")
    action.measure = "Homes visited each quarter"
    action.save()
    assertContains(client.get(url), "Homes visited each quarter")


def test_a_cached_action_page_still_asks_who_may_write_its_return(
    verified_client, personas, draft_plan, django_assert_max_num_queries
):
    action = Action.objects.filter(priority__plan=draft_plan).first()
    url = action.get_absolute_url()
    manager = verified_client(personas["manager"])
    assertContains(manager.get(url), "Write the return for")  # cached now
    assertNotContains(verified_client(personas["viewer"]).get(url), "Write the return for")
    for persona in ("scrutiny", "outsider", "anonymous"):
        assert verified_client(personas[persona]).get(url).status_code == 404
    with django_assert_max_num_queries(6):  # session, user, device, roles, the action
        manager.get(url)
