"""The partnership page: its cached plan table is never older than the plans, and never
shows a draft to someone who may not see it; members alone see indicators."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.core.cache import cache
from pytest_django.asserts import assertContains, assertNotContains

from factories import (
    ActionFactory,
    AgencyFactory,
    AgencyMembershipFactory,
    GlossaryEntryFactory,
    PlanFactory,
    PriorityFactory,
)
from saferplan.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from saferplan.plans.models import Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(partnership) -> Plan:
    plan = PlanFactory(partnership=partnership, year="2024/25", title="Ashcombe Plan 2024/25")
    priority = PriorityFactory(plan=plan)
    for _ in range(3):
        ActionFactory(priority=priority)
    return plan


@pytest.fixture
def draft(partnership, published) -> Plan:
    return PlanFactory(
        partnership=partnership, year="2025/26", title="Ashcombe Draft 2025/26", status="draft"
    )


def _counts(html: str, title: str) -> list[str]:
    """The Priorities and Actions cells of the plan's row."""
    row = html[html.index(title) : html.index("</tr>", html.index(title))]
    cell = '<td class="govuk-table__cell govuk-table__cell--numeric">'
    return [part.split("</td>")[0] for part in row.split(cell)[1:]]


def test_the_page_shows_plans_agencies_and_glossary(client, published, council):
    GlossaryEntryFactory(partnership=published.partnership, term="ASB", meaning="Anti-social")
    html = client.get(published.partnership.get_absolute_url()).content.decode()
    assert f'href="{published.get_absolute_url()}">Ashcombe Plan 2024/25</a>' in html
    assert _counts(html, "Ashcombe Plan 2024/25") == ["1", "3"]
    assert f'href="{council.get_absolute_url()}">Ashcombe Borough Council (ABC)</a>' in html
    assert '<dt class="govuk-summary-list__key">ASB</dt>' in html


def test_a_partnership_without_plans_says_so(client, partnership):
    assertContains(client.get(partnership.get_absolute_url()), "has no plans yet")


def test_changes_to_the_plans_show_at_once(client, published):
    url = published.partnership.get_absolute_url()
    client.get(url)  # the plan table is now cached
    priority = published.priorities.get()
    ActionFactory(priority=priority)
    assert _counts(client.get(url).content.decode(), "Ashcombe Plan 2024/25") == ["1", "4"]

    action = priority.actions.first()
    action.delete()  # archived
    assert _counts(client.get(url).content.decode(), "Ashcombe Plan 2024/25") == ["1", "3"]

    PriorityFactory(plan=published)
    assert _counts(client.get(url).content.decode(), "Ashcombe Plan 2024/25") == ["2", "3"]

    published.title = "Ashcombe Plan, revised"
    published.save()
    assertContains(client.get(url), "Ashcombe Plan, revised")

    older = PlanFactory(partnership=published.partnership, year="2023/24", title="Older plan")
    html = client.get(url).content.decode()
    assert html.index("Ashcombe Plan, revised") < html.index("Older plan")

    older.delete()
    assertNotContains(client.get(url), "Older plan")


def test_a_plan_removed_outright_goes_at_once(client, published):
    """A removal that saves nothing (a queryset delete, as the admin's bulk action does)
    leaves the latest stamp alone; the number of plans moves instead."""
    older = PlanFactory(partnership=published.partnership, year="2023/24", title="Older plan")
    published.save()  # the newest stamp is not the older plan's
    url = published.partnership.get_absolute_url()
    assertContains(client.get(url), "Older plan")
    Plan.objects.filter(pk=older.pk).delete()
    assertNotContains(client.get(url), "Older plan")


def test_a_members_cached_table_does_not_show_a_draft_to_others(
    verified_client, personas, manager, draft
):
    url = draft.partnership.get_absolute_url()
    assertContains(verified_client(manager).get(url), "Ashcombe Draft 2025/26")  # cached
    for persona in ("scrutiny", "outsider", "anonymous"):
        page = verified_client(personas[persona]).get(url)
        assertNotContains(page, "Ashcombe Draft 2025/26")
        assertContains(page, "Ashcombe Plan 2024/25")


def test_the_publics_cached_table_does_not_hide_a_draft_from_members(
    client, verified_client, viewer, draft
):
    url = draft.partnership.get_absolute_url()
    assertNotContains(client.get(url), "Ashcombe Draft 2025/26")
    assertContains(verified_client(viewer).get(url), "Ashcombe Draft 2025/26")


