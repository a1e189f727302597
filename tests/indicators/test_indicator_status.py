"""An indicator's standing against a target, on unsaved rows (no database)."""

from datetime import date
from decimal import Decimal as D

import pytest

from saferplan.indicators.models import Indicator, IndicatorTarget, IndicatorValue
from saferplan.indicators.status import current_target, target_status


def make(unit="count", polarity="lower", **target):
    indicator = Indicator(name="Violent crimes", unit=unit, polarity=polarity)
    defaults = {"year": "2024/25", "baseline_period": "2023/24", "baseline_value": D(1030)}
    return indicator, IndicatorTarget(indicator=indicator, **{**defaults, **target})


def values(indicator, *pairs):
    return [IndicatorValue(indicator=indicator, period=p, value=D(v)) for p, v in pairs]


AFTER = date(2025, 6, 1)  # the 2024/25 year is over
DURING = date(2024, 11, 15)
BEFORE = date(2024, 1, 1)


@pytest.mark.parametrize(
    ("actual", "state", "change"),
    [("958", "achieved", "-7%"), ("900", "exceeded", "-13%"), ("1000", "missed", "-3%")],
)
def test_a_finished_year_gets_a_verdict(actual, state, change):
    indicator, target = make(target_value=D(958))
    status = target_status(indicator, target, values(indicator, ("2024/25", actual)), AFTER)
    assert (status.state, status.change_text) == (state, change)


def test_a_change_target_is_worked_out_from_the_baseline():
    indicator, target = make(kind="change", change_percent=D(-5), baseline_value=D(273))
    status = target_status(indicator, target, values(indicator, ("2024/25", 254)), AFTER)
    assert (status.goal, status.goal_text, status.state) == (D("259.35"), "259", "exceeded")


@pytest.mark.parametrize(
    ("unit", "baseline", "change", "goal_text"),
    [
        ("count", D(273), D(-5), "259"),
        ("count", D(1030), D(-7), "958"),
        ("count", D(521), D(-5), "495"),
        ("rate", D("12.34"), D(-5), "11.7 per 1,000"),
        ("money", D(1250), D(-5), "£1,187.50"),
        ("percentage", D("21.4"), D("-1.4"), "20%"),
        ("percentage", D("21.4"), D(-1), "20.4%"),  # points, and the decimal stays
    ],
)
def test_a_change_target_prints_by_unit(unit, baseline, change, goal_text):
    indicator, target = make(
        unit=unit, kind="change", change_percent=change, baseline_value=baseline
    )
    status = target_status(indicator, target, [], AFTER)
    assert status.goal_text == goal_text


def test_maintain_means_no_worse_than_the_baseline():
    indicator, target = make(
        unit="percentage", polarity="maintain", kind="maintain", baseline_value=D(13)
    )
    done = target_status(indicator, target, values(indicator, ("2024/25", 5)), AFTER)
    assert (done.goal, done.state, done.change_text) == (D(13), "exceeded", "-8.0 pp")
    worse = target_status(indicator, target, values(indicator, ("2024/25", 14)), AFTER)
    assert worse.state == "missed"


def test_percentages_compare_in_points():
    indicator, target = make(unit="percentage", baseline_value=D("21.4"), target_value=D(20))
    status = target_status(indicator, target, values(indicator, ("2024/25", "22.7")), AFTER)
    assert (status.state, status.change_text, status.actual_text) == ("missed", "+1.3 pp", "22.7%")


def test_a_percentage_change_target_is_in_points():
    indicator, target = make(
        unit="percentage", kind="change", change_percent=D(-2), baseline_value=D("22.7")
    )
    assert target.goal == D("20.7")


def test_a_year_in_progress_gets_a_forecast_and_rag():
    indicator, target = make(target_value=D(958))
    quarters = values(indicator, ("2024/25 Q1", 250), ("2024/25 Q2", 245))
    status = target_status(indicator, target, quarters, DURING)
    assert (status.forecast.value, status.state, status.label) == (D(990), "amber", "At risk")
    on_track = target_status(indicator, target, values(indicator, ("2024/25 Q1", 200)), DURING)
    assert (on_track.state, on_track.colour) == ("green", "green")


def test_rag_thresholds_come_from_the_target():
    indicator, target = make(target_value=D(958), amber_tolerance=D(1))
    quarters = values(indicator, ("2024/25 Q1", 250), ("2024/25 Q2", 245))
    assert target_status(indicator, target, quarters, DURING).state == "red"


@pytest.mark.parametrize(
    ("today", "rows", "state"),
    [
        (AFTER, [], "awaiting_data"),
        (AFTER, [("2024/25", "TBC")], "awaiting_data"),
        (DURING, [], "awaiting_data"),
        (BEFORE, [], "not_started"),
    ],
)
def test_missing_figures_say_so(today, rows, state):
    indicator, target = make(target_value=D(958))
    given = values(indicator, *[(p, v) for p, v in rows if v != "TBC"])
    assert target_status(indicator, target, given, today).state == state


def test_no_target_value_means_no_verdict():
    indicator, target = make(target_value=None, baseline_value=None)
    status = target_status(indicator, target, values(indicator, ("2024/25", 5)), AFTER)
    assert (status.state, status.change_text) == ("no_target", "n/a")


def test_the_baseline_falls_back_to_the_recorded_value():
    indicator, target = make(target_value=D(958), baseline_value=None)
    rows = values(indicator, ("2023/24", 1030), ("2024/25", 958))
    status = target_status(indicator, target, rows, AFTER)
    assert (status.baseline, status.change_text) == (D(1030), "-7%")


def test_a_zero_baseline_has_no_percent_change():
    indicator, target = make(target_value=D(0), baseline_value=D(0))
    status = target_status(indicator, target, values(indicator, ("2024/25", 3)), AFTER)
    assert (status.change_text, status.state) == ("n/a", "missed")


def test_the_current_target_is_this_years_else_the_latest():
    targets = [IndicatorTarget(year=y) for y in ("2023/24", "2024/25", "2026/27")]
    assert current_target(targets, DURING).year == "2024/25"
    assert current_target(targets, date(2030, 1, 1)).year == "2026/27"
    assert current_target(targets, date(2020, 1, 1)).year == "2023/24"
    assert current_target([], DURING) is None
