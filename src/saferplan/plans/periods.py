"""Financial years and quarters, as the partnerships write them.

A financial year ``2024/25`` runs from 1 April 2024 to 31 March 2025;
Q1 is April to June and Q4 January to March.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_YEAR = re.compile(r"^\s*(\d{4})\s*[/\-–]\s*(\d{2}|\d{4})\s*$")
_PERIOD = re.compile(r"^\s*(\d{4}/\d{2})\s*[ -]?\s*Q([1-4])\s*$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class FinancialYear:
    start_year: int

    @classmethod
    def parse(cls, text: str) -> FinancialYear:
        """``"2014/15"``, ``"2014/2015"``, ``"2014-15"`` → ``FinancialYear(2014)``."""
        match = _YEAR.match(text or "")
        if not match:
            raise ValueError(f"{text!r} is not a financial year such as 2014/15")
        start, end = int(match[1]), match[2]
        ends_next_year = int(end) == (start + 1 if len(end) == 4 else (start + 1) % 100)
        if not ends_next_year:
            raise ValueError(f"{text!r} is not a financial year: it must span two years")
        return cls(start)

    def __str__(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    @property
    def start(self) -> date:
        return date(self.start_year, 4, 1)

    @property
    def end(self) -> date:
        return date(self.start_year + 1, 3, 31)

    def next(self) -> FinancialYear:
        return FinancialYear(self.start_year + 1)

    def quarter(self, number: int) -> Quarter:
        return Quarter(self, number)

    def quarters(self) -> list[Quarter]:
        return [Quarter(self, n) for n in range(1, 5)]


@dataclass(frozen=True, order=True)
class Quarter:
    year: FinancialYear
    number: int

    def __post_init__(self) -> None:
        if self.number not in (1, 2, 3, 4):
            raise ValueError(f"quarter must be 1 to 4, not {self.number}")

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """``"2014/15 Q1"`` (also ``2014/15-Q1``) → the first quarter of 2014/15."""
        match = _PERIOD.match(text or "")
        if not match:
            raise ValueError(f"{text!r} is not a quarter such as 2014/15 Q1")
        return cls(FinancialYear.parse(match[1]), int(match[2]))

    def __str__(self) -> str:
        return f"{self.year} Q{self.number}"

    @property
    def start(self) -> date:
        month = 4 + 3 * (self.number - 1)
        year = self.year.start_year + (month > 12)
        return date(year, (month - 1) % 12 + 1, 1)

    @property
    def end(self) -> date:
        first_of_next = (
            Quarter(self.year, self.number + 1).start if self.number < 4 else self.year.next().start
        )
        return date.fromordinal(first_of_next.toordinal() - 1)

    @property
    def months_label(self) -> str:
        return f"{self.start:%B} to {self.end:%B %Y}"


def financial_year_of(day: date) -> FinancialYear:
    return FinancialYear(day.year if day.month >= 4 else day.year - 1)
