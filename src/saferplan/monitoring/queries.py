"""Reads for the returns pages: a fixed number of queries whatever the plan's size.

Which quarter a page shows by default, which plans a person writes returns
for, and each action's row (lead agencies, this quarter's return with its
evidence, last quarter's return).  Nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.core.cache import cache
from django.db.models import F, Prefetch, QuerySet
from django.utils import timezone

from saferplan.accounts.permissions import agency_id_of, can, roles_of, visible_plans
from saferplan.core.freshness import FRAGMENT_SECONDS, digest_key, fragment_key
from saferplan.monitoring.dashboard import ActionLine
from saferplan.monitoring.models import EvidenceFile, ReportingPeriod, SecureLink
from saferplan.monitoring.rules import EXCEPTION_STATUSES
from saferplan.partnerships.models import Agency
from saferplan.plans.models import Action, ActionAgency, Plan, ProgressUpdate
from saferplan.plans.rollover import latest_status


def default_return_period(periods: list[ReportingPeriod], today: date) -> ReportingPeriod:
    """What a lead officer is asked for: the latest open quarter, else the latest ended one."""
    open_ = [p for p in periods if p.status == ReportingPeriod.Status.OPEN]
    if open_:
        return open_[-1]
    ended = [p for p in periods if p.quarter.end < today]
    return ended[-1] if ended else periods[0]


def default_dashboard_period(periods: list[ReportingPeriod], today: date) -> ReportingPeriod:
    """The latest quarter that is open or past its deadline, else the first."""
    due = [p for p in periods if p.status == ReportingPeriod.Status.OPEN or p.deadline < today]
    return due[-1] if due else periods[0]


def previous_label(period: ReportingPeriod) -> str | None:
    """Last quarter's label within the plan's year (Q1 has none: last year is another plan)."""
    quarter = period.quarter
    return None if quarter.number == 1 else str(quarter.year.quarter(quarter.number - 1))


def returnable_plans(user) -> list[Plan]:
    """Plans (not archived) of the user's partnerships for which they may write a return:
    every plan they manage, and plans with an action their agency leads."""
    return returnable(user).plans


@dataclass
class Returnable:
    """What a person writes returns for: the plans, and for each plan they do not manage
    the actions their agency leads (``LedAction``, in plan order), found while choosing
    the plans."""

    plans: list[Plan]
    led: dict[int, list[LedAction]]

    def actions(self, user, plan: Plan) -> list[LedAction]:
        """``actions_for_user(user, plan)``, without asking the database again when known."""
        if plan.pk in self.led:  # already passed ``can``
            return self.led[plan.pk]
        return actions_for_user(user, plan)


@dataclass(frozen=True)
class _Link:
    agency_id: int
    role: str


@dataclass(frozen=True)
class _Links:
    """An action's agency links as ``can`` reads them (``action.agency_links.all()``)."""

    links: tuple[_Link, ...]

    def all(self) -> tuple[_Link, ...]:
        return self.links


@dataclass(frozen=True)
class LedAction:
    """An action with only what ``can(user, "submit_return", action)`` reads: its plan (the
    partnership, the status) and its agency links.  Made from ``action_decisions``, so
    that choosing which actions a person writes asks ``can`` of each one without loading
    the actions; ``full_actions`` loads the chosen ones to show them."""

    pk: int
    plan: Plan
    links: tuple[tuple[int, str], ...]  # (agency id, role) of each agency link

    @cached_property
    def agency_links(self) -> _Links:
        return _Links(tuple(_Link(agency_id, role) for agency_id, role in self.links))


