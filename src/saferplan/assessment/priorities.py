"""The priority matrix and the drafted "Why is X a priority?" paragraph: pure functions.

Scores are 1-5 bands (documented on each function) so that a manager can see why
a type ranks where it does; capacity and community concern are the manager's own
0-5 scores for what the data cannot show.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from saferplan.assessment.rules import (
    ALL_CRIME,
    ALL_EXCEPT_ASB,
    CRIME_TYPES,
    Figures,
    Period,
    competition_ranks,
    format_number,
    pct_change,
    plural_label,
)

# -- "Why is X a priority?" -------------------------------------------------------------


def _direction(change: float) -> str:
    return "increased" if change > 0 else "decreased"


def draft_paragraph(
    f: Figures, county: str, window: Period, compare: Period, share: float | None = None
) -> str:
    """A plain-English paragraph from the figures, for the manager to edit."""
    label = plural_label(f.crime_type)
    if f.previous == 0 and f.count == 0:
        sentences = [f"No {label.lower()} were recorded in {f.district_name} in either period."]
    elif f.previous == 0:
        sentences = [
            f"{label} in {f.district_name} rose to {f.count:,} in {window.label()}, "
            f"from none in {compare.label()}."
        ]
    elif f.change == 0:
        sentences = [
            f"{label} in {f.district_name} were unchanged at {f.count:,} in {window.label()}."
        ]
    else:
        sentences = [
            f"{label} in {f.district_name} have {_direction(f.change)} by {abs(f.change):,} "
            f"({abs(f.change_pct or 0):.1f}%), from {f.previous:,} in {compare.label()} "
            f"to {f.count:,} in {window.label()}."
        ]
    county_pct = f.county_change_pct
    if county_pct is not None and f.change_pct is not None and round(county_pct, 1) != 0:
        county_word = "increase" if county_pct > 0 else "decrease"
        if (county_pct > 0) != (f.change > 0) or f.change == 0:
            sentences.append(
                f"This is counter to {county}'s {county_word} of {abs(county_pct):.1f}%."
            )
        else:
            sentences.append(f"Across {county} the {county_word} was {abs(county_pct):.1f}%.")
    if f.rate is not None and f.rank is not None:
        sentences.append(
            f"At {f.rate:.2f} per 1,000 residents, {f.district_name} has the {f.rank_words} "
            f"rate of the {f.ranked} districts in {county} (the {county} rate is "
            f"{format_number(f.county_rate, 2)})."
        )
    elif f.population is None:
        sentences.append(f"No population is loaded for {f.district_name}, so no rate is given.")
    if share is not None and f.crime_type not in (ALL_CRIME, ALL_EXCEPT_ASB):
        sentences.append(
            f"They make up {share:.1f}% of all crime and anti-social behaviour recorded in "
            f"{f.district_name}."
        )
    return " ".join(sentences)


# -- the priority matrix ---------------------------------------------------------------


def _band(value: float, thresholds: tuple[float, ...]) -> int:
    """5 for at least thresholds[0], 4 for thresholds[1] ... 1 below the last."""
    for score, threshold in zip((5, 4, 3, 2), thresholds, strict=True):
        if value >= threshold:
            return score
    return 1


def score_volume(share_pct: float) -> int:
    """Share of the district's crime and ASB: 20%+ scores 5, under 2% scores 1."""
    return _band(share_pct, (20, 10, 5, 2))


def score_trend(count: int, previous: int) -> int:
    """Rising 20%+ scores 5, falling more than 20% scores 1; new from nothing scores 5."""
    if previous == 0:
        return 5 if count > 0 else 1
    return _band(pct_change(count, previous) or 0, (20, 5, -5, -20))


def score_rate(rate: float | None, county_rate: float | None) -> int:
    """Rate at 1.5x the county's or more scores 5; no rate to compare scores 3."""
    if rate is None or not county_rate:
        return 3
    return _band(rate / county_rate, (1.5, 1.1, 0.9, 0.7))


@dataclass
class MatrixRow:
    crime_type: str
    volume: int
    trend: int
    rate: int
    harm: int
    capacity: int = 0
    concern: int = 0
    rank: int = 0

    @property
    def total(self) -> int:
        return self.volume + self.trend + self.rate + self.harm + self.capacity + self.concern


def priority_matrix(
    figures: list[Figures],
    harm: Mapping[str, int],
    manual: Mapping[str, tuple[int, int]] | None = None,
) -> list[MatrixRow]:
    """Score each police.uk type for one district and rank by total (ties share a rank).

    ``figures`` are the district's rows (all report types); ``manual`` maps a type to
    (capacity, community concern) scores 0-5 that the manager gives.
    """
    manual = manual or {}
    by_type = {f.crime_type: f for f in figures}
    total = by_type[ALL_CRIME].count if ALL_CRIME in by_type else 0
    rows = []
    for crime_type in CRIME_TYPES:
        f = by_type.get(crime_type)
        if f is None:
            continue
        capacity, concern = manual.get(crime_type, (0, 0))
        rows.append(
            MatrixRow(
                crime_type,
                volume=score_volume(f.count / total * 100 if total else 0),
                trend=score_trend(f.count, f.previous),
                rate=score_rate(f.rate, f.county_rate),
                harm=harm.get(crime_type, 1),
                capacity=capacity,
                concern=concern,
            )
        )
    ranks = competition_ranks({r.crime_type: r.total for r in rows})
    for row in rows:
        row.rank = ranks[row.crime_type] or 0
    return sorted(rows, key=lambda r: (r.rank, -r.harm, r.crime_type))
