"""Performance arithmetic: change from baseline, targets, verdicts, and checking printed figures.

Plain functions on ``Decimal``; nothing here touches the database.  The
documents print change to whole percent ("- 7%") or one decimal ("+13.8%"),
compare percentages in percentage points (22.7% against a 20% target), and
write "TBC" or "N/A" where a figure is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

MISSING_WORDS = {"", "tbc", "n/a", "na", "tba", "-", "–", "not available", "unknown", "none"}
_NUMBER = re.compile(r"^([+\-–]?)\s*£?\s*([0-9][0-9,]*(?:\.[0-9]+)?|\.[0-9]+)\s*(%?)$")


class Polarity(StrEnum):
    LOWER_IS_BETTER = "lower"
    HIGHER_IS_BETTER = "higher"
    MAINTAIN = "maintain"


class Verdict(StrEnum):
    ACHIEVED = "achieved"
    EXCEEDED = "exceeded"
    MISSED = "missed"


@dataclass(frozen=True)
class Figure:
    """A number as printed: its value, whether it was a percentage, and its decimals."""

    value: Decimal
    percent: bool = False
    decimals: int = 0


def parse_figure(text: str | None) -> Figure | None:
    """``"1,193"`` → 1193; ``"21.4%"`` → 21.4 (percent); ``"- 7%"`` → -7; "TBC" → None."""
    if text is None:
        return None
    cleaned = " ".join(str(text).split())
    if cleaned.casefold() in MISSING_WORDS:
        return None
    match = _NUMBER.match(cleaned)
    if not match:
        return None
    sign, digits, percent = match.groups()
    try:
        value = Decimal(digits.replace(",", ""))
    except InvalidOperation:
        return None
    if sign in ("-", "–"):
        value = -value
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    return Figure(value=value, percent=bool(percent), decimals=decimals)


def percent_change(baseline: Decimal | None, actual: Decimal | None) -> Decimal | None:
    """(actual - baseline) / baseline × 100; None when either is missing or the baseline is 0."""
    if baseline is None or actual is None or baseline == 0:
        return None
    return (actual - baseline) / baseline * 100


def point_change(baseline: Decimal | None, actual: Decimal | None) -> Decimal | None:
    """The change in percentage points, for indicators that are themselves percentages."""
    if baseline is None or actual is None:
        return None
    return actual - baseline


def round_half_up(value: Decimal, decimals: int = 0) -> Decimal:
    """Rounding as people do it (2.5 → 3), not banker's rounding."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_change(value: Decimal | None, decimals: int = 0, points: bool = False) -> str:
    """``-6.96`` → ``"-7%"``; with ``points`` → ``"+1.3 pp"``; None → ``"n/a"``."""
    if value is None:
        return "n/a"
    rounded = round_half_up(value, decimals)
    if rounded == 0:
        rounded = abs(rounded)
    sign = "+" if rounded > 0 else ""
    return f"{sign}{rounded}{' pp' if points else '%'}"


def target_from_change(baseline: Decimal, change_percent: Decimal) -> Decimal:
    """ "Reduce by 5%" on 273 is ``target_from_change(273, -5)`` = 259.35."""
    return baseline * (1 + change_percent / 100)


def verdict(
    polarity: Polarity,
    target: Decimal | None,
    actual: Decimal | None,
    baseline: Decimal | None = None,
    *,
    maintain_lower_is_better: bool = True,
) -> Verdict | None:
    """Whether the actual met the target; None when a figure is missing.

    Meeting the target exactly is *achieved*, doing better is *exceeded*.
    "Maintain" means no worse than the target, or the baseline when there is
    no target; which way is worse is the indicator's natural direction
    (lower by default: crime, incidents, the share who see a problem).
    """
    reference = target if target is not None else baseline
    if reference is None or actual is None:
        return None
    if polarity is Polarity.MAINTAIN:
        lower_is_better = maintain_lower_is_better
    else:
        lower_is_better = polarity is Polarity.LOWER_IS_BETTER
    return _better_or_worse(actual, reference, lower_is_better=lower_is_better)


def _better_or_worse(actual: Decimal, target: Decimal, *, lower_is_better: bool) -> Verdict:
    if actual == target:
        return Verdict.ACHIEVED
    better = actual < target if lower_is_better else actual > target
    return Verdict.EXCEEDED if better else Verdict.MISSED


class Agreement(StrEnum):
    AGREES = "agrees"
    ROUNDING = "rounding"  # within one printed unit: rounded or cut differently
    INCONSISTENT = "inconsistent"
    NOT_CHECKED = "not_checked"


@dataclass(frozen=True)
class Check:
    computed: Decimal | None
    computed_text: str
    agreement: Agreement
    message: str


