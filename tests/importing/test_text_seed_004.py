"""Seed 004: Tunbridge Wells action plan 2024/25 (numbered actions, page breaks)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def plan(parse_seed):
    return parse_seed("004")


@pytest.fixture(scope="module")
def actions(plan):
    return {a.ref: a for p in plan.priorities for a in p.actions}


def test_metadata(plan):
    assert plan.title == "Community Safety Partnership Action Plan 2024/25"
    assert plan.year == "2024/25"
    assert plan.partnership is None
    assert plan.warnings == []


def test_priorities(plan):
    assert [(p.ref, p.title) for p in plan.priorities] == [
        ("1", "Domestic Abuse"),
        ("2", "Anti-Social Behaviour"),
        ("3", "Substance Misuse and Alcohol Abuse"),
        ("4", "Road Safety"),
        ("5 & 6", "Violence, Stalking, Harassment, and VAWG"),
        ("7", "Business and Environment/Town Centre (ASB, Shoplifting, Graffiti)"),
    ]
    assert [len(p.actions) for p in plan.priorities] == [8, 28, 10, 8, 27, 12]
    assert plan.action_count() == 93


def test_refs_in_order(plan):
    for number, priority in zip([1, 2, 3, 4, 5, 7], plan.priorities, strict=True):
        refs = [a.ref for a in priority.actions]
        assert refs == [f"{number}.{i}" for i in range(1, len(refs) + 1)]


def test_rows_continued_after_page_breaks(actions):
    assert actions["2.10"].text == (
        "Develop multi-agency action plans to ensure appropriate levels of frontline staffing "
        "in the public realm aligned with the police Spring and Summer Action Plans."
    )
    assert actions["2.18"].text == (
        "Maintain regular Teams meetings for Ward/Parish councillors to meet with local police "
        "officers and the Council's Community Safety Team."
    )
    assert actions["2.27"].text == (
        "Sports Co-ordinator to link in with Kenwood Trust regarding referrals, also JS and BID "
        "when applicable"
    )
    assert actions["2.27"].measure == "Contact made, and two-way communications taking place"
    assert actions["2.27"].leads == ["Sport on Your Doorstep (SOYD)"]
    assert (
        actions["2.28"].text
        == "Sports Co-ordinator to undertake some outreach work with Kenwood Trust"
    )
    assert actions["7.11"].text == (
        "Encourage speedier removal of graffiti on public and private property and graffiti "
        "cleaning kits to businesses and residents (as appropriate)."
    )
    assert actions["7.11"].leads == ["CSU Team", "Street Scene", "developers", "property owners"]
    assert actions["7.11"].measure == (
        "Tags in high profile locations identified and landowners encouraged to remove them "
        "quickly. Kits taken up by those in need."
    )
    assert actions["7.12"].text == "Work with retailers to improve CCTV systems"


def test_lead_splits(actions):
    assert actions["1.1"].leads == ["DA Co-ordinator", "Housing Options", "SASS", "Salus", "CSM"]
    assert actions["1.3"].leads == ["SAFER Scheme", "Look Ahead"]
    assert actions["1.5"].leads == ["Look Ahead", "DAVSS"]
    assert actions["1.6"].leads == ["Look Ahead", "KIDAS"]
    assert actions["2.2"].leads == ["Partners, thru District Contextual Safeguarding Meeting"]
    assert actions["2.10"].leads == [
        "CSU Officers (TWBC, KCC, Kent Police, STP and other partners)"
    ]
    assert actions["5.14"].leads == ["STP (with BID)", "CSM"]
    assert actions["5.26"].leads == ["Kent Police (and partners after the pilot)"]
    assert actions["5.22"].leads == ["Kent Police", "PAS", "DAVSS", "Soroptimists", "Youth Service"]


def test_measures(actions):
    assert actions["1.8"].measure == "Agenda/offer TBC. Sessions delivered and good attendance."
    assert actions["7.1"].measure == "TWBC"
    assert all(a.updates == [] and a.baseline is None for a in actions.values())
