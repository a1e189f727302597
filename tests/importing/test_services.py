"""Storing imported plans: all or nothing, updates instead of duplicates, history kept."""

from unittest import mock

import pytest

from saferplan.importing import services
from saferplan.importing.document import (
    ParsedAction,
    ParsedGlossaryEntry,
    ParsedPlan,
    ParsedPriority,
    ParsedTarget,
    ParsedUpdate,
    PlanImportError,
)
from saferplan.importing.services import export_plan, import_plan
from saferplan.partnerships.models import Agency, GlossaryEntry, Partnership
from saferplan.plans.models import Action, ActionAgency, Plan, Priority, ProgressUpdate

pytestmark = pytest.mark.django_db


def make_plan(**changes) -> ParsedPlan:
    plan = ParsedPlan(
        partnership="Ashcombe Community Safety Partnership",
        title="Ashcombe CSP Action Plan 2024/25",
        year="2024/25",
        priorities=[
            ParsedPriority(
                ref="1",
                title="Domestic abuse",
                leads=["ADAS"],
                actions=[
                    ParsedAction(
                        ref="1.1",
                        text="Support high-risk victims through the MARAC",
                        leads=["Ashcombe Police", "ADAS"],
                        baseline="83",
                        target="60",
                        measure="Number of victims supported",
                        updates=[
                            ParsedUpdate("2024/25 Q1", "41 victims supported", None),
                            ParsedUpdate("2024/25 Q2", "Data to be provided", "no_data"),
                        ],
                    ),
                    ParsedAction(ref="1.2", text="Run awareness sessions", leads=["ABC/ADAS"]),
                ],
            ),
            ParsedPriority(
                ref="2",
                title="Anti-social behaviour",
                actions=[ParsedAction(ref="2.1", text="Patrol hotspots", leads=["AP"])],
            ),
        ],
        targets=[
            ParsedTarget("Reduce burglary by 5%", "NI16", "273", "259", "254", "- 7%", "Review")
        ],
        glossary=[
            ParsedGlossaryEntry("ADAS", "Ashcombe Domestic Abuse Service"),
            ParsedGlossaryEntry("AP", "Ashcombe Police"),
        ],
    )
    for key, value in changes.items():
        setattr(plan, key, value)
    return plan


def test_it_stores_every_priority_action_update_and_target():
    result = import_plan(make_plan(), source_name="plan.txt", source_bytes=b"x")
    plan = result.plan
    assert result.created
    assert plan.year == "2024/25"
    assert str(plan.start_date) == "2024-04-01"
    assert plan.source_sha256 == "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"
    assert [p.title for p in plan.priorities.all()] == ["Domestic abuse", "Anti-social behaviour"]
    action = Action.objects.get(ref="1.1")
    assert action.baseline == "83"
    assert [u.status for u in action.updates.order_by("period")] == ["", "no_data"]
    assert plan.target_rows.get().printed_change == "- 7%"
    assert GlossaryEntry.objects.filter(partnership=plan.partnership).count() == 2


def test_glossary_acronyms_and_full_names_become_one_agency():
    import_plan(make_plan(), source_name="plan.txt")
    police = Agency.objects.get(name="Ashcombe Police")
    assert police.acronym == "AP"
    assert police.kind == "police"
    # "AP" in 2.1 and "Ashcombe Police" in 1.1 are the same agency
    assert Action.objects.get(ref="2.1").lead_agencies() == [police]
    assert police in Action.objects.get(ref="1.1").lead_agencies()
    assert Agency.objects.filter(name__icontains="Domestic Abuse").count() == 1
    assert {a.name for a in Plan.objects.get().partnership.agencies.all()} >= {
        "Ashcombe Police",
        "Ashcombe Domestic Abuse Service",
    }


def test_importing_the_same_document_again_updates_instead_of_duplicating():
    import_plan(make_plan(), source_name="plan.txt")
    result = import_plan(make_plan(), source_name="plan.txt")
    assert not result.created
    assert Plan.objects.count() == 1
    assert Priority.objects.count() == 2
    assert Action.objects.count() == 3
    assert ProgressUpdate.objects.count() == 2
    assert ActionAgency.objects.count() == 4


