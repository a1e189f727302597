"""Printed target rows into indicators, targets, values and checks; seed 001 end to end."""

import io
import json
from decimal import Decimal as D

import pytest
from django.core.management import call_command

from saferplan.importing import services as importing
from saferplan.indicators.models import (
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    PrintedFigureCheck,
)
from saferplan.indicators.status import all_target_statuses
from saferplan.indicators.sync import (
    indicator_key,
    indicator_name,
    names_priority,
    sync_from_target_rows,
)
from saferplan.plans.models import TargetRow

VIOLENT_2009 = "Reduce the number of violent crimes by 5%"
THEFT_FROM_2009 = "Reduce theft from vehicles by 5%"


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Reduce domestic burglary by 5%", "Domestic burglary"),
        ("Reduce the number of violent crimes by 7%", "Violent crimes"),
        ("Reduce the number of KSI from 61 to 57", "KSI"),
        (
            "Reduce the percentage of repeat victims of domestic abuse to 20%",
            "Percentage of repeat victims of domestic abuse",
        ),
        ("Reduce re-offending by 10% on 2005 levels (Target for Kent as a whole)", "Re-offending"),
        (
            "Maintain, or improve, the current percentage of residents (as measured in the KCVS) "
            "who agree",
            "Current percentage of residents who agree",
        ),
        ("Increase the number of exclusion/banning notices by 20%", "Exclusion/banning notices"),
        (
            "Reduce the number of first time entrants to the Criminal Justice System",
            "First time entrants to the Criminal Justice System",
        ),
        ("Fly-tipping", "Fly-tipping"),
    ],
)
def test_an_indicator_is_named_after_what_it_measures(title, name):
    assert indicator_name(title) == name


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("Reduce domestic burglary by 5%", "Reduce the number of domestic burglaries by 5%", True),
        (
            "Reduce theft from vehicles by 5%",
            "Reduce the number of theft from motor vehicles by 5%",
            True,
        ),
        (
            "Reduce the number of violent crimes by 5%",
            "Reduce the number of violent crimes by 7%",
            True,
        ),
        ("Reduce theft from vehicles by 5%", "Reduce theft of vehicles by 5%", False),
        ("Reduce domestic burglary by 5%", "Reduce non domestic burglary by 5%", False),
    ],
)
def test_rows_of_different_years_for_the_same_measure_share_an_indicator(first, second, same):
    assert (indicator_key(first) == indicator_key(second)) is same


@pytest.fixture
def seed_001(db, seeds_dir):
    path = next(seeds_dir.glob("001_*.txt"))
    parsed = importing.read_document(path.name, path.read_bytes())
    return importing.import_plan(parsed, source_name=path.name).plan


def test_seed_001_gives_indicators_targets_values_and_exactly_two_flags(seed_001):
    # The import itself turned the target rows into indicators ...
    assert Indicator.objects.count() == 19
    # ... and syncing again finds every one of them already there.
    result = sync_from_target_rows(seed_001)
    assert len(result.checks) == 27 == result.targets
    assert result.indicators_created == 0
    flags = {c.title: c for c in PrintedFigureCheck.objects.exclude(flag="")}
    assert set(flags) == {VIOLENT_2009, THEFT_FROM_2009}
    violent = flags[VIOLENT_2009]
    assert (violent.agreement, violent.computed_change, violent.printed_change) == (
        "inconsistent",
        D("-13.66"),
        "- 6%",
    )
    assert violent.flag == "printed - 6% but the figures give -13.7%"
    assert flags[THEFT_FROM_2009].agreement == "rounding"
    assert "-14.6%" in flags[THEFT_FROM_2009].flag


def test_seed_001_violent_crime_is_one_series_over_three_years(seed_001):
    sync_from_target_rows(seed_001)
    violent = Indicator.objects.get(name="Violent crimes")
    assert {v.period: v.value for v in violent.values.all()} == {
        "2008/09": D(1193),
        "2009/10": D(1030),
    }
    targets = {t.year: t for t in violent.targets.all()}
    assert (targets["2009/10"].target_value, targets["2010/11"].target_value) == (D(1133), D(958))
    assert targets["2010/11"].baseline_period == "2009/10"
    assert violent.reference == "West Kent Policing Plan"
    assert violent.priorities.filter(title__icontains="violen").exists()


