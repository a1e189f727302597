"""Running a quarter: creating, opening, closing, locking and reopening periods."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from saferplan.monitoring.models import PeriodSnapshot, ReportingPeriod
from saferplan.monitoring.rules import default_deadline
from saferplan.plans.models import Plan, ProgressUpdate


class PeriodError(Exception):
    """A change of state the period's current state does not allow."""


# Which states a period may move to from each state.
_MOVES = {
    "open": {ReportingPeriod.Status.PLANNED, ReportingPeriod.Status.CLOSED},
    "close": {ReportingPeriod.Status.OPEN, ReportingPeriod.Status.PLANNED},
    "lock": {ReportingPeriod.Status.CLOSED, ReportingPeriod.Status.OPEN},
    "reopen": {ReportingPeriod.Status.LOCKED, ReportingPeriod.Status.CLOSED},
}
_PAST = {"open": "opened", "close": "closed", "lock": "locked", "reopen": "reopened"}
_RESULT = {
    "open": ReportingPeriod.Status.OPEN,
    "close": ReportingPeriod.Status.CLOSED,
    "lock": ReportingPeriod.Status.LOCKED,
    "reopen": ReportingPeriod.Status.OPEN,
}


def ensure_periods(plan: Plan, deadline_day: int | None = None) -> list[ReportingPeriod]:
    """The plan's four quarters, created with default deadlines the first time.

    The deadline is ``deadline_day`` of the month after each quarter, by default the
    ``SAFERPLAN_RETURN_DEADLINE_DAY`` setting (15), read now rather than at import so
    that a changed setting applies to the next plan without a restart of anything else.
    Quarters that exist keep their deadline: a manager may have moved it.
    """
    if deadline_day is None:
        deadline_day = settings.SAFERPLAN_RETURN_DEADLINE_DAY
    existing = {p.number: p for p in plan.periods.all()}
    for quarter in plan.financial_year.quarters():
        if quarter.number not in existing:
            existing[quarter.number] = ReportingPeriod.objects.create(
                plan=plan, number=quarter.number, deadline=default_deadline(quarter, deadline_day)
            )
    return [existing[n] for n in sorted(existing)]


def change_status(period: ReportingPeriod, move: str, *, user) -> ReportingPeriod:
    """Open, close, lock or reopen a period; locking takes a snapshot of every return."""
    if move not in _MOVES:
        raise PeriodError(f"unknown change {move!r}")
    with transaction.atomic():
        period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
        if period.status not in _MOVES[move]:
            raise PeriodError(
                f"{period.label} is {period.get_status_display().lower()}: "
                f"it cannot be {_PAST[move]}"
            )
        period.status = _RESULT[move]
        period._history_user = user
        period._change_reason = f"period.{move}"
        period.save()
        if move == "lock":
            PeriodSnapshot.objects.create(period=period, taken_by=user, returns=snapshot(period))
    return period


def snapshot(period: ReportingPeriod) -> list[dict]:
    updates = ProgressUpdate.objects.filter(
        action__priority__plan_id=period.plan_id, period=period.label
    ).select_related("action", "updated_by")
    return [
        {
            "action_id": u.action_id,
            "ref": u.action.ref,
            "text": u.text,
            "status": u.status,
            "value": None if u.value is None else str(u.value),
            "state": u.state,
            "version": u.version,
            "updated_at": u.updated_at.isoformat(),
            "updated_by": u.updated_by.get_username() if u.updated_by else None,
        }
        for u in updates
    ]
