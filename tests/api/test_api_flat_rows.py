"""The lists built from ``.values()`` rows (``serializers.FlatRows``) say exactly what the
serializers say of the same objects, for every persona, and take a fixed number of queries."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from rest_framework.renderers import JSONRenderer

from factories import ActionAgencyFactory
from saferplan.api import serializers
from saferplan.plans.models import Action, Plan, ProgressUpdate

LISTS = [
    ("/api/plans/", Plan, serializers.PlanSerializer),
    ("/api/actions/", Action, serializers.ActionSerializer),
    ("/api/returns/", ProgressUpdate, serializers.ReturnSerializer),
]


@pytest.fixture
def varied(world, published, police_action, council, partnership):
    """Values of every kind: a decimal, a submission time, a null, several agency links."""
    ActionAgencyFactory(action=police_action, agency=council, role="partner")
    ProgressUpdate.objects.filter(action=police_action).update(
        value=Decimal("12.50"), submitted_at=timezone.now()
    )
    return world


@pytest.mark.parametrize(
    "persona", ["manager", "lead_officer", "viewer", "scrutiny", "outsider", "anonymous"]
)
def test_flat_lists_match_the_serializers(varied, personas, persona, api):
    client = api(personas[persona])
    for url, model, serializer in LISTS:
        response = client.get(url)
        assert response.status_code == 200, (url, response.content)
        results = response.json()["results"]
        assert results, url
        found = model.objects.in_bulk([row["id"] for row in results])
        expected = serializer([found[row["id"]] for row in results], many=True).data
        assert results == json.loads(JSONRenderer().render(expected)), url
        assert [list(row) for row in results] == [list(row) for row in expected], url


def test_flat_lists_show_nested_agencies_in_order(varied, manager, police_action, api):
    rows = api(manager).get(f"/api/actions/?plan={police_action.priority.plan_id}").json()
    row = next(r for r in rows["results"] if r["id"] == police_action.pk)
    assert [a["role"] for a in row["agencies"]] == ["lead", "partner"]


def test_flat_rows_refuse_fields_that_are_not_columns():
    with pytest.raises(TypeError):
        serializers.FlatRows(serializers.AgencySerializer)  # partnerships: many-to-many


@pytest.mark.parametrize("zone", ["UTC", "Europe/London", "Asia/Kolkata", "America/St_Johns"])
def test_flat_rows_show_times_as_the_serializer_does_in_any_time_zone(varied, zone):
    """Summer and winter times, with the zone the request has active (looked up once a page)."""
    summer = datetime(2024, 7, 1, 11, 30, 15, 123456, tzinfo=UTC)
    winter = datetime(2024, 1, 15, 12, 0, tzinfo=UTC)
    first, second = ProgressUpdate.objects.order_by("pk")[:2]
    ProgressUpdate.objects.filter(pk=first.pk).update(submitted_at=summer, updated_at=winter)
    ProgressUpdate.objects.filter(pk=second.pk).update(submitted_at=winter, updated_at=summer)
    flat = serializers.FlatRows(serializers.ReturnSerializer)
    returns = ProgressUpdate.objects.select_related("action__priority").order_by("pk")
    with timezone.override(zone):
        shown = flat.represent(list(returns.values(*flat.lookups)))
        expected = serializers.ReturnSerializer(list(returns), many=True).data
    assert shown == [dict(row) for row in expected]
    assert {row["submitted_at"][-6:] for row in shown} != {"+00:00"}  # Z, as DRF writes it