@pytest.mark.parametrize(
    ("name", "year", "state", "change"),
    [
        ("Domestic burglary", "2009/10", "exceeded", "-7%"),
        ("Non domestic burglary", "2009/10", "missed", "+5%"),
        ("Violent crimes", "2009/10", "exceeded", "-14%"),
        ("Percentage of repeat victims of domestic abuse", "2009/10", "missed", "+1.3 pp"),
        ("Levels of perception relating to drug dealing", "2009/10", "exceeded", "-4.0 pp"),
        ("First time entrants to the Criminal Justice System", "2009/10", "awaiting_data", "n/a"),
        ("Violent crimes", "2010/11", "awaiting_data", "n/a"),
    ],
)
def test_seed_001_statuses_are_recomputed(seed_001, name, year, state, change):
    sync_from_target_rows(seed_001)
    indicator = Indicator.objects.get(name=name)
    status = next(
        s
        for s in all_target_statuses(indicator, seed_001.end_date.replace(year=2026))
        if s.target.year == year
    )
    assert (status.state, status.change_text) == (state, change)


def test_seed_001_units_and_polarities_come_from_the_rows(seed_001):
    sync_from_target_rows(seed_001)
    by_name = {i.name: i for i in Indicator.objects.all()}
    repeat = by_name["Percentage of repeat victims of domestic abuse"]
    assert (repeat.unit, repeat.polarity, repeat.reference) == ("percentage", "lower", "NI32")
    assert repeat.priorities.filter(title__icontains="domestic").exists()
    residents = by_name[
        "Current percentage of residents who agree that the police and council are dealing "
        "with crime and ASB issues that matter"
    ]
    assert residents.polarity == "higher"  # "Maintain, or improve"
    assert residents.targets.get().kind == IndicatorTarget.Kind.MAINTAIN


def test_syncing_again_changes_nothing(seed_001):
    sync_from_target_rows(seed_001)
    counts = [m.history.count() for m in (Indicator, IndicatorTarget, IndicatorValue)]
    again = sync_from_target_rows(seed_001)
    assert (again.indicators_created, again.values_written) == (0, 0)
    assert [m.history.count() for m in (Indicator, IndicatorTarget, IndicatorValue)] == counts
    assert PrintedFigureCheck.objects.count() == 27


def test_entered_values_are_not_overwritten_but_flagged(seed_001, manager):
    sync_from_target_rows(seed_001)
    violent = Indicator.objects.get(name="Violent crimes")
    value = violent.values.get(period="2009/10")
    value.value, value.source = D(1031), IndicatorValue.Source.ENTERED
    value.save()
    result = sync_from_target_rows(seed_001)
    value.refresh_from_db()
    assert value.value == D(1031)
    flagged = {c.title: c.flag for c in result.flags}
    assert "differs from 1,031 recorded in SaferPlan" in flagged[VIOLENT_2009]


def test_figures_that_disagree_within_one_plan_are_flagged(seed_001):
    row = TargetRow.objects.get(plan=seed_001, title="Reduce the number of violent crimes by 7%")
    row.baseline = "1,040"  # the review table says 2009/10 was 1,030
    row.save()
    result = sync_from_target_rows(seed_001)
    flagged = {c.title: c.flag for c in result.flags}
    assert "baseline 1,040 for 2009/10 differs from the actual 1,030" in flagged[row.title]


def test_check_targets_keeps_its_json_and_adds_the_section(seed_001):
    out = io.StringIO()
    call_command("check_targets", str(seed_001.pk), "--format", "json", stdout=out)
    rows = json.loads(out.getvalue())
    assert len(rows) == 27
    keys = {
        "title",
        "baseline",
        "target",
        "actual",
        "computed_change",
        "printed_change",
        "status",
        "flag",
        "agreement",
        "computed_change_text",
        "section",
    }
    assert keys <= set(rows[0])
    assert rows[0]["section"] == "Key successes 2009/10"


