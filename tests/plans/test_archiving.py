"""Deleting archives, never destroys: plans, priorities, actions and progress updates."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from factories import sample_plan
from saferplan.monitoring.periods import ensure_periods
from saferplan.monitoring.returns import ReturnInput, save_return
from saferplan.plans.archiving import archive, restore
from saferplan.plans.models import Action, Plan, Priority, ProgressUpdate

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan() -> Plan:
    return sample_plan()


@pytest.fixture
def stella(db):
    return get_user_model().objects.create_superuser("stella", "stella@example.org", "x")


@pytest.fixture
def admin_client(verified_client, stella):
    return verified_client(stella)


def changelist(model: str) -> str:
    return f"/admin/plans/{model}/"


def test_the_admin_offers_archive_not_delete(admin_client, plan):
    page = admin_client.get(changelist("action")).content.decode()
    assert 'value="archive_selected"' in page and 'value="restore_selected"' in page
    assert 'value="delete_selected"' not in page
    action = Action.objects.filter(priority__plan=plan).first()
    assert admin_client.get(f"/admin/plans/action/{action.pk}/delete/").status_code == 403
    change_page = admin_client.get(f"/admin/plans/action/{action.pk}/change/").content.decode()
    assert f"/admin/plans/action/{action.pk}/delete/" not in change_page


def test_a_forged_delete_selected_deletes_nothing(admin_client, plan):
    ids = list(Action.objects.filter(priority__plan=plan).values_list("pk", flat=True))
    admin_client.post(
        changelist("action"), {"action": "delete_selected", "_selected_action": ids, "post": "yes"}
    )
    assert Action.objects.filter(pk__in=ids).count() == len(ids)


@pytest.mark.parametrize("model", ["action", "priority", "progressupdate"])
def test_archiving_in_the_admin_keeps_the_row_and_records_who(admin_client, stella, plan, model):
    manager = {"action": Action, "priority": Priority, "progressupdate": ProgressUpdate}[model]
    obj = manager.objects.filter(pk__in=_ids_of(plan, model)).first()
    response = admin_client.post(
        changelist(model), {"action": "archive_selected", "_selected_action": [obj.pk]}
    )
    assert response.status_code == 302
    kept = manager.all_objects.get(pk=obj.pk)
    assert kept.archived_at is not None
    assert not manager.objects.filter(pk=obj.pk).exists()  # gone from every page and list
    latest = kept.history.first()
    code = {"progressupdate": "update"}.get(model, model)
    assert (latest.history_change_reason, latest.history_user) == (f"{code}.archived", stella)
    # archived rows are still listed in the admin, where they can be restored
    assert admin_client.get(f"{changelist(model)}{obj.pk}/change/").status_code == 200
    admin_client.post(
        changelist(model), {"action": "restore_selected", "_selected_action": [obj.pk]}
    )
    assert manager.objects.filter(pk=obj.pk).exists()


def _ids_of(plan, model):
    if model == "priority":
        return plan.priorities.values("pk")
    if model == "action":
        return Action.objects.filter(priority__plan=plan).values("pk")
    return ProgressUpdate.objects.filter(action__priority__plan=plan).values("pk")


def test_an_archived_plan_leaves_the_public_pages_but_stays_for_its_partnership(
    admin_client, client, plan
):
    assert client.get(f"/plans/{plan.pk}/").status_code == 200
    admin_client.post(
        changelist("plan"), {"action": "archive_selected", "_selected_action": [plan.pk]}
    )
    plan.refresh_from_db()
    assert plan.status == Plan.Status.ARCHIVED
    assert client.get(f"/plans/{plan.pk}/").status_code == 404
    assert client.get(f"/public/plans/{plan.pk}/").status_code == 404
    assert admin_client.get(f"/plans/{plan.pk}/").status_code == 200  # members still read it
    assert restore(plan) == 1
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT  # restoring never publishes by itself


def test_an_archived_action_disappears_from_its_plan_page(client, plan):
    action = Action.objects.get(priority__plan=plan, ref="1.1")
    link = f'href="/plans/actions/{action.pk}/"'
    assert link in client.get(f"/plans/{plan.pk}/").content.decode()
    archive(action)
    assert link not in client.get(f"/plans/{plan.pk}/").content.decode()
    assert client.get(f"/plans/actions/{action.pk}/").status_code == 404


def test_a_priority_takes_its_actions_with_it_and_brings_them_back(plan):
    priority = plan.priorities.get(ref="1")
    already = Action.objects.get(priority=priority, ref="1.4")
    archive(already)  # archived before, on its own
    assert archive(priority) == 4  # the priority and its three live actions
    assert not Action.objects.filter(priority=priority).exists()
    assert restore(priority) == 4
    assert set(Action.objects.filter(priority=priority).values_list("ref", flat=True)) == {
        "1.1",
        "1.2",
        "1.3",
    }
    assert Action.all_objects.get(pk=already.pk).archived_at is not None


def test_delete_archives_instead_of_destroying(plan):
    action = Action.objects.get(priority__plan=plan, ref="2.1")
    update = ProgressUpdate.objects.filter(action__priority__plan=plan).first()
    action.delete()
    update.delete()
    plan.delete()
    assert Action.all_objects.get(pk=action.pk).archived_at is not None
    assert ProgressUpdate.all_objects.get(pk=update.pk).archived_at is not None
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.ARCHIVED
    assert archive(action) == 0  # archiving twice changes nothing


def test_an_archived_return_is_kept_and_a_new_one_can_be_written(plan, stella):
    action = Action.objects.get(priority__plan=plan, ref="1.1")
    q1 = ensure_periods(plan)[0]
    old = ProgressUpdate.objects.get(action=action, period=q1.label)
    archive(old, user=stella)
    assert list(action.updates.all()) == []  # not on the action, not counted
    new = save_return(action, q1, ReturnInput("Rewritten", "on_track", submit=True), user=stella)
    assert new.pk != old.pk
    assert ProgressUpdate.all_objects.filter(action=action, period=q1.label).count() == 2
    assert [u.text for u in action.updates.all()] == ["Rewritten"]
