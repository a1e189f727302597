"""Values of indicators computed from the strategic assessment's police.uk data.

An indicator with ``source=computed`` names a crime type (a police.uk type,
or All crime) and some of its partnership's districts (none: all of them).
``refresh_computed`` counts that type in those districts for every month
loaded, through the assessment's ``monthly_counts`` (its services are the one way
into the crime store), and stores the indicator's monthly, quarterly or annual values.
A quarter or year is stored only once every one of its months is loaded, so
a part-loaded year never reads as a finished one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Min

from saferplan.accounts.permissions import can
from saferplan.assessment.models import ForceMonth
from saferplan.assessment.pages import Area
from saferplan.assessment.rules import Period as Months
from saferplan.assessment.services import NoData, default_window
from saferplan.assessment.services import monthly_counts as count_months
from saferplan.indicators.models import Indicator, IndicatorValue
from saferplan.indicators.periods import Period, month_period, parse_period, year_period
from saferplan.indicators.services import store_value
from saferplan.plans.periods import FinancialYear, financial_year_of


class NotComputable(Exception):
    """The indicator cannot be computed (no districts, no crime type, nothing loaded)."""


@dataclass
class Refreshed:
    indicator: Indicator
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: list[str] = field(default_factory=list)  # periods holding a figure people gave
    error: str = ""

    @property
    def summary(self) -> str:
        if self.error:
            return f"{self.indicator.name}: {self.error}"
        text = (
            f"{self.indicator.name}: {self.created} new, {self.updated} changed, "
            f"{self.unchanged} unchanged"
        )
        if self.kept:
            text += f"; kept the figures people recorded for {', '.join(self.kept)}"
        return text


def districts_of(indicator: Indicator) -> list[str]:
    """The districts to count: the indicator's own choice, else all of the partnership's."""
    area = Area.of(indicator.partnership)
    codes = area.codes if area else []
    chosen = [c for c in indicator.district_codes or [] if c in codes]
    return chosen or codes


def monthly_counts(indicator: Indicator) -> list[tuple[date, int]]:
    """(first of month, rows) for every month loaded for the indicator's districts."""
    if not indicator.crime_type:
        raise NotComputable("no crime type is chosen")
    codes = districts_of(indicator)
    if not codes:
        raise NotComputable(f"{indicator.partnership.name} has no districts")
    first = ForceMonth.objects.aggregate(first=Min("month"))["first"]
    try:
        latest = default_window(codes).end
    except NoData:
        raise NotComputable("no police.uk data is loaded for its districts") from None
    months = Months(min(first.replace(day=1), latest) if first else latest, latest)
    counted = count_months(codes, indicator.crime_type, months)
    return [(m, n) for m, n in counted if n is not None]


def by_frequency(frequency: str, months: list[tuple[date, int]]) -> list[tuple[Period, int]]:
    """Months as they are, or summed into complete quarters or financial years."""
    if frequency == Indicator.Frequency.MONTHLY:
        return [(month_period(m.year, m.month), n) for m, n in months]
    size = 3 if frequency == Indicator.Frequency.QUARTERLY else 12
    groups: dict[Period, list[int]] = defaultdict(list)
    for month, n in months:
        groups[_period_of(month, frequency)].append(n)
    return sorted((p, sum(ns)) for p, ns in groups.items() if len(ns) == size)


def _period_of(month: date, frequency: str) -> Period:
    fy: FinancialYear = financial_year_of(month)
    if frequency == Indicator.Frequency.ANNUAL:
        return year_period(fy)
    return parse_period(str(fy.quarter((month.month - 4) % 12 // 3 + 1)))


def refresh_computed(indicator: Indicator, *, user=None) -> Refreshed:
    """Fill a computed indicator's values from the loaded police.uk data, in one transaction.

    Replaces earlier computed values that changed (a reload of a month) and
    never overwrites a figure someone entered, uploaded or imported: those
    periods are listed in ``kept``.  ``user`` None is the command line; a
    person must manage the partnership.  Raises ``NotComputable``.
    """
    if user is not None and not can(user, "manage_indicators", indicator):
        raise PermissionDenied("you may not refresh this indicator")
    if indicator.source != Indicator.Source.COMPUTED:
        raise NotComputable("its values are not computed from the strategic assessment")
    figures = by_frequency(indicator.frequency, monthly_counts(indicator))
    stored = {v.period: v for v in IndicatorValue.objects.filter(indicator=indicator)}
    report = Refreshed(indicator)
    note = f"police.uk data: {indicator.crime_type}"
    with transaction.atomic():
        for period, count in figures:
            existing = stored.get(period.label)
            if existing and existing.source != IndicatorValue.Source.COMPUTED:
                report.kept.append(period.label)
                continue
            _row, state = store_value(
                indicator,
                period,
                Decimal(count),
                note,
                user=user,
                source=IndicatorValue.Source.COMPUTED,
                reason="indicators.computed from the strategic assessment",
            )
            setattr(report, state, getattr(report, state) + 1)
    return report


def refresh_partnership(partnership, *, user=None) -> list[Refreshed]:
    """Refresh every computed indicator of a partnership; one that cannot be says why."""
    reports = []
    computed = Indicator.objects.filter(
        partnership=partnership, source=Indicator.Source.COMPUTED
    ).select_related("partnership")
    for indicator in computed.order_by("name"):
        try:
            reports.append(refresh_computed(indicator, user=user))
        except NotComputable as error:
            reports.append(Refreshed(indicator, error=str(error)))
    return reports
