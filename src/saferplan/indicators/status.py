"""An indicator's standing against a target: change, verdict or forecast and RAG.

Works on rows already loaded (an indicator with its values and targets), so
a page computes every status without a query per indicator.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from saferplan.indicators import rules
from saferplan.indicators.forecast import Forecast, Rag, forecast_year, rag, year_figure
from saferplan.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from saferplan.indicators.periods import Period, parse_period

# state → (label, GOV.UK tag colour)
STATES: dict[str, tuple[str, str]] = {
    "exceeded": ("Target exceeded", "green"),
    "achieved": ("Target achieved", "green"),
    "missed": ("Target missed", "red"),
    Rag.GREEN: ("On track", "green"),
    Rag.AMBER: ("At risk", "yellow"),
    Rag.RED: ("Off track", "red"),
    "awaiting_data": ("Awaiting data", "grey"),
    "not_started": ("Not started", "grey"),
    "no_target": ("No target", "grey"),
}


@dataclass
class TargetStatus:
    indicator: Indicator
    target: IndicatorTarget | None
    baseline: Decimal | None
    goal: Decimal | None
    actual: Decimal | None
    change: Decimal | None
    points: bool
    forecast: Forecast | None
    state: str

    @property
    def label(self) -> str:
        return STATES[self.state][0]

    @property
    def colour(self) -> str:
        return STATES[self.state][1]

    @property
    def change_text(self) -> str:
        decimals = self.indicator.change_decimals
        # Points are printed to one decimal, as the documents do (22.7% against 21.4%: +1.3 pp).
        return rules.format_change(
            self.change, max(decimals, 1) if self.points else decimals, self.points
        )

    @property
    def baseline_text(self) -> str:
        return self.indicator.format(self.baseline)

    @property
    def goal_text(self) -> str:
        return self.indicator.format_target(self.goal)

    @property
    def actual_text(self) -> str:
        return self.indicator.format(self.actual)

    @property
    def forecast_text(self) -> str:
        return self.indicator.format_target(self.forecast.value) if self.forecast else ""


def periods_and_values(values: list[IndicatorValue]) -> list[tuple[Period, Decimal]]:
    return sorted(((parse_period(v.period), v.value) for v in values), key=lambda pv: pv[0])


def target_status(
    indicator: Indicator,
    target: IndicatorTarget,
    values: list[IndicatorValue],
    today: date,
) -> TargetStatus:
    """The target's verdict once its year is over, its forecast and RAG while it runs."""
    series = periods_and_values(values)
    fy = target.financial_year
    baseline = target.baseline_value
    if baseline is None and target.baseline_period:
        baseline = next((v for p, v in series if p.label == target.baseline_period), None)
    target.indicator = indicator  # ``goal`` reads the unit; avoid a query
    goal = target.goal_for(baseline)
    unit, polarity = indicator.rules_unit, indicator.rules_polarity
    actual = year_figure(unit, series, fy)
    change, points = rules.change_from_baseline(unit, baseline, actual)
    forecast = None
    if today < fy.start:
        state = "not_started"
    elif actual is not None and (today > fy.end or _complete(series, fy)):
        outcome = rules.verdict(polarity, goal, actual, baseline)
        state = str(outcome) if outcome else "no_target"
    elif today > fy.end:
        state = "awaiting_data"
    else:
        forecast = forecast_year(unit, series, fy)
        rating = rag(
            polarity,
            goal,
            forecast.value if forecast else None,
            points=points,
            green=target.green_tolerance,
            amber=target.amber_tolerance,
        )
        state = rating or ("awaiting_data" if goal is not None else "no_target")
    return TargetStatus(indicator, target, baseline, goal, actual, change, points, forecast, state)


def _complete(series: list[tuple[Period, Decimal]], fy) -> bool:
    """A year whose annual figure is in counts as finished even before 31 March."""
    return any(p.kind == "year" and p.financial_year == fy for p, _ in series)


def current_target(targets: list[IndicatorTarget], today: date) -> IndicatorTarget | None:
    """This year's target, else the latest past one, else the earliest future one."""
    ordered = sorted(targets, key=lambda t: t.financial_year)
    if not ordered:
        return None
    past = [t for t in ordered if t.financial_year.start <= today]
    return past[-1] if past else ordered[0]


def indicator_status(indicator: Indicator, today: date) -> TargetStatus:
    """The status against the current target (uses prefetched ``values`` and ``targets``)."""
    values = list(indicator.values.all())
    targets = list(indicator.targets.all())
    target = current_target(targets, today)
    if target is None:
        series = periods_and_values(values)
        latest = series[-1][1] if series else None
        return TargetStatus(indicator, None, None, None, latest, None, False, None, "no_target")
    return target_status(indicator, target, values, today)


def all_target_statuses(indicator: Indicator, today: date) -> list[TargetStatus]:
    values = list(indicator.values.all())
    return [
        target_status(indicator, target, values, today)
        for target in sorted(indicator.targets.all(), key=lambda t: t.financial_year)
    ]
