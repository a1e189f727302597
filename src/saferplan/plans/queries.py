"""Reads for the plan, action and search pages: a fixed number of queries per page."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404

from saferplan.indicators.queries import prefetch_for_priorities
from saferplan.partnerships.models import Agency
from saferplan.plans.models import Action, ActionAgency, Plan, Priority, ProgressUpdate

SEARCH_LIMIT = 200


def _actions_with_links_and_updates():
    # A draft return is its writer's work in progress: it shows on their returns pages and
    # the dashboard until it is submitted, never on the plan, the action or the documents.
    submitted = ProgressUpdate.objects.filter(state=ProgressUpdate.State.SUBMITTED)
    return Action.objects.order_by("order").prefetch_related(
        Prefetch(
            "agency_links",
            queryset=ActionAgency.objects.select_related("agency").order_by("role", "order"),
        ),
        Prefetch("updates", queryset=submitted.order_by("period")),
    )


def _decorate(action: Action) -> Action:
    """Attach ``leads``, ``partners`` and ``latest_update`` computed from prefetched rows."""
    action.leads = action.lead_agencies()
    action.partners = action.partner_agencies()
    updates = list(action.updates.all())
    action.latest_update = updates[-1] if updates else None
    return action


@dataclass
class PlanPage:
    plan: Plan
    priorities: list[Priority]  # main priorities first, subsidiary ones last
    action_count: int
    targets: list = field(default_factory=list)

    @property
    def main_priorities(self) -> list[Priority]:
        return [p for p in self.priorities if not p.subsidiary]

    @property
    def subsidiary_priorities(self) -> list[Priority]:
        return [p for p in self.priorities if p.subsidiary]


def plan_outline(pk: int) -> PlanPage:
    """The plan with its partnership, live priorities (each with ``leads_list`` and the
    indicators' prefetch) and targets, but not the actions: see ``attach_actions``."""
    plan = get_object_or_404(
        Plan.objects.select_related("partnership").prefetch_related(
            Prefetch(
                "priorities",
                queryset=Priority.objects.order_by("order").prefetch_related(
                    Prefetch("leads", queryset=Agency.objects.order_by("name")),
                    prefetch_for_priorities(),
                ),
                to_attr="live_priorities",
            ),
            "target_rows",
        ),
        pk=pk,
    )
    priorities = sorted(plan.live_priorities, key=lambda p: (p.subsidiary, p.order))
    for priority in priorities:
        priority.leads_list = list(priority.leads.all())
    return PlanPage(
        plan=plan, priorities=priorities, action_count=0, targets=list(plan.target_rows.all())
    )


def plan_header(pk: int) -> Plan:
    """The plan and its partnership alone: what the plan page needs before its cache."""
    return get_object_or_404(Plan.objects.select_related("partnership"), pk=pk)


def priorities_with_indicators(priority_ids) -> list[Priority]:
    """These priorities with their indicators prefetched (``prefetch_for_priorities``)."""
    return list(
        Priority.objects.filter(pk__in=list(priority_ids)).prefetch_related(
            prefetch_for_priorities()
        )
    )


def attach_actions(page: PlanPage) -> PlanPage:
    """Give each priority its ``action_list`` (live actions, decorated by ``_decorate``)
    and the page its ``action_count``: three queries however many actions."""
    by_priority: dict[int, list[Action]] = {p.pk: [] for p in page.priorities}
    for action in _actions_with_links_and_updates().filter(priority_id__in=list(by_priority)):
        by_priority[action.priority_id].append(_decorate(action))
    for priority in page.priorities:
        priority.action_list = by_priority[priority.pk]
    page.action_count = sum(len(actions) for actions in by_priority.values())
    return page


def plan_page(pk: int) -> PlanPage:
    """The plan, its live priorities (each with ``leads_list`` and ``action_list``) and targets."""
    return attach_actions(plan_outline(pk))


def action_header(pk: int) -> Action:
    """A live action with its priority, plan and partnership: what its page needs before
    the cache (``action_page`` has the rest)."""
    return get_object_or_404(
        Action.objects.select_related("priority__plan__partnership"),
        pk=pk,
        priority__archived_at__isnull=True,
    )


def action_page(pk: int) -> Action:
    """A live action with its priority, plan, partnership, agencies and updates."""
    action = get_object_or_404(
        _actions_with_links_and_updates().select_related("priority__plan__partnership"),
        pk=pk,
        priority__archived_at__isnull=True,
    )
    return _decorate(action)


@dataclass
class SearchGroup:
    plan: Plan
    actions: list[Action]


def search_actions(query: str, visible) -> tuple[list[SearchGroup], int, bool]:
    """Live actions of the ``visible`` plans whose text, measure, ref or an agency's name
    matches ``query``.

    Returns the results grouped by plan (newest year first), how many actions
    matched (up to ``SEARCH_LIMIT``) and whether the list was cut at the limit.
    ``icontains`` keeps it portable between SQLite and PostgreSQL.
    """
    agencies = Agency.objects.filter(Q(name__icontains=query) | Q(acronym__iexact=query)).values(
        "pk"
    )
    matches = (
        Action.objects.filter(priority__archived_at__isnull=True, priority__plan__in=visible)
        .filter(
            Q(text__icontains=query)
            | Q(measure__icontains=query)
            | Q(ref__iexact=query)
            | Q(pk__in=ActionAgency.objects.filter(agency__in=agencies).values("action_id"))
        )
        .select_related("priority__plan__partnership")
        .order_by(
            "-priority__plan__year",
            "priority__plan__partnership__name",
            "priority__order",
            "order",
        )
    )
    actions = list(
        matches.prefetch_related(
            Prefetch(
                "agency_links",
                queryset=ActionAgency.objects.select_related("agency").order_by("role", "order"),
            )
        )[: SEARCH_LIMIT + 1]
    )
    truncated = len(actions) > SEARCH_LIMIT
    actions = actions[:SEARCH_LIMIT]
    groups: dict[int, SearchGroup] = {}
    for action in actions:
        action.leads = action.lead_agencies()
        plan = action.priority.plan
        groups.setdefault(plan.pk, SearchGroup(plan, [])).actions.append(action)
    return list(groups.values()), len(actions), truncated
