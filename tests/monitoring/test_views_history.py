"""The history page of an action: who changed what and when, newest first."""

from __future__ import annotations

import pytest

from saferplan.history.entries import describe_reason
from saferplan.monitoring.evidence import attach_evidence
from saferplan.monitoring.periods import ensure_periods
from saferplan.monitoring.returns import ReturnInput, save_return
from saferplan.plans.models import Action, ActionAgency, ProgressUpdate

pytestmark = pytest.mark.django_db


def history_url(ref: str = "1.1") -> str:
    return f"/returns/history/action/{Action.objects.get(ref=ref).pk}/"


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("manager", 200),
        ("lead_officer", 200),
        ("other_officer", 200),
        ("viewer", 200),
        ("scrutiny", 404),
        ("outsider", 404),
        ("anonymous", 302),
    ],
)
def test_who_may_read_an_actions_history(returns_plan, as_persona, persona, status):
    assert as_persona(persona).get(history_url()).status_code == status


def test_history_shows_who_changed_which_field_from_what_to_what(
    returns_plan, as_persona, lead_officer, manager
):
    q2 = ensure_periods(returns_plan)[1]
    action = Action.objects.get(ref="1.1")
    save_return(action, q2, ReturnInput("First words", "on_track"), user=lead_officer)
    save_return(
        action,
        q2,
        ReturnInput("Second words", "at_risk", submit=True, based_on_version=1),
        user=manager,
    )
    update = ProgressUpdate.objects.get(action=action, period="2024/25 Q2")
    attach_evidence(update, "notes.txt", b"Minutes of the meeting", user=lead_officer)
    link = ActionAgency.objects.get(action=action)
    link._history_user = manager
    link.delete()
    response = as_persona("viewer").get(history_url())
    entries = response.context["entries"]
    assert entries[0].subject == "Lead agency" and entries[0].kind == "Deleted"
    assert (entries[1].subject, entries[1].kind, entries[1].who) == (
        "Evidence for 2024/25 Q2",
        "Added",
        "bob",
    )
    newest_return = entries[2]
    assert newest_return.subject == "Return for 2024/25 Q2"
    assert newest_return.who == "alice"
    assert newest_return.reason == "Submitted"
    changes = {c.label: (c.before, c.after) for c in newest_return.changes}
    assert changes["Status"] == ("On track", "At risk")
    assert changes["Text"] == ("First words", "Second words")
    assert changes["State"] == ("Draft", "Submitted")
    assert "Version" not in changes
    page = response.content.decode()
    assert "<del>First words</del>" in page and "<ins>Second words</ins>" in page
    assert "Imported from fixture" in page  # the action's creation by the importer
    whens = [e.when for e in entries]
    assert whens == sorted(whens, reverse=True)


def test_reasons_read_as_words():
    assert describe_reason("return.secure_link 4") == "Saved through a secure link"
    assert describe_reason("period.lock") == "Quarter locked"
    assert describe_reason("Imported from plan.docx") == "Imported from plan.docx"
    assert describe_reason(None) == ""