def action_decisions(plans: list[Plan], agency_id: int | None) -> dict[int, list[LedAction]]:
    """plan id → the plan's live actions in plan order (only those ``agency_id`` leads,
    unless it is None), each with its agency links.

    The same for everyone of the agency, so cached under the plans' versions (which move
    with any change of a priority, an action or an agency link): one query when not
    cached, none when cached.  The caller still asks ``can`` of each action."""
    if not plans:
        return {}
    key = digest_key("action-decisions", agency_id, *(fragment_key(p, "plan") for p in plans))
    rows = cache.get_or_set(
        key, lambda: _decision_rows([p.pk for p in plans], agency_id), FRAGMENT_SECONDS
    )
    by_pk = {p.pk: p for p in plans}
    return {
        plan_id: [LedAction(pk, by_pk[plan_id], links) for pk, links in actions]
        for plan_id, actions in rows.items()
    }


def _decision_rows(plan_ids: list[int], agency_id: int | None) -> dict:
    """plan id → [(action id, ((agency id, role), ...)), ...]: plain values, to cache.

    One query: the live actions (led by ``agency_id`` unless None) with all their links,
    ordered by plan order; an action without links comes once with a null agency."""
    actions = Action.objects.filter(priority__plan_id__in=plan_ids, priority__archived_at=None)
    if agency_id is not None:  # an agency leads an action once (``unique_action_agency_role``)
        actions = actions.filter(pk__in=_led_by(agency_id))
    values = actions.order_by("priority__order", "order", "pk").values_list(
        "priority__plan_id", "pk", "agency_links__agency_id", "agency_links__role"
    )
    rows: dict[int, dict[int, list]] = {}
    for plan_id, pk, link_agency, role in values:
        links = rows.setdefault(plan_id, {}).setdefault(pk, [])
        if link_agency is not None:
            links.append((link_agency, role))
    return {
        plan_id: [(pk, tuple(links)) for pk, links in actions.items()]
        for plan_id, actions in rows.items()
    }


def returnable(user) -> Returnable:
    """``returnable_plans`` and the led actions that decided them: one query (plans) besides
    the user's roles and profile, one more when the agency's actions are not cached."""
    plans = visible_plans(user).exclude(status=Plan.Status.ARCHIVED)
    if not user.is_superuser:
        plans = plans.filter(partnership_id__in=list(roles_of(user)))
    plans = list(plans.select_related("partnership").order_by("-year", "partnership__name"))
    managed = {p.pk for p in plans if can(user, "manage_periods", p)}
    agency_id = agency_id_of(user)
    led: dict[int, list[LedAction]] = {}
    others = [p for p in plans if p.pk not in managed]
    if agency_id is not None and others:
        # Every action the agency leads in the plans it does not manage: the role is the
        # partnership's, so a plan is the user's when ``can`` allows any of them, and the
        # page then shows exactly those that ``can`` allows.
        for plan_id, actions in action_decisions(others, agency_id).items():
            allowed = [action for action in actions if can(user, "submit_return", action)]
            if allowed:
                led[plan_id] = allowed
    return Returnable([p for p in plans if p.pk in led or p.pk in managed], led)


def _links():
    return Prefetch(
        "agency_links",
        queryset=ActionAgency.objects.select_related("agency").order_by("role", "order"),
    )


def live_actions() -> QuerySet[Action]:
    """Live actions of live priorities, with their priority and agency links, in plan order."""
    return (
        Action.objects.filter(priority__archived_at=None)
        .select_related("priority__plan")
        .prefetch_related(_links())
        .order_by("priority__order", "order")
    )


def full_actions(actions: list[Action]) -> list[Action]:
    """``actions`` (``LedAction`` or actions) loaded as ``live_actions``, in the same order."""
    if not actions:
        return []
    loaded = live_actions().in_bulk([a.pk for a in actions])
    return [loaded[a.pk] for a in actions if a.pk in loaded]


def plan_actions(plan: Plan) -> QuerySet[Action]:
    return live_actions().filter(priority__plan=plan)


def agency_plan_actions(plan: Plan, agency_id: int | None) -> QuerySet[Action]:
    """The plan's live actions that ``agency_id`` leads."""
    return plan_actions(plan).filter(pk__in=_led_by(agency_id))