def test_sync_indicators_command_reports_the_flags(seed_001):
    out = io.StringIO()
    call_command("sync_indicators", str(seed_001.pk), stdout=out)
    assert "27 target rows: 0 new indicators, 0 values written, 2 flagged" in out.getvalue()
    assert f"! {VIOLENT_2009}: printed - 6%" in out.getvalue()


def test_every_seed_syncs(db, seeds_dir):
    partnerships = {"000": "Tonbridge and Malling CSP", "004": "Tunbridge Wells CSP"}
    for path in sorted(seeds_dir.glob("00[0-4]_*.txt")):
        parsed = importing.read_document(path.name, path.read_bytes())
        plan = importing.import_plan(
            parsed, source_name=path.name, partnership=partnerships.get(path.name[:3])
        ).plan
        result = sync_from_target_rows(plan)
        assert len(result.checks) == plan.target_rows.count()


@pytest.mark.parametrize(
    ("row", "priority", "named"),
    [
        (
            "Maintain the levels of perception relating to drug dealing",
            "Improving perceptions",
            True,
        ),
        (
            "Reduce the percentage of repeat victims of domestic abuse to 20%",
            "Domestic abuse",
            True,
        ),
        ("Reduce domestic burglary by 5%", "Domestic abuse", False),  # one word is not enough
        (
            "Reduce the number of ASB incidents ... 4. 'Substance misuse'",
            "Tackling substance misuse",
            True,
        ),
        ("Reduce the number of violent crimes by 7%", "Violence in a public place", False),
        ("Reduce the number of violent crimes by 7%", "Night Time Economy violence", False),
        ("Reduce overall crime by 8%", "Environmental Crime", False),
        ("Reduce criminal damage by 5%", "Tackling", False),  # a title of fillers names nothing
    ],
)
def test_a_row_names_a_priority_only_with_every_word_it_is_about(row, priority, named):
    assert names_priority(row, priority) is named


def test_seed_001_links_the_indicators_its_titles_name_and_no_more(seed_001):
    sync_from_target_rows(seed_001)
    linked = {
        i.name: sorted(p.title for p in i.priorities.all())
        for i in Indicator.objects.prefetch_related("priorities")
        if i.priorities.exists()
    }
    assert linked == {
        # by the actions whose measures name them (as before)
        "Current levels of perception in relation to the number of people who consider drunk "
        "and rowdy behaviour to be a problem in their local area": [
            "Improving perceptions",
            "Night Time Economy violence",
            "Tackling substance misuse",
        ],
        "Current percentage of residents who agree that the police and council are dealing "
        "with crime and ASB issues that matter": ["Improving perceptions"],
        "People killed or seriously injured in road traffic collisions": [
            "ASB related to driver behaviour"
        ],
        "Percentage of repeat victims of domestic abuse": ["Domestic abuse"],
        "Violent crimes": ["Violence in a public place"],
        # by the priority words in their titles (new)
        "Levels of perception of drug use/drug dealing as a problem in the borough": [
            "Improving perceptions"
        ],
        "Levels of perception relating to drug dealing": ["Improving perceptions"],
        "ASB incidents that are the highest priority for the public as measured by the KCVS "
        "survey": ["Tackling substance misuse"],
    }
    assert Indicator.objects.count() == 19  # eleven stay unlinked, listed on the indicator page


def test_the_indicator_page_lists_the_unlinked(seed_001, make_user, verified_client):
    from saferplan.accounts.models import Role

    sync_from_target_rows(seed_001)
    manager = make_user("csp", role=Role.MANAGER, partnership=seed_001.partnership)
    url = f"/indicators/{seed_001.partnership.slug}/"
    html = verified_client(manager).get(url).content.decode()
    unlinked = html.split('id="unlinked"', 1)[1]
    assert unlinked.count("<li>") == 11
    assert "Domestic burglary" in unlinked and "Violent crimes" not in unlinked
