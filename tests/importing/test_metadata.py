"""Title, plan year and partnership name."""

from __future__ import annotations

import pytest

from saferplan.importing.metadata import (
    find_partnership,
    find_plan_year,
    find_title,
    find_year,
    normalise_year,
)


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Annual Action Plan 2010 - 2011", "2010/11"),
        ("Action Plan 2014/15", "2014/15"),
        ("2015 – 2016", "2015/16"),
        ("Action Plan for 2009/2010", "2009/10"),
        ("Baseline 2008/9", "2008/09"),
        ("plan 1999-00", "1999/00"),
        ("Police and Crime Plan 2013 - 17", None),  # four years: not a plan year
        ("Act 2006", None),
        ("", None),
    ],
)
def test_find_year(text, year):
    assert find_year(text) == year


def test_normalise_year_rejects_non_consecutive():
    assert normalise_year("2014", "16") is None
    assert normalise_year("2014", "2015") == "2014/15"


def test_title_and_year_from_lines():
    lines = ["", "Partnership Plan", "", "2015 – 2016", "", "Contents"]
    title = find_title(lines)
    assert title == "Partnership Plan 2015 – 2016"
    assert find_plan_year(lines, title) == "2015/16"


def test_title_prefers_the_line_naming_the_plan():
    lines = [
        "Agenda Item No: 6",
        "Report To: Overview and Scrutiny Committee",
        "2013/14 Tactical Delivery Plan",
        "2013/14 Strategic Assessment & Tactical Delivery Plan",
    ]
    assert find_title(lines) == "2013/14 Strategic Assessment & Tactical Delivery Plan"


@pytest.mark.parametrize(
    ("line", "name"),
    [
        (
            "Tonbridge and Malling Community Safety Partnership Annual Action Plan 2010 - 2011",
            "Tonbridge and Malling Community Safety Partnership",
        ),
        (
            "Each year, the Tunbridge Wells Community Safety Partnership (CSP) produces",
            "Tunbridge Wells Community Safety Partnership",
        ),
        (
            "Report Title: Ashford Community Safety Partnership: an update",
            "Ashford Community Safety Partnership",
        ),
        ("Tonbridge & Malling CSP", "Tonbridge & Malling CSP"),
        ("Community Safety Partnership Action Plan 2014/15", None),
        ("promote the CSP via Twitter", None),
        ("Chair of Ashford's Community Safety Partnership", None),
    ],
)
def test_find_partnership(line, name):
    assert find_partnership([line]) == name
