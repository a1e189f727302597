"""Reads for the indicator pages: a fixed number of queries per page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, QuerySet

from saferplan.indicators.charts import chart_data, sparkline_svg
from saferplan.indicators.models import (
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    PrintedFigureCheck,
)
from saferplan.indicators.status import TargetStatus, indicator_status, periods_and_values
from saferplan.partnerships.models import Partnership


def with_values_and_targets(queryset: QuerySet[Indicator]) -> QuerySet[Indicator]:
    return queryset.select_related("partnership", "owner").prefetch_related(
        Prefetch("values", queryset=IndicatorValue.objects.order_by("period_start")),
        Prefetch("targets", queryset=IndicatorTarget.objects.select_related("plan")),
        Prefetch(
            "targets__checks",
            queryset=PrintedFigureCheck.objects.exclude(flag="").select_related("plan"),
            to_attr="flagged_checks",
        ),
    )


@dataclass
class IndicatorRow:
    indicator: Indicator
    status: TargetStatus
    sparkline: str
    latest_label: str
    latest_text: str
    flags: int
    linked: bool  # to a priority or an action


def _row(indicator: Indicator, today: date) -> IndicatorRow:
    status = indicator_status(indicator, today)
    data = chart_data(indicator.rules_unit, periods_and_values(list(indicator.values.all())))
    latest = data.points[-1] if data.points else None
    trend = ", ".join(f"{p.label}: {indicator.format(v)}" for p, v in data.points[-8:])
    return IndicatorRow(
        indicator=indicator,
        status=status,
        sparkline=sparkline_svg(
            [v for _, v in data.points[-8:]],
            label=f"Trend of {indicator.name}: {trend}" if trend else "No values yet",
        ),
        latest_label=latest[0].label if latest else "",
        latest_text=indicator.format(latest[1]) if latest else "No data",
        flags=sum(len(t.flagged_checks) for t in indicator.targets.all()),
        linked=bool(getattr(indicator, "link_count", 1)),
    )


def partnership_indicators(partnership: Partnership, today: date) -> list[IndicatorRow]:
    """Every indicator of the partnership with its status and sparkline, in five queries."""
    indicators = with_values_and_targets(
        Indicator.objects.filter(partnership=partnership).annotate(
            link_count=Count("priorities", distinct=True) + Count("actions", distinct=True)
        )
    )
    return [_row(indicator, today) for indicator in indicators.order_by("name")]


def priority_indicators(priority, today: date) -> list[IndicatorRow]:
    """A priority's indicators; uses the plan page's prefetch (``prefetch_for_priorities``)
    when there is one, so a plan page costs the same queries however many priorities."""
    prefetched = getattr(priority, "_prefetched_objects_cache", {}).get("indicators")
    if prefetched is None:
        prefetched = with_values_and_targets(priority.indicators.all()).order_by("name")
    return [_row(indicator, today) for indicator in prefetched]


def prefetch_for_priorities() -> Prefetch:
    """Every priority's indicators with their values and targets, in three queries."""
    return Prefetch(
        "indicators", queryset=with_values_and_targets(Indicator.objects.order_by("name"))
    )


def value_history(indicator: Indicator, limit: int = 50):
    """The latest changes to the indicator's values, newest first, with who made them."""
    return (
        IndicatorValue.history.filter(indicator_id=indicator.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:limit]
    )
