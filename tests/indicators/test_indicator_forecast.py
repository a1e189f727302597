"""Periods, the year's figure, the run-rate forecast and RAG: plain functions, no database."""

from datetime import date
from decimal import Decimal as D

import pytest

from saferplan.indicators.forecast import Rag, forecast_year, rag, shortfall, year_figure
from saferplan.indicators.periods import PeriodKind, parse_period
from saferplan.indicators.rules import Polarity, Unit
from saferplan.plans.periods import FinancialYear

FY = FinancialYear(2024)


@pytest.mark.parametrize(
    ("text", "kind", "label", "start", "end"),
    [
        ("2024-05", PeriodKind.MONTH, "2024-05", date(2024, 5, 1), date(2024, 5, 31)),
        ("2024-5", PeriodKind.MONTH, "2024-05", date(2024, 5, 1), date(2024, 5, 31)),
        ("May 2024", PeriodKind.MONTH, "2024-05", date(2024, 5, 1), date(2024, 5, 31)),
        ("Feb 2025", PeriodKind.MONTH, "2025-02", date(2025, 2, 1), date(2025, 2, 28)),
        ("2024-12", PeriodKind.MONTH, "2024-12", date(2024, 12, 1), date(2024, 12, 31)),
        ("2024/25 Q1", PeriodKind.QUARTER, "2024/25 Q1", date(2024, 4, 1), date(2024, 6, 30)),
        ("2024/25 q4", PeriodKind.QUARTER, "2024/25 Q4", date(2025, 1, 1), date(2025, 3, 31)),
        ("2024/25", PeriodKind.YEAR, "2024/25", date(2024, 4, 1), date(2025, 3, 31)),
        ("2024-25", PeriodKind.YEAR, "2024/25", date(2024, 4, 1), date(2025, 3, 31)),
    ],
)
def test_periods_are_read_as_people_write_them(text, kind, label, start, end):
    period = parse_period(text)
    assert (period.kind, period.label, period.start, period.end) == (kind, label, start, end)


@pytest.mark.parametrize("text", ["2024-13", "2024/26", "Q5", "soon", "", "2024/25 Q5"])
def test_a_period_that_is_not_one_is_refused(text):
    with pytest.raises(ValueError):
        parse_period(text)


def test_months_of_january_to_march_belong_to_the_year_before():
    assert parse_period("2025-02").financial_year == FY
    assert parse_period("2024-04").financial_year == FY


def series(*pairs):
    return [(parse_period(p), D(v)) for p, v in pairs]


@pytest.mark.parametrize(
    ("unit", "values", "figure"),
    [
        (Unit.COUNT, series(("2024/25", 958)), D(958)),
        (Unit.COUNT, series(*[(f"2024/25 Q{q}", 250) for q in range(1, 5)]), D(1000)),
        (Unit.PERCENTAGE, series(*[(f"2024/25 Q{q}", 20 + q) for q in range(1, 5)]), D("22.5")),
        (Unit.COUNT, series(("2024/25 Q1", 250), ("2024/25 Q2", 250)), None),  # incomplete
        (Unit.COUNT, series(("2023/24", 1030)), None),  # another year
        (
            Unit.MONEY,
            series(
                *[(f"2024-{m:02d}", 10) for m in range(4, 13)],
                *[(f"2025-{m:02d}", 10) for m in range(1, 4)],
            ),
            D(120),
        ),
    ],
)
def test_the_years_figure_is_its_annual_value_or_all_its_periods(unit, values, figure):
    assert year_figure(unit, values, FY) == figure


