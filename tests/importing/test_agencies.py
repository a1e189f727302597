import pytest

from saferplan.importing.agencies import (
    AgencyMatcher,
    KnownAgency,
    guess_kind,
    looks_like_acronym,
    normalise,
)


def test_names_compare_without_case_ampersands_or_punctuation():
    assert normalise("Kent Fire & Rescue Service.") == normalise("kent fire and rescue service")


@pytest.mark.parametrize(
    ("name", "expected"),
    [("KFRS", True), ("TMBC", True), ("KCC", True), ("Police", False), ("Look Ahead", False)],
)
def test_it_recognises_acronyms(name, expected):
    assert looks_like_acronym(name) is expected


def test_it_matches_by_name_acronym_and_alias():
    police = KnownAgency(name="Kent Police", acronym="KP", aliases=["Kent Constabulary"], id=1)
    matcher = AgencyMatcher([police])
    assert matcher.resolve("Kent Police.") is police
    assert matcher.resolve("KP") is police
    assert matcher.resolve("kent constabulary") is police
    assert matcher.new == []


def test_the_glossary_joins_an_acronym_to_the_full_name():
    matcher = AgencyMatcher([], glossary={"KFRS": "Kent Fire & Rescue Service"})
    by_acronym = matcher.resolve("KFRS")
    by_name = matcher.resolve("Kent Fire and Rescue Service")
    assert by_acronym is by_name
    assert (by_acronym.name, by_acronym.acronym) == ("Kent Fire & Rescue Service", "KFRS")
    assert len(matcher.new) == 1


def test_an_unknown_name_is_created_once_however_often_it_is_printed():
    matcher = AgencyMatcher([])
    first = matcher.resolve("Maidstone Mediation")
    assert matcher.resolve("MAIDSTONE MEDIATION") is first
    assert [a.name for a in matcher.new] == ["Maidstone Mediation"]


def test_a_directory_entry_gives_an_acronym_to_later_matches():
    matcher = AgencyMatcher([])
    matcher.add("Tonbridge and Malling Borough Council", "TMBC")
    assert matcher.resolve("TMBC").name == "Tonbridge and Malling Borough Council"
    assert len(matcher.new) == 1


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Kent Police", "police"),
        ("Kent Fire & Rescue Service", "fire"),
        ("Tonbridge and Malling Borough Council", "council"),
        ("Kent Probation", "probation"),
        ("Clarion Housing", "housing"),
        ("Zebra", "other"),
    ],
)
def test_it_guesses_an_agency_kind_from_its_name(name, kind):
    assert guess_kind(name) == kind
