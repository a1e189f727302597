"""Reporting periods of a plan and what happens around them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from saferplan.partnerships.models import Agency
from saferplan.plans.models import Plan, ProgressUpdate
from saferplan.plans.periods import Quarter


class ReportingPeriod(models.Model):
    """One quarter of a plan's year, with its return deadline.

    A manager opens, closes and locks it; locking freezes a snapshot of every
    return.  The history records each change of state, reopening included.
    """

    class Status(models.TextChoices):
        PLANNED = "planned", "Not open yet"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"
        LOCKED = "locked", "Locked"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="periods")
    number = models.PositiveSmallIntegerField()
    deadline = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="one_period_per_quarter"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=4), name="quarter_1_to_4"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def quarter(self) -> Quarter:
        return self.plan.financial_year.quarter(self.number)

    @property
    def label(self) -> str:
        return str(self.quarter)

    @property
    def accepts_returns(self) -> bool:
        return self.status in (self.Status.PLANNED, self.Status.OPEN)


class PeriodSnapshot(models.Model):
    """Every return of a period as it stood when the period was locked."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="snapshots")
    taken_at = models.DateTimeField(auto_now_add=True)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    returns = models.JSONField()

    class Meta:
        ordering = ["-taken_at"]

    def __str__(self) -> str:
        return f"{self.period} as locked at {self.taken_at:%Y-%m-%d %H:%M}"


class EvidenceFile(models.Model):
    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="evidence/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    archived_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.original_name


class ReminderSent(models.Model):
    """A reminder e-mailed to one address about one period: never sent twice."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="reminders")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE)
    email = models.EmailField()
    offset_days = models.SmallIntegerField(help_text="Days from the deadline: -7 is a week before.")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["period", "agency", "email", "offset_days"], name="one_reminder_each"
            )
        ]

    def __str__(self) -> str:
        return f"{self.period} reminder to {self.email} ({self.offset_days:+d} days)"


class SecureLink(models.Model):
    """A signed, expiring link that lets one agency submit one period's returns.

    Only a hash of the token is stored; the link itself is in the e-mail.
    """

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="links")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="secure_links")
    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.agency} {self.period} ({self.email})"


class SecureLinkUse(models.Model):
    link = models.ForeignKey(SecureLink, on_delete=models.CASCADE, related_name="uses")
    used_at = models.DateTimeField(auto_now_add=True)
    what = models.CharField(max_length=200)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-used_at"]

    def __str__(self) -> str:
        return f"{self.link} used at {self.used_at:%Y-%m-%d %H:%M}: {self.what}"
