"""Seed 001: Tonbridge and Malling annual action plan 2010/11 (themes, targets, directory)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def plan(parse_seed):
    return parse_seed("001")


def test_metadata(plan):
    assert plan.title == (
        "Tonbridge and Malling Community Safety Partnership Annual Action Plan 2010 - 2011"
    )
    assert plan.year == "2010/11"
    assert plan.partnership == "Tonbridge and Malling Community Safety Partnership"
    assert plan.introduction.startswith("In 2008 the Tonbridge and Malling Community")
    assert plan.warnings == []


def test_themes_under_two_priorities(plan):
    themes = plan.priorities
    assert len(themes) == 9
    assert [t.group for t in themes] == ["Anti-social behaviour"] * 6 + ["Violent Crime"] * 3
    assert [t.title for t in themes] == [
        "Targeting persistent offenders",
        "Diversionsary and educational activities",
        "Improving perceptions",
        "Tackling substance misuse",
        "ASB related to driver behaviour",
        "Environmental Crime",
        "Domestic abuse",
        "Night Time Economy violence",
        "Violence in a public place",
    ]
    assert [t.leads for t in themes] == [
        ["Kent Probation"],
        ["Local Children’s Trust"],
        ["Kent Police"],
        ["Tonbridge and Malling Borough Council"],
        ["Kent Fire and Rescue Service"],
        ["Tonbridge and Malling Borough Council"],
        ["Tonbridge and Malling Borough Council"],
        ["Kent Police"],
        ["NHS West Kent"],
    ]


def test_theme_fields(plan):
    theme = plan.priorities[3]
    assert theme.rationale.split("\n")[0].startswith("Individuals who consume excessive alcohol")
    assert len(theme.rationale.split("\n")) == 2
    assert theme.intended_outcomes.split("\n") == [
        "A reduction in the number of recorded calls to the police about drunken behaviour "
        "and drug offences",
        "A reduction in the levels of anti-social behaviour",
        "A reduction in the number of residents who are concerned about drunk or rowdy people "
        "in their area.",
    ]
    assert theme.key_partners == (
        "KCC Trading Standards, Kenward Trust, Kent Police, Tonbridge and Malling Borough "
        "Council, NHS West Kent, Kent Probation"
    )
    assert [a.text for a in theme.actions] == [
        "Funding new outreach alcohol support services to target areas known to be "
        "frequented by under age drinkers",
        "Working with licensees and retailers to tackle the selling of alcohol to underage "
        "customers",
        "Providing information to parents about the availability of alcohol in the home and "
        "the dangers of providing alcohol to their children which might then be taken to "
        "public places for consumption",
        "Implementing the Street Pastor scheme in conjunction with the churches in Tonbridge",
    ]
    # Measures are printed per theme: every activity of the theme carries them.
    assert (
        theme.actions[0].measure.split("\n")[1]
        == "Run two Test Purchase Operations within the borough"
    )
    assert {a.measure for a in theme.actions} == {theme.actions[0].measure}


def test_activities(plan):
    assert [len(t.actions) for t in plan.priorities] == [6, 6, 7, 4, 8, 6, 6, 6, 6]
    domestic = plan.priorities[6]
    # Activity paragraphs count; the "Other activities will include:" lead-in does not.
    assert domestic.actions[1].text.startswith("The Community Safety Partnership will continue")
    assert domestic.actions[2].text == "Organising training on domestic abuse for frontline staff"
    assert not any(a.text.endswith(":") for t in plan.priorities for a in t.actions)


def test_targets(plan):
    assert len(plan.targets) == 27
    review = [t for t in plan.targets if t.section == "Key successes 2009/10"]
    assert len(review) == 13
    burglary = review[0]
    assert burglary.title == "Reduce domestic burglary by 5%"
    assert (burglary.baseline, burglary.target, burglary.actual, burglary.printed_change) == (
        "273",
        "259",
        "254",
        "- 7%",
    )
    assert burglary.reference is None
    assert review[6].baseline == "1,320"
    assert review[7].printed_change == "-13%"
    assert review[12].printed_change == "Target missed"


def test_targets_for_the_year(plan):
    targets = plan.targets[13:]
    assert len(targets) == 14
    assert {t.section for t in targets} == {
        "Targets for the Community Safety Partnership: Crime targets",
        "Targets for the Community Safety Partnership: Anti-social behaviour targets",
        "Targets for the Community Safety Partnership: Perception targets",
    }
    repeat = targets[2]
    assert repeat.title == "Reduce the percentage of repeat victims of domestic abuse to 20%"
    assert (repeat.reference, repeat.baseline, repeat.target) == ("NI32", "22.7%", "20%")
    assert targets[0].reference == "West Kent Policing Plan"
    assert targets[10].reference == "West Kent Policing Plan NI47"
    assert (targets[7].reference, targets[7].baseline) == ("NI18", "TBC")
    assert all(t.actual is None and t.printed_change is None for t in targets)


def test_directory(plan):
    names = [a.name for a in plan.agencies]
    assert len(names) == 16
    assert names[:4] == [
        "Tonbridge & Malling Borough Council",
        "Kent Police",
        "Kent Fire & Rescue Service",
        "Kent Police Authority",
    ]
    assert "KCC Children, Families and Education" in names
    assert names[-1] == "Kent Drug and Alcohol Action Team"
    watch = next(a for a in plan.agencies if a.name == "Neighbourhood Watch")
    assert watch.acronym == "NHW"
