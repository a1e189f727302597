"""The API's side of the one permission check: querysets and refusals built on ``can``.

Lists are filtered with ``visible_plans`` and the user's roles (never one
``can`` per row); single objects are fetched from the same querysets, so an
object outside the user's partnerships is a 404, exactly as on the web.
Writes ask ``can`` for the object itself: 404 if the user may not even see
it, 403 if they may see it but not change it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from rest_framework import exceptions, permissions

from saferplan.accounts.permissions import (
    can,
    partnerships_where,
    visible_plan_q,
    visible_plans,
)
from saferplan.plans.models import Action, Plan, Priority, ProgressUpdate


def _in_partnerships(queryset: QuerySet, field: str, ids: list[int] | None) -> QuerySet:
    return queryset if ids is None else queryset.filter(**{f"{field}__in": ids})


def plans_for(user) -> QuerySet[Plan]:
    return visible_plans(user)


def priorities_for(user) -> QuerySet[Priority]:
    return Priority.objects.filter(visible_plan_q(user, "plan__"))


def actions_for(user) -> QuerySet[Action]:
    return Action.objects.filter(
        visible_plan_q(user, "priority__plan__"), priority__archived_at__isnull=True
    )


def returns_for(user) -> QuerySet[ProgressUpdate]:
    """Returns of actions the user can see; drafts only for those who may view returns."""
    returns = ProgressUpdate.objects.filter(
        visible_plan_q(user, "action__priority__plan__"),
        action__archived_at__isnull=True,
        action__priority__archived_at__isnull=True,
    )
    staff = partnerships_where(user, "view_returns")
    if staff is None:
        return returns
    submitted = Q(state=ProgressUpdate.State.SUBMITTED)
    return returns.filter(submitted | Q(action__priority__plan__partnership_id__in=staff))


def member_objects(user, queryset: QuerySet, field: str = "partnership_id") -> QuerySet:
    """Rows of partnerships the user belongs to (any role): indicators and their values."""
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    return _in_partnerships(queryset, field, partnerships_where(user, "view"))


def assessments_for(user) -> QuerySet:
    """Saved assessments of the partnerships where the user's role may ``view`` the
    partnership: the roles that open the assessment pages (signed in; outsiders see none)."""
    from saferplan.assessment.models import Assessment

    return member_objects(user, Assessment.objects.all())


def require(user, permission: str, obj: Any) -> None:
    """Refuse unless ``can(user, permission, obj)``: 404 if the user cannot see ``obj``."""
    if can(user, permission, obj):
        return
    if not can(user, "view", obj):
        raise exceptions.NotFound()
    raise exceptions.PermissionDenied(f"You may not {permission.replace('_', ' ')} here")


class TokenScope(permissions.BasePermission):
    """Read-only tokens may only read; session users and write tokens may also write."""

    message = "This token is read-only: create a token that may submit"

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        token = request.auth
        return token is None or getattr(token, "can_write", False)


class SignedInToWrite(permissions.BasePermission):
    """Anyone may read what is public; writing needs a signed-in user."""

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_authenticated)
