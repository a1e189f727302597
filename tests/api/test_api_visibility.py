"""The API's lists join to the plan (``api.permissions``) instead of nesting ``IN`` subqueries
of ``visible_plans``: each persona must still see exactly the rows the subqueries gave."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.utils import timezone

from factories import ActionFactory, PlanFactory, PriorityFactory
from saferplan.accounts.permissions import visible_plans
from saferplan.api import permissions
from saferplan.plans.models import Action, Plan, Priority, ProgressUpdate


def _priorities_by_subquery(user):
    return Priority.objects.filter(plan__in=visible_plans(user))


def _actions_by_subquery(user):
    return Action.objects.filter(
        priority__plan__in=visible_plans(user), priority__archived_at__isnull=True
    )


def _returns_by_subquery(user):
    """``returns_for`` as it was written before the joins."""
    returns = ProgressUpdate.objects.filter(
        action__in=_actions_by_subquery(user), action__archived_at__isnull=True
    )
    staff = permissions.partnerships_where(user, "view_returns")
    if staff is None:
        return returns
    submitted = Q(state=ProgressUpdate.State.SUBMITTED)
    return returns.filter(submitted | Q(action__priority__plan__partnership_id__in=staff))


@pytest.fixture
def awkward(world, personas, partnership, police_action, make_user):
    """Rows at every edge: archived plans, priorities, actions and returns, drafts
    in a draft plan and in another partnership's plan."""
    now = timezone.now()
    old = PlanFactory(partnership=partnership, year="2023/24", status=Plan.Status.ARCHIVED)
    gone_priority = PriorityFactory(plan=world["published"], ref="9", title="Dropped")
    for priority in (PriorityFactory(plan=old, ref="1", title="Old"), gone_priority):
        action = ActionFactory(priority=priority, ref=f"{priority.ref}.1")
        ProgressUpdate.objects.create(action=action, period="2024/25 Q1", status="on_track")
    Priority.objects.filter(pk=gone_priority.pk).update(archived_at=now)
    archived_action = ActionFactory(priority=police_action.priority, ref="1.9")
    ProgressUpdate.objects.create(action=archived_action, period="2024/25 Q1", status="on_track")
    Action.objects.filter(pk=archived_action.pk).update(archived_at=now)
    replaced = ProgressUpdate.objects.create(
        action=police_action, period="2024/25 Q2", status="at_risk"
    )
    ProgressUpdate.objects.filter(pk=replaced.pk).update(archived_at=now)
    for plan in (world["draft"], world["elsewhere"]):
        action = plan.priorities.get().actions.get()
        ProgressUpdate.objects.create(
            action=action, period="2025/26 Q1", status="on_track", state="draft"
        )
        ProgressUpdate.objects.create(action=action, period="2025/26 Q2", status="on_track")
    return {
        **personas,
        "anonymous": AnonymousUser(),
        "admin": make_user("root", is_superuser=True, is_staff=True),
    }


@pytest.mark.parametrize(
    "persona",
    ["manager", "lead_officer", "viewer", "scrutiny", "outsider", "anonymous", "admin"],
)
def test_the_joins_show_each_persona_what_the_subqueries_showed(awkward, persona):
    user = awkward[persona]
    for joined, nested in (
        (permissions.priorities_for, _priorities_by_subquery),
        (permissions.actions_for, _actions_by_subquery),
        (permissions.returns_for, _returns_by_subquery),
    ):
        expected = set(nested(user).values_list("pk", flat=True))
        assert set(joined(user).values_list("pk", flat=True)) == expected, joined.__name__
        assert joined(user).count() == len(expected), joined.__name__  # no row twice


def test_the_edges_are_really_there(awkward):
    """The comparison above means something: the rows it covers differ by persona."""
    everything = set(_returns_by_subquery(awkward["admin"]).values_list("pk", flat=True))
    public = set(_returns_by_subquery(awkward["anonymous"]).values_list("pk", flat=True))
    staff = set(_returns_by_subquery(awkward["manager"]).values_list("pk", flat=True))
    assert public < staff < everything
    assert ProgressUpdate.all_objects.filter(archived_at__isnull=False).exists()
    archived = ProgressUpdate.all_objects.filter(archived_at__isnull=False).values("pk")
    assert not set(permissions.returns_for(awkward["admin"]).filter(pk__in=archived))


def test_the_list_of_returns_hides_drafts_and_hidden_plans_from_the_public(awkward, api, ids):
    public = ids(api(None).get("/api/returns/"))
    assert public == set(_returns_by_subquery(AnonymousUser()).values_list("pk", flat=True))
    drafts = ProgressUpdate.objects.filter(state="draft").values_list("pk", flat=True)
    assert public.isdisjoint(drafts)