def test_publishing_a_draft_shows_it_to_the_public_at_once(client, draft):
    url = draft.partnership.get_absolute_url()
    assertNotContains(client.get(url), "Ashcombe Draft 2025/26")
    draft.status = Plan.Status.PUBLISHED
    draft.save()
    assertContains(client.get(url), "Ashcombe Draft 2025/26")


def test_agencies_and_glossary_changes_show_at_once(client, published):
    url = published.partnership.get_absolute_url()
    assertContains(client.get(url), "No member agencies are recorded")
    agency = AgencyFactory(name="Dene Valley Housing")
    AgencyMembershipFactory(partnership=published.partnership, agency=agency)
    entry = GlossaryEntryFactory(partnership=published.partnership, term="DVH", meaning="Old")
    assertContains(client.get(url), "Dene Valley Housing")
    entry.meaning = "Dene Valley Housing, a landlord"
    entry.save()
    assertContains(client.get(url), "Dene Valley Housing, a landlord")


def test_indicators_are_for_members_only(client, verified_client, viewer, published):
    url = published.partnership.get_absolute_url()
    assertNotContains(verified_client(viewer).get(url), "Performance indicators</h2>")
    Indicator.objects.create(partnership=published.partnership, name="Burglaries")
    assertContains(verified_client(viewer).get(url), "Burglaries")
    assertNotContains(client.get(url), "Burglaries")


@pytest.mark.parametrize(
    "persona", ["manager", "lead_officer", "viewer", "scrutiny", "outsider", "anonymous"]
)
def test_the_indicator_and_assessment_links_show_to_whoever_may_open_them(
    verified_client, personas, published, persona
):
    """A signed-in member of another partnership saw both links and got 404 behind them."""
    reader = verified_client(personas[persona])
    slug = published.partnership.slug
    html = reader.get(published.partnership.get_absolute_url()).content.decode()
    for url in (f"/indicators/{slug}/", f"/assessment/{slug}/"):
        opens = reader.get(url).status_code == 200
        assert (f'href="{url}"' in html) == opens, (persona, url)
        assert opens == (persona not in ("outsider", "anonymous")), (persona, url)


def test_an_unknown_partnership_is_not_found(client, db):
    assert client.get("/partnerships/no-such-csp/").status_code == 404


def test_the_page_costs_the_same_queries_for_more_rows(
    verified_client, viewer, published, django_assert_max_num_queries
):
    client = verified_client(viewer)
    partnership = published.partnership
    url = partnership.get_absolute_url()
    client.get(url)

    def count() -> int:
        cache.clear()  # a miss: the plan table's own query too
        with django_assert_max_num_queries(16) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for n in range(4):
        plan = PlanFactory(partnership=partnership, year=f"20{10 + n}/{11 + n}")
        ActionFactory(priority=PriorityFactory(plan=plan))
        AgencyMembershipFactory(partnership=partnership, agency=AgencyFactory())
        GlossaryEntryFactory(partnership=partnership)
        indicator = Indicator.objects.create(partnership=partnership, name=f"Indicator {n}")
        IndicatorValue.objects.create(indicator=indicator, period="2024/25", value=D(n))
        IndicatorTarget.objects.create(indicator=indicator, year="2024/25", target_value=D(1))
    many = count()
    Indicator.objects.create(partnership=partnership, name="One more")
    assert count() == many  # more indicators, agencies or plans: no more queries
    assert many == few + 4, (few, many)  # the indicator table's four prefetches


def test_renamed_and_newly_added_agencies_show_at_once(client, published):
    url = published.partnership.get_absolute_url()
    agency = AgencyFactory(name="Dene Valley Housing")
    client.get(url)  # cached without it
    agency.partnerships.add(published.partnership)  # memberships written without a save
    assertContains(client.get(url), "Dene Valley Housing")
    agency.name = "Dene Valley Homes"
    agency.save()
    assertContains(client.get(url), "Dene Valley Homes")
    published.partnership.agencies.remove(agency)
    assertContains(client.get(url), "No member agencies are recorded")


def test_a_cached_page_costs_six_queries(
    verified_client, viewer, published, django_assert_num_queries
):
    client = verified_client(viewer)
    url = published.partnership.get_absolute_url()
    client.get(url)
    # session, user, device, roles; the partnership; its visible plans' version
    with django_assert_num_queries(6):
        assert client.get(url).status_code == 200
