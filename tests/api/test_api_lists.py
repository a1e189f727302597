"""Pagination and the filters: plan, agency, status, period."""

from __future__ import annotations

from factories import ActionAgencyFactory, ActionFactory
from saferplan.plans.models import ProgressUpdate


def test_lists_are_paginated(world, manager, api):
    client = api(manager)
    first = client.get("/api/plans/?page_size=1").json()
    assert first["count"] == 2
    assert len(first["results"]) == 1
    assert first["next"].endswith("page=2&page_size=1")
    second = client.get("/api/plans/?page_size=1&page=2").json()
    assert second["next"] is None
    assert second["results"][0]["id"] != first["results"][0]["id"]
    assert client.get("/api/plans/?page=99").status_code == 404


def test_returns_filter_by_plan_agency_status_and_period(
    world, manager, published, police, council, police_action, api, ids
):
    client = api(manager)
    police_q1 = ProgressUpdate.objects.get(action=police_action, period="2024/25 Q1")
    council_q1 = ProgressUpdate.objects.exclude(pk=police_q1.pk).get(period="2024/25 Q1")
    assert ids(client.get(f"/api/returns/?plan={published.pk}")) == {police_q1.pk, council_q1.pk}
    assert ids(client.get(f"/api/returns/?agency={police.pk}")) == {police_q1.pk}
    assert ids(client.get(f"/api/returns/?agency={council.pk}")) == {council_q1.pk}
    assert ids(client.get("/api/returns/?status=at_risk")) == {council_q1.pk}
    assert ids(client.get("/api/returns/?state=submitted")) == {police_q1.pk}
    assert ids(client.get("/api/returns/?period=2024/25%20Q1")) == {police_q1.pk, council_q1.pk}
    assert ids(client.get("/api/returns/?period=2024/25%20Q2")) == set()


def test_actions_filter_by_plan_and_agency(world, manager, published, draft, police, api, ids):
    client = api(manager)
    in_published = ids(client.get(f"/api/actions/?plan={published.pk}"))
    assert len(in_published) == 2
    police_led = ids(client.get(f"/api/actions/?lead={police.pk}"))
    expected = {a.pk for a in draft.priorities.get().actions.all()}
    expected.add(published.priorities.get().actions.get(ref="1.1").pk)
    assert police_led == expected
    partner = ActionFactory(priority=published.priorities.get(), ref="1.3")
    ActionAgencyFactory(action=partner, agency=police, role="partner")
    assert partner.pk in ids(client.get(f"/api/actions/?agency={police.pk}"))
    assert partner.pk not in ids(client.get(f"/api/actions/?lead={police.pk}"))


def test_a_filter_naming_something_hidden_matches_nothing(world, scrutiny, draft, api, ids):
    assert ids(api(scrutiny).get(f"/api/actions/?plan={draft.pk}")) == set()


def test_malformed_filters_are_400_not_500(world, manager, api):
    client = api(manager)
    for query in ("plan=abc", "plan=-1", "plan=99999999999999999999", "status=purple"):
        assert client.get(f"/api/returns/?{query}").status_code == 400, query


def test_list_pages_take_a_fixed_number_of_queries(
    world, manager, published, api, django_assert_max_num_queries
):
    client = api(manager)
    for n in range(10):
        ActionFactory(priority=published.priorities.get(), ref=f"2.{n}")
    for url in ("/api/actions/", "/api/returns/", "/api/plans/", "/api/priorities/"):
        with django_assert_max_num_queries(8):
            assert client.get(url).status_code == 200


def test_actions_filter_by_the_status_of_their_latest_return_and_by_period(
    world, manager, published, police_action, council_action, api, ids
):
    client = api(manager)
    plan = f"plan={published.pk}"
    ProgressUpdate.objects.create(
        action=police_action, period="2024/25 Q2", text="Slipping", status="at_risk"
    )
    # The police action: on_track in Q1, at_risk in Q2 (latest); the council's: at_risk in Q1.
    assert ids(client.get(f"/api/actions/?{plan}&status=at_risk")) == {
        police_action.pk,
        council_action.pk,
    }
    assert ids(client.get(f"/api/actions/?{plan}&status=on_track")) == set()
    q1 = "period=2024/25%20Q1"
    assert ids(client.get(f"/api/actions/?{plan}&status=on_track&{q1}")) == {police_action.pk}
    assert ids(client.get(f"/api/actions/?{plan}&status=at_risk&{q1}")) == {council_action.pk}
    assert ids(client.get(f"/api/actions/?{plan}&period=2024/25%20q2")) == {police_action.pk}
    q2 = "period=2024/25%20Q2"
    assert ids(client.get(f"/api/actions/?{plan}&status=no_return&{q2}")) == {council_action.pk}
    assert ids(client.get(f"/api/actions/?{plan}&status=no_return")) == set()
    assert client.get("/api/actions/?status=purple").status_code == 400


def test_action_status_filters_count_drafts_only_for_those_who_see_drafts(
    world, manager, scrutiny, published, council_action, api, ids
):
    # The council action's only return is a draft (at_risk): hidden from the public.
    query = f"/api/actions/?plan={published.pk}&status=at_risk"
    assert council_action.pk in ids(api(manager).get(query))
    assert council_action.pk not in ids(api(scrutiny).get(query))
    no_return = f"/api/actions/?plan={published.pk}&status=no_return"
    assert council_action.pk in ids(api(scrutiny).get(no_return))
    assert council_action.pk not in ids(api(manager).get(no_return))
