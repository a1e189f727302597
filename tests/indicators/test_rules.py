from decimal import Decimal as D

import pytest

from saferplan.indicators.rules import (
    Agreement,
    Figure,
    Polarity,
    Verdict,
    check_printed_change,
    format_change,
    parse_figure,
    percent_change,
    point_change,
    printed_verdict,
    round_half_up,
    target_from_change,
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
