"""Writing quarterly returns: drafts, submissions and refusing lost updates."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from saferplan.monitoring.models import ReportingPeriod
from saferplan.monitoring.rules import STATUSES, offers_value
from saferplan.plans.models import Action, ProgressUpdate


class ReturnError(Exception):
    """A return that cannot be saved as asked; the message says why."""


class StaleReturn(ReturnError):
    """Someone else saved the return since this person opened it."""

    def __init__(self, current: ProgressUpdate):
        self.current = current
        if current.updated_by:
            who = current.updated_by.get_full_name() or current.updated_by.get_username()
        else:
            who = "Someone else"
        when = timezone.localtime(current.updated_at)
        super().__init__(
            f"{who} changed this return at {when:%H:%M on %-d %B %Y} after you opened it. "
            "Their version is shown below: copy anything you need from yours and save again."
        )


@dataclass
class ReturnInput:
    text: str
    status: str
    value: Decimal | None = None
    submit: bool = False
    # The version the person started from; None for a return they saw as new.
    based_on_version: int | None = None


def save_return(
    action: Action, period: ReportingPeriod, data: ReturnInput, *, user, reason: str = ""
) -> ProgressUpdate:
    """Save one return as a draft or submitted, refusing a save based on an old version."""
    if not period.accepts_returns:
        raise ReturnError(f"{period.label} is {period.get_status_display().lower()}")
    if data.status not in STATUSES:
        raise ReturnError(f"status must be one of {', '.join(STATUSES)}, not {data.status!r}")
    if data.submit and not data.text.strip() and data.status != "no_data":
        raise ReturnError("a submitted return needs a progress update")
    with transaction.atomic():
        update = (
            ProgressUpdate.objects.select_for_update()
            .filter(action=action, period=period.label)
            .first()
        )
        if update is None:
            if data.based_on_version not in (None, 0):
                raise ReturnError("this return no longer exists")
            update = ProgressUpdate(
                action=action, period=period.label, version=0, state=ProgressUpdate.State.DRAFT
            )
        elif data.based_on_version != update.version:
            raise StaleReturn(update)
        # The same rule as the form and the spreadsheet, so the API cannot do otherwise.
        if data.value is not None and not offers_value(
            action.measure, action.target, action.baseline, update.value
        ):
            raise ReturnError(f"action {action.ref} is not measured by a number: give no value")
        update.text = data.text.strip()
        update.status = data.status
        update.value = data.value
        if data.submit:
            update.state = ProgressUpdate.State.SUBMITTED
            update.submitted_at = timezone.now()
        elif update.state != ProgressUpdate.State.SUBMITTED:
            update.state = ProgressUpdate.State.DRAFT
        update.version += 1
        update.updated_by = user if getattr(user, "is_authenticated", False) else None
        update._history_user = update.updated_by
        update._change_reason = reason or ("return.submitted" if data.submit else "return.saved")
        update.save()
    return update