def _led_by(agency_id: int | None) -> QuerySet:
    """Ids of the actions ``agency_id`` leads, as a subquery."""
    return ActionAgency.objects.filter(agency_id=agency_id, role=ActionAgency.LEAD).values(
        "action_id"
    )


def actions_for_user(user, plan: Plan) -> list[LedAction]:
    """The actions whose returns ``user`` writes: all of them for a manager, else those
    their agency leads; each still passes ``can(user, "submit_return", action)``.

    The actions carry only what ``can`` reads (see ``LedAction``): pass them to
    ``full_actions`` before showing them."""
    if can(user, "manage_periods", plan):
        agency_id = None
    else:
        agency_id = agency_id_of(user)
        if agency_id is None:
            return []
    actions = action_decisions([plan], agency_id).get(plan.pk, [])
    return [a for a in actions if can(user, "submit_return", a)]


@dataclass
class ReturnRow:
    """One action on a returns page: its return this quarter and last quarter's."""

    action: Action
    leads: list[Agency]
    current: ProgressUpdate | None
    previous: ProgressUpdate | None
    evidence: list[EvidenceFile] = field(default_factory=list)

    @property
    def prefix(self) -> str:
        return f"a{self.action.pk}"


def return_rows(period: ReportingPeriod, actions: list[Action]) -> list[ReturnRow]:
    """Rows for ``actions`` (agency links prefetched): two more queries, three with evidence."""
    ids = [a.pk for a in actions]
    current = {
        u.action_id: u
        for u in ProgressUpdate.objects.filter(action_id__in=ids, period=period.label)
        .select_related("updated_by")
        .prefetch_related(
            Prefetch(
                "evidence",
                queryset=EvidenceFile.objects.filter(archived_at=None).order_by("uploaded_at"),
            )
        )
    }
    previous = {}
    label = previous_label(period)
    if label:
        previous = {
            u.action_id: u for u in ProgressUpdate.objects.filter(action_id__in=ids, period=label)
        }
    rows = []
    for action in actions:
        update = current.get(action.pk)
        rows.append(
            ReturnRow(
                action=action,
                leads=action.lead_agencies(),
                current=update,
                previous=previous.get(action.pk),
                evidence=list(update.evidence.all()) if update else [],
            )
        )
    return rows


def exceptions(lines: list[ActionLine]) -> list[tuple[ActionLine, str]]:
    """Actions at risk, off track or without data, in plan order, with the status shown."""
    return [(line, line.status) for line in lines if line.status in EXCEPTION_STATUSES]


def active_links(period: ReportingPeriod) -> list[dict]:
    """The period's links not revoked nor expired, by agency, newest first: ``pk``,
    ``email``, ``expires_at`` and ``agency_name`` of each, all the dashboard shows."""
    return list(
        SecureLink.objects.filter(period=period, revoked_at=None, expires_at__gt=timezone.now())
        .order_by("agency__name", "-created_at")
        .values("pk", "email", "expires_at", agency_name=F("agency__name"))
    )


def lead_agencies(plan: Plan) -> list[Agency]:
    """Agencies that lead at least one live action of the plan, by name."""
    return list(
        Agency.objects.filter(
            action_links__role=ActionAgency.LEAD,
            action_links__action__priority__plan=plan,
            action_links__action__priority__archived_at=None,
            action_links__action__archived_at=None,
        )
        .distinct()
        .order_by("name")
    )


@dataclass
class RolloverSummary:
    priorities: int
    copied: list[Action]
    left_behind: list[Action]


def rollover_summary(plan: Plan) -> RolloverSummary:
    """What ``roll_over`` would copy and leave behind, by the same rule it uses."""
    actions = list(plan_actions(plan).prefetch_related("updates"))
    copied = [a for a in actions if latest_status(a) != "completed"]
    left = [a for a in actions if latest_status(a) == "completed"]
    return RolloverSummary(plan.priorities.count(), copied, left)
