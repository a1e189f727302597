"""The arithmetic and wording of a strategic assessment: plain functions, no database.

Percent change = (new - old) / old x 100; rate = count / population x 1,000;
ranks are "competition" ranks (1 = highest rate; tied districts share a rank and
the next rank is skipped: 1, 2, 2, 4).
"""

from __future__ import annotations

import calendar
import statistics
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from datetime import date

ASB = "Anti-social behaviour"
CRIME_TYPES: tuple[str, ...] = (
    ASB,
    "Bicycle theft",
    "Burglary",
    "Criminal damage and arson",
    "Drugs",
    "Other crime",
    "Other theft",
    "Possession of weapons",
    "Public order",
    "Robbery",
    "Shoplifting",
    "Theft from the person",
    "Vehicle crime",
    "Violence and sexual offences",
)
ALL_CRIME = "All crime"
ALL_EXCEPT_ASB = "All crime excluding anti-social behaviour"
REPORT_TYPES: tuple[str, ...] = (ALL_CRIME, ALL_EXCEPT_ASB, *CRIME_TYPES)

# How each type reads at the start of a sentence ("Shoplifting offences have ...").
_PLURAL_LABELS = {
    ALL_CRIME: "Crimes and anti-social behaviour incidents",
    ALL_EXCEPT_ASB: "Crimes (excluding anti-social behaviour)",
    ASB: "Anti-social behaviour incidents",
    "Bicycle theft": "Bicycle thefts",
    "Burglary": "Burglaries",
    "Criminal damage and arson": "Criminal damage and arson offences",
    "Drugs": "Drug offences",
    "Other crime": "Other crimes",
    "Other theft": "Other theft offences",
    "Possession of weapons": "Possession of weapons offences",
    "Public order": "Public order offences",
    "Robbery": "Robberies",
    "Shoplifting": "Shoplifting offences",
    "Theft from the person": "Theft from the person offences",
    "Vehicle crime": "Vehicle crimes",
    "Violence and sexual offences": "Violence and sexual offences",
}


def plural_label(crime_type: str) -> str:
    return _PLURAL_LABELS.get(crime_type, f"{crime_type} offences")


# -- periods ---------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def parse_month(text: str) -> date:
    """``2025-01`` → 1 January 2025; ValueError for anything else."""
    text = text.strip()
    year, sep, month = text.partition("-")
    if not (sep and len(year) == 4 and len(month) == 2 and year.isdigit() and month.isdigit()):
        raise ValueError(f"{text!r} is not a month like 2025-01")
    return date(int(year), int(month), 1)


@dataclass(frozen=True)
class Period:
    """Whole months from ``start`` to ``end`` inclusive (both the first of a month)."""

    start: date
    end: date

    @classmethod
    def parse(cls, text: str) -> Period:
        """``2025-01:2025-12``; a ValueError names what is wrong."""
        first, sep, last = text.partition(":")
        if not sep:
            raise ValueError(f"{text!r} is not a period like 2025-01:2025-12")
        period = cls(parse_month(first), parse_month(last))
        if period.end < period.start:
            raise ValueError(f"{text!r} ends before it starts")
        return period

    @classmethod
    def ending(cls, end: date, months: int = 12) -> Period:
        return cls(add_months(end, 1 - months), end)

    @property
    def months(self) -> list[date]:
        return [add_months(self.start, i) for i in range(self.length)]

    @property
    def length(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    def shifted(self, months: int) -> Period:
        return Period(add_months(self.start, months), add_months(self.end, months))

    def year_earlier(self) -> Period:
        return self.shifted(-12)

    def label(self) -> str:
        first, last = self.start, self.end
        if first == last:
            return f"{first:%B %Y}"
        if first.year == last.year:
            return f"{first:%B} to {last:%B %Y}"
        return f"{first:%B %Y} to {last:%B %Y}"

    def __str__(self) -> str:
        return f"{self.start:%Y-%m}:{self.end:%Y-%m}"


# -- figures ---------------------------------------------------------------------------


def pct_change(new: int | float, old: int | float | None) -> float | None:
    """Percent change; None when there is nothing to compare with (old is 0 or unknown)."""
    if old is None or old == 0:
        return None
    return (new - old) / old * 100


def rate_per_1000(count: int | float, population: int | None) -> float | None:
    if not population:
        return None
    return count / population * 1000


def competition_ranks(
    values: Mapping[Hashable, float | None], *, descending: bool = True
) -> dict[Hashable, int | None]:
    """Rank 1 = highest (or lowest); ties share a rank; None values are not ranked."""
    present = [v for v in values.values() if v is not None]
    ranks: dict[Hashable, int | None] = {}
    for key, value in values.items():
        if value is None:
            ranks[key] = None
            continue
        better = sum(1 for v in present if (v > value if descending else v < value))
        ranks[key] = better + 1
    return ranks


_ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]


