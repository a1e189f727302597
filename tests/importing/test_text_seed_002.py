"""Seed 002: Tunbridge Wells partnership plan 2015/16."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def plan(parse_seed):
    return parse_seed("002")


def test_metadata(plan):
    assert plan.title == "Partnership Plan 2015 – 2016"
    assert plan.year == "2015/16"
    assert plan.partnership == "Tunbridge Wells Community Safety Partnership"
    assert plan.introduction.startswith("Each year, the Tunbridge Wells Community Safety")


def test_priorities(plan):
    main = [p for p in plan.priorities if not p.subsidiary]
    assert [(p.ref, p.title) for p in main] == [
        ("1", "Domestic abuse"),
        ("2", "Road safety"),
        ("3", "Violent crime"),
        ("4", "Anti-social behaviour"),
        ("5", "Substance misuse"),
    ]
    assert [len(p.actions) for p in main] == [7, 5, 8, 13, 9]
    assert plan.action_count() == 42


def test_subsidiary_priorities(plan):
    subsidiary = [p for p in plan.priorities if p.subsidiary]
    assert [(p.ref, p.title) for p in subsidiary] == [
        ("S1", "Safeguarding, educating and engaging young people"),
        ("S2", "Repeat offending/venues"),
        ("S3", "Victim support and restorative justice"),
        ("S4", "Safer socialising"),
    ]
    assert all(not p.actions for p in subsidiary)
    assert subsidiary[3].rationale == (
        "The PSB have identified a need to make socialising in Tunbridge Wells safer for "
        "residents and visitors. Substantial savings, in terms of health provision and "
        "policing, could be made by adopting various methods of controlling the night time "
        "economy, through enforcement, education and health initiatives. This will be a "
        "focus for 2015/16."
    )


def test_actions(plan):
    marac = plan.priorities[0].actions[1]
    assert marac.text.startswith("Prioritise and refer all high risk cases to a Multi Agency")
    assert marac.leads == ["DAVSS", "West Kent Police", "West Kent MARAC Co-ordinator"]
    assert marac.measure == "Number of cases referred to/supported at MARAC number of repeat cases"
    assert marac.ref is None
    road = plan.priorities[1].actions
    assert road[4].text == (
        "During Road Safety Week: Provide safety message to primary school children "
        "Organise activity with partners to tackle all road users"
    )
    assert road[4].leads == ["CSU", "KRFS"]
    assert road[0].leads == ["KFRS", "KCC Wardens"]
    test_purchase = plan.priorities[4].actions[6]
    assert test_purchase.leads == ["Trading Standards", "TWBC CCTV", "West Kent Police"]
    assert plan.priorities[3].actions[2].leads == [
        "TWBC",
        "West Kent Police",
        "Town and Country Housing Group",
    ]


def test_list_in_a_cell_becomes_bullets(plan):
    action = plan.priorities[3].actions[0]
    assert action.text.split("\n") == [
        "Identify caller requiring raised service through CSU Daily and MARAC meetings to ensure:",
        "• Risk assessments are completed and that local officers are made aware",
        "• Referrals are made to appropriate services",
        "• Joint partnership visits are made to ASB perpetrators and victims",
        "• Themis cases are created and actioned",
    ]


def test_guessed_splits_are_warned(plan):
    assert len(plan.warnings) == 2
    assert "'CSU KRFS'" in plan.warnings[1] and "line 145" in plan.warnings[1]
