"""Ashcombe's plans as the API shows them to each persona.

- ``published``: Ashcombe 2024/25, published.  Action 1.1 is led by the police
  (bob's agency), 1.2 by the council.  1.1 has a submitted Q1 return, 1.2 a draft.
- ``draft``: Ashcombe 2025/26, a draft with one police-led action.
- ``elsewhere``: Brookfield's draft plan (eve manages Brookfield).
- ``indicator``: an Ashcombe indicator owned by the police, with one value.
- ``assessment``: Ashcombe's saved strategic assessment with two scored crime types;
  ``elsewhere_assessment``: Brookfield's.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from factories import ActionAgencyFactory, ActionFactory, PlanFactory, PriorityFactory
from saferplan.api.models import ApiToken
from saferplan.api.tokens import create_token
from saferplan.assessment.models import Assessment, PriorityScore
from saferplan.indicators.models import Indicator, IndicatorValue
from saferplan.plans.models import Plan, ProgressUpdate


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def _action(plan, ref, agency):
    priority = plan.priorities.first() or PriorityFactory(plan=plan, ref="1", title="Safety")
    action = ActionFactory(priority=priority, ref=ref, text=f"Action {ref}")
    ActionAgencyFactory(action=action, agency=agency)
    return action


@pytest.fixture
def published(partnership, police, council):
    plan = PlanFactory(partnership=partnership, year="2024/25", status=Plan.Status.PUBLISHED)
    police_action = _action(plan, "1.1", police)
    council_action = _action(plan, "1.2", council)
    ProgressUpdate.objects.create(
        action=police_action, period="2024/25 Q1", text="Going well", status="on_track"
    )
    ProgressUpdate.objects.create(
        action=council_action,
        period="2024/25 Q1",
        text="Half written",
        status="at_risk",
        state=ProgressUpdate.State.DRAFT,
    )
    return plan


@pytest.fixture
def police_action(published):
    return published.priorities.get().actions.get(ref="1.1")


@pytest.fixture
def council_action(published):
    return published.priorities.get().actions.get(ref="1.2")


@pytest.fixture
def draft(partnership, police):
    plan = PlanFactory(partnership=partnership, year="2025/26", status=Plan.Status.DRAFT)
    _action(plan, "1.1", police)
    return plan


@pytest.fixture
def elsewhere(other_partnership, police):
    plan = PlanFactory(partnership=other_partnership, year="2024/25", status=Plan.Status.DRAFT)
    _action(plan, "9.1", police)
    return plan


@pytest.fixture
def indicator(partnership, police):
    indicator = Indicator.objects.create(
        partnership=partnership, name="Domestic abuse incidents", owner=police
    )
    IndicatorValue.objects.create(indicator=indicator, period="2024/25", value=Decimal("120"))
    return indicator


def _assessment(partnership, start: date) -> Assessment:
    assessment = Assessment.objects.create(
        partnership=partnership,
        county_name="Westshire",
        county_codes=["E07000901", "E07000902"],
        window_start=start,
        window_end=date(start.year + 1, start.month, 1),
        compare_start=date(start.year - 1, start.month, 1),
        compare_end=start,
    )
    PriorityScore.objects.create(
        assessment=assessment, crime_type="Burglary", capacity=3, concern=4, paragraph="Rising."
    )
    PriorityScore.objects.create(assessment=assessment, crime_type="Shoplifting")
    return assessment


@pytest.fixture
def assessment(partnership):
    return _assessment(partnership, date(2024, 4, 1))


@pytest.fixture
def elsewhere_assessment(other_partnership):
    return _assessment(other_partnership, date(2023, 4, 1))


@pytest.fixture
def world(published, draft, elsewhere, indicator, assessment, elsewhere_assessment, personas):
    return {
        "published": published,
        "draft": draft,
        "elsewhere": elsewhere,
        "assessment": assessment,
        "elsewhere_assessment": elsewhere_assessment,
    }


@pytest.fixture
def api():
    """``api(user, scope="write")``: an API client with a personal token; ``api(None)`` is
    anonymous."""

    def make(user, scope: str = ApiToken.Scope.WRITE) -> APIClient:
        client = APIClient()
        if user is not None:
            _token, raw = create_token(user, "tests", scope)
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
        return client

    return make


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


@pytest.fixture
def ids():
    """``ids(response)``: the ids on a list page (asserting it answered 200)."""
    return _ids
