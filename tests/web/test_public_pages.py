"""The public pages: what they show, and that they cost a fixed number of queries."""

from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from factories import ActionFactory, AgencyFactory, PartnershipFactory, PlanFactory
from saferplan.plans.models import Action, Priority

pytestmark = pytest.mark.django_db


def test_home_lists_partnerships_with_their_latest_plan(client, plan):
    PlanFactory(partnership=plan.partnership, year="2023/24", title="Older plan")
    PartnershipFactory(name="Brandon Vale Community Safety Partnership")
    response = client.get("/")
    assertContains(response, "Community safety plans – SaferPlan")
    assertContains(response, plan.title)
    assertNotContains(response, "Older plan")
    assertContains(response, "Brandon Vale Community Safety Partnership")
    assertContains(response, "No plan yet")


def test_base_template_is_gov_uk_frontend_without_the_crown(client, plan):
    html = client.get("/").content.decode()
    assert '<html lang="en-GB" class="govuk-template">' in html
    assert 'href="#main-content"' in html and 'id="main-content"' in html
    assert "/static/govuk/saferplan.css" in html
    assert "/static/saferplan/js-enabled.js" in html
    assert "govuk-header__logotype" not in html and "crown" not in html.lower()
    assert "<script>" not in html  # no inline scripts: a strict CSP must hold


def test_partnership_list(client, plan):
    response = client.get("/partnerships/")
    assertContains(response, plan.partnership.name)
    assertContains(response, plan.get_absolute_url())


def test_partnership_page_shows_plans_newest_first_with_counts(client, plan):
    PlanFactory(partnership=plan.partnership, year="2023/24", title="Older plan")
    response = client.get(plan.partnership.get_absolute_url())
    html = response.content.decode()
    assert html.index("2024/25") < html.index("2023/24")
    assertContains(response, '<td class="govuk-table__cell govuk-table__cell--numeric">5</td>')
    assertContains(response, '<td class="govuk-table__cell govuk-table__cell--numeric">20</td>')
    assertContains(response, "Harbour Lights Domestic Abuse Service (HLDAS)")
    assertContains(response, "Anti-social behaviour")  # glossary


def test_partnership_page_does_not_count_archived_rows(client, plan):
    priority = Priority.objects.filter(plan=plan).first()
    Action.objects.filter(priority=priority).update(archived_at="2024-06-01T00:00Z")
    response = client.get(plan.partnership.get_absolute_url())
    assertContains(response, '<td class="govuk-table__cell govuk-table__cell--numeric">16</td>')


def test_plan_page_shows_priorities_actions_and_updates(client, plan):
    response = client.get(plan.get_absolute_url())
    assertContains(
        response, "Ashcombe Community Safety Partnership Action Plan 2024/25 – SaferPlan"
    )
    assertContains(response, "action-plan.docx")
    assertContains(response, "Violent crime")  # the theme group heading
    assertContains(response, "Subsidiary priority")
    assertContains(response, "Why this is a priority")
    assertContains(response, "sp-tag--at-risk")
    assertContains(response, "2024/25 Q2:")
    assertContains(response, "Performance targets")
    assertContains(response, "NI 16")
    html = response.content.decode()
    # Subsidiary priorities come after the main ones.
    assert html.index('id="subsidiary-priorities"') > html.index("Night-time economy</h3>")


def test_plan_page_hides_archived_priorities(client, plan):
    priority = Priority.objects.get(plan=plan, title="Anti-social behaviour")
    priority.archived_at = "2024-06-01T00:00Z"
    priority.save()
    assertNotContains(client.get(plan.get_absolute_url()), "Anti-social behaviour</h2>")


def test_action_page_shows_every_field_and_updates_by_quarter(client, plan):
    action = Action.objects.get(priority__plan=plan, ref="1.2")
    action.aim = "Fewer repeat victims"
    action.evidence = "MARAC minutes"
    action.save()
    response = client.get(action.get_absolute_url())
    for text in ("Action 1.2", "Fewer repeat victims", "MARAC minutes", "Baseline", "N/A"):
        assertContains(response, text)
    for link in action.agency_links.all():
        assertContains(response, link.agency.get_absolute_url())
    assertContains(response, "2024/25 Q1")
    assertContains(response, "April to June 2024")
    assertContains(response, "Data to be provided")
    assertContains(response, plan.get_absolute_url())


