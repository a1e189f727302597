"""The five real plan documents, imported into the database as a user would."""

import json

import pytest

from saferplan.importing.agencies import normalise
from saferplan.partnerships.models import Agency, Partnership
from saferplan.plans.models import Action, Plan, ProgressUpdate

pytestmark = pytest.mark.django_db

# Seeds 000 and 004 do not print their partnership's name.
PARTNERSHIP = {"000": "Tonbridge and Malling CSP", "004": "Tunbridge Wells CSP"}


@pytest.fixture
def import_seed(seed_path, run_command):
    def do(number: str) -> Plan:
        args = ["import_plan", str(seed_path(number)), "--format", "json"]
        if number in PARTNERSHIP:
            args += ["--partnership", PARTNERSHIP[number]]
        return Plan.objects.get(pk=json.loads(run_command(*args))["id"])

    return do


def test_all_five_seeds_import_into_three_partnerships(import_seed):
    plans = [import_seed(n) for n in ("000", "001", "002", "003", "004")]
    assert [(p.partnership.name, p.year) for p in plans] == [
        ("Tonbridge and Malling CSP", "2014/15"),
        ("Tonbridge and Malling CSP", "2010/11"),
        ("Tunbridge Wells Community Safety Partnership", "2015/16"),
        ("Ashford Community Safety Partnership", "2013/14"),
        ("Tunbridge Wells Community Safety Partnership", "2024/25"),
    ]
    assert Partnership.objects.count() == 3
    counts = [Action.objects.filter(priority__plan=p).count() for p in plans]
    assert counts == [39, 55, 42, 58, 93]


def test_agencies_are_never_duplicated_across_documents(import_seed):
    for number in ("000", "001", "002", "003", "004"):
        import_seed(number)
    keys = [normalise(a.name) for a in Agency.objects.all()]
    assert len(keys) == len(set(keys))
    acronyms = [a.acronym for a in Agency.objects.exclude(acronym="")]
    assert len(acronyms) == len(set(acronyms)), sorted(acronyms)


def test_reimporting_a_seed_changes_nothing(import_seed):
    plan = import_seed("004")
    before = (Action.objects.count(), Agency.objects.count(), ProgressUpdate.objects.count())
    again = import_seed("004")
    assert again.pk == plan.pk
    assert (
        Action.objects.count(),
        Agency.objects.count(),
        ProgressUpdate.objects.count(),
    ) == before


def test_seed_000_keeps_both_quarters_of_every_action(import_seed):
    plan = import_seed("000")
    updates = ProgressUpdate.objects.filter(action__priority__plan=plan)
    assert updates.filter(period="2014/15 Q1").count() == 39
    assert updates.filter(period="2014/15 Q2").count() == 39
    no_data_q2 = updates.filter(period="2014/15 Q2", status="no_data")
    assert sorted((u.action.priority.title, u.action.ref) for u in no_data_q2) == sorted(
        [("Anti-social behaviour (ASB)", r) for r in ("2", "4", "6")]
        + [("Domestic Abuse", r) for r in ("1", "3", "4", "16")]
        + [("Substance misuse", r) for r in ("1", "3", "6", "11")]
    )


def test_a_seed_plan_exports_and_imports_as_the_same_plan(import_seed, export_and_reimport):
    exported, second = export_and_reimport(import_seed("003"))
    assert second == exported


def test_check_targets_flags_the_two_printed_errors_of_seed_001(import_seed, run_command):
    plan = import_seed("001")
    rows = json.loads(run_command("check_targets", str(plan.pk), "--format", "json"))
    assert len(rows) == 27
    flagged = {row["title"]: row for row in rows if row["flag"]}
    assert set(flagged) == {
        "Reduce the number of violent crimes by 5%",
        "Reduce theft from vehicles by 5%",
    }
    violent = flagged["Reduce the number of violent crimes by 5%"]
    assert (violent["agreement"], violent["computed_change"]) == ("inconsistent", -13.66)
    assert flagged["Reduce theft from vehicles by 5%"]["agreement"] == "rounding"
    burglary = next(r for r in rows if r["title"] == "Reduce domestic burglary by 5%")
    assert (burglary["computed_change_text"], burglary["status"]) == ("-7%", "exceeded")
    repeat = next(r for r in rows if r["title"].startswith("Reduce the percentage of repeat"))
    assert repeat["status"] == "missed"
