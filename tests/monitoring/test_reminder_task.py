"""The reminders run as a background task: the same service as `saferplan send-reminders`."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from saferplan.monitoring.models import ReminderSent
from saferplan.monitoring.periods import ensure_periods
from saferplan.monitoring.tasks import send_reminders_task
from saferplan.partnerships.models import Agency

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def olive(plan, make_user):
    """A lead officer at the council, which owes returns for 1.2 and 2.1."""
    abc = Agency.objects.get(name="ABC")
    ensure_periods(plan)
    return make_user("olive", role="lead_officer", partnership=plan.partnership, agency=abc)


def test_enqueuing_the_task_sends_the_reminders_that_are_due(olive, settings):
    settings.TASKS = IMMEDIATE
    result = send_reminders_task.enqueue(today="2024-07-08")  # 7 days before 15 July
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == {
        "sent": 1,
        "skipped_already_sent": 0,
        "agencies_without_officers": 1,
    }
    assert [m.to for m in mail.outbox] == [["olive@example.org"]]
    assert ReminderSent.objects.get().offset_days == -7


def test_the_task_never_sends_a_reminder_twice_either(olive, settings):
    settings.TASKS = IMMEDIATE
    send_reminders_task.enqueue(today="2024-07-08")
    again = send_reminders_task.enqueue(today="2024-07-08")
    assert again.return_value["sent"] == 0
    assert again.return_value["skipped_already_sent"] == 1
    assert len(mail.outbox) == 1


def test_the_task_takes_the_same_options_as_the_command(olive, settings):
    settings.TASKS = IMMEDIATE
    assert send_reminders_task.enqueue(today="2024-07-08", before=[3]).return_value["sent"] == 0
    result = send_reminders_task.enqueue(today="2024-07-08", before=[7], with_links=True)
    assert result.return_value["sent"] == 1
    assert "/returns/link/" in mail.outbox[0].body


# The worker closes database connections between tasks, as a long-running process must:
# inside a test's wrapping transaction that would end the test's own connection.
@pytest.mark.django_db(transaction=True)
def test_the_command_can_queue_the_run_for_the_database_worker(olive):
    out = io.StringIO()
    call_command("send_reminders", "--today", "2024-07-08", "--enqueue", stdout=out)
    assert out.getvalue().startswith("Reminders queued as task ")
    queued = DBTaskResult.objects.get()
    assert queued.status == TaskResultStatus.READY
    assert mail.outbox == []  # nothing sent until a worker runs it
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO())
    queued.refresh_from_db()
    assert queued.status == TaskResultStatus.SUCCESSFUL
    assert [m.to for m in mail.outbox] == [["olive@example.org"]]