@pytest.mark.parametrize(
    ("unit", "values", "value", "used", "of"),
    [
        # counts add up: three quarters of 250 run at 1,000 a year
        (
            Unit.COUNT,
            series(("2024/25 Q1", 250), ("2024/25 Q2", 260), ("2024/25 Q3", 240)),
            D(1000),
            3,
            4,
        ),
        (Unit.MONEY, series(("2024-04", 100), ("2024-05", 140)), D(1440), 2, 12),
        # levels average: percentages and rates do not add up
        (Unit.PERCENTAGE, series(("2024/25 Q1", "21"), ("2024/25 Q2", "23")), D(22), 2, 4),
        (Unit.RATE, series(("2024-04", "4.0"), ("2024-05", "5.0")), D("4.5"), 2, 12),
        # months cover more of the year than one quarter
        (
            Unit.COUNT,
            series(
                ("2024/25 Q1", 300),
                ("2024-04", 90),
                ("2024-05", 100),
                ("2024-06", 110),
                ("2024-07", 100),
            ),
            D(1200),
            4,
            12,
        ),
    ],
)
def test_the_forecast_is_a_run_rate(unit, values, value, used, of):
    forecast = forecast_year(unit, values, FY)
    assert (forecast.value, forecast.periods_used, forecast.periods_in_year) == (value, used, of)


def test_there_is_no_forecast_without_a_period_of_the_year():
    assert forecast_year(Unit.COUNT, series(("2023/24 Q1", 5), ("2024/25", 9)), FY) is None


def test_the_forecast_says_how_it_was_made():
    forecast = forecast_year(Unit.COUNT, series(("2024/25 Q1", 250)), FY)
    assert forecast.description == "Run rate from 1 of 4 quarters"


@pytest.mark.parametrize(
    ("polarity", "target", "forecast", "points", "expected"),
    [
        (Polarity.LOWER_IS_BETTER, "958", "900", False, Rag.GREEN),
        (Polarity.LOWER_IS_BETTER, "958", "958", False, Rag.GREEN),
        (Polarity.LOWER_IS_BETTER, "958", "1000", False, Rag.AMBER),  # 4.4% over
        (Polarity.LOWER_IS_BETTER, "958", "1010", False, Rag.RED),  # 5.4% over
        (Polarity.HIGHER_IS_BETTER, "60", "66", False, Rag.GREEN),
        (Polarity.HIGHER_IS_BETTER, "60", "58", False, Rag.AMBER),
        (Polarity.HIGHER_IS_BETTER, "60", "50", False, Rag.RED),
        (Polarity.MAINTAIN, "13", "12", False, Rag.GREEN),
        (Polarity.MAINTAIN, "13", "13.5", False, Rag.AMBER),
        (Polarity.MAINTAIN, "13", "15", False, Rag.RED),
        # percentages compare in points: 20% target, 24% is 4 points over (amber), 26% red
        (Polarity.LOWER_IS_BETTER, "20", "24", True, Rag.AMBER),
        (Polarity.LOWER_IS_BETTER, "20", "26", True, Rag.RED),
        # a zero target: anything worse is red
        (Polarity.LOWER_IS_BETTER, "0", "0", False, Rag.GREEN),
        (Polarity.LOWER_IS_BETTER, "0", "1", False, Rag.RED),
        (Polarity.HIGHER_IS_BETTER, "0", "1", False, Rag.GREEN),
        (Polarity.LOWER_IS_BETTER, None, "1", False, None),
        (Polarity.LOWER_IS_BETTER, "5", None, False, None),
    ],
)
def test_rag_follows_polarity_and_default_thresholds(polarity, target, forecast, points, expected):
    def d(v):
        return None if v is None else D(v)

    assert rag(polarity, d(target), d(forecast), points=points) == expected


@pytest.mark.parametrize(
    ("green", "amber", "forecast", "expected"),
    [
        (D(2), D(10), D(1015), Rag.GREEN),  # 1.5% over, within a 2% green band
        (D(2), D(10), D(1080), Rag.AMBER),
        (D(2), D(10), D(1150), Rag.RED),
        (D(0), D(0), D(1001), Rag.RED),  # no amber band at all
    ],
)
def test_rag_thresholds_are_configurable(green, amber, forecast, expected):
    assert rag(Polarity.LOWER_IS_BETTER, D(1000), forecast, green=green, amber=amber) == expected


def test_maintain_can_mean_higher_is_better():
    assert (
        shortfall(Polarity.MAINTAIN, D(77), D(70), points=True, maintain_lower_is_better=False) == 7
    )
    assert rag(Polarity.MAINTAIN, D(77), D(80), points=True, maintain_lower_is_better=False) == (
        Rag.GREEN
    )
