"""Template helpers for indicators: a priority's or partnership's indicators, flagged checks."""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.utils import timezone

from saferplan.accounts.permissions import can
from saferplan.indicators import queries
from saferplan.indicators.status import TargetStatus

register = template.Library()


@dataclass
class PriorityIndicator:
    indicator: object
    status: TargetStatus
    url: str | None  # None when the reader may not open the indicator page


@register.simple_tag(takes_context=True)
def indicators_for(context, priority) -> list[PriorityIndicator]:
    """The priority's indicators with their status; links only for people who may follow them.

    One query set per priority (a plan has four to seven priorities).
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    rows = queries.priority_indicators(priority, timezone.localdate())
    return [
        PriorityIndicator(
            indicator=row.indicator,
            status=row.status,
            url=row.indicator.get_absolute_url() if can(user, "view", row.indicator) else None,
        )
        for row in rows
    ]


@register.simple_tag(takes_context=True)
def partnership_indicator_rows(context, partnership) -> list[queries.IndicatorRow]:
    """The partnership's indicators with sparkline and status, for its members only (the
    partnership page is public; indicators are not).  A fixed number of queries."""
    request = context.get("request")
    if not can(getattr(request, "user", None), "view", partnership):
        return []
    return queries.partnership_indicators(partnership, timezone.localdate())


@register.filter
def flagged_checks(checks) -> list:
    """The checks (dicts or objects) that carry a flag."""
    return [c for c in checks or [] if (c.get("flag") if isinstance(c, dict) else c.flag)]


@register.filter
def in_unit(value, indicator) -> str:
    """A stored figure in its indicator's unit: ``22.7000`` → ``22.7%``."""
    return indicator.format(value)
