"""A draft return stays with its writer until it is submitted: the plan and action pages
and the documents show submitted returns only, to everyone."""

from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from saferplan.plans.models import Action, ProgressUpdate
from saferplan.reports.services import produce

pytestmark = pytest.mark.django_db

DRAFT = "Half-written: forty families, figures still to check"


@pytest.fixture
def draft(plan):
    action = Action.objects.filter(priority__plan=plan, updates__isnull=True).first()
    return ProgressUpdate.objects.create(
        action=action,
        period="2024/25 Q4",
        text=DRAFT,
        status="on_track",
        state=ProgressUpdate.State.DRAFT,
    )


def test_a_draft_return_is_on_no_public_page(client, plan, draft):
    assertNotContains(client.get(plan.get_absolute_url()), DRAFT)
    assertNotContains(client.get(draft.action.get_absolute_url()), DRAFT)
    assert DRAFT.encode() not in produce("plan", plan, "html").content


def test_a_submitted_return_shows_at_once(client, plan, draft):
    draft.state = ProgressUpdate.State.SUBMITTED
    draft.save()
    assertContains(client.get(plan.get_absolute_url()), DRAFT)
    assertContains(client.get(draft.action.get_absolute_url()), DRAFT)
