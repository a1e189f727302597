"""The arithmetic and wording, with answers worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from saferplan.assessment.priorities import (
    draft_paragraph,
    priority_matrix,
    score_rate,
    score_trend,
    score_volume,
)
from saferplan.assessment.rules import (
    ALL_CRIME,
    ALL_EXCEPT_ASB,
    Figures,
    Period,
    build_figures,
    competition_ranks,
    low_months,
    pct_change,
    rank_in_words,
    rate_per_1000,
)


def test_percent_change_follows_the_documents():
    assert round(pct_change(760, 668), 1) == 13.8
    assert round(pct_change(254, 273)) == -7


def test_percent_change_from_nothing_is_not_a_number():
    assert pct_change(5, 0) is None
    assert pct_change(0, None) is None


def test_rate_per_1000_needs_a_population():
    assert rate_per_1000(25, 10_000) == 2.5
    assert rate_per_1000(25, None) is None


def test_ties_share_a_rank_and_the_next_rank_is_skipped():
    ranks = competition_ranks({"a": 5.0, "b": 7.0, "c": 5.0, "d": 1.0, "e": None})
    assert ranks == {"b": 1, "a": 2, "c": 2, "d": 4, "e": None}


@pytest.mark.parametrize(
    ("rank", "ranked", "tied", "words"),
    [
        (1, 12, 1, "highest"),
        (2, 12, 1, "second highest"),
        (6, 12, 1, "sixth highest"),
        (7, 12, 1, "sixth lowest"),
        (10, 12, 1, "third lowest"),
        (12, 12, 1, "lowest"),
        (2, 12, 2, "joint second highest"),
        (11, 12, 2, "joint lowest"),
        (1, 1, 1, "the only district"),
        (None, 12, 1, "not ranked"),
    ],
)
def test_rank_in_words(rank, ranked, tied, words):
    assert rank_in_words(rank, ranked, tied) == words


def test_periods_parse_and_shift():
    period = Period.parse("2025-01:2025-12")
    assert period.length == 12
    assert str(period.year_earlier()) == "2024-01:2024-12"
    assert period.label() == "January to December 2025"
    assert Period.ending(date(2025, 3, 1)).label() == "April 2024 to March 2025"
    for bad in ("2025-01", "2025-13:2025-12", "2025-12:2025-01", "jan:dec"):
        with pytest.raises(ValueError):
            Period.parse(bad)


def test_kents_incomplete_months_are_found_and_february_is_not():
    # Kent's rows in the 2018 archive: 2018-11 and 2018-12 are partial.
    totals = {
        date(2018, 10, 1): 19396,
        date(2018, 11, 1): 13818,
        date(2018, 12, 1): 8438,
        date(2019, 1, 1): 17792,
        date(2019, 2, 1): 16291,
    }
    assert low_months(totals) == [date(2018, 11, 1), date(2018, 12, 1)]


def test_figures_rank_within_the_county_and_skip_missing_populations():
    counts = {
        ("A", "Burglary"): (20, 10),  # rate 2.0 per 1,000
        ("B", "Burglary"): (40, 0),  # rate 2.0: tied with A
        ("C", "Burglary"): (99, 33),  # no population: unranked
        ("A", "Anti-social behaviour"): (5, 5),
    }
    figures = build_figures(
        counts, {"A": "Alpha", "B": "Beta", "C": "Gamma"}, {"A": 10_000, "B": 20_000, "C": None}
    )
    burglary = {f.district_code: f for f in figures if f.crime_type == "Burglary"}
    a, b, c = burglary["A"], burglary["B"], burglary["C"]
    assert (a.rate, b.rate, c.rate) == (2.0, 2.0, None)
    assert (a.rank, b.rank, c.rank) == (1, 1, None)
    assert a.rank_words == "joint highest" and a.ranked == 2
    assert b.change_pct is None  # zero previous
    assert a.change_pct == 100.0
    assert a.county_count == 159 and a.county_previous == 43
    assert a.county_rate == 2.0  # (20 + 40) / 30,000 x 1,000: Gamma left out
    totals = {(f.district_code, f.crime_type): (f.count, f.previous) for f in figures}
    assert totals[("A", ALL_CRIME)] == (25, 15)
    assert totals[("A", ALL_EXCEPT_ASB)] == (20, 10)


def _shoplifting(**extra) -> Figures:
    values = dict(
        district_code="E1",
        district_name="Tonbridge and Malling",
        crime_type="Shoplifting",
        count=760,
        previous=668,
        population=100_000,
        county_count=10_000,
        county_previous=10_331,
        county_rate=6.0,
        rank=2,
        ranked=12,
    )
    values.update(extra)
    return Figures(**values)


def test_the_drafted_paragraph_reads_like_the_seed_documents():
    window, compare = Period.parse("2024-04:2025-03"), Period.parse("2023-04:2024-03")
    text = draft_paragraph(_shoplifting(), "Kent", window, compare, share=4.2)
    assert text.startswith(
        "Shoplifting offences in Tonbridge and Malling have increased by 92 (13.8%), "
        "from 668 in April 2023 to March 2024 to 760 in April 2024 to March 2025."
    )
    assert "This is counter to Kent's decrease of 3.2%." in text
    assert "the second highest rate of the 12 districts in Kent" in text
    assert "4.2% of all crime" in text


def test_the_paragraph_copes_with_nothing_before_and_no_population():
    window, compare = Period.parse("2025-01:2025-12"), Period.parse("2024-01:2024-12")
    text = draft_paragraph(
        _shoplifting(previous=0, population=None, rank=None), "Kent", window, compare
    )
    assert "rose to 760 in January to December 2025, from none" in text
    assert "No population is loaded for Tonbridge and Malling" in text


def test_score_bands():
    assert [score_volume(s) for s in (25, 10, 5, 2, 1)] == [5, 4, 3, 2, 1]
    assert [score_trend(c, 100) for c in (120, 105, 100, 81, 50)] == [5, 4, 3, 2, 1]
    assert score_trend(3, 0) == 5 and score_trend(0, 0) == 1
    assert score_rate(None, 2.0) == 3 and score_rate(3.0, 2.0) == 5 and score_rate(1.0, 2.0) == 1


def test_the_matrix_ranks_by_total_with_manual_scores():
    figures = build_figures(
        {("A", "Burglary"): (50, 25), ("A", "Shoplifting"): (50, 25), ("B", "Burglary"): (10, 10)},
        {"A": "Alpha", "B": "Beta"},
        {"A": 1000, "B": 1000},
    )
    mine = [f for f in figures if f.district_code == "A"]
    harm = {"Burglary": 4, "Shoplifting": 1}
    rows = priority_matrix(mine, harm, {"Shoplifting": (5, 5)})
    top = rows[0]
    # Shoplifting: volume 5 (50% of A's 100), trend 5 (+100%), rate 5 (A 50 per 1,000 against
    # the county's 50 / 2,000 people = 25: twice), harm 1, manual 5 + 5: total 26.
    # Burglary: rate 50 against (50 + 10) / 2,000 = 30 per 1,000: 1.67 times → 5; total 19.
    assert top.crime_type == "Shoplifting"
    assert (top.volume, top.trend, top.rate, top.harm, top.total) == (5, 5, 5, 1, 26)
    burglary = next(r for r in rows if r.crime_type == "Burglary")
    assert (burglary.volume, burglary.trend, burglary.rate, burglary.harm) == (5, 5, 5, 4)
    assert burglary.rank == 2
