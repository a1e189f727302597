"""Reads for the partnership and agency pages: a fixed number of queries per page."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from saferplan.partnerships.models import Agency, Partnership
from saferplan.plans.models import ActionAgency, Plan, Priority

_LIVE_PRIORITIES = Q(priorities__archived_at__isnull=True)
_LIVE_ACTIONS = Q(
    priorities__archived_at__isnull=True, priorities__actions__archived_at__isnull=True
)


def _plans_newest_first(visible: QuerySet[Plan]) -> QuerySet[Plan]:
    return visible.order_by("-year").annotate(
        priority_count=Count("priorities", filter=_LIVE_PRIORITIES, distinct=True),
        action_count=Count("priorities__actions", filter=_LIVE_ACTIONS, distinct=True),
    )


def partnerships_with_latest_plan(
    visible: QuerySet[Plan], partnerships: QuerySet[Partnership] | None = None
) -> list[Partnership]:
    """The partnerships (all, or those given, in their order); each has ``latest_plan``
    among the ``visible`` plans (or ``None``).  Two queries whatever the number of plans."""
    latest = visible.filter(partnership=OuterRef("pk")).order_by("-year").values("pk")[:1]
    rows = list(
        (Partnership.objects.all() if partnerships is None else partnerships).annotate(
            latest_plan_id=Subquery(latest)
        )
    )
    ids = [p.latest_plan_id for p in rows if p.latest_plan_id is not None]
    plans = (
        Plan.objects.order_by().only("pk", "title", "year", "status").in_bulk(ids) if ids else {}
    )
    for partnership in rows:
        partnership.latest_plan = plans.get(partnership.latest_plan_id)
    return rows


def find_partnerships(words: str) -> QuerySet[Partnership]:
    """Partnerships whose name or area contains ``words`` (all of them for no words)."""
    found = Partnership.objects.order_by("name", "pk")
    if words:
        found = found.filter(Q(name__icontains=words) | Q(area__icontains=words))
    return found


def partnerships_with_plan_counts(visible: QuerySet[Plan]) -> QuerySet[Partnership]:
    return Partnership.objects.annotate(
        agency_count=Count("agencies", distinct=True),
    ).prefetch_related(
        Prefetch("plans", queryset=visible.order_by("-year"), to_attr="plans_by_year")
    )


def partnership_page(slug: str, visible: QuerySet[Plan]) -> Partnership:
    """The partnership with its ``visible`` plans as ``plans_by_year`` (counted), ``members``
    and ``glossary_entries``."""
    return get_object_or_404(
        Partnership.objects.prefetch_related(
            Prefetch("plans", queryset=_plans_newest_first(visible), to_attr="plans_by_year"),
            Prefetch("agencies", queryset=Agency.objects.order_by("name"), to_attr="members"),
            Prefetch("glossary", to_attr="glossary_entries"),
        ),
        slug=slug,
    )


def agencies_with_counts() -> QuerySet[Agency]:
    live = Q(
        action_links__action__archived_at__isnull=True,
        action_links__action__priority__archived_at__isnull=True,
    )
    return Agency.objects.annotate(
        lead_count=Count(
            "action_links", filter=live & Q(action_links__role=ActionAgency.LEAD), distinct=True
        ),
        partner_count=Count(
            "action_links", filter=live & Q(action_links__role=ActionAgency.PARTNER), distinct=True
        ),
    ).prefetch_related("partnerships")


@dataclass
class AgencyPlanWork:
    """What one agency does in one plan."""

    plan: Plan
    priorities: list[Priority] = field(default_factory=list)
    links: list[ActionAgency] = field(default_factory=list)


def agency_page(slug: str, visible: QuerySet[Plan]) -> tuple[Agency, list[AgencyPlanWork]]:
    """The agency (with ``partnerships``) and its work in the ``visible`` plans, grouped by
    plan, newest plan first."""
    agency = get_object_or_404(Agency.objects.prefetch_related("partnerships"), slug=slug)
    links = (
        ActionAgency.objects.filter(
            agency=agency,
            action__archived_at__isnull=True,
            action__priority__archived_at__isnull=True,
            action__priority__plan__in=visible,
        )
        .select_related("action__priority__plan__partnership")
        .order_by(
            "-action__priority__plan__year",
            "action__priority__plan__partnership__name",
            "action__priority__order",
            "action__order",
            "role",
        )
    )
    led = (
        Priority.objects.filter(leads=agency, plan__in=visible)
        .select_related("plan__partnership")
        .order_by("-plan__year", "order")
    )
    by_plan: dict[int, AgencyPlanWork] = {}
    for link in links:
        plan = link.action.priority.plan
        by_plan.setdefault(plan.pk, AgencyPlanWork(plan)).links.append(link)
    for priority in led:
        by_plan.setdefault(priority.plan_id, AgencyPlanWork(priority.plan)).priorities.append(
            priority
        )
    work = sorted(by_plan.values(), key=lambda w: w.plan.partnership.name)
    work.sort(key=lambda w: w.plan.year, reverse=True)  # stable: names stay A-Z within a year
    return agency, work
