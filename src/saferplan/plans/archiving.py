"""Deleting archives, never destroys: plans, priorities, actions and progress updates.

An archived row leaves every page, list, export and count (the models' default
managers and the queries skip it) but stays in the database with its full history,
so it can be restored.  A plan is archived through its status; the others through
``archived_at``, the field the importer already sets on actions a document no
longer lists.  The Django admin and ``Model.delete()`` both come here.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from saferplan.plans.models import Action, Plan, Priority, ProgressUpdate

ARCHIVABLE = (Plan, Priority, Action, ProgressUpdate)


def _save(obj, fields: list[str], *, user, reason: str) -> None:
    obj._history_user = user
    obj._change_reason = reason
    obj.save(update_fields=fields)


def _code(obj) -> str:
    return {Plan: "plan", Priority: "priority", Action: "action"}.get(type(obj), "update")


def archive(obj, *, user=None) -> int:
    """Archive ``obj``; a priority takes its live actions with it.  Returns how many rows
    were archived (0 when it already was), recording ``<kind>.archived`` and who did it."""
    if not isinstance(obj, ARCHIVABLE):
        raise TypeError(f"{type(obj).__name__} cannot be archived")
    with transaction.atomic():
        if isinstance(obj, Plan):
            if obj.status == Plan.Status.ARCHIVED:
                return 0
            obj.status = Plan.Status.ARCHIVED
            _save(obj, ["status", "updated_at"], user=user, reason="plan.archived")
            return 1
        if obj.archived_at is not None:
            return 0
        obj.archived_at = timezone.now()
        count = 0
        if isinstance(obj, Priority):
            for action in Action.objects.filter(priority=obj):
                action.archived_at = obj.archived_at  # the same moment: restored together
                _save(action, ["archived_at"], user=user, reason="action.archived")
                count += 1
        _save(obj, ["archived_at"], user=user, reason=f"{_code(obj)}.archived")
        return count + 1


def restore(obj, *, user=None) -> int:
    """Bring an archived row back (a plan as a draft, never straight to published); a
    priority brings back the actions archived with it.  Returns how many rows came back."""
    if not isinstance(obj, ARCHIVABLE):
        raise TypeError(f"{type(obj).__name__} cannot be restored")
    with transaction.atomic():
        if isinstance(obj, Plan):
            if obj.status != Plan.Status.ARCHIVED:
                return 0
            obj.status = Plan.Status.DRAFT
            _save(obj, ["status", "updated_at"], user=user, reason="plan.restored")
            return 1
        if obj.archived_at is None:
            return 0
        count = 0
        if isinstance(obj, Priority):
            for action in Action.all_objects.filter(priority=obj, archived_at=obj.archived_at):
                action.archived_at = None
                _save(action, ["archived_at"], user=user, reason="action.restored")
                count += 1
        obj.archived_at = None
        _save(obj, ["archived_at"], user=user, reason=f"{_code(obj)}.restored")
        return count + 1
