from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from saferplan.monitoring.links import LinkRefused, create_link, open_link, revoke_link
from saferplan.monitoring.models import SecureLinkUse
from saferplan.monitoring.periods import ensure_periods
from saferplan.monitoring.reminders import send_reminders
from saferplan.partnerships.models import Agency


@pytest.fixture
def abc(plan):
    return Agency.objects.get(name="ABC")


def test_a_secure_link_opens_for_its_agency_and_period_and_logs_each_use(plan, abc):
    q1 = ensure_periods(plan)[0]
    link, token = create_link(q1, abc, "officer@abc.example")
    assert token not in link.token_hash  # only a hash is kept
    opened = open_link(token, what="viewed returns", ip="127.0.0.1")
    assert (opened.pk, opened.agency, opened.period) == (link.pk, abc, q1)
    open_link(token, what="submitted 2.1")
    assert [use.what for use in SecureLinkUse.objects.order_by("used_at")] == [
        "viewed returns",
        "submitted 2.1",
    ]


def test_a_tampered_expired_or_revoked_link_is_refused(plan, abc):
    q1 = ensure_periods(plan)[0]
    link, token = create_link(q1, abc, "officer@abc.example")
    with pytest.raises(LinkRefused, match="not valid"):
        open_link(token[:-2] + "xx", what="x")
    link.expires_at = timezone.now() - timedelta(seconds=1)
    link.save()
    with pytest.raises(LinkRefused, match="expired"):
        open_link(token, what="x")
    link.expires_at = timezone.now() + timedelta(days=1)
    link.save()
    revoke_link(link)
    with pytest.raises(LinkRefused, match="withdrawn"):
        open_link(token, what="x")
    assert SecureLinkUse.objects.count() == 0


def test_reminders_go_to_lead_officers_once_per_reminder_day(plan, abc, make_user):
    make_user("olive", role="lead_officer", partnership=plan.partnership, agency=abc)
    make_user("vic", role="viewer", partnership=plan.partnership, agency=abc)
    ensure_periods(plan)
    # Q1 deadline is 15 July 2024; seven days before is the 8th.
    assert send_reminders(date(2024, 7, 7)).sent == 0
    report = send_reminders(date(2024, 7, 8))
    assert report.sent == 1
    assert mail.outbox[0].to == ["olive@example.org"]
    assert mail.outbox[0].subject == "Due: ABC returns for Ashcombe CSP 2024/25 Q1"
    assert "action 1.2" in mail.outbox[0].body and "action 2.1" in mail.outbox[0].body
    # the same day again, or the next day: nothing new
    assert send_reminders(date(2024, 7, 8)).sent == 0
    assert send_reminders(date(2024, 7, 9)).sent == 0
    # after the deadline the overdue reminder goes, once
    assert send_reminders(date(2024, 7, 16)).sent == 1
    assert mail.outbox[1].subject.startswith("Overdue: ")
    assert send_reminders(date(2024, 7, 17)).sent == 0
    assert len(mail.outbox) == 2


def test_a_reminder_can_carry_a_secure_link_that_works(plan, abc, make_user):
    make_user("olive", role="lead_officer", partnership=plan.partnership, agency=abc)
    ensure_periods(plan)
    send_reminders(date(2024, 7, 8), with_links=True, base_url="https://saferplan.example")
    body = mail.outbox[0].body
    token = body.split("/returns/link/")[1].split("/")[0]
    assert open_link(token, what="opened from e-mail").agency == abc


def test_an_agency_with_no_officers_is_reported_not_silently_skipped(plan):
    ensure_periods(plan)
    report = send_reminders(date(2024, 7, 8))
    assert report.sent == 0
    assert report.agencies_without_officers == 2  # ABC and Ashcombe Police owe returns


def test_the_command_sends_reminders_and_reports_what_it_did(plan, abc, make_user):
    import io

    from django.core.management import call_command

    make_user("olive", role="lead_officer", partnership=plan.partnership, agency=abc)
    ensure_periods(plan)
    out = io.StringIO()
    call_command("send_reminders", "--today", "2024-07-08", stdout=out)
    assert out.getvalue().startswith("1 reminders sent, 0 already sent earlier")
    out = io.StringIO()
    call_command("send_reminders", "--today", "2024-07-08", stdout=out)
    assert out.getvalue().startswith("0 reminders sent, 1 already sent earlier")
    assert len(mail.outbox) == 1
