"""Seed 003: Ashford scrutiny report with the 2013/14 tactical delivery plan."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def plan(parse_seed):
    return parse_seed("003")


def test_metadata(plan):
    assert plan.title == "2013/14 Strategic Assessment & Tactical Delivery Plan"
    assert plan.year == "2013/14"
    assert plan.partnership == "Ashford Community Safety Partnership"
    assert plan.warnings == []


def test_priorities_and_leads(plan):
    assert [(p.title, p.leads) for p in plan.priorities] == [
        ("Domestic Abuse", ["Domestic Abuse Forum"]),
        ("Substance Misuse", ["KDATT"]),
        (
            "Anti-social behaviour and environmental crime",
            ["Ashford Borough Council Community Safety Service"],
        ),
        ("Acquisitive Crime", ["Kent Police"]),
        ("Road Safety", ["Kent Fire & Rescue"]),
        ("Violent Crime", ["Kent Police"]),
    ]
    assert [len(p.actions) for p in plan.priorities] == [7, 11, 12, 10, 11, 7]
    assert plan.action_count() == 58


def test_aims_span_rows(plan):
    domestic = plan.priorities[0].actions
    assert domestic[0].aim.split("\n") == [
        "Support and promote the One Stop Shop, increase numbers seeking advice. Increase "
        "average monthly visits to One Stop Shop to 22 per month",
        "Improve the support services to victims of domestic abuse",
        "Reduce percentage of repeat victim numbers from 24.6%",
    ]
    assert {a.aim for a in domestic} == {domestic[0].aim}
    substance = plan.priorities[1].actions
    assert substance[3].aim == "Reduce number of deaths through substance misuse"
    assert (
        substance[6].aim
        == "Improve links between agencies to assist clients maintaining their tenancies"
    )
    assert plan.priorities[5].actions[-1].aim == "To reduce the violent crime rate"


def test_aim_continued_after_page_break(plan):
    substance = plan.priorities[1].actions
    kcap = substance[7]
    assert kcap.text == "Run a coordinated Kent Community Alcohol Partnership (KCAP) campaign"
    assert kcap.aim == "Number of substance misusers clean 6 months after treatment"
    assert {a.aim for a in substance[7:]} == {kcap.aim}


def test_row_continued_after_page_break(plan):
    rush = plan.priorities[4].actions[7]
    assert rush.text == (
        "Deliver RUSH programmes to secondary schools & stage at least one event at a rural "
        "fire station. Education on the potential risks of being involved in a car crash, "
        "either as a driver or passenger."
    )
    assert rush.leads == ["KFRS"]
    assert rush.target == (
        "Provides safety advice & raises awareness at 15-16 year olds. Highlighting the "
        "vulnerability of their age group and provides strategies aimed at reducing risk and "
        "staying safe on the roads."
    )
    assert rush.evidence == "Numbers targeted & feedback after event"
    assert plan.priorities[4].actions[8].text.startswith('Deliver "Licence to Kill?" event')


def test_action_fields(plan):
    action = plan.priorities[1].actions[1]
    assert action.leads == ["Kent Police", "Turning Point", "KCA"]
    assert (
        action.target
        == "Raise awareness about drug abuse raised amongst 60 people involved with the public"
    )
    assert action.evidence == "Qualitative feedback research amongst attendees"
    assert plan.priorities[0].actions[1].leads == ["ABC Customer, Property & Homes"]
    assert plan.priorities[1].actions[-1].leads == ["Kent Police", "ABC Licensing"]


def test_rationale_from_why_sections(plan):
    domestic = plan.priorities[0].rationale.split("\n")
    assert domestic[0] == "National research indicates shows;"
    assert domestic[1] == "• One in three women experience abuse in their relationship"
    assert domestic[-1].startswith("The Domestic Abuse One Stop Shop, runs at the Willow")
    # "Why is ASB a priority?" reaches its priority through the glossary's ASB.
    assert plan.priorities[2].rationale.startswith("Anti-social behaviour has a huge impact")
    assert plan.priorities[2].rationale.endswith(
        "Ashford Police currently has a 83.3 % satisfaction rate."
    )
    assert plan.priorities[5].rationale.startswith("Violent crime has high physical")
    assert all(p.rationale for p in plan.priorities)


def test_glossary(plan):
    # The seed's glossary prints 23 terms (ABC ... YEARS).
    assert len(plan.glossary) == 23
    assert (plan.glossary[0].term, plan.glossary[0].meaning) == ("ABC", "Ashford Borough Council")
    kdatt = next(e for e in plan.glossary if e.term == "KDATT")
    assert kdatt.meaning == "Kent Drug and Alcohol Action Team"
    assert plan.glossary[-1].term == "YEARS"
