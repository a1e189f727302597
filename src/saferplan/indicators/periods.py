"""The periods an indicator's values cover: a month, a quarter or a financial year.

Labels are written the way people write them: ``2024-05`` (May 2024),
``2024/25 Q1`` (April to June 2024), ``2024/25`` (April 2024 to March 2025).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from saferplan.plans.periods import FinancialYear, Quarter, financial_year_of

_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_NAMED_MONTH = re.compile(r"^\s*([a-z]+)\.?\s+(\d{4})\s*$", re.IGNORECASE)


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


PERIODS_IN_YEAR = {PeriodKind.MONTH: 12, PeriodKind.QUARTER: 4, PeriodKind.YEAR: 1}


@dataclass(frozen=True, order=True)
class Period:
    """Orders by start date, then the shorter period first."""

    start: date
    end: date
    kind: PeriodKind
    label: str

    @property
    def financial_year(self) -> FinancialYear:
        return financial_year_of(self.start)

    @property
    def middle(self) -> date:
        return date.fromordinal((self.start.toordinal() + self.end.toordinal()) // 2)

    @property
    def short_label(self) -> str:
        """For chart axes: ``May 24``, ``24/25 Q1``, ``2024/25``."""
        if self.kind is PeriodKind.MONTH:
            return f"{self.start:%b %y}"
        if self.kind is PeriodKind.QUARTER:
            return self.label[2:]
        return self.label


def parse_period(text: str) -> Period:
    """A month (``2024-05``, ``May 2024``), quarter (``2024/25 Q1``) or year (``2024/25``).

    Raises ``ValueError`` with a message fit to show the person who typed it.
    """
    cleaned = " ".join(str(text or "").split())
    month = _MONTH.match(cleaned)
    if month and 1 <= int(month[2]) <= 12:  # "2024-25" is a financial year, not a month
        return month_period(int(month[1]), int(month[2]))
    named = _NAMED_MONTH.match(cleaned)
    if named and named[1].casefold() in _MONTH_NAMES:
        return month_period(int(named[2]), _MONTH_NAMES[named[1].casefold()])
    if "q" in cleaned.casefold():
        quarter = Quarter.parse(cleaned)
        return Period(quarter.start, quarter.end, PeriodKind.QUARTER, str(quarter))
    try:
        return year_period(FinancialYear.parse(cleaned))
    except ValueError:
        raise ValueError(
            f"{text!r} is not a period: give a month (2024-05), a quarter (2024/25 Q1) "
            "or a financial year (2024/25)"
        ) from None


def month_period(year: int, number: int) -> Period:
    start = date(year, number, 1)
    following = date(year + (number == 12), number % 12 + 1, 1)
    end = date.fromordinal(following.toordinal() - 1)
    return Period(start, end, PeriodKind.MONTH, f"{year}-{number:02d}")


def year_period(fy: FinancialYear) -> Period:
    return Period(fy.start, fy.end, PeriodKind.YEAR, str(fy))


def previous_year(fy: FinancialYear) -> FinancialYear:
    return FinancialYear(fy.start_year - 1)
