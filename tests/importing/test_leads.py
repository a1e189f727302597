"""Splitting lead/partner cells into agency names."""

from __future__ import annotations

import pytest

from saferplan.importing.leads import split_agencies, split_agencies_checked


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("KCC/Kent Police", ["KCC", "Kent Police"]),
        (
            "DAVSS, West Kent Police, West Kent MARAC Co-ordinator",
            ["DAVSS", "West Kent Police", "West Kent MARAC Co-ordinator"],
        ),
        ("NKWA/DAVSS/ Circle Russet", ["NKWA", "DAVSS", "Circle Russet"]),
        ("Look Ahead and DAVSS", ["Look Ahead", "DAVSS"]),
        ("Look Ahead / KIDAS", ["Look Ahead", "KIDAS"]),
        ("Tonbridge and Malling Borough Council", ["Tonbridge and Malling Borough Council"]),
        ("Tonbridge & Malling Borough Council", ["Tonbridge & Malling Borough Council"]),
        ("Kent Fire and Rescue Service", ["Kent Fire and Rescue Service"]),
        ("Town and Country Housing Group, TWBC", ["Town and Country Housing Group", "TWBC"]),
        (
            "KCC Children, Families and Education, Kent Police",
            ["KCC Children, Families and Education", "Kent Police"],
        ),
        (
            "Trading Standards, TWBC CCTV and West Kent Police",
            ["Trading Standards", "TWBC CCTV", "West Kent Police"],
        ),
        ("Kent Police & Turning Point/KCA", ["Kent Police", "Turning Point", "KCA"]),
        ("ABC Customer, Homes and Property", ["ABC Customer, Homes and Property"]),
        (
            "DA Co-ordinator, Housing Options, SASS and Salus, CSM.",
            ["DA Co-ordinator", "Housing Options", "SASS", "Salus", "CSM"],
        ),
        ("STP (with BID), CSM", ["STP (with BID)", "CSM"]),
        (
            "Kent Police, (and partners after the pilot)",
            ["Kent Police (and partners after the pilot)"],
        ),
        (
            "CSU Officers (TWBC, KCC, Kent Police, STP and other partners)",
            ["CSU Officers (TWBC, KCC, Kent Police, STP and other partners)"],
        ),
        ("Kenward Trust.", ["Kenward Trust"]),
        ("KCC, KCC", ["KCC"]),
        ("N/A", []),
        ("", []),
        (None, []),
    ],
)
def test_split(cell, names):
    assert split_agencies(cell) == names


def test_acronyms_separated_only_by_a_space_are_a_guess():
    assert split_agencies_checked("KFRS KCC Wardens") == (["KFRS", "KCC Wardens"], True)
    assert split_agencies_checked("TWBC CCTV") == (["TWBC CCTV"], False)
    assert split_agencies_checked("KCC/Kent Police") == (["KCC", "Kent Police"], False)
