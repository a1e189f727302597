"""Saved strategic assessments through the API: read only, and shown to exactly those who may
open the partnership's assessment pages on the web."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from saferplan.accounts.permissions import can

from .conftest import _assessment

ALL = ["manager", "lead_officer", "viewer", "scrutiny", "outsider", "anonymous"]
MEMBERS = {"manager", "lead_officer", "viewer", "scrutiny"}  # any role in Ashcombe


@pytest.mark.parametrize("who", ALL)
def test_assessments_show_to_those_who_may_open_the_assessment_pages(
    who,
    world,
    personas,
    partnership,
    assessment,
    elsewhere_assessment,
    api,
    ids,
    verified_client,
    settings,
    tmp_path,
):
    settings.SAFERPLAN_CRIME_DB = tmp_path / "crime.duckdb"  # an empty store for the web page
    user = personas[who]
    client = api(user)
    may_view = can(user, "view", partnership)
    assert may_view == (who in MEMBERS)
    seen = ids(client.get("/api/assessments/"))
    assert (assessment.pk in seen) == may_view
    assert (elsewhere_assessment.pk in seen) == (who == "outsider")  # eve manages Brookfield
    detail = client.get(f"/api/assessments/{assessment.pk}/")
    assert detail.status_code == (200 if may_view else 404)
    # The web page agrees, person by person.
    web = Client() if user is None else verified_client(user)
    page = web.get(f"/assessment/{partnership.slug}/saved/{assessment.pk}/")
    if who == "anonymous":
        assert page.status_code == 302  # to sign in
    else:
        assert (page.status_code != 404) == may_view


def test_an_assessment_carries_its_windows_county_and_scores(world, viewer, assessment, api):
    body = api(viewer).get(f"/api/assessments/{assessment.pk}/").json()
    assert body["partnership_name"] == "Ashcombe CSP"
    assert (body["window_start"], body["window_end"]) == ("2024-04-01", "2025-04-01")
    assert body["county_codes"] == ["E07000901", "E07000902"]
    burglary, shoplifting = body["scores"]
    assert (burglary["crime_type"], burglary["capacity"], burglary["concern"]) == (
        "Burglary",
        3,
        4,
    )
    assert burglary["paragraph"] == "Rising." and shoplifting["crime_type"] == "Shoplifting"
    assert "created_by" not in body


def test_assessments_are_read_only(world, manager, assessment, api):
    client = api(manager)
    assert client.post("/api/assessments/", {}, format="json").status_code == 405
    assert client.delete(f"/api/assessments/{assessment.pk}/").status_code == 405
    assert client.patch(f"/api/assessments/{assessment.pk}/", {}, format="json").status_code == 405


def test_assessments_are_paginated_and_filtered(world, manager, partnership, assessment, api, ids):
    older = _assessment(partnership, date(2022, 4, 1))
    client = api(manager)
    first = client.get("/api/assessments/?page_size=1").json()
    assert first["count"] == 2 and first["results"][0]["id"] == older.pk  # newest first
    assert first["next"].endswith("page=2&page_size=1")
    assert ids(client.get(f"/api/assessments/?partnership={partnership.pk}")) == {
        assessment.pk,
        older.pk,
    }
    assert ids(client.get("/api/assessments/?since=2024-01-01")) == {assessment.pk}
    other = world["elsewhere_assessment"].partnership_id
    assert ids(client.get(f"/api/assessments/?partnership={other}")) == set()


def test_the_list_costs_the_same_queries_for_many_assessments(
    world, viewer, partnership, api, django_assert_max_num_queries
):
    for year in range(2010, 2020):
        _assessment(partnership, date(year, 4, 1))
    client = api(viewer)
    with django_assert_max_num_queries(12):
        assert client.get("/api/assessments/").json()["count"] == 11