def test_archived_action_is_not_found(client, plan):
    action = Action.objects.get(priority__plan=plan, ref="1.1")
    action.archived_at = "2024-06-01T00:00Z"
    action.save()
    assert client.get(f"/plans/actions/{action.pk}/").status_code == 404


def test_agency_pages(client, plan):
    response = client.get("/partnerships/agencies/")
    assertContains(response, "Wessex Police (WP)")
    agency = plan.partnership.agencies.get(acronym="WP")
    response = client.get(agency.get_absolute_url())
    assertContains(response, "Wessex Police")
    assertContains(response, "Lead</strong>")
    assertContains(response, "Partner</strong>")
    assertContains(response, "Leads the priorit")
    assertContains(response, plan.get_absolute_url())


def test_agency_with_no_work_says_so(client, db):
    agency = AgencyFactory(name="Ashcombe Youth Trust", email="hello@example.org")
    response = client.get(agency.get_absolute_url())
    assertContains(response, "does not lead or support any action")
    assertContains(response, "mailto:hello@example.org")


@pytest.mark.parametrize(
    "url", ["/partnerships/nobody/", "/partnerships/agencies/nobody/", "/plans/999/"]
)
def test_unknown_objects_are_not_found(client, db, url):
    response = client.get(url)
    assert response.status_code == 404
    assertContains(response, "Page not found", status_code=404)


def _urls(plan) -> list[str]:
    action = Action.objects.filter(priority__plan=plan).first()
    agency = plan.partnership.agencies.get(acronym="WP")
    return [
        "/",
        "/partnerships/",
        plan.partnership.get_absolute_url(),
        "/partnerships/agencies/",
        agency.get_absolute_url(),
        plan.get_absolute_url(),
        action.get_absolute_url(),
        "/search/?q=police",
    ]


def test_pages_issue_a_fixed_number_of_queries(client, plan, django_assert_max_num_queries):
    urls = _urls(plan)
    counts = {}
    for url in urls:
        with django_assert_max_num_queries(10) as ctx:
            assert client.get(url).status_code == 200
        counts[url] = len(ctx.captured_queries)
    # Doubling the plan's actions must not add a query to any page.
    for priority in Priority.objects.filter(plan=plan):
        for n in range(4):
            ActionFactory(priority=priority, ref=f"{priority.ref}.{10 + n}", text="More work")
    for url in urls:
        with django_assert_max_num_queries(counts[url]):
            client.get(url)


PUBLIC_PAGES = [
    "/public/",
    "/public/plans/{pk}/",
    "/public/plans/{pk}/charts/0.png",
    "/public/plans/{pk}/open-data.csv",
    "/public/plans/{pk}/open-data.json",
    "/public/plans/{pk}/plan.html",
]


def test_public_plan_pages_issue_a_bounded_number_of_queries(
    client, plan, django_assert_max_num_queries
):
    """The residents' pages and open data, with indicators to chart, cost the same number of
    queries however many actions the plan has."""
    from factories import ActionAgencyFactory, ProgressUpdateFactory, add_sample_indicators

    add_sample_indicators(plan)
    urls = [url.format(pk=plan.pk) for url in PUBLIC_PAGES]
    counts = {}
    for url in urls:
        with django_assert_max_num_queries(26) as ctx:
            assert client.get(url).status_code == 200, url
        counts[url] = len(ctx.captured_queries)
    agencies = list(plan.partnership.agencies.all())
    for priority in Priority.objects.filter(plan=plan):
        for n in range(6):
            action = ActionFactory(priority=priority, ref=f"{priority.ref}.{20 + n}", text="More")
            ActionAgencyFactory(action=action, agency=agencies[n % len(agencies)])
            ProgressUpdateFactory(action=action, period="2024/25 Q1")
    for url in urls:
        with django_assert_max_num_queries(counts[url]):
            assert client.get(url).status_code == 200, url
