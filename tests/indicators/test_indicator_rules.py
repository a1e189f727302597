from decimal import Decimal as D

import pytest

from saferplan.indicators.rules import (
    Agreement,
    Figure,
    Polarity,
    Unit,
    Verdict,
    change_from_baseline,
    check_printed_change,
    format_change,
    format_target,
    format_value,
    parse_figure,
    percent_change,
    point_change,
    printed_verdict,
    rate_per_1000,
    round_half_up,
    target_from_change,
    unit_of_printed,
    verdict,
    verdicts_agree,
)


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("1,193", Figure(D("1193"))),
        ("21.4%", Figure(D("21.4"), percent=True, decimals=1)),
        ("- 7%", Figure(D("-7"), percent=True)),
        ("+ 5%", Figure(D("5"), percent=True)),
        ("-13%", Figure(D("-13"), percent=True)),
        ("+13.8%", Figure(D("13.8"), percent=True, decimals=1)),
        ("£12,500", Figure(D("12500"))),
        ("0", Figure(D("0"))),
        ("TBC", None),
        ("N/A", None),
        ("", None),
        (None, None),
        ("Target achieved", None),
        ("12 (est.)", None),
    ],
)
def test_figures_are_read_as_printed(text, figure):
    assert parse_figure(text) == figure


@pytest.mark.parametrize(
    ("old", "new", "change"),
    [
        ("273", "254", "-6.959706959706959706959706960"),
        ("668", "760", "13.77245508982035928143712575"),
    ],
)
def test_percent_change_is_new_minus_old_over_old(old, new, change):
    assert percent_change(D(old), D(new)) == D(change)


@pytest.mark.parametrize(("old", "new"), [(D(0), D(5)), (None, D(5)), (D(5), None)])
def test_percent_change_is_undefined_for_a_zero_or_missing_figure(old, new):
    assert percent_change(old, new) is None


def test_percentages_compare_in_points():
    assert point_change(D("21.4"), D("22.7")) == D("1.3")
    assert format_change(D("1.3"), 1, points=True) == "+1.3 pp"


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (D("-6.9597"), 0, "-7%"),
        (D("13.7724"), 1, "+13.8%"),
        (D("0.4"), 0, "0%"),
        (D("-0.4"), 0, "0%"),
        (D("2.5"), 0, "+3%"),
        (None, 0, "n/a"),
    ],
)
def test_changes_print_like_the_documents(value, decimals, text):
    assert format_change(value, decimals) == text


def test_rounding_is_half_up_not_bankers():
    assert round_half_up(D("0.5")) == 1 and round_half_up(D("1.5")) == 2
    assert round_half_up(D("2.25"), 1) == D("2.3")


def test_a_target_can_be_a_change_from_the_baseline():
    target = target_from_change(D(273), D(-5))
    assert target == D("259.35")
    assert round_half_up(target) == 259


@pytest.mark.parametrize(
    ("polarity", "target", "actual", "expected"),
    [
        (Polarity.LOWER_IS_BETTER, "259", "254", Verdict.EXCEEDED),
        (Polarity.LOWER_IS_BETTER, "259", "259", Verdict.ACHIEVED),
        (Polarity.LOWER_IS_BETTER, "408", "452", Verdict.MISSED),
        (Polarity.HIGHER_IS_BETTER, "60", "113", Verdict.EXCEEDED),
        (Polarity.HIGHER_IS_BETTER, "60", "59", Verdict.MISSED),
        (Polarity.MAINTAIN, "13", "5", Verdict.EXCEEDED),
        (Polarity.MAINTAIN, "13", "13", Verdict.ACHIEVED),
        (Polarity.MAINTAIN, "13", "14", Verdict.MISSED),
        (Polarity.LOWER_IS_BETTER, "20", "22.7", Verdict.MISSED),  # percentage points
        (Polarity.LOWER_IS_BETTER, None, "22.7", None),
        (Polarity.LOWER_IS_BETTER, "20", None, None),
    ],
)
def test_the_verdict_follows_the_polarity(polarity, target, actual, expected):
    def as_decimal(v):
        return None if v is None else D(v)

    assert verdict(polarity, as_decimal(target), as_decimal(actual)) == expected


def test_maintain_without_a_target_compares_with_the_baseline():
    assert verdict(Polarity.MAINTAIN, None, D(8), baseline=D(8)) == Verdict.ACHIEVED
    assert verdict(Polarity.MAINTAIN, None, D(9), baseline=D(8)) == Verdict.MISSED
    assert (
        verdict(Polarity.MAINTAIN, None, D(70), baseline=D(80), maintain_lower_is_better=False)
        == Verdict.MISSED
    )


@pytest.mark.parametrize(
    ("baseline", "actual", "printed", "agreement", "computed"),
    [
        ("273", "254", "- 7%", Agreement.AGREES, "-7%"),
        ("429", "452", "+ 5%", Agreement.AGREES, "+5%"),
        ("521", "445", "- 14%", Agreement.ROUNDING, "-15%"),
        ("1,193", "1,030", "- 6%", Agreement.INCONSISTENT, "-14%"),
        ("668", "760", "+13.8%", Agreement.AGREES, "+13.8%"),
        ("TBC", "TBC", "TBC", Agreement.NOT_CHECKED, "n/a"),
        ("0", "5", "+5%", Agreement.NOT_CHECKED, "n/a"),
        ("13%", "5%", "Target achieved", Agreement.NOT_CHECKED, "-8.0 pp"),
    ],
)
def test_a_printed_change_is_checked_against_the_figures(
    baseline, actual, printed, agreement, computed
):
    check = check_printed_change(parse_figure(baseline), parse_figure(actual), printed)
    assert check.agreement is agreement
    assert check.computed_text == computed


