"""Reads for the partnership and agency pages: a fixed number of queries per page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Count, JSONField, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import JSONObject
from django.shortcuts import get_object_or_404

from saferplan.indicators.models import Indicator
from saferplan.partnerships.models import Agency, GlossaryEntry, Partnership
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


class HomeRow(NamedTuple):
    """One line of the home page: a partnership and its latest plan (``None`` for none)."""

    name: str
    slug: str
    latest_plan: dict | None  # pk, title, year and status


def partnerships_with_latest_plan(
    visible: QuerySet[Plan], partnerships: QuerySet[Partnership] | None = None
) -> list[HomeRow]:
    """The partnerships (all, or those given, in their order), each with its latest plan
    among the ``visible`` plans.  One query, and plain values rather than models: the home
    page shows fifty of them."""
    latest = (
        visible.filter(partnership=OuterRef("pk"))
        .order_by("-year")
        .values(plan=JSONObject(pk="pk", title="title", year="year", status="status"))[:1]
    )
    rows = (Partnership.objects.all() if partnerships is None else partnerships).annotate(
        latest_plan=Subquery(latest, output_field=JSONField())
    )
    return [HomeRow(*row) for row in rows.values_list("name", "slug", "latest_plan")]


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


def partnership_page(slug: str) -> Partnership:
    """The partnership with what its page shows above the plans (and its ``updated_at``)."""
    return get_object_or_404(
        Partnership.objects.only("pk", "name", "slug", "area", "updated_at"), slug=slug
    )


def members_and_glossary(partnership: Partnership) -> dict:
    """``members`` (agencies A to Z) and ``glossary_entries`` (term and meaning): two
    plain queries (cheaper to build than one with subqueries)."""
    return {
        "members": list(
            Agency.objects.filter(partnerships=partnership)
            .order_by("name")
            .only("pk", "name", "slug", "acronym")
        ),
        "glossary_entries": list(
            GlossaryEntry.objects.filter(partnership=partnership)
            .order_by("term")
            .values("term", "meaning")
        ),
    }


def plans_version(partnership: Partnership, visible: QuerySet[Plan]) -> tuple[int, float]:
    """How many of the partnership's plans are ``visible``, and the latest ``updated_at``
    among them (0 for none): a version of its plan table, which moves whenever a plan,
    its priorities or its actions change (``core.freshness``).  One query."""
    version = visible.filter(partnership=partnership).aggregate(
        count=Count("pk"), last=Max("updated_at")
    )
    return version["count"], version["last"].timestamp() if version["last"] else 0.0


def has_indicators(partnership: Partnership) -> bool:
    return Indicator.objects.filter(partnership=partnership).exists()


def plans_with_counts(partnership: Partnership, visible: QuerySet[Plan]) -> list[Plan]:
    """The partnership's ``visible`` plans, newest first, with ``priority_count`` and
    ``action_count`` (live ones).  One query."""
    return list(
        _plans_newest_first(visible.filter(partnership=partnership)).only(
            "pk", "year", "title", "status"
        )
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
