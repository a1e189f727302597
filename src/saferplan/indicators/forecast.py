"""The year's figure, a forecast for a year in progress, and its RAG rating.

Plain functions; nothing here touches the database.

The forecast is a *run-rate projection*, not a fitted trend line.  For counts
and money (which add up over a year) the periods recorded so far are scaled
to the whole year: 3 quarters totalling 750 project to 1,000.  For
percentages and rates (levels, which do not add up) the forecast is the
average of the periods so far.  Why not linear regression: a partnership has
one to eleven points in the year, monthly crime counts are noisy and
seasonal, and a straight line through three quarters swings wildly; the run
rate is what analysts and committee reports already quote ("on course for").
It ignores seasonality, which the indicator page says next to the figure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from saferplan.indicators.periods import PERIODS_IN_YEAR, Period, PeriodKind
from saferplan.indicators.rules import Polarity, Unit
from saferplan.plans.periods import FinancialYear

DEFAULT_GREEN_TOLERANCE = Decimal(0)
DEFAULT_AMBER_TOLERANCE = Decimal(5)


class Rag(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"


@dataclass(frozen=True)
class Forecast:
    value: Decimal
    method: str
    periods_used: int
    periods_in_year: int

    @property
    def description(self) -> str:
        kind = "month" if self.periods_in_year == 12 else "quarter"
        return f"{self.method} from {self.periods_used} of {self.periods_in_year} {kind}s"


def is_additive(unit: Unit) -> bool:
    """Counts and money add up over a year; percentages and rates do not."""
    return unit in (Unit.COUNT, Unit.MONEY)


def _combine(unit: Unit, figures: list[Decimal]) -> Decimal:
    total = sum(figures, Decimal(0))
    return total if is_additive(unit) else total / len(figures)


def _sub_year(
    values: Iterable[tuple[Period, Decimal]], fy: FinancialYear
) -> dict[PeriodKind, list[Decimal]]:
    by_kind: dict[PeriodKind, list[Decimal]] = {PeriodKind.MONTH: [], PeriodKind.QUARTER: []}
    for period, value in values:
        if period.kind is not PeriodKind.YEAR and period.financial_year == fy:
            by_kind[period.kind].append(value)
    return by_kind


def year_figure(
    unit: Unit, values: Iterable[tuple[Period, Decimal]], fy: FinancialYear
) -> Decimal | None:
    """The year's actual: its annual value, else all four quarters or all twelve months."""
    values = list(values)
    for period, value in values:
        if period.kind is PeriodKind.YEAR and period.financial_year == fy:
            return value
    for kind, figures in _sub_year(values, fy).items():
        if len(figures) == PERIODS_IN_YEAR[kind]:
            return _combine(unit, figures)
    return None


def forecast_year(
    unit: Unit, values: Iterable[tuple[Period, Decimal]], fy: FinancialYear
) -> Forecast | None:
    """A run-rate projection of the year from its months or quarters so far; None if none."""
    best: tuple[float, PeriodKind, list[Decimal]] | None = None
    for kind, figures in _sub_year(values, fy).items():
        if not figures:
            continue
        covered = len(figures) / PERIODS_IN_YEAR[kind]
        if best is None or covered > best[0]:
            best = (covered, kind, figures)
    if best is None:
        return None
    _covered, kind, figures = best
    in_year = PERIODS_IN_YEAR[kind]
    if is_additive(unit):
        value = sum(figures, Decimal(0)) * in_year / len(figures)
        method = "Run rate"
    else:
        value = sum(figures, Decimal(0)) / len(figures)
        method = "Average"
    return Forecast(value=value, method=method, periods_used=len(figures), periods_in_year=in_year)


def _lower_is_better(polarity: Polarity, maintain_lower_is_better: bool) -> bool:
    if polarity is Polarity.MAINTAIN:
        return maintain_lower_is_better
    return polarity is Polarity.LOWER_IS_BETTER


def shortfall(
    polarity: Polarity,
    target: Decimal,
    figure: Decimal,
    *,
    points: bool,
    maintain_lower_is_better: bool = True,
) -> Decimal | None:
    """How far ``figure`` is worse than ``target``: in points for percentages, else in % of
    the target.  Negative or zero means on or better than target; None for a zero target."""
    lower = _lower_is_better(polarity, maintain_lower_is_better)
    worse_by = figure - target if lower else target - figure
    if points:
        return worse_by
    if target == 0:
        return None
    return worse_by / abs(target) * 100


def rag(
    polarity: Polarity,
    target: Decimal | None,
    forecast: Decimal | None,
    *,
    points: bool = False,
    green: Decimal = DEFAULT_GREEN_TOLERANCE,
    amber: Decimal = DEFAULT_AMBER_TOLERANCE,
    maintain_lower_is_better: bool = True,
) -> Rag | None:
    """Green when the forecast is no more than ``green`` worse than target, amber within
    ``amber``, red beyond.  Tolerances are % of the target, or points for percentages.
    With a target of zero, anything worse than zero is red."""
    if target is None or forecast is None:
        return None
    gap = shortfall(
        polarity, target, forecast, points=points, maintain_lower_is_better=maintain_lower_is_better
    )
    if gap is None:  # zero target, counted in percent: no proportion to speak of
        lower = _lower_is_better(polarity, maintain_lower_is_better)
        return Rag.GREEN if (forecast <= 0 if lower else forecast >= 0) else Rag.RED
    if gap <= green:
        return Rag.GREEN
    if gap <= amber:
        return Rag.AMBER
    return Rag.RED