def test_the_check_says_what_the_figures_give():
    check = check_printed_change(parse_figure("1,193"), parse_figure("1,030"), "- 6%")
    assert check.message == "printed - 6% but the figures give -13.7%"
    rounding = check_printed_change(parse_figure("521"), parse_figure("445"), "- 14%")
    assert rounding.message == "printed - 14% but the figures give -14.6%: a rounding difference"


@pytest.mark.parametrize(
    ("ours", "printed", "agree"),
    [
        (Verdict.EXCEEDED, "Target achieved", True),
        (Verdict.EXCEEDED, "Target exceeded", True),
        (Verdict.MISSED, "Target missed", True),
        (Verdict.ACHIEVED, "Target missed", False),
        (Verdict.MISSED, "Target achieved", False),
        (None, "Target achieved", True),
    ],
)
def test_achieved_and_exceeded_both_count_as_met(ours, printed, agree):
    assert verdicts_agree(ours, printed_verdict(printed)) is agree


# Units, rates and money


@pytest.mark.parametrize(
    ("printed", "unit"),
    [
        ("22.7%", Unit.PERCENTAGE),
        ("13% 5%", Unit.PERCENTAGE),
        ("£12,500", Unit.MONEY),
        ("4.2 per 1,000", Unit.RATE),
        ("1,193", Unit.COUNT),
        ("TBC", Unit.COUNT),
        ("", Unit.COUNT),
        (None, Unit.COUNT),
    ],
)
def test_the_unit_is_read_from_the_printed_figures(printed, unit):
    assert unit_of_printed(printed) is unit


@pytest.mark.parametrize(
    ("count", "population", "rate"),
    [
        (D(480), D(120000), D(4)),
        (D(0), D(120000), D(0)),
        (D(5), D(0), None),  # no population: no rate
        (None, D(1000), None),
        (D(5), None, None),
    ],
)
def test_rates_are_per_thousand_population(count, population, rate):
    assert rate_per_1000(count, population) == rate


@pytest.mark.parametrize(
    ("unit", "baseline", "actual", "change", "points"),
    [
        (Unit.COUNT, D(273), D(254), D("-6.959706959706959706959706960"), False),
        (Unit.MONEY, D(1000), D(1100), D(10), False),
        (Unit.RATE, D(4), D(5), D(25), False),
        (Unit.PERCENTAGE, D("21.4"), D("22.7"), D("1.3"), True),
        (Unit.PERCENTAGE, D(0), D(5), D(5), True),  # a zero baseline is fine in points
        (Unit.COUNT, D(0), D(5), None, False),  # but a percent change of zero is undefined
        (Unit.COUNT, None, D(5), None, False),
        (Unit.PERCENTAGE, D(20), None, None, True),
    ],
)
def test_change_from_baseline_is_percent_or_points_by_unit(unit, baseline, actual, change, points):
    assert change_from_baseline(unit, baseline, actual) == (change, points)


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (D(1193), Unit.COUNT, "1,193"),
        (D("12.5"), Unit.COUNT, "12.5"),  # a recorded average keeps its decimal; targets do not
        (D("22.7"), Unit.PERCENTAGE, "22.7%"),
        (D("13.0000"), Unit.PERCENTAGE, "13%"),
        (D("4.25"), Unit.RATE, "4.3 per 1,000"),
        (D(4), Unit.RATE, "4.0 per 1,000"),
        (D(12500), Unit.MONEY, "£12,500"),
        (D("12.5"), Unit.MONEY, "£12.50"),
        (D(-300), Unit.MONEY, "-£300"),
        (D("-0.01"), Unit.COUNT, "0.0"),
        (None, Unit.COUNT, "No data"),
    ],
)
def test_values_print_by_unit(value, unit, text):
    assert format_value(value, unit) == text


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (D("259.35"), Unit.COUNT, "259"),  # "reduce by 5%" on 273, as the plan prints it
        (D("259.5"), Unit.COUNT, "260"),  # half up, not to even
        (D("957.9"), Unit.COUNT, "958"),
        (D(1133), Unit.COUNT, "1,133"),
        (D("0.4"), Unit.COUNT, "0"),
        (D("20"), Unit.PERCENTAGE, "20%"),
        (D("19.5"), Unit.PERCENTAGE, "19.5%"),  # percentages keep their decimals
        (D("22.75"), Unit.PERCENTAGE, "22.8%"),
        (D("4.25"), Unit.RATE, "4.3 per 1,000"),
        (D("12.5"), Unit.MONEY, "£12.50"),
        (None, Unit.COUNT, "No data"),
    ],
)
def test_targets_print_as_the_documents_print_them(value, unit, text):
    assert format_target(value, unit) == text


def test_a_value_can_print_with_fixed_decimals():
    assert format_value(D("259.35"), Unit.COUNT, 0) == "259"
    assert format_value(D("22.75"), Unit.PERCENTAGE, 1) == "22.8%"


@pytest.mark.parametrize(
    ("baseline", "change", "target"),
    [
        (D(273), D(-5), D("259.35")),
        (D(0), D(-5), D(0)),
        (D(60), D(50), D(90)),
        (D(1030), D(-7), D("957.9")),
    ],
)
def test_targets_from_a_change_in_every_direction(baseline, change, target):
    assert target_from_change(baseline, change) == target
