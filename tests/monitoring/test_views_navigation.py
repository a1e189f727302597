"""People reach the returns pages from the pages they already use, and only those who may.

"My returns" in the service navigation for managers and lead officers; the plan page links
to its returns dashboard for managers and viewers; the action page links to its history
(staff) and to its return form (those who may submit it).  The links follow ``can``.
"""

from __future__ import annotations

import pytest

from saferplan.plans.models import Action

pytestmark = pytest.mark.django_db

MY_RETURNS = '<a class="govuk-service-navigation__link" href="/returns/"'


@pytest.fixture
def published(returns_plan):
    returns_plan.status = "published"
    returns_plan.save()
    return returns_plan


@pytest.mark.parametrize(
    ("persona", "shown"),
    [
        ("manager", True),
        ("lead_officer", True),
        ("other_officer", True),
        ("outsider", True),  # manages another partnership: has returns of their own
        ("viewer", False),
        ("scrutiny", False),
        ("anonymous", False),
    ],
)
def test_my_returns_is_in_the_navigation_of_people_who_write_returns(
    published, as_persona, persona, shown
):
    page = as_persona(persona).get("/").content.decode()
    assert (MY_RETURNS in page) is shown


def test_my_returns_is_the_current_section_on_the_returns_page_not_on_the_dashboard(
    published, as_persona
):
    client = as_persona("manager")
    returns_page = client.get("/returns/").content.decode()
    assert f'{MY_RETURNS} aria-current="true">' in returns_page
    dashboard = client.get(f"/returns/plan/{published.pk}/?q=1").content.decode()
    assert f'{MY_RETURNS} aria-current="true">' not in dashboard
    assert '<a class="govuk-service-navigation__link" href="/partnerships/" aria-current' in (
        dashboard
    )


@pytest.mark.parametrize(
    ("persona", "shown"),
    [
        ("manager", True),
        ("viewer", True),
        ("lead_officer", False),
        ("scrutiny", False),
        ("outsider", False),
        ("anonymous", False),
    ],
)
def test_the_plan_page_links_to_its_dashboard_for_managers_and_viewers(
    published, as_persona, persona, shown
):
    client = as_persona(persona)
    page = client.get(published.get_absolute_url()).content.decode()
    link = f'href="/returns/plan/{published.pk}/"'
    assert (link in page) is shown
    if shown:
        assert client.get(f"/returns/plan/{published.pk}/").status_code == 200


@pytest.mark.parametrize(
    ("persona", "history", "submit"),
    [
        ("manager", True, True),
        ("lead_officer", True, True),  # the police lead action 1.1
        ("other_officer", True, False),  # Mediation leads 2.2, not 1.1
        ("viewer", True, False),
        ("scrutiny", False, False),
        ("outsider", False, False),
        ("anonymous", False, False),
    ],
)
def test_the_action_page_links_to_its_history_and_return_for_those_who_may(
    published, as_persona, persona, history, submit
):
    action = Action.objects.get(priority__plan=published, ref="1.1")
    client = as_persona(persona)
    page = client.get(action.get_absolute_url()).content.decode()
    assert (f'href="/returns/history/action/{action.pk}/"' in page) is history
    assert (f'href="/returns/action/{action.pk}/' in page) is submit
    if submit:
        start = page.index(f'href="/returns/action/{action.pk}/') + 6
        url = page[start : page.index('"', start)]
        assert client.get(url).status_code == 200
    if history:
        assert client.get(f"/returns/history/action/{action.pk}/").status_code == 200


def test_a_lead_officer_may_submit_the_actions_their_agency_leads_from_the_action_page(
    published, as_persona
):
    mediation_action = Action.objects.get(priority__plan=published, ref="2.2")
    page = as_persona("other_officer").get(mediation_action.get_absolute_url()).content.decode()
    assert f'href="/returns/action/{mediation_action.pk}/' in page
