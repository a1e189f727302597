"""Searching actions: by words, measure, reference and agency; errors for bad queries."""

from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from factories import ActionFactory, PlanFactory, PriorityFactory

pytestmark = pytest.mark.django_db


def test_the_search_page_starts_empty(client, db):
    response = client.get("/search/")
    assertContains(response, "Search actions")
    assertNotContains(response, "There is a problem")
    assertNotContains(response, "found")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sanctuary", "Provide the sanctuary scheme"),
        ("SESSIONS DELIVERED", "Provide the sanctuary scheme"),  # the measure, any case
        ("2.3", "Run detached youth work"),  # a reference
        ("Harbour Lights", "Number of sessions delivered"),  # an agency's name
        ("WFRS", '<td class="govuk-table__cell">WFRS</td>'),  # an agency acronym
    ],
)
def test_it_finds_actions(client, plan, query, expected):
    response = client.get("/search/", {"q": query})
    assertContains(response, "found")
    assertContains(response, expected)
    assertContains(response, plan.get_absolute_url())


def test_results_are_grouped_by_plan(client, plan):
    other = PlanFactory(partnership=plan.partnership, year="2023/24", title="Last year")
    ActionFactory(priority=PriorityFactory(plan=other), text="Sanctuary scheme pilot")
    html = client.get("/search/", {"q": "sanctuary"}).content.decode()
    assert html.count("<caption") == 2
    assert html.index("plan for 2024/25") < html.index("plan for 2023/24")


def test_no_results_has_an_empty_state(client, plan):
    response = client.get("/search/", {"q": "zeppelin"})
    assertContains(response, "No actions found")
    assertContains(response, "Nothing matched “zeppelin”")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Enter words to search for"),
        ("   ", "Enter words to search for"),
        ("x" * 101, "Search words must be 100 characters or fewer"),
    ],
)
def test_empty_or_long_queries_show_a_gov_uk_error(client, db, query, message):
    response = client.get("/search/", {"q": query})
    assertContains(response, "There is a problem")
    assertContains(response, f'<a href="#q">{message}</a>', html=False)
    assertContains(response, "govuk-input--error")
    assertContains(response, "<title>Error: Search actions – SaferPlan</title>")


def test_archived_actions_are_not_found(client, plan):
    plan.priorities.first().actions.update(archived_at="2024-06-01T00:00Z")
    assertContains(client.get("/search/", {"q": "sanctuary"}), "4 actions found")
