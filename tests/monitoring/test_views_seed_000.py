"""Seed 000 (Tonbridge and Malling's 2014/15 action plan) on the dashboard: the actions
without data in Q1 and Q2, with their lead agencies, as the manager must chase them."""

from __future__ import annotations

import re

import pytest

from saferplan.accounts.models import Role
from saferplan.importing.services import import_plan, read_document

pytestmark = pytest.mark.django_db

Q2_NO_DATA = {
    "Anti-social behaviour": {"2", "4", "6"},
    "Domestic abuse": {"1", "3", "4", "16"},
    "Substance misuse": {"1", "3", "6", "11"},
}


@pytest.fixture
def seed_plan(seeds_dir):
    path = next(seeds_dir.glob("000_*.txt"))
    parsed = read_document(path.name, path.read_bytes())
    return import_plan(parsed, source_name=path.name, partnership="Tonbridge and Malling CSP").plan


@pytest.fixture
def seed_manager(seed_plan, make_user, verified_client):
    user = make_user("tina", role=Role.MANAGER, partnership=seed_plan.partnership)
    return verified_client(user)


def _topic(title: str) -> str:
    for topic in Q2_NO_DATA:
        if topic.casefold() in title.casefold() or (
            topic == "Anti-social behaviour" and "asb" in title.casefold()
        ):
            return topic
    return title


def test_q2_shows_the_eleven_actions_without_data_with_their_lead_agencies(seed_plan, seed_manager):
    response = seed_manager.get(f"/returns/plan/{seed_plan.pk}/?q=2")
    assert response.status_code == 200
    no_data = [line for line, status in response.context["exceptions"] if status == "no_data"]
    found: dict[str, set[str]] = {}
    for line in no_data:
        found.setdefault(_topic(line.action.priority.title), set()).add(line.action.ref)
    assert found == Q2_NO_DATA
    assert response.context["summary"][3] == (11, "without data")
    assert all(line.leads for line in no_data)
    page = response.content.decode()
    for line in no_data:
        row = _row_of(page, line.action.pk)
        assert "No data" in row
        for agency in line.leads:
            assert (agency.acronym or agency.name) in row


def test_q1_shows_one_action_without_data_and_the_to_be_progressed_ones_not_started(
    seed_plan, seed_manager
):
    response = seed_manager.get(f"/returns/plan/{seed_plan.pk}/?q=1")
    no_data = [line for line, status in response.context["exceptions"] if status == "no_data"]
    assert [(_topic(line.action.priority.title), line.action.ref) for line in no_data] == [
        ("Domestic abuse", "16")
    ]
    page = response.content.decode()
    assert _count(page, "no-data", "No data") == 1
    # Seed 000 says "To be progressed" five times: four in Q1, one in Q2.
    assert _count(page, "not-started", "Not started") == 4
    q2 = seed_manager.get(f"/returns/plan/{seed_plan.pk}/?q=2").content.decode()
    assert _count(q2, "not-started", "Not started") == 1


def _count(page: str, modifier: str, label: str) -> int:
    """The figure beside a status in the table of the plan's statuses."""
    pattern = rf'sp-tag--{modifier}">{label}</strong>\s*</th>\s*<td[^>]*>(\d+)<'
    return int(re.search(pattern, page)[1])


def _row_of(page: str, action_id: int) -> str:
    """The exceptions table row that links to the action's page."""
    start = page.index(f'href="/plans/actions/{action_id}/"')
    return page[page.rindex("<tr", 0, start) : page.index("</tr>", start)]
