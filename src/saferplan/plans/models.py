"""A partnership's plan for a financial year: priorities, actions, targets."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from saferplan.partnerships.models import Agency, Partnership
from saferplan.plans.periods import FinancialYear


class UpdateStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    OFF_TRACK = "off_track", "Off track"
    COMPLETED = "completed", "Completed"
    NO_DATA = "no_data", "No data"


class ArchiveOnDelete:
    """``delete()`` archives instead (``saferplan.plans.archiving``): these rows are never
    destroyed, so nothing that was reported is lost."""

    def delete(self, using=None, keep_parents=False):
        from saferplan.plans.archiving import archive

        archive(self, user=getattr(self, "_history_user", None))
        return 0, {}  # nothing deleted


class Plan(ArchiveOnDelete, models.Model):
    class Kind(models.TextChoices):
        ACTION_PLAN = "action_plan", "Action plan"
        PARTNERSHIP_PLAN = "partnership_plan", "Partnership plan"
        DELIVERY_PLAN = "delivery_plan", "Delivery plan"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        ARCHIVED = "archived", "Archived"

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="plans")
    year = models.CharField(max_length=7, help_text="Financial year, such as 2014/15.")
    start_date = models.DateField()
    end_date = models.DateField()
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.ACTION_PLAN)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    introduction = models.TextField(blank=True)
    source_name = models.CharField(max_length=300, blank=True)
    source_sha256 = models.CharField(max_length=64, blank=True)
    source_document = models.FileField(upload_to="plan-sources/%Y/", blank=True)
    imported_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership__name", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "year"], name="one_plan_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.partnership}: {self.title} ({self.year})"

    def save(self, *args, **kwargs) -> None:
        fy = FinancialYear.parse(self.year)
        self.year = str(fy)
        self.start_date = self.start_date or fy.start
        self.end_date = self.end_date or fy.end
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", args=[self.pk])

    @property
    def financial_year(self) -> FinancialYear:
        return FinancialYear.parse(self.year)


class LiveManager(models.Manager):
    """Rows not archived: deleting archives, it never destroys."""

    def get_queryset(self):
        return super().get_queryset().filter(archived_at__isnull=True)


class Priority(ArchiveOnDelete, models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priorities")
    ref = models.CharField(max_length=20, blank=True)
    title = models.CharField(max_length=300)
    group = models.CharField(
        max_length=300, blank=True, help_text="The wider priority this theme belongs to."
    )
    subsidiary = models.BooleanField(default=False)
    leads = models.ManyToManyField(Agency, related_name="led_priorities", blank=True)
    rationale = models.TextField(blank=True, help_text="Why this is a priority: the evidence.")
    intended_outcomes = models.TextField(blank=True)
    key_partners = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)
    archived_at = models.DateTimeField(null=True, blank=True)
    copied_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
        help_text="The priority of last year's plan this one was rolled over from.",
    )
    history = HistoricalRecords(m2m_fields=[leads])

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["plan", "order"]
        verbose_name_plural = "priorities"
        base_manager_name = "all_objects"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{self.plan.get_absolute_url()}#priority-{self.pk}"


class Action(ArchiveOnDelete, models.Model):
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="actions")
    ref = models.CharField(max_length=20, help_text="As printed (1, 2.10) or assigned.")
    text = models.TextField()
    aim = models.TextField(blank=True)
    agencies = models.ManyToManyField(Agency, through="ActionAgency", related_name="actions")
    baseline = models.TextField(blank=True)
    target = models.TextField(blank=True)
    measure = models.TextField(blank=True)
    evidence = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)
    archived_at = models.DateTimeField(null=True, blank=True)
    copied_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
        help_text="The action of last year's plan this one was rolled over from.",
    )
    history = HistoricalRecords()

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["priority__order", "order"]
        base_manager_name = "all_objects"

    def __str__(self) -> str:
        return f"{self.ref} {self.text[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("plans:action", args=[self.pk])

    @property
    def plan(self) -> Plan:
        return self.priority.plan

    def lead_agencies(self) -> list[Agency]:
        return [link.agency for link in self.agency_links.all() if link.role == ActionAgency.LEAD]

    def partner_agencies(self) -> list[Agency]:
        return [
            link.agency for link in self.agency_links.all() if link.role == ActionAgency.PARTNER
        ]


class ActionAgency(models.Model):
    """An agency's part in an action: it leads it, or it is a partner."""

    LEAD = "lead"
    PARTNER = "partner"
    ROLES = [(LEAD, "Lead"), (PARTNER, "Partner")]

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="agency_links")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="action_links")
    role = models.CharField(max_length=10, choices=ROLES, default=LEAD)
    name_as_printed = models.CharField(max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "agency", "role"], name="unique_action_agency_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} ({self.role}) on {self.action.ref}"


class ProgressUpdate(ArchiveOnDelete, models.Model):
    """A lead agency's update (its quarterly return) on an action for one quarter.

    ``version`` goes up by one at every save, so that a save based on an older
    version can be refused instead of silently overwriting someone's work.  An
    archived update is kept (with its history) but no longer counts: a new return
    may then be written for the same quarter.
    """

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    period = models.CharField(max_length=12, help_text="Quarter, such as 2014/15 Q1.")
    text = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=UpdateStatus.choices, blank=True)
    value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.SUBMITTED)
    submitted_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    archived_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["action", "period"]
        base_manager_name = "all_objects"
        constraints = [
            models.UniqueConstraint(
                fields=["action", "period"],
                condition=models.Q(archived_at__isnull=True),
                name="one_live_update_per_quarter",
            )
        ]

    def __str__(self) -> str:
        return f"{self.action.ref} {self.period}"


class TargetRow(models.Model):
    """A performance target as the plan printed it (computed checks come later)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="target_rows")
    section = models.CharField(max_length=300, blank=True)
    title = models.CharField(max_length=500)
    reference = models.CharField(max_length=200, blank=True)
    baseline = models.CharField(max_length=100, blank=True)
    target = models.CharField(max_length=100, blank=True)
    actual = models.CharField(max_length=100, blank=True)
    printed_change = models.CharField(max_length=100, blank=True)
    order = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "order"]

    def __str__(self) -> str:
        return self.title
