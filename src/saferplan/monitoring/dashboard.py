"""The manager's picture of a quarter: what is due, in, late or without data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from saferplan.monitoring.models import ReportingPeriod
from saferplan.monitoring.rules import (
    EXCEPTION_STATUSES,
    Tally,
    rag_counts,
    return_state,
    update_status,
)
from saferplan.partnerships.models import Agency
from saferplan.plans.models import Action, ActionAgency, Priority, ProgressUpdate


@dataclass
class ActionLine:
    action: Action
    leads: list[Agency]
    update: ProgressUpdate | None
    submitted: bool
    overdue: bool

    @property
    def status(self) -> str:
        return update_status(self.update)


@dataclass
class Dashboard:
    period: ReportingPeriod
    lines: list[ActionLine]
    by_agency: list[tuple[Agency, Tally]] = field(default_factory=list)
    by_priority: list[tuple[Priority, Tally]] = field(default_factory=list)
    total: Tally = field(default_factory=Tally)

    @property
    def rag(self) -> dict[str, int]:
        return rag_counts(line.status for line in self.lines)

    @property
    def exceptions(self) -> list[ActionLine]:
        """Actions at risk, off track or without data, in plan order."""
        return [line for line in self.lines if line.status in EXCEPTION_STATUSES]

    def missing_by_agency(self) -> list[tuple[Agency, list[ActionLine]]]:
        result = []
        for agency, _tally in self.by_agency:
            missing = [
                line
                for line in self.lines
                if agency in line.leads and (not line.submitted or line.status == "no_data")
            ]
            if missing:
                result.append((agency, missing))
        return result


def build_dashboard(period: ReportingPeriod, today: date) -> Dashboard:
    """Every live action of the period's plan with its return for the period, tallied.

    Three queries whatever the plan's size: actions, their lead links, the updates.
    """
    actions = list(
        Action.objects.filter(priority__plan_id=period.plan_id, priority__archived_at=None)
        .select_related("priority")
        .order_by("priority__order", "order")
    )
    leads: dict[int, list[Agency]] = {}
    for link in ActionAgency.objects.filter(
        action__in=actions, role=ActionAgency.LEAD
    ).select_related("agency"):
        leads.setdefault(link.action_id, []).append(link.agency)
    updates = {
        u.action_id: u
        for u in ProgressUpdate.objects.filter(action__in=actions, period=period.label)
    }
    if ReportingPeriod.plan.is_cached(period):
        for action in actions:  # priority links need the plan: no query per priority
            action.priority.plan = period.plan
    dashboard = Dashboard(period=period, lines=[])
    agency_tallies: dict[int, tuple[Agency, Tally]] = {}
    priority_tallies: dict[int, tuple[Priority, Tally]] = {}
    for action in actions:
        update = updates.get(action.pk)
        submitted = bool(update and update.state == ProgressUpdate.State.SUBMITTED)
        state = return_state(
            submitted=submitted,
            status=(update.status if update else None) or None,
            deadline=period.deadline,
            today=today,
        )
        line = ActionLine(action, leads.get(action.pk, []), update, submitted, state.overdue)
        dashboard.lines.append(line)
        dashboard.total.add(state)
        priority_tallies.setdefault(action.priority_id, (action.priority, Tally()))[1].add(state)
        for agency in line.leads:
            agency_tallies.setdefault(agency.pk, (agency, Tally()))[1].add(state)
    dashboard.by_priority = list(priority_tallies.values())
    dashboard.by_agency = sorted(agency_tallies.values(), key=lambda pair: pair[0].name)
    return dashboard
