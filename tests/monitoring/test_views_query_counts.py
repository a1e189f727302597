"""Every page costs the same number of queries however big the plan or the directory.

Each page is read at two sizes (the four-action fixture plan, then with 40 more actions,
each with a lead agency and returns, and 60 more partnerships with a plan each) with the
cache emptied first, so the worst case (nothing cached) is what is bounded; a second
read, from the cache, must not cost more.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache

from saferplan.partnerships.models import Partnership
from saferplan.plans.models import Action, ActionAgency, Plan, Priority, ProgressUpdate

pytestmark = pytest.mark.django_db

# The most any page may cost, nothing cached (session, user, device, roles included).
LIMIT = 16


def _grow(plan, police, council) -> None:
    """40 more live actions over the plan's priorities, with leads and two quarters' returns,
    and 60 more partnerships (more than a home page shows at once) with a plan each."""
    priorities = list(Priority.objects.filter(plan=plan))
    for n in range(40):
        action = Action.objects.create(
            priority=priorities[n % len(priorities)], ref=f"9.{n}", text=f"More work {n}"
        )
        ActionAgency.objects.create(action=action, agency=police if n % 2 else council)
        for quarter, status in (("Q1", "on_track"), ("Q2", "at_risk")):
            ProgressUpdate.objects.create(
                action=action, period=f"2024/25 {quarter}", text="Going", status=status
            )
    for n in range(60):
        other = Partnership.objects.create(name=f"District {n:02d} CSP", slug=f"district-{n:02d}")
        Plan.objects.create(
            partnership=other, year="2024/25", title=f"Plan {n}", status="published"
        )


def _urls(plan) -> dict[str, tuple[str, str]]:
    """page → (persona, URL)."""
    action = Action.objects.filter(priority__plan=plan).order_by("pk").first()
    return {
        "home": ("manager", "/"),
        "home, page 2": ("anonymous", "/?page=2"),
        "plan": ("manager", plan.get_absolute_url()),
        "plan, public": ("anonymous", plan.get_absolute_url()),
        "action": ("lead_officer", action.get_absolute_url()),
        "dashboard": ("manager", f"/returns/plan/{plan.pk}/?q=1"),
        "dashboard, viewer": ("viewer", f"/returns/plan/{plan.pk}/?q=2"),
        "returns, lead officer": ("lead_officer", f"/returns/?plan={plan.pk}&q=1"),
        "returns, manager": ("manager", f"/returns/?plan={plan.pk}&q=2"),
    }


def _counts(clients, urls, django_assert_max_num_queries) -> dict[str, int]:
    counts = {}
    for page, (persona, url) in urls.items():
        cache.clear()
        with django_assert_max_num_queries(LIMIT) as captured:
            response = clients[persona].get(url)
        assert response.status_code == 200, page
        counts[page] = len(captured.captured_queries)
        with django_assert_max_num_queries(counts[page]):  # from the cache: no more
            assert clients[persona].get(url).status_code == 200
    return counts


def test_no_page_costs_a_query_per_row(
    returns_plan, police, council, as_persona, django_assert_max_num_queries
):
    returns_plan.status = "published"
    returns_plan.save()
    first = Action.objects.get(priority__plan=returns_plan, ref="1.1")
    ProgressUpdate.objects.create(action=first, period="2024/25 Q2", status="on_track", text="Yes")
    personas = ("manager", "lead_officer", "viewer", "anonymous")
    clients = {name: as_persona(name) for name in personas}
    urls = _urls(returns_plan)
    for persona, url in urls.values():  # the first visit makes the plan's four quarters
        clients[persona].get(url)
    small = _counts(clients, urls, django_assert_max_num_queries)
    _grow(returns_plan, police, council)
    large = _counts(clients, urls, django_assert_max_num_queries)
    assert large == small
    # The pages did grow: the rows are there.
    page = clients["manager"].get(returns_plan.get_absolute_url()).content.decode()
    assert "More work 39" in page
    assert clients["anonymous"].get("/?page=2").content.decode().count("District ") >= 10
