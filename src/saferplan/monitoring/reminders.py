"""Reminding lead officers of returns due or overdue, never twice for the same day.

Safe to run every day from cron (``saferplan send-reminders``) or as the background
task ``monitoring.tasks.send_reminders_task``: each agency's officers get at most one
e-mail per period per reminder day, and a missed run catches up with one e-mail, not
several.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from saferplan.accounts.models import PartnershipRole, Role
from saferplan.monitoring.dashboard import build_dashboard
from saferplan.monitoring.links import create_link
from saferplan.monitoring.models import ReminderSent, ReportingPeriod
from saferplan.monitoring.rules import reminder_offsets_due

# Days before and after the deadline on which reminders go out.
BEFORE = (7, 1)
AFTER = (1, 7, 14)


@dataclass
class ReminderReport:
    sent: int = 0
    skipped_already_sent: int = 0
    agencies_without_officers: int = 0


def recipients(period: ReportingPeriod, agency) -> list[str]:
    """The e-mail addresses of the agency's lead officers in the plan's partnership."""
    roles = PartnershipRole.objects.filter(
        partnership_id=period.plan.partnership_id,
        role=Role.LEAD_OFFICER,
        user__profile__agency=agency,
        user__is_active=True,
    ).exclude(user__email="")
    emails = sorted({role.user.email for role in roles.select_related("user")})
    if not emails and agency.email:
        emails = [agency.email]
    return emails


def send_reminders(
    today: date,
    *,
    before: tuple[int, ...] = BEFORE,
    after: tuple[int, ...] = AFTER,
    base_url: str = "",
    with_links: bool = False,
) -> ReminderReport:
    """E-mail every lead agency what it still owes, for periods whose reminder day has come."""
    report = ReminderReport()
    periods = ReportingPeriod.objects.filter(
        status__in=[ReportingPeriod.Status.PLANNED, ReportingPeriod.Status.OPEN],
        plan__status__in=["draft", "published"],
    ).select_related("plan__partnership")
    for period in periods:
        offsets = reminder_offsets_due(period.deadline, today, before, after)
        if not offsets or today < period.quarter.end:
            continue
        offset = offsets[-1]
        dashboard = build_dashboard(period, today)
        for agency, lines in dashboard.missing_by_agency():
            emails = recipients(period, agency)
            if not emails:
                report.agencies_without_officers += 1
            for email in emails:
                if _send_one(period, agency, email, offset, lines, base_url, with_links):
                    report.sent += 1
                else:
                    report.skipped_already_sent += 1
    return report


def _send_one(period, agency, email, offset, lines, base_url, with_links) -> bool:
    try:
        with transaction.atomic():
            ReminderSent.objects.create(
                period=period, agency=agency, email=email, offset_days=offset
            )
            link_url = None
            if with_links:
                _link, token = create_link(period, agency, email)
                link_url = f"{base_url}/returns/link/{token}/"
            context = {
                "period": period,
                "agency": agency,
                "lines": lines,
                "overdue": offset > 0,
                "link_url": link_url,
                "base_url": base_url,
            }
            subject = (
                f"{'Overdue' if offset > 0 else 'Due'}: {agency.name} returns for "
                f"{period.plan.partnership.name} {period.label}"
            )
            send_mail(
                subject,
                render_to_string("monitoring/email/reminder.txt", context),
                settings.DEFAULT_FROM_EMAIL,
                [email],
            )
    except IntegrityError:
        return False  # this reminder went out on an earlier run
    return True
