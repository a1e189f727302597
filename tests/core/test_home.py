"""The home page's table of partnerships: cached rows are never older than the data, and
a reader never sees a latest plan they may not see."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from pytest_django.asserts import assertContains, assertNotContains

from factories import PartnershipFactory, PlanFactory
from saferplan.accounts.models import Role
from saferplan.plans.models import Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(partnership) -> Plan:
    return PlanFactory(partnership=partnership, year="2024/25", title="Ashcombe Plan 2024/25")


@pytest.fixture
def draft(partnership, published) -> Plan:
    return PlanFactory(
        partnership=partnership, year="2025/26", title="Ashcombe Draft 2025/26", status="draft"
    )


def _row(html: str, name: str) -> str:
    start = html.index(name)
    return html[start : html.index("</tr>", start)]


def test_each_partnership_links_to_its_page_and_latest_plan(client, published):
    PartnershipFactory(name="Brookfield CSP")
    html = client.get("/").content.decode()
    row = _row(html, "Ashcombe CSP")
    assert f'href="{published.partnership.get_absolute_url()}"' in html
    assert f'href="{published.get_absolute_url()}">Ashcombe Plan 2024/25</a>' in row
    assert "2024/25" in row and "sp-tag--published" in row
    assert "No plan yet" in _row(html, "Brookfield CSP")


def test_a_change_to_a_name_or_a_latest_plan_shows_at_once(client, published):
    client.get("/")  # the rows are now cached
    published.partnership.name = "Ashcombe and Dene CSP"
    published.partnership.save()
    assertContains(client.get("/"), "Ashcombe and Dene CSP")

    published.title = "Ashcombe Plan, revised"
    published.save()
    assertContains(client.get("/"), "Ashcombe Plan, revised")

    newer = PlanFactory(partnership=published.partnership, year="2025/26", title="Next plan")
    html = client.get("/").content.decode()
    assert "Next plan" in html and "Ashcombe Plan, revised" not in html

    newer.delete()  # archived: no longer shown
    html = client.get("/").content.decode()
    assert "Next plan" not in html and "Ashcombe Plan, revised" in html


def test_a_members_cached_rows_do_not_show_a_draft_to_others(
    verified_client, personas, manager, draft
):
    members = verified_client(manager)
    assertContains(members.get("/"), "Ashcombe Draft 2025/26")  # their rows are cached
    for persona in ("scrutiny", "outsider", "anonymous"):
        html = verified_client(personas[persona]).get("/").content.decode()
        assert "Ashcombe Draft 2025/26" not in html, persona
        assert "Ashcombe Plan 2024/25" in _row(html, "Ashcombe CSP"), persona


def test_the_publics_cached_rows_do_not_hide_a_draft_from_members(
    client, verified_client, viewer, draft
):
    assertNotContains(client.get("/"), "Ashcombe Draft 2025/26")
    assertContains(verified_client(viewer).get("/"), "Ashcombe Draft 2025/26")


def test_publishing_a_draft_shows_it_to_the_public_at_once(client, draft):
    assertNotContains(client.get("/"), "Ashcombe Draft 2025/26")
    draft.status = Plan.Status.PUBLISHED
    draft.save()
    assertContains(client.get("/"), "Ashcombe Draft 2025/26")


def test_a_search_and_a_page_have_their_own_rows(client, published):
    for n in range(55):
        PartnershipFactory(name=f"Zedbury {n:02} CSP", area="Zedbury")
    first, second = client.get("/").content.decode(), client.get("/?page=2").content.decode()
    assert "Ashcombe CSP" in first and "Ashcombe CSP" not in second
    assert "Zedbury 54 CSP" in second and "Zedbury 54 CSP" not in first
    found = client.get("/?name=ashcombe").content.decode()
    assert "Ashcombe CSP" in found and "Zedbury" not in found.split("<tbody")[1]


def test_the_home_page_costs_the_same_queries_for_more_partnerships(
    verified_client, manager, published, django_assert_max_num_queries
):
    client = verified_client(manager)
    client.get("/")

    def count() -> int:
        cache.clear()  # a miss costs no more than a hit in queries
        with django_assert_max_num_queries(9) as ctx:
            assert client.get("/").status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for n in range(40):
        PlanFactory(partnership=PartnershipFactory(name=f"Extra {n:02} CSP"), year="2024/25")
        PlanFactory(partnership=PartnershipFactory(name=f"Extra {n:02} CSP"), year="2023/24")
    assert count() == few


def test_a_role_does_not_change_what_the_public_rows_show(client, make_user, partnership, draft):
    """A scrutiny reader shares the public's rows: they may not see drafts either."""
    dave = make_user("dave2", role=Role.SCRUTINY, partnership=partnership)
    client.force_login(dave)
    assertNotContains(client.get("/"), "Ashcombe Draft 2025/26")


def test_a_page_asked_again_costs_one_query_beyond_the_session(
    verified_client, manager, published, django_assert_num_queries
):
    client = verified_client(manager)
    client.get("/")
    with django_assert_num_queries(5):  # session, user, device, roles; the data's version
        assert client.get("/").status_code == 200


def test_control_characters_in_a_search_are_dropped_not_a_server_error(client, published):
    found = client.get("/", {"name": "\x00Ashcombe\x07"})
    assert found.status_code == 200
    assertContains(found, "match “Ashcombe”")
    assert client.get("/search/", {"q": "\x00"}).status_code == 200  # "Enter words to search for"