def check_printed_change(
    baseline: Figure | None, actual: Figure | None, printed: str | None
) -> Check:
    """Compare the change a document printed with the one its own figures give.

    Percentages compare in points when the printed change is in points; counts
    compare as percent change, rounded to the printed number of decimals.
    """
    points = bool(baseline and baseline.percent)
    change = (
        point_change(baseline.value, actual.value)
        if points and baseline and actual
        else percent_change(baseline.value if baseline else None, actual.value if actual else None)
    )
    printed_figure = parse_figure(printed)
    decimals = printed_figure.decimals if printed_figure else 1
    text = format_change(change, decimals, points=points)
    if change is None or printed_figure is None:
        return Check(change, text, Agreement.NOT_CHECKED, "")
    expected = round_half_up(change, decimals)
    difference = abs(printed_figure.value - expected)
    unit = Decimal(1).scaleb(-decimals)
    if difference == 0:
        return Check(change, text, Agreement.AGREES, "")
    if abs(printed_figure.value - change) < unit:
        return Check(
            change,
            text,
            Agreement.ROUNDING,
            f"printed {printed.strip()} but the figures give {format_change(change, 1, points)}: "
            "a rounding difference",
        )
    return Check(
        change,
        text,
        Agreement.INCONSISTENT,
        f"printed {printed.strip()} but the figures give {format_change(change, 1, points)}",
    )


PRINTED_VERDICTS = {
    "target achieved": Verdict.ACHIEVED,
    "achieved": Verdict.ACHIEVED,
    "target exceeded": Verdict.EXCEEDED,
    "exceeded": Verdict.EXCEEDED,
    "target missed": Verdict.MISSED,
    "missed": Verdict.MISSED,
    "target not achieved": Verdict.MISSED,
}


def printed_verdict(text: str | None) -> Verdict | None:
    return PRINTED_VERDICTS.get(" ".join((text or "").casefold().split()))


def verdicts_agree(ours: Verdict | None, printed: Verdict | None) -> bool:
    """Achieved and exceeded both mean the target was met; only met against missed disagrees."""
    if ours is None or printed is None:
        return True
    return (ours is Verdict.MISSED) == (printed is Verdict.MISSED)


class Unit(StrEnum):
    COUNT = "count"
    PERCENTAGE = "percentage"
    RATE = "rate"  # per 1,000 population
    MONEY = "money"


def unit_of_printed(text: str | None) -> Unit:
    """The unit a printed figure suggests: ``"22.7%"`` a percentage, ``"£1,200"`` money."""
    cleaned = (text or "").casefold()
    if "%" in cleaned:
        return Unit.PERCENTAGE
    if "£" in cleaned:
        return Unit.MONEY
    if "per 1,000" in cleaned or "per 1000" in cleaned:
        return Unit.RATE
    return Unit.COUNT


def rate_per_1000(count: Decimal | None, population: Decimal | None) -> Decimal | None:
    """count / population × 1000; None when either is missing or the population is 0."""
    if count is None or not population:
        return None
    return count / population * 1000


def change_from_baseline(
    unit: Unit, baseline: Decimal | None, actual: Decimal | None
) -> tuple[Decimal | None, bool]:
    """The change and whether it is in percentage points (percentages) or percent (the rest)."""
    if unit is Unit.PERCENTAGE:
        return point_change(baseline, actual), True
    return percent_change(baseline, actual), False


def format_value(value: Decimal | None, unit: Unit, decimals: int | None = None) -> str:
    """``1193`` → ``"1,193"``; 22.7 → ``"22.7%"``; 12.34 → ``"12.3 per 1,000"``; ``"£1,250"``."""
    if value is None:
        return "No data"
    if decimals is None:
        decimals = _natural_decimals(value, unit)
    rounded = round_half_up(value, decimals)
    if rounded == 0:
        rounded = abs(rounded)
    number = f"{rounded:,.{decimals}f}"
    if unit is Unit.PERCENTAGE:
        return f"{number}%"
    if unit is Unit.RATE:
        return f"{number} per 1,000"
    if unit is Unit.MONEY:
        return f"-£{number[1:]}" if number.startswith("-") else f"£{number}"
    return number


def format_target(value: Decimal | None, unit: Unit) -> str:
    """A target as the documents print it: counts whole ("reduce by 5%" on 273 is 259.35,
    printed 259); percentages, rates and money keep their decimals."""
    return format_value(value, unit, 0 if unit is Unit.COUNT else None)


def _natural_decimals(value: Decimal, unit: Unit) -> int:
    """Whole numbers print whole; a fraction keeps one decimal (pence keep two)."""
    if unit is Unit.RATE:
        return 1
    if value == value.to_integral_value():
        return 0
    return 2 if unit is Unit.MONEY else 1