def ordinal(n: int) -> str:
    if 1 <= n <= len(_ORDINALS):
        return _ORDINALS[n - 1]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def rank_in_words(rank: int | None, ranked: int, tied: int = 1) -> str:
    """``rank`` among ``ranked`` districts (1 = highest), ``tied`` sharing it, in words.

    The top half counts from the highest ("second highest"), the bottom half from
    the lowest ("third lowest"); ties say "joint".  Append " in Kent" yourself.
    """
    if rank is None or ranked == 0:
        return "not ranked"
    if ranked == 1:
        return "the only district"
    from_bottom = ranked - (rank + tied - 1) + 1
    joint = "joint " if tied > 1 else ""
    if rank <= from_bottom:
        place, end = rank, "highest"
    else:
        place, end = from_bottom, "lowest"
    if place == 1:
        return f"{joint}{end}"
    return f"{joint}{ordinal(place)} {end}"


def format_pct(value: float | None, places: int = 1) -> str:
    if value is None:
        return "n/a"
    return f"{value:+.{places}f}%"


def format_number(value: float | int | None, places: int = 0) -> str:
    if value is None:
        return "n/a"
    return f"{value:,.{places}f}"


# -- data quality ----------------------------------------------------------------------

LOW_MONTH_RATIO = 0.85


def low_months(totals: Mapping[date, int], ratio: float = LOW_MONTH_RATIO) -> list[date]:
    """Months whose rows per day fall below ``ratio`` x the median of the months given.

    Per day, so that February is not "low"; needs three months to judge.
    Kent's 2018-11 (0.80 of its neighbours) and 2018-12 (0.47) are caught; ordinary
    variation (0.9-1.1) is not.
    """
    if len(totals) < 3:
        return []
    per_day = {m: n / calendar.monthrange(m.year, m.month)[1] for m, n in totals.items()}
    median = statistics.median(per_day.values())
    return sorted(m for m, v in per_day.items() if v < ratio * median)


def missing_months(loaded: set[date], *periods: Period) -> list[date]:
    wanted = {m for p in periods for m in p.months}
    return sorted(wanted - loaded)


# -- one district's figures for one crime type -------------------------------------------


@dataclass
class Figures:
    district_code: str
    district_name: str
    crime_type: str
    count: int
    previous: int
    population: int | None
    county_count: int = 0
    county_previous: int = 0
    county_rate: float | None = None
    rank: int | None = None
    ranked: int = 0
    tied: int = 1

    @property
    def change(self) -> int:
        return self.count - self.previous

    @property
    def change_pct(self) -> float | None:
        return pct_change(self.count, self.previous)

    @property
    def rate(self) -> float | None:
        return rate_per_1000(self.count, self.population)

    @property
    def county_change_pct(self) -> float | None:
        return pct_change(self.county_count, self.county_previous)

    @property
    def rate_difference(self) -> float | None:
        if self.rate is None or self.county_rate is None:
            return None
        return self.rate - self.county_rate

    @property
    def rank_words(self) -> str:
        return rank_in_words(self.rank, self.ranked, self.tied)


def build_figures(
    counts: Mapping[tuple[str, str], tuple[int, int]],
    districts: Mapping[str, str],
    populations: Mapping[str, int | None],
) -> list[Figures]:
    """Figures for every district of a county and every report type, ranked in the county.

    ``counts`` maps (district code, police.uk crime type) to (count, previous count);
    the two "All crime" totals are added here.  The county rate uses only districts
    with a population, so a missing population leaves the district unranked rather than
    pulling the county rate down.
    """
    rows: list[Figures] = []
    for crime_type in REPORT_TYPES:
        members = (
            CRIME_TYPES
            if crime_type == ALL_CRIME
            else (
                tuple(t for t in CRIME_TYPES if t != ASB)
                if crime_type == ALL_EXCEPT_ASB
                else (crime_type,)
            )
        )
        group = []
        for code, name in districts.items():
            pairs = [counts.get((code, t), (0, 0)) for t in members]
            group.append(
                Figures(
                    code,
                    name,
                    crime_type,
                    sum(p[0] for p in pairs),
                    sum(p[1] for p in pairs),
                    populations.get(code),
                )
            )
        _rank_in_county(group)
        rows.extend(group)
    return rows


def _rank_in_county(group: list[Figures]) -> None:
    county_count = sum(f.count for f in group)
    county_previous = sum(f.previous for f in group)
    with_population = [f for f in group if f.population]
    county_rate = rate_per_1000(
        sum(f.count for f in with_population), sum(f.population or 0 for f in with_population)
    )
    ranks = competition_ranks({f.district_code: f.rate for f in group})
    tied: dict[int | None, int] = {}
    for rank in ranks.values():
        tied[rank] = tied.get(rank, 0) + 1
    for f in group:
        f.county_count, f.county_previous, f.county_rate = (
            county_count,
            county_previous,
            county_rate,
        )
        f.rank = ranks[f.district_code]
        f.ranked = len(with_population)
        f.tied = tied[f.rank] if f.rank is not None else 1
