from datetime import date

import pytest

from saferplan.plans.periods import FinancialYear, Quarter, financial_year_of


@pytest.mark.parametrize(
    ("text", "start_year"),
    [("2014/15", 2014), ("2014/2015", 2014), ("2010 - 2011", 2010), ("1999/00", 1999)],
)
def test_it_reads_financial_years_as_printed(text, start_year):
    assert FinancialYear.parse(text).start_year == start_year


@pytest.mark.parametrize("text", ["", "2014", "2014/16", "2015/14", "14/15", "next year"])
def test_it_refuses_what_is_not_a_financial_year(text):
    with pytest.raises(ValueError, match="financial year"):
        FinancialYear.parse(text)


def test_a_financial_year_runs_from_april_to_march():
    year = FinancialYear(2024)
    assert str(year) == "2024/25"
    assert (year.start, year.end) == (date(2024, 4, 1), date(2025, 3, 31))
    assert str(FinancialYear(1999)) == "1999/00"


@pytest.mark.parametrize(
    ("number", "start", "end"),
    [
        (1, date(2024, 4, 1), date(2024, 6, 30)),
        (2, date(2024, 7, 1), date(2024, 9, 30)),
        (3, date(2024, 10, 1), date(2024, 12, 31)),
        (4, date(2025, 1, 1), date(2025, 3, 31)),
    ],
)
def test_quarters_follow_the_financial_year(number, start, end):
    quarter = FinancialYear(2024).quarter(number)
    assert (quarter.start, quarter.end) == (start, end)


def test_quarters_parse_and_print_the_same_way():
    assert str(Quarter.parse("2014/15 Q2")) == "2014/15 Q2"
    assert Quarter.parse("2014/15-Q4").number == 4
    assert Quarter.parse("2014/15 Q1").months_label == "April to June 2014"
    with pytest.raises(ValueError):
        Quarter.parse("2014/15 Q5")


@pytest.mark.parametrize(
    ("day", "year"),
    [(date(2025, 3, 31), "2024/25"), (date(2025, 4, 1), "2025/26"), (date(2025, 1, 15), "2024/25")],
)
def test_a_day_belongs_to_the_financial_year_it_falls_in(day, year):
    assert str(financial_year_of(day)) == year
