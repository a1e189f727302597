"""Each persona sees, through the API, exactly what the web shows them (a matrix)."""

from __future__ import annotations

import pytest

ALL = ["manager", "lead_officer", "viewer", "scrutiny", "outsider", "anonymous"]
STAFF = {"manager", "lead_officer", "viewer"}


@pytest.mark.parametrize("who", ALL)
def test_plan_list_shows_published_plans_and_your_drafts(who, world, personas, api, ids):
    seen = ids(api(personas[who]).get("/api/plans/"))
    expected = {world["published"].pk}
    if who in STAFF:
        expected.add(world["draft"].pk)
    if who == "outsider":
        expected.add(world["elsewhere"].pk)
    assert seen == expected


@pytest.mark.parametrize("who", ALL)
def test_a_draft_plan_is_404_to_anyone_outside_its_staff(who, world, personas, api):
    client = api(personas[who])
    draft = world["draft"]
    action = draft.priorities.get().actions.get()
    expected = 200 if who in STAFF else 404
    assert client.get(f"/api/plans/{draft.pk}/").status_code == expected
    assert client.get(f"/api/actions/{action.pk}/").status_code == expected
    assert client.get(f"/api/priorities/{action.priority_id}/").status_code == expected


@pytest.mark.parametrize("who", ALL)
def test_draft_returns_show_only_to_partnership_staff(who, world, personas, api):
    rows = api(personas[who]).get("/api/returns/").json()["results"]
    states = {row["state"] for row in rows}
    assert states == ({"submitted", "draft"} if who in STAFF else {"submitted"})


@pytest.mark.parametrize("who", ALL)
def test_indicators_show_only_to_members(who, world, personas, indicator, api, ids):
    client = api(personas[who])
    member = who in STAFF | {"scrutiny"}
    assert ids(client.get("/api/indicators/")) == ({indicator.pk} if member else set())
    assert len(ids(client.get("/api/indicator-values/"))) == (1 if member else 0)
    detail = client.get(f"/api/indicators/{indicator.pk}/")
    assert detail.status_code == (200 if member else 404)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("manager", 201),
        ("lead_officer", 201),  # the police lead 1.1
        ("viewer", 403),
        ("scrutiny", 403),
        ("outsider", 403),  # may read the published plan, not write to it
        ("anonymous", 401),
    ],
)
def test_who_may_submit_a_return_on_a_police_action(
    who, expected, world, personas, police_action, api
):
    response = api(personas[who]).post(
        "/api/returns/",
        {"action": police_action.pk, "period": "2024/25 Q2", "text": "Done", "status": "on_track"},
        format="json",
    )
    assert response.status_code == expected, response.content


def test_a_lead_officer_may_not_submit_for_another_agencys_action(
    world, lead_officer, council_action, api
):
    response = api(lead_officer).post(
        "/api/returns/",
        {"action": council_action.pk, "period": "2024/25 Q2", "text": "x", "status": "on_track"},
        format="json",
    )
    assert response.status_code == 403


def test_an_outsider_submitting_to_a_draft_plan_gets_404(world, outsider, api):
    action = world["draft"].priorities.get().actions.get()
    response = api(outsider).post(
        "/api/returns/",
        {"action": action.pk, "period": "2025/26 Q1", "text": "x", "status": "on_track"},
        format="json",
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("manager", 201),
        ("lead_officer", 201),  # the police own the indicator
        ("viewer", 403),
        ("scrutiny", 403),
        ("outsider", 404),
        ("anonymous", 401),
    ],
)
def test_who_may_record_an_indicator_value(who, expected, world, personas, indicator, api):
    response = api(personas[who]).post(
        "/api/indicator-values/",
        {"indicator": indicator.pk, "period": "2025/26", "value": "101.5"},
        format="json",
    )
    assert response.status_code == expected, response.content


def test_the_directory_is_public(world, api, partnership, police, ids):
    client = api(None)
    assert partnership.pk in ids(client.get("/api/partnerships/"))
    assert police.pk in ids(client.get("/api/agencies/"))