def test_an_action_dropped_from_the_document_is_archived_not_deleted():
    import_plan(make_plan(), source_name="plan.txt")
    shorter = make_plan()
    shorter.priorities[0].actions.pop()  # 1.2 goes
    result = import_plan(shorter, source_name="plan.txt")
    assert result.archived == 1
    assert not Action.objects.filter(ref="1.2").exists()
    archived = Action.all_objects.get(ref="1.2")
    assert archived.archived_at is not None
    # importing it again brings the same row back
    import_plan(make_plan(), source_name="plan.txt")
    assert Action.objects.get(ref="1.2").pk == archived.pk


def test_every_change_keeps_its_history_with_the_reason():
    import_plan(make_plan(), source_name="plan.txt")
    changed = make_plan()
    changed.priorities[0].actions[0].target = "70"
    import_plan(changed, source_name="plan-v2.txt")
    action = Action.objects.get(ref="1.1")
    newest, previous = action.history.all()[:2]
    assert (previous.target, newest.target) == ("60", "70")
    assert newest.history_change_reason == "Imported from plan-v2.txt"


def test_a_failure_half_way_leaves_the_database_as_it_was():
    import_plan(make_plan(), source_name="plan.txt")
    before = (Plan.objects.count(), Action.objects.count(), Agency.objects.count())
    changed = make_plan(title="A new title")
    changed.priorities.append(
        ParsedPriority(
            ref="3",
            title="New",
            actions=[ParsedAction(ref="3.1", text="New action", leads=["Brand New Agency"])],
        )
    )
    with (
        mock.patch.object(services._PlanWriter, "targets", side_effect=RuntimeError("disk")),
        pytest.raises(RuntimeError),
    ):
        import_plan(changed, source_name="plan.txt")
    assert (Plan.objects.count(), Action.objects.count(), Agency.objects.count()) == before
    assert Plan.objects.get().title == "Ashcombe CSP Action Plan 2024/25"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"partnership": None}, "no partnership name"),
        ({"year": None}, "no financial year"),
        ({"year": "2024/26"}, "no financial year"),
        ({"priorities": []}, "no priorities"),
    ],
)
def test_it_refuses_a_plan_it_cannot_place(changes, message):
    with pytest.raises(PlanImportError, match=message) as error:
        import_plan(make_plan(**changes), source_name="plan.txt")
    assert str(error.value).startswith("plan.txt: ")
    assert Plan.objects.count() == 0
    assert Partnership.objects.count() == 0


def test_the_command_line_partnership_and_year_win_over_the_document():
    result = import_plan(
        make_plan(partnership=None, year=None),
        source_name="plan.txt",
        partnership="Thornbury Vale CSP",
        year="2023/24",
    )
    assert (result.plan.partnership.name, result.plan.year) == ("Thornbury Vale CSP", "2023/24")


def test_partnership_names_match_however_they_are_abbreviated():
    import_plan(make_plan(), source_name="a.txt")
    import_plan(make_plan(partnership="Ashcombe CSP", year="2025/26"), source_name="b.txt")
    assert Partnership.objects.count() == 1
    assert Plan.objects.count() == 2


def test_an_exported_plan_imports_as_the_same_plan():
    plan = import_plan(make_plan(), source_name="plan.txt").plan
    exported = export_plan(plan)
    original = make_plan()
    assert [p.actions for p in exported.priorities] == [p.actions for p in original.priorities]
    # a priority's leads come back under their full names
    assert exported.priorities[0].leads == ["Ashcombe Domestic Abuse Service"]
    assert exported.targets == original.targets
    Plan.objects.all().delete()
    again = import_plan(exported, source_name="plan.json").plan
    assert export_plan(again) == exported


def test_importing_an_unchanged_document_adds_no_history_to_its_rows():
    import_plan(make_plan(), source_name="plan.txt")
    counts = (Action.history.count(), Priority.history.count(), ProgressUpdate.history.count())
    import_plan(make_plan(), source_name="plan.txt")
    assert (
        Action.history.count(),
        Priority.history.count(),
        ProgressUpdate.history.count(),
    ) == counts
    assert Plan.history.count() == 2  # the plan records each import


def test_a_very_long_file_name_is_kept_and_its_history_reason_shortened():
    name = "partnership-plan-" + "x" * 230 + ".docx"
    plan = import_plan(make_plan(), source_name=name).plan
    assert plan.source_name == name
    reason = Action.history.first().history_change_reason
    assert reason.startswith("Imported from partnership-plan-") and len(reason) == 100
